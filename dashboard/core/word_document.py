"""A Document as a Word .docx file (python-docx): headings, paragraphs, bulleted lists and
tables, every piece of text written as plain text runs, so nothing in it is ever read as a field
or markup; the sources as numbered notes at the end."""

from __future__ import annotations

import io
import re

import docx
from docx.shared import Pt

from dashboard.core.document import (
    SOURCES_HEADING,
    Bullets,
    Document,
    Figure,
    Heading,
    Line,
    Note,
    Paragraph,
    Table,
)
from dashboard.core.markdown_document import SOURCES_COLUMN, citation, safe_url

# Characters XML 1.0 cannot hold (python-docx refuses them): dropped from dataset text.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
TABLE_STYLE = "Table Grid"
BULLET_STYLE = "List Bullet"
TABLE_FONT = Pt(9)


def word_bytes(document: Document) -> bytes:
    """The document as the bytes of a .docx file."""
    word = docx.Document()
    word.core_properties.title = _clean(document.title)
    # Fixed, so the same document gives the same file (python-docx would keep the template's).
    word.core_properties.author = "Role compare"
    word.add_heading(_clean(document.title), level=0)
    for section in document.sections:
        word.add_heading(_clean(section.heading), level=1)
        for block in section.blocks:
            _block(word, block, document)
    if document.notes:
        word.add_heading(SOURCES_HEADING, level=1)
        # Numbered by hand, so the numbers are the ones the lines cite whatever Word's list
        # numbering does.
        for note in document.notes:
            word.add_paragraph(_note(note))
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _block(word, block: object, document: Document) -> None:
    if isinstance(block, Heading):
        word.add_heading(_clean(block.text), level=max(1, block.level - 1))
    elif isinstance(block, Paragraph):
        _runs(word.add_paragraph(), block.line, document)
    elif isinstance(block, Bullets):
        for line in block.lines:
            _runs(word.add_paragraph(style=BULLET_STYLE), line, document)
    elif isinstance(block, Table):
        _table(word, block, document)
    elif isinstance(block, Figure):
        word.add_paragraph().add_run(_clean(block.caption)).italic = True
    else:
        raise TypeError(f"Unknown block {block!r}")


def _runs(paragraph, line: Line, document: Document) -> None:
    for span in line.spans:
        run = paragraph.add_run(_clean(span.text))
        run.bold = span.strong or None
    cites = citation(document.note_numbers(line.sources))
    if cites:
        paragraph.add_run(cites)


def _table(word, table: Table, document: Document) -> None:
    cited = any(row.sources for row in table.rows)
    header = [*table.header, SOURCES_COLUMN] if cited else list(table.header)
    if table.caption:
        word.add_paragraph().add_run(_clean(table.caption)).italic = True
    grid = word.add_table(rows=1 + len(table.rows), cols=len(header))
    grid.style = TABLE_STYLE
    for cell, text in zip(grid.rows[0].cells, header, strict=True):
        _cell(cell, text, bold=True)
    for row, cells in zip(table.rows, grid.rows[1:], strict=True):
        texts = list(row.cells)
        if cited:
            texts.append(", ".join(str(n) for n in document.note_numbers(row.sources)))
        for cell, text in zip(cells.cells, texts, strict=True):
            _cell(cell, text)


def _cell(cell, text: str, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(_clean(text))
    run.bold = bold or None
    run.font.size = TABLE_FONT


def _note(note: Note) -> str:
    parts = [part.strip().rstrip(".") for part in (note.title, note.publisher) if part.strip()]
    link = safe_url(note.url)
    return _clean(f"{note.number}. " + ". ".join(parts) + "." + (f" {link}" if link else ""))


def _clean(text: object) -> str:
    return _NOT_XML.sub("", str(text))
