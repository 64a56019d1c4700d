"""The finder's cached computations: the per-industry pivot, the post reader's index, a post's
reading and a ranking, each keyed on the dataset's fingerprint (see dashboard/ui/data.py).
"""

from __future__ import annotations

import hashlib

import streamlit as st

from dashboard.core.dataset import Dataset
from dashboard.core.fit import Holdings, Ranking, holdings, rank_roles
from dashboard.core.job_post import PostIndex, PostReading, build_index, read_post
from dashboard.core.needs import Needs
from dashboard.ui.data import COMPUTED_TTL


# Resources: shared read-only by every session (sparse matrices and a fitted vectorizer), one
# per dataset and industry, never copied per session.
@st.cache_resource(show_spinner=False, max_entries=16, ttl=COMPUTED_TTL)
def _holdings(_dataset: Dataset, fingerprint: str, industry_id: str | None) -> Holdings:
    return holdings(_dataset, industry_id)


def industry_holdings(dataset: Dataset, industry_id: str | None) -> Holdings:
    """What every role holds in the industry, pivoted once per dataset and industry."""
    return _holdings(dataset, dataset.fingerprint, industry_id)


@st.cache_resource(show_spinner="Preparing the job-post reader…", max_entries=4, ttl=COMPUTED_TTL)
def _post_index(_dataset: Dataset, fingerprint: str) -> PostIndex:
    return build_index(_dataset)


def post_index(dataset: Dataset) -> PostIndex:
    """The dataset's catalogue, ready to read posts against (built on the first post read)."""
    return _post_index(dataset, dataset.fingerprint)


@st.cache_data(show_spinner=False, max_entries=64, ttl=COMPUTED_TTL)
def _ranking(
    _dataset: Dataset, fingerprint: str, industry_id: str | None, key: str, _needs: Needs
) -> Ranking:
    return rank_roles(industry_holdings(_dataset, industry_id), _needs)


def ranking(dataset: Dataset, industry_id: str | None, needs: Needs) -> Ranking:
    """Every role ranked by fit to the needs in the industry."""
    return _ranking(dataset, dataset.fingerprint, industry_id, needs.digest(), needs)


def text_digest(text: str) -> str:
    """A short digest of a post's text: its cache key, so the text itself is never hashed."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


@st.cache_data(show_spinner="Reading the post…", max_entries=32, ttl=COMPUTED_TTL)
def _reading(
    _dataset: Dataset, fingerprint: str, industry_id: str | None, key: str, _text: str
) -> PostReading:
    held = industry_holdings(_dataset, industry_id)
    return read_post(_text, post_index(_dataset), held, _dataset)


def reading(dataset: Dataset, industry_id: str | None, text: str) -> PostReading:
    """What the reader makes of a post in the industry (raises PostError for one too long)."""
    return _reading(dataset, dataset.fingerprint, industry_id, text_digest(text), text)
