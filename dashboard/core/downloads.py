"""The CSV downloads of a selection: names, descriptions and byte builders, all pure.

Builders are functions, so the page hands them to st.download_button as a callable and a file
is only built when someone clicks (never on every rerun).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from dashboard.core.comparison import Selection, selection_similarity
from dashboard.core.contract import OTHER_ROLE_ID, RANK, ROLE_ID, SIMILARITY
from dashboard.core.dataset import Dataset
from dashboard.core.export import csv_bytes, export_filename, matrix_csv_bytes
from dashboard.core.similarity import top_k_pairs
from dashboard.core.views import with_headers

# Each download's kind: the start of its file name and of its button's widget key.
KIND_WIDE = "comparison"
KIND_LONG = "comparison-long"
KIND_SIMILARITY = "similarity"
KIND_TOP_K = "similarity-top-k"
KIND_ALL_PAIRS = "similarity-all-pairs"
# Per role, how many most-similar roles the all-roles export lists (the default at scale: a
# 3,000-role matrix is 9 million cells, its top 10 per role 30,000 rows).
TOP_K_PER_ROLE = 10


@dataclass(frozen=True)
class ExportFile:
    """One download: what it is called, what it holds, and how to build its bytes."""

    kind: str
    title: str
    label: str
    description: str
    file_name: str
    build: Callable[[], bytes]


def export_files(
    dataset: Dataset,
    selection: Selection,
    long: pd.DataFrame,
    wide: pd.DataFrame,
    on: datetime.date,
) -> tuple[ExportFile, ...]:
    """The wide and tidy comparison and the similarity matrix of the selection, as CSV files."""
    role_names = dataset.role_names
    names = [role_names[role_id] for role_id in selection.role_ids]
    industry = dataset.industry_names.get(selection.industry_id) if selection.industry_id else None

    def name(kind: str) -> str:
        return export_filename(kind, names, industry, on)

    def similarity() -> bytes:
        matrix = selection_similarity(dataset, selection).to_numpy()
        return matrix_csv_bytes(matrix, names)

    all_ids = list(role_names)

    def all_roles_matrix():
        every_role = selection.with_roles(all_ids)
        return selection_similarity(dataset, every_role).to_numpy()

    def top_k() -> bytes:
        return csv_bytes(top_k_table(all_roles_matrix(), all_ids, role_names, TOP_K_PER_ROLE))

    def all_pairs() -> bytes:
        return matrix_csv_bytes(all_roles_matrix(), [role_names[i] for i in all_ids])

    def all_roles_name(kind: str) -> str:
        return export_filename(kind, [f"all {len(all_ids)} roles"], industry, on)

    return (
        ExportFile(
            KIND_WIDE,
            "Side-by-side comparison",
            "Download the comparison (wide CSV)",
            f"One row per item, one column per role, with details and sources: {len(wide):,} rows.",
            name(KIND_WIDE),
            lambda: csv_bytes(with_headers(wide, dataset)),
        ),
        ExportFile(
            KIND_LONG,
            "The same comparison, tidy",
            "Download the comparison (tidy CSV)",
            f"One row per item and role, for pivoting and analysis: {len(long):,} rows.",
            name(KIND_LONG),
            lambda: csv_bytes(long),
        ),
        ExportFile(
            KIND_SIMILARITY,
            "Similarity matrix",
            "Download the similarity matrix (CSV)",
            f"Weighted Jaccard of the {len(names)} roles after the filters; the first column "
            "holds the role names, then one column per role.",
            name(KIND_SIMILARITY),
            similarity,
        ),
        ExportFile(
            KIND_TOP_K,
            f"Most similar roles, every role (top {TOP_K_PER_ROLE})",
            f"Download the top {TOP_K_PER_ROLE} per role (CSV)",
            f"For each of the dataset's {len(all_ids):,} roles, its {TOP_K_PER_ROLE} most similar "
            "roles with their similarity and rank, same industry and filters.",
            all_roles_name(KIND_TOP_K),
            top_k,
        ),
        ExportFile(
            KIND_ALL_PAIRS,
            "Similarity of every pair of roles",
            "Download all pairs (CSV)",
            f"The full {len(all_ids):,} x {len(all_ids):,} matrix of the dataset's roles "
            "(large for big datasets: the top-k file above is the compact choice).",
            all_roles_name(KIND_ALL_PAIRS),
            all_pairs,
        ),
    )


def top_k_table(matrix, role_ids: list[str], role_names: dict[str, str], k: int) -> pd.DataFrame:
    """Each role's k most similar roles, by name, with similarity (3 decimals) and rank."""
    pairs = top_k_pairs(matrix, role_ids, k)
    return pd.DataFrame(
        {
            "role": pairs[ROLE_ID].map(role_names),
            "similar_role": pairs[OTHER_ROLE_ID].map(role_names),
            SIMILARITY: pairs[SIMILARITY].round(3),
            RANK: pairs[RANK],
        }
    )
