"""An uploaded job post's text: .txt, .md and .docx read, anything else refused in words."""

from __future__ import annotations

import io
import re
import zipfile

import docx
import pytest

from dashboard.core.job_post import MAX_POST_CHARS, PostError
from dashboard.core.post_file import MAX_DOCX_UNZIPPED_BYTES, MAX_FILE_BYTES, post_text


def word_file(*paragraphs: str, table: list[list[str]] | None = None) -> bytes:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                grid.cell(r, c).text = cell
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "text"),
    [
        ("post.txt", b"Scrum Master\nRun the events.", "Scrum Master\nRun the events."),
        ("post.md", "# Título\n- café".encode("utf-8-sig"), "# Título\n- café"),
        ("POST.TXT", "Agile Coach".encode("utf-16"), "Agile Coach"),
    ],
)
def test_text_files_are_read(name, data, text):
    assert post_text(name, data) == text


def test_a_word_file_gives_its_paragraphs_and_table_cells():
    data = word_file("Technical Lead", "Write code.", table=[["Must", "Python"]])
    assert post_text("post.docx", data) == "Technical Lead\nWrite code.\nMust\nPython"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("post.pdf", b"%PDF-1.7", "post.pdf: upload a .txt, .md or .docx file"),
        ("post.txt", b"caf\xe9", "post.txt is not UTF-8 text (byte 4 cannot be read)"),
        ("post.docx", b"not a zip", "post.docx is not a Word .docx file"),
        (
            "post.txt",
            b"x" * (MAX_FILE_BYTES + 1),
            f"a job post file may be at most {MAX_FILE_BYTES:,}",
        ),
        ("post.txt", b"x" * (MAX_POST_CHARS + 1), f"the reader takes at most {MAX_POST_CHARS:,}"),
    ],
)
def test_unreadable_files_are_refused_in_words(name, data, message):
    with pytest.raises(PostError, match=re.escape(message)):
        post_text(name, data)


def test_a_zip_that_is_not_a_document_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(PostError, match="could not be read as a Word document"):
        post_text("post.docx", out.getvalue())


def test_a_word_file_that_unpacks_to_too_much_is_refused_before_it_is_opened():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (MAX_DOCX_UNZIPPED_BYTES + 1))
    assert len(out.getvalue()) < MAX_FILE_BYTES  # small on disk
    with pytest.raises(PostError, match="unpacks to"):
        post_text("post.docx", out.getvalue())
