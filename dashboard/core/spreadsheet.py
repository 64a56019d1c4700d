"""What makes a CSV file open cleanly and safely in a spreadsheet, and read back exactly.

Spreadsheets read a cell that begins with "=", "+", "-", "@", tab or carriage return as a
formula, so a hostile value in the data could run when the file is opened (OWASP "CSV
injection"). escape_cell puts a "'" before such text, which spreadsheets show as text; it does
the same to text that already began with "'" before a formula character, so that unescape_cell
can undo exactly one "'" and every value survives a write and a read unchanged.
"""

from __future__ import annotations

# The byte-order mark makes Excel read a file as UTF-8 rather than the local code page.
UTF8_BOM = b"\xef\xbb\xbf"
# RFC 4180 specifies CRLF between records; Excel, LibreOffice and pandas read "\n" as well,
# so the standard choice costs nothing.
LINE_END = "\r\n"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
TEXT_MARKER = "'"


def _looks_like_formula(text: str) -> bool:
    """Whether text, once any leading "'" is set aside, starts as a formula would."""
    return text.lstrip(TEXT_MARKER).startswith(FORMULA_PREFIXES)


def escape_cell(value: str) -> str:
    """Text a spreadsheet shows as written: "'" before formula-like text (see the module note)."""
    return TEXT_MARKER + value if _looks_like_formula(value) else value


def unescape_cell(cell: str) -> str:
    """The value escape_cell was given: one leading "'" removed from formula-like text only.

    Any other "'" ("'plain", "rock 'n' roll") is text someone typed and is kept.
    """
    if cell.startswith(TEXT_MARKER) and _looks_like_formula(cell):
        return cell[len(TEXT_MARKER) :]
    return cell
