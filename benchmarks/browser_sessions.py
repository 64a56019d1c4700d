"""What a user does in the app, as async Playwright steps, for the load and memory scenarios.

Every step waits on visible state (Streamlit idle, nothing stale, the URL or a message) and returns
its seconds from the action to that state. Each session is its own browser context: its own
cookies (so its own replica behind the proxy), storage and downloads.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
# Hang guards, never targets: 16 sessions on two cores can take a while per step.
STEP_TIMEOUT_MS = 180_000
VIEWPORT = {"width": 1400, "height": 1600}


async def wait_idle(page) -> None:
    """Until Streamlit has finished the script run and nothing on screen is stale."""
    from playwright.async_api import expect

    await expect(page.locator(IDLE)).to_have_count(1, timeout=STEP_TIMEOUT_MS)
    await expect(page.locator('[data-stale="true"]')).to_have_count(0, timeout=STEP_TIMEOUT_MS)


async def open_app(page, url: str) -> float:
    """Seconds from navigating to url until the first complete render."""
    from playwright.async_api import expect

    start = time.perf_counter()
    await page.goto(url, timeout=STEP_TIMEOUT_MS)
    sidebar = page.locator('[data-testid="stSidebar"]')
    await expect(sidebar).to_be_visible(timeout=STEP_TIMEOUT_MS)
    await wait_idle(page)
    return time.perf_counter() - start


async def choose_industry(page, name: str) -> float:
    """Seconds from picking the industry in the sidebar until the page is idle again."""
    from playwright.async_api import expect

    start = time.perf_counter()
    await page.locator(".st-key-selection_industry").get_by_role("combobox").click()
    await page.get_by_role("option", name=name, exact=True).click()
    await expect(page).to_have_url(re.compile(r"industry="), timeout=STEP_TIMEOUT_MS)
    await wait_idle(page)
    return time.perf_counter() - start


async def open_page(page, link: str) -> float:
    """Seconds from clicking a sidebar link until that page is idle."""
    start = time.perf_counter()
    await page.get_by_role("link", name=link).click()
    await wait_idle(page)
    return time.perf_counter() - start


async def download(page, key: str, target: Path) -> tuple[float, str]:
    """Seconds from clicking a download button until the file is saved; its suggested name.

    Waits for the download to finish (save_as) before anything else: a context closed or a
    page left while Chromium is still fetching the file cancels the download.
    """
    start = time.perf_counter()
    async with page.expect_download(timeout=STEP_TIMEOUT_MS) as info:
        await page.locator(f".st-key-{key}").get_by_role("button").click()
    downloaded = await info.value
    failure = await downloaded.failure()
    if failure:
        raise RuntimeError(f"download {downloaded.suggested_filename} failed: {failure}")
    await downloaded.save_as(target)
    return time.perf_counter() - start, downloaded.suggested_filename


async def upload(page, files: list[str], roles: int) -> float:
    """Seconds from choosing the files on "Your own roles" until the app uses them."""
    from playwright.async_api import expect

    start = time.perf_counter()
    chooser = page.locator('.st-key-upload_files input[type="file"]')
    await chooser.set_input_files(files, timeout=STEP_TIMEOUT_MS)
    use = page.locator(".st-key-upload_use").get_by_role("button")
    await expect(use).to_be_enabled(timeout=STEP_TIMEOUT_MS)
    await use.click()
    done = page.get_by_text(f"This session now uses your dataset: {roles} roles")
    await expect(done).to_be_visible(timeout=STEP_TIMEOUT_MS)
    await wait_idle(page)
    return time.perf_counter() - start
