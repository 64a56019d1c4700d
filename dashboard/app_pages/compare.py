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
from dashboard.core.views import (
    MAX_SIDE_BY_SIDE,
    cited_sources,
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

page = context.current()
st.title("Roles side by side")
context.require_roles(page, minimum=2)
context.selection_caption(page)
context.industry_notice(page)

show_sources = st.toggle(
    "Show sources",
    key="compare_show_sources",
    help="Add a column with the sources each row cites, and list those sources with links.",
)
# Only the roles shown are compared, so "Differences only" and the cited sources follow the
# columns on screen; the Downloads page compares every selected role.
shown = page.selection.with_roles(page.selection.role_ids[:MAX_SIDE_BY_SIDE])
long, wide = data.comparison_tables(page.dataset, shown)
shown_ids = shown.role_ids
names = page.dataset.role_names
if long.empty:
    if page.selection.differences_only:
        st.info("The selected roles agree on every row: turn off “Differences only” to see them.")
    else:
        st.info("Nothing matches the filters: lower the minimum importance or add categories.")
    st.stop()
if page.selection.differences_only:
    st.caption("Showing only rows on which the selected roles differ.")
if len(page.role_names) > MAX_SIDE_BY_SIDE:
    st.info(
        f"Side by side: the first {MAX_SIDE_BY_SIDE} of the {len(page.role_names):,} selected "
        "roles (more columns cannot be read). The Downloads page has the comparison of all of "
        "them."
        + (
            " “Differences only” keeps the rows on which the roles shown differ."
            if page.selection.differences_only
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
    config[CITED_SOURCES] = st.column_config.TextColumn("Sources", help="Source ids; listed below")
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
        "The rows shown cite no source listed in sources.csv.",
        key="compare_sources",
    )
