"""The text of an uploaded job post: a .txt or .md file, or a Word .docx, read safely.

A .docx is a zip: its entries' declared sizes are checked before python-docx opens it, and
zipfile never reads an entry past its declared size, so a small file cannot unpack into
gigabytes. Whatever goes wrong becomes a PostError naming the file and what to do instead.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePath

from dashboard.core.job_post import PostError, check_length

SUFFIXES = (".txt", ".md", ".docx")
# A 15-page post is a few hundred kB even as .docx; more is not a job post.
MAX_FILE_BYTES = 2_000_000
MAX_DOCX_UNZIPPED_BYTES = 20_000_000
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _plain_text(name: str, data: bytes) -> str:
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise PostError(
            f"{name} is not UTF-8 text (byte {error.start + 1} cannot be read). Save it as "
            "UTF-8 text, or paste the post instead."
        ) from None


def _docx_text(name: str, data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unzipped = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise PostError(f"{name} is not a Word .docx file. Save it as .docx or .txt.") from None
    if unzipped > MAX_DOCX_UNZIPPED_BYTES:
        raise PostError(
            f"{name} unpacks to {unzipped:,} bytes, more than a job post needs "
            f"(at most {MAX_DOCX_UNZIPPED_BYTES:,}). Paste the post's text instead."
        )
    # Imported here: python-docx (and lxml) load only when someone uploads a Word file.
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception:  # python-docx raises several kinds for a zip that is not a document
        raise PostError(
            f"{name} could not be read as a Word document. Save it as .docx or .txt again."
        ) from None
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    return "\n".join(lines)


def post_text(name: str, data: bytes) -> str:
    """The text of an uploaded post (.txt, .md or .docx); PostError says why it cannot be read."""
    suffix = PurePath(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise PostError(f"{name}: upload a .txt, .md or .docx file, or paste the post.")
    if len(data) > MAX_FILE_BYTES:
        raise PostError(
            f"{name} is {len(data):,} bytes; a job post file may be at most {MAX_FILE_BYTES:,}."
        )
    text = _docx_text(name, data) if suffix == ".docx" else _plain_text(name, data)
    check_length(text)
    return text
