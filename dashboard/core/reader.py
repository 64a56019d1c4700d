"""Turn the bytes of one CSV file into a table of text cells, or say exactly why not.

Cells stay text here; the validation module decides what each must hold. The frame's index
is the row number a spreadsheet shows (the header is row 1), so every later message can
point at the right row even when blank rows were skipped or a cell holds a line break.

Files that are not CSV text at all (a spreadsheet workbook, UTF-16 text, a zip) are named for
what they are, with the way to save them as CSV UTF-8, so that nobody has to decode "byte 0xFF".
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

import pandas as pd

from dashboard.core.problems import Problem
from dashboard.core.spreadsheet import UTF8_BOM, unescape_cell

DELIMITERS = {",": "commas", ";": "semicolons", "\t": "tabs"}
_EMPTY = "the file is empty; it needs a header row with the columns "
_SAVE_AS_CSV = "save it as 'CSV UTF-8' (in Excel: File › Save As › CSV UTF-8) and upload that"
# Excel writes "sep=;" as a first line to say which separator the file uses.
_EXCEL_SEPARATOR_LINE = re.compile(r"sep=(.)[ \t]*")
_ZIP_SIGNATURE = b"PK\x03\x04"
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003 workbooks
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# Python's csv module stops at 131,072 characters a field with an error that names no row or
# column. The reader's own caps (the file size, the characters of a cell) say what is wrong
# instead, so the module may read any field a file within the size cap can hold.
_FIELD_LIMIT_FLOOR = 128 * 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Caps that keep one file from exhausting the server's memory or the reader's patience."""

    max_file_bytes: int = 100_000_000
    max_rows: int = 500_000
    max_columns: int = 60
    max_cell_chars: int = 10_000
    max_header_chars: int = 1_000


@dataclass(frozen=True)
class TextTable:
    """What reading one file produced: a frame (or None), its problems and notes."""

    frame: pd.DataFrame | None
    problems: tuple[Problem, ...]
    notes: tuple[str, ...] = ()
    # The column names the header gave, as read (also when columns were missing).
    header: tuple[str, ...] = ()


def read_table(
    file: str, data: bytes, expected_columns: tuple[str, ...], limits: Limits
) -> TextTable:
    """Decode and parse one CSV file into text cells indexed by spreadsheet row number."""
    if len(data) > limits.max_file_bytes:
        return _failed(
            file, f"the file is larger than the {human_size(limits.max_file_bytes)} limit"
        )
    not_text = _not_csv_text(data)
    if not_text:
        return _failed(file, not_text)
    notes: list[str] = []
    boms = 0
    while data.startswith(UTF8_BOM):
        data, boms = data[len(UTF8_BOM) :], boms + 1
    if boms > 1:
        notes.append(f"{file} starts with {boms} byte-order marks; the extra ones were ignored.")
    try:
        text = data.decode("utf-8")
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

    text, excel_separator = _without_excel_separator_line(text)
    if excel_separator is not None and excel_separator not in DELIMITERS:
        shown = repr(excel_separator)
        return _failed(
            file,
            f"the first line 'sep={excel_separator}' asks for {shown} as the separator; "
            "use commas, semicolons or tabs",
        )
    delimiter = excel_separator or _detect_delimiter(text, expected_columns)
    if excel_separator is not None:
        notes.append(
            f"{file} starts with Excel's 'sep={excel_separator}' line; it was read as the "
            "separator, not as data."
        )
    elif delimiter != ",":
        notes.append(f"{file} is separated by {DELIMITERS[delimiter]}; it was read that way.")
    if csv.field_size_limit() < max(_FIELD_LIMIT_FLOOR, limits.max_file_bytes):
        csv.field_size_limit(max(_FIELD_LIMIT_FLOOR, limits.max_file_bytes))
    records = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return _frame_from_records(file, records, expected_columns, limits, notes)
    except csv.Error as error:
        return _failed(file, f"the file cannot be read as CSV ({error})", row=records.line_num)


def human_size(size: int) -> str:
    """A byte count as people (and browsers' upload limits) say it: 512 bytes, 20 KB, 1.5 MB.

    Decimal units (1 MB = 1,000,000 bytes), as Streamlit's server.maxUploadSize counts them.
    """
    for unit, scale in (("GB", 1000**3), ("MB", 1000**2), ("KB", 1000)):
        if size >= scale:
            return f"{size / scale:.3g} {unit}"
    return f"{size} bytes"


def invisible_characters(text: str) -> list[str]:
    """The invisible format characters in text (zero-width spaces, BOMs, direction marks),
    each named, e.g. "U+200B ZERO WIDTH SPACE", once each in order."""
    found = dict.fromkeys(char for char in text if unicodedata.category(char) == "Cf")
    return [f"U+{ord(char):04X} {unicodedata.name(char, 'FORMAT CHARACTER')}" for char in found]


def _not_csv_text(data: bytes) -> str | None:
    """What the file is, when it is plainly not CSV text, said so that the user can fix it."""
    head = data[:4096]
    if head.startswith(_ZIP_SIGNATURE):
        if b"xl/" in data[:65536] or b"[Content_Types].xml" in data[:65536]:
            return "this is an Excel workbook (.xlsx), not a CSV file; " + _SAVE_AS_CSV
        return "this is a zip file, not a CSV file; upload it with a .zip name"
    if head.startswith(_OLE_SIGNATURE):
        return "this is an Excel 97-2003 workbook (.xls), not a CSV file; " + _SAVE_AS_CSV
    if head.startswith(_UTF16_BOMS) or _looks_like_utf16(head):
        return "the text is UTF-16, not UTF-8; " + _SAVE_AS_CSV
    return None


def _looks_like_utf16(head: bytes) -> bool:
    """UTF-16 without its byte-order mark: ASCII text with a NUL beside every character (and
    only there: a file of zeros is not text of any kind)."""
    pairs = head[: len(head) // 2 * 2]
    if len(pairs) < 8:
        return False
    evens, odds = pairs[0::2], pairs[1::2]
    half = len(evens)
    mostly_nul = (evens.count(0) > 0.9 * half, odds.count(0) > 0.9 * half)
    return mostly_nul[0] != mostly_nul[1]


def _without_excel_separator_line(text: str) -> tuple[str, str | None]:
    """The text without a first line "sep=X" (Excel's separator hint), and X if it was there."""
    first, newline, rest = text.partition("\n")
    match = _EXCEL_SEPARATOR_LINE.fullmatch(first.rstrip("\r"))
    if match is None:
        return text, None
    return rest if newline else "", match.group(1)


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
        names = {_header_name(name) for name in header_line.split(delimiter)}
        return (len(names & set(expected_columns)), header_line.count(delimiter))

    return max(DELIMITERS, key=score)


def _header_name(raw: str) -> str:
    """A header cell as a column name: trimmed, unquoted, invisible characters removed."""
    cell = _cell(raw).strip('"')
    return "".join(char for char in cell if unicodedata.category(char) != "Cf").strip()


def _frame_from_records(
    file: str,
    records: Iterator[list[str]],
    expected_columns: tuple[str, ...],
    limits: Limits,
    notes: list[str],
) -> TextTable:
    header_row = 0
    raw_header: list[str] | None = None
    for header_row, record in enumerate(records, start=1):  # noqa: B007
        if any(cell.strip() for cell in record):
            raw_header = record
            break
    if raw_header is None:
        return _failed(file, _EMPTY + ", ".join(expected_columns))
    if len(raw_header) > limits.max_columns:
        return _failed(
            file, f"the header has {len(raw_header):,} columns; the limit is {limits.max_columns}"
        )
    problems: list[Problem] = []
    header = [_cell(cell) for cell in raw_header]
    # Spreadsheets often save trailing empty columns; drop them rather than complain.
    while header and not header[-1]:
        header.pop()
    seen: dict[str, int] = {}
    for position, written in enumerate(header, start=1):
        if len(written) > limits.max_header_chars:
            problems.append(
                Problem(
                    file,
                    header_row,
                    None,
                    f"column {position} of the header is {len(written):,} characters long; "
                    f"a column name may have at most {limits.max_header_chars:,}",
                )
            )
            continue
        name = "".join(char for char in written if unicodedata.category(char) != "Cf").strip()
        if name != written and name:
            hidden = ", ".join(invisible_characters(written))
            notes.append(
                f"{file}: the header's '{name}' held an invisible character ({hidden}); "
                "it was removed."
            )
        header[position - 1] = name
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
    named = tuple(name for name in header if name)
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
        return TextTable(None, tuple(problems), tuple(notes), named)

    width = len(header)
    rows: list[list[str]] = []
    row_numbers: list[int] = []
    for row_number, record in enumerate(records, start=header_row + 1):
        cells = [_cell(cell) for cell in record]
        if not any(cells):
            continue
        # Counted while reading, so a file far over the cap is refused without parsing it all.
        if len(rows) == limits.max_rows:
            return TextTable(
                None,
                (
                    Problem(
                        file,
                        None,
                        None,
                        f"the file has more than {limits.max_rows:,} rows; the limit is "
                        f"{limits.max_rows:,}",
                    ),
                ),
                tuple(notes),
            )
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
        return TextTable(None, tuple(problems), tuple(notes), named)
    columns = {name: [row[i] for row in rows] for i, name in enumerate(header)}
    frame = pd.DataFrame(columns, index=pd.Index(row_numbers, name="row"), dtype=str)
    return TextTable(frame, (), tuple(notes), named)
