"""How well every role fits a team's needs: the ranking, and why each role is where it is.

The rule (SCORING_RULE, said on the page and in the README): a role's score is the weight of
the needs it covers over the weight of all needs, where each must-have weighs 1 and the
nice-to-haves share a weight of 1/2, so nice-to-haves only break ties and a role missing a
must-have never ranks above one that covers them all. Each covered need contributes its weight
over the total, so a role's contributions add up to its score.

Everything is computed from one pivot per industry (Holdings: role x item matrices of the
effective ratings), so ranking every role is a few column lookups and one sort, whatever the
size of the dataset.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp

from dashboard.core.contract import (
    CERT_ID,
    EMPHASIS,
    IMPORTANCE,
    RANK,
    RELEVANCE,
    RESPONSIBILITY_ID,
    ROLE,
    ROLE_ID,
    SKILL_ID,
    SOURCE,
    SOURCE_SEPARATOR,
)
from dashboard.core.dataset import Dataset
from dashboard.core.needs import (
    CERTIFICATION,
    KIND_LABELS,
    KINDS,
    RESPONSIBILITY,
    SKILL,
    Catalogue,
    Need,
    Needs,
    catalogue_for,
)
from dashboard.core.override import (
    effective_responsibilities,
    effective_role_certifications,
    effective_role_skills,
)

# A skill asked for without a level is covered from importance 3: 1 means the evidence does
# not support the skill for the role, 2 only weak evidence (datasets/README.md, the rubric).
DEFAULT_SKILL_LEVEL = 3
# Responsibilities and certifications as numbers, so one matrix holds them; 0 is "no row".
EMPHASIS_VALUES = {"core": 2, "supporting": 1}
RELEVANCE_VALUES = {"essential": 3, "recommended": 2, "optional": 1}
# Held at all (core or supporting), and essential or recommended, cover a need.
COVERING_EMPHASIS = EMPHASIS_VALUES["supporting"]
COVERING_RELEVANCE = RELEVANCE_VALUES["recommended"]
# The strongest holdings, counted to break ties between equal scores.
STRONG = {RESPONSIBILITY: EMPHASIS_VALUES["core"], CERTIFICATION: RELEVANCE_VALUES["essential"]}
MUST_WEIGHT = 1.0
# All nice-to-haves together weigh less than one must-have: they only ever break ties.
NICE_SHARE = 0.5
SCORING_RULE = (
    "A role's score is the weight of the needs it covers over the weight of all needs, each "
    "must-have weighing 1 and the nice-to-haves sharing ½ between them (so a role missing a "
    "must-have never ranks above one that covers them all); a skill is covered when the role "
    f"rates it at least at the level asked ({DEFAULT_SKILL_LEVEL} when none is given, since 1 "
    "means no evidence and 2 weak evidence), a responsibility when the role holds it, core or "
    "supporting, and a certification when it is essential or recommended for the role; equal "
    "scores go first to the role with more core responsibilities and essential certifications "
    "among what it covers, then to the higher total importance of the covered skills."
)
# Ranking CSV columns (the page's download and `python -m dashboard rank`).
SCORE = "score"
COVERED = "covered"
MISSING = "missing"
CITED = "sources"
RANKING_COLUMNS = (RANK, ROLE_ID, ROLE, SCORE, COVERED, MISSING, CITED)
SCORE_DECIMALS = 3
LIST_SEPARATOR = "; "
# What a role brings that was not asked for: its skills from this importance, its core
# responsibilities, its essential and recommended certifications.
BRINGS_SKILL_LEVEL = 4


@dataclass(frozen=True)
class KindHoldings:
    """One kind of item (skills, responsibilities, certifications) for every role."""

    items: pd.Index  # item ids, in catalogue order (the matrices' columns)
    values: sp.csc_array  # role x item: importance 1-5, emphasis 1-2, relevance 1-3; 0: no row
    rows: sp.csc_array  # role x item: 1 + the position of the effective row in `sources`
    sources: np.ndarray  # the effective rows' source cells

    def column(self, matrix: sp.csc_array, item_id: str) -> np.ndarray:
        """One item's column of a matrix as a dense vector over the roles (0: no row)."""
        position = self.items.get_loc(item_id)
        return matrix[:, [position]].toarray().ravel()


@dataclass(frozen=True)
class Holdings:
    """What every role of a dataset holds in one industry: the pivot a ranking reads."""

    role_ids: tuple[str, ...]
    industry_id: str | None
    kinds: dict[str, KindHoldings]


def _kind_holdings(
    role_index: pd.Index, items: pd.Index, rows: pd.DataFrame, key: str, values: np.ndarray
) -> KindHoldings:
    roles = role_index.get_indexer(rows[ROLE_ID])
    columns = items.get_indexer(rows[key])
    shape = (len(role_index), len(items))
    positions = np.arange(1, len(rows) + 1, dtype=np.int64)
    return KindHoldings(
        items=items,
        values=sp.csc_array((values.astype(np.int8), (roles, columns)), shape=shape),
        rows=sp.csc_array((positions, (roles, columns)), shape=shape),
        sources=rows[SOURCE].to_numpy(dtype=object),
    )


def holdings(dataset: Dataset, industry_id: str | None) -> Holdings:
    """Every role's skills, responsibilities and certifications in the industry, pivoted once.

    The industry override comes from dashboard.core.override; each (role, item) has one
    effective row, so the matrices hold each value once.
    """
    role_ids = tuple(dataset.role_names)
    role_index = pd.Index(role_ids)
    skills = effective_role_skills(dataset, None, industry_id)
    duties = effective_responsibilities(dataset, None, industry_id)
    certs = effective_role_certifications(dataset, None, industry_id)
    kinds = {
        SKILL: _kind_holdings(
            role_index,
            pd.Index(dataset.skills[SKILL_ID]),
            skills,
            SKILL_ID,
            skills[IMPORTANCE].to_numpy(),
        ),
        RESPONSIBILITY: _kind_holdings(
            role_index,
            pd.Index(dataset.responsibilities[RESPONSIBILITY_ID]),
            duties,
            RESPONSIBILITY_ID,
            duties[EMPHASIS].map(EMPHASIS_VALUES).to_numpy(),
        ),
        CERTIFICATION: _kind_holdings(
            role_index,
            pd.Index(dataset.certifications[CERT_ID]),
            certs,
            CERT_ID,
            certs[RELEVANCE].map(RELEVANCE_VALUES).to_numpy(),
        ),
    }
    return Holdings(role_ids, industry_id, kinds)


def threshold(need: Need) -> int:
    """The smallest value of a role's row that covers the need."""
    if need.kind == SKILL:
        return need.level if need.level is not None else DEFAULT_SKILL_LEVEL
    return COVERING_EMPHASIS if need.kind == RESPONSIBILITY else COVERING_RELEVANCE


def need_weights(needs: Needs) -> np.ndarray:
    """Each need's share of the score when covered (they add up to 1)."""
    nice_count = len(needs.nice)
    weights = np.array(
        [MUST_WEIGHT if need.must else NICE_SHARE / nice_count for need in needs.items],
        dtype=np.float64,
    )
    total = weights.sum()
    return weights / total if total else weights


@dataclass(frozen=True)
class Ranking:
    """Every role ranked by fit; arrays are in rank order (row i is rank i + 1)."""

    needs: Needs
    role_ids: tuple[str, ...]
    scores: np.ndarray  # per role, 0-1
    values: np.ndarray  # role x need: the role's value for the need's item (0: no row)
    covered: np.ndarray  # role x need: whether the role covers the need
    contributions: np.ndarray  # role x need: the need's weight if covered, else 0

    def position(self, role_id: str) -> int:
        """The role's row (its rank minus 1)."""
        return self.role_ids.index(role_id)


def rank_roles(holdings: Holdings, needs: Needs) -> Ranking:
    """Every role of the dataset ranked by how well it covers the needs (SCORING_RULE).

    Tested against the plain loop, reference_ranking below, which the benchmark runs beside it.
    """
    n_roles = len(holdings.role_ids)
    items = needs.items
    values = np.zeros((n_roles, len(items)), dtype=np.int64)
    for j, need in enumerate(items):
        kind = holdings.kinds[need.kind]
        values[:, j] = kind.column(kind.values, need.item_id)
    limits = np.array([threshold(need) for need in items], dtype=np.int64)
    covered = values >= limits
    is_must = np.array([need.must for need in items], dtype=bool)
    # Counts, not float sums, decide the order: the score is monotone in (must-haves covered,
    # nice-to-haves covered), and counts have no rounding to tie or untie two roles.
    must_count = covered[:, is_must].sum(axis=1)
    nice_count = covered[:, ~is_must].sum(axis=1)
    strong_limits = np.array([STRONG.get(need.kind, 0) for need in items], dtype=np.int64)
    strong = (covered & (strong_limits > 0) & (values >= strong_limits)).sum(axis=1)
    is_skill = np.array([need.kind == SKILL for need in items], dtype=bool)
    skill_total = np.where(covered & is_skill, values, 0).sum(axis=1)
    order = np.lexsort((np.arange(n_roles), -skill_total, -strong, -nice_count, -must_count))
    weights = need_weights(needs)
    contributions = np.where(covered, weights, 0.0)
    return Ranking(
        needs=needs,
        role_ids=tuple(holdings.role_ids[i] for i in order),
        scores=contributions.sum(axis=1)[order],
        values=values[order],
        covered=covered[order],
        contributions=contributions[order],
    )


def reference_ranking(dataset: Dataset, needs: Needs, industry_id: str | None) -> list[str]:
    """Reference ranking: one dict per role and a pure-Python loop over roles and needs.

    The definition rank_roles is tested against, and the benchmark's baseline. The industry
    override is the same (dashboard.core.override); everything after it is plain Python.
    """
    held: dict[str, dict[tuple[str, str], int]] = {role_id: {} for role_id in dataset.role_names}
    tables = (
        (SKILL, effective_role_skills(dataset, None, industry_id), SKILL_ID, IMPORTANCE, None),
        (
            RESPONSIBILITY,
            effective_responsibilities(dataset, None, industry_id),
            RESPONSIBILITY_ID,
            EMPHASIS,
            EMPHASIS_VALUES,
        ),
        (
            CERTIFICATION,
            effective_role_certifications(dataset, None, industry_id),
            CERT_ID,
            RELEVANCE,
            RELEVANCE_VALUES,
        ),
    )
    for kind, rows, key, column, coding in tables:
        for role_id, item_id, value in zip(rows[ROLE_ID], rows[key], rows[column], strict=True):
            held[role_id][(kind, item_id)] = int(coding[value] if coding else value)
    keys = []
    for position, role_id in enumerate(dataset.role_names):
        must = nice = strong = skill_total = 0
        for need in needs.items:
            value = held[role_id].get((need.kind, need.item_id), 0)
            if value < threshold(need):
                continue
            if need.must:
                must += 1
            else:
                nice += 1
            if need.kind in STRONG and value >= STRONG[need.kind]:
                strong += 1
            if need.kind == SKILL:
                skill_total += value
        keys.append((-must, -nice, -strong, -skill_total, position, role_id))
    return [key[-1] for key in sorted(keys)]


def describe_value(kind: str, value: int) -> str:
    """A role's value for an item, in words ("importance 4", "core", "essential", "no row")."""
    if value <= 0:
        return "not rated" if kind == SKILL else "not held" if kind == RESPONSIBILITY else "none"
    if kind == SKILL:
        return f"importance {value}"
    codes = EMPHASIS_VALUES if kind == RESPONSIBILITY else RELEVANCE_VALUES
    return next(word for word, code in codes.items() if code == value)


def describe_need(need: Need, catalogue: Catalogue) -> str:
    """The need in words: its name, and for a skill the level that covers it."""
    name = catalogue.name(need)
    if need.kind == SKILL:
        return f"{name} (importance ≥ {threshold(need)})"
    if need.kind == CERTIFICATION:
        return f"{name} (essential or recommended)"
    return name


def _sources_of(holdings: Holdings, ranking: Ranking) -> np.ndarray:
    """role x need: the source cell of the role's row behind each need ("" where none)."""
    cells = np.full(ranking.values.shape, "", dtype=object)
    order = pd.Index(holdings.role_ids).get_indexer(ranking.role_ids)
    for j, need in enumerate(ranking.needs.items):
        kind = holdings.kinds[need.kind]
        rows = kind.column(kind.rows, need.item_id)[order]
        found = rows > 0
        cells[found, j] = kind.sources[rows[found] - 1]
    return cells


def _joined(cells: Sequence[str]) -> str:
    """The distinct source ids of several source cells, in first-seen order."""
    seen = dict.fromkeys(
        part.strip() for cell in cells for part in str(cell).split(SOURCE_SEPARATOR)
    )
    return SOURCE_SEPARATOR.join(part for part in seen if part)


def explanation(
    ranking: Ranking, holdings: Holdings, dataset: Dataset, role_id: str
) -> pd.DataFrame:
    """One row per need for a role: asked, the role's rating, covered, the share of the score it
    contributes (the contributions add up to the role's score) and the row's sources."""
    catalogue = catalogue_for(dataset)
    i = ranking.position(role_id)
    sources = _sources_of(holdings, ranking)[i]
    needs = ranking.needs.items
    return pd.DataFrame(
        {
            "need": [describe_need(need, catalogue) for need in needs],
            "kind": [KIND_LABELS[need.kind] for need in needs],
            "priority": ["must-have" if need.must else "nice-to-have" for need in needs],
            "role_has": [
                describe_value(need.kind, int(value))
                for need, value in zip(needs, ranking.values[i], strict=True)
            ],
            COVERED: ranking.covered[i].astype(bool),
            "contributes": ranking.contributions[i],
            CITED: list(sources),
        }
    )


def brings(
    holdings: Holdings, dataset: Dataset, role_id: str, needs: Needs
) -> dict[str, list[str]]:
    """What a role holds strongly that was not asked for, by kind, strongest first: skills
    rated BRINGS_SKILL_LEVEL or more, core responsibilities, essential or recommended
    certifications."""
    catalogue = catalogue_for(dataset)
    asked = {(need.kind, need.item_id) for need in needs.items}
    row = holdings.role_ids.index(role_id)
    floors = {
        SKILL: BRINGS_SKILL_LEVEL,
        RESPONSIBILITY: EMPHASIS_VALUES["core"],
        CERTIFICATION: COVERING_RELEVANCE,
    }
    found: dict[str, list[str]] = {}
    for kind in KINDS:
        held = holdings.kinds[kind]
        values = held.values[[row], :].toarray().ravel()
        columns = np.flatnonzero(values >= floors[kind])
        # Strongest first, catalogue order among equals.
        columns = columns[np.argsort(-values[columns], kind="stable")]
        found[kind] = [
            catalogue.names[kind][held.items[c]]
            for c in columns
            if (kind, held.items[c]) not in asked
        ]
    return found


def ranking_table(ranking: Ranking, holdings: Holdings, dataset: Dataset) -> pd.DataFrame:
    """The ranking as the CSV people download: rank, role id and name, score, the needs
    covered and missing, and the sources behind the covered ones."""
    catalogue = catalogue_for(dataset)
    names = np.array([catalogue.name(need) for need in ranking.needs.items], dtype=object)
    sources = _sources_of(holdings, ranking)
    role_names = dataset.role_names
    covered_lists, missing_lists, cited = [], [], []
    for i in range(len(ranking.role_ids)):
        mask = ranking.covered[i]
        covered_lists.append(LIST_SEPARATOR.join(names[mask]))
        missing_lists.append(LIST_SEPARATOR.join(names[~mask]))
        cited.append(_joined(sources[i][mask]))
    return pd.DataFrame(
        {
            RANK: np.arange(1, len(ranking.role_ids) + 1),
            ROLE_ID: list(ranking.role_ids),
            ROLE: [role_names[role_id] for role_id in ranking.role_ids],
            SCORE: np.round(ranking.scores, SCORE_DECIMALS),
            COVERED: covered_lists,
            MISSING: missing_lists,
            CITED: cited,
        }
    )
