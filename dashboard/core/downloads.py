"""The three CSV downloads of a selection: names, descriptions and byte builders, all pure.

Builders are functions, so the page hands them to st.download_button as a callable and a file
is only built when someone clicks (never on every rerun).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from dashboard.core.comparison import Selection, selection_similarity
from dashboard.core.dataset import Dataset
from dashboard.core.export import csv_bytes, export_filename, matrix_csv_bytes

WIDE = "comparison"
LONG = "comparison-long"
SIMILARITY = "similarity"


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

    return (
        ExportFile(
            WIDE,
            "Side-by-side comparison",
            "Download the comparison (wide CSV)",
            f"One row per item, one column per role, with details and sources: {len(wide):,} rows.",
            name(WIDE),
            lambda: csv_bytes(wide),
        ),
        ExportFile(
            LONG,
            "The same comparison, tidy",
            "Download the comparison (tidy CSV)",
            f"One row per item and role, for pivoting and analysis: {len(long):,} rows.",
            name(LONG),
            lambda: csv_bytes(long),
        ),
        ExportFile(
            SIMILARITY,
            "Similarity matrix",
            "Download the similarity matrix (CSV)",
            f"Weighted Jaccard of the {len(names)} roles after the filters; the first column "
            "holds the role names, then one column per role.",
            name(SIMILARITY),
            similarity,
        ),
    )
