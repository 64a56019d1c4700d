"""The side-by-side comparison as HTML that fits a screen: a table on wide screens, one card per
role on narrow ones, every value of the dataset escaped.

A few roles side by side read best as a plain table that wraps its text, with the items the roles
share on one row; at phone width the same content is stacked, one card per role (the stylesheet
switches between the two, so both are in the page). Values that come from an industry row carry
a badge naming the industry. Every piece of dataset text passes html.escape, and links are
written only for http(s) addresses from the contract's URL column.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from dashboard.core.contract import (
    CERT_ID,
    DETAIL,
    EMPHASIS_LEVELS,
    GROUP,
    INDUSTRY_ID,
    ISSUER,
    ITEM,
    ITEM_ID,
    PREREQUISITES,
    RATING_RANGE,
    RENEWAL,
    ROLE_ID,
    SECTION,
    SECTION_CERTIFICATIONS,
    SECTION_RESPONSIBILITIES,
    SECTION_SKILLS,
    SOURCE,
    SOURCE_ID,
    SOURCE_SEPARATOR,
    TITLE,
    URL,
    VALUE,
)
from dashboard.core.dataset import Dataset
from dashboard.core.text import humanise

# Up to this many roles the comparison is drawn as a table that fits the screen; past it the
# page falls back to scrolling grids, which keep very wide selections usable.
MAX_ROLES = 6
# Past this many rows a section is a scrolling grid too (thousands of skills in a user's data).
MAX_ROWS = 200
SECTION_TITLES = {
    SECTION_RESPONSIBILITIES: ("Responsibilities", "Responsibility"),
    SECTION_SKILLS: ("Skills", "Skill"),
    SECTION_CERTIFICATIONS: ("Certifications", "Certification"),
}
EMPHASIS_MARKS = dict(zip(EMPHASIS_LEVELS, ("● core", "○ supporting"), strict=True))
NOT_HELD = {
    SECTION_RESPONSIBILITIES: "not held",
    SECTION_SKILLS: "not rated",
    SECTION_CERTIFICATIONS: "not rated",
}
# Namespaced classes: the HTML is part of the page, not an iframe.
STYLE = """
<style>
.rc-sbs table {width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 0.95rem;}
.rc-sbs caption {text-align: left; font-weight: 600; padding: 0.25rem 0;}
.rc-sbs th, .rc-sbs td {border-bottom: 1px solid #d0d4dc; padding: 0.45rem 0.5rem;
  vertical-align: top; text-align: left; overflow-wrap: anywhere; color: #1f2430;}
.rc-sbs thead th {background: #f0f2f6; position: sticky; top: 0; z-index: 1;}
.rc-sbs th.rc-item {width: 30%; font-weight: 400;}
.rc-sbs .rc-group {display: block; font-size: 0.8rem; color: #3d4452; text-transform: none;}
.rc-sbs .rc-detail {display: block; font-size: 0.85rem; color: #3d4452;}
.rc-sbs .rc-badge {display: inline-block; margin-top: 0.2rem; padding: 0 0.4rem;
  border-radius: 0.6rem; background: #fff1cc; color: #5c4300; font-size: 0.78rem;}
.rc-sbs .rc-none {color: #4a5160;}
.rc-sbs .rc-bar {display: block; height: 0.35rem; background: #e3e7ee; border-radius: 0.2rem;
  margin-top: 0.2rem;}
.rc-sbs .rc-bar > span {display: block; height: 100%; background: #0072B2;
  border-radius: 0.2rem;}
.rc-sbs .rc-cards {display: none;}
.rc-sbs .rc-card {border: 1px solid #d0d4dc; border-radius: 0.5rem; padding: 0.6rem 0.8rem;
  margin-bottom: 0.8rem;}
.rc-sbs .rc-card h3 {font-size: 1.1rem; margin: 0 0 0.4rem 0;}
.rc-sbs .rc-card ul {padding-left: 1.1rem; margin: 0.2rem 0 0.6rem 0;}
.rc-sbs .rc-card li {overflow-wrap: anywhere; margin-bottom: 0.2rem;}
@media (max-width: 640px) {
  .rc-sbs .rc-tables {display: none;}
  .rc-sbs .rc-cards {display: block;}
}
</style>
"""


@dataclass(frozen=True)
class Cell:
    """One role's value for one item, with what the page shows beside it."""

    value: str
    detail: str
    industry_id: str
    sources: tuple[str, ...]


def fits(role_count: int, row_counts: Mapping[str, int]) -> bool:
    """Whether the selection is drawn as the fitting table (else scrolling grids)."""
    return 1 <= role_count <= MAX_ROLES and all(rows <= MAX_ROWS for rows in row_counts.values())


def side_by_side_html(
    long: pd.DataFrame,
    dataset: Dataset,
    role_ids: Sequence[str],
    industry_id: str | None,
    with_sources: bool,
) -> str:
    """The whole comparison (every section with rows) as one HTML fragment with its stylesheet."""
    names = dataset.role_names
    sections = [section for section in SECTION_TITLES if (long[SECTION] == section).any()]
    tables = "".join(
        _table(long[long[SECTION] == section], section, dataset, role_ids, with_sources)
        for section in sections
    )
    cards = "".join(
        _card(long, role_id, names[role_id], sections, dataset, industry_id) for role_id in role_ids
    )
    return (
        f'{STYLE}<div class="rc-sbs"><div class="rc-tables">{tables}</div>'
        f'<div class="rc-cards">{cards}</div></div>'
    )


def section_rows(long: pd.DataFrame) -> dict[str, int]:
    """How many items each section of a tidy comparison has."""
    return long.groupby(SECTION)[ITEM_ID].nunique().to_dict()


# --- the table ---------------------------------------------------------------------------------


def _table(
    rows: pd.DataFrame,
    section: str,
    dataset: Dataset,
    role_ids: Sequence[str],
    with_sources: bool,
) -> str:
    names = dataset.role_names
    title, item_label = SECTION_TITLES[section]
    head = f'<th scope="col" class="rc-item">{_e(item_label)}</th>' + "".join(
        f'<th scope="col">{_e(names[role_id])}</th>' for role_id in role_ids
    )
    body = []
    for _, item_rows in _items(rows):
        first = item_rows.iloc[0]
        cells = _cells(item_rows)
        header = _item_header(first, section, dataset, item_rows, with_sources)
        tds = "".join(
            f"<td>{_cell_html(cells.get(role_id), section, dataset)}</td>" for role_id in role_ids
        )
        body.append(f'<tr><th scope="row" class="rc-item">{header}</th>{tds}</tr>')
    return (
        f'<table class="rc-table" data-section="{_e(section)}"><caption>{_e(title)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def _items(rows: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    """The section's items in the tidy table's order, each with its rows (one per role)."""
    order = list(dict.fromkeys(rows[ITEM_ID]))
    grouped = dict(tuple(rows.groupby(ITEM_ID, sort=False)))
    return [(item_id, grouped[item_id]) for item_id in order]


def _cells(item_rows: pd.DataFrame) -> dict[str, Cell]:
    cells: dict[str, Cell] = {}
    for row in item_rows.itertuples(index=False):
        role_id = getattr(row, ROLE_ID)
        if role_id in cells:
            continue  # a role's first row of an item is its value, as in the wide table
        cells[role_id] = Cell(
            value=str(getattr(row, VALUE)),
            detail=str(getattr(row, DETAIL) or ""),
            industry_id=str(getattr(row, INDUSTRY_ID) or ""),
            sources=_cited(getattr(row, SOURCE)),
        )
    return cells


def _item_header(
    first: pd.Series,
    section: str,
    dataset: Dataset,
    item_rows: pd.DataFrame,
    with_sources: bool,
) -> str:
    group = first[GROUP]
    shown_group = humanise(group) if section == SECTION_SKILLS else str(group)
    parts = []
    if shown_group and section != SECTION_CERTIFICATIONS:
        parts.append(f'<span class="rc-group">{_e(shown_group)}</span>')
    parts.append(_e(first[ITEM]))
    if section == SECTION_CERTIFICATIONS:
        parts.append(_certificate_details(dataset, str(first[ITEM_ID])))
    if with_sources:
        cited = dict.fromkeys(s for cell in item_rows[SOURCE] for s in _cited(cell))
        titles = _titles(dataset, list(cited))
        if titles:
            parts.append(f' <span class="rc-detail">Sources: {_e("; ".join(titles))}</span>')
    return "".join(parts)


def _certificate_details(dataset: Dataset, cert_id: str) -> str:
    catalogue = dataset.certifications.set_index(CERT_ID)
    if cert_id not in catalogue.index:
        return ""
    row = catalogue.loc[cert_id]
    facts = [
        f"{label}: {row[column]}"
        for label, column in (("Issuer", ISSUER), ("Prerequisites", PREREQUISITES))
        if str(row[column]).strip()
    ]
    if str(row[RENEWAL]).strip():
        facts.append(f"Renewal: {row[RENEWAL]}")
    text = "".join(f' <span class="rc-detail">{_e(fact)}</span>' for fact in facts)
    url = str(row[URL]).strip()
    if url.startswith(("https://", "http://")):
        text += (
            f' <span class="rc-detail"><a href="{_e(url)}" target="_blank" '
            f'rel="noopener noreferrer">Official page</a></span>'
        )
    return text


def _cell_html(cell: Cell | None, section: str, dataset: Dataset) -> str:
    if cell is None:
        return f'<span class="rc-none">{_e(NOT_HELD[section])}</span>'
    if section == SECTION_SKILLS:
        level = int(float(cell.value))
        share = round(100 * level / RATING_RANGE[1])
        shown = (
            f'<span aria-label="importance {level} of {RATING_RANGE[1]}">{level}</span>'
            f'<span class="rc-bar" aria-hidden="true"><span style="width: {share}%"></span></span>'
        )
    elif section == SECTION_RESPONSIBILITIES:
        shown = _e(EMPHASIS_MARKS.get(cell.value, cell.value))
    else:
        shown = _e(cell.value)
    return shown + _notes(cell, dataset)


# --- the cards ---------------------------------------------------------------------------------


def _card(
    long: pd.DataFrame,
    role_id: str,
    name: str,
    sections: Sequence[str],
    dataset: Dataset,
    industry_id: str | None,
) -> str:
    mine = long[long[ROLE_ID] == role_id]
    parts = [f'<article class="rc-card" data-role="{_e(role_id)}"><h3>{_e(name)}</h3>']
    for section in sections:
        title, _ = SECTION_TITLES[section]
        rows = mine[mine[SECTION] == section]
        items = []
        for _, item_rows in _items(rows):
            first = item_rows.iloc[0]
            cell = _cells(item_rows)[role_id]
            label = _e(first[ITEM])
            items.append(f"<li>{label}: {_cell_text(cell, section, dataset)}</li>")
        listed = "".join(items) or f'<li class="rc-none">{_e(NOT_HELD[section])}</li>'
        parts.append(f"<h4>{_e(title)}</h4><ul>{listed}</ul>")
    parts.append("</article>")
    return "".join(parts)


def _cell_text(cell: Cell, section: str, dataset: Dataset) -> str:
    if section == SECTION_SKILLS:
        value = f"importance {int(float(cell.value))} of {RATING_RANGE[1]}"
    elif section == SECTION_RESPONSIBILITIES:
        value = EMPHASIS_MARKS.get(cell.value, cell.value)
    else:
        value = cell.value
    return _e(value) + _notes(cell, dataset)


# --- helpers -----------------------------------------------------------------------------------


def _notes(cell: Cell, dataset: Dataset) -> str:
    """What follows a value: the role's own detail, and a badge if an industry row gave it."""
    notes = ""
    if cell.detail:
        notes += f' <span class="rc-detail">{_e(cell.detail)}</span>'
    if cell.industry_id:
        industry = dataset.industry_names.get(cell.industry_id, cell.industry_id)
        notes += f' <span class="rc-badge">{_e(industry)}-specific</span>'
    return notes


def _e(value: object) -> str:
    """Dataset text for HTML: every character that could be markup escaped."""
    return html.escape("" if value is None else str(value), quote=True)


def _cited(cell: object) -> tuple[str, ...]:
    return tuple(
        dict.fromkeys(part.strip() for part in str(cell).split(SOURCE_SEPARATOR) if part.strip())
    )


def _titles(dataset: Dataset, source_ids: Sequence[str]) -> list[str]:
    titles = dict(zip(dataset.sources[SOURCE_ID], dataset.sources[TITLE], strict=True))
    return [titles.get(source, source) for source in source_ids]
