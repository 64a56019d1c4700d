"""The hiring packet as a whole: every line of every document traces to the dataset, the files
are named for what they hold, Word files open with their headings, and hostile role names stay
literal in every format."""

from __future__ import annotations

import datetime
import io
import itertools
import re
from pathlib import Path

import docx
import pytest

from dashboard.core.brief import decision_brief
from dashboard.core.comparison import Selection
from dashboard.core.dataset import load_dataset, parse_dataset
from dashboard.core.html_document import html_text
from dashboard.core.job_description import job_description
from dashboard.core.markdown_document import markdown_text
from dashboard.core.needs import CERTIFICATION, RESPONSIBILITY, SKILL, Need, Needs
from dashboard.core.packet import (
    BRIEF,
    JD,
    MIME_TYPES,
    SCORECARD,
    brief_files,
    render,
    role_files,
)
from dashboard.core.scorecard import scorecard
from dashboard.core.word_document import word_bytes
from tests import hostile
from tests.documents import Rows, check_lines
from tests.support import MINI, SHIPPED, read_csv

DAY = datetime.date(2026, 12, 1)
SHIPPED_ROLES = [row["role_id"] for row in read_csv("roles.csv", SHIPPED)]
SHIPPED_INDUSTRIES = [None] + [row["industry_id"] for row in read_csv("industries.csv", SHIPPED)]


@pytest.fixture(scope="module")
def shipped():
    return load_dataset(SHIPPED)


@pytest.fixture(scope="module")
def shipped_rows():
    return Rows(SHIPPED)


@pytest.mark.parametrize("industry_id", SHIPPED_INDUSTRIES)
@pytest.mark.parametrize("role_id", SHIPPED_ROLES)
def test_every_line_of_every_role_document_traces_to_the_dataset(
    shipped, shipped_rows, role_id, industry_id
):
    job = job_description(shipped, role_id, industry_id, inclusive=True)
    card = scorecard(shipped, role_id, industry_id)
    assert check_lines(job, shipped_rows) > 20
    assert check_lines(card, shipped_rows) > 10


BRIEF_SELECTIONS = [
    Selection(("project_manager", "agile_coach", "technical_lead"), "healthcare"),
    Selection(tuple(SHIPPED_ROLES), None),
    Selection(
        ("technical_program_manager", "technical_project_manager"),
        "cybersecurity",
        categories=("Technical", "Tools"),
        min_importance=3,
        differences_only=True,
    ),
]


@pytest.mark.parametrize("selection", BRIEF_SELECTIONS, ids=["three", "all", "filtered"])
def test_every_line_of_a_brief_traces_to_the_dataset(shipped, shipped_rows, selection):
    assert check_lines(decision_brief(shipped, selection, DAY), shipped_rows) > 20


def test_the_finders_needs_trace_to_the_dataset_too(dataset):
    needs = Needs(
        (
            Need(SKILL, "coaching", True),
            Need(SKILL, "cloud", False),
            Need(RESPONSIBILITY, "facilitate_events", True),
            Need(CERTIFICATION, "csm", False),
        )
    )
    built = job_description(dataset, "delivery_lead", "banking", needs)
    assert check_lines(built, Rows(MINI)) > 8


def test_files_are_named_for_what_they_hold(dataset):
    files = role_files(dataset, "delivery_lead", "banking", DAY)
    assert [(f.kind, f.format, f.file_name, f.mime) for f in files] == [
        (JD, "md", "job-description_delivery-lead_banking_2026-12-01.md", MIME_TYPES["md"]),
        (JD, "docx", "job-description_delivery-lead_banking_2026-12-01.docx", MIME_TYPES["docx"]),
        (
            SCORECARD,
            "md",
            "interview-scorecard_delivery-lead_banking_2026-12-01.md",
            "text/markdown",
        ),
        (
            SCORECARD,
            "docx",
            "interview-scorecard_delivery-lead_banking_2026-12-01.docx",
            MIME_TYPES["docx"],
        ),
    ]
    briefs = brief_files(dataset, Selection(("delivery_lead", "scrum_master")), DAY)
    assert [(f.kind, f.format, f.file_name) for f in briefs] == [
        (BRIEF, "html", "decision-brief_delivery-lead_scrum-master_all-industries_2026-12-01.html"),
        (BRIEF, "pdf", "decision-brief_delivery-lead_scrum-master_all-industries_2026-12-01.pdf"),
    ]
    assert files[0].build() == render(job_description(dataset, "delivery_lead", "banking"), "md")


def word_headings(data: bytes) -> list[str]:
    opened = docx.Document(io.BytesIO(data))
    return [p.text for p in opened.paragraphs if p.style.name.startswith(("Title", "Heading"))]


def test_word_files_open_with_the_expected_headings(dataset):
    names = {f.key: f for f in role_files(dataset, "delivery_lead", "banking", DAY, inclusive=True)}
    assert word_headings(names["jd_docx"].build()) == [
        "Delivery Lead: job description (draft)",
        "Role",
        "Purpose",
        "Responsibilities",
        "Core responsibilities",
        "Supporting",
        "Must-have skills",
        "Nice-to-have skills",
        "Certifications",
        "Required",
        "Typical background",
        "Inclusive wording (suggestions)",
        "Sources",
    ]
    # Mini, banking, by hand: skills rated 4-5 are planning and risk (methodology); the core
    # duties are plan_releases (planning) and inform_regulators (risk, a banking row).
    assert word_headings(names["scorecard_docx"].build()) == [
        "Delivery Lead: interview scorecard",
        "About this scorecard",
        "Methodology (skills)",
        "planning (responsibilities)",
        "risk (responsibilities)",
        "Certifications to verify",
        "Overall",
        "Sources",
    ]


# Role names that must come out exactly as written, in every format.
NAMES = {
    "delivery_lead": "<script>alert(1)</script>",
    "scrum_master": "**x** _y_ [z](https://evil.example)",
    "platform_architect": "# Heading :material/home: www.evil.example",
}


def hostile_dataset(tmp_path: Path):
    """The mini dataset with the names above, loaded, and written to tmp_path/hostile."""
    files = hostile.roles_named(**NAMES)
    folder = tmp_path / "hostile"
    folder.mkdir(exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return parse_dataset(files)


@pytest.mark.parametrize(("role_id", "name"), NAMES.items())
def test_hostile_names_stay_literal_in_every_format(tmp_path, role_id, name):
    dataset = hostile_dataset(tmp_path)
    selection = Selection(tuple(NAMES), "banking")
    documents = [
        job_description(dataset, role_id, "banking", inclusive=True),
        scorecard(dataset, role_id, "banking"),
        decision_brief(dataset, selection, DAY),
    ]
    for built in documents:
        markdown = markdown_text(built)
        # Markdown: the name appears escaped, never as it is (which would be markup).
        assert name not in markdown
        assert "https://evil" not in markdown and ":material/home:" not in markdown
        # Every "<" in it is escaped ("\<"): no HTML tag in the Markdown.
        assert re.search(r"(?<!\\)<(?!https?://)", markdown) is None
        # HTML: the page's text holds the name exactly; no tag of it is a tag.
        page = html_text(built)
        assert "<script" not in page
        assert name.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") in page
        # Word: a run holds the name exactly as written.
        opened = docx.Document(io.BytesIO(word_bytes(built)))
        texts = [p.text for p in opened.paragraphs] + [
            cell.text for table in opened.tables for row in table.rows for cell in row.cells
        ]
        assert any(name in text for text in texts)


def test_the_markdown_of_a_hostile_name_reads_back_as_the_name(tmp_path):
    # Undoing the backslash escapes (and the invisible joiners that stop autolinks) gives the
    # name back: the escaping adds nothing a reader sees.
    dataset = hostile_dataset(tmp_path)
    for role_id, name in NAMES.items():
        markdown = markdown_text(job_description(dataset, role_id))
        plain = markdown.replace("\\", "").replace(hostile.WORD_JOINER, "")
        assert f"# {name}: job description (draft)" in plain


@pytest.mark.parametrize(("first", "second"), list(itertools.combinations(NAMES, 2)))
def test_a_brief_of_hostile_names_traces_to_the_dataset(tmp_path, first, second):
    dataset = hostile_dataset(tmp_path)
    built = decision_brief(dataset, Selection((first, second), "banking"), DAY)
    assert check_lines(built, Rows(tmp_path / "hostile")) > 5
