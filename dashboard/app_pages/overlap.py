"""Skill overlap: six views that follow the sidebar, one tab each, charts with their tables.

Only the open tab runs and draws (`on_change="rerun"`): the browser draws one chart, not five,
before the page is usable, and with thousands of roles selected the server computes one view.
The open tab is in the link (`?overlap_view=...`), so a shared link opens the same view.
"""

from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.core.charts import (
    MAX_TEXT_CELLS,
    RESPONSIBILITY_SIMILARITY_TITLE,
    SKILL_SIMILARITY_TITLE,
    category_bars,
    importance_heatmap,
    overlap_bars,
    prevalence_bars,
    similarity_heatmap,
)
from dashboard.core.comparison import (
    missing_prevalence,
    overlap_summary,
    prevalence_matrix,
    shared_skills,
    skill_holders,
    unique_skills,
)
from dashboard.core.contract import ROLE, ROLE_ID, SIMILARITY
from dashboard.core.permalink import OVERLAP_VIEW, OVERLAP_VIEWS
from dashboard.core.similarity import most_similar_in_row, similarity_table, similarity_words
from dashboard.core.text import escape_markdown
from dashboard.core.views import (
    MAX_HEATMAP_SIDE,
    cap,
    category_shares,
    category_view,
    importance_view,
    overlap_table,
    prevalence_table,
    skill_names,
    unique_view,
)
from dashboard.ui import context, data

# Past this many bars per group a grouped bar chart is unreadable (and colours start to repeat).
MAX_SERIES_ROLES = 16
MOST_SIMILAR_COUNT = 10
JACCARD_SENTENCE = (
    "Similarity is the weighted Jaccard index of two roles' skill ratings: for every skill take "
    "the smaller of the two importance ratings (0 if a role does not rate it, or rates it 1: no "
    "source supports it), add these up, and divide by the sum of the larger ones, so 1 means "
    "identical ratings and 0 no skill in common."
)

page = context.current()
st.title("Skill overlap")
context.require_roles(page, minimum=2)
context.selection_caption(page)
context.industry_notice(page)

dataset, selection = page.dataset, page.selection
ratings = data.ratings(dataset, selection)
names = dataset.role_names
series = cap(selection.role_ids, MAX_SERIES_ROLES)
series_note = (
    f"The charts show the first {MAX_SERIES_ROLES} of the {series.total} selected roles; "
    "the tables show them all."
)


def chart_and_table(
    figure: Callable[[], go.Figure],
    table: Callable[[], pd.DataFrame],
    key: str,
    placeholder: str | None = None,
) -> None:
    """A chart tab and a table tab of the same numbers; only the open one is built.

    placeholder: what the table shows in a cell with no value (e.g. "no data")."""
    chart_tab, table_tab = st.tabs(["Chart", "Table"], key=f"{key}_tabs", on_change="rerun")
    if chart_tab.open:
        with chart_tab:
            st.plotly_chart(figure(), key=f"{key}_chart")
    if table_tab.open:
        with table_tab:
            context.show_table(
                table(),
                dataset,
                hide_index=True,
                lazy=True,
                placeholder=placeholder,
                key=f"{key}_table",
            )


SIMILARITY_BASES = ("Skills", "Responsibilities")
RESPONSIBILITY_SENTENCE = (
    "Responsibility overlap uses the same weighted Jaccard index on the roles' responsibilities, "
    "counting a core responsibility as 2 and a supporting one as 1: shared core duties pull two "
    "roles together most. The skill filters do not apply; the industry does."
)


def similarity_view() -> None:
    """Role x role weighted Jaccard of the selected roles, of their skills or responsibilities."""
    basis = st.segmented_control(
        "Compare the roles by",
        SIMILARITY_BASES,
        default=SIMILARITY_BASES[0],
        key="overlap_similarity_basis",
        help="Skills: importance 1-5. Responsibilities: core 2, supporting 1.",
    )
    by_responsibilities = basis == "Responsibilities"
    st.markdown(RESPONSIBILITY_SENTENCE if by_responsibilities else JACCARD_SENTENCE)
    heat = cap(selection.role_ids, MAX_HEATMAP_SIDE)
    if heat.is_capped:
        st.info(
            f"The heatmap shows the first {MAX_HEATMAP_SIDE} of the {heat.total} selected roles "
            "(a bigger one cannot be drawn or read); the Downloads page has the full matrix."
        )
    heat_selection = selection.with_roles(heat.kept)
    if by_responsibilities:
        matrix = data.responsibility_overlap(dataset, heat_selection)
        title = RESPONSIBILITY_SIMILARITY_TITLE
    else:
        matrix = data.similarity(dataset, heat_selection)
        title = SKILL_SIMILARITY_TITLE
    heat_names = [names[role_id] for role_id in heat.kept]
    if len(heat.kept) == 2:
        # One number needs no heatmap: say it.
        first, second = heat_names
        basis_words = "responsibilities" if by_responsibilities else "skill ratings"
        st.metric(f"Similarity of {first} and {second}", f"{matrix[0, 1]:.2f}")
        st.markdown(
            escape_markdown(
                f"On a scale from 0 (nothing in common) to 1 (identical), the {basis_words} of "
                f"the {first} and the {second} overlap {matrix[0, 1]:.2f}: "
                + similarity_words(float(matrix[0, 1]))
                + "."
            )
        )
        return
    if matrix.size > MAX_TEXT_CELLS:
        st.caption(
            "With this many roles the numbers are left out of the cells: hover to read them."
        )
    chart_and_table(
        lambda: similarity_heatmap(matrix, heat_names, title),
        lambda: similarity_table(matrix, heat.kept, heat_names),
        "similarity",
    )


def most_similar_view() -> None:
    """The roles closest to one role, among every role of the dataset."""
    st.caption(
        "Against every role in the dataset, not only the selected ones (same industry and filters)."
    )
    all_ids = list(names)
    anchor = st.selectbox(
        "Roles most similar to",
        all_ids,
        index=all_ids.index(selection.role_ids[0]),
        format_func=names.get,
        key="overlap_most_similar_role",
    )
    scores = data.similarity_to(dataset, selection, anchor)
    nearest = most_similar_in_row(scores, all_ids, anchor, MOST_SIMILAR_COUNT)
    context.show_table(
        nearest.assign(**{ROLE_ID: nearest[ROLE_ID].map(names)}).rename(columns={ROLE_ID: ROLE}),
        dataset,
        hide_index=True,
        column_config={
            SIMILARITY: st.column_config.ProgressColumn(
                "Similarity", min_value=0.0, max_value=1.0, format="%.2f"
            )
        },
        key="overlap_most_similar",
    )


def shared_and_unique_view() -> None:
    """Per role, skills all roles share, some share, and only it has."""
    if series.is_capped:
        st.caption(series_note)
    holders = skill_holders(ratings, selection.role_ids)
    summary = overlap_summary(holders)
    chart_and_table(
        lambda: overlap_bars(summary[summary[ROLE_ID].isin(series.kept)], names, page.colours),
        lambda: overlap_table(summary, dataset),
        "overlap",
    )
    shared = skill_names(dataset, shared_skills(holders))
    st.markdown(
        f"**Skills all {len(selection.role_ids)} roles share ({len(shared)}):** "
        + (escape_markdown(", ".join(shared)) if shared else "none, with these filters.")
    )
    st.markdown("**Skills unique to each role**")
    context.show_table(
        unique_view(dataset, unique_skills(holders), selection.role_ids),
        dataset,
        hide_index=True,
        lazy=True,
        key="overlap_unique",
    )


def importance_matrix_view() -> None:
    """Skill x role importance of the selected roles."""
    heat = cap(selection.role_ids, MAX_HEATMAP_SIDE)
    matrix_view, skill_total = importance_view(dataset, ratings, heat.kept, MAX_HEATMAP_SIDE)
    if heat.is_capped:
        st.info(
            f"The matrix shows the first {MAX_HEATMAP_SIDE} of the {heat.total} selected roles; "
            "the Downloads page has them all."
        )
    if skill_total > MAX_HEATMAP_SIDE:
        st.info(
            f"The matrix shows the {MAX_HEATMAP_SIDE} skills with the highest total importance of "
            f"the {skill_total} rated (so does the table); the Downloads page has them all."
        )
    heat_names = [names[role_id] for role_id in heat.kept]
    chart_and_table(
        lambda: importance_heatmap(matrix_view, heat_names),
        matrix_view.reset_index,
        "importance",
        placeholder="not rated",
    )


def categories_view() -> None:
    """Each role's share of each skill category's maximum importance."""
    if series.is_capped:
        st.caption(series_note)
    profile = category_shares(dataset, ratings, selection)
    st.caption(
        "Each bar is the role's total importance in the category as a share of the most it could "
        "be (every skill of the category rated 5)."
    )
    chart_and_table(
        lambda: category_bars(profile.loc[list(series.kept)], names, page.colours),
        lambda: category_view(profile, dataset),
        "categories",
    )


def industries_view() -> None:
    """How common each role is in each industry."""
    prevalence = prevalence_matrix(dataset, selection.role_ids)
    if prevalence.empty or prevalence.isna().all().all():
        st.info("The dataset rates the prevalence of none of these roles in any industry.")
        return
    if series.is_capped:
        st.caption(series_note)
    missing = missing_prevalence(prevalence, dataset)
    if missing:
        st.caption(
            escape_markdown(
                "No data (no source speaks of the role in the industry, so nothing is drawn): "
                + "; ".join(
                    f"{names[role_id]}: {', '.join(industries)}"
                    for role_id, industries in missing.items()
                )
                + "."
            )
        )
    kept = list(series.kept)
    chart_and_table(
        lambda: prevalence_bars(prevalence.loc[kept], names, dataset.industry_names, page.colours),
        lambda: prevalence_table(prevalence, dataset),
        "prevalence",
        placeholder="no data",
    )


# Each view, and whether it needs skill ratings (prevalence by industry does not).
DRAW = dict(
    zip(
        OVERLAP_VIEWS,
        (
            (similarity_view, True),
            (most_similar_view, True),
            (shared_and_unique_view, True),
            (importance_matrix_view, True),
            (categories_view, True),
            (industries_view, False),
        ),
        strict=True,
    )
)
tabs = st.tabs(OVERLAP_VIEWS, key=OVERLAP_VIEW, on_change="rerun", bind="query-params")
for view, tab in zip(OVERLAP_VIEWS, tabs, strict=True):
    if tab.open:
        draw, needs_ratings = DRAW[view]
        with tab:
            if needs_ratings and ratings.empty:
                st.info(
                    "No skill ratings match the filters: lower the minimum importance or add "
                    "categories."
                )
            else:
                draw()
