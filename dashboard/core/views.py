"""Tables shaped for the pages: one function per view, pure, so the pages only lay them out."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.core.comparison import CERT_DETAILS, Selection, category_profile
from dashboard.core.contract import (
    ALL_INDUSTRIES,
    CATEGORY,
    CATEGORY_COLUMN_PREFIX,
    CITED_SOURCES,
    EMPHASIS_LEVELS,
    GROUP,
    IMPORTANCE,
    INDUSTRY,
    INDUSTRY_COLUMN_PREFIX,
    INDUSTRY_ID,
    ITEM,
    LICENCE,
    NAME,
    NOTE,
    PREVALENCE,
    PUBLISHER,
    ROLE,
    ROLE_COLUMN_PREFIX,
    ROLE_ID,
    SCREEN_HEADERS,
    SECTION,
    SECTION_CERTIFICATIONS,
    SECTION_RESPONSIBILITIES,
    SECTION_SKILLS,
    SKILL,
    SKILL_ID,
    SOURCE,
    SOURCE_ID,
    SOURCE_SEPARATOR,
    TITLE,
    URL,
    category_column,
    industry_column,
    role_columns,
)
from dashboard.core.dataset import Dataset
from dashboard.core.override import in_vocabulary_order, ratings_matrix
from dashboard.core.text import humanise

# Markers that set core duties apart at a glance (the word stays, for screen readers and CSVs).
EMPHASIS_MARKS = dict(zip(EMPHASIS_LEVELS, ("● core", "○ supporting"), strict=True))
SOURCE_DETAILS = (TITLE, PUBLISHER, URL)
# Roles side by side beyond this are a wall of columns nobody reads (and megabytes to send):
# the page shows the first ones and says so; the downloads hold them all.
MAX_SIDE_BY_SIDE = 50
# A heatmap side beyond this cannot be read or drawn in a browser; cells above the text limit
# are too small for numbers.
MAX_HEATMAP_SIDE = 200
# section_view converts role columns this many at a time (see _chunks).
_ROLES_PER_CHUNK = 256


@dataclass(frozen=True)
class Capped:
    """A list cut to a limit, remembering how long it was."""

    kept: tuple[str, ...]
    total: int

    @property
    def is_capped(self) -> bool:
        """Whether anything was left out."""
        return len(self.kept) < self.total


def cap(values: Sequence[str], limit: int) -> Capped:
    """The first `limit` values, and how many there were."""
    return Capped(tuple(values[:limit]), len(values))


def industry_specific_rows(dataset: Dataset, role_ids: Sequence[str], industry_id: str) -> int:
    """How many skill, certification and responsibility rows the industry sets for the roles."""
    tables = (dataset.role_skills, dataset.role_certifications, dataset.role_responsibilities)
    return int(
        sum(
            ((table[INDUSTRY_ID] == industry_id) & table[ROLE_ID].isin(role_ids)).sum()
            for table in tables
        )
    )


def roles_without_industry_rows(
    dataset: Dataset, role_ids: Sequence[str], industry_id: str
) -> list[str]:
    """The roles (in the given order) for which the industry sets no skill, certification or
    responsibility row, so their general values stand."""
    tables = (dataset.role_skills, dataset.role_certifications, dataset.role_responsibilities)
    speaking = set().union(
        *(set(table.loc[table[INDUSTRY_ID] == industry_id, ROLE_ID]) for table in tables)
    )
    return [role_id for role_id in role_ids if role_id not in speaking]


def section_view(
    wide: pd.DataFrame, section: str, role_ids: Sequence[str], with_sources: bool
) -> pd.DataFrame:
    """One section of the wide comparison as displayed: role columns typed for their cue.

    Rows that none of the roles has are left out, so a page may show some of the compared roles.
    Tested against the plain version, tests/test_views.py::reference_section_view.
    """
    names = role_columns(role_ids)
    # Every role column at once (a loop over 3,000 roles costs seconds), role x row: the layout
    # pandas keeps them in, so this is a view, not a copy. Blank is "not rated".
    cells = wide[names].to_numpy(dtype=object).T
    in_section = (wide[SECTION] == section).to_numpy(dtype=bool) & (cells != "").any(axis=0)
    before, after = [GROUP, ITEM], []
    if section == SECTION_CERTIFICATIONS:
        before, after = [ITEM], list(CERT_DETAILS)
    if with_sources:
        after.append(CITED_SOURCES)
    view = wide.loc[in_section, before].reset_index(drop=True)
    if section == SECTION_SKILLS:
        view[GROUP] = view[GROUP].map(humanise)
    rows = np.flatnonzero(in_section)
    if section == SECTION_SKILLS:
        roles = _importance_columns(cells, rows, names)
    elif section == SECTION_RESPONSIBILITIES:
        roles = _object_columns(cells, rows, names, EMPHASIS_MARKS)
    else:
        roles = _object_columns(cells, rows, names, None)
    return pd.concat([view, roles, wide.loc[in_section, after].reset_index(drop=True)], axis=1)


def _chunks(cells: np.ndarray, rows: np.ndarray) -> Iterator[tuple[slice, np.ndarray]]:
    """The cells (role x row) of the given rows, a few hundred roles at a time, and their roles.

    Copying a whole section's cells first would cost as much memory as the result again (300 MB
    for the skills of every ESCO role).
    """
    for start in range(0, len(cells), _ROLES_PER_CHUNK):
        roles = slice(start, start + _ROLES_PER_CHUNK)
        yield roles, cells[roles, rows]


def _importance_columns(cells: np.ndarray, rows: np.ndarray, names: list[str]) -> pd.DataFrame:
    """The rows' role cells as nullable float columns, so the progress bars can draw them."""
    values = np.full((len(names), len(rows)), np.nan)
    for roles, part in _chunks(cells, rows):
        present = part != ""
        values[roles][present] = pd.to_numeric(part[present])
    missing = np.isnan(values)
    columns = {
        position: pd.arrays.FloatingArray(values[position], missing[position])
        for position in range(len(names))
    }
    frame = pd.DataFrame(columns, index=pd.RangeIndex(len(rows)), copy=False)
    frame.columns = names
    return frame


def _object_columns(
    cells: np.ndarray, rows: np.ndarray, names: list[str], marks: Mapping[str, str] | None
) -> pd.DataFrame:
    """The rows' role cells as objects, blank as missing; with marks, values as their mark."""
    shown = np.full((len(names), len(rows)), np.nan, dtype=object)
    for roles, part in _chunks(cells, rows):
        present = part != ""
        values = part[present]
        if marks is not None:
            values = pd.Series(values, dtype=object).map(marks).to_numpy(dtype=object)
        shown[roles][present] = values
    return pd.DataFrame(shown.T, columns=names, dtype=object, copy=False)


def cited_sources(dataset: Dataset, cells: Iterable[str]) -> pd.DataFrame:
    """The sources.csv rows of every source id cited in the cells, in first-cited order."""
    ids = dict.fromkeys(
        part.strip() for cell in cells for part in str(cell).split(SOURCE_SEPARATOR) if part.strip()
    )
    catalogue = dataset.sources.set_index(SOURCE_ID)
    known = [source_id for source_id in ids if source_id in catalogue.index]
    return catalogue.loc[known, list(SOURCE_DETAILS)].reset_index()


def cited_titles(dataset: Dataset, cell: object) -> str:
    """A cell of cited source ids as the sources' titles (an unknown id stays as written)."""
    titles = dict(zip(dataset.sources[SOURCE_ID], dataset.sources[TITLE], strict=True))
    ids = [part.strip() for part in str(cell).split(SOURCE_SEPARATOR) if part.strip()]
    return "; ".join(titles.get(source_id, source_id) for source_id in ids)


def sources_view(dataset: Dataset) -> pd.DataFrame:
    """sources.csv for display: the contract columns first, then any extra ones the file has."""
    sources = dataset.sources.reset_index(drop=True)
    first = [SOURCE_ID, *SOURCE_DETAILS, LICENCE]
    return sources[first + [column for column in sources.columns if column not in first]]


def role_record(dataset: Dataset, role_id: str) -> dict[str, str]:
    """One role's row of roles.csv as text (blank cells as empty strings)."""
    row = dataset.roles.loc[dataset.roles[ROLE_ID] == role_id].iloc[0]
    return {column: "" if pd.isna(value) else str(value) for column, value in row.items()}


def prevalence_view(dataset: Dataset, role_id: str) -> pd.DataFrame:
    """A role's prevalence (1-5) in each industry the dataset rates it for, with the note."""
    rows = dataset.role_industries[dataset.role_industries[ROLE_ID] == role_id]
    names = dataset.industry_names
    return pd.DataFrame(
        {
            INDUSTRY: rows[INDUSTRY_ID].map(names).to_numpy(),
            PREVALENCE: rows[PREVALENCE].to_numpy(),
            NOTE: (rows[NOTE] if NOTE in rows else pd.Series("", index=rows.index)).to_numpy(),
        }
    )


def industries_without_data(dataset: Dataset, role_id: str) -> list[str]:
    """Names of the industries the dataset gives no prevalence for the role in."""
    rows = dataset.role_industries
    rated = set(rows.loc[rows[ROLE_ID] == role_id, INDUSTRY_ID])
    return [
        name for industry_id, name in dataset.industry_names.items() if industry_id not in rated
    ]


def skill_names(dataset: Dataset, skill_ids: Iterable[str]) -> list[str]:
    """Display names of skills, in the vocabulary's order."""
    wanted = set(skill_ids)
    skills = dataset.skills
    return skills.loc[skills[SKILL_ID].isin(wanted), NAME].tolist()


def importance_view(
    dataset: Dataset, ratings: pd.DataFrame, role_ids: Sequence[str], max_skills: int
) -> tuple[pd.DataFrame, int]:
    """Skill x role importance of the filtered ratings (missing = not rated) and the skill count.

    Rows are skill names, columns role_column keys. Over max_skills skills, the ones with the
    highest total importance are kept, in the vocabulary's order, so the cut drops the least
    important rows.
    """
    matrix = ratings_matrix(ratings, role_ids)
    total = len(matrix)
    if total > max_skills:
        keep = matrix.sum(axis=1).sort_values(ascending=False, kind="stable").index[:max_skills]
        matrix = matrix.loc[keep]
    order = in_vocabulary_order(dataset, matrix.index)
    matrix = matrix.reindex(order)
    matrix.index = pd.Index(
        dataset.skills.set_index(SKILL_ID).loc[order, NAME].to_numpy(), name=SKILL
    )
    matrix.columns = pd.Index(role_columns(matrix.columns), name=ROLE)
    # Not rated is no value (blank in the table, a gap in the chart), never 0.
    return matrix.where(matrix > 0).astype("Float64"), total


def unique_view(
    dataset: Dataset, unique: Mapping[str, Iterable[str]], role_ids: Sequence[str]
) -> pd.DataFrame:
    """Per role, the skills only it rates among the selected roles (names, comma-separated).

    Tested against the plain version, tests/test_views.py::reference_unique_view.
    """
    names = dataset.role_names
    per_role = [(role_id, list(unique.get(role_id, ()))) for role_id in role_ids]
    # The vocabulary is filtered once for all roles, not once per role (that grows with
    # roles x skills: seconds for 3,000 roles x 14,000 skills).
    skills = dataset.skills
    listed = skills[skills[SKILL_ID].isin(set().union(*(ids for _, ids in per_role)))]
    position = dict(zip(listed[SKILL_ID], range(len(listed)), strict=True))
    vocabulary = listed[NAME].tolist()
    rows = []
    for role_id, unique_ids in per_role:
        shown = [vocabulary[i] for i in sorted({position[s] for s in unique_ids if s in position})]
        rows.append({ROLE: names[role_id], "count": len(shown), "skills": ", ".join(shown)})
    return pd.DataFrame(rows, columns=[ROLE, "count", "skills"])


def category_view(profile: pd.DataFrame, dataset: Dataset) -> pd.DataFrame:
    """The category profile as a table: one row per role (names), one column per category
    (category_column keys), in %."""
    table = (profile * 100).round(1)
    role_names = dataset.role_names
    table.index = pd.Index([role_names[r] for r in table.index], name=ROLE)
    table.columns = pd.Index([category_column(c) for c in table.columns], name=CATEGORY)
    return table.reset_index()


def prevalence_table(prevalence: pd.DataFrame, dataset: Dataset) -> pd.DataFrame:
    """Role x industry prevalence as a table: role names, then a column per industry
    (industry_column keys); a pair the dataset gives no level for is missing, never a level."""
    table = prevalence.astype("Float64")
    role_names = dataset.role_names
    table.index = pd.Index([role_names[r] for r in table.index], name=ROLE)
    table.columns = [industry_column(i) for i in table.columns]
    return table.reset_index()


def category_shares(dataset: Dataset, ratings: pd.DataFrame, selection: Selection) -> pd.DataFrame:
    """Role x category profile (0-1), limited to the chosen categories when there are any."""
    profile = category_profile(dataset, ratings, selection.role_ids)
    if selection.categories:
        profile = profile[[c for c in profile.columns if c in selection.categories]]
    return profile


def overlap_table(summary: pd.DataFrame, dataset: Dataset) -> pd.DataFrame:
    """overlap_summary with role names in place of ids."""
    table = summary.drop(columns=ROLE_ID)
    role_names = dataset.role_names
    table.insert(0, ROLE, [role_names[role_id] for role_id in summary[ROLE_ID]])
    return table


def column_labels(columns: Iterable[str], dataset: Dataset) -> dict[str, str]:
    """The header shown for each column: the name of the role, industry or skill category a
    prefixed column belongs to, and the column's own name for every other column."""
    role_names, industry_names = dataset.role_names, dataset.industry_names
    labels = {}
    for column in columns:
        key = str(column)
        if key.startswith(ROLE_COLUMN_PREFIX):
            labels[key] = role_names.get(key.removeprefix(ROLE_COLUMN_PREFIX), key)
        elif key.startswith(INDUSTRY_COLUMN_PREFIX):
            labels[key] = industry_names.get(key.removeprefix(INDUSTRY_COLUMN_PREFIX), key)
        elif key.startswith(CATEGORY_COLUMN_PREFIX):
            labels[key] = humanise(key.removeprefix(CATEGORY_COLUMN_PREFIX))
        else:
            labels[key] = key
    return labels


def screen_headers(columns: Iterable[str], dataset: Dataset) -> dict[str, str]:
    """The header a page shows for each column: column_labels, with the table's own columns
    capitalised and spaced as people write them (SCREEN_HEADERS where that reads badly)."""
    labels = column_labels(columns, dataset)
    prefixes = (ROLE_COLUMN_PREFIX, INDUSTRY_COLUMN_PREFIX, CATEGORY_COLUMN_PREFIX)
    return {
        key: label if key.startswith(prefixes) else SCREEN_HEADERS.get(key, humanise(key))
        for key, label in labels.items()
    }


def with_headers(frame: pd.DataFrame, dataset: Dataset) -> pd.DataFrame:
    """The frame with the headers people read (column_labels), for a CSV file: two headers may
    then be the same text (a role called "section"), which a CSV file allows."""
    labels = column_labels(frame.columns, dataset)
    return frame.set_axis([labels[str(column)] for column in frame.columns], axis=1)


RATED_TABLES = ("role_skills", "role_responsibilities", "role_certifications", "role_industries")
EVIDENCE_COLUMNS = (
    ROLE,
    "skills_with_evidence",
    "skills_without_evidence",
    "ratings",
    "sources",
    "ratings_on_one_source",
    "ratings_on_several_sources",
)


def evidence_by_role(dataset: Dataset) -> pd.DataFrame:
    """Per role, how many ratings rest on how many sources: skills the evidence supports (rated
    2 or more) and skills assessed without evidence (1), every rated row of the four rated
    tables, the distinct sources they cite, and how many rows cite one source or several."""
    rows = []
    for role_id, name in dataset.role_names.items():
        cited: set[str] = set()
        one = several = total = 0
        for table in RATED_TABLES:
            frame = dataset.table(table)
            for cell in frame.loc[frame[ROLE_ID] == role_id, SOURCE]:
                parts = {part.strip() for part in cell.split(SOURCE_SEPARATOR) if part.strip()}
                cited |= parts
                total += 1
                one += len(parts) == 1
                several += len(parts) > 1
        skills = dataset.role_skills
        general = skills[(skills[ROLE_ID] == role_id) & (skills[INDUSTRY_ID] == ALL_INDUSTRIES)]
        rows.append(
            {
                ROLE: name,
                "skills_with_evidence": int((general[IMPORTANCE] >= 2).sum()),
                "skills_without_evidence": int((general[IMPORTANCE] == 1).sum()),
                "ratings": total,
                "sources": len(cited),
                "ratings_on_one_source": one,
                "ratings_on_several_sources": several,
            }
        )
    return pd.DataFrame(rows, columns=list(EVIDENCE_COLUMNS))
