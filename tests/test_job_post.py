"""Reading job posts: sentences and headings, what each sentence was read as, the needs it
suggests, the TPM warning, and the corpus of posts in tests/job_posts."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from dashboard.core.dataset import SHIPPED_DATASET, Dataset, load_dataset
from dashboard.core.fit import holdings
from dashboard.core.job_post import (
    MAX_POST_CHARS,
    MUST,
    NICE,
    PostError,
    build_index,
    post_lines,
    read_post,
    role_mix_sentence,
    stem,
)
from dashboard.core.needs import Need

POSTS = Path(__file__).parent / "job_posts"
# The bar: the right role first on at least 10 posts of 12.
REQUIRED_SHARE = 10 / 12


@pytest.fixture(scope="module")
def shipped() -> Dataset:
    return load_dataset(SHIPPED_DATASET)


@pytest.fixture(scope="module")
def read(shipped):
    index, held = build_index(shipped), holdings(shipped, None)
    return lambda text: read_post(text, index, held, shipped)


@pytest.mark.parametrize(
    ("word", "stemmed"),
    [
        ("coordinating", "coordinat"),
        ("coordinated", "coordinat"),
        ("coordinates", "coordinat"),
        ("coordinate", "coordinat"),
        ("processes", "process"),
        ("process", "process"),
        ("dependencies", "dependency"),
        ("status", "status"),
        ("risks", "risk"),
    ],
)
def test_words_are_reduced_to_a_common_stem(word, stemmed):
    assert stem(word) == stemmed


def test_lines_become_headings_and_sentences_under_them():
    text = (
        "# Scrum Master\n\nAbout us: we build meters. We are 40 people.\n\n"
        "What you will do\n- Facilitate the events.\n* Remove impediments\n"
        "Nice to have:\n1. PSM I.\n"
    )
    lines = [(line.text, line.section, line.heading) for line in post_lines(text)]
    assert lines == [
        ("Scrum Master", "Scrum Master", True),
        ("About us: we build meters.", "Scrum Master", False),
        ("We are 40 people.", "Scrum Master", False),
        ("What you will do", "What you will do", True),
        ("Facilitate the events.", "What you will do", False),
        ("Remove impediments", "What you will do", False),
        ("Nice to have:", "Nice to have", True),
        ("PSM I.", "Nice to have", False),
    ]


def test_each_sentence_says_what_it_was_read_as(read):
    reading = read(
        "Project Manager\n"
        "Set the program roadmap and timelines with the product leads.\n"
        "Certified ScrumMaster (CSM) or PSM I required.\n"
        "Nice to have\n- Experience with Docker and Kubernetes.\n"
        "- We offer a bicycle allowance.\n"
    )
    by_text = {s.text: s for s in reading.sentences}
    roadmap = by_text["Set the program roadmap and timelines with the product leads."]
    assert roadmap.matches[0].item_id == "plan_program_roadmap"
    assert roadmap.priority == MUST
    certs = by_text["Certified ScrumMaster (CSM) or PSM I required."]
    assert [(m.kind, m.item_id) for m in certs.matches] == [("cert", "csm"), ("cert", "psm_i")]
    containers = by_text["Experience with Docker and Kubernetes."]
    assert containers.matches[0].item_id == "containers_orchestration"
    assert containers.priority == NICE
    assert Need("skill", "containers_orchestration", False) in reading.needs.items
    assert reading.unmatched == ["We offer a bicycle allowance."]
    assert Need("cert", "csm", True) in reading.needs.items
    assert Need("responsibility", "plan_program_roadmap", True) in reading.needs.items
    # The title line names the Project Manager, and nothing else does.
    assert reading.role_mix.iloc[0]["role_id"] == "project_manager"
    assert role_mix_sentence(reading).startswith("Reads most like Project Manager, then ")


def test_a_role_title_is_read_as_a_title_not_as_a_certification(read):
    reading = read("Our Scrum Masters meet every week.")
    assert reading.sentences[0].titles == ("Scrum Masters",)
    assert not [m for m in reading.sentences[0].matches if m.kind == "cert"]


@pytest.mark.parametrize(
    ("text", "warns"),
    [
        ("TPM, Payments\nYou will run the TPM community.", True),
        ("Technical Program Manager (TPM)\nTPMs here lead programs.", False),
        ("TPM\nWe hire a technical project manager.", False),
        ("TPM\nTechnical Program Manager or Technical Project Manager.", True),
        ("Technical Program Manager\nNo acronym at all.", False),
    ],
)
def test_a_plain_tpm_is_flagged_unless_the_post_says_which(read, text, warns):
    assert (read(text).tpm_warning is not None) is warns


def test_an_unclear_tpm_leans_on_the_post_s_words_and_says_so(read):
    reading = read("TPM\nYou will run one project. The project ends in June. Plan the project.")
    assert "a project 3 time(s) and of a program 0 time(s)" in reading.tpm_warning
    assert reading.role_mix.iloc[0]["role_id"] == "technical_project_manager"


def test_a_post_over_the_limit_is_refused(read):
    with pytest.raises(PostError, match="50,000"):
        read("x" * (MAX_POST_CHARS + 1))


def test_an_empty_post_reads_as_nothing(read):
    reading = read("")
    assert reading.sentences == () and not reading.needs
    assert (
        role_mix_sentence(reading) == "The post names no role and matches nothing in the catalogue."
    )


def corpus() -> list[dict[str, str]]:
    with (POSTS / "index.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_corpus_has_two_posts_or_more_per_shipped_role_and_mixed_ones(shipped):
    rows = corpus()
    assert len(rows) >= 12
    for role_id in shipped.role_names:
        assert sum(row["role_id"] == role_id for row in rows) >= 2, role_id
    assert sum(bool(row["second_role_id"]) for row in rows) >= 2
    assert all((POSTS / row["file"]).is_file() for row in rows)


def test_the_reader_puts_the_right_role_first_on_the_corpus(read):
    rows = corpus()
    wrong = []
    for row in rows:
        reading = read((POSTS / row["file"]).read_text(encoding="utf-8"))
        if reading.role_mix.iloc[0]["role_id"] != row["role_id"]:
            wrong.append((row["file"], reading.role_mix.iloc[0]["role_id"]))
    right = len(rows) - len(wrong)
    print(f"reader: the right role first on {right} of {len(rows)} posts; wrong: {wrong}")
    assert right >= REQUIRED_SHARE * len(rows), wrong


def test_only_the_post_that_says_just_tpm_gets_the_warning(read):
    warned = {
        row["file"]
        for row in corpus()
        if read((POSTS / row["file"]).read_text(encoding="utf-8")).tpm_warning
    }
    assert warned == {"ambiguous_tpm_data_warehouse.md"}
