"""A team's needs written as kind:id[@level]: parsed, refused by name, and written back."""

from __future__ import annotations

import pytest

from dashboard.core.dataset import load_dataset
from dashboard.core.needs import Need, Needs, catalogue_for, needs_from, needs_params, parse_needs
from tests.support import FINDER


@pytest.fixture(scope="module")
def catalogue():
    return catalogue_for(load_dataset(FINDER))


@pytest.mark.parametrize(
    ("must", "nice", "expected"),
    [
        ("skill:s1", "", [Need("skill", "s1", True)]),
        ("s1", "", [Need("skill", "s1", True)]),  # a bare id found in one catalogue
        ("skill:s2@4", "", [Need("skill", "s2", True, 4)]),
        (" r1 , cert:c1 ", "", [Need("responsibility", "r1", True), Need("cert", "c1", True)]),
        ("SKILL:S1", "", [Need("skill", "s1", True)]),  # typed by hand
        ("s1,s1", "", [Need("skill", "s1", True)]),
        ("", "skill:s3,cert:c1", [Need("skill", "s3", False), Need("cert", "c1", False)]),
        (["skill:s1", "r1"], "", [Need("skill", "s1", True), Need("responsibility", "r1", True)]),
    ],
)
def test_needs_are_read(catalogue, must, nice, expected):
    needs, problems = parse_needs(must, nice, catalogue)
    assert problems == []
    assert list(needs.items) == expected


@pytest.mark.parametrize(
    ("must", "problem"),
    [
        ("ghost", "'ghost' is not a skill, responsibility or certification id of this dataset"),
        ("skill:r1", "'r1' is not a skill id of this dataset"),
        ("cert:nope", "'nope' is not a certification id of this dataset"),
        ("role:a", "'role:a': unknown kind 'role' (use skill:, responsibility:, cert:)"),
        (
            "pmp",
            "'pmp' is ambiguous: it is a skill and a certification id; write skill:pmp or cert:pmp",
        ),
        ("skill:s1@6", "'skill:s1@6': the level must be a whole number from 1 to 5"),
        ("skill:s1@high", "'skill:s1@high': the level must be a whole number from 1 to 5"),
        ("cert:c1@3", "'cert:c1@3': only a skill takes a level (@1-5)"),
    ],
)
def test_unknown_or_unclear_ids_are_refused_by_name(catalogue, must, problem):
    needs, problems = parse_needs(must, "", catalogue)
    assert problems == [problem]
    assert not needs


def test_a_need_given_as_both_is_a_must_have(catalogue):
    needs, problems = parse_needs("s1", "skill:s1,s3", catalogue)
    assert list(needs.items) == [Need("skill", "s1", True), Need("skill", "s3", False)]
    assert problems == ["'skill:s1' is both a must-have and a nice-to-have: kept as a must-have"]


def test_a_long_hostile_value_is_quoted_short(catalogue):
    _, problems = parse_needs("x" * 5000, "", catalogue)
    assert len(problems[0]) < 200


def test_needs_round_trip_through_the_link(catalogue):
    needs, _ = parse_needs("skill:s2@4,r1", "cert:c1", catalogue)
    params = needs_params(needs)
    assert params == {"must": "skill:s2@4,responsibility:r1", "nice": "cert:c1"}
    again, problems = parse_needs(params["must"], params["nice"], catalogue)
    assert again == needs and problems == []
    assert needs_params(Needs()) == {}


def test_needs_from_a_list_puts_must_haves_first_once():
    items = [Need("skill", "s3", False), Need("skill", "s1", True), Need("skill", "s3", True)]
    assert needs_from(items).items == (Need("skill", "s1", True), Need("skill", "s3", True))
