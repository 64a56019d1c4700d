"""What every page needs this run (dataset, selection, colours), and the shared empty states."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from dashboard.core.charts import role_colours
from dashboard.core.comparison import Selection
from dashboard.core.contract import LOCAL_COPY, SOURCE_ID, URL
from dashboard.core.dataset import Dataset
from dashboard.core.text import escape_markdown, humanise, listed
from dashboard.core.views import (
    industry_specific_rows,
    roles_without_industry_rows,
    screen_headers,
)

_KEY = "_page_context"
# Rows a table shows before it scrolls, and Streamlit's row and header heights in pixels.
VISIBLE_ROWS = 20
_ROW_PX = 35
_HEADER_PX = 38
# Tables longer than this reach the browser in pages as it scrolls (st.dataframe's lazy=True,
# which sends shorter tables whole).
LAZY_ROWS = 1_000


@dataclass(frozen=True)
class PageContext:
    """The dataset and selection of the current run, as the entrypoint resolved them."""

    dataset: Dataset
    selection: Selection
    colours: dict[str, str]

    @property
    def role_names(self) -> list[str]:
        """Display names of the selected roles, in selection order."""
        names = self.dataset.role_names
        return [names[role_id] for role_id in self.selection.role_ids]

    @property
    def industry_name(self) -> str | None:
        """Display name of the chosen industry (None: all industries)."""
        industry_id = self.selection.industry_id
        return self.dataset.industry_names.get(industry_id) if industry_id else None


def publish(dataset: Dataset, selection: Selection) -> PageContext:
    """Make this run's context available to the page (session state is per browser session)."""
    context = PageContext(dataset, selection, role_colours(list(dataset.role_names)))
    st.session_state[_KEY] = context
    return context


def current() -> PageContext:
    """The context the entrypoint published for this run."""
    return st.session_state[_KEY]


def table_height(rows: int) -> int:
    """A table height that shows up to VISIBLE_ROWS rows without an inner scroll bar."""
    return _HEADER_PX + _ROW_PX * max(1, min(rows, VISIBLE_ROWS)) + 2


def require_roles(context: PageContext, minimum: int) -> None:
    """Stop the page with a friendly message unless enough roles are selected."""
    count = len(context.selection.role_ids)
    if count >= minimum:
        return
    if minimum == 1:
        st.info("Choose at least one role in the sidebar to see its profile.")
    else:
        chosen = "no role" if count == 0 else "one role"
        st.info(
            f"Choose at least {minimum} roles in the sidebar to compare them "
            f"(you have chosen {chosen})."
        )
    st.stop()


def selection_caption(context: PageContext) -> None:
    """One line saying which industry and filters the page reflects."""
    selection = context.selection
    industry = context.industry_name or "all industries"
    categories = (
        ", ".join(humanise(category) for category in selection.categories)
        if selection.categories
        else "all"
    )
    st.caption(
        escape_markdown(
            f"Industry: {industry} · skill categories: {categories} · "
            f"minimum importance: {selection.min_importance}"
        )
    )


def industry_notice(context: PageContext) -> None:
    """Say so when the chosen industry changes nothing for the selected roles."""
    selection = context.selection
    if not selection.industry_id:
        return
    if industry_specific_rows(context.dataset, selection.role_ids, selection.industry_id) == 0:
        st.info(
            escape_markdown(
                f"{context.industry_name} has no industry-specific ratings for these roles, "
                "so the general picture (all industries) is shown."
            )
        )
        return
    silent = roles_without_industry_rows(context.dataset, selection.role_ids, selection.industry_id)
    if silent:
        names = [context.dataset.role_names[role_id] for role_id in silent]
        st.info(
            escape_markdown(
                f"{context.industry_name}: no industry-specific values for "
                f"{listed(names)}, so {'its' if len(names) == 1 else 'their'} general "
                "values are shown. Values marked “"
                f"{context.industry_name}-specific” come from {context.industry_name} rows."
            )
        )


def show_table(
    frame: pd.DataFrame,
    dataset: Dataset,
    *,
    key: str,
    column_config: Mapping[str, Any] | None = None,
    **options: Any,
) -> None:
    """st.dataframe with the headers people read: a role's, industry's or category's column by
    its name (the frame keys them apart from its own columns; see contract.role_column), the
    table's own columns capitalised (views.screen_headers); column_config may say more."""
    labels = screen_headers(frame.columns, dataset)
    config: dict[str, Any] = {column: label for column, label in labels.items() if column != label}
    config.update(column_config or {})
    st.dataframe(frame, key=key, column_config=config, **options)


# Shown on demand only: people read sources by title; the ids and file paths are for editors.
SOURCE_DETAIL_COLUMNS = (SOURCE_ID, LOCAL_COPY)


def sources_table(
    sources: pd.DataFrame,
    dataset: Dataset,
    empty_message: str,
    key: str,
    quiet: bool = False,
    with_ids: bool = False,
) -> None:
    """A table of sources by title with clickable links, or a note (caption if quiet) when there
    are none; with_ids adds each source's id and local copy."""
    if sources.empty:
        (st.caption if quiet else st.info)(empty_message)
        return
    shown = [c for c in sources.columns if with_ids or c not in SOURCE_DETAIL_COLUMNS]
    show_table(
        sources,
        dataset,
        hide_index=True,
        column_config={URL: st.column_config.LinkColumn("Link")},
        column_order=shown,
        placeholder="—",
        lazy=True,
        key=key,
    )
