"""The finder's state: its needs widgets, seeded from the link (or a job post) and written back
to it, and the job post being read.

On the page's first run in a session (or after a dataset switch) the needs come from the link's
`must` and `nice` parameters; after that the widgets lead and the link follows them, so the
address bar always reproduces the ranking. The needs are also kept outside the widgets, since
Streamlit forgets a widget's state once a run leaves its page: coming back restores them.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from dashboard.core.dataset import Dataset
from dashboard.core.job_post import PostError, check_length
from dashboard.core.needs import (
    CERTIFICATION,
    PARAM_MUST,
    PARAM_NICE,
    PARAMS,
    RESPONSIBILITY,
    SKILL,
    Catalogue,
    Need,
    Needs,
    needs_from,
    needs_params,
    parse_needs,
)
from dashboard.core.post_file import post_text
from dashboard.ui import finder_data

# One multiselect per kind and priority.
KEYS = {
    (SKILL, True): "finder_must_skills",
    (SKILL, False): "finder_nice_skills",
    (RESPONSIBILITY, True): "finder_must_responsibilities",
    (RESPONSIBILITY, False): "finder_nice_responsibilities",
    (CERTIFICATION, True): "finder_must_certifications",
    (CERTIFICATION, False): "finder_nice_certifications",
}
LEVEL_PREFIX = "finder_level_"
ANY_LEVEL = 0  # a level box's value for "no level asked": the default threshold applies
KEY_POST_TEXT = "finder_post_text"
KEY_POST_FILE = "finder_post_file"
KEY_READ = "finder_read_post"
KEY_CLEAR_POST = "finder_clear_post"
_SEEDED_FOR = "_finder_seeded_for"
_NEEDS = "_finder_needs"
_POST = "_finder_post"
_POST_ERROR = "_finder_post_error"


def level_key(skill_id: str) -> str:
    """The key of the level box of a chosen skill."""
    return LEVEL_PREFIX + skill_id


def seed(needs: Needs) -> None:
    """Set every needs widget to these needs (before the widgets are drawn in this run)."""
    for (kind, must), key in KEYS.items():
        st.session_state[key] = [
            need.item_id for need in needs.items if need.kind == kind and need.must == must
        ]
    for need in needs.items:
        if need.kind == SKILL:
            st.session_state[level_key(need.item_id)] = need.level or ANY_LEVEL
    st.session_state[_NEEDS] = needs


def prepare(dataset: Dataset, catalogue: Catalogue) -> list[str]:
    """Seed the widgets on the page's first run (from the link) or on coming back to it (from
    the needs kept); the problems found in the link, for the page to show."""
    problems: list[str] = []
    if st.session_state.get(_SEEDED_FOR) != dataset.fingerprint:
        params = {key: st.query_params.get_all(key) for key in PARAMS}
        needs, problems = parse_needs(params[PARAM_MUST], params[PARAM_NICE], catalogue)
        seed(needs)
        st.session_state[_SEEDED_FOR] = dataset.fingerprint
        forget_post()
    elif any(key not in st.session_state for key in KEYS.values()):
        seed(st.session_state.get(_NEEDS, Needs()))
    else:
        # Handed back, so that the browser shows what the server holds even when a rerun
        # reaches it before the widgets have mounted (as in controls._reassert_values).
        for key in KEYS.values():
            st.session_state[key] = st.session_state[key]
    return problems


def chosen(kind: str, must: bool) -> list[str]:
    """The ids chosen in one of the needs widgets."""
    return list(st.session_state.get(KEYS[(kind, must)]) or [])


def current_needs() -> Needs:
    """The needs the widgets hold (a must-have wins over the same item as a nice-to-have)."""
    items = []
    for must in (True, False):
        for kind in (SKILL, RESPONSIBILITY, CERTIFICATION):
            for item_id in chosen(kind, must):
                level = st.session_state.get(level_key(item_id)) if kind == SKILL else None
                items.append(Need(kind, item_id, must, int(level) if level else None))
    needs = needs_from(items)
    st.session_state[_NEEDS] = needs
    return needs


def write_url(needs: Needs) -> None:
    """Make the link's needs parameters match; other parameters are left alone."""
    params = needs_params(needs)
    for key in PARAMS:
        current = st.query_params.get_all(key)
        if key in params and current != [params[key]]:
            st.query_params[key] = params[key]
        elif key not in params and current:
            del st.query_params[key]


def read_post(dataset: Dataset, industry_id: str | None) -> None:
    """Button callback: read the uploaded file (or else the pasted text) and put the needs it
    suggests into the widgets; a post that cannot be read leaves everything as it was."""
    upload = st.session_state.get(KEY_POST_FILE)
    try:
        if upload is not None:
            text = post_text(upload.name, upload.getvalue())
        else:
            text = str(st.session_state.get(KEY_POST_TEXT) or "")
            check_length(text)
        if not text.strip():
            raise PostError("Paste a job post or upload one (.txt, .md or .docx) first.")
        reading = finder_data.reading(dataset, industry_id, text)
    except PostError as error:
        st.session_state[_POST_ERROR] = str(error)
        return
    st.session_state[_POST] = text
    st.session_state.pop(_POST_ERROR, None)
    seed(reading.needs)


def forget_post() -> None:
    """Drop the post being read (the needs stay as they are)."""
    st.session_state.pop(_POST, None)
    st.session_state.pop(_POST_ERROR, None)


def post() -> str | None:
    """The text of the post last read successfully."""
    return st.session_state.get(_POST)


def post_error() -> str | None:
    """Why the last post could not be read."""
    return st.session_state.get(_POST_ERROR)


def item_options(catalogue: Catalogue, kind: str) -> Sequence[str]:
    """A kind's ids, in catalogue order, for a multiselect."""
    return list(catalogue.names[kind])
