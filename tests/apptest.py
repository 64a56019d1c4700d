"""Helpers for the AppTest suites: run the app on a dataset, open views, read its figures.

Expected values come from the CSV files, read by hand in tests/support.py, never through the
app's own loading code.
"""

from __future__ import annotations

import base64
import json
from html.parser import HTMLParser
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
PAGES = (
    "compare",
    "finder",
    "profiles",
    "overlap",
    "downloads",
    "your_data",
    "sources",
    "dictionary",
)
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
    """A dataframe element's visible columns, headed as the browser heads them: by the label in
    the element's column config where it has one, never by the internal key (a role's column
    must have one), and in the element's column order where it sets one."""
    config = json.loads(element.proto.columns or "{}")
    frame = element.value
    order = list(element.proto.column_order)
    if order:
        frame = frame[order]

    def header(column: object) -> str:
        key = str(column)
        if key.startswith(("role:", "industry:", "category:")):
            return config[key]["label"]
        label = config.get(key, {}).get("label") if isinstance(config.get(key), dict) else None
        return label or key

    return frame.set_axis([header(column) for column in frame.columns], axis=1)


class _SideBySideParser(HTMLParser):
    """Reads the side-by-side tables of the Compare page: headers, row labels and cell texts."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, dict] = {}
        self._section: str | None = None
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._group: list[str] | None = None
        self._in_head = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "table" and "data-section" in attributes:
            self._section = attributes["data-section"]
            self.tables[self._section] = {"header": [], "rows": []}
        elif self._section is None:
            return
        elif tag == "thead":
            self._in_head = True
        elif tag == "tr":
            self._row = []
        elif tag in ("th", "td"):
            self._cell = []
            self._group = None
        elif tag == "span" and attributes.get("class") == "rc-group":
            self._group = []

    def handle_endtag(self, tag):
        if self._section is None:
            return
        if tag == "table":
            self._section = None
        elif tag == "thead":
            self._in_head = False
        elif tag in ("th", "td") and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "span" and self._group is not None and self._cell is not None:
            group = "".join(self._group).strip()
            # The group label is kept apart from the item's own text.
            self._cell.append("")
            self._row_group = group
            self._group = None
        elif tag == "tr" and self._row is not None:
            table = self.tables[self._section]
            if self._in_head:
                table["header"] = self._row
            else:
                table["rows"].append((getattr(self, "_row_group", ""), self._row))
                self._row_group = ""
            self._row = None

    def handle_data(self, data):
        if self._group is not None:
            self._group.append(data)
        elif self._cell is not None:
            self._cell.append(data)


def side_by_side(at: AppTest) -> dict[str, pd.DataFrame]:
    """The Compare page's side-by-side tables by section: the first column is the item (with its
    details, as shown), then one column per role named as its header shows it, and "group"."""
    return side_by_side_tables("".join(element.proto.body for element in at.get("html")))


def side_by_side_tables(markup: str) -> dict[str, pd.DataFrame]:
    """The side-by-side tables in an HTML fragment, read as side_by_side describes."""
    parser = _SideBySideParser()
    parser.feed(markup)
    tables = {}
    for section, table in parser.tables.items():
        header = ["item", *table["header"][1:]]
        rows = [cells for _, cells in table["rows"]]
        frame = pd.DataFrame(rows, columns=header)
        frame.insert(0, "group", [group for group, _ in table["rows"]])
        tables[section] = frame
    return tables
