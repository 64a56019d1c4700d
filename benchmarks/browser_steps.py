"""Time, in headless Chromium, opening the Overlap page until its similarity heatmap is drawn.

Three Streamlit servers run side by side: the app on one dataset folder; a reference page that
draws nothing but a bare 5x5 plotly heatmap (reference_heatmap.py); and a "floor" page with
nothing of ours, the same heatmap on a second page at /overlap under a sidebar holding one
st.multiselect (floor_page.py). After one untimed warm-up visit of each (the first visit also
pays for the server's imports, the dataset load and cold caches), the visits alternate, each in
a new browser context. Every side pays the same browser costs (Streamlit's frontend, plotly.js).
The target is app / floor of at most 1.2: what our page adds to what Streamlit itself charges
for a non-home page with a role picker. Beside it, with no target, app / reference (all the
app adds to a bare heatmap) and floor / reference (Streamlit's own share of that).
"""

from __future__ import annotations

import importlib.util
import json
import tempfile
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from benchmarks.timing import Step
from dashboard.core.chromium import CHROMIUM_ARGS, DEFAULT_CHROMIUM, chromium_path
from tests.browser.serving import APP, log_tail, running_servers

REFERENCE = Path(__file__).with_name("reference_heatmap.py")
FLOOR = Path(__file__).with_name("floor_page.py")
OVERLAP_PATH = "overlap"  # the Overlap page's url_path in dashboard/app.py
# The drawn plot: plotly adds .main-svg once it has laid the figure out. The app's chart has
# key "similarity_chart", which Streamlit turns into the class st-key-similarity_chart.
APP_SELECTOR = ".st-key-similarity_chart .js-plotly-plot .main-svg"
REFERENCE_SELECTOR = ".st-key-reference_heatmap .js-plotly-plot .main-svg"
FLOOR_SELECTOR = ".st-key-floor_heatmap .js-plotly-plot .main-svg"
VIEWPORT = {"width": 1400, "height": 2400}
VISIT_TIMEOUT_S = 120
# The warm-up visit loads the dataset and fills the caches: minutes are possible at ESCO size.
WARMUP_TIMEOUT_S = 600
METHOD = (
    "in the page: performance.now() (ms since the navigation started) when a MutationObserver "
    "first sees the heatmap's .main-svg with a size; each visit in a new browser context; one "
    "untimed warm-up visit of each page, then app, reference and floor alternate --repeat "
    "times; app_over_floor = median app / median floor (the target); ratio = app / reference; "
    "floor_ratio = floor / reference"
)


def unavailable_reason() -> str | None:
    """Why the browser step cannot run here (None: Chromium and Playwright are both present)."""
    if importlib.util.find_spec("playwright") is None:
        return "playwright is not installed"
    if chromium_path() is None:
        return f"no chromium ({DEFAULT_CHROMIUM} or on PATH)"
    return None


def page_url(base: str, path: str = "") -> str:
    """The URL of a page served at path under base."""
    return f"{base.rstrip('/')}/{path.lstrip('/')}" if path else base


def ratio(app_s: float | None, reference_s: float | None) -> float | None:
    """app_s / reference_s, or None when either is missing or the reference is not positive."""
    if app_s is None or reference_s is None or reference_s <= 0:
        return None
    return app_s / reference_s


def alternate(
    visits: Mapping[str, Callable[[bool], float]], repeat: int
) -> tuple[dict[str, float], dict[str, list[float]]]:
    """Warm up each visit once (untimed), then call them in turn repeat times.

    A visit is called with warm_up (True for the first call) and returns its seconds.
    Alternating spreads the machine's slow moments evenly over every side.
    Returns the warm-up seconds and the timed samples, by name.
    """
    warm_up = {name: visit(True) for name, visit in visits.items()}
    samples: dict[str, list[float]] = {name: [] for name in visits}
    for _ in range(max(1, repeat)):
        for name, visit in visits.items():
            samples[name].append(visit(False))
    return warm_up, samples


# Installed in the page before any of its scripts: the moment (performance.now(), ms since the
# navigation started) the selector first matches an element with a size, seen by a
# MutationObserver, so it is exact to the DOM change that drew it.
_DRAWN_AT = """
(() => {
  const selector = %s;
  const check = () => {
    if (window.__drawnAt !== undefined) return;
    const element = document.querySelector(selector);
    if (element) {
      const box = element.getBoundingClientRect();
      if (box.width > 0 && box.height > 0) window.__drawnAt = performance.now();
    }
  };
  new MutationObserver(check).observe(document, {childList: true, subtree: true, attributes: true});
})();
"""


def visit(browser, url: str, selector: str, timeout_s: float) -> float:
    """Seconds from the start of the navigation to url, in a new context, to selector drawn.

    Read in the page, not by wall clock around Playwright's wait: its visibility checks back off
    to half a second apart, which added 0 or about 0.45 s at random to a wall-clock time.
    """
    context = browser.new_context(viewport=VIEWPORT)
    try:
        context.add_init_script(_DRAWN_AT % json.dumps(selector))
        page = context.new_page()
        page.goto(url, timeout=timeout_s * 1000)
        page.locator(selector).first.wait_for(state="visible", timeout=timeout_s * 1000)
        drawn_ms = page.wait_for_function("window.__drawnAt", timeout=timeout_s * 1000).json_value()
        return float(drawn_ms) / 1000
    finally:
        context.close()


def _visitor(browser, url: str, selector: str) -> Callable[[bool], float]:
    """A visit of url for alternate(), with the longer time limit on the warm-up."""
    return lambda warm_up: visit(
        browser, url, selector, WARMUP_TIMEOUT_S if warm_up else VISIT_TIMEOUT_S
    )


def run_browser(folder: Path, repeat: int) -> dict[str, Any]:
    """The Overlap page's time to a drawn heatmap against the bare and the floor pages'."""
    started = time.perf_counter()
    reason = unavailable_reason()
    if reason:
        return {"skipped": reason}
    from playwright.sync_api import sync_playwright

    chromium = chromium_path()
    scripts = {"app": (APP, folder), "reference": (REFERENCE, None), "floor": (FLOOR, None)}
    selectors = {"app": APP_SELECTOR, "reference": REFERENCE_SELECTOR, "floor": FLOOR_SELECTOR}
    with (
        tempfile.TemporaryDirectory(prefix="benchmark-browser-") as logs,
        running_servers(scripts, Path(logs)) as servers,
        sync_playwright() as playwright,
    ):
        urls = {
            "app": page_url(servers["app"].url, OVERLAP_PATH),
            "reference": page_url(servers["reference"].url),
            "floor": page_url(servers["floor"].url, OVERLAP_PATH),
        }
        browser = playwright.chromium.launch(executable_path=chromium, args=list(CHROMIUM_ARGS))
        try:
            visits = {name: _visitor(browser, urls[name], selectors[name]) for name in scripts}
            warm_up, samples = alternate(visits, repeat)
            version = browser.version
        except Exception as error:  # a time-out, say: add what the servers logged
            tails = "".join(
                f"\n--- {name} server log ---\n{log_tail(server)}"
                for name, server in servers.items()
            )
            raise RuntimeError(f"{error}{tails}") from error
        finally:
            browser.close()
    app_step = Step("Overlap page: similarity heatmap drawn", samples["app"])
    app_step.note = f"{APP_SELECTOR} visible after goto /{OVERLAP_PATH}"
    reference_step = Step("bare 5x5 heatmap page: heatmap drawn", samples["reference"])
    reference_step.note = f"{REFERENCE_SELECTOR} visible after goto /"
    floor_step = Step("floor page (picker, page at /overlap): heatmap drawn", samples["floor"])
    floor_step.note = f"{FLOOR_SELECTOR} visible after goto /{OVERLAP_PATH}"
    return {
        "app": app_step.as_json(),
        "reference": reference_step.as_json(),
        "floor": floor_step.as_json(),
        "ratio": ratio(app_step.median_s, reference_step.median_s),
        "floor_ratio": ratio(floor_step.median_s, reference_step.median_s),
        "app_over_floor": ratio(app_step.median_s, floor_step.median_s),
        "warm_up_s": {name: round(seconds, 3) for name, seconds in warm_up.items()},
        "path": f"/{OVERLAP_PATH}",
        "selectors": selectors,
        "viewport": VIEWPORT,
        "chromium": f"{chromium} {version}",
        "method": METHOD,
        "step_s": round(time.perf_counter() - started, 1),  # servers and browser included
    }
