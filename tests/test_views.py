"""Page-shaped tables, checked against the CSVs."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from dashboard.core.comparison import (
    CERT_DETAILS,
    Selection,
    comparison_long,
    comparison_wide,
    filtered_ratings,
    skill_holders,
    unique_skills,
)
from dashboard.core.dataset import load_dataset
from dashboard.core.text import humanise
from dashboard.core.views import (
    EMPHASIS_MARKS,
    cap,
    cited_sources,
    importance_view,
    industry_specific_rows,
    roles_without_industry_rows,
    section_view,
    unique_view,
)
from tests.edge_cases import EDGE_SELECTIONS
from tests.support import MINI, effective_duties, effective_importance, names, read_csv

ROLES = ("delivery_lead", "scrum_master")
# The views key role columns by id ("role:<id>"), never by a name, which is data.
LEAD, MASTER = ROLE_KEYS = ["role:delivery_lead", "role:scrum_master"]


def wide_of(dataset, selection: Selection) -> pd.DataFrame:
    return comparison_wide(comparison_long(dataset, selection), dataset, selection.role_ids)


def test_skills_view_holds_numbers_for_the_progress_bars(dataset):
    view = section_view(wide_of(dataset, Selection(ROLES, "banking")), "skills", ROLES, False)
    skill_names = names("skills.csv", "skill_id")
    by_skill = view.set_index("item")
    for role_id, role_key in zip(ROLES, ROLE_KEYS, strict=True):
        expected = {skill_names[s]: v for s, v in effective_importance(role_id, "banking").items()}
        shown = by_skill[role_key].dropna().astype(int).to_dict()
        assert shown == expected
    assert str(view[LEAD].dtype) == "Float64"
    assert list(view.columns) == ["group", "item", *ROLE_KEYS]


@pytest.mark.parametrize("section", ["skills", "responsibilities", "certifications"])
def test_a_view_of_some_roles_keeps_only_their_rows(dataset, section):
    wide = wide_of(dataset, Selection(ROLES, "banking"))
    everyone = section_view(wide, section, ROLES, False)
    only_master = section_view(wide, section, ["scrum_master"], False)
    assert LEAD not in only_master.columns
    # Exactly the rows Scrum Master has, in the same order, with the same cells.
    expected = everyone[everyone[MASTER].notna()].drop(columns=[LEAD]).reset_index(drop=True)
    pd.testing.assert_frame_equal(only_master, expected)
    # Delivery Lead rates risk and (in banking) security; Scrum Master rates neither.
    assert section != "skills" or len(only_master) == len(everyone) - 2


def test_responsibilities_view_marks_core_and_supporting(dataset):
    view = section_view(
        wide_of(dataset, Selection(ROLES, "banking")), "responsibilities", ROLES, False
    )
    cells = view.set_index("item")[LEAD].dropna().to_dict()
    catalogue = {row["responsibility_id"]: row["name"] for row in read_csv("responsibilities.csv")}
    expected = {
        catalogue[duty]: emphasis
        for duty, emphasis in effective_duties("delivery_lead", "banking").items()
    }
    assert {item: mark.split()[-1] for item, mark in cells.items()} == expected
    assert cells["Plan releases"] == "● core"
    assert cells["Report progress to sponsors"] == "○ supporting"


def test_certifications_view_has_details_and_optional_sources(dataset):
    wide = wide_of(dataset, Selection(ROLES, "banking"))
    view = section_view(wide, "certifications", ROLES, True)
    assert list(view.columns) == [
        "item",
        *ROLE_KEYS,
        "issuer",
        "prerequisites",
        "renewal",
        "url",
        "sources",
    ]
    pmp = view.set_index("item").loc["Project Management Professional"]
    assert pmp[LEAD] == "essential"  # the banking row, not the general "recommended"
    assert pd.isna(pmp[MASTER])
    assert pmp["url"] == "https://www.pmi.org"
    assert pmp["sources"] == "handbook"


def test_cited_sources_lists_known_ids_once_with_links(dataset):
    table = cited_sources(dataset, ["handbook", "handbook;ghost", ""])
    assert table.to_dict("records") == [
        {
            "source_id": "handbook",
            "title": "Test handbook (a made-up source for tests)",
            "publisher": "Tests",
            "url": "https://example.org/handbook",
        }
    ]


@pytest.mark.parametrize(
    ("role_ids", "industry_id", "expected"),
    [(ROLES, "banking", 4), (("scrum_master",), "banking", 0), (ROLES, "retail", 0)],
)
def test_industry_specific_rows(dataset, role_ids, industry_id, expected):
    rows = sum(
        1
        for file in ("role_skills.csv", "role_certifications.csv", "role_responsibilities.csv")
        for row in read_csv(file)
        if row["industry_id"] == industry_id and row["role_id"] in role_ids
    )
    assert rows == expected
    assert industry_specific_rows(dataset, role_ids, industry_id) == expected


@pytest.mark.parametrize(
    ("role_ids", "industry_id", "expected"),
    [
        (ROLES, "banking", ["scrum_master"]),
        (("scrum_master", "platform_architect"), "banking", ["scrum_master"]),
        (("platform_architect", "delivery_lead"), "banking", []),
        (ROLES, "retail", list(ROLES)),
    ],
)
def test_roles_without_industry_rows(dataset, role_ids, industry_id, expected):
    # Hand-read from the mini fixture: banking has rows for the Delivery Lead (skills, a
    # certification, a duty) and the Platform Architect (one skill); retail has none.
    assert roles_without_industry_rows(dataset, role_ids, industry_id) == expected


def test_importance_view_keeps_the_most_important_skills_when_capped(dataset):
    ratings = filtered_ratings(dataset, Selection(("delivery_lead", "scrum_master")))
    full, total = importance_view(dataset, ratings, ROLES, 10)
    assert total == 3 and list(full.index) == ["Planning", "Risk management", "Coaching"]
    capped, total = importance_view(dataset, ratings, ROLES, 2)
    # Totals: planning 8, coaching 7, risk 4: risk goes; vocabulary order is kept.
    assert total == 3 and list(capped.index) == ["Planning", "Coaching"]


def test_cap():
    assert cap(["a", "b", "c"], 2).kept == ("a", "b")
    assert cap(["a", "b", "c"], 2).is_capped
    assert not cap(["a"], 2).is_capped


# --- The vectorised views against the per-role loops they replaced ---------------------------


def reference_section_view(
    wide: pd.DataFrame, section: str, role_keys: list[str], with_sources: bool
) -> pd.DataFrame:
    """Reference for section_view: the plain version, one role column converted at a time."""
    rows = wide[wide["section"] == section]
    columns = ["group", "item", *role_keys]
    if section == "certifications":
        columns = ["item", *role_keys, *CERT_DETAILS]
    if with_sources:
        columns.append("sources")
    view = rows[columns].reset_index(drop=True)
    if section == "skills":
        view["group"] = view["group"].map(humanise)
    for name in role_keys:
        cells = view[name].where(view[name] != "")
        if section == "skills":
            view[name] = pd.to_numeric(cells).astype("Float64")
        elif section == "responsibilities":
            view[name] = cells.map(EMPHASIS_MARKS).astype(object)
        else:
            view[name] = cells.astype(object)
    return view


def reference_unique_view(dataset, unique, role_ids) -> pd.DataFrame:
    """Reference for unique_view: the plain version, the vocabulary filtered once per role."""
    names = dataset.role_names
    rows = []
    for role_id in role_ids:
        wanted = set(unique.get(role_id, ()))
        skills = dataset.skills
        shown = skills.loc[skills["skill_id"].isin(wanted), "name"].tolist()
        rows.append({"role": names[role_id], "count": len(shown), "skills": ", ".join(shown)})
    return pd.DataFrame(rows, columns=["role", "count", "skills"])


@pytest.mark.parametrize("with_sources", [False, True])
@pytest.mark.parametrize("section", ["responsibilities", "skills", "certifications"])
@pytest.mark.parametrize("selection", EDGE_SELECTIONS)
def test_section_view_equals_the_reference_loop(edge, selection, section, with_sources):
    keys = [f"role:{role_id}" for role_id in selection.role_ids]
    wide = comparison_wide(comparison_long(edge, selection), edge, selection.role_ids)
    before = wide.copy(deep=True)
    view = section_view(wide, section, selection.role_ids, with_sources)
    pd.testing.assert_frame_equal(view, reference_section_view(wide, section, keys, with_sources))
    pd.testing.assert_frame_equal(wide, before)  # the input is left alone


@pytest.mark.parametrize("section", ["responsibilities", "skills", "certifications"])
@pytest.mark.parametrize("selection", EDGE_SELECTIONS)
def test_differences_only_over_the_roles_shown_keeps_the_rows_they_differ_on(
    edge, selection, section
):
    # The compare page shows at most 50 roles and compares just those: a row stays where the
    # shown roles' cells (blank included) hold two or more values.
    keys = [f"role:{role_id}" for role_id in selection.role_ids]
    wide = comparison_wide(comparison_long(edge, selection), edge, selection.role_ids)
    rows = wide[wide["section"] == section]
    for count in {len(keys), 1, 2}:
        shown = replace(selection.with_roles(selection.role_ids[:count]), differences_only=True)
        if not shown.role_ids:
            continue
        shown_keys = keys[:count]
        differ = [len(set(cells)) > 1 for cells in rows[shown_keys].itertuples(index=False)]
        kept = rows[pd.Series(differ, index=rows.index, dtype=bool)]
        expected = reference_section_view(kept, section, shown_keys, False)
        shown_wide = comparison_wide(comparison_long(edge, shown), edge, shown.role_ids)
        view = section_view(shown_wide, section, shown.role_ids, False)
        if expected.empty:  # an empty comparison has untyped (object) key columns
            assert view.empty and list(view.columns) == list(expected.columns)
        else:
            pd.testing.assert_frame_equal(view, expected)


@pytest.mark.parametrize("selection", EDGE_SELECTIONS)
def test_unique_view_equals_the_reference_loop(edge, selection):
    ratings = filtered_ratings(edge, selection)
    unique = unique_skills(skill_holders(ratings, selection.role_ids))
    pd.testing.assert_frame_equal(
        unique_view(edge, unique, selection.role_ids),
        reference_unique_view(edge, unique, selection.role_ids),
    )


def test_unique_view_lists_names_in_vocabulary_order(edge):
    unique = {"delivery_lead": ["security", "planning", "nowhere"], "empty_role": []}
    view = unique_view(edge, unique, ["delivery_lead", "empty_role", "scrum_master"])
    assert view.to_dict("list") == {
        "role": ["Delivery Lead", "Empty Role", "Scrum Master"],
        "count": [2, 0, 0],
        "skills": ["Planning, Security", "", ""],
    }


@pytest.mark.parametrize("max_skills", [1, 3, 10])
@pytest.mark.parametrize("selection", EDGE_SELECTIONS)
def test_importance_view_shows_only_the_given_roles(edge, selection, max_skills):
    # The page passes the first roles of a longer selection: skills only later roles rate keep
    # their (all zero) rows and count in the total, as before.
    ratings = filtered_ratings(edge, selection)
    shown = selection.role_ids[:2]
    matrix, total = importance_view(edge, ratings, shown, max_skills)
    assert total == ratings["skill_id"].nunique()
    assert list(matrix.columns) == [f"role:{role_id}" for role_id in shown]
    assert len(matrix) == min(total, max_skills)
    for role_id in shown:
        rated = ratings[ratings["role_id"] == role_id]
        by_name = dict(
            zip(
                rated["skill_id"].map(edge.skills.set_index("skill_id")["name"]),
                rated["importance"],
                strict=True,
            )
        )
        column = matrix[f"role:{role_id}"]
        assert {k: v for k, v in column.items() if pd.notna(v)} == {
            k: v for k, v in by_name.items() if k in column.index
        }


def test_prevalence_table_leaves_a_pair_without_a_level_empty():
    from dashboard.core.views import prevalence_table

    dataset = load_dataset(MINI)
    roles = ["delivery_lead", "scrum_master"]
    prevalence = pd.DataFrame({"banking": [4.0, 3.0], "retail": [3.0, None]}, index=roles)
    table = prevalence_table(prevalence, dataset).set_index("role")
    assert table.loc["Delivery Lead", "industry:banking"] == 4
    assert pd.isna(table.loc["Scrum Master", "industry:retail"])
    assert str(table["industry:banking"].dtype) == "Float64"


def test_evidence_by_role_counts_ratings_and_their_sources_by_hand():
    from dashboard.core.views import evidence_by_role

    table = evidence_by_role(load_dataset(MINI)).set_index("role")
    rated = [
        row
        for file in (
            "role_skills.csv",
            "role_responsibilities.csv",
            "role_certifications.csv",
            "role_industries.csv",
        )
        for row in read_csv(file)
        if row["role_id"] == "delivery_lead"
    ]
    lead = table.loc["Delivery Lead"]
    assert lead["ratings"] == len(rated)
    assert lead["sources"] == len({row["source"] for row in rated}) == 1
    assert lead["ratings_on_one_source"] == len(rated)
    general = effective_importance("delivery_lead", "")
    assert lead["skills_with_evidence"] == sum(level >= 2 for level in general.values())
    assert lead["skills_without_evidence"] == sum(level == 1 for level in general.values())


def test_industries_without_data_are_the_ones_without_a_row(tmp_path):
    from dashboard.core.views import industries_without_data

    dataset = load_dataset(MINI)
    assert industries_without_data(dataset, "delivery_lead") == []
    rows = "role_id,industry_id,prevalence,note,source\ndelivery_lead,banking,4,,handbook\n"
    files = {
        **{p.name: p.read_bytes() for p in MINI.iterdir()},
        "role_industries.csv": rows.encode(),
    }
    from dashboard.core.dataset import parse_dataset

    partial = parse_dataset(files)
    assert industries_without_data(partial, "delivery_lead") == ["Retail"]
    assert industries_without_data(partial, "scrum_master") == ["Banking", "Retail"]
