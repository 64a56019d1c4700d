"""The dataset template users download: every contract file with one example row, and a README.

The example rows are small CSV files in dashboard/template/ (data, not code), so they are edited
like any dataset file; the README there names the upload limits, filled in from the limits the
app enforces.
"""

from __future__ import annotations

import csv
from pathlib import Path

from dashboard.core.contract import CONTRACT
from dashboard.core.dataset_zip import csv_file_bytes, zip_bytes
from dashboard.core.dictionary import DATA_DICTIONARY_PAGE
from dashboard.core.intake import UploadLimits
from dashboard.core.reader import human_size

TEMPLATE_FOLDER = Path(__file__).resolve().parents[1] / "template"
README = "README.txt"
# Where the template sends readers for every file and column.
DATA_DICTIONARY = (
    f"the {DATA_DICTIONARY_PAGE} page of the app (datasets/README.md in the app's source code)"
)


def template_files() -> dict[str, bytes]:
    """Each contract file's template (header and one example row), written as every dataset
    CSV the app writes (UTF-8 with a BOM, CRLF, escaped cells)."""
    files = {}
    for spec in CONTRACT:
        with (TEMPLATE_FOLDER / spec.file).open(encoding="utf-8", newline="") as handle:
            header, *rows = csv.reader(handle)
        files[spec.file] = csv_file_bytes(header, rows)
    return files


def template_readme(limits: UploadLimits | None = None) -> str:
    """The template's README.txt with the upload limits filled in."""
    limits = limits or UploadLimits()
    table = limits.table
    return (
        (TEMPLATE_FOLDER / README)
        .read_text(encoding="utf-8")
        .format(
            data_dictionary=DATA_DICTIONARY,
            max_upload=human_size(limits.max_upload_bytes),
            max_entries=limits.max_entries,
            max_unzipped=human_size(limits.max_unzipped_bytes),
            max_rows=f"{table.max_rows:,}",
            max_columns=table.max_columns,
            max_cell_chars=f"{table.max_cell_chars:,}",
        )
    )


def template_zip(limits: UploadLimits | None = None) -> bytes:
    """A zip of every contract CSV with its header and one example row, plus a README.txt."""
    entries = template_files()
    entries[README] = template_readme(limits).encode("utf-8")
    return zip_bytes(entries)
