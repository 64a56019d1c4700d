"""Roles side by side: the tidy comparison, its wide form, and the overlap of skill sets."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from dashboard.core.contract import (
    AREA,
    CATEGORY,
    CERT_ID,
    CITED_SOURCES,
    DETAIL,
    EMPHASIS,
    GROUP,
    IMPORTANCE,
    INDUSTRY_ID,
    ISSUER,
    ITEM,
    ITEM_ID,
    NAME,
    PREREQUISITES,
    PREVALENCE,
    RELEVANCE,
    RENEWAL,
    RESPONSIBILITY_ID,
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
    URL,
    VALUE,
    role_columns,
)
from dashboard.core.dataset import Dataset
from dashboard.core.override import (
    effective_responsibilities,
    effective_role_certifications,
    effective_role_skills,
)
from dashboard.core.similarity import similarity_matrix

# The tidy comparison: one row per (item, role).
LONG_COLUMNS = (SECTION, GROUP, ITEM_ID, ITEM, ROLE_ID, ROLE, VALUE, DETAIL, INDUSTRY_ID, SOURCE)
CERT_DETAILS = (ISSUER, PREREQUISITES, RENEWAL, URL)
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

    def digest(self) -> str:
        """A short digest of every field: a cache key that stays cheap with thousands of roles.

        (Streamlit's own hashing of a selection walks it element by element: 50 ms for every
        ESCO role.)
        """
        return hashlib.blake2b(repr(self).encode(), digest_size=16).hexdigest()


# Importance 1 means a role was assessed and no source supports the skill: it is not part of
# the role's skill profile, so similarity, shared and unique skills and the category profile
# count a skill from importance 2 up.
EVIDENCE_FLOOR = 2


def evidenced(ratings: pd.DataFrame) -> pd.DataFrame:
    """The ratings some evidence supports (importance 2 or more)."""
    return ratings[ratings[IMPORTANCE] >= EVIDENCE_FLOOR]


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
            GROUP: rows[CERT_ID].map(catalogue[ISSUER]).fillna("").to_numpy(),
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
    # Roles that do the same thing share one catalogue item, so they share one row.
    catalogue = dataset.responsibilities.set_index(RESPONSIBILITY_ID)
    return pd.DataFrame(
        {
            SECTION: SECTION_RESPONSIBILITIES,
            GROUP: rows[RESPONSIBILITY_ID].map(catalogue[AREA]).to_numpy(),
            ITEM_ID: rows[RESPONSIBILITY_ID].to_numpy(),
            ITEM: rows[RESPONSIBILITY_ID].map(catalogue[NAME]).to_numpy(),
            ROLE_ID: rows[ROLE_ID].to_numpy(),
            VALUE: rows[EMPHASIS].to_numpy(),
            DETAIL: rows[DETAIL].to_numpy(),
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
    # Only responsibilities carry a role's own nuance; other sections have none.
    long[DETAIL] = long[DETAIL].fillna("")
    long = long[list(LONG_COLUMNS)]
    if selection.differences_only:
        long = _differences(long, selection.role_ids)
    order = {role_id: i for i, role_id in enumerate(selection.role_ids)}
    long = long.assign(_section=long[SECTION].map(SECTIONS.index), _role=long[ROLE_ID].map(order))
    long = long.sort_values(["_section", GROUP, ITEM, "_role"], kind="stable")
    return long.drop(columns=["_section", "_role"]).reset_index(drop=True)


def _differences(long: pd.DataFrame, role_ids: Sequence[str]) -> pd.DataFrame:
    """Drop items on which every selected role has the same value (absent counts as a value).

    Tested against the plain pivot-table version, tests/test_comparison.py::reference_differences.
    """
    # Counted per item with numpy: comparing an item x role table row by row takes seconds at
    # 3,000 roles. As in pivot_table, rows with a missing key, role or value take no part, and
    # a role's first value of an item is its value.
    has_key = long[[SECTION, ITEM_ID]].notna().all(axis=1).to_numpy()
    if not has_key.any():
        return long
    item = np.full(len(long), -1)
    item[has_key] = long[has_key].groupby([SECTION, ITEM_ID], sort=False).ngroup().to_numpy()
    n_items = item.max() + 1
    takes_part = has_key & long[[ROLE_ID, VALUE]].notna().all(axis=1).to_numpy()
    roles = pd.Index(list(dict.fromkeys(role_ids)))
    role = roles.get_indexer(long[ROLE_ID])
    selected = takes_part & (role >= 0)
    _, first = np.unique(item[selected] * len(roles) + role[selected], return_index=True)
    items = item[selected][first]
    # Value codes (equal values share one, as nunique counts them), the last for the "" that a
    # role without a value shows.
    values = long[VALUE].to_numpy(dtype=object)[selected][first]
    codes = pd.factorize(np.append(values, np.array([""], dtype=object)))[0]
    with_absent = np.flatnonzero(np.bincount(items, minlength=n_items) < len(roles))
    item_codes = np.concatenate([items, with_absent]) * len(codes) + np.concatenate(
        [codes[:-1], np.full(len(with_absent), codes[-1])]
    )
    distinct = np.bincount(np.unique(item_codes) // len(codes), minlength=n_items)
    # An item without any value never reached the pivot table, so it was never dropped.
    has_values = np.bincount(item[takes_part], minlength=n_items) > 0
    agreed = has_values & (distinct <= 1)
    # item is -1 only where has_key is False.
    return long[~(has_key & agreed[item])]


def comparison_wide(long: pd.DataFrame, dataset: Dataset, role_ids: Sequence[str]) -> pd.DataFrame:
    """One row per item, one column per role (its value), plus details and all cited sources.

    Tested against the plain version, tests/test_comparison.py::reference_wide.
    """
    columns = role_columns(role_ids)
    if long.empty:
        return pd.DataFrame(
            columns=[SECTION, GROUP, ITEM_ID, ITEM, *columns, *CERT_DETAILS, CITED_SOURCES]
        )
    key = [SECTION, GROUP, ITEM_ID, ITEM]
    # Items in first-seen order of (section, item_id), as in the tidy table; an item_id shown
    # under two groups or wordings keeps one row per variant, in first-seen order.
    keyed = long[long[[SECTION, ITEM_ID]].notna().all(axis=1)]
    item_of_keyed = keyed.groupby([SECTION, ITEM_ID], sort=False).ngroup().to_numpy()
    # Like pivot_table: a row with a missing key, role or value takes no part (but its sources
    # count).
    usable = keyed[[GROUP, ITEM, ROLE_ID, VALUE]].notna().all(axis=1).to_numpy()
    rows, item = keyed[usable], item_of_keyed[usable]
    variant = rows.groupby(key, sort=False).ngroup().to_numpy()
    _, first_of_variant = np.unique(variant, return_index=True)
    order = np.argsort(item[first_of_variant], kind="stable")
    row_of_variant = np.empty_like(order)
    row_of_variant[order] = np.arange(len(order))
    # Key columns typed as pivot_table's index would type them (text as str, even when the tidy
    # table holds it as objects).
    first_rows = first_of_variant[order]
    wide = pd.DataFrame({column: pd.Index(rows[column].to_numpy()[first_rows]) for column in key})
    # All role columns at once: one object block (inserting 3,000 columns one by one is slow).
    cells = _role_cells(rows, row_of_variant[variant], len(order), role_ids)
    wide = pd.concat([wide, cells], axis=1)
    sources = _joined_sources(keyed[SOURCE].to_numpy(dtype=object), item_of_keyed)
    wide[CITED_SOURCES] = sources[item[first_rows]].tolist()
    catalogue = dataset.certifications.set_index(CERT_ID)
    is_cert = wide[SECTION] == SECTION_CERTIFICATIONS
    for detail in CERT_DETAILS:
        wide[detail] = wide[ITEM_ID].map(catalogue[detail]).where(is_cert, "").fillna("")
    return wide[[SECTION, GROUP, ITEM_ID, ITEM, *columns, *CERT_DETAILS, CITED_SOURCES]]


def _role_cells(
    rows: pd.DataFrame, row: np.ndarray, n_rows: int, role_ids: Sequence[str]
) -> pd.DataFrame:
    """n_rows x roles: each role's first value in a row ("" where it has none), as objects,
    in columns keyed by role_column."""
    columns = pd.Index(list(dict.fromkeys(role_ids)))
    column = columns.get_indexer(rows[ROLE_ID])
    mine = column >= 0
    # Role-major, the layout pandas keeps a block in, so the frame below needs no copy.
    cell = column[mine] * n_rows + row[mine]
    # The first value of a (row, role), as pivot_table's "first" takes it.
    _, first = np.unique(cell, return_index=True)
    cells = np.full((len(columns), n_rows), "", dtype=object)
    cells.flat[cell[first]] = rows[VALUE].to_numpy(dtype=object)[mine][first]
    if len(columns) != len(role_ids):
        cells = cells[columns.get_indexer(role_ids)]
    # dtype=object: inferring would turn all-text role columns into strings.
    return pd.DataFrame(cells.T, columns=role_columns(role_ids), dtype=object, copy=False)


def _joined_sources(cells: np.ndarray, group: np.ndarray) -> np.ndarray:
    """Per group code, the distinct source ids its cells cite, in first-seen order."""
    # Most cells repeat within a group: split each distinct (group, cell) once.
    distinct = pd.DataFrame({"group": group, "cell": pd.Series(cells, dtype=object)})
    distinct = distinct.drop_duplicates()
    seen: list[dict[str, None]] = [{} for _ in range(int(group.max(initial=-1)) + 1)]
    for code, cell in zip(distinct["group"], distinct["cell"], strict=True):
        for part in str(cell).split(SOURCE_SEPARATOR):
            if part.strip():
                seen[code][part.strip()] = None
    return np.array([SOURCE_SEPARATOR.join(parts) for parts in seen], dtype=object)


@dataclass(frozen=True)
class SkillHolders:
    """The selected roles' (role, skill) rows, each with how many selected roles rate the skill.

    Counted once per skill, it answers the shared, the unique and the per-role counts, each
    linear in the ratings; comparing every role's set with the union of all the others grows with
    the square of the roles.
    """

    role_ids: tuple[str, ...]
    rows: pd.DataFrame


def skill_holders(ratings: pd.DataFrame, role_ids: Sequence[str]) -> SkillHolders:
    """Who has which skill among role_ids (importance 2 or more): the one count shared, unique
    and summary read."""
    ratings = evidenced(ratings)
    rows = ratings.loc[ratings[ROLE_ID].isin(role_ids), [ROLE_ID, SKILL_ID]].drop_duplicates()
    rows = rows.assign(holders=rows.groupby(SKILL_ID)[ROLE_ID].transform("size"))
    return SkillHolders(tuple(role_ids), rows)


def overlap_summary(holders: SkillHolders) -> pd.DataFrame:
    """Per role: skills shared by all selected roles, shared with some, and unique to it."""
    rows, everyone = holders.rows, len(holders.role_ids)
    shared_by_all = rows.loc[rows["holders"] == everyone, SKILL_ID].nunique()
    count = rows["holders"]
    counts = {
        UNIQUE: rows[count == 1],
        "shared_with_some": rows[(count > 1) & (count < everyone)],
        "total": rows,
    }
    summary = pd.DataFrame({ROLE_ID: list(holders.role_ids)})
    summary[SHARED] = shared_by_all
    for column, subset in counts.items():
        per_role = subset.groupby(ROLE_ID).size()
        summary[column] = summary[ROLE_ID].map(per_role).fillna(0).astype("int64")
    return summary[[ROLE_ID, SHARED, "shared_with_some", UNIQUE, "total"]]


def shared_skills(holders: SkillHolders) -> frozenset[str]:
    """Skills every selected role rates."""
    rows = holders.rows
    return frozenset(rows.loc[rows["holders"] == len(holders.role_ids), SKILL_ID])


def unique_skills(holders: SkillHolders) -> dict[str, frozenset[str]]:
    """For each role, the skills no other selected role rates."""
    rows = holders.rows[holders.rows["holders"] == 1]
    grouped = rows.groupby(ROLE_ID)[SKILL_ID].agg(frozenset)
    return {role_id: grouped.get(role_id, frozenset()) for role_id in holders.role_ids}


def category_profile(
    dataset: Dataset, ratings: pd.DataFrame, role_ids: Sequence[str]
) -> pd.DataFrame:
    """Per role and skill category: total importance as a share (0-1) of the category's maximum.

    The maximum is 5 for every skill of the category in the vocabulary, so a role that rates
    all of a category's skills at 5 scores 1.0; a rating of 1 (no evidence) counts as none.
    """
    ratings = evidenced(ratings)
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


def missing_prevalence(prevalence: pd.DataFrame, dataset: Dataset) -> dict[str, list[str]]:
    """For each role of a prevalence matrix, the industries the dataset gives no level for."""
    industry_names = dataset.industry_names
    return {
        role_id: [industry_names[i] for i in row.index[row.isna()]]
        for role_id, row in prevalence.iterrows()
        if row.isna().any()
    }


def selection_similarity(dataset: Dataset, selection: Selection) -> pd.DataFrame:
    """Weighted Jaccard of the selected roles after filters (skills with evidence, importance 2
    or more), as a role x role frame."""
    ratings = evidenced(filtered_ratings(dataset, selection))
    matrix = similarity_matrix(ratings, list(selection.role_ids))
    return pd.DataFrame(matrix, index=list(selection.role_ids), columns=list(selection.role_ids))


# Responsibility overlap uses the weighted Jaccard of skills, with emphasis as the weight.
EMPHASIS_WEIGHTS = {"core": 2, "supporting": 1}


def responsibility_weights(dataset: Dataset, selection: Selection) -> pd.DataFrame:
    """The selected roles' responsibilities in the industry as ratings similarity_matrix reads:
    role_id, skill_id (the responsibility_id) and importance (core 2, supporting 1)."""
    rows = effective_responsibilities(dataset, selection.role_ids, selection.industry_id)
    return pd.DataFrame(
        {
            ROLE_ID: rows[ROLE_ID].to_numpy(),
            SKILL_ID: rows[RESPONSIBILITY_ID].to_numpy(),
            IMPORTANCE: rows[EMPHASIS].map(EMPHASIS_WEIGHTS).to_numpy(dtype=np.int64),
        }
    )


def responsibility_similarity(dataset: Dataset, selection: Selection) -> pd.DataFrame:
    """Weighted Jaccard of the selected roles' responsibilities (core 2, supporting 1)."""
    matrix = similarity_matrix(responsibility_weights(dataset, selection), selection.role_ids)
    return pd.DataFrame(matrix, index=list(selection.role_ids), columns=list(selection.role_ids))
