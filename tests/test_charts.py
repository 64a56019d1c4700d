"""Chart builders: titles, labelled axes, one colour per role, values that match the data."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.core.charts import (
    MAX_TEXT_CELLS,
    OKABE_ITO,
    category_bars,
    importance_heatmap,
    overlap_bars,
    prevalence_bars,
    role_colours,
    similarity_heatmap,
)
from dashboard.core.comparison import (
    Selection,
    filtered_ratings,
    overlap_summary,
    prevalence_matrix,
    selection_similarity,
    skill_holders,
)
from dashboard.core.views import category_shares, importance_view
from tests.apptest import array
from tests.support import effective_importance, hand_jaccard

ROLES = ("delivery_lead", "scrum_master", "platform_architect")


def as_json(figure) -> dict:
    """The figure as the browser receives it."""
    return json.loads(figure.to_json())


def titles(spec: dict) -> tuple[str, str, str]:
    layout = spec["layout"]
    return (
        layout["title"]["text"],
        layout["xaxis"]["title"]["text"],
        layout["yaxis"]["title"]["text"],
    )


def all_figures(dataset, selection: Selection) -> dict[str, dict]:
    ratings = filtered_ratings(dataset, selection)
    colours = role_colours(list(dataset.role_names))
    names = dataset.role_names
    matrix, _ = importance_view(dataset, ratings, selection.role_ids, 200)
    return {
        "similarity": as_json(
            similarity_heatmap(
                selection_similarity(dataset, selection).to_numpy(),
                [names[r] for r in selection.role_ids],
            )
        ),
        "overlap": as_json(
            overlap_bars(
                overlap_summary(skill_holders(ratings, selection.role_ids)), names, colours
            )
        ),
        "importance": as_json(importance_heatmap(matrix, [names[r] for r in selection.role_ids])),
        "categories": as_json(
            category_bars(category_shares(dataset, ratings, selection), names, colours)
        ),
        "prevalence": as_json(
            prevalence_bars(
                prevalence_matrix(dataset, selection.role_ids),
                names,
                dataset.industry_names,
                colours,
            )
        ),
    }


def test_role_colours_follow_the_dataset_order_and_the_okabe_ito_palette():
    colours = role_colours([f"r{i}" for i in range(10)])
    assert colours["r0"] == OKABE_ITO[0] == "#0072B2"
    assert colours["r7"] == OKABE_ITO[7]
    # Past eight roles the palette repeats, still by position.
    assert colours["r8"] == OKABE_ITO[0]
    assert role_colours(["a", "b"]) == {"a": OKABE_ITO[0], "b": OKABE_ITO[1]}


@pytest.mark.parametrize(
    "selection",
    [
        Selection(ROLES),
        Selection(ROLES, industry_id="banking", min_importance=3),
        Selection(ROLES[:2], categories=("methodology",)),
    ],
    ids=["all", "banking-min-3", "two-roles-one-category"],
)
def test_every_chart_passes_plotly_validation_unchanged(dataset, selection):
    # The builders skip plotly's validation for speed: validating their output must neither
    # raise (a misspelt property) nor change it (a value plotly would rewrite, such as a
    # colour scale name that plotly.js reads differently).
    for name, spec in all_figures(dataset, selection).items():
        validated = json.loads(go.Figure(spec).to_json())
        assert validated == spec, name


def test_every_chart_has_a_title_and_labelled_axes(dataset):
    for name, spec in all_figures(dataset, Selection(ROLES)).items():
        title, x_title, y_title = titles(spec)
        assert title and x_title and y_title, name


def test_every_chart_grows_its_margins_and_keeps_its_legend_below(dataset):
    # Readable at any width: margins grow with their labels (so no title or tick label is cut
    # or overlaps another) and a legend takes the full width under the plot.
    for name, spec in all_figures(dataset, Selection(ROLES)).items():
        layout = spec["layout"]
        assert layout["title"]["automargin"] is True, name
        assert layout["xaxis"]["automargin"] is True and layout["yaxis"]["automargin"], name
        legend = layout["legend"]
        assert legend["orientation"] == "h" and legend["y"] < 0, name
        assert legend["yanchor"] == "top", name


def test_a_role_has_the_same_colour_on_every_chart(dataset):
    figures = all_figures(dataset, Selection(("scrum_master", "platform_architect")))
    colours = {}
    for name in ("overlap", "categories", "prevalence"):
        for trace in figures[name]["data"]:
            colours.setdefault(trace["name"], set()).add(trace["marker"]["color"])
    # Positions 2 and 3 in roles.csv: the palette's second and third colours on every chart.
    assert colours == {"Scrum Master": {OKABE_ITO[1]}, "Platform Architect": {OKABE_ITO[2]}}


# Hand-worked from tests/fixtures/mini/role_skills.csv (general rows, then banking overrides):
# DL {planning 5, risk 4, coaching 2}, SM {planning 3, coaching 5}, PA {cloud 5, risk 2};
# in banking DL risk 5 and security 3, PA security 5.
HAND_WORKED = [
    (None, {(0, 1): 5 / 14, (0, 2): 2 / 16, (1, 2): 0.0}),
    ("banking", {(0, 1): 5 / 18, (0, 2): 5 / 22, (1, 2): 0.0}),
    ("retail", {(0, 1): 5 / 14, (0, 2): 2 / 16, (1, 2): 0.0}),
]


@pytest.mark.parametrize(("industry_id", "pairs"), HAND_WORKED)
def test_heatmap_cells_are_the_hand_worked_weighted_jaccard(dataset, industry_id, pairs):
    spec = all_figures(dataset, Selection(ROLES, industry_id=industry_id))["similarity"]
    z = array(spec["data"][0]["z"])
    assert z.shape == (3, 3)
    assert np.allclose(np.diag(z), 1.0)
    vectors = [effective_importance(role, industry_id or "") for role in ROLES]
    for (i, j), expected in pairs.items():
        assert z[i, j] == pytest.approx(expected, abs=1e-6)
        assert z[j, i] == pytest.approx(expected, abs=1e-6)
        # The same number, straight from the CSV by the definition.
        assert z[i, j] == pytest.approx(hand_jaccard(vectors[i], vectors[j]), abs=1e-6)
    assert spec["data"][0]["x"] == ["Delivery Lead", "Scrum Master", "Platform Architect"]


@pytest.mark.parametrize(("side", "has_text"), [(2, True), (30, True), (31, False), (200, False)])
def test_heatmap_numbers_are_dropped_above_thirty_by_thirty(side, has_text):
    assert side * side <= MAX_TEXT_CELLS or not has_text
    spec = as_json(similarity_heatmap(np.eye(side), [f"role {i}" for i in range(side)]))
    assert bool(spec["data"][0].get("texttemplate")) is has_text
    # float32 on the wire: half the bytes of float64.
    assert spec["data"][0]["z"]["dtype"] == "f4"


def test_importance_matrix_shows_the_industry_rating_and_leaves_unrated_cells_blank(dataset):
    spec = all_figures(dataset, Selection(ROLES, industry_id="banking"))["importance"]
    trace = spec["data"][0]
    z = array(trace["z"])
    rows, columns = trace["y"], trace["x"]
    assert columns == ["Delivery Lead", "Scrum Master", "Platform Architect"]
    risk = rows.index("Risk management")
    assert z[risk, 0] == 5  # the banking override, not the general 4
    security = rows.index("Security")
    # Not rated: no value drawn at all (a gap), never 0 standing in for "no data".
    assert np.isnan(z[security, 1])
    assert trace["text"][security][1] == ""
    assert trace["text"][security][0] == "3"
    assert trace["hoverongaps"] is False


def test_overlap_bars_count_shared_and_unique_skills(dataset):
    spec = all_figures(dataset, Selection(("delivery_lead", "scrum_master")))["overlap"]
    bars = {trace["name"]: array(trace["y"]).tolist() for trace in spec["data"]}
    # Both rate planning and coaching (shared by all: said in words, not drawn as equal bars);
    # only DL rates risk.
    assert bars == {"Delivery Lead": [0, 1], "Scrum Master": [0, 0]}
    assert spec["data"][0]["x"] == ["Shared with some", "Unique to the role"]


def test_prevalence_bars_hold_the_csv_levels(dataset):
    spec = all_figures(dataset, Selection(ROLES))["prevalence"]
    by_role = {
        trace["name"]: dict(zip(trace["x"], trace["y"], strict=True)) for trace in spec["data"]
    }
    assert by_role["Scrum Master"] == {"Banking": 2, "Retail": 5}
    assert by_role["Platform Architect"] == {"Banking": 3, "Retail": 1}


def test_prevalence_gaps_stay_gaps():
    prevalence = pd.DataFrame({"a": [3.0, np.nan]}, index=["r1", "r2"])
    spec = as_json(
        prevalence_bars(
            prevalence, {"r1": "R1", "r2": "R2"}, {"a": "A"}, role_colours(["r1", "r2"])
        )
    )
    assert [trace["y"] for trace in spec["data"]] == [[3], [None]]


def test_category_bars_are_shares_in_percent(dataset):
    spec = all_figures(dataset, Selection(ROLES))["categories"]
    dl = next(trace for trace in spec["data"] if trace["name"] == "Delivery Lead")
    shares = dict(zip(dl["x"], array(dl["y"]).tolist(), strict=True))
    # methodology has planning and risk: (5 + 4) / (2 skills x 5) = 90 %.
    assert shares["Methodology"] == pytest.approx(90.0)
    assert shares["People"] == pytest.approx(40.0)  # coaching 2 of 5
    assert shares["Technical"] == pytest.approx(0.0)


def test_dataset_labels_cannot_inject_plotly_html():
    names = {"x": "<a href='https://evil.example'>click</a>", "y": "R&D <b>lead</b>"}
    spec = as_json(
        overlap_bars(
            pd.DataFrame(
                {
                    "role_id": ["x", "y"],
                    "shared": [1, 1],
                    "shared_with_some": [0, 0],
                    "unique": [0, 1],
                }
            ),
            names,
            role_colours(["x", "y"]),
        )
    )
    labels = [trace["name"] for trace in spec["data"]]
    assert all("<" not in label for label in labels)
    assert labels[1] == "R&amp;D &lt;b&gt;lead&lt;/b&gt;"
