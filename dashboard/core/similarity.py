"""Weighted Jaccard similarity of roles' skill-importance vectors, fast at any size.

For roles a and b, J(a, b) = sum_k min(a_k, b_k) / sum_k max(a_k, b_k), where a missing skill
counts as 0. A role is always 1 to itself (even with no rated skills); two different roles with
no skills between them are 0.

Because importance is an integer 1-5, min(a, b) = sum_{t=1..5} [a >= t][b >= t]: the sums of
minima for all pairs are the product B @ B.T of a binary role x (skill, threshold) matrix B, and
the sum of maxima follows as s_a + s_b - sum_min, where s is a role's total importance. B's few
columns shared by many roles are multiplied densely (BLAS), the long tail sparsely (scipy).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import scipy.sparse as sp

from dashboard.core.contract import (
    IMPORTANCE,
    OTHER_ROLE_ID,
    RANK,
    RATING_RANGE,
    ROLE,
    ROLE_ID,
    SIMILARITY,
    SKILL_ID,
    role_columns,
)

LOWEST_IMPORTANCE, HIGHEST_IMPORTANCE = RATING_RANGE
TABLE_DECIMALS = 3
# A (skill, threshold) column held by more than this share of the roles is multiplied densely:
# sparse, a column costs the square of the roles holding it; dense, a fixed n_roles ** 2 but at
# multi-threaded BLAS speed. The split was measured fastest near 1/32 at 3,000 roles (about 3x
# faster than all-sparse on skewed data).
_DENSE_COLUMN_SHARE = 1 / 32
# Columns held by fewer roles than this are always cheap enough to keep sparse.
_MIN_DENSE_COLUMN_ROLES = 32


def weighted_jaccard(a: Mapping[str, int], b: Mapping[str, int]) -> float:
    """Sum of element-wise minima over sum of maxima of two importance vectors (0.0 if empty)."""
    skills = a.keys() | b.keys()
    sum_min = sum(min(a.get(skill, 0), b.get(skill, 0)) for skill in skills)
    sum_max = sum(max(a.get(skill, 0), b.get(skill, 0)) for skill in skills)
    return sum_min / sum_max if sum_max else 0.0


def similarity_matrix(ratings: pd.DataFrame, role_ids: Sequence[str]) -> np.ndarray:
    """All-pairs weighted Jaccard of role_ids (float64, role_ids order), via sparse products.

    Tested against the plain definition, reference_similarity_matrix below.
    """
    role_codes, skill_codes, importance, n_skills = _encode(ratings, role_ids)
    n_roles = len(role_ids)
    sum_min = _pairwise_sum_of_minima(role_codes, skill_codes, importance, n_skills, n_roles)
    # bincount gives int64 rather than float64 when there are no ratings at all.
    totals = np.bincount(role_codes, weights=importance, minlength=n_roles).astype(np.float64)
    # In place, because at 3,000 roles every role x role temporary costs 72 MB.
    sum_max = np.add.outer(totals, totals)
    sum_max -= sum_min
    # Only two empty roles have a sum of maxima of 0, and then their sum of minima is 0 too:
    # dividing by 1 gives the defined similarity 0 without a division by zero.
    sum_max[sum_max == 0] = 1.0
    similarity = sum_min
    similarity /= sum_max
    np.fill_diagonal(similarity, 1.0)
    return similarity


def reference_similarity_matrix(ratings: pd.DataFrame, role_ids: Sequence[str]) -> np.ndarray:
    """Reference all-pairs weighted Jaccard: one dict per role and a pure-Python pair loop.

    The definition the fast similarity_matrix is tested against, and the benchmark's baseline.
    """
    vectors: dict[str, dict[str, int]] = {role_id: {} for role_id in role_ids}
    for role_id, skill_id, importance in zip(
        ratings[ROLE_ID], ratings[SKILL_ID], ratings[IMPORTANCE], strict=True
    ):
        if role_id in vectors:
            vectors[role_id][skill_id] = int(importance)
    n_roles = len(role_ids)
    matrix = np.eye(n_roles, dtype=np.float64)
    for i in range(n_roles):
        for j in range(i + 1, n_roles):
            value = weighted_jaccard(vectors[role_ids[i]], vectors[role_ids[j]])
            matrix[i, j] = matrix[j, i] = value
    return matrix


def similarity_table(
    matrix: np.ndarray, role_ids: Sequence[str], role_names: Sequence[str]
) -> pd.DataFrame:
    """The matrix as a table: a "role" column of names, then one column per role (keyed by
    role_column, so that a role called "role" stays apart from the names column)."""
    names = list(role_names)
    _check_square(matrix, len(names))
    table = pd.DataFrame(np.round(matrix, TABLE_DECIMALS), columns=role_columns(role_ids))
    table.insert(0, ROLE, names)
    return table


def most_similar(matrix: np.ndarray, role_ids: Sequence[str], role_id: str, k: int) -> pd.DataFrame:
    """The k roles most similar to role_id (itself excluded), best first, ties in role order."""
    ids = list(role_ids)
    _check_square(matrix, len(ids))
    if role_id not in ids:
        raise ValueError(f"Unknown role_id {role_id!r}.")
    return most_similar_in_row(matrix[ids.index(role_id)], ids, role_id, k)


def most_similar_in_row(
    scores: np.ndarray, role_ids: Sequence[str], role_id: str, k: int
) -> pd.DataFrame:
    """most_similar from role_id's row of the matrix alone (e.g. from similarity_row)."""
    ids = list(role_ids)
    if np.shape(scores) != (len(ids),):
        raise ValueError(f"scores must hold one value per role ({len(ids)}).")
    _check_k(k)
    if role_id not in ids:
        raise ValueError(f"Unknown role_id {role_id!r}.")
    position = ids.index(role_id)
    others = np.delete(np.arange(len(ids)), position)
    # A stable sort keeps role order among equal scores.
    best = others[np.argsort(-np.asarray(scores)[others], kind="stable")[:k]]
    return pd.DataFrame(
        {
            ROLE_ID: [ids[index] for index in best],
            SIMILARITY: np.asarray(scores)[best].astype(np.float64),
            RANK: np.arange(1, len(best) + 1),
        }
    )


def similarity_row(ratings: pd.DataFrame, role_ids: Sequence[str], role_id: str) -> np.ndarray:
    """Weighted Jaccard of role_id with every role of role_ids: its row of similarity_matrix.

    Linear in the ratings (one pass, no role x role product), so a "most similar to X" list over
    thousands of roles costs milliseconds; the values equal the full matrix's row exactly (the
    same integer sums, divided the same way).
    """
    ids = list(role_ids)
    if role_id not in ids:
        raise ValueError(f"Unknown role_id {role_id!r}.")
    role_codes, skill_codes, importance, n_skills = _encode(ratings, ids)
    anchor = ids.index(role_id)
    n_roles = len(ids)
    anchor_importance = np.zeros(n_skills, dtype=np.int64)
    is_anchor = role_codes == anchor
    anchor_importance[skill_codes[is_anchor]] = importance[is_anchor]
    minima = np.minimum(importance, anchor_importance[skill_codes])
    sum_min = np.bincount(role_codes, weights=minima, minlength=n_roles).astype(np.float64)
    totals = np.bincount(role_codes, weights=importance, minlength=n_roles).astype(np.float64)
    sum_max = totals + totals[anchor] - sum_min
    # As in similarity_matrix: a sum of maxima of 0 (two empty roles) gives similarity 0.
    sum_max[sum_max == 0] = 1.0
    row = sum_min / sum_max
    row[anchor] = 1.0
    return row


def top_k_pairs(matrix: np.ndarray, role_ids: Sequence[str], k: int) -> pd.DataFrame:
    """For every role its k most similar others, best first, ties in role order (vectorised)."""
    ids = np.asarray(list(role_ids), dtype=object)
    n_roles = len(ids)
    _check_square(matrix, n_roles)
    _check_k(k)
    per_role = min(k, n_roles - 1)
    if per_role <= 0:
        return pd.DataFrame(
            {
                ROLE_ID: pd.Series(dtype=object),
                OTHER_ROLE_ID: pd.Series(dtype=object),
                SIMILARITY: pd.Series(dtype=np.float64),
                RANK: pd.Series(dtype=np.int64),
            }
        )
    scores = np.array(matrix, dtype=np.float64)
    np.fill_diagonal(scores, -np.inf)
    # The per_role-th best score of each row; argpartition is linear, a full sort is not.
    kth = np.argpartition(-scores, per_role - 1, axis=1)[:, per_role - 1]
    cutoff = scores[np.arange(n_roles), kth][:, None]
    # argpartition picks arbitrarily among scores equal to the cutoff, so choose those
    # explicitly: all above it, then the earliest roles (in role order) equal to it.
    above = scores > cutoff
    at_cutoff = scores == cutoff
    wanted_at_cutoff = per_role - above.sum(axis=1, keepdims=True)
    chosen = above | (at_cutoff & (np.cumsum(at_cutoff, axis=1) <= wanted_at_cutoff))
    # nonzero walks rows in order and columns ascending: exactly per_role columns per row.
    others = np.nonzero(chosen)[1].reshape(n_roles, per_role)
    chosen_scores = np.take_along_axis(scores, others, axis=1)
    # Stable on ascending columns, so equal scores stay in role order.
    order = np.argsort(-chosen_scores, axis=1, kind="stable")
    others = np.take_along_axis(others, order, axis=1)
    chosen_scores = np.take_along_axis(chosen_scores, order, axis=1)
    return pd.DataFrame(
        {
            ROLE_ID: np.repeat(ids, per_role),
            OTHER_ROLE_ID: ids[others.ravel()],
            SIMILARITY: chosen_scores.ravel(),
            RANK: np.tile(np.arange(1, per_role + 1), n_roles),
        }
    )


def _encode(
    ratings: pd.DataFrame, role_ids: Sequence[str]
) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """Integer role and skill codes and the importance of the rows of role_ids, validated."""
    roles = pd.Index(list(role_ids))
    if roles.has_duplicates:
        raise ValueError("role_ids must not repeat a role.")
    missing = {ROLE_ID, SKILL_ID, IMPORTANCE} - set(ratings.columns)
    if missing:
        raise ValueError(f"ratings lacks the column(s) {sorted(missing)}.")
    all_role_codes = roles.get_indexer(ratings[ROLE_ID])
    kept = all_role_codes >= 0
    role_codes = all_role_codes[kept]
    importance = _valid_importance(ratings[IMPORTANCE].to_numpy()[kept])
    # Factorising the column as is stays on pandas' fast path for its string dtype; skills of
    # roles not asked for only widen the code range.
    all_skill_codes, skills = pd.factorize(ratings[SKILL_ID])
    skill_codes = all_skill_codes[kept]
    if (skill_codes < 0).any():
        raise ValueError("ratings has a row without a skill_id.")
    n_skills = len(skills)
    pair_keys = role_codes.astype(np.int64) * n_skills + skill_codes
    # A repeated (role, skill) would count twice in every threshold layer.
    if not pd.Index(pair_keys).is_unique:
        raise ValueError("ratings rates a skill more than once for the same role.")
    return role_codes, skill_codes, importance, n_skills


def _valid_importance(values: np.ndarray) -> np.ndarray:
    """Importance as int64, or ValueError unless every value is an integer within 1-5."""
    if values.dtype == bool or not (
        np.issubdtype(values.dtype, np.integer) or np.issubdtype(values.dtype, np.floating)
    ):
        # Object arrays (nullable integers, strings) pass only if every value is a plain number.
        try:
            values = values.astype(np.float64)
        except (TypeError, ValueError) as error:
            raise ValueError("importance must be an integer from 1 to 5.") from error
    in_range = (values >= LOWEST_IMPORTANCE) & (values <= HIGHEST_IMPORTANCE)
    if not (in_range.all() and (values == np.round(values)).all()):
        raise ValueError(
            f"importance must be an integer from {LOWEST_IMPORTANCE} to {HIGHEST_IMPORTANCE}."
        )
    return values.astype(np.int64)


def _pairwise_sum_of_minima(
    role_codes: np.ndarray,
    skill_codes: np.ndarray,
    importance: np.ndarray,
    n_skills: int,
    n_roles: int,
) -> np.ndarray:
    """sum_k min(a_k, b_k) for every pair of roles off the diagonal (diagonal undefined)."""
    # One entry per (role, skill, threshold t <= importance): row r, column skill * 5 + t - 1.
    entry_roles = np.repeat(role_codes, importance)
    first_entry = np.repeat(np.cumsum(importance) - importance, importance)
    layer = np.arange(len(entry_roles)) - first_entry
    entry_columns = np.repeat(skill_codes, importance) * HIGHEST_IMPORTANCE + layer
    column_roles = np.bincount(entry_columns, minlength=n_skills * HIGHEST_IMPORTANCE)

    dense_from = max(_MIN_DENSE_COLUMN_ROLES, int(n_roles * _DENSE_COLUMN_SHARE))
    is_dense_column = column_roles > dense_from
    # A column held by one role adds to that role's diagonal only, which we do not need.
    is_sparse_column = ~is_dense_column & (column_roles >= 2)
    # float32 is exact here (sums stay far below 2**24) and is the fastest BLAS and sparse path.
    sum_min = _gram(entry_roles, entry_columns, is_dense_column, n_roles, dense=True)
    sum_min += _gram(entry_roles, entry_columns, is_sparse_column, n_roles, dense=False)
    return sum_min.astype(np.float64)


def _gram(
    entry_roles: np.ndarray,
    entry_columns: np.ndarray,
    is_kept_column: np.ndarray,
    n_roles: int,
    *,
    dense: bool,
) -> np.ndarray:
    """B @ B.T (float32, role x role) for the binary matrix B of the kept columns' entries."""
    # Renumber the kept columns 0..n-1 with a lookup table: linear, unlike np.unique's sort.
    new_column = np.cumsum(is_kept_column) - 1
    is_kept_entry = is_kept_column[entry_columns]
    rows = entry_roles[is_kept_entry]
    columns = new_column[entry_columns[is_kept_entry]]
    n_columns = int(is_kept_column.sum())
    if dense:
        binary = np.zeros((n_roles, n_columns), dtype=np.float32)
        binary[rows, columns] = 1.0
        return binary @ binary.T
    layers = sp.csr_matrix(
        (np.ones(len(rows), dtype=np.float32), (rows, columns)), shape=(n_roles, n_columns)
    )
    return (layers @ layers.T).toarray()


def _check_square(matrix: np.ndarray, n_roles: int) -> None:
    """ValueError unless matrix is n_roles x n_roles."""
    if np.ndim(matrix) != 2 or np.shape(matrix) != (n_roles, n_roles):
        raise ValueError(f"matrix must be {n_roles} x {n_roles}, got shape {np.shape(matrix)}.")


def _check_k(k: int) -> None:
    """ValueError unless k asks for at least one role."""
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}.")


# Words for a similarity (weighted Jaccard, 0-1), so two roles' one number reads as a sentence.
SIMILARITY_WORDS = (
    (0.75, "they are largely the same role"),
    (0.5, "they overlap more than they differ"),
    (0.25, "they share some ground but differ more than they overlap"),
    (0.0, "they have little in common"),
)


def similarity_words(value: float) -> str:
    """How a similarity reads in words (e.g. 0.6: "they overlap more than they differ")."""
    for floor, words in SIMILARITY_WORDS:
        if value >= floor:
            return words
    return SIMILARITY_WORDS[-1][1]
