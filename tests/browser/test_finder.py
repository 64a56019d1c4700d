"""The finder in a real browser: paste a job post, read it, and reach Compare from the ranking.

The expected ranking is worked out here from the CSV files (pandas and a few comparisons), not
through the app's own code.
"""

from __future__ import annotations

import re
import urllib.parse

import pandas as pd
from playwright.sync_api import expect

from tests.browser.conftest import ROOT, TIMEOUT_MS, open_app, screenshot, wait_idle

DATASET = ROOT / "datasets"
POSTS = ROOT / "tests" / "job_posts"


def read(name: str) -> pd.DataFrame:
    return pd.read_csv(DATASET / f"{name}.csv", dtype=str, keep_default_na=False)


def expected_ranking(must: str, nice: str) -> list[str]:
    """Every role ranked by the page's rule, from the general rows of the CSV files: must-haves
    covered, then nice-to-haves, then core duties and essential certifications among them, then
    the covered skills' importance, then file order."""
    skills, duties, certs = (
        read("role_skills"),
        read("role_responsibilities"),
        read("role_certifications"),
    )
    held = {}
    for frame, key, column in (
        (skills, "skill_id", "importance"),
        (duties, "responsibility_id", "emphasis"),
        (certs, "cert_id", "relevance"),
    ):
        for row in frame[frame["industry_id"] == ""].itertuples():
            held[(row.role_id, getattr(row, key))] = getattr(row, column)
    keys = []
    for position, role_id in enumerate(read("roles")["role_id"]):
        counts = [0, 0, 0, 0]  # must, nice, strong, skill importance
        for priority, tokens in ((0, must), (1, nice)):
            for token in filter(None, tokens.split(",")):
                kind, rest = token.split(":")
                item, _, level = rest.partition("@")
                value = held.get((role_id, item))
                if kind == "skill":
                    covered = value is not None and int(value) >= int(level or 3)
                    counts[3] += int(value) if covered else 0
                elif kind == "responsibility":
                    covered = value in ("core", "supporting")
                    counts[2] += covered and value == "core"
                else:
                    covered = value in ("essential", "recommended")
                    counts[2] += covered and value == "essential"
                counts[priority] += covered
        keys.append(([-count for count in counts], position, role_id))
    return [role_id for *_, role_id in sorted(keys)]


def query(page) -> dict[str, list[str]]:
    return urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query)


def test_a_pasted_post_is_read_and_its_ranking_opens_compare(server, context, page):
    open_app(page, f"{server.url}/finder")
    expect(page.get_by_role("heading", name="Which role do we need?", level=1)).to_be_visible()
    box = page.get_by_role("textbox", name="Paste a job post")
    box.fill((POSTS / "tl_backend_platform.md").read_text(encoding="utf-8"))
    box.press("Control+Enter")  # commits the text, as leaving the box would
    wait_idle(page)
    page.get_by_role("button", name="Read the post").click()
    expect(page.get_by_text("Reads most like Technical Lead, then")).to_be_visible(
        timeout=TIMEOUT_MS
    )
    expect(page).to_have_url(re.compile(r"must="), timeout=TIMEOUT_MS)
    wait_idle(page)
    # The post's text is shown as text: its Markdown heading marks never become headings.
    expect(page.get_by_role("heading", name="Technical Lead – Backend Platform")).to_have_count(0)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    screenshot(page, "finder-read-post")

    needs = query(page)
    ranking = expected_ranking(needs["must"][0], needs.get("nice", [""])[0])
    names = dict(zip(read("roles")["role_id"], read("roles")["name"], strict=True))
    expect(page.get_by_text(f"1. {names[ranking[0]]}: score", exact=False)).to_be_visible()

    with context.expect_page() as opened:
        page.get_by_role("link", name="Compare the top 5").click()
    compare = opened.value
    open_app(compare, compare.url)
    expect(compare.get_by_role("heading", name="Roles side by side", level=1)).to_be_visible()
    assert query(compare)["roles"] == [",".join(ranking[:5])]
    chips = compare.locator(".st-key-selection_roles [data-tag]")
    expect(chips).to_have_count(5, timeout=TIMEOUT_MS)
    assert [chips.nth(i).get_attribute("aria-label") for i in range(5)] == [
        names[role_id] for role_id in ranking[:5]
    ]
    screenshot(compare, "finder-compare")


def test_an_uploaded_post_that_says_only_tpm_is_flagged(server, page):
    open_app(page, f"{server.url}/finder")
    page.locator(".st-key-finder_post_file input[type=file]").set_input_files(
        str(POSTS / "ambiguous_tpm_data_warehouse.md")
    )
    wait_idle(page)
    page.get_by_role("button", name="Read the post").click()
    expect(page.get_by_text("never says which TPM it means")).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.get_by_text("Reads most like Technical Project Manager")).to_be_visible()
    wait_idle(page)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
