"""Roles side by side: the tidy comparison, its wide form, and the overlap of skill sets."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import pandas as pd

from dashboard.core.columns import (
    AREA,
    CATEGORY,
    CERT_ID,
    EMPHASIS,
    GROUP,
    IMPORTANCE,
    INDUSTRY_ID,
    ITEM,
    ITEM_ID,
    NAME,
    PREVALENCE,
    RELEVANCE,
    RESPONSIBILITY,
    ROLE,
    ROLE_ID,
    SECTION,
    SECTION_CERTIFICATIONS,
    SECTION_RESPONSIBILITIES,
    SECTION_SKILLS,
    SHARED,
    SKILL_ID,
    SOURCE,
    SOURCE_SEPARATOR,
    UNIQUE,
    VALUE,
)
from dashboard.core.dataset import Dataset
from dashboard.core.selection import (
    effective_responsibilities,
    effective_role_certifications,
    effective_role_skills,
)
from dashboard.core.similarity import similarity_matrix

# The tidy comparison: one row per (item, role).
LONG_COLUMNS = (SECTION, GROUP, ITEM_ID, ITEM, ROLE_ID, ROLE, VALUE, INDUSTRY_ID, SOURCE)
CERT_DETAILS = ("issuer", "prerequisites", "renewal", "url")
SOURCES = "sources"
SECTIONS = (SECTION_RESPONSIBILITIES, SECTION_SKILLS, SECTION_CERTIFICATIONS)


@dataclass(frozen=True)
class Selection:
    """What the user chose to compare; the same on every page."""

    role_ids: tuple[str, ...]
    industry_id: str | None = None
    categories: tuple[str, ...] = field(default=())  # empty: every category
    min_importance: int = 1
    differences_only: bool = False

    def with_roles(self, role_ids: Sequence[str]) -> Selection:
        """The same filters for other roles."""
        return replace(self, role_ids=tuple(role_ids))


def filtered_ratings(dataset: Dataset, selection: Selection) -> pd.DataFrame:
    """Effective ratings of the selected roles that pass the category and importance filters."""
    ratings = effective_role_skills(dataset, selection.role_ids, selection.industry_id)
    ratings = ratings[ratings[IMPORTANCE] >= selection.min_importance]
    if selection.categories:
        in_categories = dataset.skills.loc[
            dataset.skills[CATEGORY].isin(selection.categories), SKILL_ID
        ]
        ratings = ratings[ratings[SKILL_ID].isin(in_categories)]
    return ratings


def _skills_long(dataset: Dataset, selection: Selection) -> pd.DataFrame:
    ratings = filtered_ratings(dataset, selection)
    skills = dataset.skills.set_index(SKILL_ID)
    return pd.DataFrame(
        {
            SECTION: SECTION_SKILLS,
            GROUP: ratings[SKILL_ID].map(skills[CATEGORY]).to_numpy(),
            ITEM_ID: ratings[SKILL_ID].to_numpy(),
            ITEM: ratings[SKILL_ID].map(skills[NAME]).to_numpy(),
            ROLE_ID: ratings[ROLE_ID].to_numpy(),
            VALUE: ratings[IMPORTANCE].to_numpy(),
            INDUSTRY_ID: ratings[INDUSTRY_ID].to_numpy(),
            SOURCE: ratings[SOURCE].to_numpy(),
        }
    )


def _certifications_long(dataset: Dataset, selection: Selection) -> pd.DataFrame:
    rows = effective_role_certifications(dataset, selection.role_ids, selection.industry_id)
    catalogue = dataset.certifications.set_index(CERT_ID)
    return pd.DataFrame(
        {
            SECTION: SECTION_CERTIFICATIONS,
            GROUP: rows[CERT_ID].map(catalogue["issuer"]).fillna("").to_numpy(),
            ITEM_ID: rows[CERT_ID].to_numpy(),
            ITEM: rows[CERT_ID].map(catalogue[NAME]).to_numpy(),
            ROLE_ID: rows[ROLE_ID].to_numpy(),
            VALUE: rows[RELEVANCE].to_numpy(),
            INDUSTRY_ID: rows[INDUSTRY_ID].to_numpy(),
            SOURCE: rows[SOURCE].to_numpy(),
        }
    )


def _responsibilities_long(dataset: Dataset, selection: Selection) -> pd.DataFrame:
    rows = effective_responsibilities(dataset, selection.role_ids, selection.industry_id)
    # The same wording for two roles is the same duty: key items by their text.
    return pd.DataFrame(
        {
            SECTION: SECTION_RESPONSIBILITIES,
            GROUP: rows[AREA].to_numpy(),
            ITEM_ID: rows[RESPONSIBILITY].str.casefold().to_numpy(),
            ITEM: rows[RESPONSIBILITY].to_numpy(),
            ROLE_ID: rows[ROLE_ID].to_numpy(),
            VALUE: rows[EMPHASIS].to_numpy(),
            INDUSTRY_ID: rows[INDUSTRY_ID].to_numpy(),
            SOURCE: rows[SOURCE].to_numpy(),
        }
    )


def comparison_long(dataset: Dataset, selection: Selection) -> pd.DataFrame:
    """The tidy comparison: one row per (section, item, role), filters and industry applied."""
    parts = [
        _responsibilities_long(dataset, selection),
        _skills_long(dataset, selection),
        _certifications_long(dataset, selection),
    ]
    long = pd.concat(parts, ignore_index=True)
    long[ROLE] = long[ROLE_ID].map(dataset.role_names)
    long = long[list(LONG_COLUMNS)]
    if selection.differences_only:
        long = _differences(long, selection.role_ids)
    order = {role_id: i for i, role_id in enumerate(selection.role_ids)}
    long = long.assign(_section=long[SECTION].map(SECTIONS.index), _role=long[ROLE_ID].map(order))
    long = long.sort_values(["_section", GROUP, ITEM, "_role"], kind="stable")
    return long.drop(columns=["_section", "_role"]).reset_index(drop=True)


def _differences(long: pd.DataFrame, role_ids: Sequence[str]) -> pd.DataFrame:
    """Drop items on which every selected role has the same value (absent counts as a value)."""
    values = long.pivot_table(
        index=[SECTION, ITEM_ID], columns=ROLE_ID, values=VALUE, aggfunc="first"
    )
    values = values.reindex(columns=list(role_ids)).astype(object).fillna("")
    agree = values.nunique(axis=1, dropna=False) <= 1
    agreed = set(values.index[agree])
    keep = [key not in agreed for key in zip(long[SECTION], long[ITEM_ID], strict=True)]
    return long[keep]


def comparison_wide(long: pd.DataFrame, dataset: Dataset, role_ids: Sequence[str]) -> pd.DataFrame:
    """One row per item, one column per role (its value), plus details and all cited sources."""
    role_names = dataset.role_names
    names = [role_names[role_id] for role_id in role_ids]
    if long.empty:
        return pd.DataFrame(columns=[SECTION, GROUP, ITEM, *names, *CERT_DETAILS, SOURCES])
    key = [SECTION, GROUP, ITEM_ID, ITEM]
    wide = long.pivot_table(index=key, columns=ROLE, values=VALUE, aggfunc="first", sort=False)
    wide = wide.reindex(columns=names).reset_index()
    wide.columns.name = None
    # Keep the tidy table's order (pivot_table groups its index its own way).
    first_seen = long.drop_duplicates([SECTION, ITEM_ID]).reset_index(drop=True)
    keys = zip(first_seen[SECTION], first_seen[ITEM_ID], strict=True)
    position = {key: i for i, key in enumerate(keys)}
    wide["_order"] = [position[key] for key in zip(wide[SECTION], wide[ITEM_ID], strict=True)]
    wide = wide.sort_values("_order").drop(columns="_order").reset_index(drop=True)
    for name in names:
        wide[name] = wide[name].astype(object).where(wide[name].notna(), "")
    cited = long.groupby([SECTION, ITEM_ID], sort=False)[SOURCE].agg(_join_sources)
    wide[SOURCES] = [cited[(s, i)] for s, i in zip(wide[SECTION], wide[ITEM_ID], strict=True)]
    catalogue = dataset.certifications.set_index(CERT_ID)
    is_cert = wide[SECTION] == SECTION_CERTIFICATIONS
    for detail in CERT_DETAILS:
        wide[detail] = wide[ITEM_ID].map(catalogue[detail]).where(is_cert, "").fillna("")
    return wide[[SECTION, GROUP, ITEM_ID, ITEM, *names, *CERT_DETAILS, SOURCES]]


def _join_sources(cells: pd.Series) -> str:
    """The distinct source ids cited across cells, in first-seen order."""
    seen: dict[str, None] = {}
    for cell in cells:
        for part in str(cell).split(SOURCE_SEPARATOR):
            if part.strip():
                seen[part.strip()] = None
    return SOURCE_SEPARATOR.join(seen)


def _holders(ratings: pd.DataFrame, role_ids: Sequence[str]) -> pd.DataFrame:
    """The selected roles' (role, skill) rows, each with how many selected roles rate the skill.

    Counting once per skill keeps shared/unique linear in the ratings; comparing every role's
    set with the union of all the others grows with the square of the roles.
    """
    rows = ratings.loc[ratings[ROLE_ID].isin(role_ids), [ROLE_ID, SKILL_ID]].drop_duplicates()
    return rows.assign(holders=rows.groupby(SKILL_ID)[ROLE_ID].transform("size"))


def overlap_summary(ratings: pd.DataFrame, role_ids: Sequence[str]) -> pd.DataFrame:
    """Per role: skills shared by all selected roles, shared with some, and unique to it."""
    rows = _holders(ratings, role_ids)
    everyone = len(role_ids)
    shared_by_all = rows.loc[rows["holders"] == everyone, SKILL_ID].nunique()
    holders = rows["holders"]
    counts = {
        UNIQUE: rows[holders == 1],
        "shared_with_some": rows[(holders > 1) & (holders < everyone)],
        "total": rows,
    }
    summary = pd.DataFrame({ROLE_ID: list(role_ids)})
    summary[SHARED] = shared_by_all
    for column, subset in counts.items():
        per_role = subset.groupby(ROLE_ID).size()
        summary[column] = summary[ROLE_ID].map(per_role).fillna(0).astype("int64")
    return summary[[ROLE_ID, SHARED, "shared_with_some", UNIQUE, "total"]]


def shared_skills(ratings: pd.DataFrame, role_ids: Sequence[str]) -> frozenset[str]:
    """Skills every selected role rates."""
    rows = _holders(ratings, role_ids)
    return frozenset(rows.loc[rows["holders"] == len(role_ids), SKILL_ID])


def unique_skills(ratings: pd.DataFrame, role_ids: Sequence[str]) -> dict[str, frozenset[str]]:
    """For each role, the skills no other selected role rates."""
    rows = _holders(ratings, role_ids)
    rows = rows[rows["holders"] == 1]
    grouped = rows.groupby(ROLE_ID)[SKILL_ID].agg(frozenset)
    return {role_id: grouped.get(role_id, frozenset()) for role_id in role_ids}


def category_profile(
    dataset: Dataset, ratings: pd.DataFrame, role_ids: Sequence[str]
) -> pd.DataFrame:
    """Per role and skill category: total importance as a share (0-1) of the category's maximum.

    The maximum is 5 for every skill of the category in the vocabulary, so a role that rates
    all of a category's skills at 5 scores 1.0.
    """
    categories = dataset.skills[CATEGORY]
    if ratings.empty:
        return pd.DataFrame(0.0, index=list(role_ids), columns=categories.unique())
    size = dataset.skills.groupby(CATEGORY, sort=False)[SKILL_ID].size()
    category_of = dataset.skills.set_index(SKILL_ID)[CATEGORY]
    totals = ratings.assign(**{CATEGORY: ratings[SKILL_ID].map(category_of)}).pivot_table(
        index=ROLE_ID, columns=CATEGORY, values=IMPORTANCE, aggfunc="sum", fill_value=0
    )
    totals = totals.reindex(index=list(role_ids), columns=size.index, fill_value=0)
    return totals / (size * 5)


def prevalence_matrix(dataset: Dataset, role_ids: Sequence[str]) -> pd.DataFrame:
    """Role x industry prevalence (1-5; missing where the dataset gives none)."""
    table = dataset.role_industries.pivot(index=ROLE_ID, columns=INDUSTRY_ID, values=PREVALENCE)
    return table.reindex(index=list(role_ids), columns=list(dataset.industry_names))


def selection_similarity(dataset: Dataset, selection: Selection) -> pd.DataFrame:
    """Weighted Jaccard of the selected roles after filters, as a role x role frame."""
    ratings = filtered_ratings(dataset, selection)
    matrix = similarity_matrix(ratings, list(selection.role_ids))
    return pd.DataFrame(matrix, index=list(selection.role_ids), columns=list(selection.role_ids))
