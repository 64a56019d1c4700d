"""The "Which role do we need?" page under AppTest: needs in, ranking out, the link round trip,
a pasted post, and what the page refuses.

Expected rankings are the hand-worked ones of tests/test_fit.py (tests/fixtures/finder).
"""

from __future__ import annotations

import urllib.parse

import pytest

from dashboard.core.text import WORD_JOINER, escape_markdown
from tests.apptest import page_path, run_app, unescape
from tests.support import FINDER, SHIPPED, copy_dataset, read_csv

MUST = {"finder_must_skills": ["s1", "s2"], "finder_must_responsibilities": ["r1"]}
LINK = {"must": "skill:s1,skill:s2@4,responsibility:r1"}


def table(at, *columns: str):
    """The page's table with exactly these columns (AppTest does not expose a table's key)."""
    found = [df.value for df in at.dataframe if tuple(df.value.columns) == columns]
    return found[0] if found else None


def ranking_frame(at):
    return table(at, "rank", "role", "score", "must", "nice")


def ranking(at) -> list[tuple[str, float]]:
    return [(row["role"], round(float(row["score"]), 3)) for _, row in ranking_frame(at).iterrows()]


def reasons(at, name: str):
    """The explanation table in the role's expander (labelled "<rank>. <name>: score ...")."""
    for expander in at.expander:
        if unescape(expander.label).split(". ", 1)[-1].startswith(f"{name}:"):
            return expander.dataframe[0].value
    raise KeyError(name)


def sentences(at):
    return table(at, "sentence", "read_as", "titles", "priority")


def choose(at, values: dict[str, list[str]], levels: dict[str, int] | None = None):
    for key, chosen in values.items():
        at.multiselect(key=key).set_value(chosen)
    at.run()
    for skill_id, level in (levels or {}).items():
        at.selectbox(key=f"finder_level_{skill_id}").set_value(level)
    return at.run()


def test_without_needs_the_page_asks_for_some(monkeypatch):
    at = run_app(monkeypatch, "finder", dataset=FINDER)
    assert not at.exception
    assert any("Choose at least one need" in info.value for info in at.info)
    assert ranking_frame(at) is None


def test_needs_in_ranking_out_and_into_the_link(monkeypatch):
    at = run_app(monkeypatch, "finder", dataset=FINDER)
    choose(at, MUST, {"s2": 4})
    assert not at.exception
    # a and d cover s1, s2 at 4 and r1 (a's core); b misses s2@4; c covers only s1.
    assert ranking(at) == [("Role A", 1.0), ("Role D", 1.0), ("Role B", 0.667), ("Role C", 0.333)]
    assert at.query_params["must"] == "skill:s1,skill:s2@4,responsibility:r1"
    assert "nice" not in at.query_params


def test_a_link_reproduces_the_ranking(monkeypatch):
    at = run_app(monkeypatch, "finder", query={**LINK, "nice": "cert:c1,skill:s3"}, dataset=FINDER)
    assert at.multiselect(key="finder_must_skills").value == ["s1", "s2"]
    assert at.selectbox(key="finder_level_s2").value == 4
    assert at.multiselect(key="finder_nice_certifications").value == ["c1"]
    # Nice-to-haves share 1/2 of a total 3.5: a 3.25, d 3.25, b 2.5, c 1.25.
    assert ranking(at) == [
        ("Role A", 0.929),
        ("Role D", 0.929),
        ("Role B", 0.714),
        ("Role C", 0.357),
    ]


def test_unknown_needs_in_a_link_are_named_and_dropped(monkeypatch):
    at = run_app(monkeypatch, "finder", query={"must": "skill:s1,ghost,skill:s2@9"}, dataset=FINDER)
    warning = unescape(at.warning[0].value).replace(WORD_JOINER, "")
    assert "'ghost' is not a skill, responsibility or certification id" in warning
    assert "'skill:s2@9': the level must be a whole number from 1 to 5" in warning
    assert at.multiselect(key="finder_must_skills").value == ["s1"]
    assert not at.exception


def test_the_industry_in_the_sidebar_changes_the_ranking_as_the_data_says(monkeypatch):
    at = run_app(monkeypatch, "finder", query={**LINK, "industry": "bank"}, dataset=FINDER)
    # In banking c covers all three (s2 4, r1 core); b's s1 falls to 1.
    assert [role for role, _ in ranking(at)] == ["Role A", "Role C", "Role D", "Role B"]


def test_each_role_is_explained_and_its_contributions_add_up(monkeypatch):
    at = run_app(monkeypatch, "finder", query=LINK, dataset=FINDER)
    scores = dict(ranking(at))
    for name in ("Role A", "Role B", "Role C", "Role D"):
        assert round(reasons(at, name)["contributes"].sum(), 3) == scores[name]
    b = reasons(at, "Role B")
    assert b["role_has"].tolist() == ["importance 3", "importance 3", "supporting"]
    assert b["covered"].tolist() == [True, False, True]
    assert b["sources"].tolist() == ["src_b", "src_b", "src_b"]


def test_compare_links_carry_the_top_roles_and_the_industry(monkeypatch):
    at = run_app(monkeypatch, "finder", query={**LINK, "industry": "bank"}, dataset=FINDER)
    buttons = {button.proto.id: button for button in at.get("link_button")}
    assert buttons
    urls = [button.proto.url for button in at.get("link_button")]
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(urls[0]).query)
    assert urls[0].startswith("./?")
    assert query == {"roles": ["a,c,d,b"], "industry": ["bank"]}
    # The link opens Compare with those roles: the sidebar reads them from it.
    compare = run_app(
        monkeypatch, "compare", query={"roles": "a,c,d,b", "industry": "bank"}, dataset=FINDER
    )
    assert compare.multiselect(key="selection_roles").value == ["a", "c", "d", "b"]
    assert compare.selectbox(key="selection_industry").value == "bank"


def test_leaving_the_page_and_coming_back_keeps_the_needs(monkeypatch):
    at = run_app(monkeypatch, "finder", query=LINK, dataset=FINDER)
    at.switch_page(page_path("compare")).run()
    at.switch_page(page_path("finder")).run()
    assert at.multiselect(key="finder_must_skills").value == ["s1", "s2"]
    assert at.selectbox(key="finder_level_s2").value == 4
    assert ranking(at)[0] == ("Role A", 1.0)


@pytest.fixture
def shipped_finder(monkeypatch):
    return run_app(monkeypatch, "finder", dataset=None)


def read(at, text: str):
    at.text_area(key="finder_post_text").set_value(text)
    return at.button(key="finder_read_post").click().run()


def test_a_pasted_post_is_read_and_fills_in_the_needs(shipped_finder):
    post = (SHIPPED.parent / "tests" / "job_posts" / "ambiguous_tpm_data_warehouse.md").read_text()
    at = read(shipped_finder, post)
    assert not at.exception and not at.error
    assert "never says which TPM it means" in unescape(at.warning[0].value)
    assert any(
        "Reads most like Technical Project Manager" in unescape(md.value) for md in at.markdown
    )
    read_as = sentences(at)
    row = read_as[read_as["sentence"] == "Nice to have: PMP or PRINCE2."].iloc[0]
    assert row["read_as"].startswith("certification: Project Management Professional (PMP)")
    assert row["priority"] == "nice-to-have"
    assert set(at.multiselect(key="finder_nice_certifications").value) == {"pmp", "prince2"}
    assert at.multiselect(key="finder_must_responsibilities").value  # duties filled in
    assert "cert:pmp" in at.query_params["nice"]
    assert ranking_frame(at).shape[0] == len(read_csv("roles.csv", SHIPPED))


def test_a_post_is_shown_as_text_never_as_markdown(shipped_finder):
    at = read(
        shipped_finder,
        "Scrum Master\n**Facilitate** the <b>events</b> :material/home: www.x.example.",
    )
    # Matched or not, the sentence is a table cell: text, never Markdown or HTML.
    shown = [
        cell
        for frame in (sentences(at), table(at, "sentence"))
        if frame is not None
        for cell in frame["sentence"]
    ]
    assert "**Facilitate** the <b>events</b> :material/home: www.x.example." in shown
    assert not at.exception


def test_sentences_that_match_nothing_are_listed(shipped_finder):
    at = read(shipped_finder, "Scrum Master\nWe offer a bicycle allowance and free lunches.")
    unmatched = table(at, "sentence")
    assert unmatched["sentence"].tolist() == ["We offer a bicycle allowance and free lunches."]


def test_a_post_too_long_is_refused_with_a_message_and_nothing_changes(shipped_finder):
    at = read(shipped_finder, "Project Manager\n" + "word " * 12_000)
    assert "the reader takes at most 50,000" in unescape(at.error[0].value)
    assert sentences(at) is None
    assert not at.multiselect(key="finder_must_skills").value


def test_reading_an_empty_box_asks_for_a_post(shipped_finder):
    at = shipped_finder.button(key="finder_read_post").click().run()
    assert "Paste a job post or upload one" in unescape(at.error[0].value)


def test_the_ranking_download_is_offered(monkeypatch):
    at = run_app(monkeypatch, "finder", query={**LINK, "industry": "bank"}, dataset=FINDER)
    button = at.get("download_button")[0]
    assert button.proto.label == "Download the ranking (CSV)"
    assert ranking_frame(at).shape[0] == 4


def test_a_skill_name_in_a_level_box_label_is_shown_as_text(monkeypatch, tmp_path):
    folder = copy_dataset(tmp_path, FINDER)
    hostile = "**Bold** [link](https://evil.example) :material/home:"
    skills = (folder / "skills.csv").read_text().replace("Skill one", f'"{hostile}"')
    (folder / "skills.csv").write_text(skills)
    at = run_app(monkeypatch, "finder", query={"must": "skill:s1"}, dataset=folder)
    label = at.selectbox(key="finder_level_s1").label
    assert label == escape_markdown(hostile)
    assert not at.exception
