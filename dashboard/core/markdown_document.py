"""A Document as Markdown: every piece of text escaped (dataset text never becomes markup), the
sources as numbered notes at the end."""

from __future__ import annotations

import re
from collections.abc import Sequence

from dashboard.core.document import (
    SOURCES_HEADING,
    Bullets,
    Document,
    Figure,
    Heading,
    Line,
    Note,
    Paragraph,
    Row,
    Span,
    Table,
)
from dashboard.core.text import escape_markdown

SOURCES_COLUMN = "Sources"
_LINE_BREAKS = re.compile(r"\s*[\r\n\u2028\u2029\v\f\x85]+\s*")


def markdown_text(document: Document) -> str:
    """The document as Markdown text (one blank line between blocks, a final newline)."""
    blocks = [f"# {_escaped(document.title).strip()}"]
    for section in document.sections:
        blocks.append(f"## {_escaped(section.heading).strip()}")
        for block in section.blocks:
            blocks.append(_block(block, document))
    if document.notes:
        blocks.append(f"## {SOURCES_HEADING}")
        blocks.append("\n".join(_note(note) for note in document.notes))
    return "\n\n".join(block for block in blocks if block) + "\n"


def markdown_bytes(document: Document) -> bytes:
    """The document as a UTF-8 Markdown file."""
    return markdown_text(document).encode("utf-8")


def _block(block: object, document: Document) -> str:
    if isinstance(block, Heading):
        return f"{'#' * block.level} {_escaped(block.text).strip()}"
    if isinstance(block, Paragraph):
        return _line(block.line, document)
    if isinstance(block, Bullets):
        return "\n".join(f"- {_line(line, document)}" for line in block.lines)
    if isinstance(block, Table):
        return _table(block, document)
    if isinstance(block, Figure):
        return f"*{_escaped(block.caption)}*"
    raise TypeError(f"Unknown block {block!r}")


def _line(line: Line, document: Document) -> str:
    text = "".join(_span(span) for span in line.spans)
    return text.strip() + citation(document.note_numbers(line.sources))


def _span(span: Span) -> str:
    if not span.strong or not span.text.strip():
        return _escaped(span.text)
    # Emphasis markers must touch the text ("**Role:** x", never "**Role: **x", which
    # CommonMark does not read as bold).
    core = span.text.strip()
    lead = span.text[: len(span.text) - len(span.text.lstrip())]
    trail = span.text[len(span.text.rstrip()) :]
    return f"{_escaped(lead)}**{_escaped(core)}**{_escaped(trail)}"


def citation(numbers: Sequence[int]) -> str:
    """The note numbers a line cites, as " [1, 3]" (nothing when it cites none)."""
    return f" [{', '.join(str(number) for number in numbers)}]" if numbers else ""


def _table(table: Table, document: Document) -> str:
    cited = any(row.sources for row in table.rows)
    header = [*table.header, SOURCES_COLUMN] if cited else list(table.header)
    lines = []
    if table.caption:
        lines += [f"*{_escaped(table.caption)}*", ""]
    lines.append("| " + " | ".join(_escaped(cell) for cell in header) + " |")
    lines.append("|" + "|".join("---" for _ in header) + "|")
    for row in table.rows:
        lines.append("| " + " | ".join(_cells(row, table, document, cited)) + " |")
    return "\n".join(lines)


def _cells(row: Row, table: Table, document: Document, cited: bool) -> list[str]:
    cells = [
        f"<{safe_url(cell)}>"
        if position in table.link_columns and safe_url(cell)
        else _escaped(cell).strip()
        for position, cell in enumerate(row.cells)
    ]
    if cited:
        cells.append(", ".join(str(number) for number in document.note_numbers(row.sources)))
    return cells


def _note(note: Note) -> str:
    parts = [note.title, note.publisher]
    text = ". ".join(_escaped(part.strip().rstrip(".")) for part in parts if part.strip())
    link = safe_url(note.url)
    return f"{note.number}. {text}." + (f" <{link}>" if link else "")


def safe_url(url: str) -> str:
    """An http(s) address that can be written as a link as it is, or "" (links come only from
    the contract's URL columns, and only for http(s) addresses)."""
    url = url.strip()
    if not url.lower().startswith(("https://", "http://")):
        return ""
    if any(char.isspace() or char in '<>"`\\' for char in url):
        return ""
    return url


def _escaped(text: str) -> str:
    # Line breaks would end a bullet or a table row and could start another block, and leading
    # spaces an indented code block: a Markdown line holds one line of text, trimmed.
    return escape_markdown(_LINE_BREAKS.sub(" ", str(text)))
