"""Static pictures for documents as inline SVG: the similarity heatmap and the category profile.

Drawn here rather than by plotly's image export (kaleido), so a brief needs no browser to build
and prints the same everywhere; the colours are the charts' own (the Blues scale, one Okabe-Ito
colour per role). Every label is escaped, and every number also appears in a table beside the
picture.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from plotly.colors import sequential, unlabel_rgb

from dashboard.core.text import humanise

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"
FONT_SIZE = 12
# An average character of a 12 px sans-serif font, to size the label margins.
CHAR_PX = 6.6
MAX_LABEL_CHARS = 36
ELLIPSIS = "…"
BLUES = tuple(tuple(int(part) for part in unlabel_rgb(colour)) for colour in sequential.Blues)
# Above this share of the scale a cell is dark enough for white text.
DARK_CELL = 0.55
TEXT_COLOUR = "#1f2430"
GRID_COLOUR = "#c3c8d2"


def heatmap_svg(matrix: np.ndarray, names: Sequence[str], title: str, key: str) -> str:
    """A role x role matrix of values 0-1 as a heatmap: one cell per pair, its value (two
    decimals) in the cell, role names on both axes, a 0-1 colour key."""
    size = len(names)
    values = np.asarray(matrix, dtype=float)
    labels = [_label(name) for name in names]
    longest = max((len(label) for label in labels), default=1)
    cell = int(max(34, min(64, 480 / max(1, size))))
    left = int(16 + longest * CHAR_PX)
    # Column labels are turned 45 degrees: their height is about 0.71 of their length.
    top = int(40 + longest * CHAR_PX * 0.71)
    legend = 70
    width = max(left + size * cell + legend, _title_width(title))
    height = top + size * cell + 20
    parts = [_open(width, height, title, key)]
    for row in range(size):
        y = top + row * cell
        parts.append(_text(left - 8, y + cell / 2 + 4, labels[row], anchor="end", full=names[row]))
        for column in range(size):
            x = left + column * cell
            value = float(values[row, column])
            fill = _blue(value)
            ink = "#ffffff" if value > DARK_CELL else TEXT_COLOUR
            parts.append(
                f'<rect x="{x}" y="{y}" width="{cell}" height="{cell}" fill="{fill}" '
                f'stroke="#ffffff"><title>{_e(names[row])} and {_e(names[column])}: '
                f"{value:.2f}</title></rect>"
            )
            parts.append(
                f'<text x="{x + cell / 2}" y="{y + cell / 2 + 4}" text-anchor="middle" '
                f'fill="{ink}" font-size="{FONT_SIZE}">{value:.2f}</text>'
            )
    for column in range(size):
        x = left + column * cell + cell / 2
        parts.append(
            f'<text transform="translate({x + 4},{top - 8}) rotate(-45)" '
            f'font-size="{FONT_SIZE}" fill="{TEXT_COLOUR}"><title>{_e(names[column])}</title>'
            f"{_e(labels[column])}</text>"
        )
    parts.append(_colour_key(left + size * cell + 24, top, size * cell, key))
    parts.append("</svg>")
    return "".join(parts)


def category_bars_svg(
    profile: pd.DataFrame,
    names: Mapping[str, str],
    colours: Mapping[str, str],
    title: str,
    key: str,
) -> str:
    """The category profile (role x category shares, 0-1) as horizontal grouped bars: a group
    per category, a bar per role in the role's colour with its percentage, a legend on top."""
    roles = list(profile.index)
    categories = [humanise(category) for category in profile.columns]
    shares = profile.to_numpy(dtype=float) * 100
    bar, gap = 13, 12
    category_labels = [_label(category) for category in categories]
    left = int(16 + max((len(label) for label in category_labels), default=1) * CHAR_PX)
    plot = 420
    width = max(left + plot + 60, _title_width(title))
    legend_rows = len(roles)
    top = 34 + legend_rows * 18 + 10
    group = len(roles) * bar + gap
    height = top + len(categories) * group + 30
    parts = [_open(width, height, title, key)]
    for position, role_id in enumerate(roles):
        y = 30 + position * 18
        parts.append(
            f'<rect x="{left}" y="{y}" width="12" height="12" fill="{_e(colours[role_id])}"/>'
        )
        parts.append(_text(left + 18, y + 10, _label(names[role_id]), full=names[role_id]))
    for tick in (0, 25, 50, 75, 100):
        x = left + plot * tick / 100
        parts.append(
            f'<line x1="{x}" y1="{top - 4}" x2="{x}" y2="{top + len(categories) * group}" '
            f'stroke="{GRID_COLOUR}" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{x}" y="{top + len(categories) * group + 16}" text-anchor="middle" '
            f'font-size="{FONT_SIZE - 1}" fill="{TEXT_COLOUR}">{tick}%</text>'
        )
    for index, category in enumerate(category_labels):
        y0 = top + index * group
        parts.append(
            _text(
                left - 8,
                y0 + len(roles) * bar / 2 + 4,
                category,
                anchor="end",
                full=categories[index],
            )
        )
        for position, role_id in enumerate(roles):
            share = float(shares[position, index])
            y = y0 + position * bar
            length = plot * max(0.0, min(100.0, share)) / 100
            parts.append(
                f'<rect x="{left}" y="{y}" width="{length:.1f}" height="{bar - 2}" '
                f'fill="{_e(colours[role_id])}"><title>{_e(names[role_id])}, '
                f"{_e(categories[index])}: {share:.1f}%</title></rect>"
            )
            parts.append(
                f'<text x="{left + length + 4:.1f}" y="{y + bar - 3}" font-size="{FONT_SIZE - 2}" '
                f'fill="{TEXT_COLOUR}">{share:.1f}%</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def _open(width: float, height: float, title: str, key: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" role="img" '
        f'aria-labelledby="{_e(key)}-title" font-family="{FONT}">'
        f'<title id="{_e(key)}-title">{_e(title)}</title>'
        f'<text x="0" y="16" font-size="{FONT_SIZE + 2}" font-weight="600" '
        f'fill="{TEXT_COLOUR}">{_e(title)}</text>'
    )


def _title_width(title: str) -> int:
    """Room for the picture's title (bold, 14 px)."""
    return int(len(title) * (CHAR_PX + 1.2) + 10)


def _colour_key(x: float, y: float, height: float, key: str) -> str:
    gradient = f"{_e(key)}-scale"
    # Darkest (1) on top; SVG wants the stops' offsets in increasing order.
    stops = "".join(
        f'<stop offset="{i / (len(BLUES) - 1):.3f}" stop-color="{_rgb(colour)}"/>'
        for i, colour in enumerate(reversed(BLUES))
    )
    return (
        f'<defs><linearGradient id="{gradient}" x1="0" y1="0" x2="0" y2="1">{stops}'
        f'</linearGradient></defs><rect x="{x}" y="{y}" width="14" height="{height}" '
        f'fill="url(#{gradient})" stroke="{GRID_COLOUR}"/>'
        f'<text x="{x + 20}" y="{y + 10}" font-size="{FONT_SIZE - 1}" fill="{TEXT_COLOUR}">1</text>'
        f'<text x="{x + 20}" y="{y + height}" font-size="{FONT_SIZE - 1}" '
        f'fill="{TEXT_COLOUR}">0</text>'
    )


def _blue(value: float) -> str:
    """The Blues colour of a value 0-1, interpolated between the scale's stops."""
    position = max(0.0, min(1.0, value)) * (len(BLUES) - 1)
    low = int(np.floor(position))
    high = min(low + 1, len(BLUES) - 1)
    weight = position - low
    mixed = tuple(round(a + (b - a) * weight) for a, b in zip(BLUES[low], BLUES[high], strict=True))
    return _rgb(mixed)


def _rgb(colour: tuple[int, ...]) -> str:
    return "#" + "".join(f"{int(part):02x}" for part in colour)


def _label(text: str) -> str:
    """A label short enough for the margin (the full text is in the picture's tooltip and in
    the table beside it)."""
    text = " ".join(str(text).split())
    return text if len(text) <= MAX_LABEL_CHARS else text[: MAX_LABEL_CHARS - 1] + ELLIPSIS


def _text(x: float, y: float, text: str, anchor: str = "start", full: str | None = None) -> str:
    tooltip = f"<title>{_e(full)}</title>" if full is not None and full != text else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{FONT_SIZE}" '
        f'fill="{TEXT_COLOUR}">{tooltip}{_e(text)}</text>'
    )


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)
