"""What a hiring manager does, in a real browser: pages, widgets, downloads, links, datasets.

Expected values are computed here straight from the CSV files (pandas and a few lines of
arithmetic), not through the app's own code.
"""

from __future__ import annotations

import io
import re
import urllib.parse

import numpy as np
import pandas as pd
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ROOT, TIMEOUT_MS, open_app, screenshot, wait_idle

DATASET = ROOT / "datasets"
MINI = ROOT / "tests" / "fixtures" / "mini"
PAGES = {
    "": "Roles side by side",
    "finder": "Which role do we need?",
    "profiles": "Role profiles",
    "overlap": "Skill overlap",
    "downloads": "Downloads",
    "sources": "Sources and method",
    "data-dictionary": "Data dictionary",
}
DEFAULT_NAMES = [
    "Technical Program Manager",
    "Project Manager",
    "Program Manager",
    "Agile Coach",
    "Technical Lead",
]


def read(folder, name: str) -> pd.DataFrame:
    return pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False)


def role_names(folder) -> dict[str, str]:
    roles = read(folder, "roles")
    return dict(zip(roles["role_id"], roles["name"], strict=True))


def expected_similarity(folder, role_ids: list[str], industry_id: str = "") -> np.ndarray:
    """Weighted Jaccard from role_skills.csv, the industry override applied by hand; importance
    1 (assessed, no evidence) counts as not held, as the app's similarity documents."""
    rows = read(folder, "role_skills")
    vectors: dict[str, dict[str, int]] = {role_id: {} for role_id in role_ids}
    for general_pass in (True, False):  # general rows first, then the industry's replace them
        wanted = "" if general_pass else industry_id
        if not general_pass and not industry_id:
            continue
        for row in rows[rows["industry_id"] == wanted].itertuples():
            if row.role_id in vectors:
                vectors[row.role_id][row.skill_id] = int(row.importance)
    vectors = {
        role_id: {skill: level for skill, level in held.items() if level >= 2}
        for role_id, held in vectors.items()
    }
    size = len(role_ids)
    matrix = np.eye(size)
    for i in range(size):
        for j in range(size):
            if i != j:
                a, b = vectors[role_ids[i]], vectors[role_ids[j]]
                keys = a.keys() | b.keys()
                low = sum(min(a.get(k, 0), b.get(k, 0)) for k in keys)
                high = sum(max(a.get(k, 0), b.get(k, 0)) for k in keys)
                matrix[i, j] = low / high if high else 0.0
    return matrix


def heatmap(page) -> dict:
    """The similarity heatmap as plotly drew it: labels and the z values."""
    expect(page.locator(".js-plotly-plot").first).to_be_visible(timeout=TIMEOUT_MS)
    return page.evaluate(
        """() => {
          const plots = [...document.querySelectorAll('.js-plotly-plot')];
          const gd = plots.find(p => /weighted Jaccard/.test(p.layout.title.text || ''));
          const trace = gd._fullData[0];
          return {x: Array.from(trace.x), y: Array.from(trace.y),
                  z: Array.from(trace.z, row => Array.from(row)),
                  title: gd.layout.title.text};
        }"""
    )


def selected_roles(page) -> list[str]:
    """The chips of the roles multiselect, in order (the sidebar may draw just after idle)."""
    chips = page.locator(".st-key-selection_roles [data-tag]")
    expect(chips.first).to_be_attached(timeout=TIMEOUT_MS)
    return [chips.nth(i).get_attribute("aria-label") or "" for i in range(chips.count())]


def grid(page, first_column: str):
    """The table (glide's accessible grid) that has a column headed first_column."""
    # The grid is virtualised: only columns in view are in the DOM, the label column always is.
    header = page.locator("[role=columnheader]", has_text=re.compile(f"^{first_column}$"))
    located = page.locator("[role=grid]").filter(has=header)
    expect(located).to_be_attached(timeout=TIMEOUT_MS)
    return located


def grid_headers(page, first_column: str) -> list[str]:
    return grid(page, first_column).locator("[role=columnheader]").all_inner_texts()


def grid_row_count(page, first_column: str) -> int:
    return int(grid(page, first_column).get_attribute("aria-rowcount")) - 1  # minus the header


def side_by_side(page, section: str):
    """The Compare page's side-by-side table of one section (responsibilities, skills, ...)."""
    table = page.locator(f'table.rc-table[data-section="{section}"]')
    expect(table).to_be_visible(timeout=TIMEOUT_MS)
    return table


def table_headers(page, section: str) -> list[str]:
    """The column headers of a side-by-side table: the item's, then each role's name."""
    return side_by_side(page, section).locator("thead th").all_inner_texts()


def table_row_count(page, section: str) -> int:
    return side_by_side(page, section).locator("tbody tr").count()


def query(page) -> dict[str, list[str]]:
    return urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query)


def choose_industry(page, name: str) -> None:
    page.locator(".st-key-selection_industry").get_by_role("combobox").click()
    page.get_by_role("option", name=name, exact=True).click()
    # The rerun may not have started yet: wait for its visible result, the link, then idle.
    expect(page).to_have_url(re.compile(r"industry="), timeout=TIMEOUT_MS)
    wait_idle(page)


def toggle_differences(page) -> None:
    page.locator(".st-key-selection_differences_only").get_by_text("Differences only").click()
    expect(page).to_have_url(re.compile(r"diff=1"), timeout=TIMEOUT_MS)
    wait_idle(page)


def remove_role(page, name: str, role_id: str) -> None:
    page.get_by_role("button", name=f"Remove {name}").click()
    # Whole ids only: "program_manager" is also the tail of "technical_program_manager".
    listed = re.compile(rf"(=|,|%2C){role_id}(&|,|%2C|$)")
    expect(page).not_to_have_url(listed, timeout=TIMEOUT_MS)
    wait_idle(page)


@pytest.mark.parametrize(("path", "title"), PAGES.items())
def test_every_page_renders_without_an_exception(server, page, path, title):
    open_app(page, f"{server.url}/{path}")
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    if path == "overlap":
        # Only the open view is drawn: the similarity heatmap, an SVG inside, with its title.
        drawn = page.locator(".st-key-similarity_chart .js-plotly-plot .main-svg").first
        expect(drawn).to_be_visible()
        expect(page.locator(".js-plotly-plot")).to_have_count(1)
        assert "weighted Jaccard" in heatmap(page)["title"]
    if path == "":
        expect(page.locator("table.rc-table").first).to_be_visible()
    if path == "sources":
        expect(page.locator("[role=grid]").first).to_be_attached()
    if path == "downloads":
        expect(page.get_by_role("button", name="Download ")).to_have_count(6)
    if path == "data-dictionary":
        heading = page.get_by_role("heading", name="skills.csv", level=2, exact=True)
        expect(heading).to_be_visible()
    if path == "profiles":
        expect(page.get_by_role("tab")).to_have_count(len(DEFAULT_NAMES))
    screenshot(page, f"page-{path or 'compare'}")


def drawn_title(page, key: str) -> str:
    """The title of the chart with this key, once plotly has drawn it."""
    chart = page.locator(f".st-key-{key}_chart .js-plotly-plot")
    expect(chart.locator(".main-svg").first).to_be_visible(timeout=TIMEOUT_MS)
    # Streamlit's theme wraps the title in <b> tags.
    return chart.evaluate("plot => plot.layout.title.text")


def open_tab(page, name: str) -> None:
    tab = page.get_by_role("tab", name=name, exact=True)
    tab.click()
    # The click starts a rerun that may not have begun yet: wait for the tab, then for idle.
    expect(tab).to_have_attribute("aria-selected", "true", timeout=TIMEOUT_MS)
    wait_idle(page)


# View -> (its chart's key, its chart's title).
OVERLAP_CHART_VIEWS = {
    "Shared and unique": ("overlap", "Shared and unique skills per role"),
    "Importance": ("importance", "Importance of each skill to each role"),
    "Categories": ("categories", "Skill profile per category"),
    "Industries": ("prevalence", "How common each role is, by industry"),
}


def test_each_overlap_view_draws_its_chart_and_lands_in_the_link(server, page):
    open_app(page, f"{server.url}/overlap")
    for view, (key, title) in OVERLAP_CHART_VIEWS.items():
        open_tab(page, view)
        assert title in drawn_title(page, key)
        # Only the open view is on the page.
        expect(page.locator(".js-plotly-plot")).to_have_count(1)
        assert query(page)["overlap_view"] == [view]
    # The link opens the same view in a fresh page, with the selection intact.
    link = page.url
    open_app(page, link)
    expect(page.get_by_role("tab", name="Industries", exact=True)).to_have_attribute(
        "aria-selected", "true"
    )
    assert OVERLAP_CHART_VIEWS["Industries"][1] in drawn_title(page, "prevalence")
    open_tab(page, "Table")
    expect(page.locator(".js-plotly-plot")).to_have_count(0)
    industries = grid_headers(page, "Role")
    assert industries[0] == "Role" and len(industries) > 1
    open_tab(page, "Most similar")
    expect(page.get_by_text("Roles most similar to")).to_be_visible()
    assert grid_row_count(page, "Rank") == min(10, len(role_names(DATASET)) - 1)


def test_a_view_clicked_as_soon_as_it_shows_keeps_the_selection(server, page):
    # A rerun sent before the sidebar's widgets have registered their values once left them
    # showing empty defaults (and the next interaction sent those back).
    page.goto(f"{server.url}/overlap?roles=project_manager,agile_coach,technical_lead")
    tab = page.get_by_role("tab", name="Shared and unique", exact=True)
    tab.click(timeout=TIMEOUT_MS)
    expect(tab).to_have_attribute("aria-selected", "true", timeout=TIMEOUT_MS)
    wait_idle(page)
    assert selected_roles(page) == ["Project Manager", "Agile Coach", "Technical Lead"]
    open_tab(page, "Categories")
    assert selected_roles(page) == ["Project Manager", "Agile Coach", "Technical Lead"]
    assert query(page)["roles"] == ["project_manager,agile_coach,technical_lead"]


def test_default_view_lists_the_default_roles(server, page):
    open_app(page, server.url)
    assert selected_roles(page) == DEFAULT_NAMES
    assert table_headers(page, "skills") == ["Skill", *DEFAULT_NAMES]
    skills = read(DATASET, "role_skills")
    default_ids = list(read(DATASET, "roles")["role_id"][:5])
    rated = skills[(skills.industry_id == "") & skills.role_id.isin(default_ids)]
    assert table_row_count(page, "skills") == rated["skill_id"].nunique()


def test_removing_a_role_and_choosing_an_industry_change_comparison_and_charts(server, page):
    open_app(page, f"{server.url}/overlap")
    before = heatmap(page)
    assert before["x"] == DEFAULT_NAMES

    remove_role(page, "Agile Coach", "agile_coach")
    choose_industry(page, "Consulting firms")

    assert selected_roles(page) == [n for n in DEFAULT_NAMES if n != "Agile Coach"]
    assert query(page)["industry"] == ["consulting"]
    assert "agile_coach" not in query(page)["roles"][0]
    after = heatmap(page)
    ids = ["technical_program_manager", "project_manager", "program_manager", "technical_lead"]
    assert after["x"] == [role_names(DATASET)[i] for i in ids]
    expected = expected_similarity(DATASET, ids, "consulting")
    np.testing.assert_allclose(np.array(after["z"], dtype=float), expected, atol=1e-6)
    # The industry really changed the picture: general ratings give other values.
    assert not np.allclose(expected, expected_similarity(DATASET, ids, ""), atol=1e-6)

    page.get_by_role("link", name="Compare side by side").click()
    wait_idle(page)
    headers = table_headers(page, "skills")
    assert headers == ["Skill", *[n for n in DEFAULT_NAMES if n != "Agile Coach"]]
    screenshot(page, "compare-consulting")


def test_differences_only_hides_rows_on_which_roles_agree(server, page):
    ids = "project_manager,program_manager"
    open_app(page, f"{server.url}/?roles={ids}")
    all_rows = table_row_count(page, "skills")
    toggle_differences(page)
    assert query(page)["diff"] == ["1"]
    expect(
        page.get_by_text("Showing only rows on which the selected roles differ.")
    ).to_be_visible()
    differing = table_row_count(page, "skills")

    skills = read(DATASET, "role_skills")
    general = skills[skills["industry_id"] == ""]
    pm = dict(general[general.role_id == "project_manager"][["skill_id", "importance"]].values)
    pgm = dict(general[general.role_id == "program_manager"][["skill_id", "importance"]].values)
    union = pm.keys() | pgm.keys()
    assert all_rows == len(union)
    assert differing == sum(pm.get(s) != pgm.get(s) for s in union)
    assert differing < all_rows


@pytest.mark.parametrize("kind", ["comparison", "comparison-long", "similarity"])
def test_each_download_holds_what_the_dataset_says(server, page, kind, tmp_path):
    ids = ["project_manager", "agile_coach", "technical_lead"]
    open_app(page, f"{server.url}/downloads?roles={','.join(ids)}&industry=healthcare")
    button = page.locator(f".st-key-download_{kind}").get_by_role("button")
    with page.expect_download(timeout=TIMEOUT_MS) as info:
        button.click()
    download = info.value
    name = download.suggested_filename
    assert name.startswith(f"{kind}_") and "healthcare" in name and name.endswith(".csv")
    assert "project-manager" in name and "agile-coach" in name
    path = tmp_path / name
    download.save_as(path)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and data.count(b"\xef\xbb\xbf") == 1
    table = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", keep_default_na=False)
    names = [role_names(DATASET)[i] for i in ids]
    skills = read(DATASET, "role_skills")
    if kind == "similarity":
        assert table.columns.tolist() == ["role", *names]
        assert table["role"].tolist() == names
        expected = expected_similarity(DATASET, ids, "healthcare")
        np.testing.assert_allclose(table[names].to_numpy(float), expected, atol=0.0005)
    elif kind == "comparison":
        assert set(names) <= set(table.columns)
        # Healthcare overrides: every healthcare skill row of these roles shows its own rating.
        rows = skills[(skills.industry_id == "healthcare") & skills.role_id.isin(ids)]
        skill_names = dict(read(DATASET, "skills")[["skill_id", "name"]].values)
        for row in rows.itertuples():
            line = table[
                (table["section"] == "skills") & (table["item"] == skill_names[row.skill_id])
            ]
            assert line[role_names(DATASET)[row.role_id]].astype(str).tolist() == [row.importance]
            # The row says whose value is specific to the industry.
            assert role_names(DATASET)[row.role_id] in line["industry_specific_for"].item()
        # Items carry the catalogues' own ids.
        duties = set(read(DATASET, "responsibilities")["responsibility_id"])
        listed = set(table.loc[table["section"] == "responsibilities", "item_id"])
        assert listed and listed <= duties
    else:
        assert {"section", "item", "role", "value", "source"} <= set(table.columns)
        assert set(table["role"]) == set(names)
        assert (table["source"] != "").all()


def test_a_copied_link_restores_the_view_in_a_fresh_browser(server, browser, page):
    open_app(page, f"{server.url}/overlap")
    remove_role(page, "Program Manager", "program_manager")
    choose_industry(page, "Healthcare")
    # The Compare page shows every filter: the link carries them all.
    page.get_by_role("link", name="Compare side by side").click()
    wait_idle(page)
    toggle_differences(page)
    link = page.url
    assert "industry=healthcare" in link and "diff=1" in link

    fresh = browser.new_context(viewport={"width": 1400, "height": 2400})
    try:
        other = fresh.new_page()
        other.set_default_timeout(TIMEOUT_MS)
        open_app(other, link)
        expect(other.get_by_role("heading", name="Roles side by side", level=1)).to_be_visible()
        assert selected_roles(other) == [n for n in DEFAULT_NAMES if n != "Program Manager"]
        industry = other.locator(".st-key-selection_industry").get_by_role("combobox")
        expect(industry).to_have_value("Healthcare")
        switch = other.locator(".st-key-selection_differences_only").get_by_role("switch")
        expect(switch).to_be_checked()
    finally:
        fresh.close()


def test_a_malformed_link_shows_a_notice_and_still_works(server, page):
    open_app(page, f"{server.url}/?roles=nobody,project_manager,agile_coach&min=9&industry=moon")
    alert = page.locator('[data-testid="stAlert"]').first
    expect(alert).to_be_visible()
    text = page.locator('[data-testid="stAlert"]').all_inner_texts()
    joined = " ".join(text)
    assert "nobody" in joined and "moon" in joined
    assert selected_roles(page) == ["Project Manager", "Agile Coach"]
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


def test_another_dataset_folder_through_dashboard_dataset(mini_server, page):
    open_app(page, mini_server.url)
    names = role_names(MINI)
    defaults = read(MINI, "roles")
    wanted = [names[r] for r in defaults[defaults["default"] == "yes"]["role_id"]]
    assert selected_roles(page) == wanted
    open_app(
        page,
        f"{mini_server.url}/overlap?roles=delivery_lead,scrum_master,platform_architect&industry=banking",
    )
    drawn = heatmap(page)
    ids = ["delivery_lead", "scrum_master", "platform_architect"]
    np.testing.assert_allclose(
        np.array(drawn["z"], dtype=float), expected_similarity(MINI, ids, "banking"), atol=1e-6
    )
