"""Time the app's main pages through Streamlit's AppTest, on one dataset folder.

Per page: the first run with empty caches (st.cache_data and st.cache_resource cleared, then a
new session's first visit of the page) and the rerun after a filter change. Also the process's
cold start (imports included), the AppTest floor (a one-line app, so the harness's own cost is
visible), the worker's peak RSS and the RSS that each extra idle session adds. And per page, the
bytes of chart data it sends: the JSON specs of its plotly charts.
"""

from __future__ import annotations

import contextlib
import csv
import ctypes
import gc
import os
import re
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from benchmarks.timing import Step, max_rss_mb, rss_mb
from dashboard.core.contract import ALL_INDUSTRIES
from dashboard.core.permalink import OVERLAP_VIEW, OVERLAP_VIEWS
from tests.browser.serving import APP

PAGES_DIR = APP.parent / "app_pages"  # page files, relative to the app's folder
TIMEOUT_S = 120
# Filters to change for "rerun after a filter change", most representative first: a widget
# whose label matches is preferred, sidebar widgets before those on the page.
FILTER_LABELS = (r"industr", r"importance", r"categor", r"difference")
# The stress scenario: a link that selects every role of the dataset.
STRESS_QUERY = {"roles": "*"}
WIDGET_KINDS = (
    "selectbox",
    "select_slider",
    "slider",
    "multiselect",
    "radio",
    "toggle",
    "checkbox",
)


def share_script_cache() -> None:
    """Make AppTest reuse compiled scripts between runs, as a server does.

    AppTest builds a new ScriptCache on every run, so each rerun re-parses and recompiles the
    app and its page (3-9 ms here) where a server compiles once; sharing one cache removes that
    harness-only cost from the timings.
    """
    import streamlit.testing.v1.app_test as app_test
    import streamlit.testing.v1.local_script_runner as local_script_runner
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache

    shared = ScriptCache()
    app_test.ScriptCache = local_script_runner.ScriptCache = lambda: shared


def new_session(folder: Path, app: Path = APP):
    """A fresh AppTest session of the app on the dataset in folder (not yet run)."""
    from streamlit.testing.v1 import AppTest

    os.environ["DASHBOARD_DATASET"] = str(folder)
    return AppTest.from_file(str(app), default_timeout=TIMEOUT_S)


def clear_caches() -> None:
    """Empty Streamlit's data and resource caches (a cold server)."""
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()
    gc.collect()


def run_checked(at, label: str) -> float:
    """Run the session once; its wall-clock seconds, or RuntimeError if the app raised."""
    gc.collect()  # not inside the timing: a collection of earlier sessions' garbage
    start = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - start
    if at.exception:
        messages = "; ".join(str(e.message) for e in at.exception)
        raise RuntimeError(f"{label}: the app raised: {messages[:500]}")
    return elapsed


def chart_bytes(at) -> int:
    """Bytes of the JSON specs of every plotly chart on the rendered page.

    That is what the server sends the browser for the charts (before websocket compression);
    a page sends the charts of its open view only. AppTest has no typed accessor for plotly
    charts: they are generic elements whose proto carries the spec as a JSON string.
    """
    return sum(len(element.proto.spec.encode()) for element in at.get("plotly_chart"))


def page_paths(at, app: Path = APP) -> list[str]:
    """The app's page files (relative to app.py) that st.navigation accepts, in file order."""
    paths = []
    for path in sorted((app.parent / PAGES_DIR.name).glob("*.py")):
        if path.name.startswith("_"):
            continue
        relative = str(path.relative_to(app.parent))
        try:
            at.switch_page(relative)
        except ValueError:
            continue  # a file that is not a registered page
        paths.append(relative)
    return paths


def _widgets(at) -> list[Any]:
    """Changeable widgets: the sidebar's first, then the page's."""
    found = []
    for root in (at.sidebar, at.main):
        for kind in WIDGET_KINDS:
            found.extend((kind, widget) for widget in getattr(root, kind) if not widget.disabled)
    return found


def option_values(folder: Path) -> dict[str, list[str]]:
    """The values behind the app's select boxes, by widget key, read from the dataset's files.

    AppTest only sees a select box's labels; selecting a label of a box whose format_func maps
    ids to names sends the label itself, which the box does not recognise, so it silently stays
    where it was. Changing a filter therefore sets the underlying id.
    """
    from dashboard.ui.controls import KEY_INDUSTRY

    with (folder / "industries.csv").open(encoding="utf-8-sig", newline="") as handle:
        ids = [row["industry_id"] for row in csv.DictReader(handle)]
    return {KEY_INDUSTRY: [ALL_INDUSTRIES, *ids]}


class FilterChange(NamedTuple):
    """A filter widget of a page: what it is, how to give it its i-th new value, its value."""

    note: str
    change: Callable[[Any, int], None]
    value: Callable[[Any], Any]


def filter_changer(at, values: dict[str, list[str]] | None = None) -> FilterChange | None:
    """A filter widget of the current page, to change and to read (None: the page has none).

    values: the values behind select boxes, by key (see option_values); a select box without
    them is changed by label, which only works when it has no format_func.
    """
    widgets = _widgets(at)
    for pattern in FILTER_LABELS:
        for kind, widget in widgets:
            if re.search(pattern, str(widget.label), re.IGNORECASE):
                find = _finder(kind, widget.key, widget.label)
                change = _changer(kind, widget, find, (values or {}).get(widget.key))
                if change:
                    return FilterChange(
                        f"{kind} '{widget.label}'", change, lambda at, find=find: find(at).value
                    )
    return None


def _finder(kind: str, key: str | None, label: str) -> Callable[[Any], Any]:
    """The widget of this kind with this key (or, unkeyed, this label) in a later run."""

    def find(at):
        for root in (at.sidebar, at.main):
            for candidate in getattr(root, kind):
                if (key and candidate.key == key) or (not key and candidate.label == label):
                    return candidate
        raise LookupError(f"{kind} {label!r} is gone")

    return find


def _changer(
    kind: str, widget, find: Callable[[Any], Any], values: list[str] | None = None
) -> Callable[[Any, int], None] | None:
    """How to give widget its i-th value different from the current one (None: cannot)."""
    if kind in ("selectbox", "radio") and values:
        return _set_another(values, find)
    if kind in ("selectbox", "radio"):
        if len(widget.options) < 2:
            return None

        def change(at, i: int) -> None:
            current = find(at)
            count = len(current.options)
            start = current.index if current.index is not None else 0
            # 1 + i % (count - 1) is never a multiple of count: always another option.
            current.select_index((start + 1 + i % (count - 1)) % count)

        return change
    if kind in ("slider", "select_slider") and not isinstance(widget.value, tuple | list):
        if kind == "select_slider":
            values = list(widget.options)
        else:
            low, high, step = widget.min, widget.max, widget.step or 1
            values = []
            value = low
            while value <= high and len(values) < 50:
                values.append(value)
                value += step
        return _set_another(values, find)
    if kind == "multiselect" and len(widget.options) >= 2:

        def change(at, i: int) -> None:
            current = find(at)
            option = current.options[i % len(current.options)]
            if option in current.value:
                current.unselect(option)
            else:
                current.select(option)

        return change
    if kind in ("toggle", "checkbox"):

        def change(at, i: int) -> None:
            current = find(at)
            current.set_value(not current.value)

        return change
    return None


def _set_another(
    values: list[Any], find: Callable[[Any], Any]
) -> Callable[[Any, int], None] | None:
    """Give the widget the i-th of values other than its current one (None: fewer than two)."""
    if len(values) < 2:
        return None

    def change(at, i: int) -> None:
        current = find(at)
        others = [value for value in values if value != current.value]
        current.set_value(others[i % len(others)])

    return change


def apptest_floor(repeat: int) -> float:
    """Median seconds of an AppTest rerun of a one-line app: the harness's own cost."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_string("import streamlit as st\nst.write('floor')", default_timeout=30)
    at.run()
    samples = sorted(run_checked(at, "floor") for _ in range(max(repeat, 3)))
    return samples[len(samples) // 2]


def _trimmed_rss_mb() -> float:
    """Current RSS after a full collection and, on glibc, returning freed heap to the OS."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    return rss_mb()


def visit_everything(at, paths: list[str], label: str) -> None:
    """Run a session, then visit every page, and every view of the Overlap page."""
    run_checked(at, label)
    for path in paths:
        if path:
            run_checked(at.switch_page(path), f"{label}, {path}")
        if Path(path).stem == "overlap":  # and each of its views, as a click would
            for view in OVERLAP_VIEWS[1:]:
                at.session_state[OVERLAP_VIEW] = view
                run_checked(at, f"{label}, {path}, {view}")


def idle_session_mb(
    folder: Path, sessions: int, paths: list[str], app: Path = APP
) -> dict[str, float]:
    """Memory each extra session keeps after visiting every page (and view) and going idle.

    Two measures: the RSS growth (after malloc_trim, so freed memory is not counted) and the
    tracemalloc growth of Python and NumPy objects still alive, each divided by the sessions.
    AppTest keeps each session's rendered element tree, which a real server sends to the
    browser and does not keep; it is released here so that what stays is the session's state.
    """
    # The warm-up session visits everything the measured ones do, so that the shared caches
    # (an all-roles similarity matrix is 72 MB at ESCO size) are full before measuring: an
    # extra session's cost is what it adds to a running server, not the first visitor's.
    warm = new_session(folder, app)
    visit_everything(warm, paths, "warm-up session")
    del warm
    before = _trimmed_rss_mb()
    tracemalloc.start()
    traced_before, _ = tracemalloc.get_traced_memory()
    alive = []
    try:
        for _ in range(sessions):
            at = new_session(folder, app)
            visit_everything(at, paths, "idle session")
            at._tree = None  # the rendered page (see the docstring)
            alive.append(at)
        gc.collect()
        traced_after, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    after = _trimmed_rss_mb()
    per_session = max(sessions, 1)
    rss_growth = max(after - before, 0.0) / per_session
    traced_growth = max(traced_after - traced_before, 0) / 2**20 / per_session
    return {
        # The larger of the two: RSS is noisy (the allocator), tracemalloc misses pyarrow.
        "idle_session_mb": round(max(rss_growth, traced_growth), 2),
        "idle_session_rss_mb": round(rss_growth, 2),
        "idle_session_traced_mb": round(traced_growth, 2),
        "idle_sessions": sessions,
        "rss_before_mb": before,
        "rss_after_mb": after,
    }


def page_visits(paths: list[str]) -> list[tuple[str, str, dict[str, str]]]:
    """(label, page path, URL parameters) per page, and per view of a page that has views.

    The Overlap page draws only its open view (a tab named in the link), so each view is timed
    as a page of its own: "overlap" is its default view, "overlap › Importance" another.
    """
    visits = []
    for path in paths:
        label = Path(path).stem or "app"
        visits.append((label, path, {}))
        if label == "overlap":
            visits.extend(
                (f"{label} › {view}", path, {OVERLAP_VIEW: view}) for view in OVERLAP_VIEWS[1:]
            )
    return visits


def page_timings(
    folder: Path,
    paths: list[str],
    repeat: int,
    app: Path = APP,
    query: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Per page: first run (caches cleared, new session) and rerun after a filter change.

    Also the page's chart data after its first run (chart_bytes; None if it did not run).
    query: URL parameters the session opens with (e.g. {"roles": "*"} selects every role).
    A run that raises (or exceeds AppTest's timeout) is recorded as skipped with the reason.
    """
    pages: dict[str, Any] = {}
    for label, path, view_query in page_visits(paths):
        visit_query = {**(query or {}), **view_query}
        first = Step(f"{label}: first run")
        rerun = Step(f"{label}: rerun after a filter change")
        charts: int | None = None
        try:
            for _ in range(max(1, repeat)):
                at = new_session(folder, app)
                at.query_params.update(visit_query)
                run_checked(at, f"{label} (new session)")
                clear_caches()
                if path:
                    at.switch_page(path)
                first.samples_s.append(run_checked(at, f"{label} first run"))
            charts = chart_bytes(at)
            found = filter_changer(at, option_values(folder))
            if found is None:
                rerun.skipped = "no filter widget found on this page"
            else:
                rerun.note = found.note
                for i in range(max(1, repeat)):
                    before = found.value(at)
                    found.change(at, i)
                    rerun.samples_s.append(run_checked(at, f"{label} rerun"))
                    if found.value(at) == before:
                        # A rerun that changed nothing would only time the caches.
                        raise RuntimeError(f"{label}: changing {rerun.note} had no effect")
        except RuntimeError as error:  # the app raised, or AppTest timed out
            step = rerun if first.samples_s else first
            step.skipped = str(error)[:300]
        pages[label] = {
            "first_run": first.as_json(),
            "rerun": rerun.as_json(),
            "chart_bytes": charts,
        }
    return pages


def run_app(
    folder: Path, repeat: int, sessions: int = 4, app: Path = APP, stress: bool = False
) -> dict[str, Any]:
    """Every main page's first run and rerun after a filter change, plus memory figures.

    With stress, the pages are timed once more (one sample each) with every role selected.
    """
    result: dict[str, Any] = {"pages": {}, "notes": []}
    share_script_cache()
    result["script_cache"] = "shared between runs, as on a server"
    start = time.perf_counter()
    at = new_session(folder, app)
    run_checked(at, "cold start")
    result["cold_start_s"] = round(time.perf_counter() - start, 3)
    paths = page_paths(at, app)
    if not paths:
        paths = [""]  # a single-page app
        result["notes"].append("no st.navigation pages found: timing the app as one page")

    result["pages"] = page_timings(folder, paths, repeat, app)
    result["apptest_floor_s"] = round(apptest_floor(repeat), 4)
    result.update(idle_session_mb(folder, sessions, paths, app))
    result["max_rss_mb"] = max_rss_mb()
    if stress:
        result["stress_query"] = STRESS_QUERY
        result["stress_pages"] = page_timings(folder, paths, 1, app, STRESS_QUERY)
        result["max_rss_after_stress_mb"] = max_rss_mb()
    return result
