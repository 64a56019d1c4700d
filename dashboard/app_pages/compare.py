"""Roles side by side: responsibilities, skills and certifications, one column per role."""

import streamlit as st

from dashboard.core.contract import (
    CITED_SOURCES,
    GROUP,
    ISSUER,
    ITEM,
    PREREQUISITES,
    RATING_RANGE,
    RENEWAL,
    SECTION_CERTIFICATIONS,
    SECTION_RESPONSIBILITIES,
    SECTION_SKILLS,
    SOURCE,
    URL,
    role_column,
)
from dashboard.core.differences import (
    KIND_CERTIFICATION,
    KIND_GAP,
    KIND_ONLY,
    KIND_SAME,
    KIND_SCOPE,
    KIND_SHARED,
    KIND_THIN,
    source_titles,
)
from dashboard.core.side_by_side import fits, section_rows, side_by_side_html
from dashboard.core.text import escape_markdown
from dashboard.core.views import (
    MAX_SIDE_BY_SIDE,
    cited_sources,
    cited_titles,
    section_view,
)
from dashboard.ui import context, data

SECTIONS = {
    SECTION_RESPONSIBILITIES: ("Responsibilities", "Area", "Responsibility"),
    SECTION_SKILLS: ("Skills", "Category", "Skill"),
    SECTION_CERTIFICATIONS: ("Certifications", None, "Certification"),
}
EMPTY = {
    SECTION_RESPONSIBILITIES: "No responsibilities to show for these roles.",
    SECTION_SKILLS: "No skills match the filters: lower the minimum importance or add categories.",
    SECTION_CERTIFICATIONS: "No certifications to show for these roles.",
}

STATEMENT_GROUPS = (
    ("What each role is for", (KIND_SCOPE,)),
    ("What sets them apart", (KIND_ONLY, KIND_CERTIFICATION, KIND_GAP)),
    ("What they have in common", (KIND_SHARED, KIND_SAME)),
    ("Where the evidence is thin", (KIND_THIN,)),
)

page = context.current()
dataset, selection = page.dataset, page.selection
st.title("Roles side by side")
context.require_roles(page, minimum=2)
context.selection_caption(page)

show_sources = st.toggle(
    "Show sources",
    key="compare_show_sources",
    help="Name the sources behind each statement and row, and list them with links.",
)

st.header("Key differences")
st.caption(
    "Stated from the data by fixed rules (the same for every pair of roles), in the chosen "
    "industry; the skill filters do not apply here."
)
statements = data.key_differences_of(dataset, selection)
for heading, kinds in STATEMENT_GROUPS:
    chosen = [item for item in statements if item.kind in kinds]
    if not chosen:
        continue
    st.markdown(f"**{heading}**")
    lines = []
    for item in chosen:
        line = escape_markdown(item.text)
        if show_sources and item.sources:
            titles = "; ".join(source_titles(dataset, item.sources))
            line += " *(Sources: " + escape_markdown(titles) + ")*"
        lines.append(f"- {line}")
    st.markdown("\n".join(lines))

st.header("Side by side")
context.industry_notice(page)
# Only the roles shown are compared, so "Differences only" and the cited sources follow the
# columns on screen; the Downloads page compares every selected role.
shown = selection.with_roles(selection.role_ids[:MAX_SIDE_BY_SIDE])
long, wide = data.comparison_tables(dataset, shown)
shown_ids = shown.role_ids
names = dataset.role_names
if long.empty:
    if selection.differences_only:
        st.info("The selected roles agree on every row: turn off “Differences only” to see them.")
    else:
        st.info("Nothing matches the filters: lower the minimum importance or add categories.")
    st.stop()
if selection.differences_only:
    st.caption("Showing only rows on which the selected roles differ.")

rows_by_section = section_rows(long)
if fits(len(shown_ids), rows_by_section):
    for section in SECTIONS:
        if section not in rows_by_section:
            st.info(
                "The selected roles agree on every row of this section."
                if selection.differences_only
                else EMPTY[section]
            )
    # A few roles read best as a table that fits the screen and wraps its text (one card per
    # role on a phone); every value in it is escaped.
    st.html(side_by_side_html(long, dataset, shown_ids, selection.industry_id, show_sources))
    if show_sources:
        st.subheader("Sources cited above")
        context.sources_table(
            cited_sources(dataset, long[SOURCE]),
            dataset,
            "The rows shown cite no source listed in sources.csv.",
            key="compare_sources",
        )
    st.stop()

if len(page.role_names) > MAX_SIDE_BY_SIDE:
    st.info(
        f"Side by side: the first {MAX_SIDE_BY_SIDE} of the {len(page.role_names):,} selected "
        "roles (more columns cannot be read). The Downloads page has the comparison of all of "
        "them."
        + (
            " “Differences only” keeps the rows on which the roles shown differ."
            if selection.differences_only
            else ""
        )
    )

for section, (title, group_label, item_label) in SECTIONS.items():
    st.subheader(title)
    view = section_view(wide, section, shown_ids, show_sources)
    if view.empty:
        st.info(
            "The selected roles agree on every row here."
            if page.selection.differences_only
            else EMPTY[section]
        )
        continue
    if len(view) > context.LAZY_ROWS:
        st.caption(
            f"{len(view):,} rows: they load in pages as you scroll. The Downloads page has "
            "them all as a CSV file."
        )
    # Pinned, so the row labels stay in view while scrolling across many roles.
    config = {ITEM: st.column_config.TextColumn(item_label, pinned=True)}
    if group_label:
        config[GROUP] = st.column_config.TextColumn(group_label, pinned=True)
    if section == SECTION_SKILLS:
        for role_id in shown_ids:
            config[role_column(role_id)] = st.column_config.ProgressColumn(
                names[role_id],
                min_value=0,
                max_value=RATING_RANGE[1],
                format="%d",
                help="Importance, 1 to 5 (5 = central in several sources)",
            )
    if section == SECTION_CERTIFICATIONS:
        config[ISSUER] = st.column_config.TextColumn("Issuer")
        config[PREREQUISITES] = st.column_config.TextColumn("Prerequisites")
        config[RENEWAL] = st.column_config.TextColumn("Renewal")
        config[URL] = st.column_config.LinkColumn("Link")
        # A blank address must not become a link to nowhere.
        view[URL] = view[URL].where(view[URL] != "", None)
    if show_sources:
        view[CITED_SOURCES] = view[CITED_SOURCES].map(lambda cell: cited_titles(dataset, cell))
    config[CITED_SOURCES] = st.column_config.TextColumn("Sources", help="Listed below, with links")
    context.show_table(
        view,
        page.dataset,
        hide_index=True,
        column_config=config,
        placeholder="—",
        height=context.table_height(len(view)),
        # Past LAZY_ROWS rows the browser gets the rows in pages as it scrolls, not all at once.
        lazy=True,
        key=f"compare_{section}",
    )

if show_sources:
    st.subheader("Sources cited above")
    context.sources_table(
        cited_sources(page.dataset, long[SOURCE]),
        page.dataset,
        "The rows shown cite no source listed in sources.csv.",
        key="compare_sources",
    )
