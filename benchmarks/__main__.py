"""python -m benchmarks [--quick] [--sizes ...] [--repeat 3] [--json PATH]

Generates (or reuses) a dataset per size, then runs fresh worker processes per size: one
times the pure computations, one the app through Streamlit's AppTest, one the Overlap page's
heatmap in headless Chromium. Prints a table, checks the issue's targets (PASS / MISS; a miss
never fails the process) and writes JSON.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.browser_steps import METHOD as BROWSER_METHOD
from benchmarks.browser_steps import unavailable_reason
from benchmarks.generate import DEFAULT_SEED, ROOT, SHIPPED, SIZES, dataset_folder
from benchmarks.report import check_targets, format_table, format_targets, table_rows
from benchmarks.timing import MEMORY_METHOD

ALL_SIZES = (SHIPPED, *SIZES)
FULL_SIZES = (SHIPPED, "onet", "esco")
QUICK_SIZES = (SHIPPED, "small")
DEFAULT_JSON = ROOT / "benchmarks" / "results" / "latest.json"
WORKER_TIMEOUT_S = 3600


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.split("\n")[2]
    )
    parser.add_argument("--quick", action="store_true", help="small sizes only, for CI (1-2 min)")
    parser.add_argument("--sizes", nargs="+", choices=ALL_SIZES, help="default: shipped onet esco")
    parser.add_argument(
        "--repeat", type=int, help="timed repeats; medians are quoted (default 3, quick 1)"
    )
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help=f"default: {DEFAULT_JSON}")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument(
        "--naive-budget",
        type=float,
        help="seconds the naive loop may take per size (all repeats); beyond it, a subset of "
        "roles is run and extrapolated (default 15, quick 2)",
    )
    parser.add_argument("--no-app", action="store_true", help="skip the AppTest timings")
    parser.add_argument(
        "--stress",
        action=argparse.BooleanOptionalAction,
        help="also time each page once with every role selected (?roles=*); default: on in "
        "full mode, off with --quick",
    )
    parser.add_argument(
        "--browser",
        action=argparse.BooleanOptionalAction,
        help="time the Overlap page's heatmap in headless Chromium against a bare 5x5 heatmap "
        "page and a floor page; default: on when Chromium and Playwright are available "
        "(--quick: shipped only)",
    )
    parser.add_argument(
        "--load",
        action="store_true",
        help="instead of the sizes: concurrent browser sessions through make serve's proxy, "
        "with 1 and with 3 replicas (a few minutes; never in --quick)",
    )
    parser.add_argument(
        "--memory",
        action="store_true",
        help="instead of the sizes: what one server holds for idle, uploading and closed "
        "sessions (RSS from /proc; a few minutes; never in --quick)",
    )
    parser.add_argument(
        "--sessions", type=int, help="browser sessions for --load (16) or --memory (20)"
    )
    args = parser.parse_args(argv)
    if args.quick and (args.load or args.memory):
        parser.error("--load and --memory are not part of --quick")
    args.sizes = args.sizes or (QUICK_SIZES if args.quick else FULL_SIZES)
    if args.repeat is None:
        args.repeat = 1 if args.quick else 3
    if args.stress is None:
        args.stress = not args.quick
    if args.naive_budget is None:
        args.naive_budget = 2.0 if args.quick else 15.0
    return args


def run_worker(kind: str, folder: Path, args: argparse.Namespace) -> dict[str, Any]:
    """Run one worker process; its JSON result, or {"error": ...} when it failed."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "result.json"
        command = [
            sys.executable,
            "-m",
            "benchmarks.worker",
            kind,
            "--folder",
            str(folder),
            "--repeat",
            str(args.repeat),
            "--naive-budget",
            str(args.naive_budget),
            "--out",
            str(out),
        ]
        if kind == "app":
            command += ["--sessions", "2" if args.quick else "4"]
            if args.stress:
                command.append("--stress")
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        try:
            done = subprocess.run(
                command,
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=WORKER_TIMEOUT_S,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return {"error": f"timed out after {WORKER_TIMEOUT_S} s"}
        if done.returncode != 0 or not out.is_file():
            tail = (done.stderr or done.stdout).strip().splitlines()[-15:]
            return {"error": f"exit {done.returncode}: " + "\n".join(tail)}
        return json.loads(out.read_text())


def browser_skip(size: str, args: argparse.Namespace, unavailable: str | None) -> str | None:
    """Why the browser step does not run for size (None: it runs).

    unavailable: why Chromium or Playwright cannot be used here (None: both are present).
    """
    if args.browser is False:
        return "--no-browser"
    if args.quick and size != SHIPPED:
        # Three servers and a browser take ~15 s: CI's quick run affords one size.
        return "quick mode: shipped only"
    return unavailable


def measure_size(size: str, args: argparse.Namespace) -> dict[str, Any]:
    """Generate (or reuse) the size's dataset and run its workers."""
    start = time.perf_counter()
    folder = dataset_folder(size, args.seed)
    result: dict[str, Any] = {
        "folder": str(folder),
        "prepare_s": round(time.perf_counter() - start, 3),
    }
    print(f"[{size}] dataset in {folder} ({result['prepare_s']:.1f} s); timing core…", flush=True)
    result["core"] = run_worker("core", folder, args)
    if "error" in result["core"]:
        print(f"[{size}] core failed: {result['core']['error']}", flush=True)
    if args.no_app:
        result["app"] = {"skipped": "--no-app"}
    else:
        print(f"[{size}] timing the app (AppTest)…", flush=True)
        result["app"] = run_worker("app", folder, args)
        if "error" in result["app"]:
            print(f"[{size}] app failed: {result['app']['error']}", flush=True)
    skip = browser_skip(size, args, unavailable_reason())
    if skip:
        result["browser"] = {"skipped": skip}
        print(f"[{size}] browser step skipped: {skip}", flush=True)
    else:
        print(f"[{size}] timing the Overlap heatmap in Chromium…", flush=True)
        result["browser"] = run_worker("browser", folder, args)
        if "error" in result["browser"]:
            print(f"[{size}] browser failed: {result['browser']['error']}", flush=True)
    return result


def run_sessions(args: argparse.Namespace) -> int:
    """--load and --memory: browser sessions against running servers; table and JSON."""
    report: dict[str, Any] = {
        "meta": {
            "command": " ".join(["python -m benchmarks", *(sys.argv[1:])]),
            "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
        }
    }
    if args.load:
        from benchmarks.load_steps import format_load, run_load

        report["load"] = run_load(sessions=args.sessions or 16)
        print(format_load(report["load"]))
    if args.memory:
        from benchmarks.memory_steps import format_memory, run_memory

        report["memory"] = run_memory(sessions=args.sessions or 20)
        print(format_memory(report["memory"]))
    path = args.json if args.json != DEFAULT_JSON else DEFAULT_JSON.with_name("sessions.json")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=2, default=str))
    print(f"\nJSON: {path}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; always exit 0 unless the command line is wrong."""
    args = parse_args(argv)
    if args.load or args.memory:
        return run_sessions(args)
    started = time.perf_counter()
    sizes = {size: measure_size(size, args) for size in args.sizes}
    targets = check_targets(sizes)
    report = {
        "meta": {
            "command": " ".join(["python -m benchmarks", *(argv or sys.argv[1:])]),
            "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "quick": args.quick,
            "repeat": args.repeat,
            "seed": args.seed,
            "naive_budget_s": args.naive_budget,
            "stress": args.stress,
            "browser": "auto" if args.browser is None else args.browser,
            "browser_timing": BROWSER_METHOD,
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "timing": "wall clock (time.perf_counter); medians of --repeat runs",
            "memory": MEMORY_METHOD,
            "total_s": round(time.perf_counter() - started, 1),
        },
        "sizes": sizes,
        "targets": targets,
        "targets_enforced": False,
    }
    header, rows = table_rows(sizes)
    print()
    print(format_table(header, rows))
    print("  * extrapolated: the naive loop ran on a random subset of roles, scaled by pairs.")
    print("  (MB) tracemalloc peak of one extra call; RSS is the worker process's peak.")
    print()
    if args.quick:
        print("Targets (quick mode: informational only, sizes too small for most of them):")
    else:
        print("Targets (a MISS is reported, never fatal):")
    print(format_targets(targets))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2, default=str))
    print(f"\nJSON: {args.json}   total {report['meta']['total_s']:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
