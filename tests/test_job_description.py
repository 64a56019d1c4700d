"""The job description draft: a golden file for one role and industry, and its sections worked
out by hand from the mini fixture's CSV files."""

from __future__ import annotations

import pytest

from dashboard.core.dataset import load_dataset, parse_dataset
from dashboard.core.document import Bullets, Paragraph
from dashboard.core.inclusive import coded_stems, coded_words
from dashboard.core.job_description import job_description
from dashboard.core.markdown_document import markdown_text
from dashboard.core.needs import CERTIFICATION, RESPONSIBILITY, SKILL, Need, Needs
from dashboard.core.text import TPM_NOTE
from tests import hostile
from tests.documents import Rows, check_lines, golden
from tests.support import SHIPPED, effective_duties, effective_importance, names, read_csv


def test_golden_markdown_of_the_technical_project_manager_in_cybersecurity():
    dataset = load_dataset(SHIPPED)
    built = job_description(dataset, "technical_project_manager", "cybersecurity", inclusive=True)
    text = markdown_text(built)
    assert text == golden("job-description_technical-project-manager_cybersecurity.md", text)


def bullets(built, heading: str) -> list[str]:
    """The bullets of a section (of its sub-heading's list when heading is "Section/Sub")."""
    section_name, _, sub = heading.partition("/")
    section = next(s for s in built.sections if s.heading == section_name)
    found, current = [], None
    for block in section.blocks:
        current = getattr(block, "text", current)
        if isinstance(block, Bullets) and (not sub or current == sub):
            found += [line.text for line in block.lines]
    return found


def paragraphs(built, heading: str) -> list[str]:
    section = next(s for s in built.sections if s.heading == heading)
    return [block.line.text for block in section.blocks if isinstance(block, Paragraph)]


def by_hand_skills(role_id: str, industry_id: str) -> tuple[list[str], list[str]]:
    """Must-have (4-5) and nice-to-have (3) skill names, highest first, then skills.csv order."""
    ratings = effective_importance(role_id, industry_id)
    order = list(names("skills.csv", "skill_id"))
    ranked = sorted(ratings, key=lambda skill: (-ratings[skill], order.index(skill)))
    skill_names = names("skills.csv", "skill_id")
    must = [skill_names[s] for s in ranked if ratings[s] >= 4]
    nice = [skill_names[s] for s in ranked if ratings[s] == 3]
    return must, nice


@pytest.mark.parametrize(
    ("role_id", "industry_id"),
    [("delivery_lead", "banking"), ("delivery_lead", ""), ("scrum_master", "retail")],
)
def test_sections_follow_the_csv_files(dataset, role_id, industry_id):
    built = job_description(dataset, role_id, industry_id or None)
    role = next(row for row in read_csv("roles.csv") if row["role_id"] == role_id)
    assert paragraphs(built, "Purpose")[:2] == [role["summary"], f"Scope: {role['scope']}"]
    assert paragraphs(built, "Typical background") == [role["background"]]

    must, nice = by_hand_skills(role_id, industry_id)
    assert [text.split(" (importance")[0] for text in bullets(built, "Must-have skills")] == must
    assert [text.split(" (importance")[0] for text in bullets(built, "Nice-to-have skills")] == nice

    duties = effective_duties(role_id, industry_id)
    duty_names = names("responsibilities.csv", "responsibility_id")
    catalogue = list(duty_names)
    for emphasis, heading in (("core", "Core responsibilities"), ("supporting", "Supporting")):
        expected = [duty_names[d] for d in catalogue if duties.get(d) == emphasis]
        shown = [
            text.split(":")[0].split(" (")[0]
            for text in bullets(built, f"Responsibilities/{heading}")
        ]
        assert shown == expected

    relevance = {
        row["cert_id"]: row["relevance"]
        for row in read_csv("role_certifications.csv")
        if row["role_id"] == role_id and not row["industry_id"]
    }
    relevance |= {
        row["cert_id"]: row["relevance"]
        for row in read_csv("role_certifications.csv")
        if row["role_id"] == role_id and industry_id and row["industry_id"] == industry_id
    }
    cert_names = names("certifications.csv", "cert_id")
    for level, heading in (("essential", "Required"), ("recommended", "Preferred")):
        expected = [cert_names[c] for c, value in relevance.items() if value == level]
        shown = [text.split(" (")[0] for text in bullets(built, f"Certifications/{heading}")]
        assert shown == expected


def test_industry_rows_are_marked_and_the_prevalence_named(dataset):
    # Mini, banking, by hand: risk is 5 from a banking row, "Keep regulators informed" is a
    # banking-only core duty, PMP is essential in banking; prevalence 4.
    built = job_description(dataset, "delivery_lead", "banking")
    assert bullets(built, "Must-have skills")[1] == (
        "Risk management (importance 5 of 5): Finds and treats risks. (Banking-specific)"
    )
    assert "Keep regulators informed (Banking-specific)" in bullets(
        built, "Responsibilities/Core responsibilities"
    )
    assert bullets(built, "Certifications/Required") == [
        "Project Management Professional (essential for this role), issued by PMI. "
        "Prerequisites: 36 months leading projects (Banking-specific)"
    ]
    assert paragraphs(built, "Purpose")[-1] == "In Banking: how common the role is, 4 of 5"


def test_the_tpm_meaning_is_spelled_out_for_either_tpm_role():
    dataset = load_dataset(SHIPPED)
    program = paragraphs(job_description(dataset, "technical_program_manager"), "Role")
    assert program[1] == (
        "About “TPM”: “TPM” is used for the Technical Program Manager and for the Technical "
        "Project Manager; this document is about the Technical Program Manager."
    )
    project = paragraphs(job_description(dataset, "technical_project_manager"), "Role")
    assert project[0] == "Role: Technical Project Manager (abbreviated TPM (project))"
    assert "this document is about the Technical Project Manager." in project[1]
    assert not any(
        "TPM" in text for text in paragraphs(job_description(dataset, "agile_coach"), "Role")
    )


def test_the_finders_needs_come_first_and_are_marked(dataset):
    needs = Needs(
        (
            Need(SKILL, "coaching", True, 4),  # the delivery lead rates it 2
            Need(SKILL, "cloud", False),  # not rated for the delivery lead
            Need(RESPONSIBILITY, "facilitate_events", True),  # not held
            Need(RESPONSIBILITY, "report_progress", False),  # held, supporting
            Need(CERTIFICATION, "csm", False),  # not rated for the delivery lead
        )
    )
    built = job_description(dataset, "delivery_lead", None, needs)
    assert bullets(built, "Must-have skills")[:2] == [
        "Coaching (importance 2 of 5; asked for by the team at 4 or more): Helps people grow.",
        "Planning (importance 5 of 5): Plans work.",
    ]
    assert bullets(built, "Nice-to-have skills") == [
        "Cloud architecture (not rated for this role in the dataset; asked for by the team): "
        "Designs cloud systems."
    ]
    assert bullets(built, "Responsibilities/Supporting") == [
        "Report progress to sponsors (asked for by the team)"
    ]
    assert bullets(built, "Responsibilities/Also asked for by the team") == [
        "Facilitate team events (asked for by the team; the dataset does not list it for this role)"
    ]
    assert bullets(built, "Certifications/Preferred")[0].startswith(
        "Certified ScrumMaster (not rated for this role in the dataset; asked for by the team), "
        "issued by Scrum Alliance."
    )
    assert (
        "Drafted from the team's needs in the finder (2 must-haves, 3 nice-to-haves)"
        in (paragraphs(built, "Role")[-2])
    )


def test_the_inclusive_check_suggests_and_changes_nothing():
    dataset = load_dataset(SHIPPED)
    plain = markdown_text(job_description(dataset, "agile_coach", "technology"))
    checked_doc = job_description(dataset, "agile_coach", "technology", inclusive=True)
    checked = markdown_text(checked_doc)
    heading = "## Inclusive wording \\(suggestions\\)"
    assert heading not in plain
    draft, _, check = checked.partition(heading)
    assert plain.startswith(draft.rstrip("\n"))
    # Every coded word of the draft (by hand, with the stored lists) is listed.
    drafted = [
        line.text
        for section in checked_doc.sections[:-1]
        for block in section.blocks
        for line in ([block.line] if isinstance(block, Paragraph) else getattr(block, "lines", ()))
    ]
    stems = {stem.stem for text in drafted for _, stem in coded_words(text, coded_stems())}
    assert stems
    for stem in stems:
        assert f"stem “{stem}”" in check.replace("\\", "")


def test_a_tpm_role_alone_in_its_dataset_gets_the_fixed_note(tmp_path):
    # The mini dataset with one role renamed: no other TPM role to name beside it.
    files = hostile.roles_named(delivery_lead="Technical Program Manager")
    folder = tmp_path / "one_tpm"
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    built = job_description(parse_dataset(files), "delivery_lead")
    assert paragraphs(built, "Role")[1] == (
        f"About “TPM”: {TPM_NOTE} This document is about the Technical Program Manager."
    )
    assert check_lines(built, Rows(folder)) > 5
