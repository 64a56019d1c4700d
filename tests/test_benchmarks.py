"""The benchmark's generator makes valid, deterministic, skewed datasets; its quick mode runs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from benchmarks.generate import (
    SizeSpec,
    dataset_folder,
    describe,
    generate_tables,
    sample_distinct,
    write_dataset,
)
from dashboard.core.columns import CONTRACT, FACT_TABLES
from dashboard.core.comparison import Selection, filtered_ratings
from dashboard.core.dataset import load_dataset
from dashboard.core.selection import effective_role_skills
from dashboard.core.similarity import naive_similarity_matrix, similarity_matrix

ROOT = Path(__file__).resolve().parents[1]
# Big enough for a visible skew and for the similarity's dense path (a column held by more than
# 32 roles), small enough to generate, load and compare naively in about a second.
SPEC = SizeSpec(
    "test",
    roles=120,
    skills=300,
    skills_per_role=15,
    certifications=12,
    override_share=0.05,
    addition_share=0.02,
    empty_roles=6,
)
QUICK_LIMIT_S = 60


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """The test size, written once for the module."""
    return write_dataset(generate_tables(SPEC, seed=7), tmp_path_factory.mktemp("generated"))


@pytest.fixture(scope="module")
def dataset(folder):
    """The test size, loaded and validated by the app's own loader."""
    return load_dataset(folder)


def test_generated_dataset_passes_validation_with_every_file(folder, dataset):
    assert {spec.file for spec in CONTRACT} <= {path.name for path in folder.iterdir()}
    assert len(dataset.roles) == SPEC.roles
    assert len(dataset.skills) == SPEC.skills
    assert len(dataset.industries) == SPEC.industries
    assert len(dataset.certifications) == SPEC.certifications
    assert len(dataset.default_role_ids) == 5
    for table in FACT_TABLES:
        frame = dataset.table(table)
        assert len(frame) > 0, table
        assert (frame["source"] != "").all(), f"{table} has a row without a source"


def test_generated_dataset_has_the_requested_shape(dataset):
    general = dataset.role_skills[dataset.role_skills["industry_id"] == ""]
    per_role = general.groupby("role_id").size()
    # The last empty_roles roles have no general skills; the others about skills_per_role.
    assert len(per_role) == SPEC.roles - SPEC.empty_roles
    assert per_role.mean() == pytest.approx(SPEC.skills_per_role, rel=0.1)
    assert set(general["importance"]) == {1, 2, 3, 4, 5}
    industry_rows = len(dataset.role_skills) - len(general)
    assert 0.03 * len(general) <= industry_rows <= 0.10 * len(general)
    assert dataset.role_skills["industry_id"].nunique() == SPEC.industries + 1
    assert (dataset.responsibilities["industry_id"] != "").any()
    assert (dataset.role_certifications["industry_id"] != "").any()


def test_overrides_change_the_rating_they_replace(dataset):
    rows = dataset.role_skills
    general = rows[rows["industry_id"] == ""].set_index(["role_id", "skill_id"])["importance"]
    specific = rows[rows["industry_id"] != ""]
    keys = pd.MultiIndex.from_frame(specific[["role_id", "skill_id"]])
    overridden = keys.isin(general.index)
    assert overridden.sum() > 0 and (~overridden).sum() > 0  # overrides and additions
    before = general.reindex(keys[overridden]).to_numpy()
    assert (specific["importance"].to_numpy()[overridden] != before).all()


def test_skill_popularity_is_skewed(dataset):
    general = dataset.role_skills[dataset.role_skills["industry_id"] == ""]
    roles_per_skill = general.groupby("skill_id").size().sort_values(ascending=False)
    rated_roles = SPEC.roles - SPEC.empty_roles
    # A few skills shared by most roles, most skills by a handful.
    assert roles_per_skill.iloc[0] >= 0.5 * rated_roles
    assert roles_per_skill.median() <= 0.05 * rated_roles
    assert roles_per_skill.iloc[:10].sum() >= 0.2 * len(general)


def test_generator_is_deterministic():
    first, again = generate_tables(SPEC, seed=3), generate_tables(SPEC, seed=3)
    other = generate_tables(SPEC, seed=4)
    for name, frame in first.items():
        pd.testing.assert_frame_equal(frame, again[name])
    assert not first["role_skills"].equals(other["role_skills"])


def test_sample_distinct_gives_distinct_items_per_row():
    rng = np.random.default_rng(0)
    weights = np.full(10, 0.1)
    rows, items = sample_distinct(rng, np.array([3, 10, 12, 0]), 10, weights)
    assert np.bincount(rows, minlength=4).tolist() == [3, 10, 10, 0]
    assert len(set(zip(rows.tolist(), items.tolist(), strict=True))) == len(rows)


def test_cached_folder_is_reused(tmp_path):
    first = dataset_folder(SPEC, seed=1, cache_dir=tmp_path)
    stamp = (first / "role_skills.csv").stat().st_mtime_ns
    assert dataset_folder(SPEC, seed=1, cache_dir=tmp_path) == first
    assert (first / "role_skills.csv").stat().st_mtime_ns == stamp
    assert dataset_folder(SPEC, seed=2, cache_dir=tmp_path) != first
    summary = json.loads((first / "manifest.json").read_text())["summary"]
    assert summary == describe(generate_tables(SPEC, seed=1))


@pytest.mark.parametrize("industry", [None, "technology", "cybersecurity", "finance"])
def test_fast_similarity_equals_naive_after_the_industry_override(dataset, industry):
    role_ids = dataset.roles["role_id"].tolist()
    ratings = effective_role_skills(dataset, None, industry)
    rated = set(ratings["role_id"])
    assert any(role_id not in rated for role_id in role_ids), "the test needs empty roles"
    np.testing.assert_allclose(
        similarity_matrix(ratings, role_ids),
        naive_similarity_matrix(ratings, role_ids),
        rtol=0,
        atol=1e-12,
    )


def test_fast_similarity_equals_naive_after_filters(dataset):
    role_ids = dataset.roles["role_id"].tolist()
    selection = Selection(
        tuple(role_ids),
        industry_id="healthcare",
        categories=("technical", "tools"),
        min_importance=3,
    )
    ratings = filtered_ratings(dataset, selection)
    np.testing.assert_allclose(
        similarity_matrix(ratings, role_ids),
        naive_similarity_matrix(ratings, role_ids),
        rtol=0,
        atol=1e-12,
    )


def test_quick_benchmark_runs_and_writes_json(tmp_path):
    """The CI mode: small sizes, finishes well inside a minute, JSON with the expected keys."""
    out = tmp_path / "quick.json"
    env = {**os.environ, "BENCHMARK_CACHE": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--json", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=QUICK_LIMIT_S,
        check=False,
    )
    elapsed = time.perf_counter() - start
    assert done.returncode == 0, done.stderr[-3000:]
    assert elapsed < QUICK_LIMIT_S
    assert "load + validate" in done.stdout
    report = json.loads(out.read_text())
    assert {"meta", "sizes", "targets", "targets_enforced"} <= report.keys()
    assert report["meta"]["quick"] is True
    assert list(report["sizes"]) == ["shipped", "small"]
    for size in report["sizes"].values():
        core = size["core"]
        assert "error" not in core, core.get("error")
        assert {
            "load",
            "override",
            "comparison",
            "similarity",
            "similarity_naive",
            "export_wide",
            "export_long",
            "export_top_k",
            "export_all_pairs",
        } <= core["steps"].keys()
        for step in core["steps"].values():
            assert step["median_s"] is not None and step["median_s"] >= 0
        assert core["steps"]["similarity_naive"]["extra"]["identical_to_fast"] is True
        assert core["similarity_ratio"] > 0
        assert "error" not in size["app"], size["app"].get("error")
    assert all(row["status"] in {"PASS", "MISS", "n/a"} for row in report["targets"])
