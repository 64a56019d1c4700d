"""A table longer than the browser should get at once: every row is reachable, in pages."""

from __future__ import annotations

import csv
import re
import shutil
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import TIMEOUT_MS, app_server, open_app, screenshot
from tests.browser.serving import Server
from tests.support import MINI

# Past 1,000 rows Streamlit stops sending a lazy table whole.
EXTRA_SKILLS = 1_500
DEFAULT_ROLES = ("delivery_lead", "scrum_master")  # default = yes in the mini roles.csv


@pytest.fixture(scope="module")
def big_server(tmp_path_factory) -> Iterator[Server]:
    """The app on the mini dataset plus 1,500 skills that both default roles rate."""
    folder = tmp_path_factory.mktemp("big") / "dataset"
    shutil.copytree(MINI, folder)
    with (folder / "skills.csv").open("a", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        for i in range(EXTRA_SKILLS):
            writer.writerow([f"extra_{i:04d}", f"Extra skill {i:04d}", "methodology", ""])
    with (folder / "role_skills.csv").open("a", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        for i in range(EXTRA_SKILLS):
            for shift, role_id in enumerate(DEFAULT_ROLES):
                writer.writerow([role_id, f"extra_{i:04d}", 1 + (i + shift) % 5, "", "handbook"])
    with app_server("big", folder) as running:
        yield running


def test_a_long_skills_table_has_every_row_and_loads_the_last_on_scroll(big_server, page):
    with (MINI / "role_skills.csv").open(encoding="utf-8") as handle:
        mini_skills = {
            row["skill_id"]
            for row in csv.DictReader(handle)
            if not row["industry_id"] and row["role_id"] in DEFAULT_ROLES
        }
    expected_rows = len(mini_skills) + EXTRA_SKILLS
    sent: list[int] = []
    page.on("websocket", lambda socket: socket.on("framesent", lambda frame: sent.append(1)))
    open_app(page, big_server.url)
    expect(page.get_by_text(f"{expected_rows:,} rows: they load in pages")).to_be_visible(
        timeout=TIMEOUT_MS
    )

    header = page.locator("[role=columnheader]", has_text=re.compile("^Skill$"))
    grid = page.locator("[role=grid]").filter(has=header)
    expect(grid).to_have_attribute("aria-rowcount", str(expected_rows + 1), timeout=TIMEOUT_MS)
    # Row 1,500 or so: past the first 1,000, so only a request made on scrolling can fetch it.
    last = grid.locator("[role=gridcell]", has_text=re.compile(f"^Extra skill {EXTRA_SKILLS - 1}$"))
    expect(last).to_have_count(0)

    # Scroll the grid to its end: the last rows are fetched from the server and drawn.
    before_scroll = len(sent)
    box = page.locator('[data-testid="stDataFrame"]').filter(has=header).bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    for _ in range(20):
        page.mouse.wheel(0, 20_000)
    # The accessible grid mirrors the drawn (canvas) rows: the cell exists once it is drawn.
    expect(last).to_have_count(1, timeout=TIMEOUT_MS)
    # They came on request: the browser asked the server for rows while scrolling.
    assert len(sent) > before_scroll
    screenshot(page, "compare-big-table-end")
