"""One measurement job in a fresh process, so each size and kind gets its own peak RSS.

python -m benchmarks.worker core --folder F --repeat 3 --naive-budget 15 --out result.json
python -m benchmarks.worker app  --folder F --repeat 3 --out result.json
python -m benchmarks.worker browser --folder F --repeat 3 --out result.json
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    """Run one job and write its result as JSON."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.worker")
    parser.add_argument("kind", choices=("core", "app", "browser"))
    parser.add_argument("--folder", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--naive-budget", type=float, default=15.0)
    parser.add_argument("--sessions", type=int, default=4)
    parser.add_argument("--stress", action="store_true", help="also time with every role selected")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    if args.kind == "core":
        from benchmarks.core_steps import run_core

        result = run_core(args.folder, args.repeat, args.naive_budget)
    elif args.kind == "app":
        from benchmarks.app_steps import run_app

        result = run_app(args.folder, args.repeat, args.sessions, stress=args.stress)
    else:
        from benchmarks.browser_steps import run_browser

        result = run_browser(args.folder, args.repeat)
    args.out.write_text(json.dumps(result, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
