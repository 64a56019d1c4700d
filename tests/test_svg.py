"""The brief's static pictures: every value drawn and written, every label escaped."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

import numpy as np
import pandas as pd
import pytest

from dashboard.core.svg import BLUES, MAX_LABEL_CHARS, category_bars_svg, heatmap_svg

SVG = "{http://www.w3.org/2000/svg}"
NAMES = ["Project Manager", "<script>alert(1)</script>", "A & B " + "x" * 60]


def parsed(markup: str) -> ElementTree.Element:
    """The SVG parsed as XML (it must be well-formed to parse at all)."""
    return ElementTree.fromstring(markup)


def texts(root: ElementTree.Element) -> list[str]:
    """What each text element shows (a tooltip, its <title> child, is not shown)."""
    return [
        (node.text or "") + "".join(child.tail or "" for child in node)
        for node in root.iter(f"{SVG}text")
    ]


def test_the_heatmap_draws_and_writes_every_value():
    matrix = np.array([[1.0, 0.25, 0.5], [0.25, 1.0, 0.125], [0.5, 0.125, 1.0]])
    root = parsed(heatmap_svg(matrix, NAMES, "Similarity", "sim"))
    cells = [rect for rect in root.iter(f"{SVG}rect") if rect.find(f"{SVG}title") is not None]
    assert len(cells) == 9
    tooltips = [rect.find(f"{SVG}title").text for rect in cells]
    assert tooltips[1] == "Project Manager and <script>alert(1)</script>: 0.25"
    shown = texts(root)
    for value in ("1.00", "0.25", "0.50", "0.12"):
        assert value in shown
    # The darkest cell is the scale's last colour, the lightest-valued one is paler.
    fills = [rect.get("fill") for rect in cells]
    assert fills[0] == "#{:02x}{:02x}{:02x}".format(*BLUES[-1])
    assert fills[5] != fills[0]


def test_labels_are_escaped_and_long_ones_shortened():
    markup = heatmap_svg(np.eye(3), NAMES, "Title <b>", "sim")
    assert "<script" not in markup and "<b>" not in markup
    shown = texts(parsed(markup))
    assert "Title <b>" in shown
    long_label = next(text for text in shown if text.endswith("…"))
    assert len(long_label) == MAX_LABEL_CHARS and long_label.startswith("A & B")


def test_the_colour_key_stops_increase():
    markup = heatmap_svg(np.eye(2), NAMES[:2], "T", "k")
    offsets = [float(value) for value in re.findall(r'<stop offset="([0-9.]+)"', markup)]
    assert offsets == sorted(offsets) and offsets[0] == 0 and offsets[-1] == 1


@pytest.mark.parametrize("categories", [["technical", "people"], ["Only one"]])
def test_category_bars_draw_each_role_and_category(categories):
    profile = pd.DataFrame(
        np.linspace(0, 1, 2 * len(categories)).reshape(2, len(categories)),
        index=["a", "b"],
        columns=categories,
    )
    names = {"a": "Role <A>", "b": "Role B"}
    colours = {"a": "#0072B2", "b": "#E69F00"}
    root = parsed(category_bars_svg(profile, names, colours, "Profile", "cat"))
    bars = [rect for rect in root.iter(f"{SVG}rect") if rect.find(f"{SVG}title") is not None]
    assert len(bars) == profile.size
    shown = texts(root)
    for role, row in profile.iterrows():
        for category, share in row.items():
            assert f"{share * 100:.1f}%" in shown
            assert any(
                bar.find(f"{SVG}title").text.startswith(f"{names[role]}, {category.capitalize()}")
                for bar in bars
            )
    assert "Role <A>" in shown
    assert {bar.get("fill") for bar in bars} == set(colours.values())
