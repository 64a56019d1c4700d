"""The hiring packet's files: a job description and an interview scorecard for one role
(Markdown or Word), and a decision brief of a comparison (HTML or PDF), with names that say
what is inside and builders that make the bytes only when called (a click on the page, the
command line)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from dashboard.core.brief import decision_brief
from dashboard.core.comparison import Selection
from dashboard.core.dataset import Dataset
from dashboard.core.document import Document
from dashboard.core.export import export_filename
from dashboard.core.html_document import html_bytes
from dashboard.core.job_description import job_description
from dashboard.core.markdown_document import markdown_bytes
from dashboard.core.needs import Needs
from dashboard.core.pdf import html_to_pdf
from dashboard.core.scorecard import scorecard
from dashboard.core.word_document import word_bytes

JD = "jd"
SCORECARD = "scorecard"
BRIEF = "brief"
MARKDOWN, WORD, HTML, PDF = "md", "docx", "html", "pdf"
# Each kind of document and the formats it comes in.
FORMATS = {JD: (MARKDOWN, WORD), SCORECARD: (MARKDOWN, WORD), BRIEF: (HTML, PDF)}
# The start of each file's name.
FILE_KINDS = {JD: "job-description", SCORECARD: "interview-scorecard", BRIEF: "decision-brief"}
TITLES = {JD: "Job description", SCORECARD: "Interview scorecard", BRIEF: "Decision brief"}
FORMAT_NAMES = {MARKDOWN: "Markdown", WORD: "Word", HTML: "HTML", PDF: "PDF"}
MIME_TYPES = {
    MARKDOWN: "text/markdown",
    WORD: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    HTML: "text/html",
    PDF: "application/pdf",
}
RENDERERS: dict[str, Callable[[Document], bytes]] = {
    MARKDOWN: markdown_bytes,
    WORD: word_bytes,
    HTML: html_bytes,
    PDF: lambda document: html_to_pdf(html_bytes(document).decode("utf-8")),
}


@dataclass(frozen=True)
class PacketFile:
    """One file of the packet: what it is, its name and type, and how to build its bytes."""

    kind: str
    format: str
    label: str
    file_name: str
    mime: str
    build: Callable[[], bytes]

    @property
    def key(self) -> str:
        """A widget key part, e.g. "jd_docx"."""
        return f"{self.kind}_{self.format}"


def render(document: Document, file_format: str) -> bytes:
    """A document's bytes in a format (md, docx, html or pdf)."""
    return RENDERERS[file_format](document)


def role_files(
    dataset: Dataset,
    role_id: str,
    industry_id: str | None,
    on: datetime.date,
    needs: Needs | None = None,
    inclusive: bool = False,
) -> tuple[PacketFile, ...]:
    """The job description and the interview scorecard of a role, each as Markdown and Word."""
    name = dataset.role_names[role_id]
    industry = dataset.industry_names.get(industry_id) if industry_id else None

    def job() -> Document:
        return job_description(dataset, role_id, industry_id, needs, inclusive)

    def card() -> Document:
        return scorecard(dataset, role_id, industry_id)

    builders = {JD: job, SCORECARD: card}
    return tuple(
        _file(kind, file_format, builders[kind], [name], industry, on)
        for kind in (JD, SCORECARD)
        for file_format in FORMATS[kind]
    )


def brief_files(
    dataset: Dataset, selection: Selection, on: datetime.date
) -> tuple[PacketFile, ...]:
    """The decision brief of a selection, as HTML and as PDF."""
    names = [dataset.role_names[role_id] for role_id in selection.role_ids]
    industry_id = selection.industry_id
    industry = dataset.industry_names.get(industry_id) if industry_id else None
    return tuple(
        _file(
            BRIEF, file_format, lambda: decision_brief(dataset, selection, on), names, industry, on
        )
        for file_format in FORMATS[BRIEF]
    )


def _file(
    kind: str,
    file_format: str,
    build: Callable[[], Document],
    names: list[str],
    industry: str | None,
    on: datetime.date,
) -> PacketFile:
    return PacketFile(
        kind,
        file_format,
        f"{TITLES[kind]} ({FORMAT_NAMES[file_format]})",
        export_filename(FILE_KINDS[kind], names, industry, on, extension=f".{file_format}"),
        MIME_TYPES[file_format],
        lambda: render(build(), file_format),
    )
