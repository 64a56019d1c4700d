"""The industry override rule, worked by hand on the mini fixture (tests/fixtures/mini)."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.core.override import (
    effective_responsibilities,
    effective_role_certifications,
    effective_role_skills,
    importance_matrix,
    ratings_matrix,
)
from tests.support import effective_duties

ALL_ROLES = ["delivery_lead", "scrum_master", "platform_architect"]


def ratings(frame: pd.DataFrame, role_id: str) -> dict[str, int]:
    rows = frame[frame["role_id"] == role_id]
    return dict(zip(rows["skill_id"], rows["importance"], strict=True))


# role_skills.csv, general rows: delivery_lead planning 5, risk 4, coaching 2;
# banking rows: delivery_lead risk 5 (replaces 4), security 3 (new); platform_architect security 5.
SKILL_CASES = [
    ("delivery_lead", None, {"planning": 5, "risk": 4, "coaching": 2}),
    ("delivery_lead", "banking", {"planning": 5, "risk": 5, "coaching": 2, "security": 3}),
    ("delivery_lead", "retail", {"planning": 5, "risk": 4, "coaching": 2}),
    ("scrum_master", "banking", {"planning": 3, "coaching": 5}),
    ("platform_architect", None, {"cloud": 5, "risk": 2}),
    ("platform_architect", "banking", {"cloud": 5, "risk": 2, "security": 5}),
]


@pytest.mark.parametrize(("role_id", "industry_id", "expected"), SKILL_CASES)
def test_industry_rows_replace_or_add_skill_ratings(dataset, role_id, industry_id, expected):
    assert ratings(effective_role_skills(dataset, ALL_ROLES, industry_id), role_id) == expected


def test_replaced_rows_say_which_industry_they_come_from(dataset):
    rows = effective_role_skills(dataset, ["delivery_lead"], "banking").set_index("skill_id")
    assert rows.loc["risk", "industry_id"] == "banking"
    assert rows.loc["planning", "industry_id"] == ""


CERT_CASES = [
    (None, {("delivery_lead", "pmp"): "recommended", ("scrum_master", "csm"): "essential"}),
    ("banking", {("delivery_lead", "pmp"): "essential", ("scrum_master", "csm"): "essential"}),
    ("retail", {("delivery_lead", "pmp"): "recommended", ("scrum_master", "csm"): "essential"}),
]


@pytest.mark.parametrize(("industry_id", "expected"), CERT_CASES)
def test_industry_rows_replace_certification_relevance(dataset, industry_id, expected):
    rows = effective_role_certifications(dataset, ALL_ROLES, industry_id)
    got = dict(
        zip(zip(rows["role_id"], rows["cert_id"], strict=True), rows["relevance"], strict=True)
    )
    assert got == expected


RESPONSIBILITY_CASES = [
    (None, {"plan_releases": "core", "report_progress": "supporting"}),
    (
        "banking",
        {"plan_releases": "core", "report_progress": "supporting", "inform_regulators": "core"},
    ),
    ("retail", {"plan_releases": "core", "report_progress": "supporting"}),
]


@pytest.mark.parametrize(("industry_id", "expected"), RESPONSIBILITY_CASES)
def test_industry_responsibilities_are_added_or_replace_the_general_row(
    dataset, industry_id, expected
):
    rows = effective_responsibilities(dataset, ["delivery_lead"], industry_id)
    assert dict(zip(rows["responsibility_id"], rows["emphasis"], strict=True)) == expected
    assert expected == effective_duties("delivery_lead", industry_id or "")


def test_an_industry_responsibility_row_replaces_the_general_one(edge):
    # The edge dataset rates the delivery lead's "Plan releases" supporting in banking.
    general = effective_responsibilities(edge, ["delivery_lead"], None).set_index(
        "responsibility_id"
    )
    banking = effective_responsibilities(edge, ["delivery_lead"], "banking").set_index(
        "responsibility_id"
    )
    assert general.loc["plan_releases", "emphasis"] == "core"
    assert banking.loc["plan_releases", "emphasis"] == "supporting"
    assert banking.loc["plan_releases", "industry_id"] == "banking"


def test_role_filter_none_means_every_role(dataset):
    assert set(effective_role_skills(dataset, None, None)["role_id"]) == set(ALL_ROLES)


def test_importance_matrix_in_banking(dataset):
    matrix = importance_matrix(dataset, ["platform_architect", "delivery_lead"], "banking")
    expected = pd.DataFrame(
        {"platform_architect": [0, 2, 0, 5, 5], "delivery_lead": [5, 5, 2, 0, 3]},
        index=pd.Index(["planning", "risk", "coaching", "cloud", "security"], name="skill_id"),
    )
    expected.columns.name = "role_id"
    pd.testing.assert_frame_equal(matrix, expected)


def test_helpers_never_mutate_the_dataset(dataset):
    before = {name: dataset.table(name).copy() for name in ("role_skills", "role_certifications")}
    skills = effective_role_skills(dataset, ALL_ROLES, "banking")
    skills["importance"] = 0
    certifications = effective_role_certifications(dataset, ALL_ROLES, "banking")
    certifications["relevance"] = "x"
    importance_matrix(dataset, ALL_ROLES, "banking")
    for name, frame in before.items():
        pd.testing.assert_frame_equal(dataset.table(name), frame)


def reference_ratings_matrix(ratings: pd.DataFrame, role_ids) -> pd.DataFrame:
    """Reference for ratings_matrix: every role pivoted, then the wanted ones kept."""
    matrix = ratings.pivot(index="skill_id", columns="role_id", values="importance")
    return matrix.reindex(columns=list(role_ids)).fillna(0).astype("int64")


@pytest.mark.parametrize(
    "role_ids",
    [
        [],
        ["delivery_lead"],
        ["platform_architect", "delivery_lead"],
        ["ghost", "scrum_master"],
        ALL_ROLES,
    ],
)
@pytest.mark.parametrize("industry_id", [None, "banking"])
@pytest.mark.parametrize("empty", [False, True])
def test_ratings_matrix_equals_the_reference_pivot(dataset, role_ids, industry_id, empty):
    # Ratings of every role: the matrix keeps a row for each of their skills, even one that
    # only roles not asked for rate.
    ratings = effective_role_skills(dataset, None, industry_id)
    if empty:
        ratings = ratings.iloc[:0]
    pd.testing.assert_frame_equal(
        ratings_matrix(ratings, role_ids), reference_ratings_matrix(ratings, role_ids)
    )
