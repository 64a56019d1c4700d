"""`make serve` with two replicas: sessions stay on their replica, and survive losing it.

Two browser sessions upload different datasets through the proxy; each sees only its own roles.
The replica holding the first is killed: that browser reconnects to the other replica, the link
restores its view (page, industry, roles, open tab) on the shipped dataset, and the app says the
upload must be repeated. Expected names come from the CSV files (pandas), not the app's code.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import time
import urllib.parse
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import expect

from deploy.serve import die_with_parent, free_port
from tests.browser.conftest import ARTIFACTS, ROOT, TIMEOUT_MS, screenshot, wait_idle

pytestmark = pytest.mark.serve

SHIPPED = ROOT / "datasets"
MINI = ROOT / "tests" / "fixtures" / "mini"
COOKIE = "STREAMLIT_REPLICA"  # deploy/haproxy.cfg
# Hang guards: two replicas start side by side on two cores; a reconnect waits for HAProxy to
# see the dead replica (three failed checks, 2 s apart) and for the browser's retry back-off.
START_TIMEOUT_S = 180
RECONNECT_TIMEOUT_MS = 90_000
REPLICA_LINE = re.compile(r"^replica (r\d+): (\S+) \(pid (\d+)\)$")


def roles(folder: Path) -> pd.DataFrame:
    return pd.read_csv(folder / "roles.csv", dtype=str, keep_default_na=False)


def defaults(frame: pd.DataFrame) -> list[str]:
    return frame.loc[frame["default"] == "yes", "name"].tolist()


def zipped(folder: Path, target: Path, renamed: dict[str, str] | None = None) -> Path:
    """The folder's CSV files as a zip; roles.csv with names replaced by role id if given."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.glob("*.csv")):
            if path.name == "roles.csv" and renamed:
                frame = roles(folder)
                frame["name"] = frame["role_id"].map(renamed).fillna(frame["name"])
                archive.writestr(path.name, frame.to_csv(index=False))
            else:
                archive.write(path, path.name)
    return target


@contextlib.contextmanager
def make_serve(replicas: int) -> Iterator[tuple[str, dict[str, int]]]:
    """`make serve` on a free port: its URL and each replica's pid; stopped on the way out."""
    port = free_port()
    ARTIFACTS.mkdir(exist_ok=True)
    log = ARTIFACTS / "make-serve.log"
    command = [
        "make",
        "--no-print-directory",
        # The test run already installed the packages (make test depends on them).
        "-o",
        ".venv/.installed",
        "serve",
        f"REPLICAS={replicas}",
        f"PORT={port}",
        f"PY={sys.executable}",
    ]
    with log.open("wb") as output:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            # If this test process is killed, make gets SIGTERM and passes it on.
            preexec_fn=die_with_parent,
        )
    try:
        pids = wait_serving(process, log)
        yield f"http://127.0.0.1:{port}", pids
    finally:
        # SIGTERM to make, as an operator would send; make passes it on to serve.py.
        with contextlib.suppress(ProcessLookupError):
            process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def wait_serving(process: subprocess.Popen, log: Path) -> dict[str, int]:
    """Wait for make serve to say it is serving; the pid of each replica by cookie name."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        text = log.read_text(errors="replace")
        if "Serving on" in text:
            found = (REPLICA_LINE.match(line) for line in text.splitlines())
            return {match[1]: int(match[3]) for match in found if match}
        if process.poll() is not None:
            pytest.fail(f"make serve exited with {process.returncode}:\n{text[-2000:]}")
        time.sleep(0.5)
    pytest.fail(f"make serve was not serving after {START_TIMEOUT_S} s:\n{text[-2000:]}")


def replica_of(context) -> str:
    values = [c["value"] for c in context.cookies() if c["name"] == COOKIE]
    assert len(values) == 1, context.cookies()
    return values[0]


def upload(page, url: str, archive: Path, count: int) -> None:
    page.goto(f"{url}/your-data")
    wait_idle(page)
    page.locator('.st-key-upload_files input[type="file"]').set_input_files(str(archive))
    use = page.locator(".st-key-upload_use").get_by_role("button")
    expect(use).to_be_enabled(timeout=TIMEOUT_MS)
    use.click()
    expect(page.get_by_text(f"This session now uses your dataset: {count} roles")).to_be_visible(
        timeout=TIMEOUT_MS
    )
    wait_idle(page)


def chips(page) -> list[str]:
    located = page.locator(".st-key-selection_roles [data-tag]")
    expect(located.first).to_be_attached(timeout=TIMEOUT_MS)
    return [located.nth(i).get_attribute("aria-label") or "" for i in range(located.count())]


def query(page) -> dict[str, list[str]]:
    return urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query)


def test_sessions_keep_their_uploads_apart_and_survive_losing_their_replica(browser, tmp_path):
    shipped = roles(SHIPPED)
    ours = {role_id: f"{name} at Acme" for role_id, name in shipped[["role_id", "name"]].values}
    archive_a = zipped(SHIPPED, tmp_path / "acme.zip", ours)
    archive_b = zipped(MINI, tmp_path / "mini.zip")
    names_a = [ours[r] for r in shipped.loc[shipped["default"] == "yes", "role_id"]]
    names_b = defaults(roles(MINI))
    industry = pd.read_csv(SHIPPED / "industries.csv", dtype=str).iloc[0]

    with make_serve(2) as (url, pids):
        assert sorted(pids) == ["r1", "r2"]
        context_a = browser.new_context(viewport={"width": 1400, "height": 2400})
        context_b = browser.new_context(viewport={"width": 1400, "height": 2400})
        violations: list[str] = []
        for context in (context_a, context_b):
            context.set_default_timeout(TIMEOUT_MS)
            # Chromium reports every resource or script the proxy's policy blocks.
            context.on(
                "console",
                lambda message: (
                    violations.append(message.text)
                    if "Content Security Policy" in message.text
                    else None
                ),
            )
        try:
            page_a, page_b = context_a.new_page(), context_b.new_page()
            headers = page_a.goto(url).headers
            assert "frame-ancestors 'none'" in headers["content-security-policy"]
            assert headers["x-frame-options"] == "DENY"
            assert headers["x-content-type-options"] == "nosniff"
            assert headers["referrer-policy"] == "no-referrer"
            upload(page_a, url, archive_a, len(shipped))
            replica_a = replica_of(context_a)
            # The second browser is placed on the other replica by its cookie, as HAProxy
            # would place a returning browser.
            replica_b = next(name for name in pids if name != replica_a)
            context_b.add_cookies([{"name": COOKIE, "value": replica_b, "url": url}])
            upload(page_b, url, archive_b, len(roles(MINI)))
            assert replica_of(context_b) == replica_b

            # Each session sees only its own roles, on every page.
            for page, expected in ((page_a, names_a), (page_b, names_b)):
                page.get_by_role("link", name="Compare side by side").click()
                wait_idle(page)
                assert chips(page) == expected

            # A's view: the Overlap page's Importance tab in the first industry.
            page_a.get_by_role("link", name="Skill overlap").click()
            wait_idle(page_a)
            page_a.locator(".st-key-selection_industry").get_by_role("combobox").click()
            page_a.get_by_role("option", name=industry["name"], exact=True).click()
            expect(page_a).to_have_url(re.compile(r"industry="), timeout=TIMEOUT_MS)
            wait_idle(page_a)
            tab = page_a.get_by_role("tab", name="Importance", exact=True)
            tab.click()
            expect(tab).to_have_attribute("aria-selected", "true")
            wait_idle(page_a)
            before = query(page_a)
            assert before["industry"] == [industry["industry_id"]]
            assert before["dataset"] == ["upload"]

            os.kill(pids[replica_a], signal.SIGKILL)

            # The browser reconnects through the proxy, which sends it to the live replica.
            expect(page_a.get_by_text("upload your files again")).to_be_visible(
                timeout=RECONNECT_TIMEOUT_MS
            )
            wait_idle(page_a)
            screenshot(page_a, "failover-after")
            assert replica_of(context_a) == replica_b
            after = query(page_a)
            for key in ("roles", "industry", "overlap_view"):
                assert after[key] == before[key], key
            assert "dataset" not in after
            # The same roles (by id), now named as the shipped dataset names them.
            assert chips(page_a) == defaults(shipped)
            expect(page_a.get_by_role("tab", name="Importance", exact=True)).to_have_attribute(
                "aria-selected", "true"
            )
            # The page's own line naming the industry it shows.
            expect(page_a.get_by_text(f"Industry: {industry['name']}")).to_be_visible()
            expect(page_a.get_by_text("Dataset: datasets/")).to_be_visible()
            expect(page_a.locator('[data-testid="stException"]')).to_have_count(0)

            # B, on the replica that lived, still has its upload.
            page_b.get_by_role("link", name="Skill overlap").click()
            wait_idle(page_b)
            assert chips(page_b) == names_b
            expect(page_b.get_by_text("Dataset: your upload")).to_be_visible()
            expect(page_b.locator('[data-testid="stException"]')).to_have_count(0)
            # A download (served from /media/ by the replica that holds the session).
            page_b.get_by_role("link", name="Downloads").click()
            wait_idle(page_b)
            with page_b.expect_download(timeout=TIMEOUT_MS) as info:
                page_b.locator(".st-key-download_similarity").get_by_role("button").click()
            saved = tmp_path / info.value.suggested_filename
            info.value.save_as(saved)
            table = pd.read_csv(saved, encoding="utf-8-sig", keep_default_na=False)
            assert table["role"].tolist() == names_b
            assert violations == []
        finally:
            context_a.close()
            context_b.close()
