"""Real-browser fixtures: one Streamlit server per dataset per test session, headless Chromium.

The servers start once and are shared by every browser test; each test gets a fresh browser
context (no cookies, no storage), so no test sees another's state.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

# One way to start a server and a browser, shared with the benchmark's browser step.
from benchmarks.app_steps import APP
from benchmarks.browser_steps import (
    CHROMIUM_ARGS,
    Server,
    find_chromium,
    stop_server,
    wait_healthy,
)
from benchmarks.browser_steps import start_server as start_streamlit

ROOT = Path(__file__).resolve().parents[2]
HEALTH_TIMEOUT_S = 60
CHROMIUM = find_chromium() or os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# First render takes 5-6 s on a loaded 2-core machine; every wait allows far more than that.
TIMEOUT_MS = 30_000
ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOTS = ROOT / "screenshots"
INSTALL_HINT = (
    "Chromium is needed for the browser tests: run `make test` (it installs Debian's chromium), "
    "or `sudo apt-get install -y chromium`, or set CHROMIUM_PATH."
)


def pytest_collection_modifyitems(items):
    """Every test in this folder is a browser test."""
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


def start_server(name: str, dataset: Path | None = None) -> Server:
    """Start `streamlit run dashboard/app.py` (on dataset, else the shipped one) and wait."""
    ARTIFACTS.mkdir(exist_ok=True)
    running = start_streamlit(APP, dataset, ARTIFACTS / f"server-{name}.log")
    try:
        wait_healthy(running, HEALTH_TIMEOUT_S)
    except RuntimeError:
        stop_server(running)
        raise
    return running


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    """The app on the shipped dataset."""
    running = start_server("shipped")
    yield running
    stop_server(running)


@pytest.fixture(scope="session")
def mini_server() -> Iterator[Server]:
    """The app on a second dataset folder, chosen through DASHBOARD_DATASET."""
    running = start_server("mini", ROOT / "tests" / "fixtures" / "mini")
    yield running
    stop_server(running)


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright; a clear message when it is missing."""
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        if os.environ.get("CI"):
            pytest.fail(INSTALL_HINT)
        pytest.skip(INSTALL_HINT)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def context(browser, tmp_path):
    """A fresh browser context (own cookies, storage, downloads) with a tall viewport."""
    created = browser.new_context(
        viewport={"width": 1400, "height": 2400}, accept_downloads=True, locale="en-GB"
    )
    created.set_default_timeout(TIMEOUT_MS)
    yield created
    created.close()


@pytest.fixture
def page(context):
    """A new page in a fresh context."""
    return context.new_page()


def wait_idle(page) -> None:
    """Wait until Streamlit has finished running the script and nothing on screen is stale."""
    from playwright.sync_api import expect

    expect(
        page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]')
    ).to_have_count(1, timeout=TIMEOUT_MS)
    expect(page.locator('[data-stale="true"]')).to_have_count(0, timeout=TIMEOUT_MS)


def open_app(page, url: str) -> None:
    """Go to a URL of the app and wait for the first complete render."""
    page.goto(url)
    from playwright.sync_api import expect

    expect(page.locator('[data-testid="stSidebar"]')).to_be_visible(timeout=TIMEOUT_MS)
    wait_idle(page)


def screenshot(page, name: str) -> Path:
    """Save a screenshot of the page into the ignored screenshots/ folder."""
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
