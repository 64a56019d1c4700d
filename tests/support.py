"""Helpers the test modules share: the test datasets as files, and zips of them read back.

Not a test module: fixtures live in conftest.py, and these plain helpers beside them, so that no
test module imports another.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pandas as pd

from dashboard.core.contract import CONTRACT
from dashboard.core.dataset import Dataset

ROOT = Path(__file__).resolve().parents[1]
MINI = Path(__file__).parent / "fixtures" / "mini"
SHIPPED = ROOT / "datasets"


def mini_files() -> dict[str, bytes]:
    """The mini fixture as {file name: bytes}, a fresh copy each call."""
    return {spec.file: (MINI / spec.file).read_bytes() for spec in CONTRACT}


def with_line(files: dict[str, bytes], file: str, line: int, text: str) -> dict[str, bytes]:
    """A copy of files where line `line` (1 = header) of `file` is replaced by `text`."""
    lines = files[file].decode("utf-8").splitlines()
    lines[line - 1] = text
    return {**files, file: ("\n".join(lines) + "\n").encode("utf-8")}


def zip_entries(data: bytes) -> dict[str, bytes]:
    """A zip's entries by name."""
    with zipfile.ZipFile(io.BytesIO(data)) as opened:
        return {info.filename: opened.read(info) for info in opened.infolist()}


def csv_records(data: bytes) -> list[list[str]]:
    """A CSV file's rows (header first), read with the csv module."""
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def assert_same_tables(a: Dataset, b: Dataset) -> None:
    """Every contract table of a equals b's (row numbers aside)."""
    for spec in CONTRACT:
        pd.testing.assert_frame_equal(
            a.table(spec.table).reset_index(drop=True),
            b.table(spec.table).reset_index(drop=True),
            obj=spec.file,
        )
