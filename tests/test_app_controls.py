"""Every sidebar widget and page toggle, and the URL that carries the selection (AppTest)."""

from __future__ import annotations

import pytest

from tests.apptest import displayed, figures, open_view, run_app, side_by_side, unescape
from tests.support import copy_dataset, effective_importance, names, read_csv

ROLE_NAMES = names("roles.csv", "role_id")
SKILL_NAMES = names("skills.csv", "skill_id")
CATEGORY = {row["skill_id"]: row["category"] for row in read_csv("skills.csv")}


def skills_shown(at) -> dict[str, dict[str, int]]:
    """The compare page's skills table as {role name: {skill name: importance}}."""
    table = side_by_side(at)["skills"].set_index("item")
    return {
        role: {
            skill: int(cell.split()[0])
            for skill, cell in table[role].items()
            if cell.split()[0].isdigit()
        }
        for role in table.columns
        if role != "group"
    }


def test_choosing_roles_adds_a_column_each_and_updates_the_url(monkeypatch):
    at = run_app(monkeypatch, "compare")
    at.multiselect(key="selection_roles").set_value(
        ["platform_architect", "delivery_lead", "scrum_master"]
    ).run()
    assert not at.exception
    assert list(skills_shown(at)) == ["Platform Architect", "Delivery Lead", "Scrum Master"]
    assert skills_shown(at)["Platform Architect"] == {
        SKILL_NAMES[s]: v for s, v in effective_importance("platform_architect", "").items()
    }
    assert at.query_params["roles"] == "platform_architect,delivery_lead,scrum_master"


@pytest.mark.parametrize("page", ["compare", "overlap", "downloads"])
def test_fewer_than_two_roles_gets_a_friendly_message(monkeypatch, page):
    at = run_app(monkeypatch, page)
    at.multiselect(key="selection_roles").set_value(["scrum_master"]).run()
    assert not at.exception
    assert "at least 2 roles" in at.info[0].value
    assert not at.dataframe and not figures(at)


def test_profiles_need_one_role_only(monkeypatch):
    at = run_app(monkeypatch, "profiles")
    at.multiselect(key="selection_roles").set_value(["platform_architect"]).run()
    assert [tab.label for tab in at.tabs] == ["Platform Architect"]
    at.multiselect(key="selection_roles").set_value([]).run()
    assert not at.exception
    assert "at least one role" in at.info[0].value
    assert at.query_params["roles"] == ""


def test_industry_applies_its_override_rows_and_lands_in_the_url(monkeypatch):
    at = run_app(monkeypatch, "compare")
    assert skills_shown(at)["Delivery Lead"]["Risk management"] == 4
    at.selectbox(key="selection_industry").set_value("banking").run()
    expected = {
        SKILL_NAMES[s]: v for s, v in effective_importance("delivery_lead", "banking").items()
    }
    assert skills_shown(at)["Delivery Lead"] == expected
    assert at.query_params["industry"] == "banking"
    at.selectbox(key="selection_industry").set_value("").run()
    assert "industry" not in at.query_params


def test_an_industry_without_rows_of_its_own_says_the_general_picture_is_shown(monkeypatch):
    at = run_app(monkeypatch, "overlap")
    at.selectbox(key="selection_industry").set_value("retail").run()
    assert not at.exception
    assert "Retail has no industry-specific ratings" in unescape(at.info[0].value)
    # The general ratings still count: the two roles' similarity is the general one.
    [metric] = at.metric
    assert metric.label == "Similarity of Delivery Lead and Scrum Master"
    general = run_app(monkeypatch, "overlap").metric[0].value
    assert metric.value == general


def test_category_filter_keeps_only_skills_of_those_categories(monkeypatch):
    at = run_app(monkeypatch, "compare")
    at.multiselect(key="selection_categories").set_value(["people"]).run()
    shown = skills_shown(at)
    assert shown == {
        ROLE_NAMES[role]: {
            SKILL_NAMES[s]: v
            for s, v in effective_importance(role, "").items()
            if CATEGORY[s] == "people"
        }
        for role in ("delivery_lead", "scrum_master")
    }
    assert at.query_params["categories"] == "people"


def test_minimum_importance_hides_lower_ratings(monkeypatch):
    at = run_app(monkeypatch, "compare")
    at.radio(key="selection_min_importance").set_value(4).run()
    assert skills_shown(at) == {
        ROLE_NAMES[role]: {
            SKILL_NAMES[s]: v for s, v in effective_importance(role, "").items() if v >= 4
        }
        for role in ("delivery_lead", "scrum_master")
    }
    assert at.query_params["min"] == "4"


def test_filters_that_leave_no_skills_get_a_friendly_message(monkeypatch):
    at = run_app(monkeypatch, "compare", query={"categories": "technical"})
    assert not at.exception
    assert any("No skills match the filters" in info.value for info in at.info)
    at.switch_page("app_pages/overlap.py").run()
    assert not at.exception
    assert "No skill ratings match the filters" in at.info[0].value
    assert not figures(at)
    # Prevalence by industry needs no skill rating: that view still draws.
    [chart] = figures(open_view(at, "Industries"))
    assert chart["layout"]["title"]["text"] == "How common each role is, by industry"


def test_differences_only_hides_rows_on_which_the_roles_agree(monkeypatch, tmp_path):
    folder = copy_dataset(tmp_path)
    # Scrum Master now rates risk 4, as Delivery Lead does in general (5 in banking).
    with (folder / "role_skills.csv").open("a", encoding="utf-8") as handle:
        handle.write("scrum_master,risk,4,,handbook\n")
    at = run_app(monkeypatch, "compare", dataset=folder)
    assert "Risk management" in skills_shown(at)["Scrum Master"]
    at.toggle(key="selection_differences_only").set_value(True).run()
    assert "Risk management" not in side_by_side(at)["skills"]["item"].tolist()
    assert "Planning" in side_by_side(at)["skills"]["item"].tolist()  # 5 against 3
    assert at.query_params["diff"] == "1"
    at.selectbox(key="selection_industry").set_value("banking").run()
    # In banking Delivery Lead rates risk 5, so the roles differ again.
    assert skills_shown(at)["Delivery Lead"]["Risk management"] == 5


def test_differences_only_when_everything_agrees(monkeypatch, tmp_path):
    folder = copy_dataset(tmp_path)
    lines = ["role_id,skill_id,importance,industry_id,source"]
    lines += [f"{role},planning,3,,handbook" for role in ("delivery_lead", "scrum_master")]
    (folder / "role_skills.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for file in ("role_responsibilities.csv", "role_certifications.csv"):
        header = (folder / file).read_text(encoding="utf-8").splitlines()[0]
        (folder / file).write_text(header + "\n", encoding="utf-8")
    at = run_app(monkeypatch, "compare", query={"diff": "1"}, dataset=folder)
    assert not at.exception
    assert "agree on every row" in at.info[0].value


def test_show_sources_names_each_rows_sources_and_lists_them(monkeypatch):
    at = run_app(monkeypatch, "compare")
    title = read_csv("sources.csv")[0]["title"]
    assert not any("Sources:" in item for item in side_by_side(at)["skills"]["item"])
    assert not at.dataframe
    at.toggle(key="compare_show_sources").set_value(True).run()
    # Each row names its sources by title, never by id.
    items = side_by_side(at)["skills"]["item"]
    assert all(item.endswith(f"Sources: {title}") for item in items)
    assert any(f"(Sources: {title})" in unescape(m.value) for m in at.markdown)
    cited = displayed(at.dataframe[0])
    source = read_csv("sources.csv")[0]
    # By title: the id is for editors, on the Sources page.
    assert cited.to_dict("records") == [
        {"Title": source["title"], "Publisher": source["publisher"], "Link": source["url"]}
    ]


def test_url_parameters_seed_every_widget_and_the_view(monkeypatch):
    query = {
        "roles": "scrum_master,platform_architect",
        "industry": "banking",
        "categories": "technical,people",
        "min": "3",
        "diff": "1",
    }
    at = run_app(monkeypatch, "compare", query=query)
    assert not at.exception and not at.warning
    assert at.multiselect(key="selection_roles").value == ["scrum_master", "platform_architect"]
    assert at.selectbox(key="selection_industry").value == "banking"
    assert at.multiselect(key="selection_categories").value == ["technical", "people"]
    assert at.radio(key="selection_min_importance").value == 3
    assert at.toggle(key="selection_differences_only").value is True
    expected = {
        ROLE_NAMES[role]: {
            SKILL_NAMES[s]: v
            for s, v in effective_importance(role, "banking").items()
            if v >= 3 and CATEGORY[s] in ("technical", "people")
        }
        for role in ("scrum_master", "platform_architect")
    }
    assert skills_shown(at) == expected
    # The URL is left as it was: it already describes the view.
    assert {key: at.query_params[key] for key in query} == query


def test_a_link_keeps_its_selection_on_other_pages(monkeypatch):
    at = run_app(monkeypatch, "overlap", query={"roles": "scrum_master,platform_architect"})
    [metric] = at.metric
    assert metric.label == "Similarity of Scrum Master and Platform Architect"
    assert at.query_params["roles"] == "scrum_master,platform_architect"


def test_malformed_url_values_are_ignored_with_a_notice(monkeypatch):
    query = {
        "roles": "ghost,scrum_master,delivery_lead",
        "industry": "mars",
        "categories": "magic",
        "min": "nine",
        "diff": "maybe",
        "colour": "red",
    }
    at = run_app(monkeypatch, "compare", query=query)
    assert not at.exception and not at.error
    notice = unescape(at.warning[0].value)
    for ignored in ("ghost", "mars", "magic", "nine", "maybe", "colour"):
        assert ignored in notice
    assert at.multiselect(key="selection_roles").value == ["scrum_master", "delivery_lead"]
    assert at.selectbox(key="selection_industry").value == ""
    assert at.multiselect(key="selection_categories").value == []
    assert at.radio(key="selection_min_importance").value == 1
    assert at.toggle(key="selection_differences_only").value is False
    # The URL now describes what is shown.
    assert at.query_params["roles"] == "scrum_master,delivery_lead"
    assert "industry" not in at.query_params and "min" not in at.query_params


def test_a_link_with_no_known_role_falls_back_to_the_defaults(monkeypatch):
    at = run_app(monkeypatch, "compare", query={"roles": "<script>,x"})
    assert not at.exception
    assert at.multiselect(key="selection_roles").value == ["delivery_lead", "scrum_master"]
    assert "default" in at.warning[0].value
    # The hostile value is shown escaped, never as markup.
    assert "\\<script\\>" in at.warning[0].value


def test_a_role_without_rows_in_the_industry_is_named(monkeypatch):
    at = run_app(monkeypatch, "compare", query={"industry": "banking"})
    notices = [unescape(info.value) for info in at.info]
    # The default roles are the Delivery Lead (banking rows) and the Scrum Master (none).
    assert any(
        "Banking: no industry-specific values for Scrum Master" in notice for notice in notices
    ), notices
    assert not any("Delivery Lead" in notice for notice in notices)
