"""Shared and unique skills against set arithmetic; the wide and tidy comparison against the
loop-based code they replaced, on hand-made edge cases."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from dashboard.core.comparison import (
    CERT_DETAILS,
    LONG_COLUMNS,
    Selection,
    _differences,
    comparison_long,
    comparison_wide,
    missing_prevalence,
    overlap_summary,
    prevalence_matrix,
    responsibility_similarity,
    responsibility_weights,
    selection_similarity,
    shared_skills,
    skill_holders,
    unique_skills,
)
from dashboard.core.contract import (
    CERT_ID,
    CITED_SOURCES,
    GROUP,
    ITEM,
    ITEM_ID,
    ROLE_ID,
    SECTION,
    SECTION_CERTIFICATIONS,
    SOURCE,
    SOURCE_SEPARATOR,
    VALUE,
)
from dashboard.core.dataset import Dataset, parse_dataset
from tests.edge_cases import EDGE_SELECTIONS, EVERY_ROLE
from tests.support import mini_files


def random_ratings(seed: int) -> tuple[pd.DataFrame, list[str]]:
    rng = np.random.default_rng(seed)
    roles = [f"r{i}" for i in range(int(rng.integers(1, 7)))]
    rows = [(r, f"s{k}") for r in roles for k in range(10) if rng.random() < 0.45]
    ratings = pd.DataFrame(rows, columns=["role_id", "skill_id"]).assign(importance=3)
    # Sometimes a selected role rates nothing at all.
    return ratings, roles + (["unrated"] if seed % 3 == 0 else [])


@pytest.mark.parametrize("seed", range(25))
def test_overlap_matches_set_arithmetic(seed):
    ratings, roles = random_ratings(seed)
    sets = {r: set(ratings.loc[ratings.role_id == r, "skill_id"]) for r in roles}
    everyone = set.intersection(*sets.values())
    unique = {r: s - set().union(*(o for k, o in sets.items() if k != r)) for r, s in sets.items()}

    holders = skill_holders(ratings, roles)
    assert shared_skills(holders) == everyone
    assert unique_skills(holders) == unique
    summary = overlap_summary(holders).set_index("role_id")
    for role, skills in sets.items():
        assert summary.loc[role, "shared"] == len(everyone)
        assert summary.loc[role, "unique"] == len(unique[role])
        assert summary.loc[role, "shared_with_some"] == len(skills - everyone - unique[role])
        assert summary.loc[role, "total"] == len(skills)


def test_overlap_of_hand_made_roles():
    ratings = pd.DataFrame(
        {"role_id": ["a", "a", "a", "b", "b", "c"], "skill_id": ["x", "y", "z", "x", "y", "x"]}
    ).assign(importance=2)
    holders = skill_holders(ratings, ["a", "b", "c"])
    assert shared_skills(holders) == {"x"}
    assert unique_skills(holders) == {"a": {"z"}, "b": set(), "c": set()}
    summary = overlap_summary(holders)
    assert summary.to_dict("list") == {
        "role_id": ["a", "b", "c"],
        "shared": [1, 1, 1],
        "shared_with_some": [1, 1, 0],
        "unique": [1, 0, 0],
        "total": [3, 2, 1],
    }


# --- The vectorised comparison against plain reference code -----------------------


def reference_differences(long: pd.DataFrame, role_ids) -> pd.DataFrame:
    """Reference for _differences: the plain version, a pivot table compared row by row."""
    values = long.pivot_table(
        index=[SECTION, ITEM_ID], columns=ROLE_ID, values=VALUE, aggfunc="first"
    )
    values = values.reindex(columns=list(role_ids)).astype(object).fillna("")
    agree = values.nunique(axis=1, dropna=False) <= 1
    agreed = set(values.index[agree])
    keep = [key not in agreed for key in zip(long[SECTION], long[ITEM_ID], strict=True)]
    return long[keep]


def reference_wide(long: pd.DataFrame, dataset: Dataset, role_ids) -> pd.DataFrame:
    """Reference for comparison_wide: role columns inserted one by one, with a stable sort.

    It sorted with the default quicksort, which may reorder the variants of one item (the same
    duty under two groups or wordings) arbitrarily; the new code keeps their first-seen order.
    """
    names = [f"role:{role_id}" for role_id in role_ids]
    if long.empty:
        return pd.DataFrame(
            columns=[SECTION, GROUP, ITEM_ID, ITEM, *names, *CERT_DETAILS, CITED_SOURCES]
        )
    key = [SECTION, GROUP, ITEM_ID, ITEM]
    wide = long.pivot_table(index=key, columns=ROLE_ID, values=VALUE, aggfunc="first", sort=False)
    wide = wide.reindex(columns=list(role_ids)).set_axis(names, axis=1).reset_index()
    wide.columns.name = None
    first_seen = long.drop_duplicates([SECTION, ITEM_ID]).reset_index(drop=True)
    keys = zip(first_seen[SECTION], first_seen[ITEM_ID], strict=True)
    position = {key: i for i, key in enumerate(keys)}
    wide["_order"] = [position[key] for key in zip(wide[SECTION], wide[ITEM_ID], strict=True)]
    wide = wide.sort_values("_order", kind="stable").drop(columns="_order")
    wide = wide.reset_index(drop=True)
    for name in names:
        wide[name] = wide[name].astype(object).where(wide[name].notna(), "")

    def join_sources(cells: pd.Series) -> str:
        seen: dict[str, None] = {}
        for cell in cells:
            for part in str(cell).split(SOURCE_SEPARATOR):
                if part.strip():
                    seen[part.strip()] = None
        return SOURCE_SEPARATOR.join(seen)

    cited = long.groupby([SECTION, ITEM_ID], sort=False)[SOURCE].agg(join_sources)
    wide[CITED_SOURCES] = [cited[(s, i)] for s, i in zip(wide[SECTION], wide[ITEM_ID], strict=True)]
    catalogue = dataset.certifications.set_index(CERT_ID)
    is_cert = wide[SECTION] == SECTION_CERTIFICATIONS
    for detail in CERT_DETAILS:
        wide[detail] = wide[ITEM_ID].map(catalogue[detail]).where(is_cert, "").fillna("")
    return wide[[SECTION, GROUP, ITEM_ID, ITEM, *names, *CERT_DETAILS, CITED_SOURCES]]


def assert_same_cells(left: pd.DataFrame, right: pd.DataFrame) -> None:
    """Equal frames (columns, dtypes, values), and the very same Python types in every cell."""
    pd.testing.assert_frame_equal(left, right)
    for position in range(left.shape[1]):
        assert list(map(type, left.iloc[:, position])) == list(map(type, right.iloc[:, position]))


@pytest.mark.parametrize("selection", EDGE_SELECTIONS)
def test_comparison_wide_equals_the_reference_pivot(edge, selection):
    long = comparison_long(edge, selection)
    wide = comparison_wide(long, edge, selection.role_ids)
    assert_same_cells(wide, reference_wide(long, edge, selection.role_ids))


@pytest.mark.parametrize("selection", EDGE_SELECTIONS)
def test_differences_equal_the_reference_row_by_row_check(edge, selection):
    long = comparison_long(edge, selection)
    if long.empty:  # reference_differences cannot pivot an empty table
        assert _differences(long, selection.role_ids).empty
        return
    assert_same_cells(
        _differences(long, selection.role_ids), reference_differences(long, selection.role_ids)
    )
    differences = replace(selection, differences_only=True)
    expected = reference_differences(long, selection.role_ids).reset_index(drop=True)
    assert_same_cells(comparison_long(edge, differences), expected)


def test_differences_drop_what_twins_agree_on(edge):
    twins = Selection(("delivery_lead", "twin_lead"), differences_only=True)
    assert comparison_long(edge, twins).empty  # identical general rows
    # In banking the delivery lead's risk is 5 (twin: 4), security and one duty are its own,
    # pmp is essential (twin: recommended), and its banking row makes "Plan releases"
    # supporting (twin: core), replacing its general row as every industry row does.
    long = comparison_long(edge, replace(twins, industry_id="banking"))
    assert set(long["item_id"]) == {"risk", "security", "inform_regulators", "pmp", "plan_releases"}


@pytest.mark.parametrize("role_ids", [(), ("empty_role",)])
def test_differences_of_an_empty_comparison_is_empty(edge, role_ids):
    # "Differences only" with nothing to show must give an empty table, not KeyError.
    long = comparison_long(edge, Selection(role_ids, differences_only=True))
    assert long.empty and list(long.columns) == list(LONG_COLUMNS)


def test_variants_of_one_item_keep_their_first_seen_order(edge):
    # A tidy table may name one item_id under two groups or wordings (a user's own tidy table;
    # the catalogue gives each id one name): each variant keeps a row, in first-seen order.
    long = comparison_long(edge, Selection(("scrum_master", "delivery_lead")))
    duty = long[long["item_id"] == "plan_releases"].index
    long.loc[duty[0], ["group", "item"]] = ["delivery", "plan releases"]
    wide = comparison_wide(long, edge, ("scrum_master", "delivery_lead"))
    variants = wide[wide["item_id"] == "plan_releases"]
    assert variants[["group", "item"]].values.tolist() == [
        ["delivery", "plan releases"],
        ["planning", "Plan releases"],
    ]
    assert variants[["role:scrum_master", "role:delivery_lead"]].values.tolist() == [
        ["supporting", ""],
        ["", "core"],
    ]
    # Sources are gathered per item, across its variants, in first-seen order.
    assert variants["sources"].tolist() == ["handbook;guide"] * 2
    # From the catalogue, the duty the two roles share is one row.
    shared = comparison_wide(
        comparison_long(edge, Selection(("scrum_master", "delivery_lead"))),
        edge,
        ("scrum_master", "delivery_lead"),
    )
    row = shared[shared["item_id"] == "plan_releases"]
    assert row[["role:scrum_master", "role:delivery_lead"]].values.tolist() == [
        ["supporting", "core"]
    ]


def test_comparison_wide_does_not_mutate_its_input(edge):
    long = comparison_long(edge, Selection(EVERY_ROLE, "banking"))
    before = long.copy(deep=True)
    comparison_wide(long, edge, EVERY_ROLE)
    pd.testing.assert_frame_equal(long, before)


def test_tables_of_many_roles_are_shared_and_safe_to_change(monkeypatch, edge):
    from dashboard.ui import data

    monkeypatch.setattr(data, "MANY_ROLES", 3)  # so that EVERY_ROLE counts as many
    selection = Selection(EVERY_ROLE, "banking")
    expected_long = comparison_long(edge, selection)
    expected_wide = comparison_wide(expected_long, edge, EVERY_ROLE)
    try:
        long, wide = data.comparison_tables(edge, selection)
        pd.testing.assert_frame_equal(long, expected_long)
        pd.testing.assert_frame_equal(wide, expected_wide)
        # What one session does to its frames never reaches the shared ones.
        wide.iloc[0, 4] = "changed"
        wide["extra"] = 1
        long[VALUE] = 0
        again_long, again_wide = data.comparison_tables(edge, selection)
        pd.testing.assert_frame_equal(again_long, expected_long)
        pd.testing.assert_frame_equal(again_wide, expected_wide)
        matrix = data.similarity(edge, selection)
        np.testing.assert_array_equal(matrix, selection_similarity(edge, selection).to_numpy())
        assert not matrix.flags.writeable
        # "Most similar" reads one row against every role of the dataset.
        every = list(edge.role_names)
        full = selection_similarity(edge, selection.with_roles(every)).to_numpy()
        for position, role_id in enumerate(every):
            row = data.similarity_to(edge, selection, role_id)
            np.testing.assert_array_equal(row, full[position])
    finally:
        data._shared_comparison_tables.clear()
        data._similarity.clear()
        data._similarity_row.clear()


@pytest.mark.parametrize(
    ("column", "row"),
    [(VALUE, 0), (VALUE, 5), (GROUP, 2), (ITEM, 7), (ROLE_ID, 3), (SOURCE, 4), (ITEM_ID, 1)],
)
def test_comparison_wide_skips_missing_cells_like_the_reference_pivot(edge, column, row):
    # Not produced by comparison_long, but comparison_wide takes any tidy table.
    long = comparison_long(edge, Selection(EVERY_ROLE, "banking"))
    long[column] = long[column].astype(object)
    long.loc[row, column] = None
    wide = comparison_wide(long, edge, EVERY_ROLE)
    assert_same_cells(wide, reference_wide(long, edge, EVERY_ROLE))


def test_missing_prevalence_names_the_industries_without_a_level(dataset):
    rows = "role_id,industry_id,prevalence,note,source\ndelivery_lead,banking,4,,handbook\n"
    files = {**mini_files(), "role_industries.csv": rows.encode()}
    loaded = parse_dataset(files)
    roles = ["delivery_lead", "scrum_master"]
    prevalence = prevalence_matrix(loaded, roles)
    # No level is made up where the dataset has none: the pair is missing, and named.
    assert prevalence.loc["delivery_lead", "banking"] == 4
    assert prevalence.isna().sum().sum() == 3
    assert missing_prevalence(prevalence, loaded) == {
        "delivery_lead": ["Retail"],
        "scrum_master": ["Banking", "Retail"],
    }


BASE_SELECTION = Selection(("a", "b"), "banking", ("people",), 3, False)


@pytest.mark.parametrize(
    "other",
    [
        Selection(("b", "a"), "banking", ("people",), 3, False),
        Selection(("a", "b", "c"), "banking", ("people",), 3, False),
        Selection(("a", "b"), None, ("people",), 3, False),
        Selection(("a", "b"), "banking", (), 3, False),
        Selection(("a", "b"), "banking", ("people",), 4, False),
        Selection(("a", "b"), "banking", ("people",), 3, True),
    ],
    ids=["order", "roles", "industry", "categories", "min-importance", "differences"],
)
def test_selection_digest_changes_with_every_field(other):
    assert other.digest() != BASE_SELECTION.digest()


def test_selection_digest_is_stable_with_thousands_of_roles():
    same = Selection(("a", "b"), "banking", ("people",), 3, False)
    assert same.digest() == BASE_SELECTION.digest()
    many = Selection(tuple(f"role_{i}" for i in range(3_000)))
    assert many.digest() == Selection(tuple(many.role_ids)).digest()
    assert len(many.digest()) == 32


@pytest.mark.parametrize(("industry_id", "expected"), [(None, 1 / 5), ("banking", 1 / 7)])
def test_responsibility_similarity_weights_core_two_and_supporting_one(industry_id, expected):
    files = mini_files()
    files["role_responsibilities.csv"] += b"scrum_master,plan_releases,supporting,,handbook\n"
    dataset = parse_dataset(files)
    selection = Selection(("delivery_lead", "scrum_master"), industry_id)
    weights = responsibility_weights(dataset, selection)
    lead = dict(
        zip(
            weights["skill_id"][weights["role_id"] == "delivery_lead"],
            weights["importance"][weights["role_id"] == "delivery_lead"],
            strict=True,
        )
    )
    assert lead["plan_releases"] == 2 and lead["report_progress"] == 1
    # Delivery lead: plan 2, report 1 (+ regulators 2 in banking); scrum master: plan 1,
    # facilitate 2. Minima: plan 1. Maxima: 2 + 1 + 2 (+ 2).
    matrix = responsibility_similarity(dataset, selection)
    assert matrix.loc["delivery_lead", "scrum_master"] == pytest.approx(expected)
    assert matrix.loc["scrum_master", "scrum_master"] == 1.0
