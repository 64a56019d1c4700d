"""The format-neutral document and its renderers: Markdown, Word and HTML say the same thing,
cite the same numbered notes, and never turn text into markup."""

from __future__ import annotations

import io
from html.parser import HTMLParser

import docx
import pytest

from dashboard.core.document import (
    Bullets,
    Figure,
    Heading,
    Paragraph,
    Row,
    Section,
    Span,
    Table,
    cited,
    document,
    line,
)
from dashboard.core.html_document import CONTENT_SECURITY_POLICY, html_text
from dashboard.core.markdown_document import markdown_text, safe_url
from dashboard.core.word_document import word_bytes
from tests.support import read_csv

HOSTILE = [
    "<script>alert(1)</script>",
    "**x**",
    "[click](https://evil.example)",
    "# heading",
    "- a list",
    "1. a number",
    "| a | table |",
    "`code`",
    "_under_ *star*",
    "&amp; &lt;",
    "line one\nline two\n\n    indented",
]


def sample(dataset, text: str = "Plain text") -> object:
    """A document with one of each block, citing the mini fixture's only source twice."""
    sections = [
        Section(
            "First",
            (
                Heading("A sub-heading"),
                Paragraph(line(Span("Label: ", strong=True), text, sources=("handbook",))),
                Bullets((line("one", sources=("handbook",)), line("two"))),
                Table(
                    "grid",
                    ("Name", "Value", "Link"),
                    (Row((text, "4", "https://example.org/a"), sources=("handbook",)),),
                    link_columns=(2,),
                ),
                Figure("picture", '<svg xmlns="http://www.w3.org/2000/svg"></svg>', "A picture"),
            ),
            "first",
        ),
        Section("Second", (Paragraph(line("nothing cited")),), "second"),
    ]
    return document("test", f"Title: {text}", sections, dataset)


class _Text(HTMLParser):
    """The text of an HTML page and the tags it holds."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def html_parts(markup: str) -> tuple[str, list[str]]:
    parser = _Text()
    parser.feed(markup)
    return "".join(parser.text), parser.tags


def test_notes_number_sources_in_order_of_first_citation(dataset):
    built = sample(dataset)
    assert [(note.number, note.source_id) for note in built.notes] == [(1, "handbook")]
    assert built.notes[0].title == read_csv("sources.csv")[0]["title"]
    assert built.note_numbers(["handbook", "unknown"]) == [1]


def test_a_source_missing_from_sources_csv_is_listed_by_its_id(dataset):
    built = document(
        "test", "T", [Section("S", (Paragraph(line("x", sources=("ghost",))),), "s")], dataset
    )
    assert [(note.number, note.title, note.url) for note in built.notes] == [(1, "ghost", "")]


def test_cited_reads_source_cells_once_each_in_order():
    import pandas as pd

    rows = [pd.Series({"source": "a;b"}), pd.Series({"source": "b;c"}), pd.Series({"name": "x"})]
    assert cited(*rows) == ("a", "b", "c")


def test_markdown_has_headings_citations_tables_and_notes(dataset):
    text = markdown_text(sample(dataset))
    lines = text.splitlines()
    assert lines[0] == "# Title\\: Plain text"
    assert "## First" in lines and "### A sub\\-heading" in lines
    assert "**Label\\:** Plain text [1]" in lines
    assert "- one [1]" in lines and "- two" in lines
    assert "| Name | Value | Link | Sources |" in lines
    assert "| Plain text | 4 | <https://example.org/a> | 1 |" in lines
    assert "*A picture*" in lines
    assert lines[-1] == (
        "1. Test handbook \\(a made\\-up source for tests\\). Tests. <https://example.org/handbook>"
    )


@pytest.mark.parametrize("hostile", HOSTILE)
def test_markdown_never_turns_text_into_markup(dataset, hostile):
    text = markdown_text(sample(dataset, hostile))
    # Every line of dataset text stays on one line (no new block can start), and each Markdown
    # character in it is escaped.
    body = next(line for line in text.splitlines() if "Label" in line)
    assert body.startswith("**Label\\:** ") and body.endswith(" [1]")
    shown = body.removeprefix("**Label\\:** ").removesuffix(" [1]")
    for char in "<>*_[]()#`|&-.":
        assert char not in shown.replace("\\" + char, ""), char
    assert "\n    indented" not in text


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://example.org/x?a=1", "https://example.org/x?a=1"),
        ("http://example.org", "http://example.org"),
        ("javascript:alert(1)", ""),
        ("https://example.org/a b", ""),
        ("https://example.org/<script>", ""),
        ("ftp://example.org", ""),
        ("", ""),
    ],
)
def test_only_plain_http_addresses_become_links(url, safe):
    assert safe_url(url) == safe


def test_word_has_the_headings_bullets_table_and_notes(dataset):
    opened = docx.Document(io.BytesIO(word_bytes(sample(dataset))))
    headings = [
        (p.style.name, p.text)
        for p in opened.paragraphs
        if p.style.name.startswith(("Heading", "Title"))
    ]
    assert headings == [
        ("Title", "Title: Plain text"),
        ("Heading 1", "First"),
        ("Heading 2", "A sub-heading"),
        ("Heading 1", "Second"),
        ("Heading 1", "Sources"),
    ]
    bullets = [p.text for p in opened.paragraphs if p.style.name == "List Bullet"]
    assert bullets == ["one [1]", "two"]
    label = next(p for p in opened.paragraphs if p.text.startswith("Label"))
    assert [(run.text, bool(run.bold)) for run in label.runs] == [
        ("Label: ", True),
        ("Plain text", False),
        (" [1]", False),
    ]
    table = opened.tables[0]
    assert [cell.text for cell in table.rows[0].cells] == ["Name", "Value", "Link", "Sources"]
    assert [cell.text for cell in table.rows[1].cells] == [
        "Plain text",
        "4",
        "https://example.org/a",
        "1",
    ]
    assert opened.paragraphs[-1].text == (
        "1. Test handbook (a made-up source for tests). Tests. https://example.org/handbook"
    )


@pytest.mark.parametrize("hostile", [*HOSTILE, "bell \x07 and nul \x00"])
def test_word_keeps_text_literal(dataset, hostile):
    opened = docx.Document(io.BytesIO(word_bytes(sample(dataset, hostile))))
    label = next(p for p in opened.paragraphs if p.text.startswith("Label"))
    expected = hostile.replace("\x07", "").replace("\x00", "")
    # python-docx reads a written line break back as "\n".
    assert label.runs[1].text == expected


def test_html_is_one_self_contained_page(dataset):
    markup = html_text(sample(dataset))
    assert markup.startswith("<!DOCTYPE html>")
    assert f'content="{CONTENT_SECURITY_POLICY}"' in markup
    assert "<script" not in markup and "<link" not in markup and 'src="' not in markup
    assert '<section class="doc-section" id="first"><h2>First</h2>' in markup
    assert '<sup class="cite">[<a href="#note-1">1</a>]</sup>' in markup
    assert '<li id="note-1" value="1">' in markup
    assert '<td><a href="https://example.org/a" rel="noopener noreferrer">' in markup
    assert '<figure data-figure="picture"><svg' in markup
    # The print stylesheet starts each section on a new page.
    assert ".doc-section + .doc-section {break-before: page;}" in markup


@pytest.mark.parametrize("hostile", HOSTILE)
def test_html_escapes_every_piece_of_text(dataset, hostile):
    markup = html_text(sample(dataset, hostile))
    text, tags = html_parts(markup)
    assert hostile in text.replace("\n", "\n")
    assert "script" not in tags
    # The citations' links (paragraph, bullet, table row), the table's link and the note's link.
    assert tags.count("a") == 5
