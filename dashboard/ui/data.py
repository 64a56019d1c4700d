"""Cached loading and computing: the only place results are kept between reruns.

Caches are keyed on content. The dataset is keyed on its folder plus each contract file's size
and modification time (an edited file is reloaded); everything computed from it is keyed on the
dataset's content fingerprint and the selection's digest (`Selection.digest`), never on the
objects themselves (hence the `_dataset` and `_selection` parameters, which Streamlit does not
hash: walking a selection of every ESCO role cost 50 ms a call).
"""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import streamlit as st

from dashboard.core import settings
from dashboard.core.comparison import (
    Selection,
    comparison_long,
    comparison_wide,
    evidenced,
    filtered_ratings,
    responsibility_similarity,
    selection_similarity,
)
from dashboard.core.contract import CONTRACT
from dashboard.core.dataset import Dataset, load_dataset
from dashboard.core.dictionary import data_dictionary
from dashboard.core.differences import Statement, key_differences
from dashboard.core.similarity import similarity_row

Stamp = tuple[tuple[str, int, int], ...]
# Everything computed from a dataset is keyed by its fingerprint, and every upload has its own:
# without a time limit, entries for an upload whose session closed long ago would stay until
# max_entries newer ones pushed them out. An hour outlives any working session's reruns.
COMPUTED_TTL = "1h"


def dataset_folder() -> Path:
    """The server-wide dataset folder (DASHBOARD_DATASET, `-- --dataset DIR`, or datasets/)."""
    return settings.dataset_folder(os.environ, sys.argv[1:])


def folder_stamp(folder: Path) -> Stamp:
    """(file, size, mtime) of each contract file present: changes whenever a file is edited."""
    stamps = []
    for spec in CONTRACT:
        try:
            stat = (folder / spec.file).stat()
        except OSError:
            continue
        stamps.append((spec.file, stat.st_size, stat.st_mtime_ns))
    return tuple(stamps)


# A resource, not data: one read-only Dataset shared by every session instead of a copy each.
@st.cache_resource(show_spinner="Loading the dataset…", max_entries=8)
def _load_folder(folder: str, stamp: Stamp) -> Dataset:
    return load_dataset(folder)


def load_folder(folder: Path) -> Dataset:
    """The validated dataset in a folder (raises DatasetError), loaded once per content."""
    resolved = folder.resolve()
    return _load_folder(str(resolved), folder_stamp(resolved))


# From this many roles a selection's comparison is big (every ESCO role: a 16,000 x 3,000 wide
# table, about 400 MB). st.cache_data would pickle it on every store and unpickle a copy on every
# hit (seconds each, and a copy per session), and keep up to 128 of them; it is a shared
# read-only resource instead, one at a time.
MANY_ROLES = 250


def _comparison(dataset: Dataset, selection: Selection) -> tuple[pd.DataFrame, pd.DataFrame]:
    long = comparison_long(dataset, selection)
    return long, comparison_wide(long, dataset, selection.role_ids)


@st.cache_data(show_spinner=False, max_entries=128, ttl=COMPUTED_TTL)
def _comparison_tables(
    _dataset: Dataset, fingerprint: str, key: str, _selection: Selection
) -> tuple[pd.DataFrame, pd.DataFrame]:
    return _comparison(_dataset, _selection)


# One at a time: another many-role selection is recomputed (about a second at ESCO size) rather
# than kept next to it.
@st.cache_resource(show_spinner=False, max_entries=1, ttl=COMPUTED_TTL)
def _shared_comparison_tables(
    _dataset: Dataset, fingerprint: str, key: str, _selection: Selection
) -> tuple[pd.DataFrame, pd.DataFrame]:
    return _comparison(_dataset, _selection)


def comparison_tables(dataset: Dataset, selection: Selection) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The tidy and the wide side-by-side comparison of the selection."""
    if len(selection.role_ids) < MANY_ROLES:
        return _comparison_tables(dataset, dataset.fingerprint, selection.digest(), selection)
    long, wide = _shared_comparison_tables(
        dataset, dataset.fingerprint, selection.digest(), selection
    )
    # Shallow copies cost nothing, and copy-on-write keeps any change a page makes to them out
    # of the frames every session shares.
    return long.copy(deep=False), wide.copy(deep=False)


def _filters_only(selection: Selection) -> Selection:
    """The selection without what only the side-by-side view uses, for a wider cache hit."""
    return replace(selection, differences_only=False)


@st.cache_data(show_spinner=False, max_entries=128, ttl=COMPUTED_TTL)
def _ratings(_dataset: Dataset, fingerprint: str, key: str, _selection: Selection) -> pd.DataFrame:
    return filtered_ratings(_dataset, _selection)


def ratings(dataset: Dataset, selection: Selection) -> pd.DataFrame:
    """The selected roles' skill ratings in the industry, after the category/importance filters."""
    filters = _filters_only(selection)
    return _ratings(dataset, dataset.fingerprint, filters.digest(), filters)


# A resource: role x role matrices grow with the square of the roles, so they are shared, never
# copied per session; they are made read-only because every session sees the same array.
@st.cache_resource(show_spinner=False, max_entries=32, ttl=COMPUTED_TTL)
def _similarity(_dataset: Dataset, fingerprint: str, key: str, _selection: Selection) -> np.ndarray:
    matrix = selection_similarity(_dataset, _selection).to_numpy(dtype=np.float64, copy=True)
    matrix.flags.writeable = False
    return matrix


def similarity(dataset: Dataset, selection: Selection) -> np.ndarray:
    """Weighted Jaccard of the selected roles (in selection order) after the filters."""
    filters = _filters_only(selection)
    return _similarity(dataset, dataset.fingerprint, filters.digest(), filters)


@st.cache_resource(show_spinner=False, max_entries=32, ttl=COMPUTED_TTL)
def _responsibility_similarity(
    _dataset: Dataset, fingerprint: str, key: str, _selection: Selection
) -> np.ndarray:
    matrix = responsibility_similarity(_dataset, _selection).to_numpy(dtype=np.float64, copy=True)
    matrix.flags.writeable = False
    return matrix


def responsibility_overlap(dataset: Dataset, selection: Selection) -> np.ndarray:
    """Weighted Jaccard of the selected roles' responsibilities in the industry (core 2,
    supporting 1); the skill filters do not apply to responsibilities."""
    roles_and_industry = Selection(selection.role_ids, selection.industry_id)
    return _responsibility_similarity(
        dataset, dataset.fingerprint, roles_and_industry.digest(), roles_and_industry
    )


# One row, not the role x role matrix: "most similar to X" over every ESCO role is then a few
# milliseconds and 24 kB, where the full matrix would cost 150 ms and 72 MB per industry and
# filter.
@st.cache_data(show_spinner=False, max_entries=256, ttl=COMPUTED_TTL)
def _similarity_row(
    _dataset: Dataset, fingerprint: str, key: str, _filters: Selection, role_id: str
) -> np.ndarray:
    return similarity_row(evidenced(ratings(_dataset, _filters)), _filters.role_ids, role_id)


def similarity_to(dataset: Dataset, selection: Selection, role_id: str) -> np.ndarray:
    """Weighted Jaccard of role_id with every role of the dataset (file order), after filters."""
    filters = _filters_only(selection).with_roles(dataset.role_names)
    return _similarity_row(dataset, dataset.fingerprint, filters.digest(), filters, role_id)


@st.cache_data(show_spinner=False, max_entries=1)
def data_dictionary_text() -> str:
    """The data dictionary's Markdown, read once per server."""
    return data_dictionary()


@st.cache_data(show_spinner=False, max_entries=128, ttl=COMPUTED_TTL)
def _key_differences(
    _dataset: Dataset, fingerprint: str, key: str, _selection: Selection
) -> list[Statement]:
    return key_differences(_dataset, _selection)


def key_differences_of(dataset: Dataset, selection: Selection) -> list[Statement]:
    """The key differences of the selected roles in the chosen industry (filters aside)."""
    roles_and_industry = Selection(selection.role_ids, selection.industry_id)
    return _key_differences(
        dataset, dataset.fingerprint, roles_and_industry.digest(), roles_and_industry
    )
