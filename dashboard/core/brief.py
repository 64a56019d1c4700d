"""A decision brief of the current comparison, to share with the people who sign off.

The sections: what was compared (the roles, the industry and the filters), the key differences
(dashboard.core.differences, grouped as on the Compare page), the side-by-side summary (the
Downloads page's wide comparison, cell for cell), the similarity heatmap and the category
profile as static pictures with their numbers in tables (the similarity to three decimals, as
in the similarity CSV), and the sources. Rendered to one self-contained HTML file (and to PDF
by dashboard.core.pdf).
"""

from __future__ import annotations

import datetime

import pandas as pd

from dashboard.core.charts import SKILL_SIMILARITY_TITLE, role_colours
from dashboard.core.comparison import (
    Selection,
    comparison_long,
    comparison_wide,
    filtered_ratings,
    selection_similarity,
)
from dashboard.core.contract import (
    ABBREVIATION,
    CERT_ID,
    GROUP,
    INDUSTRY_ID,
    ITEM,
    ITEM_ID,
    NAME,
    RESPONSIBILITY_ID,
    ROLE_ID,
    SECTION,
    SECTION_CERTIFICATIONS,
    SECTION_RESPONSIBILITIES,
    SECTION_SKILLS,
    SKILL_ID,
    role_column,
)
from dashboard.core.dataset import Dataset
from dashboard.core.differences import STATEMENT_GROUPS, key_differences
from dashboard.core.document import (
    Bullets,
    Document,
    Figure,
    Heading,
    Paragraph,
    Row,
    RowRef,
    Section,
    Span,
    Table,
    cited,
    document,
    line,
    row_ref,
)
from dashboard.core.downloads import INDUSTRY_SPECIFIC, wide_for_export
from dashboard.core.packet_rows import industry_ref, text
from dashboard.core.svg import category_bars_svg, heatmap_svg
from dashboard.core.text import humanise, listed
from dashboard.core.views import category_shares

KIND = "decision-brief"
# A brief compares what a page can print side by side (and the palette has 8 colours).
MAX_ROLES = 8
MIN_ROLES = 2
# Past this many rows a section of the side-by-side is cut, saying how many rows the comparison
# CSV holds (thousands of skills in a user's data would make a brief nobody prints).
MAX_ROWS = 200
NOT_HELD = "—"
SIMILARITY_DECIMALS = 3
PERCENT_DECIMALS = 1
SECTION_TABLES = {
    SECTION_RESPONSIBILITIES: ("Responsibilities", "Area", "Responsibility"),
    SECTION_SKILLS: ("Skills", "Category", "Skill"),
    SECTION_CERTIFICATIONS: ("Certifications", "Issuer", "Certification"),
}
# The tables each section's items and role values come from, and their key column.
SECTION_ROWS = {
    SECTION_RESPONSIBILITIES: ("responsibilities", "role_responsibilities", RESPONSIBILITY_ID),
    SECTION_SKILLS: ("skills", "role_skills", SKILL_ID),
    SECTION_CERTIFICATIONS: ("certifications", "role_certifications", CERT_ID),
}
CATEGORY_TITLE = "Skill profile per category"
SIMILARITY_SENTENCE = (
    "Similarity is the weighted Jaccard index of two roles' skill ratings (the skills some "
    "evidence supports, importance 2-5, after the filters): for every skill take the smaller of "
    "the two ratings (0 if a role does not rate it), add these up, and divide by the sum of the "
    "larger ones; 1 means identical ratings, 0 no skill in common."
)
CATEGORY_SENTENCE = (
    "Each bar is the role's total importance in the category as a share of the most it could "
    "be (every skill of the category rated 5); a rating of 1 (no evidence) counts as none."
)


class BriefError(ValueError):
    """A selection a brief cannot be made of (too few or too many roles)."""


def check_roles(role_ids: tuple[str, ...]) -> None:
    """Raise BriefError unless a brief can compare this many roles."""
    if not MIN_ROLES <= len(role_ids) <= MAX_ROLES:
        raise BriefError(
            f"a decision brief compares {MIN_ROLES} to {MAX_ROLES} roles ({len(role_ids)} given)"
        )


def decision_brief(dataset: Dataset, selection: Selection, on: datetime.date) -> Document:
    """The decision brief of a selection (2-8 roles), prepared on a date."""
    check_roles(selection.role_ids)
    names = [dataset.role_names[role_id] for role_id in selection.role_ids]
    sections = [
        Section("What was compared", tuple(_compared(dataset, selection, on)), "compared"),
        Section("Key differences", tuple(_differences(dataset, selection)), "differences"),
        Section("Side by side", tuple(_side_by_side(dataset, selection)), "side-by-side"),
        Section("Similarity", tuple(_similarity(dataset, selection)), "similarity"),
        Section(CATEGORY_TITLE, tuple(_categories(dataset, selection)), "categories"),
    ]
    return document(KIND, f"Decision brief: {listed(names, limit=MAX_ROLES)}", sections, dataset)


# --- the sections ------------------------------------------------------------------------------


def _compared(dataset: Dataset, selection: Selection, on: datetime.date) -> list:
    roles = dataset.roles
    bullets = []
    for role_id in selection.role_ids:
        role = roles[roles[ROLE_ID] == role_id].iloc[0]
        abbreviation = text(role[ABBREVIATION])
        shown = [NAME, ABBREVIATION] if abbreviation else [NAME]
        label = dataset.role_names[role_id]
        bullets.append(
            line(
                Span(label, strong=True),
                f" ({abbreviation})" if abbreviation else "",
                refs=[row_ref("roles", role, shown)],
                sources=cited(role),
            )
        )
    blocks: list = [
        Paragraph(
            line(
                f"Prepared on {on.isoformat()} from the role dataset. Every statement and value "
                "below comes from it; the numbers in brackets are the sources, listed at the end."
            )
        ),
        Heading("Roles"),
        Bullets(tuple(bullets)),
    ]
    if selection.industry_id:
        industries = dataset.industries
        industry = industries[industries[INDUSTRY_ID] == selection.industry_id].iloc[0]
        blocks.append(
            Paragraph(
                line(
                    Span("Industry: ", strong=True),
                    text(industry[NAME]),
                    " (its own ratings replace the general ones where it has them)",
                    refs=[industry_ref(industry)],
                    sources=cited(industry),
                )
            )
        )
    else:
        blocks.append(
            Paragraph(line(Span("Industry: ", strong=True), "all industries (general ratings)"))
        )
    categories = (
        listed([humanise(category) for category in selection.categories], limit=100)
        if selection.categories
        else "all"
    )
    blocks.append(
        Paragraph(
            line(
                Span("Filters: ", strong=True),
                f"skill categories: {categories}; minimum importance: "
                f"{selection.min_importance}; differences only: "
                + ("yes" if selection.differences_only else "no")
                + ". The filters apply to the side-by-side, the similarity and the category "
                "profile; the key differences are about the roles as a whole.",
            )
        )
    )
    return blocks


def _differences(dataset: Dataset, selection: Selection) -> list:
    statements = key_differences(dataset, selection)
    roles = dataset.roles.set_index(ROLE_ID, drop=False)
    blocks: list = [
        Paragraph(
            line(
                "Stated from the data by fixed rules (the same for every pair of roles), in the "
                "chosen industry, as on the Compare page and in the key-differences CSV."
            )
        )
    ]
    for heading, kinds in STATEMENT_GROUPS:
        chosen = [item for item in statements if item.kind in kinds]
        if not chosen:
            continue
        lines = []
        for item in chosen:
            # A statement names its roles; its sources are those of the rows behind it
            # (dashboard.core.differences), not of the roles' own rows.
            refs = [
                row_ref(
                    "roles",
                    roles.loc[role_id],
                    [NAME] if text(roles.loc[role_id][NAME]) in item.text else [],
                    cites=False,
                )
                for role_id in item.role_ids
            ]
            lines.append(line(item.text, refs=refs, sources=item.sources))
        blocks += [Heading(heading), Bullets(tuple(lines))]
    return blocks


def _side_by_side(dataset: Dataset, selection: Selection) -> list:
    long = comparison_long(dataset, selection)
    wide = wide_for_export(comparison_wide(long, dataset, selection.role_ids), long, dataset)
    names = [dataset.role_names[role_id] for role_id in selection.role_ids]
    blocks: list = [
        Paragraph(
            line(
                "The comparison of the Downloads page, value for value: a responsibility is core "
                "or supporting, a skill's importance is 1-5, a certification essential, "
                f"recommended or optional; {NOT_HELD} where the role has no row. The last column "
                "names the roles whose value comes from the chosen industry's own rows."
                + (" Only rows on which the roles differ." if selection.differences_only else "")
            )
        )
    ]
    if wide.empty:
        blocks.append(Paragraph(line("Nothing matches the filters.")))
        return blocks
    for section, (title, group_label, item_label) in SECTION_TABLES.items():
        rows = wide[wide[SECTION] == section]
        if rows.empty:
            continue
        shown = rows.head(MAX_ROWS)
        held = _held_rows(dataset, selection, long, section, set(shown[ITEM_ID]))
        table_rows = tuple(
            _comparison_row(selection, section, record, *held[text(record[ITEM_ID])])
            for record in shown.to_dict("records")
        )
        caption = title
        if len(rows) > len(shown):
            caption += (
                f" (the first {len(shown)} of {len(rows)} rows; the comparison CSV has them all)"
            )
        blocks.append(
            Table(
                section,
                (group_label, item_label, *names, "Industry-specific for"),
                table_rows,
                caption=caption,
            )
        )
    return blocks


def _held_rows(
    dataset: Dataset, selection: Selection, long: pd.DataFrame, section: str, item_ids: set[str]
) -> dict[str, tuple[dict, list[dict]]]:
    """Each item's catalogue row and the selected roles' rows behind its values (the rows the
    tidy comparison took, industry rows included), looked up once for the whole section."""
    catalogue_table, link_table, key = SECTION_ROWS[section]
    catalogue = {
        row[key]: row
        for row in dataset.table(catalogue_table).to_dict("records")
        if row[key] in item_ids
    }
    links = dataset.table(link_table)
    links = links[links[ROLE_ID].isin(selection.role_ids) & links[key].isin(item_ids)]
    by_key = {
        (row[ROLE_ID], row[key], text(row[INDUSTRY_ID])): row for row in links.to_dict("records")
    }
    mine = long[long[SECTION] == section]
    held: dict[str, list[dict]] = {item_id: [] for item_id in item_ids}
    for item_id, role_id, industry_id in zip(
        mine[ITEM_ID], mine[ROLE_ID], mine[INDUSTRY_ID].fillna(""), strict=True
    ):
        if item_id in held:
            held[item_id].append(by_key[(role_id, item_id, text(industry_id))])
    return {item_id: (catalogue[item_id], rows) for item_id, rows in held.items()}


def _comparison_row(
    selection: Selection, section: str, record: dict, item: dict, held: list[dict]
) -> Row:
    catalogue_table, link_table, _ = SECTION_ROWS[section]
    refs = [row_ref(catalogue_table, item, [NAME]), *(row_ref(link_table, row) for row in held)]
    values = [_cell(record[role_column(role_id)]) for role_id in selection.role_ids]
    group = text(record[GROUP])
    shown_group = humanise(group) if section == SECTION_SKILLS else group
    return Row(
        (shown_group, text(record[ITEM]), *values, text(record[INDUSTRY_SPECIFIC])),
        tuple(refs),
        cited(item, *held),
    )


def _similarity(dataset: Dataset, selection: Selection) -> list:
    matrix = selection_similarity(dataset, selection).to_numpy()
    names = [dataset.role_names[role_id] for role_id in selection.role_ids]
    blocks: list = [Paragraph(line(SIMILARITY_SENTENCE))]
    blocks.append(
        Figure(
            "similarity",
            heatmap_svg(matrix, names, SKILL_SIMILARITY_TITLE, "similarity"),
            "The similarity heatmap (the numbers, to three decimals, are in the table below).",
        )
    )
    rows = tuple(
        Row(
            (name, *(f"{value:.{SIMILARITY_DECIMALS}f}" for value in matrix[index])),
            (_role_ref(dataset, role_id),),
        )
        for index, (role_id, name) in enumerate(zip(selection.role_ids, names, strict=True))
    )
    blocks.append(Table("similarity", ("Role", *names), rows, caption="Similarity (0-1)"))
    return blocks


def _categories(dataset: Dataset, selection: Selection) -> list:
    ratings = filtered_ratings(dataset, selection)
    profile = category_shares(dataset, ratings, selection)
    names = dataset.role_names
    colours = role_colours(list(names))
    blocks: list = [Paragraph(line(CATEGORY_SENTENCE))]
    if profile.empty or profile.shape[1] == 0:
        blocks.append(Paragraph(line("No skill category matches the filters.")))
        return blocks
    blocks.append(
        Figure(
            "categories",
            category_bars_svg(profile, names, colours, CATEGORY_TITLE, "categories"),
            "The category profile (the numbers, in %, are in the table below).",
        )
    )
    headers = [humanise(category) for category in profile.columns]
    rows = tuple(
        Row(
            (
                names[role_id],
                *(f"{share * 100:.{PERCENT_DECIMALS}f}" for share in profile.loc[role_id]),
            ),
            (_role_ref(dataset, role_id),),
        )
        for role_id in profile.index
    )
    blocks.append(
        Table("categories", ("Role", *headers), rows, caption="Share of the category's maximum (%)")
    )
    return blocks


# --- helpers -----------------------------------------------------------------------------------


def _role_ref(dataset: Dataset, role_id: str) -> RowRef:
    """The role a computed row is about (its numbers are not facts of the role's row)."""
    roles = dataset.roles
    return row_ref("roles", roles[roles[ROLE_ID] == role_id].iloc[0], [NAME], cites=False)


def _cell(value: object) -> str:
    shown = text(value)
    return shown if shown else NOT_HELD
