"""The side-by-side HTML: shared items on one row, badges for industry values, one card per role,
every dataset value escaped, and when the page falls back to scrolling grids."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from dashboard.core.comparison import Selection, comparison_long
from dashboard.core.contract import (
    SECTION_CERTIFICATIONS,
    SECTION_RESPONSIBILITIES,
    SECTION_SKILLS,
)
from dashboard.core.dataset import parse_dataset
from dashboard.core.side_by_side import MAX_ROLES, MAX_ROWS, fits, section_rows, side_by_side_html
from tests.apptest import side_by_side_tables
from tests.support import mini_files, with_line

ALL = ("delivery_lead", "scrum_master", "platform_architect")


def html_for(dataset, role_ids=ALL, industry=None, with_sources=False) -> str:
    selection = Selection(role_ids=tuple(role_ids), industry_id=industry)
    long = comparison_long(dataset, selection)
    return side_by_side_html(long, dataset, list(role_ids), industry, with_sources)


class _Cards(HTMLParser):
    """Each card's role id and its visible text."""

    def __init__(self) -> None:
        super().__init__()
        self.cards: dict[str, list[str]] = {}
        self._role: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self._role = dict(attrs)["data-role"]
            self.cards[self._role] = []

    def handle_endtag(self, tag):
        if tag == "article":
            self._role = None

    def handle_data(self, data):
        if self._role is not None:
            self.cards[self._role].append(data)


def cards(markup: str) -> dict[str, str]:
    parser = _Cards()
    parser.feed(markup)
    return {role: " ".join(" ".join(parts).split()) for role, parts in parser.cards.items()}


@pytest.mark.parametrize(
    ("roles", "rows", "expected"),
    [
        (0, {}, False),
        (1, {SECTION_SKILLS: 10}, True),
        (MAX_ROLES, {SECTION_SKILLS: MAX_ROWS}, True),
        (MAX_ROLES + 1, {SECTION_SKILLS: 10}, False),
        (3, {SECTION_SKILLS: 10, SECTION_RESPONSIBILITIES: MAX_ROWS + 1}, False),
    ],
)
def test_fits(roles, rows, expected):
    assert fits(roles, rows) is expected


def test_a_shared_item_is_one_row_with_a_cell_per_role(dataset):
    tables = side_by_side_tables(html_for(dataset))
    skills = tables[SECTION_SKILLS]
    assert list(skills.columns) == [
        "group",
        "item",
        "Delivery Lead",
        "Scrum Master",
        "Platform Architect",
    ]
    # Risk management: rated 4 by the Delivery Lead and 2 by the Platform Architect, not by
    # the Scrum Master; one row holds all three (mini role_skills.csv).
    [risk] = skills[skills["item"] == "Risk management"].to_dict("records")
    assert risk["Delivery Lead"] == "4"
    assert risk["Scrum Master"] == "not rated"
    assert risk["Platform Architect"] == "2"
    assert skills["item"].is_unique
    assert section_rows(comparison_long(dataset, Selection(role_ids=ALL))) == {
        SECTION_SKILLS: len(skills),
        SECTION_RESPONSIBILITIES: len(tables[SECTION_RESPONSIBILITIES]),
        SECTION_CERTIFICATIONS: len(tables[SECTION_CERTIFICATIONS]),
    }


def test_industry_values_carry_a_badge_naming_the_industry(dataset):
    tables = side_by_side_tables(html_for(dataset, industry="banking"))
    skills = tables[SECTION_SKILLS].set_index("item")
    # Banking rows: Delivery Lead risk 5, security 3; Platform Architect security 5.
    assert skills.loc["Risk management", "Delivery Lead"] == "5 Banking-specific"
    assert skills.loc["Risk management", "Platform Architect"] == "2"
    assert skills.loc["Security", "Platform Architect"] == "5 Banking-specific"
    duties = tables[SECTION_RESPONSIBILITIES].set_index("item")
    assert duties.loc["Keep regulators informed", "Delivery Lead"] == "● core Banking-specific"
    certificates = tables[SECTION_CERTIFICATIONS]
    pmp = certificates[certificates["item"].str.startswith("Project Management Professional")]
    assert pmp["Delivery Lead"].item() == "essential Banking-specific"


def test_without_an_industry_no_value_has_a_badge(dataset):
    assert "-specific" not in html_for(dataset)


def test_certifications_show_issuer_prerequisites_renewal_and_official_page(dataset):
    markup = html_for(dataset)
    [pmp] = [
        item
        for item in side_by_side_tables(markup)[SECTION_CERTIFICATIONS]["item"]
        if item.startswith("Project Management Professional")
    ]
    assert "Issuer: PMI" in pmp
    assert "Prerequisites: 36 months leading projects" in pmp
    assert "Renewal: 60 PDUs every 3 years" in pmp
    assert '<a href="https://www.pmi.org" target="_blank" rel="noopener noreferrer">' in markup


def test_sources_are_named_by_title_on_demand(dataset):
    assert "Sources:" not in html_for(dataset)
    tables = side_by_side_tables(html_for(dataset, with_sources=True))
    assert all(
        "Sources: Test handbook (a made-up source for tests)" in item
        for item in tables[SECTION_SKILLS]["item"]
    )


def test_one_card_per_role_with_the_same_values(dataset):
    markup = html_for(dataset, industry="banking")
    shown = cards(markup)
    assert list(shown) == list(ALL)
    assert shown["delivery_lead"].startswith("Delivery Lead")
    assert "Risk management: importance 5 of 5 Banking-specific" in shown["delivery_lead"]
    assert "Coaching: importance 2 of 5" in shown["delivery_lead"]
    # A role that holds no certification says so instead of an empty list.
    assert shown["platform_architect"].endswith("Certifications not rated")


def test_every_dataset_value_is_escaped():
    hostile = '<img src=x onerror=alert(1)> & "Lead"'
    files = with_line(
        mini_files(),
        "roles.csv",
        2,
        f'delivery_lead,"{hostile.replace(chr(34), 2 * chr(34))}",DL,,,,,,,yes,handbook',
    )
    files = with_line(files, "skills.csv", 2, "planning,<b>Planning</b>,methodology,Plans work.")
    dataset = parse_dataset(files)
    markup = html_for(dataset, role_ids=("delivery_lead", "scrum_master"))
    assert "<img" not in markup and "<b>" not in markup
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; &quot;Lead&quot;" in markup
    tables = side_by_side_tables(markup)
    assert tables[SECTION_SKILLS].columns[2] == hostile
    assert "<b>Planning</b>" in set(tables[SECTION_SKILLS]["item"])


def test_the_only_links_are_official_pages(dataset):
    markup = html_for(dataset, with_sources=True)
    hrefs = re.findall(r'href="([^"]*)"', markup)
    assert hrefs and all(href.startswith("https://") for href in hrefs)
