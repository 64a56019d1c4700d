"""Shared and unique skills, checked against plain set arithmetic on random selections."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dashboard.core.comparison import overlap_summary, shared_skills, unique_skills


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

    assert shared_skills(ratings, roles) == everyone
    assert unique_skills(ratings, roles) == unique
    summary = overlap_summary(ratings, roles).set_index("role_id")
    for role, skills in sets.items():
        assert summary.loc[role, "shared"] == len(everyone)
        assert summary.loc[role, "unique"] == len(unique[role])
        assert summary.loc[role, "shared_with_some"] == len(skills - everyone - unique[role])
        assert summary.loc[role, "total"] == len(skills)


def test_overlap_of_hand_made_roles():
    ratings = pd.DataFrame(
        {"role_id": ["a", "a", "a", "b", "b", "c"], "skill_id": ["x", "y", "z", "x", "y", "x"]}
    ).assign(importance=2)
    assert shared_skills(ratings, ["a", "b", "c"]) == {"x"}
    assert unique_skills(ratings, ["a", "b", "c"]) == {"a": {"z"}, "b": set(), "c": set()}
    summary = overlap_summary(ratings, ["a", "b", "c"])
    assert summary.to_dict("list") == {
        "role_id": ["a", "b", "c"],
        "shared": [1, 1, 1],
        "shared_with_some": [1, 1, 0],
        "unique": [1, 0, 0],
        "total": [3, 2, 1],
    }
