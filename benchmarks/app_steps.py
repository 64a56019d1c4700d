"""Time the app's main pages through Streamlit's AppTest, on one dataset folder.

Per page: the first run with empty caches (st.cache_data and st.cache_resource cleared, then a
new session's first visit of the page) and the rerun after an industry change. Also the process's
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
import time
import tracemalloc
from pathlib import Path
from typing import Any

from benchmarks.timing import Step, max_rss_mb, rss_mb
from dashboard.core.contract import ALL_INDUSTRIES
from dashboard.core.permalink import OVERLAP_VIEW, OVERLAP_VIEWS
from tests.browser.serving import APP

PAGES_DIR = APP.parent / "app_pages"  # one file per page, every one registered
TIMEOUT_S = 120
# The stress scenario: a link that selects every role of the dataset.
STRESS_QUERY = {"roles": "*"}
# The Streamlit release (major.minor) whose internals the patches here were written against: the
# one requirements.txt pins. On any other, they do nothing and the results say so.
KNOWN_STREAMLIT = "1.67"


def knows_streamlit_internals() -> bool:
    """Whether the installed Streamlit is the release this module's patches were written for."""
    import streamlit

    return streamlit.__version__.split(".")[:2] == KNOWN_STREAMLIT.split(".")


def share_script_cache() -> bool:
    """Make AppTest reuse compiled scripts between runs, as a server does (False: left alone).

    AppTest builds a new ScriptCache on every run, so each rerun re-parses and recompiles the
    app and its page (3-9 ms here) where a server compiles once; sharing one cache removes that
    harness-only cost from the timings. It replaces AppTest internals, so it only does so on the
    Streamlit release it was written for.
    """
    if not knows_streamlit_internals():
        return False
    import streamlit.testing.v1.app_test as app_test
    import streamlit.testing.v1.local_script_runner as local_script_runner
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache

    shared = ScriptCache()
    app_test.ScriptCache = local_script_runner.ScriptCache = lambda: shared
    return True


def forget_rendered_page(at) -> None:
    """Drop AppTest's rendered element tree: a server sends it to the browser, never keeps it.

    The tree is an AppTest internal, so only on the Streamlit release this was written for.
    """
    if knows_streamlit_internals():
        at._tree = None


def new_session(folder: Path):
    """A fresh AppTest session of the app on the dataset in folder (not yet run)."""
    from streamlit.testing.v1 import AppTest

    os.environ["DASHBOARD_DATASET"] = str(folder)
    return AppTest.from_file(str(APP), default_timeout=TIMEOUT_S)


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


def page_paths() -> list[str]:
    """The app's page files, relative to app.py, in file order."""
    return [f"{PAGES_DIR.name}/{path.name}" for path in sorted(PAGES_DIR.glob("*.py"))]


def industry_values(folder: Path) -> list[str]:
    """The values of the sidebar's Industry box: all industries, then each industry id.

    A change sets an id, not a label: the box shows names through a format_func, and AppTest
    given such a label sends it as the value, which the box ignores, so it stays where it was.
    """
    with (folder / "industries.csv").open(encoding="utf-8-sig", newline="") as handle:
        return [ALL_INDUSTRIES, *(row["industry_id"] for row in csv.DictReader(handle))]


def industry_box(at):
    """The sidebar's Industry select box, found by its key."""
    # Imported here: the cold start times the app's own imports, so none happen before it.
    from dashboard.ui.controls import KEY_INDUSTRY

    return at.selectbox(key=KEY_INDUSTRY)


def has_industry_box(at) -> bool:
    """Whether the rendered page shows the sidebar's Industry box."""
    from dashboard.ui.controls import KEY_INDUSTRY

    return any(box.key == KEY_INDUSTRY for box in at.selectbox)


def change_industry(at, values: list[str], i: int) -> None:
    """Set the Industry box to the i-th of values other than its current one."""
    box = industry_box(at)
    others = [value for value in values if value != box.value]
    box.set_value(others[i % len(others)])


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
        run_checked(at.switch_page(path), f"{label}, {path}")
        if Path(path).stem == "overlap":  # and each of its views, as a click would
            for view in OVERLAP_VIEWS[1:]:
                at.session_state[OVERLAP_VIEW] = view
                run_checked(at, f"{label}, {path}, {view}")


def idle_session_mb(folder: Path, sessions: int, paths: list[str]) -> dict[str, float]:
    """Memory each extra session keeps after visiting every page (and view) and going idle.

    Two measures: the RSS growth (after malloc_trim, so freed memory is not counted) and the
    tracemalloc growth of Python and NumPy objects still alive, each divided by the sessions.
    AppTest keeps each session's rendered element tree, which a real server sends to the
    browser and does not keep; it is released here so that what stays is the session's state.
    """
    # The warm-up session visits everything the measured ones do, so that the shared caches
    # (an all-roles similarity matrix is 72 MB at ESCO size) are full before measuring: an
    # extra session's cost is what it adds to a running server, not the first visitor's.
    warm = new_session(folder)
    visit_everything(warm, paths, "warm-up session")
    del warm
    before = _trimmed_rss_mb()
    tracemalloc.start()
    traced_before, _ = tracemalloc.get_traced_memory()
    alive = []
    try:
        for _ in range(sessions):
            at = new_session(folder)
            visit_everything(at, paths, "idle session")
            forget_rendered_page(at)
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
        label = Path(path).stem
        visits.append((label, path, {}))
        if label == "overlap":
            visits.extend(
                (f"{label} › {view}", path, {OVERLAP_VIEW: view}) for view in OVERLAP_VIEWS[1:]
            )
    return visits


def page_timings(
    folder: Path, paths: list[str], repeat: int, query: dict[str, str] | None = None
) -> dict[str, Any]:
    """Per page: first run (caches cleared, new session) and rerun after an industry change.

    Also the page's chart data after its first run (chart_bytes; None if it did not run).
    query: URL parameters the session opens with (e.g. {"roles": "*"} selects every role).
    A run that raises (or exceeds AppTest's timeout) is recorded as skipped with the reason.
    """
    pages: dict[str, Any] = {}
    industries = industry_values(folder)
    for label, path, view_query in page_visits(paths):
        visit_query = {**(query or {}), **view_query}
        first = Step(f"{label}: first run")
        rerun = Step(f"{label}: rerun after an industry change")
        charts: int | None = None
        try:
            for _ in range(max(1, repeat)):
                at = new_session(folder)
                at.query_params.update(visit_query)
                run_checked(at, f"{label} (new session)")
                clear_caches()
                at.switch_page(path)
                first.samples_s.append(run_checked(at, f"{label} first run"))
            charts = chart_bytes(at)
            rerun.note = "the sidebar's Industry set to another industry id"
            if not has_industry_box(at):
                # Pages that do not use the industry (Sources, Data dictionary) do not show it.
                rerun.skipped = "the page has no Industry filter"
                pages[label] = {
                    "first_run": first.as_json(),
                    "rerun": rerun.as_json(),
                    "chart_bytes": charts,
                }
                continue
            for i in range(max(1, repeat)):
                before = industry_box(at).value
                change_industry(at, industries, i)
                rerun.samples_s.append(run_checked(at, f"{label} rerun"))
                if industry_box(at).value == before:
                    # A rerun that changed nothing would only time the caches.
                    raise RuntimeError(f"{label}: changing the industry had no effect")
        except RuntimeError as error:  # the app raised, or AppTest timed out
            step = rerun if first.samples_s else first
            step.skipped = str(error)[:300]
        pages[label] = {
            "first_run": first.as_json(),
            "rerun": rerun.as_json(),
            "chart_bytes": charts,
        }
    return pages


def run_app(folder: Path, repeat: int, sessions: int = 4, stress: bool = False) -> dict[str, Any]:
    """Every main page's first run and rerun after an industry change, plus memory figures.

    With stress, the pages are timed once more (one sample each) with every role selected.
    """
    result: dict[str, Any] = {}
    if share_script_cache():
        result["script_cache"] = "shared between runs, as on a server"
    else:
        import streamlit

        result["script_cache"] = (
            f"per run, as AppTest does: the sharing patch is for Streamlit {KNOWN_STREAMLIT}, "
            f"this is {streamlit.__version__} (idle sessions also keep their rendered pages)"
        )
    start = time.perf_counter()
    run_checked(new_session(folder), "cold start")
    result["cold_start_s"] = round(time.perf_counter() - start, 3)
    paths = page_paths()
    result["pages"] = page_timings(folder, paths, repeat)
    result["apptest_floor_s"] = round(apptest_floor(repeat), 4)
    result.update(idle_session_mb(folder, sessions, paths))
    result["max_rss_mb"] = max_rss_mb()
    if stress:
        result["stress_query"] = STRESS_QUERY
        result["stress_pages"] = page_timings(folder, paths, 1, STRESS_QUERY)
        result["max_rss_after_stress_mb"] = max_rss_mb()
    return result
