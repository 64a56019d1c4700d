"""Synthetic role datasets in the data contract, at the sizes users bring (O*NET, ESCO).

Every table is built with vectorised numpy from one seed, so a size and a seed always give the
same files. Skills are drawn with Zipf-Mandelbrot weights 1 / (rank + q) ** s, so a few skills
(think "communication") are rated by a large share of roles and most by a handful, as in ESCO.
A few per cent of the links get an industry row that overrides the general rating, and about
one per cent are industry-only additions; every row cites a source and every id resolves.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.core.contract import CONTRACT

ROOT = Path(__file__).resolve().parents[1]
SHIPPED_FOLDER = ROOT / "datasets"
# Git-ignored (see .gitignore): generated folders are cached here, keyed by size, seed, version.
CACHE_DIR = Path(os.environ.get("BENCHMARK_CACHE", ROOT / "benchmarks" / "results" / "datasets"))
# Bump when the generator's output changes, so stale cached folders are not reused.
GENERATOR_VERSION = 4
MANIFEST = "manifest.json"
SHIPPED = "shipped"
DEFAULT_SEED = 20240601

SOURCES = (
    ("synthetic", "Synthetic benchmark data", "benchmarks/generate.py"),
    ("synthetic_onet_like", "Synthetic ratings shaped like O*NET", "benchmarks/generate.py"),
    ("synthetic_esco_like", "Synthetic links shaped like ESCO", "benchmarks/generate.py"),
)
INDUSTRIES = (
    "technology",
    "it_departments",
    "consulting",
    "government_nonprofit",
    "startups",
    "healthcare",
    "finance",
    "telecommunications",
    "cybersecurity",
    "manufacturing",
)
CATEGORIES = (
    "Technical",
    "Leadership & people",
    "Methodology & process",
    "Business & strategy",
    "Communication",
    "Tools",
    "Domain",
    "Compliance",
)
SCOPES = ("task", "project", "program", "team", "organisation")
AREAS = ("planning", "delivery", "stakeholders", "risk", "technical", "people", "process")
EMPHASES = ("core", "supporting")
RELEVANCES = ("essential", "recommended", "optional")
# Importance 1-5: most ratings in the middle, as in O*NET's importance scale.
IMPORTANCE_WEIGHTS = (0.08, 0.17, 0.35, 0.27, 0.13)


@dataclass(frozen=True)
class SizeSpec:
    """The shape of one generated dataset."""

    name: str
    roles: int
    skills: int
    skills_per_role: int  # mean; each role's count varies around it
    industries: int = 10
    zipf_s: float = 1.0  # skill popularity exponent
    zipf_q: float = 2.0  # Mandelbrot offset: flattens the very top of the curve a little
    override_share: float = 0.03  # share of general links that get an industry row
    addition_share: float = 0.01  # industry-only links, as a share of general links
    responsibilities_per_role: int = 8
    responsibility_pool: int = 600
    certifications: int = 40
    certifications_per_role: int = 3
    industries_per_role: int = 3
    empty_roles: int = 0  # the last roles get no general skill rows


SIZES: dict[str, SizeSpec] = {
    "small": SizeSpec("small", roles=200, skills=400, skills_per_role=20, certifications=25),
    "onet": SizeSpec("onet", roles=1_000, skills=1_000, skills_per_role=35),
    "esco": SizeSpec("esco", roles=3_000, skills=14_000, skills_per_role=40, certifications=150),
}


def padded_ids(prefix: str, count: int) -> np.ndarray:
    """prefix_00000 ... as an object array, so ids can be gathered by integer codes."""
    width = max(5, len(str(max(count - 1, 0))))
    return np.array([f"{prefix}_{i:0{width}d}" for i in range(count)], dtype=object)


def zipf_weights(count: int, s: float, q: float) -> np.ndarray:
    """Normalised Zipf-Mandelbrot weights 1 / (rank + q) ** s for ranks 1..count."""
    weights = 1.0 / (np.arange(1, count + 1) + q) ** s
    return weights / weights.sum()


def sample_distinct(
    rng: np.random.Generator, counts: np.ndarray, n_items: int, weights: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """For row r, counts[r] distinct items drawn by weight: (row codes, item codes), row-sorted.

    Draws with replacement, keeps each (row, item) once in draw order, tops up the rows that
    fell short, and repeats; all vectorised, so 3,000 rows x 40 items take milliseconds.
    """
    counts = np.minimum(counts, n_items).astype(np.int64)
    kept = np.empty(0, dtype=np.int64)
    need = counts.copy()
    for _ in range(50):
        if not need.any():
            break
        rows = np.repeat(np.arange(len(counts)), need * 2 + 2)
        items = rng.choice(n_items, size=len(rows), p=weights)
        keys = np.concatenate([kept, rows * n_items + items])
        _, first = np.unique(keys, return_index=True)
        keys = keys[np.sort(first)]  # distinct, in the order they were first drawn
        key_rows = keys // n_items
        order = np.argsort(key_rows, kind="stable")
        sorted_rows = key_rows[order]
        starts = np.searchsorted(sorted_rows, sorted_rows, side="left")
        rank_in_row = np.arange(len(order)) - starts
        keys = keys[order][rank_in_row < counts[sorted_rows]]
        kept = keys
        need = counts - np.bincount(kept // n_items, minlength=len(counts))
        # Rows whose weights cannot supply more distinct items stop asking.
        need = np.where(need > 0, need, 0)
    rows, items = np.divmod(kept, n_items)
    return rows, items


def _choice(rng: np.random.Generator, values: tuple[str, ...], size: int, p=None) -> np.ndarray:
    return np.asarray(values, dtype=object)[rng.choice(len(values), size=size, p=p)]


def _importance(rng: np.random.Generator, size: int) -> np.ndarray:
    return rng.choice(np.arange(1, 6), size=size, p=IMPORTANCE_WEIGHTS)


def _sources_cited(rng: np.random.Generator, size: int) -> np.ndarray:
    """Mostly one source, sometimes two separated by ';' (the contract allows several)."""
    cells = np.full(size, "synthetic", dtype=object)
    cells[rng.random(size) < 0.1] = "synthetic;synthetic_onet_like"
    cells[rng.random(size) < 0.05] = "synthetic_esco_like"
    return cells


def _per_role_counts(rng: np.random.Generator, n_roles: int, mean: int) -> np.ndarray:
    """Counts around the mean (sd 30%), at least 1, at most three times the mean."""
    counts = np.rint(rng.normal(mean, 0.3 * mean, size=n_roles)).astype(np.int64)
    return np.clip(counts, 1, 3 * mean)


def generate_tables(spec: SizeSpec, seed: int = DEFAULT_SEED) -> dict[str, pd.DataFrame]:
    """The contract tables of a synthetic dataset of the given shape (deterministic)."""
    rng = np.random.default_rng(seed)
    n_roles, n_skills = spec.roles, spec.skills
    role_ids = padded_ids("role", n_roles)
    skill_ids = padded_ids("skill", n_skills)
    industry_ids = np.array(
        [*INDUSTRIES, *(f"industry_{i:02d}" for i in range(len(INDUSTRIES), spec.industries))][
            : spec.industries
        ],
        dtype=object,
    )
    tables: dict[str, pd.DataFrame] = {}

    tables["sources"] = pd.DataFrame(
        {
            "source_id": [s[0] for s in SOURCES],
            "title": [s[1] for s in SOURCES],
            "publisher": [s[2] for s in SOURCES],
            "url": "https://example.org/synthetic",
            "licence": "CC0-1.0",
        }
    )
    tables["industries"] = pd.DataFrame(
        {
            "industry_id": industry_ids,
            "name": [i.replace("_", " ").capitalize() for i in industry_ids],
            "description": "Synthetic industry for benchmarks.",
        }
    )
    numbers = np.arange(n_roles).astype(str).astype(object)
    default = np.where(np.arange(n_roles) < 5, "yes", "no").astype(object)
    tables["roles"] = pd.DataFrame(
        {
            "role_id": role_ids,
            "name": "Synthetic role " + numbers,
            "abbreviation": "SR" + numbers,
            "summary": "A generated role used to time the dashboard at scale.",
            "scope": _choice(rng, SCOPES, n_roles),
            "background": "Generated",
            "career_path": "Generated role → generated role",
            "onet_soc": "none",
            "esco": "none",
            "default": default,
            "source": _sources_cited(rng, n_roles),
        }
    )
    tables["skills"] = pd.DataFrame(
        {
            "skill_id": skill_ids,
            "name": "Skill " + np.arange(n_skills).astype(str).astype(object),
            "category": _choice(rng, CATEGORIES, n_skills),
            "description": "A generated skill.",
        }
    )

    # Skill popularity: Zipf by rank, ranks shuffled so that file order says nothing.
    popularity = np.empty(n_skills)
    popularity[rng.permutation(n_skills)] = zipf_weights(n_skills, spec.zipf_s, spec.zipf_q)
    rated_roles = n_roles - spec.empty_roles
    counts = _per_role_counts(rng, rated_roles, spec.skills_per_role)
    link_roles, link_skills = sample_distinct(rng, counts, n_skills, popularity)
    general = pd.DataFrame(
        {
            "role_id": role_ids[link_roles],
            "skill_id": skill_ids[link_skills],
            "importance": _importance(rng, len(link_roles)),
            "industry_id": "",
        }
    )
    # Overrides: an industry re-rates a general link (always to a different importance).
    n_links = len(general)
    picked = rng.choice(n_links, size=int(n_links * spec.override_share), replace=False)
    shift = rng.integers(1, 5, size=len(picked))
    overrides = pd.DataFrame(
        {
            "role_id": general["role_id"].to_numpy()[picked],
            "skill_id": general["skill_id"].to_numpy()[picked],
            "importance": (general["importance"].to_numpy()[picked] - 1 + shift) % 5 + 1,
            "industry_id": industry_ids[rng.integers(0, len(industry_ids), size=len(picked))],
        }
    )
    # Additions: an industry rates a skill the role has no general row for (any role, even
    # an empty one).
    n_added = int(n_links * spec.addition_share)
    added_roles = rng.integers(0, n_roles, size=n_added)
    added_skills = rng.choice(n_skills, size=n_added, p=popularity)
    general_keys = link_roles.astype(np.int64) * n_skills + link_skills
    fresh = ~np.isin(added_roles.astype(np.int64) * n_skills + added_skills, general_keys)
    additions = pd.DataFrame(
        {
            "role_id": role_ids[added_roles[fresh]],
            "skill_id": skill_ids[added_skills[fresh]],
            "importance": _importance(rng, int(fresh.sum())),
            "industry_id": industry_ids[rng.integers(0, len(industry_ids), size=int(fresh.sum()))],
        }
    )
    role_skills = pd.concat([general, overrides, additions], ignore_index=True)
    role_skills = role_skills.drop_duplicates(["role_id", "skill_id", "industry_id"])
    role_skills["source"] = _sources_cited(rng, len(role_skills))
    tables["role_skills"] = role_skills.reset_index(drop=True)

    # Responsibilities: a shared catalogue (so roles share duties), held by each role with an
    # emphasis, plus a few industry-specific rows.
    pool = np.array(
        [
            f"Duty {i:04d}: coordinate generated work item {i}"
            for i in range(spec.responsibility_pool)
        ],
        dtype=object,
    )
    responsibility_ids = padded_ids("resp", spec.responsibility_pool)
    tables["responsibilities"] = pd.DataFrame(
        {
            "responsibility_id": responsibility_ids,
            "name": pool,
            "area": _choice(rng, AREAS, len(pool)),
            "description": "",
        }
    )
    resp_counts = _per_role_counts(rng, n_roles, spec.responsibilities_per_role)
    resp_roles, resp_items = sample_distinct(
        rng, resp_counts, len(pool), zipf_weights(len(pool), 0.8, 5.0)
    )
    resp_industry = np.full(len(resp_roles), "", dtype=object)
    industry_rows = rng.random(len(resp_roles)) < 0.05
    resp_industry[industry_rows] = industry_ids[
        rng.integers(0, len(industry_ids), size=int(industry_rows.sum()))
    ]
    tables["role_responsibilities"] = pd.DataFrame(
        {
            "role_id": role_ids[resp_roles],
            "responsibility_id": responsibility_ids[resp_items],
            "emphasis": _choice(rng, EMPHASES, len(resp_roles), p=(0.6, 0.4)),
            "industry_id": resp_industry,
            "source": _sources_cited(rng, len(resp_roles)),
            "detail": "",
        }
    ).drop_duplicates(["role_id", "responsibility_id", "industry_id"])

    n_certs = spec.certifications
    cert_ids = padded_ids("cert", n_certs)
    tables["certifications"] = pd.DataFrame(
        {
            "cert_id": cert_ids,
            "name": "Certification " + np.arange(n_certs).astype(str).astype(object),
            "issuer": _choice(rng, ("PMI", "Scrum Alliance", "AXELOS", "ISC2", "AWS"), n_certs),
            "validates": "Generated knowledge area",
            "prerequisites": "None",
            "renewal": "Every 3 years",
            "url": "https://example.org/cert/" + cert_ids,
            "source": _sources_cited(rng, n_certs),
        }
    )
    cert_counts = _per_role_counts(rng, n_roles, spec.certifications_per_role)
    cert_roles, cert_items = sample_distinct(
        rng, cert_counts, n_certs, zipf_weights(n_certs, 1.0, 1.0)
    )
    general_certs = pd.DataFrame(
        {
            "role_id": role_ids[cert_roles],
            "cert_id": cert_ids[cert_items],
            "relevance": _choice(rng, RELEVANCES, len(cert_roles), p=(0.3, 0.4, 0.3)),
            "industry_id": "",
        }
    )
    cert_picked = rng.choice(len(general_certs), size=max(1, len(general_certs) // 20))
    cert_overrides = general_certs.iloc[cert_picked].assign(
        relevance="essential",
        industry_id=industry_ids[rng.integers(0, len(industry_ids), size=len(cert_picked))],
    )
    role_certs = pd.concat([general_certs, cert_overrides], ignore_index=True)
    role_certs = role_certs.drop_duplicates(["role_id", "cert_id", "industry_id"])
    role_certs["source"] = _sources_cited(rng, len(role_certs))
    tables["role_certifications"] = role_certs.reset_index(drop=True)

    ind_counts = np.full(n_roles, min(spec.industries_per_role, len(industry_ids)))
    ind_roles, ind_items = sample_distinct(
        rng, ind_counts, len(industry_ids), np.full(len(industry_ids), 1 / len(industry_ids))
    )
    tables["role_industries"] = pd.DataFrame(
        {
            "role_id": role_ids[ind_roles],
            "industry_id": industry_ids[ind_items],
            "prevalence": rng.integers(1, 6, size=len(ind_roles)),
            "note": "",
            "source": _sources_cited(rng, len(ind_roles)),
        }
    )
    # Other titles (the job-post reader's role titles): each role has one of its own, and the
    # odd role of each pair also has its even partner's, as an O*NET occupation's alternate
    # titles are shared by the roles mapped to it.
    title_roles = np.repeat(np.arange(n_roles), 2)
    title_numbers = np.where(np.arange(2 * n_roles) % 2 == 0, title_roles, title_roles // 2 * 2)
    tables["role_titles"] = pd.DataFrame(
        {
            "role_id": role_ids[title_roles],
            "title": "Generated title " + title_numbers.astype(str).astype(object),
            "source": _sources_cited(rng, 2 * n_roles),
        }
    ).drop_duplicates(["role_id", "title"])
    # Contract column order (order is free in the contract, but this reads best).
    return {
        spec_.table: tables[spec_.table][list(spec_.required_column_names)] for spec_ in CONTRACT
    }


def write_dataset(tables: dict[str, pd.DataFrame], folder: Path) -> Path:
    """Write the tables as the contract's UTF-8 CSV files into folder (created if needed)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in tables.items():
        frame.to_csv(folder / f"{name}.csv", index=False, encoding="utf-8")
    return folder


def dataset_folder(
    size: str | SizeSpec, seed: int = DEFAULT_SEED, cache_dir: Path | None = None
) -> Path:
    """The folder of a dataset: datasets/ for "shipped", else a cached generated one."""
    if size == SHIPPED:
        return SHIPPED_FOLDER
    spec = SIZES[size] if isinstance(size, str) else size
    cache_dir = Path(cache_dir or CACHE_DIR)
    folder = cache_dir / f"{spec.name}-seed{seed}-v{GENERATOR_VERSION}"
    manifest = folder / MANIFEST
    if manifest.is_file() and json.loads(manifest.read_text()).get("spec") == asdict(spec):
        return folder
    cache_dir.mkdir(parents=True, exist_ok=True)
    # Written beside the target and renamed into place, so a crash never leaves half a folder.
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=cache_dir))
    try:
        tables = generate_tables(spec, seed)
        write_dataset(tables, staging)
        summary = describe(tables)
        (staging / MANIFEST).write_text(
            json.dumps({"spec": asdict(spec), "seed": seed, "summary": summary}, indent=2)
        )
        shutil.rmtree(folder, ignore_errors=True)
        staging.rename(folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return folder


def describe(tables: dict[str, pd.DataFrame]) -> dict[str, float | int]:
    """Row counts and skew figures of generated tables (for the manifest and the report)."""
    skills = tables["role_skills"]
    general = skills[skills["industry_id"] == ""]
    n_roles = len(tables["roles"])
    roles_per_skill = general.groupby("skill_id").size().sort_values(ascending=False)
    return {
        "roles": n_roles,
        "skills": len(tables["skills"]),
        "role_skills": len(skills),
        "general_links": len(general),
        "industry_rows": len(skills) - len(general),
        "mean_skills_per_role": round(len(general) / max(n_roles, 1), 2),
        "top_skill_role_share": round(float(roles_per_skill.iloc[0]) / max(n_roles, 1), 3)
        if len(roles_per_skill)
        else 0.0,
        "median_roles_per_rated_skill": float(roles_per_skill.median())
        if len(roles_per_skill)
        else 0.0,
        "responsibilities": len(tables["role_responsibilities"]),
        "certifications": len(tables["certifications"]),
        "role_certifications": len(tables["role_certifications"]),
    }


def role_skills_with_duplicates(duplicates: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A clean role_skills table of 2 x duplicates rows, and one as long that repeats rows.

    The clean table rates a new (role, skill) pair on every row; the other is the clean table's
    first half twice, so each row of its second half repeats one of the first. Both cite the
    same roles, skills and source, and neither has an industry row.
    """
    rows = 2 * duplicates
    skills_per_role = 500
    role_ids = padded_ids("role", -(-rows // skills_per_role))
    skill_ids = padded_ids("skill", skills_per_role)
    roles, skills = np.divmod(np.arange(rows), skills_per_role)
    clean = pd.DataFrame(
        {
            "role_id": role_ids[roles],
            "skill_id": skill_ids[skills],
            "importance": np.arange(rows) % 5 + 1,
            "industry_id": "",
            "source": SOURCES[0][0],
        }
    )
    first_half = clean.head(duplicates)
    return clean, pd.concat([first_half, first_half], ignore_index=True)
