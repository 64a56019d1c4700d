"""Caches of results computed from a dataset are bounded in entries and in time.

Each upload has its own fingerprint, so a cache keyed by it gains entries with every upload; they
must go when newer uploads come and, in any case, after a while.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from dataclasses import replace

import pytest

import dashboard.ui
from dashboard.core.comparison import Selection
from dashboard.core.dataset import load_dataset
from dashboard.ui import data
from tests.support import MINI

UI_MODULES = [
    importlib.import_module(f"dashboard.ui.{info.name}")
    for info in pkgutil.iter_modules(dashboard.ui.__path__)
]
CACHED = {
    f"{module.__name__.rsplit('.', 1)[-1]}.{name}": value
    for module in UI_MODULES
    for name, value in vars(module).items()
    if hasattr(value, "_info") and hasattr(value, "clear")
}
KEYED_BY_CONTENT = {
    name: cached
    for name, cached in CACHED.items()
    if "fingerprint" in inspect.signature(cached._info.func).parameters
}


def test_the_content_keyed_caches_are_found():
    assert {
        "data._comparison_tables",
        "data._ratings",
        "data._similarity",
        "data._similarity_row",
        "data._key_differences",
        "finder_data._holdings",
        "finder_data._ranking",
    } <= set(KEYED_BY_CONTENT)


@pytest.mark.parametrize("name", sorted(KEYED_BY_CONTENT))
def test_every_content_keyed_cache_has_a_size_and_a_time_limit(name):
    info = KEYED_BY_CONTENT[name]._info
    assert info.max_entries is not None and info.max_entries > 0
    assert info.ttl is not None


def test_an_older_upload_leaves_the_cache_when_newer_ones_fill_it(monkeypatch):
    computed: list[str] = []

    def counting(dataset, selection):
        computed.append(dataset.fingerprint)
        return None, None

    monkeypatch.setattr(data, "_comparison", counting)
    cached = data._shared_comparison_tables  # one entry: the many-role comparison
    cached.clear()
    dataset = load_dataset(MINI)
    first = replace(dataset, fingerprint="upload-1")
    second = replace(dataset, fingerprint="upload-2")
    selection = Selection(tuple(dataset.role_names))
    for upload in (first, first, second, first):
        cached(upload, upload.fingerprint, selection.digest(), selection)
    assert computed == ["upload-1", "upload-2", "upload-1"]
    cached.clear()
