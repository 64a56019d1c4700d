"""Hostile datasets through every page: no page fails, and dataset text stays text."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.core.permalink import OVERLAP_VIEWS
from tests import hostile
from tests.apptest import OVERLAP_CHART_KEYS, PAGES, open_view, page_path, run_app, unescape

# Datasets that once crashed a page (or would have), by name.
LOADING = {
    "roles named section, item, sources": hostile.COLUMN_NAMED_ROLES,
    "roles named url, role, item_id": hostile.MORE_COLUMN_NAMED_ROLES,
    "names that collide after their ids are added": hostile.COLLIDING_NAMES,
    "look-alike names in two scripts": hostile.LOOKALIKE_NAMES,
    "links, icons and HTML in names": hostile.LINKS_AND_ICONS,
}
REFUSED = {
    "a header longer than the csv field limit": hostile.long_header_field(),
    "a header of 100,000 columns": hostile.wide_header(),
}


def written(tmp_path: Path, files: dict[str, bytes]) -> Path:
    folder = tmp_path / "dataset"
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


def every_markdown(at) -> list[str]:
    """The Markdown source of every text element on the page (body, captions, notices)."""
    kinds = ("markdown", "caption", "info", "warning", "error", "success")
    return [element.value for kind in kinds for element in at.get(kind)]


@pytest.mark.parametrize("files", LOADING.values(), ids=LOADING.keys())
def test_every_page_and_view_runs_on_a_hostile_dataset(monkeypatch, tmp_path, files):
    folder = written(tmp_path, files)
    at = run_app(monkeypatch, query={"roles": "*"}, dataset=folder)
    assert not at.exception
    for page in PAGES:
        at.switch_page(page_path(page)).run()
        assert not at.exception, page
        if page == "compare":
            at.toggle(key="compare_show_sources").set_value(True).run()
            assert not at.exception
        if page == "overlap":
            for view in OVERLAP_VIEWS:
                for tab in ("Chart", "Table") if OVERLAP_CHART_KEYS[view] else ("Chart",):
                    assert not open_view(at, view, tab).exception, (view, tab)
        # Addresses and icon directives in dataset text never reach Markdown as they are.
        for text in every_markdown(at):
            assert "https://evil" not in text and "www.evil" not in text, text
            assert ":material/home:" not in text, text


@pytest.mark.parametrize("files", REFUSED.values(), ids=REFUSED.keys())
def test_a_refused_dataset_shows_its_problem_instead_of_a_failure(monkeypatch, tmp_path, files):
    folder = written(tmp_path, files)
    at = run_app(monkeypatch, dataset=folder)
    assert not at.exception
    message = unescape(at.error[0].value)
    assert "cannot be used" in message
    assert ("roles.csv row 1: column 12 of the header" in message) or (
        "roles.csv: the header has 100,011 columns; the limit is 60" in message
    )
