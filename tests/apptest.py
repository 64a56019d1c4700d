"""Helpers for the AppTest suites: run the app on a dataset, read figures, read CSVs by hand.

Expected values in the app tests come from the CSV files, read here with the csv module, never
through the app's own loading code.
"""

from __future__ import annotations

import base64
import csv
import json
import shutil
from pathlib import Path

import numpy as np
from streamlit.testing.v1 import AppTest

from dashboard.core.permalink import OVERLAP_VIEW
from dashboard.ui.controls import KEY_ROLES
from tests.support import MINI, ROOT

APP = ROOT / "dashboard" / "app.py"
# AppTest's default 3 s is flaky on a loaded 2-core machine.
TIMEOUT = 30
PAGES = ("compare", "profiles", "overlap", "downloads", "your_data", "sources")
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


def read_csv(name: str, folder: Path = MINI) -> list[dict[str, str]]:
    """A dataset file's rows as dicts of text, read with the csv module."""
    with (folder / name).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def names(file: str, key: str, folder: Path = MINI) -> dict[str, str]:
    """id -> name from a catalogue file (roles.csv, skills.csv, ...)."""
    return {row[key]: row["name"] for row in read_csv(file, folder)}


def effective_importance(role_id: str, industry_id: str, folder: Path = MINI) -> dict[str, int]:
    """A role's skill ratings in an industry, the override rule applied by hand."""
    rows = [row for row in read_csv("role_skills.csv", folder) if row["role_id"] == role_id]
    ratings = {row["skill_id"]: int(row["importance"]) for row in rows if not row["industry_id"]}
    for row in rows:
        if industry_id and row["industry_id"] == industry_id:
            ratings[row["skill_id"]] = int(row["importance"])
    return ratings


def copy_dataset(tmp_path: Path, source: Path = MINI) -> Path:
    """A writable copy of a dataset folder."""
    target = tmp_path / "dataset"
    shutil.copytree(source, target)
    return target


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


def hand_jaccard(a: dict[str, int], b: dict[str, int]) -> float:
    """Weighted Jaccard by the definition: sum of minima over sum of maxima."""
    skills = a.keys() | b.keys()
    low = sum(min(a.get(s, 0), b.get(s, 0)) for s in skills)
    high = sum(max(a.get(s, 0), b.get(s, 0)) for s in skills)
    return low / high if high else 0.0
