"""Time the pure computations (no Streamlit) on one dataset folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from benchmarks.generate import role_skills_with_duplicates
from benchmarks.timing import Step, max_rss_mb, measure, timed
from dashboard.core.comparison import Selection, comparison_long, comparison_wide
from dashboard.core.contract import ALL_INDUSTRIES, INDUSTRY_ID, ROLE_ID, SKILL_ID, TABLES
from dashboard.core.dataset import Dataset, load_dataset
from dashboard.core.export import csv_bytes, matrix_csv_bytes
from dashboard.core.fit import holdings, rank_roles, ranking_table, reference_ranking
from dashboard.core.job_post import build_index, read_post
from dashboard.core.needs import CERTIFICATION, RESPONSIBILITY, SKILL, Need, Needs, catalogue_for
from dashboard.core.override import effective_role_skills
from dashboard.core.reader import Limits, read_table
from dashboard.core.similarity import reference_similarity_matrix, similarity_matrix, top_k_pairs
from dashboard.core.validation import validate_table

COMPARED_ROLES = 5
TOP_K = 10
# The naive loop is run on a calibration subset of this many roles first, to price one pair.
CALIBRATION_ROLES = 40
# Duplicate rows are found in one linear pass, so a file with this many should be read and
# validated in about the time of a clean file as long; the two steps show both side by side.
DUPLICATE_ROWS = 100_000
# The finder: a team's needs (the "10 needs"), and a post of about two pages.
FINDER_NEEDS = 10
POST_WORDS = 1_000


def finder_needs(dataset: Dataset, count: int = FINDER_NEEDS, seed: int = 0) -> Needs:
    """count needs drawn from the dataset's catalogue: skills (some at a level), then
    responsibilities and certifications, the first ones must-haves, the rest nice-to-haves."""
    rng = np.random.default_rng(seed)
    names = catalogue_for(dataset).names
    plan = [SKILL] * (count - count // 5 * 2) + [RESPONSIBILITY, CERTIFICATION] * (count // 5)
    items: dict[tuple[str, str], Need] = {}
    for i, kind in enumerate(plan):
        ids = list(names[kind]) or list(names[SKILL])
        kind = kind if names[kind] else SKILL
        item_id = ids[int(rng.integers(len(ids)))]
        level = int(rng.integers(2, 6)) if kind == SKILL and i % 2 else None
        items.setdefault((kind, item_id), Need(kind, item_id, i < count * 0.6, level))
    return Needs(tuple(items.values()))


def two_page_post(dataset: Dataset, seed: int = 0, words: int = POST_WORDS) -> str:
    """A job post of about `words` words (two pages) written from the dataset's own catalogue:
    a title line naming a role, duties, requirements, nice-to-haves and some filler."""
    rng = np.random.default_rng(seed)
    names = catalogue_for(dataset).names

    def pick(kind: str, count: int) -> list[str]:
        pool = list(names[kind].values())
        return [pool[int(i)] for i in rng.integers(len(pool), size=count)] if pool else []

    role = next(iter(dataset.role_names.values()))
    lines = [f"# {role}", "", "We are a growing company and this role joins a team of twelve."]
    lines += ["", "## What you will do"]
    lines += [
        f"- {duty} with the delivery teams and their leads." for duty in pick(RESPONSIBILITY, 12)
    ]
    lines += ["", "## What you bring"]
    lines += [
        f"- Solid {a} and {b} in a busy setting."
        for a, b in zip(pick(SKILL, 14), pick(SKILL, 14), strict=True)
    ]
    lines += ["", "## Nice to have"]
    lines += [f"- {cert}." for cert in pick(CERTIFICATION, 3)]
    lines += ["", "## About us"]
    filler = "We offer flexible hours, a learning budget and a friendly office near the station."
    while len(" ".join(lines).split()) < words:
        lines.append(filler)
    return "\n".join(lines)


def busiest_industry(dataset: Dataset) -> str | None:
    """The industry with the most industry-specific skill rows (None if there is none)."""
    ids = dataset.role_skills[INDUSTRY_ID]
    counts = ids[ids != ALL_INDUSTRIES].value_counts()
    return str(counts.index[0]) if len(counts) else None


def pairs(n: int) -> int:
    """Unordered pairs of n roles."""
    return n * (n - 1) // 2


def naive_timing(
    ratings: pd.DataFrame,
    role_ids: list[str],
    fast: np.ndarray,
    repeat: int,
    budget_s: float,
    seed: int = 0,
) -> Step:
    """The naive loop on all roles if it fits the budget, else on a random subset, extrapolated.

    The subset's time is scaled by the ratio of pair counts (the loop's cost is per pair). The
    subset's naive matrix is also checked against the same cells of the fast matrix.
    """
    n = len(role_ids)
    rng = np.random.default_rng(seed)
    positions = np.arange(n)

    def subset(size: int) -> tuple[np.ndarray, list[str], pd.DataFrame]:
        chosen = np.sort(rng.choice(positions, size=size, replace=False)) if size < n else positions
        ids = [role_ids[i] for i in chosen]
        return chosen, ids, ratings[ratings[ROLE_ID].isin(ids)]

    calibration = min(n, CALIBRATION_ROLES)
    _, ids, rows = subset(calibration)
    samples, _ = timed(lambda: reference_similarity_matrix(rows, ids), 1)
    per_pair = samples[0] / max(pairs(calibration), 1)
    affordable = int((1 + np.sqrt(1 + 8 * budget_s / max(per_pair, 1e-9) / max(repeat, 1))) / 2)
    size = n if pairs(n) * per_pair * repeat <= budget_s else max(calibration, min(n, affordable))
    chosen, ids, rows = subset(size)
    samples, naive = timed(lambda: reference_similarity_matrix(rows, ids), repeat)
    scale = pairs(n) / max(pairs(size), 1)
    step = Step("similarity, naive Python loop", [s * scale for s in samples], None)
    step.extrapolated = size < n
    cells = fast[np.ix_(chosen, chosen)]
    step.extra = {
        "roles_run": size,
        "pairs_run": pairs(size),
        "pairs_total": pairs(n),
        "measured_s": samples,
        "identical_to_fast": bool(np.array_equal(cells, naive)),
        "max_abs_difference": float(np.max(np.abs(cells - naive))) if size else 0.0,
    }
    if step.extrapolated:
        step.note = (
            f"extrapolated: run on {size:,} random roles ({pairs(size):,} pairs), "
            f"scaled x{scale:,.0f} to {pairs(n):,} pairs"
        )
    return step


def finder_steps(dataset: Dataset, industry: str | None, repeat: int) -> dict[str, Any]:
    """The finder's steps: the pivot of an industry (cached once per industry by the app),
    ranking every role for FINDER_NEEDS needs beside the plain loop (reference_ranking), the
    ranking CSV, the post reader's index (cached once per dataset) and reading a two-page post.
    """
    steps: dict[str, Step] = {}
    needs = finder_needs(dataset)
    steps["finder_pivot"], held = measure(
        "finder: pivot one industry (cached per industry)",
        lambda: holdings(dataset, industry),
        repeat,
    )
    steps["finder_rank"], ranking = measure(
        f"finder: rank every role, {len(needs.items)} needs",
        lambda: rank_roles(held, needs),
        repeat,
    )
    steps["finder_rank_naive"], naive = measure(
        "finder: rank, naive Python loop",
        lambda: reference_ranking(dataset, needs, industry),
        repeat,
        memory=False,
    )
    steps["finder_rank_naive"].extra = {
        "identical_to_fast": list(ranking.role_ids) == naive,
        "needs": [need.token for need in needs.items],
    }
    steps["finder_csv"], _ = measure(
        "finder: ranking CSV, every role",
        lambda: csv_bytes(ranking_table(ranking, held, dataset)),
        repeat,
    )
    steps["post_index"], index = measure(
        "post reader: index the catalogue (cached per dataset)",
        lambda: build_index(dataset),
        repeat,
    )
    post = two_page_post(dataset)
    steps["post_read"], reading = measure(
        "post reader: read a two-page post",
        lambda: read_post(post, index, held, dataset),
        repeat,
    )
    steps["post_read"].extra = {
        "words": len(post.split()),
        "sentences": len(reading.sentences),
        "matched": sum(1 for sentence in reading.sentences if sentence.matches),
    }
    fast = steps["finder_rank"].median_s or 0.0
    slow = steps["finder_rank_naive"].median_s or 0.0
    return {
        "steps": steps,
        "ratio": round(slow / fast, 1) if fast else None,
        "facts": {"finder_needs": len(needs.items), "post_words": len(post.split())},
    }


def validate_role_skills(data: bytes, known_ids: dict[str, frozenset[str]]) -> int:
    """Read and validate one role_skills.csv as the loader does; the number of problems found."""
    spec = TABLES["role_skills"]
    read = read_table(spec.file, data, spec.column_names, Limits())
    return len(read.problems) + len(validate_table(spec, read.frame, known_ids))


def validation_steps(repeat: int, duplicates: int = DUPLICATE_ROWS) -> dict[str, Step]:
    """Read + validate a role_skills.csv with duplicate rows, and a clean one of the same size."""
    clean, repeated = role_skills_with_duplicates(duplicates)
    known_ids = {
        "roles": frozenset(clean[ROLE_ID]),
        "skills": frozenset(clean[SKILL_ID]),
        "industries": frozenset(),
        "sources": frozenset(clean["source"]),
    }
    files = {
        "validate_duplicates": (f"{duplicates:,} duplicates", repeated),
        "validate_clean": ("clean", clean),
    }
    steps = {}
    for key, (what, frame) in files.items():
        data = frame.to_csv(index=False).encode()
        label = f"validate role_skills.csv, {len(frame):,} rows: {what}"
        # No traced peak: tracemalloc slows the reader's Python loop several times over.
        steps[key], problems = measure(
            label, lambda data=data: validate_role_skills(data, known_ids), repeat, memory=False
        )
        steps[key].extra = {"rows": len(frame), "problems": problems}
    return steps


def run_core(folder: Path, repeat: int, naive_budget_s: float) -> dict[str, Any]:
    """Every pure step on the dataset in folder: {step name: Step JSON}, plus facts."""
    steps: dict[str, Step] = {}
    steps["load"], dataset = measure("load + validate", lambda: load_dataset(folder), repeat)
    role_ids = dataset.roles[ROLE_ID].tolist()
    names = [dataset.role_names[role_id] for role_id in role_ids]
    industry = busiest_industry(dataset)

    steps["override"], _ = measure(
        "industry override, all roles",
        lambda: effective_role_skills(dataset, None, industry),
        repeat,
    )
    steps["override"].note = f"industry {industry}" if industry else "no industry rows"

    compared = tuple(dataset.default_role_ids[:COMPARED_ROLES])
    selection = Selection(compared, industry_id=industry)

    def compare() -> tuple[pd.DataFrame, pd.DataFrame]:
        long = comparison_long(dataset, selection)
        return long, comparison_wide(long, dataset, compared)

    steps["comparison"], (long, wide) = measure(
        f"comparison, {len(compared)} roles", compare, repeat
    )

    ratings = effective_role_skills(dataset, None, None)
    steps["similarity"], matrix = measure(
        "similarity, all pairs (fast)", lambda: similarity_matrix(ratings, role_ids), repeat
    )
    steps["similarity_naive"] = naive_timing(ratings, role_ids, matrix, repeat, naive_budget_s)

    steps["export_wide"], _ = measure("export CSV, side by side", lambda: csv_bytes(wide), repeat)
    steps["export_long"], _ = measure("export CSV, tidy", lambda: csv_bytes(long), repeat)
    steps["export_top_k"], _ = measure(
        f"export CSV, top-{TOP_K} similar per role",
        lambda: csv_bytes(top_k_pairs(matrix, role_ids, TOP_K)),
        repeat,
    )
    steps["export_all_pairs"], all_pairs_csv = measure(
        "export CSV, all pairs (pyarrow)", lambda: matrix_csv_bytes(matrix, names), repeat
    )

    finder = finder_steps(dataset, industry, repeat)
    steps.update(finder["steps"])

    # The peak before the validation steps, whose generated files are not the dataset's.
    peak_rss_mb = max_rss_mb()
    steps.update(validation_steps(repeat))
    fast = steps["similarity"].median_s or 0.0
    naive = steps["similarity_naive"].median_s or 0.0
    return {
        "steps": {name: step.as_json() for name, step in steps.items()},
        "similarity_ratio": round(naive / fast, 1) if fast else None,
        "ranking_ratio": finder["ratio"],
        "facts": {
            "roles": len(role_ids),
            "skills": len(dataset.skills),
            "role_skills": len(dataset.role_skills),
            "industry": industry,
            "compared_roles": list(compared),
            "long_rows": len(long),
            "wide_rows": len(wide),
            "all_pairs_csv_mb": round(len(all_pairs_csv) / 2**20, 1),
            **finder["facts"],
        },
        "max_rss_mb": peak_rss_mb,
    }
