"""Every page renders, and shows the values in the CSV files (AppTest, mini and shipped data)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard.core.text import TPM_NOTE
from tests.apptest import (
    OVERLAP_CHART_KEYS,
    PAGES,
    array,
    displayed,
    figures,
    open_view,
    page_path,
    run_app,
    side_by_side,
    unescape,
)
from tests.support import (
    MINI,
    SHIPPED,
    copy_dataset,
    effective_duties,
    effective_importance,
    hand_jaccard,
    names,
    read_csv,
)

ROLE_NAMES = names("roles.csv", "role_id")
SKILL_NAMES = names("skills.csv", "skill_id")
DEFAULT_ROLES = ["delivery_lead", "scrum_master"]  # default = yes in the mini roles.csv
# The compare page's tables, in page order.
RESPONSIBILITIES, SKILLS, CERTIFICATIONS, CITED_SOURCES = range(4)


@pytest.mark.parametrize("dataset", [MINI, None], ids=["mini", "shipped"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_without_exception(monkeypatch, page, dataset):
    at = run_app(monkeypatch, page, dataset=dataset)
    assert not at.exception
    assert not at.error
    assert len(at.title) == 1
    # The sidebar shows the filters that change the page, each keyed, and no other.
    shown = {
        "compare": {"roles", "industry", "categories", "min", "diff"},
        "overlap": {"roles", "industry", "categories", "min"},
        "downloads": {"roles", "industry", "categories", "min", "diff"},
        "profiles": {"roles"},
        "finder": {"industry"},
    }.get(page, set())
    widgets = {
        "roles": lambda: at.multiselect(key="selection_roles").value,
        "industry": lambda: at.selectbox(key="selection_industry").value,
        "categories": lambda: at.multiselect(key="selection_categories").value,
        "min": lambda: at.radio(key="selection_min_importance").value,
        "diff": lambda: at.toggle(key="selection_differences_only").value,
    }
    for name, read in widgets.items():
        if name in shown:
            read()
        else:
            with pytest.raises(KeyError):
                read()
    if "roles" in shown:
        assert at.multiselect(key="selection_roles").value
    if "industry" in shown:
        assert at.selectbox(key="selection_industry").value == ""


def cell_number(cell: str) -> int | None:
    """An importance cell's level ("5", "5 Banking-specific"), or None for "not rated"."""
    first = cell.split()[0]
    return int(first) if first.isdigit() else None


def test_compare_shows_each_role_in_its_own_column_with_the_csv_values(monkeypatch):
    at = run_app(monkeypatch, "compare")
    tables = side_by_side(at)
    skills = tables["skills"].set_index("item")
    assert list(skills.columns) == ["group", "Delivery Lead", "Scrum Master"]
    for role_id in DEFAULT_ROLES:
        column = skills[ROLE_NAMES[role_id]]
        shown = {skill: cell_number(c) for skill, c in column.items() if cell_number(c)}
        expected = {SKILL_NAMES[s]: v for s, v in effective_importance(role_id, "").items()}
        assert shown == expected

    duties = tables["responsibilities"]
    catalogue = {row["responsibility_id"]: row for row in read_csv("responsibilities.csv")}
    expected_duties = {
        (catalogue[duty]["area"], catalogue[duty]["name"], ROLE_NAMES[role_id], emphasis)
        for role_id in DEFAULT_ROLES
        for duty, emphasis in effective_duties(role_id, "").items()
    }
    shown_duties = {
        (row["group"], row["item"], role, row[role].split()[-1])
        for _, row in duties.iterrows()
        for role in ("Delivery Lead", "Scrum Master")
        if row[role] != "not held"
    }
    assert shown_duties == expected_duties

    certificates = tables["certifications"]
    catalogue = {row["cert_id"]: row for row in read_csv("certifications.csv")}
    for row in read_csv("role_certifications.csv"):
        if row["role_id"] in DEFAULT_ROLES and not row["industry_id"]:
            facts = catalogue[row["cert_id"]]
            [item] = [i for i in certificates["item"] if i.startswith(facts["name"] + " ")]
            shown = certificates.set_index("item").loc[item, ROLE_NAMES[row["role_id"]]]
            assert shown == row["relevance"]
            for label, column in (
                ("Issuer", "issuer"),
                ("Prerequisites", "prerequisites"),
                ("Renewal", "renewal"),
            ):
                assert f"{label}: {facts[column]}" in item
            assert item.endswith("Official page")


def test_compare_in_an_industry_shows_the_override_rows(monkeypatch):
    at = run_app(monkeypatch, "compare", query={"industry": "banking"})
    tables = side_by_side(at)
    skills = tables["skills"].set_index("item")
    override = next(
        row
        for row in read_csv("role_skills.csv")
        if row["industry_id"] == "banking"
        and row["role_id"] == "delivery_lead"
        and row["skill_id"] == "risk"
    )
    # Values from an industry row carry a badge naming the industry.
    assert skills.loc["Risk management", "Delivery Lead"] == "5 Banking-specific"
    assert int(override["importance"]) == 5
    assert skills.loc["Security", "Delivery Lead"] == "3 Banking-specific"  # added by banking
    assert skills.loc["Planning", "Delivery Lead"] == "5"  # a general row: no badge
    duties = tables["responsibilities"].set_index("item")
    assert duties.loc["Keep regulators informed", "Delivery Lead"] == "● core Banking-specific"
    certificates = tables["certifications"]
    pmp = next(i for i in certificates["item"] if i.startswith("Project Management Professional"))
    assert certificates.set_index("item").loc[pmp, "Delivery Lead"] == "essential Banking-specific"
    # Banking has rows for the Delivery Lead; the one notice names the Scrum Master, who has none.
    [notice] = at.info
    assert "no industry-specific values for Scrum Master" in unescape(notice.value)


def test_profiles_show_each_role_from_roles_csv(monkeypatch):
    at = run_app(monkeypatch, "profiles", query={"roles": "scrum_master,platform_architect"})
    assert [tab.label for tab in at.tabs] == ["Scrum Master", "Platform Architect"]
    roles = {row["role_id"]: row for row in read_csv("roles.csv")}
    for tab, role_id in zip(at.tabs, ["scrum_master", "platform_architect"], strict=True):
        text = unescape("\n".join(m.value for m in tab.markdown))
        for column in ("summary", "scope", "background", "career_path", "onet_soc", "esco"):
            assert roles[role_id][column] in text
        prevalence = displayed(tab.dataframe[0])
        expected = {
            names("industries.csv", "industry_id")[row["industry_id"]]: int(row["prevalence"])
            for row in read_csv("role_industries.csv")
            if row["role_id"] == role_id
        }
        assert dict(zip(prevalence["Industry"], prevalence["Prevalence"], strict=True)) == expected
    links = "\n".join(m.value for m in at.tabs[0].markdown)
    assert "(https://www.onetonline.org/link/summary/15-1299.09)" in links
    assert not any(info.value == TPM_NOTE for info in at.info)


def test_profiles_carry_the_tpm_note_only_where_it_applies(monkeypatch):
    query = {"roles": "technical_program_manager,agile_coach,technical_project_manager"}
    at = run_app(monkeypatch, "profiles", query=query, dataset=None)
    notes = [any(info.value == TPM_NOTE for info in tab.info) for tab in at.tabs]
    assert notes == [True, False, True]


EVERY_MINI_ROLE = {"roles": "*"}


def test_overlap_opens_on_the_similarity_view_and_draws_only_it(monkeypatch):
    at = run_app(monkeypatch, "overlap", query=EVERY_MINI_ROLE)
    views = [tab.label for tab in at.tabs if tab.label not in ("Chart", "Table")]
    assert views == list(OVERLAP_CHART_KEYS)
    # Only the open view (and its open Chart tab) is built and sent.
    [heatmap] = figures(at)
    assert "weighted Jaccard" in heatmap["layout"]["title"]["text"]
    assert not at.dataframe
    assert any("weighted Jaccard" in m.value for m in at.markdown)


CHART_VIEWS = [view for view, key in OVERLAP_CHART_KEYS.items() if key]


@pytest.mark.parametrize("view", CHART_VIEWS)
def test_each_overlap_view_draws_one_titled_chart_and_its_table(monkeypatch, view):
    query = {"industry": "banking", **EVERY_MINI_ROLE}
    at = open_view(run_app(monkeypatch, "overlap", query=query), view)
    assert not at.exception
    [chart] = figures(at)
    layout = chart["layout"]
    assert layout["title"]["text"]
    assert layout["xaxis"]["title"]["text"] and layout["yaxis"]["title"]["text"]
    tables_with_chart = len(at.dataframe)
    open_view(at, view, tab="Table")
    assert not figures(at)
    # The Table tab replaces the chart with one table of the same numbers.
    assert len(at.dataframe) == tables_with_chart + 1


def test_overlap_similarity_is_the_hand_worked_weighted_jaccard(monkeypatch):
    query = {"industry": "banking", **EVERY_MINI_ROLE}
    at = run_app(monkeypatch, "overlap", query=query)
    z = array(figures(at)[0]["data"][0]["z"])
    expected = hand_jaccard(
        effective_importance("delivery_lead", "banking"),
        effective_importance("scrum_master", "banking"),
    )
    assert z[0, 1] == pytest.approx(expected, abs=1e-6) == pytest.approx(5 / 18, abs=1e-6)
    table = displayed(open_view(at, "Similarity", tab="Table").dataframe[0])
    assert list(table["Role"]) == ["Delivery Lead", "Scrum Master", "Platform Architect"]
    assert table.loc[0, "Scrum Master"] == pytest.approx(round(5 / 18, 3))


def test_importance_table_heads_skills_and_roles_and_leaves_not_rated_blank(monkeypatch):
    query = {"industry": "banking", **EVERY_MINI_ROLE}
    at = open_view(run_app(monkeypatch, "overlap", query=query), "Importance", tab="Table")
    table = displayed(at.dataframe[-1]).set_index("Skill")
    assert list(table.columns) == ["Delivery Lead", "Scrum Master", "Platform Architect"]
    mini_roles = ("delivery_lead", "scrum_master", "platform_architect")
    for role_id, column in zip(mini_roles, table.columns, strict=True):
        rated = {SKILL_NAMES[s]: v for s, v in effective_importance(role_id, "banking").items()}
        for skill, value in table[column].items():
            if skill in rated:
                assert value == rated[skill]
            else:
                assert pd.isna(value)  # not rated: blank, never 0


def test_two_roles_get_their_similarity_as_a_number_and_a_sentence(monkeypatch):
    at = run_app(monkeypatch, "overlap", query={"industry": "banking"})
    assert not figures(at)  # one number needs no heatmap
    [metric] = at.metric
    assert metric.label == "Similarity of Delivery Lead and Scrum Master"
    assert metric.value == f"{5 / 18:.2f}"
    sentence = next(unescape(m.value) for m in at.markdown if "overlap 0.28" in unescape(m.value))
    assert "share some ground but differ more than they overlap" in sentence


def test_a_role_has_one_colour_across_the_overlap_charts(monkeypatch):
    at = run_app(monkeypatch, "overlap", query={"industry": "banking"})
    colours = {}
    for view in ("Shared and unique", "Categories", "Industries"):
        for trace in figures(open_view(at, view))[0]["data"]:
            colours.setdefault(trace["name"], set()).add(trace["marker"]["color"])
    assert set(colours) == {"Delivery Lead", "Scrum Master"}
    assert all(len(found) == 1 for found in colours.values())
    assert colours["Delivery Lead"] != colours["Scrum Master"]


def test_overlap_view_comes_from_the_link(monkeypatch):
    at = run_app(monkeypatch, query={"overlap_view": "Categories"})
    at.switch_page(page_path("overlap")).run()
    [chart] = figures(at)
    assert chart["layout"]["title"]["text"] == "Skill profile per category"
    # The view's parameter is the tab's own, not a selection parameter: no "unknown" notice.
    assert not at.warning


def test_overlap_lists_shared_and_unique_skills(monkeypatch):
    at = open_view(run_app(monkeypatch, "overlap"), "Shared and unique")
    ratings = {role: effective_importance(role, "") for role in DEFAULT_ROLES}
    shared = sorted(
        SKILL_NAMES[s] for s in set(ratings["delivery_lead"]) & set(ratings["scrum_master"])
    )
    text = unescape("\n".join(m.value for m in at.markdown))
    assert f"Skills all 2 roles share ({len(shared)}):" in text
    for name in shared:
        assert name in text
    unique = displayed(at.dataframe[0]).set_index("Role")
    assert unique.loc["Delivery Lead", "Skills"] == "Risk management"
    assert unique.loc["Scrum Master", "Count"] == 0


@pytest.mark.parametrize(
    ("anchor", "industry"),
    [("scrum_master", ""), ("platform_architect", "banking"), ("delivery_lead", "banking")],
)
def test_most_similar_roles_rank_every_role_of_the_dataset(monkeypatch, anchor, industry):
    query = {"industry": industry} if industry else {}
    at = open_view(run_app(monkeypatch, "overlap", query=query), "Most similar")
    at.selectbox(key="overlap_most_similar_role").set_value(anchor).run()
    assert not at.exception
    shown = displayed(at.dataframe[0])
    others = [role for role in ROLE_NAMES if role != anchor]
    scores = {
        ROLE_NAMES[role]: hand_jaccard(
            effective_importance(anchor, industry), effective_importance(role, industry)
        )
        for role in others
    }
    expected = sorted(scores.items(), key=lambda item: -item[1])
    assert list(shown["Role"]) == [name for name, _ in expected]
    assert list(shown["Similarity"]) == pytest.approx([score for _, score in expected])
    assert list(shown["Rank"]) == [1, 2]


def test_downloads_offers_the_six_files(monkeypatch):
    at = run_app(monkeypatch, "downloads")
    labels = {
        key: at.download_button(key=f"download_{key}").proto.label
        for key in (
            "key-differences",
            "comparison",
            "comparison-long",
            "similarity",
            "similarity-top-k",
            "similarity-all-pairs",
        )
    }
    assert labels == {
        "key-differences": "Download the key differences (CSV)",
        "comparison": "Download the comparison, one column per role (CSV)",
        "comparison-long": "Download the comparison, one row per value (CSV)",
        "similarity": "Download the similarity matrix (CSV)",
        "similarity-top-k": "Download each role's 10 most similar roles (CSV)",
        "similarity-all-pairs": "Download all pairs (CSV)",
    }
    # Built on click only (a callable), so the page holds a deferred file, not bytes.
    assert all(at.download_button(key=f"download_{key}").proto.deferred_file_id for key in labels)


def test_sources_page_lists_sources_csv_with_links_and_attribution(monkeypatch):
    at = run_app(monkeypatch, "sources", dataset=None)
    table = displayed(at.dataframe[0])
    expected = read_csv("sources.csv", SHIPPED)
    # People read sources by title; the ids and file paths come on demand.
    assert list(table.columns) == ["Title", "Publisher", "Link", "Licence", "Kind", "Note"]
    assert list(table["Title"]) == [row["title"] for row in expected]
    assert list(table["Link"]) == [row["url"] for row in expected]
    at.toggle(key="sources_show_ids").set_value(True).run()
    table = displayed(at.dataframe[0])
    assert list(table.columns[:2]) == ["Source id", "Title"]
    assert "Local copy" in table.columns
    assert list(table["Source id"]) == [row["source_id"] for row in expected]
    text = unescape("\n".join(m.value for m in at.markdown))
    assert "O*NET 30 Database" in text and "CC BY 4.0" in text
    assert TPM_NOTE in text
    assert "Importance" in text


def with_extra_roles(tmp_path, count: int = 60) -> tuple[Path, list[str]]:
    """A copy of the mini dataset with count more roles ("Extra 00", ...); its folder, their ids."""
    folder = copy_dataset(tmp_path)
    extra = [f"extra_{i:02d}" for i in range(count)]
    with (folder / "roles.csv").open("a", encoding="utf-8") as handle:
        for role_id in extra:
            handle.write(f"{role_id},Extra {role_id[-2:]},,,,,,,,no,handbook\n")
    return folder, extra


# The columns of the Compare grids that label rows rather than hold a role's values.
ROW_LABELS = ("Area", "Responsibility", "Category", "Skill", "Certification")


def test_compare_shows_at_most_50_roles_side_by_side(monkeypatch, tmp_path):
    folder, extra = with_extra_roles(tmp_path)
    with (folder / "role_skills.csv").open("a", encoding="utf-8") as handle:
        for role_id in extra:
            handle.write(f"{role_id},planning,3,,handbook\n")
    at = run_app(monkeypatch, "compare", query={"roles": "*"}, dataset=folder)
    assert not at.exception
    assert any("first 50 of the 63 selected roles" in info.value for info in at.info)
    for table in at.dataframe[:3]:
        # Each grid leads with its item (and group) columns, headed as the page heads them.
        roles = [c for c in displayed(table).columns if c not in ROW_LABELS]
        assert roles[:3] == ["Delivery Lead", "Scrum Master", "Platform Architect"]
        assert "Extra 46" in roles and "Extra 47" not in roles
    # Platform Architect's cloud skill is there: each shown role keeps all its rows.
    skills = displayed(at.dataframe[1]).set_index("Skill")
    assert skills.loc["Cloud architecture", "Platform Architect"] == 5


def test_differences_only_past_50_roles_drops_rows_the_shown_roles_agree_on(monkeypatch, tmp_path):
    # Every role rates "Shared skill" 3 except the last, beyond the 50 shown: the roles differ
    # on it, but the page cannot show where, so it leaves the row out (the downloads keep it).
    folder, extra = with_extra_roles(tmp_path)
    with (folder / "skills.csv").open("a", encoding="utf-8") as handle:
        handle.write("shared,Shared skill,methodology,Held by every role.\n")
    role_ids = [row["role_id"] for row in read_csv("roles.csv", folder)]
    with (folder / "role_skills.csv").open("a", encoding="utf-8") as handle:
        for role_id in role_ids:
            handle.write(f"{role_id},shared,{5 if role_id == extra[-1] else 3},,handbook\n")
    query = {"roles": "*", "diff": "1"}
    at = run_app(monkeypatch, "compare", query=query, dataset=folder)
    assert not at.exception
    assert any("rows on which the roles shown differ" in info.value for info in at.info)
    skills = displayed(at.dataframe[1])
    assert "Shared skill" not in set(skills["Skill"])
    # Each row left differs among the columns shown.
    shown = [c for c in skills.columns if c not in ROW_LABELS]
    assert len(shown) == 50
    assert all(row.nunique(dropna=False) > 1 for _, row in skills[shown].iterrows())
    # The comparison of all roles still holds the row.
    everyone = at.session_state["_page_context"].selection
    assert everyone.differences_only and len(everyone.role_ids) == 63
    from dashboard.core.comparison import comparison_long

    dataset = at.session_state["_page_context"].dataset
    assert "shared" in set(comparison_long(dataset, everyone)["item_id"])


def test_industries_view_says_no_data_where_no_source_speaks(monkeypatch):
    at = open_view(run_app(monkeypatch, "overlap", dataset=None), "Industries")
    rows = read_csv("role_industries.csv", SHIPPED)
    industries = read_csv("industries.csv", SHIPPED)
    role_name = names("roles.csv", "role_id", SHIPPED)
    rated = {(row["role_id"], row["industry_id"]) for row in rows}
    traces = figures(at)[0]["data"]
    assert traces
    for trace in traces:
        role_id = next(r for r, name in role_name.items() if name == trace["name"])
        for industry, level in zip(industries, trace["y"], strict=True):
            # A pair no source covers is a gap, never a level.
            assert (level is None) == ((role_id, industry["industry_id"]) not in rated)
    caption = next(c.value for c in at.caption if c.value.startswith("No data"))
    missing = [
        (role_name[role_id], industry["name"])
        for role_id in (row["role_id"] for row in read_csv("roles.csv", SHIPPED))
        if next(r for r in read_csv("roles.csv", SHIPPED) if r["role_id"] == role_id)["default"]
        == "yes"
        for industry in industries
        if (role_id, industry["industry_id"]) not in rated
    ]
    assert missing and all(unescape(name) in unescape(caption) for pair in missing for name in pair)


@pytest.mark.parametrize(("industry", "expected"), [("", 1 / 5), ("banking", 1 / 7)])
def test_similarity_by_responsibilities_weights_core_two_and_supporting_one(
    monkeypatch, tmp_path, industry, expected
):
    folder = copy_dataset(tmp_path)
    with (folder / "role_responsibilities.csv").open("a", encoding="utf-8") as handle:
        handle.write("scrum_master,plan_releases,supporting,,handbook\n")
    query = {"industry": industry, **EVERY_MINI_ROLE} if industry else EVERY_MINI_ROLE
    at = run_app(monkeypatch, "overlap", query=query, dataset=folder)
    at.segmented_control(key="overlap_similarity_basis").set_value("Responsibilities").run()
    assert not at.exception
    chart = figures(at)[0]
    assert "responsibilities" in chart["layout"]["title"]["text"]
    z = array(chart["data"][0]["z"])
    # By hand: delivery lead plan 2, report 1 (+ regulators 2 in banking); scrum master plan 1,
    # facilitate 2. Sum of minima 1; sum of maxima 5 (7 in banking).
    assert z[0, 1] == pytest.approx(expected, abs=1e-6)
    assert any("core responsibility as 2" in unescape(m.value) for m in at.markdown)


def test_sources_page_shows_the_evidence_behind_each_role(monkeypatch):
    at = run_app(monkeypatch, "sources", dataset=None)
    table = displayed(at.dataframe[1]).set_index("Role")
    roles = names("roles.csv", "role_id", SHIPPED)
    skills = read_csv("role_skills.csv", SHIPPED)
    for role_id, name in roles.items():
        general = [row for row in skills if row["role_id"] == role_id and not row["industry_id"]]
        assert table.loc[name, "Skills assessed, no evidence"] == sum(
            row["importance"] == "1" for row in general
        )
        assert table.loc[name, "Sources cited"] >= 3
    assert any("same three families" in unescape(m.value) for m in at.markdown)


def test_a_profile_names_the_industries_it_has_no_data_for(monkeypatch):
    at = run_app(monkeypatch, "profiles", dataset=None, query={"roles": "technical_lead"})
    industries = {row["industry_id"]: row["name"] for row in read_csv("industries.csv", SHIPPED)}
    rated = {
        row["industry_id"]
        for row in read_csv("role_industries.csv", SHIPPED)
        if row["role_id"] == "technical_lead"
    }
    missing = [name for industry_id, name in industries.items() if industry_id not in rated]
    captions = [unescape(c.value) for c in at.caption]
    assert missing and any(all(name in c for name in missing) for c in captions)


def test_data_dictionary_page_renders_datasets_readme(monkeypatch):
    at = run_app(monkeypatch, "dictionary", dataset=None)
    [title] = at.title
    assert title.value == "Data dictionary"
    text = "\n".join(m.value for m in at.markdown)
    readme = (SHIPPED / "README.md").read_text(encoding="utf-8")
    # Every section heading of the dictionary is on the page, as written.
    headings = [line for line in readme.splitlines() if line.startswith("## ")]
    assert headings and all(heading in text for heading in headings)
    assert "| `category` |" in text


def key_difference_groups(at) -> dict[str, str]:
    """The Key differences as shown: each group's heading and the text of its statements."""
    texts = [unescape(m.value) for m in at.markdown]
    groups, current = {}, None
    for text in texts:
        if text.startswith("**") and text.endswith("**"):
            current = text.strip("*")
            groups[current] = ""
        elif current is not None and text.startswith("- "):
            groups[current] += text + "\n"
    return groups


def test_key_differences_come_first_grouped_and_computed_from_the_data(monkeypatch):
    at = run_app(monkeypatch, "compare", query={"industry": "banking"})
    groups = key_difference_groups(at)
    assert list(groups)[:2] == ["What each role is for", "What sets them apart"]
    # From the mini CSVs in banking: the Delivery Lead's core duties are Plan releases and
    # Keep regulators informed (a banking row); the Scrum Master holds neither.
    duties = names("responsibilities.csv", "responsibility_id")
    dl, sm = (
        effective_duties("delivery_lead", "banking"),
        effective_duties("scrum_master", "banking"),
    )
    only_dl = [duties[d] for d, how in dl.items() if how == "core" and d not in sm]
    assert sorted(only_dl) == ["Keep regulators informed", "Plan releases"]
    apart = groups["What sets them apart"]
    dl_line = next(
        line for line in apart.splitlines() if line.startswith("- Only the Delivery Lead")
    )
    assert all(name in dl_line for name in only_dl)
    # Skills rated 4-5 by one role and 1-2 (or not at all) by the other, with the level.
    levels = effective_importance("delivery_lead", "banking")
    other = effective_importance("scrum_master", "banking")
    for skill, level in levels.items():
        shown = f"{SKILL_NAMES[skill]} ({level})"
        assert (shown in dl_line) == (level >= 4 and other.get(skill, 0) <= 2), shown
    # Sources come on demand, by title.
    title = read_csv("sources.csv")[0]["title"]
    assert title not in "".join(groups.values())
    at.toggle(key="compare_show_sources").set_value(True).run()
    assert f"(Sources: {title})" in key_difference_groups(at)["What sets them apart"]
