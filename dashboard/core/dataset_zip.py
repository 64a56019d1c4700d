"""A dataset out as a zip of contract CSV files, built in memory, that loads back identically.

Cells are escaped against formula injection (dashboard.core.spreadsheet) and the reader undoes
exactly that escape, so an exported dataset loads back to identical tables. Zip metadata is
fixed, so the same tables always give the same bytes.
"""

from __future__ import annotations

import csv
import io
import stat
import zipfile
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from dashboard.core.contract import CONTRACT, YES_NO
from dashboard.core.dataset import Dataset
from dashboard.core.spreadsheet import LINE_END, UTF8_BOM, escape_cell

# Fixed metadata, so the same tables always give the same zip bytes.
ZIP_TIMESTAMP = (1980, 1, 1, 0, 0, 0)
ZIP_FILE_MODE = (stat.S_IFREG | 0o644) << 16
ZIP_UNIX = 3
ZIP_LEVEL = 9


def dataset_zip(dataset: Dataset) -> bytes:
    """The dataset's tables as a zip of UTF-8 CSV files that loads back to identical tables."""
    entries = {}
    for spec in CONTRACT:
        frame = dataset.table(spec.table)
        columns = [text_cells(frame.iloc[:, i]) for i in range(frame.shape[1])]
        entries[spec.file] = csv_file_bytes(
            [str(c) for c in frame.columns], zip(*columns, strict=True)
        )
    return zip_bytes(entries)


def text_cells(column: pd.Series) -> list[str]:
    """A typed column as the text the contract writes: yes/no, whole numbers, text, blanks."""
    if pd.api.types.is_bool_dtype(column):
        yes, no = YES_NO
        return [yes if value else no for value in column]
    if pd.api.types.is_integer_dtype(column):
        return [str(int(value)) for value in column]
    return ["" if pd.isna(value) else str(value) for value in column]


def csv_file_bytes(header: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    """UTF-8 CSV with a BOM (so Excel reads it as UTF-8), every cell escaped."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator=LINE_END)
    writer.writerow([escape_cell(cell) for cell in header])
    writer.writerows([escape_cell(cell) for cell in row] for row in rows)
    return UTF8_BOM + text.getvalue().encode("utf-8")


def zip_bytes(entries: Mapping[str, bytes]) -> bytes:
    """A zip of the entries in name order with fixed metadata: same entries, same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIMESTAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = ZIP_UNIX
            info.external_attr = ZIP_FILE_MODE
            archive.writestr(info, entries[name], compresslevel=ZIP_LEVEL)
    return buffer.getvalue()
