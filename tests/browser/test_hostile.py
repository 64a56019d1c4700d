"""Hostile data in a real browser: text stays text, a workbook is named, nothing leaves the host."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests import hostile
from tests.browser.conftest import TIMEOUT_MS, app_server, open_app, screenshot, wait_idle
from tests.browser.serving import Server


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory) -> Iterator[Server]:
    """The app on a dataset whose role names hold addresses, an icon directive and HTML."""
    folder = tmp_path_factory.mktemp("hostile") / "dataset"
    folder.mkdir()
    for name, data in hostile.LINKS_AND_ICONS.items():
        (folder / name).write_bytes(data)
    with app_server("hostile", folder) as running:
        yield running


def test_addresses_icons_and_html_in_names_show_as_written(hostile_server, page):
    open_app(page, f"{hostile_server.url}/profiles?roles=delivery_lead,scrum_master")
    expect(page.get_by_role("tab").first).to_be_visible(timeout=TIMEOUT_MS)
    # No address in the data became a link (the only links out are the ones the app makes, to
    # O*NET OnLine), and no icon replaced the directive.
    hrefs = page.locator("a[href]").evaluate_all("links => links.map(a => a.href)")
    elsewhere = {urlsplit(href).hostname for href in hrefs} - {"127.0.0.1", None}
    assert hrefs and elsewhere <= {"www.onetonline.org"}, elsewhere
    tabs = [text.replace("\u2060", "") for text in page.get_by_role("tab").all_inner_texts()]
    assert tabs == [
        "Lead https://evil.example :material/home:",
        "<b>Master</b> www.evil.example",
    ]
    assert page.locator("b", has_text="Master").count() == 0
    screenshot(page, "hostile-profiles")


def test_the_app_fetches_nothing_from_another_host(server, page):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    open_app(page, server.url)
    page.get_by_role("link", name="Skill overlap").click()
    wait_idle(page)
    foreign = [url for url in requested if urlsplit(url).hostname not in ("127.0.0.1", None)]
    assert requested and foreign == []
    # The page icon is the app's own file, served by the app.
    icon = page.locator('link[rel~="icon"]').first.get_attribute("href")
    assert icon and urlsplit(icon).hostname in ("127.0.0.1", None), icon


def test_a_workbook_uploaded_as_csv_is_named_with_how_to_fix_it(server, page, tmp_path):
    workbook = Path(tmp_path) / "roles.csv"
    workbook.write_bytes(hostile.workbook())
    open_app(page, f"{server.url}/your-data")
    page.locator('.st-key-upload_files input[type="file"]').set_input_files(str(workbook))
    use = page.locator(".st-key-upload_use").get_by_role("button")
    expect(use).to_be_enabled(timeout=TIMEOUT_MS)
    use.click()
    wait_idle(page)
    expect(page.get_by_text("this is an Excel workbook (.xlsx), not a CSV file")).to_be_visible()
    expect(page.get_by_text("File › Save As › CSV UTF-8")).to_be_visible()
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
