"""Real-browser fixtures: one Streamlit server per dataset per test session, headless Chromium.

The servers start once and are shared by every browser test; each test gets a fresh browser
context (no cookies, no storage), so no test sees another's state.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
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


@dataclass(frozen=True)
class Server:
    """A running Streamlit app."""

    url: str
    process: subprocess.Popen
    log: Path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(name: str, env_overrides: dict[str, str], extra_args: list[str] = ()) -> Server:
    """Start `streamlit run dashboard/app.py` on a free loopback port and wait until healthy."""
    port = _free_port()
    ARTIFACTS.mkdir(exist_ok=True)
    log = ARTIFACTS / f"server-{name}.log"
    # The outer environment's DASHBOARD_DATASET must not leak into a server meant for another.
    inherited = {k: v for k, v in os.environ.items() if k != "DASHBOARD_DATASET"}
    env = {**inherited, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false", **env_overrides}
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "dashboard" / "app.py"),
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--server.fileWatcherType",
        "none",
        "--client.toolbarMode",
        "minimal",
        *extra_args,
    ]
    with log.open("wb") as handle:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=handle, stderr=handle)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited early; see {log}:\n{log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return Server(url, process, log)
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise RuntimeError(f"streamlit did not become healthy in 60 s; see {log}")


def stop_server(server: Server) -> None:
    """Stop a server started by start_server."""
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    """The app on the shipped dataset."""
    running = start_server("shipped", {})
    yield running
    stop_server(running)


@pytest.fixture(scope="session")
def mini_server() -> Iterator[Server]:
    """The app on a second dataset folder, chosen through DASHBOARD_DATASET."""
    running = start_server("mini", {"DASHBOARD_DATASET": str(ROOT / "tests/fixtures/mini")})
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
