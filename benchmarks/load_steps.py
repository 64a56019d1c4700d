"""The load test: concurrent real browser sessions through `make serve`'s proxy, 1 and 3 replicas.

For each replica count, deploy/serve.py starts the replicas and HAProxy on a free loopback port;
one untimed session warms the replicas' caches, then `sessions` browser contexts in one headless
Chromium run at once, each: open the app, change the industry (each session its own, in turn),
open the Overlap page, open Downloads and download the wide CSV. Each action is timed until
Streamlit is idle again; every download is read back and checked against that session's own
selection (the industry in its name, the selected roles as its columns). Bounded: a fixed number
of sessions, one round, hang guards on every wait, loopback only.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from benchmarks.browser_sessions import (
    STEP_TIMEOUT_MS,
    VIEWPORT,
    choose_industry,
    download,
    open_app,
    open_page,
)
from benchmarks.generate import ROOT, SHIPPED_FOLDER
from dashboard.core.chromium import CHROMIUM_ARGS, chromium_path
from dashboard.core.export import export_filename
from deploy.serve import die_with_parent, free_port

SERVE = ROOT / "deploy" / "serve.py"
ACTIONS = ("open", "industry", "overlap", "downloads page", "download")
WIDE_KEY = "download_comparison"  # the Downloads page's wide CSV (KIND_WIDE)
START_TIMEOUT_S = 240
PROXY_EVENT = re.compile(r"\b(is DOWN|is UP|has no server|\[ALERT\]|\[WARNING\])")
REPLICA_LINE = re.compile(r"^replica (r\d+): \S+ \(pid (\d+)\)$", re.M)


@contextlib.contextmanager
def proxy(replicas: int, log_dir: Path) -> Iterator[tuple[str, dict[str, int]]]:
    """deploy/serve.py (what make serve runs) on a free port: its URL and replica pids."""
    port = free_port()
    log = log_dir / f"serve-{replicas}.log"
    command = [sys.executable, str(SERVE), f"--replicas={replicas}", f"--port={port}"]
    command.append(f"--log-dir={log_dir / f'replicas-{replicas}'}")
    with log.open("wb") as output:
        process = subprocess.Popen(
            command, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT, preexec_fn=die_with_parent
        )
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while "Serving on" not in log.read_text(errors="replace"):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"make serve did not start:\n{log.read_text()[-2000:]}")
            time.sleep(0.5)
        pids = {name: int(pid) for name, pid in REPLICA_LINE.findall(log.read_text())}
        yield f"http://127.0.0.1:{port}", pids
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def proxy_events(log: Path) -> list[str]:
    """What HAProxy said during the round: replicas taken out of rotation or back, and errors."""
    lines = log.read_text(errors="replace").splitlines() if log.exists() else []
    return [line[:300] for line in lines if PROXY_EVENT.search(line)]


def rss_mb(pid: int) -> float | None:
    """A process's resident set size in MB, from /proc (None once it has gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def percentile(samples: list[float], share: float) -> float | None:
    """The share-th percentile (0-1), linear between the nearest ranks."""
    if not samples:
        return None
    ordered = sorted(samples)
    position = share * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def check_download(path: Path, role_names: list[str], industry: str, file_name: str) -> None:
    """The wide CSV is this session's: named for its roles and industry, a column per role."""
    expected = export_filename("comparison", role_names, industry, datetime.date.today())
    if file_name != expected:
        raise AssertionError(f"download named {file_name!r}, expected {expected!r}")
    table = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    missing = [name for name in role_names if name not in table.columns]
    if missing or table.empty:
        raise AssertionError(f"{file_name}: no column for {missing} or no rows")


def error_summary(error: Exception) -> str:
    """The error's first line and, for a Playwright timeout, what it was waiting for."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    waiting = next((line for line in lines if line.startswith("- waiting for")), None)
    summary = lines[0][:300] if lines else ""
    return f"{summary} ({waiting[2:][:200]})" if waiting else summary


async def one_session(browser, url: str, industry: str, roles: list[str], folder: Path):
    """One user's round; (seconds per action, error or None)."""
    context = await browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    # Clicks wait as long as every other step: Playwright's own 30 s is too short for 16
    # browsers and a server sharing two cores.
    context.set_default_timeout(STEP_TIMEOUT_MS)
    times: dict[str, float] = {}
    try:
        page = await context.new_page()
        times["open"] = await open_app(page, url)
        times["industry"] = await choose_industry(page, industry)
        times["overlap"] = await open_page(page, "Skill overlap")
        times["downloads page"] = await open_page(page, "Downloads")
        target = folder / f"{id(context)}.csv"
        times["download"], name = await download(page, WIDE_KEY, target)
        check_download(target, roles, industry, name)
        return times, None
    except Exception as error:  # reported, never raised: the round goes on
        failed = next((action for action in ACTIONS if action not in times), "check")
        return times, f"{failed}: {type(error).__name__}: {error_summary(error)}"
    finally:
        await context.close()


async def load_round(url: str, sessions: int, folder: Path) -> dict[str, Any]:
    """One warm-up session, then `sessions` at once; timings, errors and the round's seconds."""
    from playwright.async_api import async_playwright

    industries = pd.read_csv(SHIPPED_FOLDER / "industries.csv", dtype=str)["name"].tolist()
    roles = pd.read_csv(SHIPPED_FOLDER / "roles.csv", dtype=str, keep_default_na=False)
    defaults = roles.loc[roles["default"] == "yes", "name"].tolist()
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=chromium_path(), args=list(CHROMIUM_ARGS)
        )
        try:
            warm_up, warm_error = await one_session(browser, url, industries[0], defaults, folder)
            start = time.perf_counter()
            results = await asyncio.gather(
                *(
                    one_session(browser, url, industries[i % len(industries)], defaults, folder)
                    for i in range(sessions)
                )
            )
            round_s = time.perf_counter() - start
        finally:
            await browser.close()
    actions = {}
    for action in ACTIONS:
        samples = [times[action] for times, _ in results if action in times]
        actions[action] = {
            "p50_s": percentile(samples, 0.5),
            "p95_s": percentile(samples, 0.95),
            "samples_s": [round(s, 3) for s in samples],
        }
    errors = [error for _, error in results if error]
    return {
        "sessions": sessions,
        "round_s": round(round_s, 1),
        "actions": actions,
        "errors": errors,
        "downloads_checked": sum(1 for t, error in results if not error and "download" in t),
        "warm_up_s": {key: round(value, 2) for key, value in warm_up.items()},
        "warm_up_error": warm_error,
    }


def run_load(replica_counts: tuple[int, ...] = (1, 3), sessions: int = 16) -> dict[str, Any]:
    """The load round through the proxy for each replica count, in one run."""
    if chromium_path() is None:
        return {"skipped": "no chromium"}
    started = time.perf_counter()
    by_replicas: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="benchmark-load-") as tmp:
        for replicas in replica_counts:
            folder = Path(tmp) / f"downloads-{replicas}"
            folder.mkdir()
            print(f"[load] {replicas} replica(s), {sessions} sessions…", flush=True)
            with proxy(replicas, Path(tmp)) as (url, pids):
                result = asyncio.run(load_round(url, sessions, folder))
                result["replica_rss_mb"] = {name: rss_mb(pid) for name, pid in pids.items()}
            result["proxy_events"] = proxy_events(Path(tmp) / f"serve-{replicas}.log")
            by_replicas[str(replicas)] = result
    return {
        "replicas": by_replicas,
        "cpus": os.cpu_count(),
        "method": "wall clock per action, from the click (or goto) until Streamlit is idle and "
        "nothing is stale (the download: until the file is saved); p50/p95 over the sessions",
        "step_s": round(time.perf_counter() - started, 1),
    }


def format_load(result: dict[str, Any]) -> str:
    """The load results as a Markdown table, one column per replica count."""
    if "skipped" in result:
        return f"load: skipped ({result['skipped']})"
    columns = list(result["replicas"])
    lines = [
        "| action (p50 / p95 s) | " + " | ".join(f"{c} replica(s)" for c in columns) + " |",
        "|---|" + "---:|" * len(columns),
    ]
    for action in ACTIONS:
        cells = []
        for column in columns:
            stats = result["replicas"][column]["actions"][action]
            p50, p95 = stats["p50_s"], stats["p95_s"]
            cells.append("-" if p50 is None else f"{p50:.1f} / {p95:.1f}")
        lines.append(f"| {action} | " + " | ".join(cells) + " |")
    for label, key in (("round (s)", "round_s"), ("errors", "errors")):
        values = [result["replicas"][c][key] for c in columns]
        cells = [str(len(v)) if isinstance(v, list) else str(v) for v in values]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    checked = [str(result["replicas"][c]["downloads_checked"]) for c in columns]
    lines.append("| downloads checked | " + " | ".join(checked) + " |")
    rss = [
        " + ".join(f"{v:.0f}" for v in result["replicas"][c]["replica_rss_mb"].values() if v)
        for c in columns
    ]
    lines.append("| replica RSS after (MB) | " + " | ".join(rss) + " |")
    return "\n".join(lines)
