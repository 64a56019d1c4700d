"""Real-browser fixtures: one Streamlit server per dataset per test session, headless Chromium.

The servers start once and are shared by every browser test; each test gets a fresh browser
context (no cookies, no storage), so no test sees another's state.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from dashboard.core.chromium import CHROMIUM_ARGS, chromium_path
from tests.browser.serving import APP, ROOT, Server, running_servers
from tests.support import MINI

# A hang guard for each wait on the page: first render takes 5-6 s on a loaded 2-core machine.
TIMEOUT_MS = 30_000
ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOTS = ROOT / "screenshots"
# The first line of dashboard/static/app.css.
APP_STYLESHEET_MARK = "Role compare: the app's own stylesheet"
INSTALL_HINT = (
    "Chromium is needed for the browser tests: run `make test` (it installs Debian's chromium), "
    "or `sudo apt-get install -y chromium`, or set CHROMIUM_PATH."
)


def pytest_collection_modifyitems(items):
    """Every test in this folder is a browser test."""
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@contextlib.contextmanager
def app_server(name: str, dataset: Path | None = None) -> Iterator[Server]:
    """The app served on dataset (None: the shipped one), logging to server-<name>.log."""
    with running_servers({name: (APP, dataset)}, ARTIFACTS) as servers:
        yield servers[name]


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    """The app on the shipped dataset."""
    with app_server("shipped") as running:
        yield running


@pytest.fixture(scope="session")
def mini_server() -> Iterator[Server]:
    """The app on a second dataset folder, chosen through DASHBOARD_DATASET."""
    with app_server("mini", MINI) as running:
        yield running


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright; a clear message when it is missing."""
    chromium = chromium_path()
    if chromium is None:
        if os.environ.get("CI"):
            pytest.fail(INSTALL_HINT)
        pytest.skip(INSTALL_HINT)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=list(CHROMIUM_ARGS))
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

    # Attached, not visible: at phone width the sidebar starts collapsed.
    expect(page.locator('[data-testid="stSidebar"]')).to_be_attached(timeout=TIMEOUT_MS)
    wait_idle(page)
    # The app's stylesheet reaches the page a moment after the first render (Streamlit adds it
    # from the script's st.html); what a test checks is the styled page.
    page.wait_for_function(
        "mark => [...document.querySelectorAll('style')].some(s => s.textContent.includes(mark))",
        arg=APP_STYLESHEET_MARK,
        timeout=TIMEOUT_MS,
    )


def screenshot(page, name: str, full_page: bool = True) -> Path:
    """Save a screenshot of the page (or of the viewport only) into the ignored screenshots/
    folder."""
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
