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
from dashboard.core.contract import (
    INDUSTRY_ID,
    ITEM_ID,
    OTHER_ROLE_ID,
    RANK,
    ROLE_ID,
    SECTION,
    SIMILARITY,
)
from dashboard.core.dataset import Dataset
from dashboard.core.differences import differences_table, key_differences
from dashboard.core.export import csv_bytes, export_filename, matrix_csv_bytes
from dashboard.core.similarity import top_k_pairs
from dashboard.core.views import with_headers

# Each download's kind: the start of its file name and of its button's widget key.
KIND_WIDE = "comparison"
KIND_LONG = "comparison-long"
KIND_SIMILARITY = "similarity"
KIND_TOP_K = "similarity-top-k"
KIND_ALL_PAIRS = "similarity-all-pairs"
KIND_DIFFERENCES = "key-differences"
# What the downloads add to the comparison so that a file explains itself: which values come
# from the chosen industry's own rows.
APPLIES_TO = "applies_to"
INDUSTRY_SPECIFIC = "industry_specific_for"
ALL_INDUSTRIES_TEXT = "all industries"
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

    def differences() -> bytes:
        return csv_bytes(differences_table(dataset, key_differences(dataset, selection)))

    return (
        ExportFile(
            KIND_DIFFERENCES,
            "Key differences",
            "Download the key differences (CSV)",
            "Each statement of the Compare page's summary, the roles it is about and the titles "
            "of its sources.",
            name(KIND_DIFFERENCES),
            differences,
        ),
        ExportFile(
            KIND_WIDE,
            "Side-by-side comparison",
            "Download the comparison, one column per role (CSV)",
            f"One row per responsibility, skill or certification, one column per role, with the "
            f"certification details, the sources, and the roles whose value is specific to the "
            f"chosen industry: {len(wide):,} rows.",
            name(KIND_WIDE),
            lambda: csv_bytes(with_headers(wide_for_export(wide, long, dataset), dataset)),
        ),
        ExportFile(
            KIND_LONG,
            "The same comparison, tidy",
            "Download the comparison, one row per value (CSV)",
            f"One row per item and role, for pivot tables, with where each value applies (all "
            f"industries, or the chosen industry's own rating): {len(long):,} rows.",
            name(KIND_LONG),
            lambda: csv_bytes(long_for_export(long, dataset)),
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
            f"Download each role's {TOP_K_PER_ROLE} most similar roles (CSV)",
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
            "(large for big datasets: the file above, ten per role, is the compact choice).",
            all_roles_name(KIND_ALL_PAIRS),
            all_pairs,
        ),
    )


def wide_for_export(wide: pd.DataFrame, long: pd.DataFrame, dataset: Dataset) -> pd.DataFrame:
    """The wide comparison with a last column naming the roles whose value in the row comes from
    the chosen industry's own rows (blank: every value is the general one)."""
    specific = long[long[INDUSTRY_ID].fillna("") != ""]
    names = dataset.role_names
    by_item = (
        specific.groupby([SECTION, ITEM_ID], sort=False)[ROLE_ID]
        .agg(lambda roles: "; ".join(dict.fromkeys(names[role] for role in roles)))
        .to_dict()
    )
    keys = zip(wide[SECTION], wide[ITEM_ID], strict=True)
    return wide.assign(**{INDUSTRY_SPECIFIC: [by_item.get(key, "") for key in keys]})


def long_for_export(long: pd.DataFrame, dataset: Dataset) -> pd.DataFrame:
    """The tidy comparison with a column saying where each value applies: all industries, or
    the industry whose own row gave it."""
    industry_names = dataset.industry_names
    applies = [
        industry_names.get(industry, industry) if industry else ALL_INDUSTRIES_TEXT
        for industry in long[INDUSTRY_ID].fillna("")
    ]
    position = list(long.columns).index(INDUSTRY_ID) + 1
    table = long.copy()
    table.insert(position, APPLIES_TO, applies)
    return table


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
