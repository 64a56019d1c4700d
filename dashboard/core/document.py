"""A small format-neutral document: headings, paragraphs, bullets, tables and pictures, each line
with the dataset rows it shows and the sources it cites.

The hiring packet (job description, interview scorecard, decision brief) is built once as a
Document and then rendered to Markdown, Word or HTML (dashboard.core.markdown_document,
word_document, html_document), so every format says the same thing, and a test can walk the
structure and check that every line resolves to the dataset rows and sources it names.

All text here is plain text: renderers escape it for their format (nothing in a Document is
markup, except a Figure's SVG, which dashboard.core.svg builds with every label escaped).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from dashboard.core.contract import (
    PUBLISHER,
    SOURCE,
    SOURCE_ID,
    SOURCE_SEPARATOR,
    TABLES,
    TITLE,
    URL,
)
from dashboard.core.dataset import Dataset


@dataclass(frozen=True)
class Span:
    """A run of text, optionally strong (bold)."""

    text: str
    strong: bool = False


@dataclass(frozen=True)
class RowRef:
    """One dataset row a line shows: its table, the key columns that find it (with their values)
    and the columns whose values the line repeats. A line cites the sources of the rows it
    refers to, except rows that only name what a computed statement or number is about
    (cites=False): a similarity is not a fact of the role's row."""

    table: str
    key: tuple[tuple[str, str], ...]
    shows: tuple[str, ...] = ()
    cites: bool = True


@dataclass(frozen=True)
class Line:
    """A paragraph, bullet or table row's text, the rows it comes from and the sources it cites."""

    spans: tuple[Span, ...]
    refs: tuple[RowRef, ...] = ()
    sources: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """The line's text, without formatting."""
        return "".join(span.text for span in self.spans)


@dataclass(frozen=True)
class Heading:
    """A heading inside a section (level 3 and below)."""

    text: str
    level: int = 3


@dataclass(frozen=True)
class Paragraph:
    """One paragraph."""

    line: Line


@dataclass(frozen=True)
class Bullets:
    """A bulleted list."""

    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Row:
    """A table row: its cells (plain text) and, like a line, its rows and sources."""

    cells: tuple[str, ...]
    refs: tuple[RowRef, ...] = ()
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    """A table with a header row; `name` tells tables apart in HTML (data-table)."""

    name: str
    header: tuple[str, ...]
    rows: tuple[Row, ...]
    caption: str = ""
    # Columns a form leaves blank to be filled in by hand (wider in print).
    blank_columns: tuple[int, ...] = ()
    # Columns holding a web address from the contract's URL columns (written as links).
    link_columns: tuple[int, ...] = ()


@dataclass(frozen=True)
class Figure:
    """A static picture as inline SVG, with a caption; formats without pictures show the
    caption and point to the table that holds the same numbers."""

    name: str
    svg: str
    caption: str


Block = Heading | Paragraph | Bullets | Table | Figure


@dataclass(frozen=True)
class Section:
    """A titled part of a document; cites_data is False for parts made from the document itself
    (the inclusive-wording check), whose lines name no dataset row."""

    heading: str
    blocks: tuple[Block, ...]
    key: str
    cites_data: bool = True


@dataclass(frozen=True)
class Note:
    """A numbered source note, in the order the document first cites it."""

    number: int
    source_id: str
    title: str
    publisher: str
    url: str


@dataclass(frozen=True)
class Document:
    """A titled document: its sections and the numbered notes of every source it cites."""

    kind: str
    title: str
    sections: tuple[Section, ...]
    notes: tuple[Note, ...] = field(default=())

    def note_numbers(self, sources: Iterable[str]) -> list[int]:
        """The note numbers of cited source ids, in the order cited."""
        numbers = {note.source_id: note.number for note in self.notes}
        return [numbers[source] for source in sources if source in numbers]

    def lines(self) -> Iterator[tuple[Section, Line | Row]]:
        """Every paragraph, bullet and table row, with its section, in document order."""
        for section in self.sections:
            for block in section.blocks:
                if isinstance(block, Paragraph):
                    yield section, block.line
                elif isinstance(block, Bullets):
                    for line in block.lines:
                        yield section, line
                elif isinstance(block, Table):
                    for row in block.rows:
                        yield section, row


SOURCES_HEADING = "Sources"


def document(kind: str, title: str, sections: Sequence[Section], dataset: Dataset) -> Document:
    """A Document whose notes number every cited source in the order first cited, with the
    title, publisher and link sources.csv gives it (an id it lacks is listed as written)."""
    draft = Document(kind, title, tuple(sections))
    cited = dict.fromkeys(source for _, line in draft.lines() for source in line.sources)
    catalogue = dataset.sources.set_index(SOURCE_ID)
    notes = []
    for number, source_id in enumerate(cited, start=1):
        if source_id in catalogue.index:
            row = catalogue.loc[source_id]
            notes.append(
                Note(number, source_id, _text(row[TITLE]), _text(row[PUBLISHER]), _text(row[URL]))
            )
        else:
            notes.append(Note(number, source_id, source_id, "", ""))
    return Document(kind, title, tuple(sections), tuple(notes))


# --- building lines from dataset rows -----------------------------------------------------------


def row_ref(
    table: str, row: pd.Series | Mapping[str, object], shows: Sequence[str] = (), cites: bool = True
) -> RowRef:
    """A reference to a row of a contract table, found by the table's key (or the columns that
    are unique together)."""
    spec = TABLES[table]
    columns = (spec.key,) if spec.key else spec.unique_together
    key = tuple((column, _text(row[column])) for column in columns)
    return RowRef(table, key, tuple(shows), cites)


def cited(*rows: pd.Series | Mapping[str, object]) -> tuple[str, ...]:
    """The source ids the rows' source cells cite, in order, each once (rows of tables without a
    source column cite nothing)."""
    found: dict[str, None] = {}
    for row in rows:
        if SOURCE not in row:
            continue
        for part in _text(row[SOURCE]).split(SOURCE_SEPARATOR):
            if part.strip():
                found[part.strip()] = None
    return tuple(found)


def line(*spans: Span | str, refs: Sequence[RowRef] = (), sources: Sequence[str] = ()) -> Line:
    """A line from spans (a str is plain text), with its rows and sources."""
    shaped = tuple(Span(span) if isinstance(span, str) else span for span in spans)
    return Line(shaped, tuple(refs), tuple(sources))


def _text(value: object) -> str:
    """A cell as text (a missing value is blank)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value)
