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

    # The peak before the validation steps, whose generated files are not the dataset's.
    peak_rss_mb = max_rss_mb()
    steps.update(validation_steps(repeat))
    fast = steps["similarity"].median_s or 0.0
    naive = steps["similarity_naive"].median_s or 0.0
    return {
        "steps": {name: step.as_json() for name, step in steps.items()},
        "similarity_ratio": round(naive / fast, 1) if fast else None,
        "facts": {
            "roles": len(role_ids),
            "skills": len(dataset.skills),
            "role_skills": len(dataset.role_skills),
            "industry": industry,
            "compared_roles": list(compared),
            "long_rows": len(long),
            "wide_rows": len(wide),
            "all_pairs_csv_mb": round(len(all_pairs_csv) / 2**20, 1),
        },
        "max_rss_mb": peak_rss_mb,
    }
