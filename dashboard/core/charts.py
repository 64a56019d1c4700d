"""Plotly figures for the overlap page: pure builders that take frames and return figures.

Every figure has a title and labelled axes; every per-role series has the role's own colour
(the same on every chart); every label from the dataset is escaped, because plotly renders a
few HTML tags inside labels.

The figures are written as plain plotly JSON and wrapped without plotly's property-by-property
validation, which cost about half of the Overlap page's rerun on the shipped data; a test
validates every builder's output the slow way, so a wrong property name still fails.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.colors import make_colorscale, sequential

from dashboard.core.contract import RATING_RANGE, ROLE_ID, SHARED, UNIQUE
from dashboard.core.text import humanise, plot_text

# Okabe & Ito (2008), the palette designed to stay distinct under every common colour-vision
# deficiency. Black is last: it competes with the text.
OKABE_ITO = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow
    "#000000",  # black
)
# Cells per heatmap above which numbers in the cells are unreadable (about 30 x 30).
MAX_TEXT_CELLS = 900
SHARED_WITH_SOME = "shared_with_some"
OVERLAP_GROUPS = {
    SHARED: "Shared by all selected roles",
    SHARED_WITH_SOME: "Shared with some",
    UNIQUE: "Unique to the role",
}
_ROW_HEIGHT = 22
_MIN_HEIGHT = 420
_MAX_HEIGHT = 4_000
# The importance matrix stays within about a screen: rows get thinner, never the page longer.
_MATRIX_ROW_HEIGHT = 15
_MATRIX_MAX_HEIGHT = 1_100
# Spelled out: plotly.js has its own, different, scale called "Blues".
_SEQUENTIAL = make_colorscale(sequential.Blues)

Spec = dict[str, Any]


def role_colours(role_ids: Sequence[str]) -> dict[str, str]:
    """A colour per role by its position in the dataset's role list (stable across selections)."""
    return {role_id: OKABE_ITO[i % len(OKABE_ITO)] for i, role_id in enumerate(role_ids)}


def _figure(traces: list[Spec], title: str, x_title: str, y_title: str, **layout: Any) -> go.Figure:
    """A figure from plain trace specs, with the title, axis titles and margins every chart has.

    Margins grow with their labels (automargin), so no title or tick label is cut or overlaps
    another; the legend sits below the plot, where it has the full width on a narrow screen.
    """
    axes = {
        "xaxis": {"title": {"text": x_title}, "automargin": True},
        "yaxis": {"title": {"text": y_title}, "automargin": True},
    }
    for axis, extra in (("xaxis", layout.pop("xaxis", {})), ("yaxis", layout.pop("yaxis", {}))):
        axes[axis].update(extra)
    spec = {
        "data": traces,
        "layout": {
            "title": {"text": title, "automargin": True},
            **axes,
            "legend": {
                "title": {"text": "Role"},
                "orientation": "h",
                "x": 0,
                "xanchor": "left",
                "y": -0.2,
                "yanchor": "top",
            },
            "margin": {"l": 10, "r": 10, "t": 60, "b": 10},
            **layout,
        },
    }
    return go.Figure(spec, _validate=False)


def _height(rows: int) -> int:
    return int(min(_MAX_HEIGHT, max(_MIN_HEIGHT, rows * _ROW_HEIGHT + 200)))


def _bar(name: str, x: list[str], y: Sequence[Any], colour: str) -> Spec:
    return {"type": "bar", "name": plot_text(name), "x": x, "y": y, "marker": {"color": colour}}


SKILL_SIMILARITY_TITLE = "Similarity of the roles' skill profiles (weighted Jaccard, 0-1)"
RESPONSIBILITY_SIMILARITY_TITLE = (
    "Similarity of the roles' responsibilities (weighted Jaccard, core 2, supporting 1)"
)


def similarity_heatmap(
    matrix: np.ndarray, names: Sequence[str], title: str = SKILL_SIMILARITY_TITLE
) -> go.Figure:
    """Role x role weighted Jaccard, values in the cells while they are big enough to read."""
    labels = [plot_text(name) for name in names]
    # float32 halves what the browser receives and is far more precision than two decimals.
    values = np.asarray(matrix, dtype=np.float32)
    trace: Spec = {
        "type": "heatmap",
        "z": values,
        "x": labels,
        "y": labels,
        "zmin": 0,
        "zmax": 1,
        "colorscale": _SEQUENTIAL,
        "colorbar": {"title": {"text": "Similarity"}},
        "hovertemplate": "%{y} and %{x}: %{z:.2f}<extra></extra>",
    }
    if values.size <= MAX_TEXT_CELLS:
        trace["texttemplate"] = "%{z:.2f}"
    return _figure(
        [trace],
        title,
        "Role",
        "Role",
        height=_height(len(labels)),
        # The first role on top, as in the table.
        yaxis={"autorange": "reversed"},
    )


def overlap_bars(
    summary: pd.DataFrame, names: Mapping[str, str], colours: Mapping[str, str]
) -> go.Figure:
    """Per role, how many of its skills all roles share, some share, and only it has."""
    # Skills all roles share are the same number for every role: the page says it in words,
    # and the bars show only what sets the roles apart.
    groups = [group for group in OVERLAP_GROUPS if group != SHARED]
    x = [OVERLAP_GROUPS[group] for group in groups]
    counts = summary[groups].astype("int64").to_numpy().tolist()
    traces = [
        _bar(names[role_id], x, row, colours[role_id])
        for role_id, row in zip(summary[ROLE_ID], counts, strict=True)
    ]
    return _figure(
        traces,
        "Shared and unique skills per role",
        "Skills (after the filters)",
        "Number of skills",
        barmode="group",
    )


def importance_heatmap(matrix: pd.DataFrame, role_names: Sequence[str]) -> go.Figure:
    """Skill x role importance, skills as rows, one column per role name; a cell a role does not
    rate is left blank (no colour, no number), never drawn as a value."""
    values = matrix.to_numpy(dtype=np.float32, na_value=np.nan)
    values = np.where(values > 0, values, np.nan).astype(np.float32)
    trace: Spec = {
        "type": "heatmap",
        "z": values,
        "x": [plot_text(name) for name in role_names],
        "y": [plot_text(name) for name in matrix.index],
        "zmin": RATING_RANGE[0],
        "zmax": RATING_RANGE[1],
        "colorscale": _SEQUENTIAL,
        "colorbar": {"title": {"text": "Importance"}},
        "hovertemplate": "%{x}, %{y}: %{z}<extra></extra>",
        "hoverongaps": False,
    }
    if values.size <= MAX_TEXT_CELLS:
        trace["text"] = np.where(
            np.isnan(values), "", np.nan_to_num(values).astype(np.int64).astype(str)
        )
        trace["texttemplate"] = "%{text}"
    rows = len(matrix.index)
    height = min(_MATRIX_MAX_HEIGHT, max(_MIN_HEIGHT, rows * _MATRIX_ROW_HEIGHT + 220))
    return _figure(
        [trace],
        "Importance of each skill to each role (1-5; blank: not rated)",
        "Role",
        "Skill",
        height=height,
        # Role names on top, where a long matrix is read from.
        xaxis={"side": "top"},
        yaxis={"autorange": "reversed"},
    )


def category_bars(
    profile: pd.DataFrame, names: Mapping[str, str], colours: Mapping[str, str]
) -> go.Figure:
    """Grouped bars: for each skill category, each role's share of the category's maximum."""
    categories = [plot_text(humanise(category)) for category in profile.columns]
    percent = (profile.to_numpy(dtype=np.float64) * 100).round(1)
    traces = [
        _bar(names[role_id], categories, shares, colours[role_id])
        for role_id, shares in zip(profile.index, percent, strict=True)
    ]
    return _figure(
        traces,
        "Skill profile per category",
        "Skill category",
        "Share of the category's maximum importance (%)",
        barmode="group",
        yaxis={"range": [0, 100]},
    )


def prevalence_bars(
    prevalence: pd.DataFrame,
    names: Mapping[str, str],
    industry_names: Mapping[str, str],
    colours: Mapping[str, str],
) -> go.Figure:
    """Grouped bars: each role's prevalence (1-5) in each industry; a gap where the dataset
    gives no level (never a value standing in for "no data")."""
    industries = [plot_text(industry_names[i]) for i in prevalence.columns]
    levels = prevalence.apply(pd.to_numeric, errors="coerce").to_numpy(dtype=np.float64)
    traces = [
        # None, not NaN: plotly leaves a gap for it on every renderer.
        _bar(
            names[role_id],
            industries,
            [None if np.isnan(value) else int(value) for value in row],
            colours[role_id],
        )
        for role_id, row in zip(prevalence.index, levels, strict=True)
    ]
    return _figure(
        traces,
        "How common each role is, by industry",
        "Industry",
        "Prevalence (1 = rare, 5 = very common)",
        barmode="group",
        yaxis={"range": [0, RATING_RANGE[1]], "dtick": 1},
    )
