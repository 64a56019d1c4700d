"""Ranking roles by fit: hand-worked rankings on tests/fixtures/finder, and the fast ranking
against the plain loop on generated data.

The finder fixture (importance; emphasis; relevance), general rows, then banking's:

    role  s1  s2  s3 | r1          r2          | c1
    a      5   4   2 | core        -           | essential
    b      3   3   4 | supporting  core        | recommended
    c      4   2   5 | -           supporting  | optional
    d      3   4   3 | supporting  -           | -
    bank: b s1 -> 1; c s2 -> 4; c r1 core (added)
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from benchmarks.generate import SizeSpec, generate_tables, write_dataset
from dashboard.core.dataset import Dataset, load_dataset, parse_dataset
from dashboard.core.fit import (
    RANKING_COLUMNS,
    brings,
    explanation,
    holdings,
    rank_roles,
    ranking_table,
    reference_ranking,
)
from dashboard.core.needs import KINDS, Need, Needs, catalogue_for, parse_needs
from tests.support import FINDER

MUST = "skill:s1,skill:s2@4,responsibility:r1"


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_dataset(FINDER)


def needs(dataset: Dataset, must: str, nice: str = "") -> Needs:
    parsed, problems = parse_needs(must, nice, catalogue_for(dataset))
    assert problems == []
    return parsed


def ranked(dataset: Dataset, must: str, nice: str = "", industry: str | None = None):
    return rank_roles(holdings(dataset, industry), needs(dataset, must, nice))


@pytest.mark.parametrize(
    ("must", "nice", "industry", "order", "scores"),
    [
        # a and d cover all three (s1 >= 3, s2 >= 4, r1 held); a holds r1 core, d supporting.
        # b covers s1 and r1 (s2 is 3, under 4), c only s1 (r1 not held).
        (MUST, "", None, ["a", "d", "b", "c"], [1, 1, 2 / 3, 1 / 3]),
        # Nice-to-haves share 1/2: each weighs 0.25 of a total 3.5. a: 3 + c1 (essential);
        # d: 3 + s3 (3); b: 2 + c1 (recommended) + s3 (4); c: 1 + s3 (5), c1 optional.
        (
            MUST,
            "cert:c1,skill:s3",
            None,
            ["a", "d", "b", "c"],
            [3.25 / 3.5, 3.25 / 3.5, 2.5 / 3.5, 1.25 / 3.5],
        ),
        # In banking b's s1 is 1, c's s2 is 4 and c holds r1 core: c covers all three, and
        # ties with a on core duties (one each); a's covered skills total 9, c's 8.
        (MUST, "", "bank", ["a", "c", "d", "b"], [1, 1, 1, 1 / 3]),
        # Without a level, a skill needs importance 3: all but a (2) have s3; among them the
        # higher importance goes first (c 5, b 4, d 3).
        ("skill:s3", "", None, ["c", "b", "d", "a"], [1, 1, 1, 0]),
        # At level 5 only c's s3 will do; ties among the rest stay in file order.
        ("skill:s3@5", "", None, ["c", "a", "b", "d"], [1, 0, 0, 0]),
        # A supporting duty covers; core breaks the tie.
        ("responsibility:r2", "", None, ["b", "c", "a", "d"], [1, 1, 0, 0]),
        # Essential or recommended covers, optional does not.
        ("cert:c1", "", None, ["a", "b", "c", "d"], [1, 1, 0, 0]),
        # Only nice-to-haves: the score is their share. b has both; a, c and d one each: a's
        # is an essential certification, then c's s3 (5) beats d's (3).
        ("", "skill:s3,cert:c1", None, ["b", "a", "c", "d"], [1, 0.5, 0.5, 0.5]),
    ],
)
def test_hand_worked_rankings(dataset, must, nice, industry, order, scores):
    ranking = ranked(dataset, must, nice, industry)
    assert list(ranking.role_ids) == order
    np.testing.assert_allclose(ranking.scores, scores)


def test_a_role_with_every_must_have_ranks_first_until_it_loses_a_skill(dataset):
    assert ranked(dataset, MUST).role_ids[0] == "a"
    # Without its rating of s2, a covers s1 and r1 (2 of 3): d, which has them all, is first,
    # and a still leads b (same score, but a's r1 is core).
    files = {path.name: path.read_bytes() for path in FINDER.iterdir()}
    lines = files["role_skills.csv"].decode().splitlines()
    files["role_skills.csv"] = "\n".join(line for line in lines if line != "a,s2,4,,src_a").encode()
    without = rank_roles(holdings(parse_dataset(files), None), needs(dataset, MUST))
    assert list(without.role_ids) == ["d", "a", "b", "c"]
    np.testing.assert_allclose(without.scores, [1, 2 / 3, 2 / 3, 1 / 3])


def test_a_role_missing_a_must_have_is_never_above_one_that_has_them_all(dataset):
    # b misses s2@4 but covers both nice-to-haves; d covers every must-have and only s3.
    ranking = ranked(dataset, MUST, "skill:s3,cert:c1")
    assert ranking.role_ids.index("d") < ranking.role_ids.index("b")


@pytest.mark.parametrize("industry", [None, "bank"])
@pytest.mark.parametrize("nice", ["", "cert:c1,skill:s3"])
def test_each_explanation_adds_up_to_its_score(dataset, industry, nice):
    ranking = ranked(dataset, MUST, nice, industry)
    held = holdings(dataset, industry)
    for role_id, score in zip(ranking.role_ids, ranking.scores, strict=True):
        table = explanation(ranking, held, dataset, role_id)
        assert table["contributes"].sum() == pytest.approx(score)
        assert (table.loc[~table["covered"], "contributes"] == 0).all()


def test_the_explanation_names_each_need_the_role_value_and_its_sources(dataset):
    ranking = ranked(dataset, MUST, "cert:c1", "bank")
    table = explanation(ranking, holdings(dataset, "bank"), dataset, "c")
    assert table.to_dict("list") == {
        "need": [
            "Skill one (importance ≥ 3)",
            "Skill two (importance ≥ 4)",
            "Duty one",
            "Cert one (essential or recommended)",
        ],
        "kind": ["skill", "skill", "responsibility", "certification"],
        "priority": ["must-have", "must-have", "must-have", "nice-to-have"],
        "role_has": ["importance 4", "importance 4", "core", "optional"],
        "covered": [True, True, True, False],
        "contributes": pytest.approx([1 / 3.5, 1 / 3.5, 1 / 3.5, 0]),
        "sources": ["src_c", "src_bank", "src_bank", "src_c"],
    }


def test_the_ranking_table_lists_covered_missing_and_sources(dataset):
    ranking = ranked(dataset, MUST)
    table = ranking_table(ranking, holdings(dataset, None), dataset)
    assert tuple(table.columns) == RANKING_COLUMNS
    assert table.iloc[2].to_dict() == {
        "rank": 3,
        "role_id": "b",
        "role": "Role B",
        "score": 0.667,
        "covered": "Skill one; Duty one",
        "missing": "Skill two",
        "sources": "src_b",
    }


def test_what_a_role_brings_that_was_not_asked_for(dataset):
    found = brings(holdings(dataset, None), dataset, "b", needs(dataset, "skill:s1"))
    # s3 (4) is b's only skill from 4; r2 is its core duty (r1 only supporting); c1 recommended.
    assert found == {"skill": ["Skill three"], "responsibility": ["Duty two"], "cert": ["Cert one"]}


def test_no_needs_ranks_every_role_at_zero_in_file_order(dataset):
    ranking = rank_roles(holdings(dataset, None), Needs())
    assert list(ranking.role_ids) == ["a", "b", "c", "d"]
    assert not ranking.scores.any()


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Dataset:
    spec = SizeSpec("finder", roles=120, skills=150, skills_per_role=25, certifications=12)
    folder = write_dataset(generate_tables(spec, seed=7), tmp_path_factory.mktemp("generated"))
    return load_dataset(folder)


def random_needs(dataset: Dataset, rng: np.random.Generator, count: int) -> Needs:
    catalogue = catalogue_for(dataset)
    items = []
    for _ in range(count):
        kind = KINDS[rng.integers(len(KINDS))]
        ids = list(catalogue.names[kind])
        item_id = ids[rng.integers(len(ids))]
        level = int(rng.integers(1, 6)) if kind == "skill" and rng.random() < 0.5 else None
        items.append(Need(kind, item_id, bool(rng.random() < 0.6), level))
    return Needs(tuple({(n.kind, n.item_id): n for n in items}.values()))


@pytest.mark.parametrize("seed", range(6))
def test_fast_ranking_equals_the_plain_loop(generated, seed):
    rng = np.random.default_rng(seed)
    industry = [None, "technology", "finance", "cybersecurity"][seed % 4]
    wanted = random_needs(generated, rng, 10)
    ranking = rank_roles(holdings(generated, industry), wanted)
    assert list(ranking.role_ids) == reference_ranking(generated, wanted, industry)


def test_ranking_does_not_change_the_dataset(dataset):
    before = {name: dataset.table(name).copy() for name in ("role_skills", "role_responsibilities")}
    ranked(dataset, MUST, "cert:c1", "bank")
    for name, frame in before.items():
        pd.testing.assert_frame_equal(dataset.table(name), frame)
