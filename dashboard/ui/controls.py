"""The shared sidebar: what to compare, seeded from the URL and written back to it.

On the first run of a session (or when the session's dataset changes) the widgets' session
state is seeded from the link's query parameters; after that the widgets lead and the URL
follows them, so the address bar is always a shareable link to the current view.
"""

from __future__ import annotations

import streamlit as st

from dashboard.core.comparison import Selection
from dashboard.core.contract import ALL_INDUSTRIES, RATING_RANGE
from dashboard.core.dataset import Dataset
from dashboard.core.permalink import (
    KEYS,
    Choices,
    choices_for,
    default_selection,
    parse_selection,
    to_params,
)
from dashboard.core.text import humanise

KEY_ROLES = "selection_roles"
KEY_INDUSTRY = "selection_industry"
KEY_CATEGORIES = "selection_categories"
KEY_MIN_IMPORTANCE = "selection_min_importance"
KEY_DIFFERENCES = "selection_differences_only"
WIDGET_KEYS = (KEY_ROLES, KEY_INDUSTRY, KEY_CATEGORIES, KEY_MIN_IMPORTANCE, KEY_DIFFERENCES)
# The fingerprint of the dataset the widgets were last seeded for.
_SEEDED_FOR = "_selection_seeded_for"
ALL_INDUSTRIES_LABEL = "All industries"
IMPORTANCE_LEVELS = tuple(range(RATING_RANGE[0], RATING_RANGE[1] + 1))


def seed(selection: Selection) -> None:
    """Set every sidebar widget to a selection (before the widgets are drawn in this run)."""
    st.session_state[KEY_ROLES] = list(selection.role_ids)
    st.session_state[KEY_INDUSTRY] = selection.industry_id or ALL_INDUSTRIES
    st.session_state[KEY_CATEGORIES] = list(selection.categories)
    st.session_state[KEY_MIN_IMPORTANCE] = selection.min_importance
    st.session_state[KEY_DIFFERENCES] = selection.differences_only


def _seed_once(dataset: Dataset, choices: Choices) -> list[str]:
    """Seed the widgets on a session's first run (from the URL) or after a dataset switch."""
    seeded_for = st.session_state.get(_SEEDED_FOR)
    if seeded_for == dataset.fingerprint:
        return []
    notices: list[str] = []
    if seeded_for is None:
        params = {key: st.query_params.get_all(key) for key in st.query_params}
        selection, notices = parse_selection(params, choices)
    else:
        # Another dataset in the same session (an upload, or back to the shipped one): its own
        # defaults.
        selection = default_selection(choices)
    seed(selection)
    st.session_state[_SEEDED_FOR] = dataset.fingerprint
    return notices


def _reassert_values() -> None:
    """Hand each widget its current value again, so the browser shows what the server holds.

    The browser registers a seeded value only once the widget has mounted. A rerun sent before
    that (a click on a tab a moment after the page loads) arrives without the widgets' values;
    the server keeps them, but unless they are set again the browser falls back to the
    widgets' empty defaults, and the next interaction would send those back.
    """
    for key in WIDGET_KEYS:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


# What each page's sidebar offers, by the page's url_path ("" is the home page): a page shows
# only the filters that change it. Pages missing here show none.
PAGE_CONTROLS: dict[str, frozenset[str]] = {
    "": frozenset(WIDGET_KEYS),
    "profiles": frozenset({KEY_ROLES}),
    # The finder ranks every role of the dataset, in the chosen industry.
    "finder": frozenset({KEY_INDUSTRY}),
    "overlap": frozenset({KEY_ROLES, KEY_INDUSTRY, KEY_CATEGORIES, KEY_MIN_IMPORTANCE}),
    "downloads": frozenset(WIDGET_KEYS),
}


def sidebar(dataset: Dataset, url_path: str = "") -> tuple[Selection, list[str]]:
    """Draw the selection widgets the page uses in the sidebar; return the selection (the
    other widgets' values kept from the session) and any link notices."""
    choices = choices_for(dataset)
    notices = _seed_once(dataset, choices)
    _reassert_values()
    shown = PAGE_CONTROLS.get(url_path, frozenset())
    role_names = dataset.role_names
    industry_names = dataset.industry_names
    state = st.session_state
    with st.sidebar:
        if shown:
            st.header("What to compare")
        if KEY_ROLES in shown:
            st.multiselect(
                "Roles",
                options=choices.role_ids,
                format_func=role_names.__getitem__,
                key=KEY_ROLES,
                placeholder="Type to search roles",
                help="Choose two or more roles. The list is searchable: start typing a name.",
                wrap=True,
            )
        if KEY_INDUSTRY in shown:
            st.selectbox(
                "Industry",
                options=(ALL_INDUSTRIES, *choices.industry_ids),
                format_func=lambda value: industry_names.get(value, ALL_INDUSTRIES_LABEL),
                key=KEY_INDUSTRY,
                help="In an industry, its own ratings replace the general ones where it has any.",
            )
        if KEY_CATEGORIES in shown:
            st.multiselect(
                "Skill categories",
                options=choices.categories,
                format_func=humanise,
                key=KEY_CATEGORIES,
                placeholder="All categories",
                help="Leave empty to include every category.",
                wrap=True,
            )
        if KEY_MIN_IMPORTANCE in shown:
            # A row of radio buttons, not a slider: Streamlit's slider announces its label
            # twice to screen readers; a radio group says it once, then the level chosen.
            st.radio(
                "Minimum importance",
                options=IMPORTANCE_LEVELS,
                horizontal=True,
                key=KEY_MIN_IMPORTANCE,
                help="Hide skills rated below this level (1 = no evidence, 5 = central in "
                "two or more kinds of source).",
            )
        if KEY_DIFFERENCES in shown:
            st.toggle(
                "Differences only",
                key=KEY_DIFFERENCES,
                help="Compare page and downloads: hide rows on which all selected roles agree.",
            )
    selection = Selection(
        role_ids=tuple(state[KEY_ROLES]),
        industry_id=state[KEY_INDUSTRY] or None,
        categories=tuple(state[KEY_CATEGORIES]),
        min_importance=int(state[KEY_MIN_IMPORTANCE]),
        differences_only=bool(state[KEY_DIFFERENCES]),
    )
    _write_url(to_params(selection, choices))
    return selection, notices


def _write_url(params: dict[str, str]) -> None:
    """Make the URL's selection parameters match; other parameters are left alone."""
    current = {key: st.query_params.get_all(key) for key in KEYS if key in st.query_params}
    if current == {key: [value] for key, value in params.items()}:
        return
    for key in KEYS:
        if key in params:
            st.query_params[key] = params[key]
        elif key in st.query_params:
            del st.query_params[key]
