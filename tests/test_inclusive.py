"""The inclusive-wording check: the published word lists as read, and how words are matched."""

from __future__ import annotations

import csv

import pytest

from dashboard.core.inclusive import (
    FEMININE,
    MASCULINE,
    WORDLIST,
    CodedStem,
    coded_stems,
    coded_words,
    findings,
)

PROVENANCE = WORDLIST.parent / "README.md"
LICENCE = WORDLIST.parent / "LICENSE-gender-decoder.txt"


def test_the_lists_are_read_as_stored_with_their_provenance_and_licence():
    with WORDLIST.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    stems = coded_stems()
    assert [(s.stem, s.coded) for s in stems] == [(r["stem"], r["coded"]) for r in rows]
    # The counts of Gender Decoder's app/wordlists/en.py at the recorded commit.
    assert sum(s.coded == FEMININE for s in stems) == 50
    assert sum(s.coded == MASCULINE for s in stems) == 52
    assert {s.coded for s in stems} == {FEMININE, MASCULINE}
    readme = PROVENANCE.read_text(encoding="utf-8")
    for fact in (
        "lovedaybrooke/gender-decoder",
        "app/wordlists/en.py",
        "9250c61f72839f70a350561346eeca598a971dc2",
        "MIT",
        "Gaucher",
    ):
        assert fact in readme
    notice = LICENCE.read_text(encoding="utf-8")
    assert notice.startswith("The MIT License (MIT)")
    assert "Copyright (c) 2016 lovedaybrooke" in notice


STEMS = [
    CodedStem("lead", MASCULINE),
    CodedStem("compet", MASCULINE),
    CodedStem("self-relian", MASCULINE),
    CodedStem("domina", MASCULINE),
    CodedStem("dominant", MASCULINE),
    CodedStem("support", FEMININE),
    CodedStem("share", FEMININE),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Leads a team", [("leads", "lead")]),
        ("leadership and LEADING", [("leadership", "lead"), ("leading", "lead")]),
        ("a competitive, competent team", [("competitive", "compet"), ("competent", "compet")]),
        # A hyphenated stem matches the whole word; other hyphenated words part by part.
        ("self-reliant people", [("self-reliant", "self-relian")]),
        ("well-supported", [("supported", "support")]),
        # Several stems: the longest counts, once.
        ("a dominant force", [("dominant", "dominant")]),
        # Stems match the start of a word only.
        ("mislead, outcompete", []),
        ("SharePoint", [("sharepoint", "share")]),
        ("Zoë", []),
        ("", []),
    ],
)
def test_coded_words(text, expected):
    assert [(word, stem.stem) for word, stem in coded_words(text, STEMS)] == expected


def test_findings_gather_each_stem_with_its_words_count_and_places():
    found = findings(
        [
            ("Purpose", "Leads the team; support it."),
            ("Skills", "Team leadership"),
            ("Skills", "Supports, leads"),
        ],
        STEMS,
    )
    assert [(f.stem, f.coded, f.words, f.count, f.where) for f in found] == [
        ("lead", MASCULINE, ("leads", "leadership"), 3, ("Purpose", "Skills")),
        ("support", FEMININE, ("support", "supports"), 2, ("Purpose", "Skills")),
    ]


def test_findings_use_the_stored_lists_by_default():
    found = findings([("Purpose", "An ambitious, collaborative lead")])
    assert [(f.stem, f.coded) for f in found] == [
        ("ambitio", MASCULINE),
        ("collab", FEMININE),
        ("lead", MASCULINE),
    ]
