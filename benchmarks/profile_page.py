"""Profile one page of the app with cProfile, inside the script thread AppTest runs it in.

    python -m benchmarks.profile_page --size esco --page overlap            # reruns
    python -m benchmarks.profile_page --size onet --page compare --first    # first run

cProfile only sees the thread that enabled it, and AppTest runs the script in its own thread,
so the profiler is switched on around Streamlit's script execution itself.
"""

from __future__ import annotations

import argparse
import io
import pstats
import sys
from cProfile import Profile
from pathlib import Path

from benchmarks.app_steps import (
    KNOWN_STREAMLIT,
    change_industry,
    clear_caches,
    industry_values,
    knows_streamlit_internals,
    new_session,
    run_checked,
    share_script_cache,
)
from benchmarks.generate import DEFAULT_SEED, SHIPPED, SIZES, dataset_folder


def profile_script_runs(profiler: Profile) -> bool:
    """Enable profiler around every script execution, in whichever thread runs it.

    It replaces a Streamlit internal, so only on the release it was written for (False: not).
    """
    if not knows_streamlit_internals():
        return False
    import streamlit.runtime.scriptrunner.script_runner as script_runner

    original = script_runner.exec_func_with_error_handling

    def profiled(func, ctx):
        def run():
            profiler.enable()
            try:
                return func()
            finally:
                profiler.disable()

        return original(run, ctx)

    script_runner.exec_func_with_error_handling = profiled
    return True


def main(argv: list[str] | None = None) -> int:
    """Print the top functions of a page's profiled runs."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.profile_page")
    parser.add_argument("--size", choices=(SHIPPED, *SIZES), default="esco")
    parser.add_argument("--page", default="compare", help="file name in dashboard/app_pages")
    parser.add_argument("--first", action="store_true", help="profile first runs (caches cleared)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sort", default="cumulative", help="pstats sort key, e.g. tottime")
    parser.add_argument("--lines", type=int, default=40)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--all-roles", action="store_true", help="select every role (?roles=*)")
    args = parser.parse_args(argv)

    folder = dataset_folder(args.size, args.seed)
    page = f"app_pages/{Path(args.page).stem}.py"
    share_script_cache()
    at = new_session(folder)
    if args.all_roles:
        at.query_params["roles"] = "*"
    run_checked(at, "first run")
    at.switch_page(page)
    run_checked(at, page)
    profiler = Profile()
    if not profile_script_runs(profiler):
        print(f"profile_page patches Streamlit {KNOWN_STREAMLIT} internals.", file=sys.stderr)
        return 1
    industries = industry_values(folder)
    seconds = []
    for i in range(args.runs):
        if args.first:
            clear_caches()
        else:
            change_industry(at, industries, i)
        seconds.append(run_checked(at, page))
    what = "first runs" if args.first else "reruns after changing the industry"
    print(f"{page} on {args.size}: {what}: " + ", ".join(f"{s * 1000:.0f} ms" for s in seconds))
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats(args.sort).print_stats(args.lines)
    print(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
