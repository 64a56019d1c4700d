"""The interview scorecard: at most four groups of at most six attributes, each from the role's
highest-rated skills and core responsibilities (worked out from the CSV files by hand), a 1-4
scale to tick, and the certifications to verify."""

from __future__ import annotations

import pytest

from dashboard.core.dataset import load_dataset
from dashboard.core.document import Table
from dashboard.core.markdown_document import markdown_text
from dashboard.core.scorecard import BOX, MAX_ATTRIBUTES, MAX_GROUPS, scorecard
from tests.documents import golden
from tests.support import SHIPPED, effective_duties, effective_importance, names, read_csv

SHIPPED_ROLES = [row["role_id"] for row in read_csv("roles.csv", SHIPPED)]
SHIPPED_INDUSTRIES = [""] + [row["industry_id"] for row in read_csv("industries.csv", SHIPPED)]


@pytest.fixture(scope="module")
def shipped():
    return load_dataset(SHIPPED)


def test_golden_markdown_of_the_technical_project_manager_in_cybersecurity(shipped):
    text = markdown_text(scorecard(shipped, "technical_project_manager", "cybersecurity"))
    assert text == golden("interview-scorecard_technical-project-manager_cybersecurity.md", text)


def attribute_tables(built) -> dict[str, Table]:
    return {
        section.heading: block
        for section in built.sections
        for block in section.blocks
        if isinstance(block, Table) and block.name != "certifications"
    }


def test_mini_delivery_lead_in_banking_by_hand(dataset):
    # Rated 4-5 in banking: planning 5 and risk 5 (a banking row), both "methodology"; core
    # duties: plan_releases (area planning) and inform_regulators (risk, a banking row).
    tables = attribute_tables(scorecard(dataset, "delivery_lead", "banking"))
    assert {heading: [row.cells[0] for row in table.rows] for heading, table in tables.items()} == {
        "Methodology (skills)": [
            "Planning (importance 5 of 5)",
            "Risk management (importance 5 of 5) (Banking-specific)",
        ],
        "planning (responsibilities)": ["Plan releases (core)"],
        "risk (responsibilities)": ["Keep regulators informed (core) (Banking-specific)"],
    }
    planning = tables["Methodology (skills)"].rows[0]
    assert planning.cells == ("Planning (importance 5 of 5)", "Plans work.", *[BOX] * 4, "")
    assert tables["Methodology (skills)"].header == (
        "Attribute",
        "Listen for",
        "1",
        "2",
        "3",
        "4",
        "Notes",
    )


@pytest.mark.parametrize("industry_id", SHIPPED_INDUSTRIES)
@pytest.mark.parametrize("role_id", SHIPPED_ROLES)
def test_every_attribute_is_a_top_skill_or_a_core_duty(shipped, role_id, industry_id):
    built = scorecard(shipped, role_id, industry_id or None)
    tables = attribute_tables(built)
    assert 1 <= len(tables) <= MAX_GROUPS
    ratings = effective_importance(role_id, industry_id, SHIPPED)
    duties = effective_duties(role_id, industry_id, SHIPPED)
    skill_names = names("skills.csv", "skill_id", SHIPPED)
    duty_names = names("responsibilities.csv", "responsibility_id", SHIPPED)
    on_card = []
    for heading, table in tables.items():
        assert 1 <= len(table.rows) <= MAX_ATTRIBUTES
        for row in table.rows:
            # The item the row names, by its reference to the catalogue; its name leads the row.
            (kind, ((_, item_id),)) = next(
                (ref.table, ref.key)
                for ref in row.refs
                if ref.table in ("skills", "responsibilities")
            )
            if heading.endswith("(skills)"):
                assert kind == "skills" and ratings[item_id] >= 4
                assert row.cells[0].startswith(f"{skill_names[item_id]} (importance ")
                on_card.append(item_id)
            else:
                assert kind == "responsibilities" and duties[item_id] == "core"
                assert row.cells[0].startswith(f"{duty_names[item_id]} (core)")
            assert row.cells[2:6] == (BOX,) * 4
    # The role's highest-rated skill is on the card when it is rated 4 or more.
    best = max(ratings.values())
    assert best < 4 or any(ratings[skill] == best for skill in on_card)


@pytest.mark.parametrize("role_id", SHIPPED_ROLES)
def test_the_certifications_to_verify_are_the_essential_and_recommended_ones(shipped, role_id):
    built = scorecard(shipped, role_id, "cybersecurity")
    rows = [r for r in read_csv("role_certifications.csv", SHIPPED) if r["role_id"] == role_id]
    # The override by hand: general rows, then the industry's rows replace or add.
    relevance = {r["cert_id"]: r["relevance"] for r in rows if r["industry_id"] == ""}
    relevance |= {r["cert_id"]: r["relevance"] for r in rows if r["industry_id"] == "cybersecurity"}
    cert_names = names("certifications.csv", "cert_id", SHIPPED)
    expected = {cert_names[c] for c, value in relevance.items() if value != "optional"}
    tables = [
        block
        for section in built.sections
        for block in section.blocks
        if isinstance(block, Table) and block.name == "certifications"
    ]
    shown = [row for table in tables for row in table.rows]
    assert {row.cells[0] for row in shown} == expected
    assert all(row.cells[-1] == BOX for row in shown)
