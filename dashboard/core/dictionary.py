"""The data dictionary (datasets/README.md): the contract and the rubric, as people read them."""

from __future__ import annotations

from pathlib import Path

from dashboard.core.dataset import SHIPPED_DATASET

DATA_DICTIONARY = SHIPPED_DATASET / "README.md"
# Where the app shows it, for texts that point readers at it.
DATA_DICTIONARY_PAGE = "Data dictionary"


def data_dictionary(path: Path = DATA_DICTIONARY) -> str:
    """The data dictionary's Markdown (our own file, so it is rendered as written)."""
    return path.read_text(encoding="utf-8")
