"""The selection as URL query parameters and back: shareable links that never crash the app.

Format: ``roles=a,b&industry=x&categories=c,d&min=3&diff=1``. ``roles=*`` stands for every role
(short links at O*NET scale). Parsing never raises: whatever cannot be used is dropped and
named in a notice, so the person who opened the link knows what they are not seeing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from dashboard.core.comparison import Selection
from dashboard.core.contract import CATEGORY, RATING_RANGE
from dashboard.core.dataset import Dataset
from dashboard.core.needs import PARAMS as NEED_PARAMS

PARAM_ROLES = "roles"
PARAM_INDUSTRY = "industry"
PARAM_CATEGORIES = "categories"
PARAM_MIN_IMPORTANCE = "min"
PARAM_DIFFERENCES = "diff"
KEYS = (PARAM_ROLES, PARAM_INDUSTRY, PARAM_CATEGORIES, PARAM_MIN_IMPORTANCE, PARAM_DIFFERENCES)
# The Overlap page's views, one tab each, in tab order (the first opens by default). The tabs
# are bound to the link parameter OVERLAP_VIEW, so a shared link opens the same view.
OVERLAP_VIEWS = (
    "Similarity",
    "Most similar",
    "Shared and unique",
    "Importance",
    "Categories",
    "Industries",
)
OVERLAP_VIEW = "overlap_view"
# Says the view was of a session's upload, which only that session (on that server process)
# holds: a link opened anywhere else can then say the upload must be repeated.
PARAM_DATASET = "dataset"
UPLOADED = "upload"
# Link parameters a page owns (the Overlap tab, the finder's needs) or that say where the data
# came from: known, but not the selection.
PAGE_KEYS = (OVERLAP_VIEW, PARAM_DATASET, *NEED_PARAMS)
ALL_ROLES = "*"
SEPARATOR = ","
_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})
# A notice quotes at most this many ignored values; a hostile link could hold thousands.
_MAX_QUOTED = 5
_MAX_QUOTED_CHARS = 40


@dataclass(frozen=True)
class Choices:
    """What a link may choose from in one dataset, and what it gets when it chooses nothing."""

    role_ids: tuple[str, ...]
    default_role_ids: tuple[str, ...]
    industry_ids: tuple[str, ...]
    categories: tuple[str, ...]


def choices_for(dataset: Dataset) -> Choices:
    """The roles, industries and skill categories a dataset offers, in file order."""
    return Choices(
        role_ids=tuple(dataset.role_names),
        default_role_ids=dataset.default_role_ids,
        industry_ids=tuple(dataset.industry_names),
        categories=tuple(dict.fromkeys(dataset.skills[CATEGORY])),
    )


def default_selection(choices: Choices) -> Selection:
    """The view before anyone chooses: the default roles, all industries, no filters."""
    return Selection(role_ids=choices.default_role_ids)


def parse_selection(
    params: Mapping[str, str | Sequence[str]], choices: Choices
) -> tuple[Selection, list[str]]:
    """The selection a link asks for, and a notice for each part of it that was ignored."""
    notices: list[str] = []
    unknown_keys = [key for key in params if key not in KEYS and key not in PAGE_KEYS]
    if unknown_keys:
        notices.append(f"Ignored unknown link parameter(s): {_quote(unknown_keys)}.")

    role_ids = choices.default_role_ids
    if PARAM_ROLES in params:
        role_ids = _parse_roles(_values(params[PARAM_ROLES]), choices, notices)

    industry_id = None
    if PARAM_INDUSTRY in params:
        wanted = _last(params[PARAM_INDUSTRY])
        if wanted in choices.industry_ids:
            industry_id = wanted
        elif wanted:
            notices.append(
                f"Ignored the industry {_quote([wanted])} from the link: this dataset has no "
                "such industry, so all industries are shown."
            )

    categories: tuple[str, ...] = ()
    if PARAM_CATEGORIES in params:
        asked = _values(params[PARAM_CATEGORIES])
        categories = tuple(c for c in asked if c in choices.categories)
        unknown = [c for c in asked if c not in choices.categories]
        if unknown:
            notices.append(f"Ignored unknown skill categories from the link: {_quote(unknown)}.")

    min_importance = RATING_RANGE[0]
    if PARAM_MIN_IMPORTANCE in params:
        raw = _last(params[PARAM_MIN_IMPORTANCE])
        low, high = RATING_RANGE
        if raw.isascii() and raw.isdigit() and low <= int(raw) <= high:
            min_importance = int(raw)
        else:
            notices.append(
                f"Ignored the minimum importance {_quote([raw])} from the link: it must be a "
                f"whole number from {low} to {high}, so {low} is used."
            )

    differences_only = False
    if PARAM_DIFFERENCES in params:
        raw = _last(params[PARAM_DIFFERENCES]).lower()
        if raw in _TRUE:
            differences_only = True
        elif raw not in _FALSE:
            notices.append(
                f"Ignored the differences setting {_quote([raw])} from the link: use 1 or 0."
            )

    selection = Selection(
        role_ids=role_ids,
        industry_id=industry_id,
        categories=categories,
        min_importance=min_importance,
        differences_only=differences_only,
    )
    return selection, notices


def to_params(selection: Selection, choices: Choices) -> dict[str, str]:
    """The query parameters that restore a selection (filters at their defaults are left out)."""
    roles = selection.role_ids
    all_chosen = len(roles) == len(choices.role_ids) and set(roles) == set(choices.role_ids)
    # "*" only when the order is the dataset's too, so that the link restores the exact order.
    in_file_order = all_chosen and roles == choices.role_ids
    params = {PARAM_ROLES: ALL_ROLES if in_file_order else SEPARATOR.join(roles)}
    if selection.industry_id:
        params[PARAM_INDUSTRY] = selection.industry_id
    if selection.categories:
        params[PARAM_CATEGORIES] = SEPARATOR.join(selection.categories)
    if selection.min_importance != RATING_RANGE[0]:
        params[PARAM_MIN_IMPORTANCE] = str(selection.min_importance)
    if selection.differences_only:
        params[PARAM_DIFFERENCES] = "1"
    return params


def _parse_roles(asked: list[str], choices: Choices, notices: list[str]) -> tuple[str, ...]:
    if asked == [ALL_ROLES]:
        return choices.role_ids
    known = set(choices.role_ids)
    # Ids are lower-case by contract; a link typed by hand may not be.
    normalised = list(dict.fromkeys(value.lower() for value in asked))
    role_ids = tuple(value for value in normalised if value in known)
    unknown = [value for value in normalised if value not in known]
    if unknown:
        notices.append(f"Ignored unknown roles from the link: {_quote(unknown)}.")
        if not role_ids:
            notices.append("None of the link's roles is in this dataset: showing the defaults.")
            return choices.default_role_ids
    return role_ids


def _values(raw: str | Sequence[str]) -> list[str]:
    """Comma-separated values of a parameter (repeated parameters are joined), blanks dropped."""
    parts = [raw] if isinstance(raw, str) else list(raw)
    values = [value.strip() for part in parts for value in str(part).split(SEPARATOR)]
    return list(dict.fromkeys(value for value in values if value))


def _last(raw: str | Sequence[str]) -> str:
    """A single-valued parameter: the last one given wins, as in Streamlit's own query params."""
    if isinstance(raw, str):
        return raw.strip()
    return str(raw[-1]).strip() if len(raw) else ""


def _quote(values: Sequence[str]) -> str:
    """Values quoted for a notice, shortened so a hostile link cannot flood the page."""
    shown = [
        f"“{value[:_MAX_QUOTED_CHARS]}{'…' if len(value) > _MAX_QUOTED_CHARS else ''}”"
        for value in values[:_MAX_QUOTED]
    ]
    more = len(values) - _MAX_QUOTED
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")
