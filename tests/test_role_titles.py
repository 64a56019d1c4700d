"""datasets/role_titles.csv: built from roles.csv and O*NET's Alternate Titles, and up to date."""

from __future__ import annotations

import pytest

from dashboard.core.text import onet_codes
from tests.support import SHIPPED, read_csv
from tools.role_titles import ALTERNATE_TITLES, main, title_parts


@pytest.mark.parametrize(
    ("title", "parts"),
    [
        ("Scrum Master", ["Scrum Master"]),
        ("Project Manager (PM)", ["Project Manager", "PM"]),
        (
            "IT Program Manager (Information Technology Program Manager)",
            ["IT Program Manager", "Information Technology Program Manager"],
        ),
        (
            "Research and Development Manager (R&D Manager)",
            ["Research and Development Manager", "R&D Manager"],
        ),
    ],
)
def test_bracketed_forms_become_titles_of_their_own(title, parts):
    assert title_parts(title) == parts


@pytest.mark.skipif(not ALTERNATE_TITLES.is_file(), reason="../shared/reference is not here")
def test_the_shipped_file_is_what_the_build_writes_today():
    assert main(["--check"]) == 0


def test_each_role_has_its_own_name_and_abbreviation_cited_with_its_sources():
    titles = read_csv("role_titles.csv", SHIPPED)
    for role in read_csv("roles.csv", SHIPPED):
        own = {
            row["kind"]: row
            for row in titles
            if row["role_id"] == role["role_id"] and row["kind"] in {"name", "abbreviation"}
        }
        assert own["name"]["title"] == role["name"]
        assert own["abbreviation"]["title"] == role["abbreviation"]
        assert own["name"]["source"] == role["source"]


def test_alternate_titles_come_only_from_the_occupations_each_role_is_mapped_to():
    mapped = {
        role["role_id"]: set(onet_codes(role["onet_soc"]))
        for role in read_csv("roles.csv", SHIPPED)
    }
    rows = [
        row for row in read_csv("role_titles.csv", SHIPPED) if row["kind"] == "onet_alternate_title"
    ]
    assert rows
    for row in rows:
        assert row["source"] == "onet_30"
        assert set(row["onet_soc"].split(";")) <= mapped[row["role_id"]], row
    assert not [row for row in rows if row["role_id"] == "agile_coach"]  # mapped to none
    scrum = {row["title"] for row in rows if row["role_id"] == "scrum_master"}
    assert "IT Program Manager" in scrum  # 15-1299.09's titles
    # O*NET lists the role's own name too: the name row says which occupation does.
    name = next(
        row
        for row in read_csv("role_titles.csv", SHIPPED)
        if row["role_id"] == "scrum_master" and row["kind"] == "name"
    )
    assert name["title"] == "Scrum Master" and name["onet_soc"] == "15-1299.09"
