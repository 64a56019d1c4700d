"""Names found in text word by word: longest first, plurals and Tech/Programme read as the same
word, acronyms only with their exact capitals."""

from __future__ import annotations

import pytest

from dashboard.core.phrases import acronym_words, is_acronym, keys_by, phrase_index, words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("PM", True),
        ("PgM", True),
        ("PSM I", True),
        ("ICP-ACC", True),
        ("TPM (project)", False),
        ("Scrum", False),
        ("Scrum Master", False),
        ("pm", False),
        ("AWS Certified Solutions Architect", False),
    ],
)
def test_what_counts_as_an_acronym(text, expected):
    assert is_acronym(text) is expected


@pytest.fixture
def index():
    phrases = keys_by(
        [
            (words("Program Manager"), "pgm"),
            (words("Technical Program Manager"), "tpgm"),
            (words("Technical Lead"), "tl"),
            (words("Project Manager"), "pm"),
            (words("Project Manager"), "tpm_project"),
        ]
    )
    acronyms = keys_by([(acronym_words("PM"), "pm"), (acronym_words("PSM I"), "psm_i")])
    return phrase_index(phrases, acronyms)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Senior Technical Program Manager, Payments", [("Technical Program Manager", ("tpgm",))]),
        ("Program Manager", [("Program Manager", ("pgm",))]),
        (
            "two Tech Leads and a Programme Manager",
            [("Tech Leads", ("tl",)), ("Programme Manager", ("pgm",))],
        ),
        ("report to the PM", [("PM", ("pm",))]),
        ("from 9 am to 5 pm", []),
        ("PSM I or PSM-I", [("PSM I", ("psm_i",)), ("PSM-I", ("psm_i",))]),
        ("project managers", [("project managers", ("pm", "tpm_project"))]),
        ("a programmer", []),
    ],
)
def test_phrases_are_found_longest_first(index, text, found):
    assert [(hit.written, hit.keys) for hit in index.find(text)] == found


def test_skipped_acronyms_are_left_to_the_caller(index):
    assert index.find("PM", skip=("PM",)) == []
