"""Spreadsheet safety: formula-like text is escaped, and unescaping gives back the exact value."""

from __future__ import annotations

import pytest

from dashboard.core.spreadsheet import FORMULA_PREFIXES, escape_cell, unescape_cell


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@cmd", "'@cmd"),
        ("\tfoo", "'\tfoo"),
        ("\rbar", "'\rbar"),
        ("a=b", "a=b"),
        ("", ""),
        ("O'Brien", "O'Brien"),
        ("🚀 launch", "🚀 launch"),
        # Only the first character counts: a leading space is not read as a formula.
        (" =1", " =1"),
        ("Project Manager", "Project Manager"),
        # Text that already starts with "'" before a formula character gets one more, so that
        # unescaping gives it back exactly.
        ("'=x", "''=x"),
        ("'plain", "'plain"),
    ],
)
def test_escape_cell(value, expected):
    assert escape_cell(value) == expected


# (cell as written in a CSV, the value it stands for)
READ_BACK = [
    ("'=SUM(A1)", "=SUM(A1)"),
    ("'+1", "+1"),
    ("'-x", "-x"),
    ("'@cmd", "@cmd"),
    ("'''=x", "''=x"),
    ("=SUM(A1)", "=SUM(A1)"),
    ("'plain", "'plain"),
    ("'", "'"),
    ("rock 'n' roll", "rock 'n' roll"),
]


@pytest.mark.parametrize(("written", "value"), READ_BACK)
def test_unescape_cell_removes_one_quote_before_formula_text_only(written, value):
    assert unescape_cell(written) == value


TRICKY = [
    "=SUM(A1)",
    '=HYPERLINK("https://evil.example","click")',
    "-x",
    "+1",
    "@cmd",
    "'=already quoted",
    "''-twice",
    "'",
    "''",
    "'plain",
    "rock 'n' roll",
    "\t",
    "",
    "Zoë → Ærø",
]


@pytest.mark.parametrize("value", TRICKY)
def test_escaping_is_safe_and_exactly_undone(value):
    written = escape_cell(value)
    assert not written.startswith(FORMULA_PREFIXES)
    assert unescape_cell(written) == value
