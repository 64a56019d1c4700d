"""A Document as one self-contained HTML file: its stylesheet inline, its pictures inline SVG,
nothing fetched (a Content-Security-Policy forbids it), so it opens from a file:// address with
no server; a print stylesheet puts each section on a new page, so a browser prints it cleanly to
PDF. Every piece of dataset text passes html.escape."""

from __future__ import annotations

import html
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
    Table,
)
from dashboard.core.markdown_document import SOURCES_COLUMN, safe_url

# Nothing may be loaded: styles are inline, pictures inline SVG (links still open on a click).
CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
STYLE = """
:root {color: #1f2430; background: #fff;}
body {font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
  sans-serif; line-height: 1.45; margin: 0;}
main {max-width: 62rem; margin: 0 auto; padding: 1.5rem;}
h1 {font-size: 1.7rem; margin: 0 0 1rem 0;}
h2 {font-size: 1.3rem; margin: 1.6rem 0 0.6rem 0; border-bottom: 1px solid #d0d4dc;
  padding-bottom: 0.2rem;}
h3 {font-size: 1.05rem; margin: 1.1rem 0 0.4rem 0;}
p, li {overflow-wrap: anywhere;}
ul {padding-left: 1.3rem;}
li {margin-bottom: 0.25rem;}
sup.cite {font-size: 0.72em; color: #3d4452; white-space: nowrap;}
a {color: #0b5394;}
table {width: 100%; border-collapse: collapse; margin: 0.4rem 0 1rem 0; font-size: 0.85rem;}
caption {text-align: left; font-weight: 600; padding: 0.2rem 0;}
th, td {border: 1px solid #c3c8d2; padding: 0.3rem 0.4rem; text-align: left;
  vertical-align: top; overflow-wrap: anywhere;}
thead th {background: #eef1f6;}
td.num {text-align: right; font-variant-numeric: tabular-nums;}
td.cite {color: #3d4452; white-space: nowrap;}
td.blank {min-width: 6rem;}
figure {margin: 0.6rem 0 1rem 0;}
figure svg {max-width: 100%; height: auto;}
figcaption {font-size: 0.85rem; color: #3d4452;}
ol.notes li {font-size: 0.9rem;}
@page {size: A4; margin: 15mm 13mm;}
@media print {
  main {max-width: none; padding: 0;}
  .doc-section + .doc-section {break-before: page;}
  h2, h3, caption {break-after: avoid;}
  tr, li, figure {break-inside: avoid;}
  thead {display: table-header-group;}
  a {color: inherit;}
}
"""


def html_text(document: Document) -> str:
    """The document as one HTML page (UTF-8, no external resources)."""
    sections = []
    for section in document.sections:
        body = "".join(_block(block, document) for block in section.blocks)
        sections.append(
            f'<section class="doc-section" id="{_e(section.key)}">'
            f"<h2>{_e(section.heading)}</h2>{body}</section>"
        )
    if document.notes:
        notes = "".join(_note(note) for note in document.notes)
        sections.append(
            f'<section class="doc-section doc-notes" id="sources"><h2>{SOURCES_HEADING}</h2>'
            f'<ol class="notes">{notes}</ol></section>'
        )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(document.title)}</title><style>{STYLE}</style></head>"
        f'<body><main class="doc" data-kind="{_e(document.kind)}"><h1>{_e(document.title)}</h1>'
        + "".join(sections)
        + "</main></body></html>\n"
    )


def html_bytes(document: Document) -> bytes:
    """The document as a UTF-8 HTML file."""
    return html_text(document).encode("utf-8")


def _block(block: object, document: Document) -> str:
    if isinstance(block, Heading):
        level = min(6, max(3, block.level))
        return f"<h{level}>{_e(block.text)}</h{level}>"
    if isinstance(block, Paragraph):
        return f"<p>{_line(block.line, document)}</p>"
    if isinstance(block, Bullets):
        items = "".join(f"<li>{_line(line, document)}</li>" for line in block.lines)
        return f"<ul>{items}</ul>"
    if isinstance(block, Table):
        return _table(block, document)
    if isinstance(block, Figure):
        # The SVG is built by dashboard.core.svg, every label in it escaped.
        return (
            f'<figure data-figure="{_e(block.name)}">{block.svg}'
            f"<figcaption>{_e(block.caption)}</figcaption></figure>"
        )
    raise TypeError(f"Unknown block {block!r}")


def _line(line: Line, document: Document) -> str:
    text = "".join(
        f"<strong>{_e(span.text)}</strong>" if span.strong else _e(span.text) for span in line.spans
    )
    return text + _citation(document.note_numbers(line.sources))


def _citation(numbers: Sequence[int]) -> str:
    if not numbers:
        return ""
    links = ", ".join(f'<a href="#note-{number}">{number}</a>' for number in numbers)
    return f' <sup class="cite">[{links}]</sup>'


def _table(table: Table, document: Document) -> str:
    cited = any(row.sources for row in table.rows)
    header = [*table.header, SOURCES_COLUMN] if cited else list(table.header)
    head = "".join(f'<th scope="col">{_e(cell)}</th>' for cell in header)
    rows = "".join(_row(row, table, document, cited) for row in table.rows)
    caption = f"<caption>{_e(table.caption)}</caption>" if table.caption else ""
    return (
        f'<table data-table="{_e(table.name)}">{caption}<thead><tr>{head}</tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


def _row(row: Row, table: Table, document: Document, cited: bool) -> str:
    cells = []
    for position, cell in enumerate(row.cells):
        classes = []
        if position in table.blank_columns:
            classes.append("blank")
        elif _is_number(cell):
            classes.append("num")
        attribute = f' class="{" ".join(classes)}"' if classes else ""
        link = safe_url(cell) if position in table.link_columns else ""
        shown = (
            f'<a href="{_e(link)}" rel="noopener noreferrer">{_e(link)}</a>' if link else _e(cell)
        )
        cells.append(f"<td{attribute}>{shown}</td>")
    if cited:
        numbers = document.note_numbers(row.sources)
        links = ", ".join(f'<a href="#note-{number}">{number}</a>' for number in numbers)
        cells.append(f'<td class="cite">{links}</td>')
    return f"<tr>{''.join(cells)}</tr>"


def _note(note: Note) -> str:
    parts = [part.strip().rstrip(".") for part in (note.title, note.publisher) if part.strip()]
    text = _e(". ".join(parts) + ".")
    link = safe_url(note.url)
    if link:
        text += f' <a href="{_e(link)}" rel="noopener noreferrer">{_e(link)}</a>'
    return f'<li id="note-{note.number}" value="{note.number}">{text}</li>'


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _e(value: object) -> str:
    """Text for HTML: every character that could be markup escaped."""
    return html.escape("" if value is None else str(value), quote=True)
