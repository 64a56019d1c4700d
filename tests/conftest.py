"""Shared fixtures: the small hand-made dataset, as files and loaded."""

from __future__ import annotations

import pytest

from dashboard.core.dataset import Dataset, load_dataset
from tests.edge_cases import edge_dataset
from tests.support import MINI, mini_files


@pytest.fixture
def mini() -> dict[str, bytes]:
    """The mini fixture's files."""
    return mini_files()


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    """The mini fixture, loaded and validated (a module may define its own `dataset`)."""
    return load_dataset(MINI)


@pytest.fixture(scope="module")
def edge() -> Dataset:
    """The mini dataset with the awkward cases of tests/edge_cases.py added."""
    return edge_dataset()
