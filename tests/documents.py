"""Helpers for the hiring-packet tests: the tables of an HTML document read back, and a
document's lines checked against the CSV files read by hand (the csv module, never the app's
loader).

Not a test module: the packet's unit, CLI and browser tests share these.
"""

from __future__ import annotations

import os
from html.parser import HTMLParser
from pathlib import Path

from dashboard.core.contract import SOURCE, SOURCE_SEPARATOR
from dashboard.core.document import Document, Line, Row
from tests.support import read_csv

GOLDEN = Path(__file__).parent / "golden"
# UPDATE_GOLDEN=1 rewrites the golden files from the current code (then read the diff).
UPDATE_GOLDEN = os.environ.get("UPDATE_GOLDEN") == "1"
# Files whose rows are about one role (a statement's sources must be cited by one of them).
ROLE_FILES = (
    "roles.csv",
    "role_skills.csv",
    "role_responsibilities.csv",
    "role_certifications.csv",
    "role_industries.csv",
)


class _Tables(HTMLParser):
    """The tables of a page that carry data-table, as rows of cell texts (header first)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._name: str | None = None
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "table" and "data-table" in attributes:
            self._name = attributes["data-table"]
            self.tables[self._name] = []
        elif self._name is None:
            return
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if self._name is None:
            return
        if tag == "table":
            self._name = None
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append("".join(self._cell))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.tables[self._name].append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def golden(name: str, text: str) -> str:
    """The golden file's text (with UPDATE_GOLDEN=1, first rewritten as text)."""
    path = GOLDEN / name
    if UPDATE_GOLDEN:
        path.write_text(text, encoding="utf-8", newline="\n")
    return path.read_text(encoding="utf-8")


def html_tables(markup: str) -> dict[str, list[list[str]]]:
    """Each data-table of an HTML page by name: its rows of cell texts, the header first."""
    parser = _Tables()
    parser.feed(markup)
    return parser.tables


def split_sources(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(SOURCE_SEPARATOR) if part.strip()]


class Rows:
    """A dataset folder's CSV rows, read by hand once per file."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._files: dict[str, list[dict[str, str]]] = {}

    def file(self, name: str) -> list[dict[str, str]]:
        if name not in self._files:
            path = self.folder / name
            self._files[name] = read_csv(name, self.folder) if path.is_file() else []
        return self._files[name]

    def find(self, table: str, key: tuple[tuple[str, str], ...]) -> list[dict[str, str]]:
        """The rows of table.csv whose key columns hold these values (an absent column is blank)."""
        return [
            row
            for row in self.file(f"{table}.csv")
            if all((row.get(column) or "") == value for column, value in key)
        ]

    def about_roles(self, role_ids: set[str]) -> set[str]:
        """Every source cited by a row about one of these roles."""
        return {
            source
            for name in ROLE_FILES
            for row in self.file(name)
            if row.get("role_id") in role_ids
            for source in split_sources(row.get(SOURCE) or "")
        }


def line_text(item: Line | Row) -> str:
    return item.text if isinstance(item, Line) else " ".join(item.cells)


def check_lines(built: Document, rows: Rows) -> int:
    """Assert that every bullet and table row of a document resolves to dataset rows and cites
    their sources (every paragraph that names rows too); returns how many lines were checked.

    - each reference finds exactly one row of its CSV file, and each value the line says it
      shows is in its text;
    - a line citing its rows cites exactly their sources; a computed line (its rows only name
      the roles it is about) cites only sources of rows about those roles;
    - every cited source is a numbered note.
    """
    checked = 0
    noted = {note.source_id for note in built.notes}
    bullets_or_rows = set()
    for section in built.sections:
        for block in section.blocks:
            for item in getattr(block, "lines", ()) or getattr(block, "rows", ()):
                bullets_or_rows.add(id(item))
    for section, item in built.lines():
        if not section.cites_data:
            continue
        text = line_text(item)
        if id(item) in bullets_or_rows:
            assert item.refs, f"{section.heading}: no dataset row behind {text!r}"
        expected: set[str] = set()
        about: set[str] = set()
        for ref in item.refs:
            found = rows.find(ref.table, ref.key)
            assert len(found) == 1, (ref, text)
            row = found[0]
            for column in ref.shows:
                value = " ".join((row.get(column) or "").split())
                assert value and value in " ".join(text.split()), (column, value, text)
            if ref.cites:
                expected |= set(split_sources(row.get(SOURCE) or ""))
            elif ref.table == "roles":
                about.add(row["role_id"])
        if any(ref.cites for ref in item.refs):
            assert set(item.sources) == expected, (text, item.sources, expected)
        else:
            assert set(item.sources) <= rows.about_roles(about), text
        assert set(item.sources) <= noted
        checked += 1
    return checked
