"""What holds for a set of roles in one industry: the industry override rule, applied.

Rule (from the data contract): a row with a blank industry_id holds everywhere; in an industry,
a row with that industry_id replaces the general row for the same (role_id, skill_id),
(role_id, cert_id) or (role_id, responsibility_id), and is added where there is none.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from dashboard.core.contract import (
    ALL_INDUSTRIES,
    CERT_ID,
    IMPORTANCE,
    INDUSTRY_ID,
    RESPONSIBILITY_ID,
    ROLE_ID,
    SKILL_ID,
)
from dashboard.core.dataset import Dataset


def _for_roles(frame: pd.DataFrame, role_ids: Sequence[str] | None) -> pd.DataFrame:
    return frame if role_ids is None else frame[frame[ROLE_ID].isin(role_ids)]


def apply_override(
    frame: pd.DataFrame, key: Sequence[str], industry_id: str | None
) -> pd.DataFrame:
    """General rows, with each one replaced by the industry's row for the same key, if any."""
    general = frame[frame[INDUSTRY_ID] == ALL_INDUSTRIES]
    if not industry_id:
        return general.copy()
    specific = frame[frame[INDUSTRY_ID] == industry_id]
    combined = pd.concat([specific, general])
    # Industry rows come first, so keeping the first of each key keeps the industry's rating.
    effective = combined[~combined.duplicated(subset=list(key), keep="first")]
    return effective.sort_index()


def effective_role_skills(
    dataset: Dataset, role_ids: Sequence[str] | None, industry_id: str | None
) -> pd.DataFrame:
    """The skill ratings of the roles in the industry (None: all roles; no industry: general)."""
    rows = _for_roles(dataset.role_skills, role_ids)
    return apply_override(rows, (ROLE_ID, SKILL_ID), industry_id)


def effective_role_certifications(
    dataset: Dataset, role_ids: Sequence[str] | None, industry_id: str | None
) -> pd.DataFrame:
    """The certification relevance of the roles in the industry, override applied."""
    rows = _for_roles(dataset.role_certifications, role_ids)
    return apply_override(rows, (ROLE_ID, CERT_ID), industry_id)


def effective_responsibilities(
    dataset: Dataset, role_ids: Sequence[str] | None, industry_id: str | None
) -> pd.DataFrame:
    """The responsibilities the roles hold in the industry, override applied."""
    rows = _for_roles(dataset.role_responsibilities, role_ids)
    return apply_override(rows, (ROLE_ID, RESPONSIBILITY_ID), industry_id)


def ratings_matrix(ratings: pd.DataFrame, role_ids: Sequence[str]) -> pd.DataFrame:
    """Skill x role importance of given ratings (0 where a role does not rate the skill).

    Tested against the plain version, tests/test_override.py::reference_ratings_matrix.
    """
    # Only the wanted roles are pivoted (pivoting 3,000 roles to keep 200 makes a 300 MB frame);
    # every skill of the ratings keeps its row, even one none of the wanted roles rates.
    skills = pd.Index(ratings[SKILL_ID].unique(), name=SKILL_ID).sort_values()
    wanted = ratings[ratings[ROLE_ID].isin(role_ids)]
    matrix = wanted.pivot(index=SKILL_ID, columns=ROLE_ID, values=IMPORTANCE)
    return matrix.reindex(index=skills, columns=list(role_ids)).fillna(0).astype("int64")


def in_vocabulary_order(dataset: Dataset, skill_ids: pd.Index) -> list[str]:
    """The given skills in skills.csv order."""
    return [skill for skill in dataset.skills[SKILL_ID] if skill in skill_ids]


def importance_matrix(
    dataset: Dataset, role_ids: Sequence[str], industry_id: str | None
) -> pd.DataFrame:
    """Skill x role importance (0 where a role does not rate the skill), roles in given order."""
    matrix = ratings_matrix(effective_role_skills(dataset, role_ids, industry_id), role_ids)
    matrix = matrix.reindex(in_vocabulary_order(dataset, matrix.index))
    matrix.columns.name = ROLE_ID
    return matrix
