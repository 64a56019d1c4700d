"""Turn the bytes of one CSV file into a table of text cells, or say exactly why not.

Cells stay text here; the validation module decides what each must hold. The frame's index
is the row number a spreadsheet shows (the header is row 1), so every later message can
point at the right row even when blank rows were skipped or a cell holds a line break.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import pandas as pd

from dashboard.core.problems import Problem
from dashboard.core.spreadsheet import UTF8_BOM, unescape_cell

DELIMITERS = {",": "commas", ";": "semicolons", "\t": "tabs"}
_EMPTY = "the file is empty; it needs a header row with the columns "


@dataclass(frozen=True)
class Limits:
    """Caps that keep one file from exhausting the server's memory or the reader's patience."""

    max_file_bytes: int = 100 * 1024 * 1024
    max_rows: int = 500_000
    max_columns: int = 60
    max_cell_chars: int = 10_000


@dataclass(frozen=True)
class TextTable:
    """What reading one file produced: a frame (or None), its problems and notes."""

    frame: pd.DataFrame | None
    problems: tuple[Problem, ...]
    notes: tuple[str, ...] = ()


def read_table(
    file: str, data: bytes, expected_columns: tuple[str, ...], limits: Limits
) -> TextTable:
    """Decode and parse one CSV file into text cells indexed by spreadsheet row number."""
    if len(data) > limits.max_file_bytes:
        return _failed(
            file, f"the file is larger than the {human_size(limits.max_file_bytes)} limit"
        )
    try:
        text = data.removeprefix(UTF8_BOM).decode("utf-8")
    except UnicodeDecodeError as error:
        row = data[: error.start].count(b"\n") + 1
        byte = data[error.start : error.start + 1].hex().upper()
        return _failed(
            file,
            f"the text is not UTF-8 (byte 0x{byte} cannot be read); "
            "save the file as 'CSV UTF-8' and upload it again",
            row=row,
        )
    if "\x00" in text:
        return _failed(file, "the file holds NUL bytes, so it is not a text CSV file")
    if not text.strip():
        return _failed(file, _EMPTY + ", ".join(expected_columns))

    delimiter = _detect_delimiter(text, expected_columns)
    notes = []
    if delimiter != ",":
        notes.append(f"{file} is separated by {DELIMITERS[delimiter]}; it was read that way.")
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        return _failed(file, f"the file cannot be read as CSV ({error})")
    return _frame_from_records(file, records, expected_columns, limits, tuple(notes))


def human_size(size: int) -> str:
    """A byte count as people say it: 512 bytes, 20 KB, 1.5 MB."""
    for unit, scale in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if size >= scale:
            return f"{size / scale:.3g} {unit}"
    return f"{size} bytes"


def _cell(raw: str) -> str:
    """A cell without surrounding spaces and without the "'" an export put before a formula,
    so that an exported dataset loads back to identical tables."""
    return unescape_cell(raw.strip())


def _failed(file: str, message: str, row: int | None = None) -> TextTable:
    return TextTable(None, (Problem(file, row, None, message),))


def _detect_delimiter(text: str, expected_columns: tuple[str, ...]) -> str:
    """Pick the separator under which the header names the most contract columns."""
    header_line = text.lstrip("\r\n").splitlines()[0] if text.strip() else ""

    def score(delimiter: str) -> tuple[int, int]:
        cells = next(csv.reader([header_line], delimiter=delimiter), [])
        names = {cell.strip() for cell in cells}
        return (len(names & set(expected_columns)), len(cells))

    return max(DELIMITERS, key=score)


def _frame_from_records(
    file: str,
    records: list[list[str]],
    expected_columns: tuple[str, ...],
    limits: Limits,
    notes: tuple[str, ...],
) -> TextTable:
    filled = (i for i, record in enumerate(records) if any(cell.strip() for cell in record))
    header_index = next(filled, None)
    if header_index is None:
        return _failed(file, _EMPTY + ", ".join(expected_columns))
    header = [_cell(cell) for cell in records[header_index]]
    header_row = header_index + 1
    problems: list[Problem] = []

    if len(header) > limits.max_columns:
        return _failed(
            file, f"the header has {len(header)} columns; the limit is {limits.max_columns}"
        )
    # Spreadsheets often save trailing empty columns; drop them rather than complain.
    while header and not header[-1]:
        header.pop()
    seen: dict[str, int] = {}
    for position, name in enumerate(header, start=1):
        if not name:
            problems.append(
                Problem(file, header_row, None, f"column {position} of the header has no name")
            )
        elif name in seen:
            problems.append(
                Problem(
                    file,
                    header_row,
                    name,
                    f"the header names this column twice (columns {seen[name]} and {position})",
                )
            )
        else:
            seen[name] = position
    missing = [column for column in expected_columns if column not in seen]
    problems.extend(
        Problem(
            file,
            None,
            column,
            "this column is missing from the header (it has: " + ", ".join(header) + ")",
        )
        for column in missing
    )
    if problems:
        return TextTable(None, tuple(problems), notes)

    width = len(header)
    rows: list[list[str]] = []
    row_numbers: list[int] = []
    data_records = records[header_index + 1 :]
    if len(data_records) > limits.max_rows:
        # Count only non-blank rows before refusing: trailing blank lines are harmless.
        filled = sum(1 for record in data_records if any(cell.strip() for cell in record))
        if filled > limits.max_rows:
            return _failed(file, f"the file has {filled:,} rows; the limit is {limits.max_rows:,}")
    for offset, record in enumerate(data_records):
        row_number = header_row + 1 + offset
        cells = [_cell(cell) for cell in record]
        if not any(cells):
            continue
        if len(cells) > width:
            if any(cells[width:]):
                problems.append(
                    Problem(
                        file,
                        row_number,
                        None,
                        f"this row has {len(cells)} cells but the header has {width} columns "
                        "(is a comma missing its quotes?)",
                    )
                )
                continue
            cells = cells[:width]
        elif len(cells) < width:
            cells = cells + [""] * (width - len(cells))
        for column, cell in zip(header, cells, strict=True):
            if len(cell) > limits.max_cell_chars:
                problems.append(
                    Problem(
                        file,
                        row_number,
                        column,
                        f"the cell has {len(cell):,} characters; the limit is "
                        f"{limits.max_cell_chars:,}",
                    )
                )
        rows.append(cells)
        row_numbers.append(row_number)
    if problems:
        return TextTable(None, tuple(problems), notes)
    columns = {name: [row[i] for row in rows] for i, name in enumerate(header)}
    frame = pd.DataFrame(columns, index=pd.Index(row_numbers, name="row"), dtype=str)
    return TextTable(frame, (), notes)
