"""What one server process holds per session: idle, with a 5 MB upload open, and after closing.

One app server on the shipped dataset (the tests' helpers start it), its resident set size read
from /proc/<pid>/status. Steps: a warm-up session visits the pages and closes (the shared caches
are then full: the warm baseline is taken once it has been reaped); `idle` sessions open the
Compare page and stay open; then `sessions` sessions, `batch` at a time, each upload its own
5 MB dataset (the same generated CSV files, one role renamed per session so every upload has its
own content fingerprint) and open Compare and Overlap on it, all staying open (the "open"
figure); then every session closes and RSS is sampled until the closed sessions are reaped. The
server's disconnectedSessionTTL is shortened to DISCONNECT_TTL_S so the run takes minutes; the
app's default is Streamlit's 120 s, after which the same release happens.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.browser_sessions import STEP_TIMEOUT_MS, VIEWPORT, open_app, open_page, upload
from benchmarks.generate import SizeSpec, dataset_folder
from benchmarks.load_steps import rss_mb
from dashboard.core.chromium import CHROMIUM_ARGS, chromium_path
from tests.browser.serving import APP, running_servers

# About 5 MB of CSV (4.9 MB): 2,000 roles, 2,000 skills, ~80,000 ratings.
UPLOAD = SizeSpec("upload5", roles=2_000, skills=2_000, skills_per_role=40)
DISCONNECT_TTL_S = 30
# The reaper runs every 15 s and releases memory one tick after it shut sessions down.
SETTLE_S = DISCONNECT_TTL_S + 60
SAMPLE_EVERY_S = 5


def upload_variants(source: Path, count: int, root: Path) -> list[list[str]]:
    """count copies of the dataset's CSV files, each with its first role renamed."""
    variants = []
    for index in range(count):
        folder = root / f"upload-{index}"
        folder.mkdir()
        for path in source.glob("*.csv"):
            shutil.copy(path, folder / path.name)
        lines = (folder / "roles.csv").read_text(encoding="utf-8").splitlines()
        cells = lines[1].split(",")
        cells[1] = f"{cells[1]} {index}"
        lines[1] = ",".join(cells)
        (folder / "roles.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
        variants.append(sorted(str(path) for path in folder.glob("*.csv")))
    return variants


async def settle(pid: int, seconds: float) -> list[float]:
    """RSS samples every SAMPLE_EVERY_S for seconds."""
    samples = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        await asyncio.sleep(SAMPLE_EVERY_S)
        samples.append(round(rss_mb(pid) or 0.0, 1))
    return samples


async def scenario(url: str, pid: int, variants: list[list[str]], idle: int, batch: int) -> dict:
    """The steps above; RSS in MB at each."""
    from playwright.async_api import async_playwright

    roles = UPLOAD.roles
    result: dict[str, Any] = {}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=chromium_path(), args=list(CHROMIUM_ARGS)
        )
        try:
            warm = await browser.new_context(viewport=VIEWPORT)
            page = await warm.new_page()
            await open_app(page, url)
            for link in ("Skill overlap", "Role profiles", "Downloads", "Your own roles"):
                await open_page(page, link)
            await warm.close()
            result["after_warm_up_mb"] = await settle(pid, SETTLE_S)
            baseline = result["after_warm_up_mb"][-1]
            result["baseline_mb"] = baseline

            idle_contexts = []
            for _ in range(idle):
                context = await browser.new_context(viewport=VIEWPORT)
                await open_app(await context.new_page(), url)
                idle_contexts.append(context)
            result["idle_open_mb"] = round(rss_mb(pid) or 0.0, 1)
            result["per_idle_session_mb"] = round((result["idle_open_mb"] - baseline) / idle, 1)
            for context in idle_contexts:
                await context.close()
            result["after_idle_closed_mb"] = await settle(pid, SETTLE_S)
            start_mb = result["after_idle_closed_mb"][-1]

            async def one(files: list[str]):
                context = await browser.new_context(viewport=VIEWPORT)
                context.set_default_timeout(STEP_TIMEOUT_MS)
                page = await context.new_page()
                await open_app(page, f"{url}/your-data")
                seconds = await upload(page, files, roles)
                await open_page(page, "Compare side by side")
                await open_page(page, "Skill overlap")
                return context, seconds

            contexts, upload_s, peak = [], [], 0.0
            for first in range(0, len(variants), batch):
                done = await asyncio.gather(*(one(f) for f in variants[first : first + batch]))
                contexts += [context for context, _ in done]
                upload_s += [round(seconds, 1) for _, seconds in done]
                peak = max(peak, rss_mb(pid) or 0.0)
            result["uploads_open_mb"] = round(rss_mb(pid) or 0.0, 1)
            result["uploads_peak_mb"] = round(peak, 1)
            result["per_upload_session_mb"] = round(
                (result["uploads_open_mb"] - start_mb) / len(variants), 1
            )
            result["upload_s"] = upload_s
            for context in contexts:
                await context.close()
            result["after_uploads_closed_mb"] = await settle(pid, SETTLE_S)
            result["closed_above_baseline_mb"] = round(
                result["after_uploads_closed_mb"][-1] - baseline, 1
            )
        finally:
            await browser.close()
    return result


def run_memory(sessions: int = 20, idle: int = 10, batch: int = 5) -> dict[str, Any]:
    """The memory scenario on one server; RSS figures in MB."""
    if chromium_path() is None:
        return {"skipped": "no chromium"}
    started = time.perf_counter()
    source = dataset_folder(UPLOAD)
    size_mb = sum(path.stat().st_size for path in source.glob("*.csv")) / 1e6
    previous = os.environ.get("STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL")
    os.environ["STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL"] = str(DISCONNECT_TTL_S)
    try:
        with (
            tempfile.TemporaryDirectory(prefix="benchmark-memory-") as tmp,
            running_servers({"app": (APP, None)}, Path(tmp)) as servers,
        ):
            print(f"[memory] {sessions} sessions uploading {size_mb:.1f} MB each…", flush=True)
            variants = upload_variants(source, sessions, Path(tmp))
            server = servers["app"]
            result = asyncio.run(scenario(server.url, server.process.pid, variants, idle, batch))
    finally:
        if previous is None:
            os.environ.pop("STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL", None)
        else:
            os.environ["STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL"] = previous
    return {
        **result,
        "sessions": sessions,
        "idle_sessions": idle,
        "batch": batch,
        "upload_mb": round(size_mb, 2),
        "disconnected_session_ttl_s": DISCONNECT_TTL_S,
        "method": "VmRSS of the server process from /proc; baseline after a warm-up session "
        "closed and was reaped; per session = (RSS with them open - RSS before) / count",
        "step_s": round(time.perf_counter() - started, 1),
    }


def format_memory(result: dict[str, Any]) -> str:
    """The memory figures as a Markdown table."""
    if "skipped" in result:
        return f"memory: skipped ({result['skipped']})"
    n = result["sessions"]
    rows = [
        ("warm baseline (after a warm-up session, closed)", f"{result['baseline_mb']:.0f} MB"),
        (f"{result['idle_sessions']} idle sessions open", f"{result['idle_open_mb']:.0f} MB"),
        ("per idle session", f"{result['per_idle_session_mb']:.1f} MB"),
        (
            f"{n} sessions open, each with its {result['upload_mb']:.1f} MB upload",
            f"{result['uploads_open_mb']:.0f} MB (peak {result['uploads_peak_mb']:.0f} MB)",
        ),
        ("per session with an upload", f"{result['per_upload_session_mb']:.1f} MB"),
        (
            f"the {n} closed and reaped",
            f"{result['after_uploads_closed_mb'][-1]:.0f} MB "
            f"({result['closed_above_baseline_mb']:+.0f} MB on the baseline)",
        ),
    ]
    lines = ["| server RSS | |", "|---|---:|"]
    lines += [f"| {label} | {value} |" for label, value in rows]
    return "\n".join(lines)
