"""CSV files of the comparison that open cleanly in a spreadsheet, and names that say what is
inside them.

Text cells are escaped against formula injection (see dashboard.core.spreadsheet); numbers in
numeric columns are left alone, so a negative similarity still exports as a number.
"""

from __future__ import annotations

import datetime
import io
import re
import unicodedata
from collections.abc import Sequence
from numbers import Number

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv

from dashboard.core.spreadsheet import LINE_END, UTF8_BOM, escape_cell

# Beyond three roles a list of names makes an unreadable file name; the count says enough.
MAX_NAMED_ROLES = 3
MAX_FILENAME_LENGTH = 120
ALL_INDUSTRIES_SLUG = "all-industries"
EXTENSION = ".csv"
_CELLS_PER_CHUNK = 1_000_000


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The frame as UTF-8-with-BOM CSV bytes, header and no index, safe against formulas.

    Tested against the cell-by-cell version, tests/test_export.py::reference_csv_bytes.
    """
    plain = frame.reset_index(drop=True)
    # Columns by position, so duplicate headers work. Built in one go, pandas stores the text
    # columns as one block, which it writes several times faster than one block per column (a
    # wide comparison has 3,000 role columns).
    safe = pd.DataFrame(
        {position: _safe_column(plain.iloc[:, position]) for position in range(plain.shape[1])},
        index=plain.index,
    )
    safe.columns = [escape_cell(str(name)) for name in frame.columns]
    # pandas writes 100,000 cells a chunk, 33 rows of a 3,000-column frame: bigger chunks halve
    # the time of a wide comparison's CSV and change nothing else.
    rows_per_chunk = max(1, _CELLS_PER_CHUNK // max(1, safe.shape[1]))
    text = safe.to_csv(index=False, lineterminator=LINE_END, chunksize=rows_per_chunk)
    return UTF8_BOM + text.encode("utf-8")


def export_filename(
    kind: str,
    role_names: Sequence[str],
    industry_name: str | None,
    on: datetime.date,
    extension: str = EXTENSION,
) -> str:
    """A file-system-safe file name giving the kind, roles (or their count), industry and date
    (a CSV file unless another extension, such as ".docx", is given)."""
    if 1 <= len(role_names) <= MAX_NAMED_ROLES:
        roles = [_slug(name) or "role" for name in role_names]
    else:
        roles = [f"{len(role_names)}-roles"]
    kind_part = _slug(kind) or "export"
    # A name with no ASCII letters still names one industry, never "all industries".
    industry_part = (_slug(industry_name) or "industry") if industry_name else ALL_INDUSTRIES_SLUG
    date_part = f"_{on.isoformat()}{extension}"
    # Long role names are cut first, so the kind, industry and date stay readable.
    room_for_roles = MAX_FILENAME_LENGTH - len(kind_part) - len(industry_part) - len(date_part) - 2
    roles_part = "_".join(roles)[: max(0, room_for_roles)].rstrip("-_")
    name = "_".join(part for part in (kind_part, roles_part, industry_part) if part)
    # Only an absurdly long kind or industry needs this second cut; the date always survives.
    return name[: MAX_FILENAME_LENGTH - len(date_part)].rstrip("-_") + date_part


def _safe_column(column: pd.Series) -> pd.Series:
    """Numeric columns as they are; text columns with every formula-like cell neutralised."""
    # Numbers need no checking, and skipping them keeps a 3,000-column matrix out of Python loops.
    if pd.api.types.is_numeric_dtype(column) or pd.api.types.is_bool_dtype(column):
        return column
    cells = column.astype(object).to_numpy(dtype=object, copy=True)
    # Blank text needs no change and is most of a wide comparison's cells (a role rates few of
    # the items): only the other cells are checked one by one.
    checked = ~_is_blank(cells)
    cells[checked] = np.fromiter(
        (_safe_value(value) for value in cells[checked]), dtype=object, count=int(checked.sum())
    )
    return pd.Series(cells, index=column.index, dtype=object)


def _is_blank(cells: np.ndarray) -> np.ndarray:
    """Which cells of an object array are the empty string (missing values never are)."""
    try:
        return np.asarray(cells == "", dtype=bool)
    except (TypeError, ValueError):  # a cell such as pd.NA has no yes-or-no answer to ==
        return np.array([isinstance(cell, str) and cell == "" for cell in cells], dtype=bool)


def _safe_value(value: object) -> object:
    """One cell of a text column: missing stays missing, numbers stay numbers, text is checked."""
    if value is None or (not isinstance(value, str) and pd.isna(value) is True):
        return None
    if isinstance(value, Number) and not isinstance(value, bool):
        return value
    return escape_cell(str(value))


def _slug(text: str) -> str:
    """Lowercase ASCII letters, digits and single hyphens ("São Paulo!" -> "sao-paulo")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def matrix_csv_bytes(matrix: np.ndarray, names: Sequence[str], decimals: int = 3) -> bytes:
    """A square role x role matrix as CSV (first column the names), fast at 3,000 x 3,000.

    pandas' writer formats every float in Python; pyarrow's writes the columns in C, which keeps
    the full all-pairs export at ESCO size to about a second. Same BOM and formula safety.
    """
    labels = [escape_cell(str(name)) for name in names]
    if matrix.shape != (len(labels), len(labels)):
        raise ValueError(f"Matrix shape {matrix.shape} does not match {len(labels)} names.")
    rounded = np.round(np.asarray(matrix, dtype=np.float64), decimals)
    # Column names must be unique for pyarrow; the header row is written by hand instead.
    table = pa.table(
        [pa.array(labels, type=pa.string())]
        + [pa.array(rounded[:, i]) for i in range(len(labels))],
        names=[f"c{i}" for i in range(len(labels) + 1)],
    )
    sink = io.BytesIO()
    options = pa_csv.WriteOptions(include_header=False, quoting_style="needed")
    pa_csv.write_csv(table, sink, write_options=options)
    header = pd.DataFrame(columns=["role", *labels]).to_csv(index=False, lineterminator="\n")
    # pyarrow ends rows with "\n"; keep one line ending throughout the file.
    body = sink.getvalue().replace(b"\n", LINE_END.encode())
    return UTF8_BOM + header.replace("\n", LINE_END).encode("utf-8") + body
