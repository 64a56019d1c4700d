"""Weighted Jaccard: hand-worked cases, the fast matrix against the naive loop, rankings."""

from __future__ import annotations

import sys

import numpy as np
import pandas as pd
import pytest

from dashboard.core.similarity import (
    most_similar,
    most_similar_in_row,
    reference_similarity_matrix,
    similarity_matrix,
    similarity_row,
    similarity_table,
    top_k_pairs,
    weighted_jaccard,
)


def random_ratings(
    n_roles: int,
    n_skills: int,
    per_role: int,
    *,
    skew: float,
    seed: int,
    empty_roles: int = 0,
) -> tuple[pd.DataFrame, list[str]]:
    """Seeded ratings where skill k is drawn with weight 1 / (k + 1) ** skew.

    The last `empty_roles` roles get no rows. Every other role also rates "common", so one skill
    is shared by all of them and the multiplication's dense path is exercised.
    """
    rng = np.random.default_rng(seed)
    rated_roles = n_roles - empty_roles
    per_role = min(per_role, n_skills)
    log_weights = -skew * np.log(np.arange(1, n_skills + 1))
    # Gumbel top-k: per_role distinct skills per role, drawn by weight, without a Python loop.
    keys = log_weights + rng.gumbel(size=(rated_roles, n_skills))
    skills = np.argpartition(-keys, per_role - 1, axis=1)[:, :per_role]
    role_codes = np.repeat(np.arange(rated_roles), per_role)
    frame = pd.DataFrame(
        {
            "role_id": [f"role-{code}" for code in role_codes]
            + [f"role-{code}" for code in range(rated_roles)],
            "skill_id": [f"skill-{code}" for code in skills.ravel()] + ["common"] * rated_roles,
            "importance": rng.integers(1, 6, size=len(role_codes) + rated_roles),
        }
    )
    return frame, [f"role-{code}" for code in range(n_roles)]


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        # identical: every min equals its max.
        ({"x": 3, "y": 2}, {"x": 3, "y": 2}, 1.0),
        # disjoint: min 0 everywhere; max 3 + 2 = 5 -> 0 / 5.
        ({"x": 3}, {"y": 2}, 0.0),
        # min: x 3, y 0, z 0 = 3; max: x 5, y 1, z 2 = 8 -> 3 / 8.
        ({"x": 5, "y": 1}, {"x": 3, "z": 2}, 0.375),
        # min: x 2, y 2 = 4; max: x 4, y 4 = 8 -> 4 / 8.
        ({"x": 2, "y": 4}, {"x": 4, "y": 2}, 0.5),
        # min 1, max 5 -> 1 / 5.
        ({"x": 1}, {"x": 5}, 0.2),
        # b a subset of a: min x 5 = 5; max 5 + 5 + 5 = 15 -> 1 / 3.
        ({"x": 5, "y": 5, "z": 5}, {"x": 5}, 1 / 3),
        # min: p 2, q 3 = 5; max: p 4, q 3, r 1, s 5 = 13 -> 5 / 13.
        ({"p": 4, "q": 3, "r": 1}, {"p": 2, "q": 3, "s": 5}, 5 / 13),
        # one empty vector: min 0, max 3 -> 0.
        ({"x": 3}, {}, 0.0),
        # both empty: no union, 0 by definition.
        ({}, {}, 0.0),
    ],
)
def test_weighted_jaccard_hand_worked(a, b, expected):
    assert weighted_jaccard(a, b) == pytest.approx(expected, abs=1e-15)
    assert weighted_jaccard(b, a) == pytest.approx(expected, abs=1e-15)


def test_similarity_matrix_hand_worked():
    ratings = pd.DataFrame(
        {
            "role_id": ["pm", "pm", "coach", "coach", "tpm"],
            "skill_id": ["x", "y", "x", "z", "w"],
            "importance": [5, 1, 3, 2, 4],
            "source": ["s1", "s1", "s2", "s2", "s3"],
        }
    )
    # pm-coach is the 3 / 8 case above; tpm shares nothing; "empty" has no rows at all.
    expected = np.array(
        [
            [1.0, 0.375, 0.0, 0.0],
            [0.375, 1.0, 0.0, 0.0],
            [0.0, 0.0, 1.0, 0.0],
            [0.0, 0.0, 0.0, 1.0],
        ]
    )
    matrix = similarity_matrix(ratings, ["pm", "coach", "tpm", "empty"])
    assert matrix.dtype == np.float64
    np.testing.assert_array_equal(matrix, expected)


@pytest.mark.parametrize(
    ("n_roles", "n_skills", "per_role", "skew", "empty_roles"),
    [
        (1, 5, 3, 0.0, 0),
        (2, 3, 3, 0.0, 1),
        (12, 8, 4, 0.0, 3),
        (40, 30, 10, 1.0, 5),
        (150, 400, 25, 1.2, 10),
        (300, 60, 20, 0.0, 0),
    ],
)
def test_fast_equals_naive_on_random_data(n_roles, n_skills, per_role, skew, empty_roles):
    ratings, role_ids = random_ratings(
        n_roles, n_skills, per_role, skew=skew, seed=n_roles, empty_roles=empty_roles
    )
    # Also a role absent from the ratings, and rows of a role nobody asked for.
    role_ids = [*role_ids, "absent-role"]
    unasked = pd.DataFrame({"role_id": ["unasked"], "skill_id": ["common"], "importance": [2]})
    ratings = pd.concat([ratings, unasked], ignore_index=True)

    fast = similarity_matrix(ratings, role_ids)
    naive = reference_similarity_matrix(ratings, role_ids)

    assert fast.shape == (len(role_ids), len(role_ids))
    # Both divide the same two integers, so the results agree to the last bit.
    np.testing.assert_array_equal(fast, naive)
    np.testing.assert_array_equal(np.diag(fast), 1.0)
    np.testing.assert_array_equal(fast, fast.T)
    assert ((fast >= 0) & (fast <= 1)).all()


@pytest.mark.parametrize(
    ("n_roles", "n_skills", "per_role", "skew", "empty_roles"),
    [(2, 3, 3, 0.0, 1), (12, 8, 4, 0.0, 3), (40, 30, 10, 1.0, 5), (150, 400, 25, 1.2, 10)],
)
def test_similarity_row_is_the_full_matrix_row(n_roles, n_skills, per_role, skew, empty_roles):
    ratings, role_ids = random_ratings(
        n_roles, n_skills, per_role, skew=skew, seed=n_roles + 1, empty_roles=empty_roles
    )
    role_ids = [*role_ids, "absent-role"]
    full = reference_similarity_matrix(ratings, role_ids)
    # Every role as the anchor: rated ones, an empty one and one absent from the ratings.
    for position, role_id in enumerate(role_ids):
        np.testing.assert_array_equal(similarity_row(ratings, role_ids, role_id), full[position])


def test_most_similar_in_row_matches_most_similar():
    ratings, role_ids = random_ratings(30, 20, 6, skew=0.5, seed=5, empty_roles=2)
    matrix = similarity_matrix(ratings, role_ids)
    for role_id in role_ids[::7]:
        row = similarity_row(ratings, role_ids, role_id)
        pd.testing.assert_frame_equal(
            most_similar_in_row(row, role_ids, role_id, 5),
            most_similar(matrix, role_ids, role_id, 5),
        )


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda r, ids: similarity_row(r, ids, "nobody"), "Unknown role_id"),
        (lambda r, ids: most_similar_in_row(np.zeros(2), ids, ids[0], 3), "one value per role"),
        (lambda r, ids: most_similar_in_row(np.zeros(len(ids)), ids, ids[0], 0), "at least 1"),
    ],
    ids=["unknown-anchor", "wrong-length", "k-zero"],
)
def test_row_helpers_reject_bad_arguments(call, message):
    ratings, role_ids = random_ratings(5, 5, 2, skew=0.0, seed=3)
    with pytest.raises(ValueError, match=message):
        call(ratings, role_ids)


def test_fast_follows_role_ids_order():
    ratings, role_ids = random_ratings(20, 15, 6, skew=0.5, seed=7, empty_roles=2)
    shuffled = list(np.random.default_rng(3).permutation(role_ids))
    positions = [role_ids.index(role_id) for role_id in shuffled]
    in_order = similarity_matrix(ratings, role_ids)
    np.testing.assert_array_equal(
        similarity_matrix(ratings, shuffled), in_order[np.ix_(positions, positions)]
    )


def test_no_roles_gives_an_empty_matrix():
    ratings, _ = random_ratings(3, 5, 2, skew=0.0, seed=1)
    assert similarity_matrix(ratings, []).shape == (0, 0)


def test_similarity_matrix_does_not_mutate_ratings():
    ratings, role_ids = random_ratings(10, 12, 4, skew=1.0, seed=2)
    before = ratings.copy()
    similarity_matrix(ratings, role_ids)
    pd.testing.assert_frame_equal(ratings, before)


@pytest.mark.parametrize(
    "importance",
    [
        pytest.param([0, 3], id="zero"),
        pytest.param([6, 3], id="six"),
        pytest.param([-1, 3], id="negative"),
        pytest.param([2.5, 3.0], id="fraction"),
        pytest.param([np.nan, 3.0], id="missing"),
        pytest.param(pd.array([None, 3], dtype="Int64"), id="nullable-missing"),
        pytest.param(["high", "low"], id="text"),
    ],
)
def test_invalid_importance_raises(importance):
    ratings = pd.DataFrame(
        {"role_id": ["a", "b"], "skill_id": ["x", "x"], "importance": importance}
    )
    with pytest.raises(ValueError, match="importance"):
        similarity_matrix(ratings, ["a", "b"])


@pytest.mark.parametrize(
    ("ratings", "role_ids", "message"),
    [
        pytest.param(
            pd.DataFrame({"role_id": ["a", "a"], "skill_id": ["x", "x"], "importance": [2, 3]}),
            ["a"],
            "more than once",
            id="repeated-rating",
        ),
        pytest.param(
            pd.DataFrame({"role_id": ["a"], "skill_id": ["x"], "importance": [2]}),
            ["a", "a"],
            "repeat",
            id="repeated-role-id",
        ),
        pytest.param(
            pd.DataFrame({"role_id": ["a"], "skill_id": ["x"]}),
            ["a"],
            "importance",
            id="missing-column",
        ),
    ],
)
def test_malformed_input_raises(ratings, role_ids, message):
    with pytest.raises(ValueError, match=message):
        similarity_matrix(ratings, role_ids)


def test_invalid_rows_of_roles_not_asked_for_are_ignored():
    ratings = pd.DataFrame(
        {"role_id": ["a", "b", "other"], "skill_id": ["x", "x", "x"], "importance": [2, 4, 9]}
    )
    # min 2 / max 4.
    np.testing.assert_array_equal(similarity_matrix(ratings, ["a", "b"]), [[1.0, 0.5], [0.5, 1.0]])


def python_calls(function, *args) -> int:
    """How many Python-level function calls running function(*args) makes (C code is free)."""
    calls = 0

    def count(frame, event, arg):
        nonlocal calls
        calls += event == "call"

    sys.setprofile(count)
    try:
        function(*args)
    finally:
        sys.setprofile(None)
    return calls


def test_fast_version_does_no_per_pair_work_in_python():
    # Complexity by counting work, not seconds: ten times the roles (a hundred times the pairs)
    # must not make the fast version do more Python calls, beyond the fixed cost of its NumPy,
    # SciPy and pandas calls, which do not grow with the roles.
    small = python_calls(similarity_matrix, *random_ratings(100, 1_000, 34, skew=1.0, seed=11))
    large = python_calls(similarity_matrix, *random_ratings(1_000, 1_000, 34, skew=1.0, seed=11))
    assert large < 1.5 * small, (small, large)
    # The reference loop, for contrast, makes a call per pair of roles.
    naive = python_calls(
        reference_similarity_matrix, *random_ratings(60, 50, 10, skew=0.0, seed=11)
    )
    assert naive > 60 * 59 / 2


def test_similarity_table_has_names_then_rounded_values():
    matrix = np.array([[1.0, 0.12345], [0.12345, 1.0]])
    table = similarity_table(matrix, ["coach", "role"], ["Agile Coach", "role"])
    # A role called "role" keeps its own column apart from the column of names.
    expected = pd.DataFrame(
        {
            "role": ["Agile Coach", "role"],
            "role:coach": [1.0, 0.123],
            "role:role": [0.123, 1.0],
        }
    )
    pd.testing.assert_frame_equal(table, expected, check_dtype=False)


def test_similarity_table_rejects_a_mismatched_matrix():
    with pytest.raises(ValueError, match="2 x 2"):
        similarity_table(np.eye(3), ["a", "b"], ["A", "B"])


# A hand-made matrix with ties: a is 0.5 to both b and d; c is 0.7 to both b and d.
ROLES = ["a", "b", "c", "d"]
MATRIX = np.array(
    [
        [1.0, 0.5, 0.2, 0.5],
        [0.5, 1.0, 0.7, 0.0],
        [0.2, 0.7, 1.0, 0.7],
        [0.5, 0.0, 0.7, 1.0],
    ]
)


@pytest.mark.parametrize(
    ("role_id", "k", "expected_ids", "expected_scores"),
    [
        ("a", 1, ["b"], [0.5]),
        ("a", 2, ["b", "d"], [0.5, 0.5]),
        ("a", 3, ["b", "d", "c"], [0.5, 0.5, 0.2]),
        ("a", 10, ["b", "d", "c"], [0.5, 0.5, 0.2]),
        ("c", 2, ["b", "d"], [0.7, 0.7]),
        ("d", 3, ["c", "a", "b"], [0.7, 0.5, 0.0]),
    ],
)
def test_most_similar_hand_worked(role_id, k, expected_ids, expected_scores):
    result = most_similar(MATRIX, ROLES, role_id, k)
    assert list(result.columns) == ["role_id", "similarity", "rank"]
    assert result["role_id"].tolist() == expected_ids
    assert result["similarity"].tolist() == expected_scores
    assert result["rank"].tolist() == list(range(1, len(expected_ids) + 1))


@pytest.mark.parametrize(
    ("role_id", "k", "message"),
    [("zz", 1, "Unknown role_id"), ("a", 0, "at least 1")],
)
def test_most_similar_rejects_bad_arguments(role_id, k, message):
    with pytest.raises(ValueError, match=message):
        most_similar(MATRIX, ROLES, role_id, k)


def test_top_k_pairs_hand_worked():
    result = top_k_pairs(MATRIX, ROLES, 2)
    expected = pd.DataFrame(
        {
            "role_id": ["a", "a", "b", "b", "c", "c", "d", "d"],
            "other_role_id": ["b", "d", "c", "a", "b", "d", "c", "a"],
            "similarity": [0.5, 0.5, 0.7, 0.5, 0.7, 0.7, 0.7, 0.5],
            "rank": [1, 2, 1, 2, 1, 2, 1, 2],
        }
    )
    pd.testing.assert_frame_equal(result, expected, check_dtype=False)


@pytest.mark.parametrize(("n_roles", "k"), [(2, 1), (9, 3), (30, 5), (30, 29), (30, 100)])
def test_top_k_pairs_agrees_with_most_similar_despite_ties(n_roles, k):
    # Scores on a coarse grid, so ties fall on the k-th place that argpartition decides.
    grid = np.random.default_rng(n_roles + k).integers(0, 4, size=(n_roles, n_roles)) / 4
    matrix = np.maximum(grid, grid.T)
    np.fill_diagonal(matrix, 1.0)
    role_ids = [f"r{index}" for index in range(n_roles)]

    pairs = top_k_pairs(matrix, role_ids, k)

    assert len(pairs) == n_roles * min(k, n_roles - 1)
    for role_id, group in pairs.groupby("role_id", sort=False):
        expected = most_similar(matrix, role_ids, role_id, k)
        assert group["other_role_id"].tolist() == expected["role_id"].tolist()
        assert group["similarity"].tolist() == expected["similarity"].tolist()
        assert group["rank"].tolist() == expected["rank"].tolist()


def test_top_k_pairs_of_a_single_role_is_empty():
    result = top_k_pairs(np.eye(1), ["only"], 3)
    assert result.empty
    assert list(result.columns) == ["role_id", "other_role_id", "similarity", "rank"]
