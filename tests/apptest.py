"""Helpers for the AppTest suites: run the app on a dataset, open views, read its figures.

Expected values come from the CSV files, read by hand in tests/support.py, never through the
app's own loading code.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

import numpy as np
import pandas as pd
from streamlit.testing.v1 import AppTest

from dashboard.core.permalink import OVERLAP_VIEW
from dashboard.ui.controls import KEY_ROLES
from tests.support import MINI, ROOT

APP = ROOT / "dashboard" / "app.py"
# AppTest's default 3 s is flaky on a loaded 2-core machine.
TIMEOUT = 30
PAGES = ("compare", "finder", "profiles", "overlap", "downloads", "your_data", "sources")
# The Overlap page's views (tabs) as the tests expect them, and each one's Chart / Table key.
OVERLAP_CHART_KEYS = {
    "Similarity": "similarity",
    "Most similar": None,
    "Shared and unique": "overlap",
    "Importance": "importance",
    "Categories": "categories",
    "Industries": "prevalence",
}


def role_options(at: AppTest) -> list[str]:
    """The labels the sidebar's role picker offers."""
    return list(at.multiselect(key=KEY_ROLES).options)


def page_path(page: str) -> str:
    """A page's path relative to app.py, as AppTest.switch_page wants it."""
    return f"app_pages/{page}.py"


def run_app(
    monkeypatch,
    page: str | None = None,
    query: dict[str, str] | None = None,
    dataset: Path | None = MINI,
) -> AppTest:
    """A fresh session of the app on a dataset (None: the shipped one), opened on a page."""
    if dataset is None:
        monkeypatch.delenv("DASHBOARD_DATASET", raising=False)
    else:
        monkeypatch.setenv("DASHBOARD_DATASET", str(dataset))
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    # Query parameters seed the widgets only on a session's first run.
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    if page is not None and page != "compare":
        at.switch_page(page_path(page)).run()
    return at


def open_view(at: AppTest, view: str, tab: str = "Chart") -> AppTest:
    """Open one of the Overlap page's views, and its Chart or Table tab, as clicks would."""
    at.session_state[OVERLAP_VIEW] = view
    if OVERLAP_CHART_KEYS[view]:
        at.session_state[f"{OVERLAP_CHART_KEYS[view]}_tabs"] = tab
    return at.run()


def figures(at: AppTest) -> list[dict]:
    """The plotly figures on the page, as the JSON sent to the browser."""
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def array(value) -> np.ndarray:
    """A plotly data array, decoding plotly's typed-array form ({"dtype", "bdata", "shape"})."""
    if isinstance(value, dict) and "bdata" in value:
        flat = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
        shape = [int(part) for part in str(value.get("shape", len(flat))).split(",")]
        return flat.reshape(shape)
    return np.asarray(value)


def unescape(markdown: str) -> str:
    """Markdown the app escaped, back to the text it shows."""
    return markdown.replace("\\", "")


def displayed(element) -> pd.DataFrame:
    """A dataframe element's data with each role's (industry's, category's) column headed as the
    browser heads it: by the label in the element's column config, never by the internal key."""
    config = json.loads(element.proto.columns or "{}")
    frame = element.value

    def header(column: object) -> str:
        key = str(column)
        if key.startswith(("role:", "industry:", "category:")):
            return config[key]["label"]
        return key

    return frame.set_axis([header(column) for column in frame.columns], axis=1)
