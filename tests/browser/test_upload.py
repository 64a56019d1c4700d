"""Bring your own roles in a real browser: a zip through the file input, then every page uses it.

Expected names come from the mini fixture's roles.csv (pandas), not from the app's own code.
"""

from __future__ import annotations

import zipfile

import pandas as pd
from playwright.sync_api import expect

from tests.browser.conftest import ROOT, TIMEOUT_MS, open_app, screenshot, wait_idle

MINI = ROOT / "tests" / "fixtures" / "mini"


def mini_roles() -> pd.DataFrame:
    return pd.read_csv(MINI / "roles.csv", dtype=str, keep_default_na=False)


def test_an_uploaded_zip_is_compared_and_downloaded(server, page, tmp_path):
    archive = tmp_path / "my-roles.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as handle:
        for path in sorted(MINI.glob("*.csv")):
            handle.write(path, f"my-roles/{path.name}")
    roles = mini_roles()
    defaults = roles.loc[roles["default"] == "yes", "name"].tolist()

    open_app(page, f"{server.url}/your-data")
    page.locator('.st-key-upload_files input[type="file"]').set_input_files(str(archive))
    use = page.locator(".st-key-upload_use").get_by_role("button")
    expect(use).to_be_enabled(timeout=TIMEOUT_MS)
    use.click()
    wait_idle(page)
    expect(
        page.get_by_text(f"This session now uses your dataset: {len(roles)} roles")
    ).to_be_visible()
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    screenshot(page, "your-data-uploaded")

    # Same browser session: navigate with the sidebar links (a new URL load is a new session).
    page.get_by_role("link", name="Compare side by side").click()
    wait_idle(page)
    chips = page.locator(".st-key-selection_roles [data-tag]")
    expect(chips).to_have_count(len(defaults), timeout=TIMEOUT_MS)
    assert [chips.nth(i).get_attribute("aria-label") for i in range(chips.count())] == defaults

    page.get_by_role("link", name="Downloads").click()
    wait_idle(page)
    button = page.locator(".st-key-download_similarity").get_by_role("button")
    with page.expect_download(timeout=TIMEOUT_MS) as info:
        button.click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    table = pd.read_csv(path, encoding="utf-8-sig", keep_default_na=False)
    assert table["role"].tolist() == defaults
    assert table.columns.tolist() == ["role", *defaults]
