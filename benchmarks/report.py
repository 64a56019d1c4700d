"""The results table and the issue's targets, checked against one run's JSON."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

PASS, MISS, NOT_MEASURED = "PASS", "MISS", "n/a"
MB = 2**20
# The issue: "no page sends more than about 5 MB of chart data".
CHART_LIMIT_BYTES = 5 * MB
# The Overlap heatmap drawn in at most 1.2 times Streamlit's own floor page (the same heatmap at
# /overlap under one sidebar multiselect, floor_page.py), measured in the same run: what our page
# adds beyond what Streamlit charges for such a page. The ratio to a bare page has no target.
BROWSER_RATIO_LIMIT = 1.2

# Core steps in table order (keys of a size's "core" -> "steps").
CORE_ROWS = (
    "load",
    "override",
    "comparison",
    "similarity",
    "similarity_naive",
    "export_wide",
    "export_long",
    "export_top_k",
    "export_all_pairs",
)
VALIDATION_ROWS = ("validate_duplicates", "validate_clean")
# The finder and the job-post reader (the pivot and the index are built once and cached).
FINDER_ROWS = (
    "finder_pivot",
    "finder_rank",
    "finder_rank_naive",
    "finder_csv",
    "post_index",
    "post_read",
)


def _app_worst(result: dict[str, Any], phase: str) -> float | None:
    """The slowest page's median for phase ("first_run" or "rerun")."""
    pages = (result.get("app") or {}).get("pages") or {}
    medians = [page[phase]["median_s"] for page in pages.values() if page.get(phase)]
    medians = [m for m in medians if m is not None]
    return max(medians) if medians else None


def largest_chart_page(
    result: dict[str, Any], pages_keys: tuple[str, ...] = ("pages", "stress_pages")
) -> tuple[int, str] | None:
    """The page that sends the most chart data: (bytes, page), over the app's pages_keys."""
    app = result.get("app") or {}
    found = [
        (page["chart_bytes"], name)
        for key in pages_keys
        for name, page in (app.get(key) or {}).items()
        if page.get("chart_bytes") is not None
    ]
    return max(found) if found else None


def _largest_chart_bytes(result: dict[str, Any]) -> int | None:
    largest = largest_chart_page(result)
    return largest[0] if largest else None


def _get(*path: str) -> Callable[[dict[str, Any]], Any]:
    def fetch(result: dict[str, Any]) -> Any:
        value: Any = result
        for key in path:
            if not isinstance(value, dict):
                return None
            value = value.get(key)
        return value

    return fetch


@dataclass(frozen=True)
class Target:
    """One target of the issue: a value of one size's result against a limit."""

    size: str
    text: str
    value: Callable[[dict[str, Any]], Any]
    limit: float
    unit: str
    at_least: bool = False  # the value must be >= limit (else <=)

    def check(self, sizes: dict[str, dict[str, Any]]) -> dict[str, Any]:
        """This target's row for the report: value, limit and PASS / MISS / n/a."""
        result = sizes.get(self.size)
        value = self.value(result) if result else None
        if value is None:
            status = NOT_MEASURED
        elif isinstance(value, bool):
            status = PASS if value else MISS
        else:
            ok = value >= self.limit if self.at_least else value <= self.limit
            status = PASS if ok else MISS
        return {
            "size": self.size,
            "target": self.text,
            "value": value,
            "limit": self.limit,
            "unit": self.unit,
            "status": status,
        }


def _step(name: str) -> Callable[[dict[str, Any]], Any]:
    return _get("core", "steps", name, "median_s")


def _page(phase: str) -> Callable[[dict[str, Any]], Any]:
    return lambda result: _app_worst(result, phase)


_IDENTICAL = _get("core", "steps", "similarity_naive", "extra", "identical_to_fast")
TARGETS = (
    Target("esco", "all-pairs similarity ≤ 1 s (aim 0.5 s)", _step("similarity"), 1.0, "s"),
    Target("esco", "similarity ≥ 150× faster than the naive loop",
           _get("core", "similarity_ratio"), 150, "×", at_least=True),
    Target("esco", "fast similarity identical to the naive loop (subset)", _IDENTICAL, 1, ""),
    Target("onet", "app first run ≤ 3 s (slowest page)", _page("first_run"), 3.0, "s"),
    Target("onet", "app rerun after a filter change ≤ 0.1 s", _page("rerun"), 0.1, "s"),
    Target("esco", "app first run ≤ 8 s (slowest page)", _page("first_run"), 8.0, "s"),
    Target("esco", "app rerun after a filter change ≤ 0.2 s", _page("rerun"), 0.2, "s"),
    Target("shipped", "app rerun after a filter change ≤ 50 ms", _page("rerun"), 0.05, "s"),
    Target("esco", "server memory ≤ 1 GB (app worker peak RSS)",
           _get("app", "max_rss_mb"), 1024, "MB"),
    Target("esco", "each extra idle session ≤ 10 MB", _get("app", "idle_session_mb"), 10, "MB"),
    Target("esco", "full all-pairs CSV export ≤ 3 s", _step("export_all_pairs"), 3.0, "s"),
    Target("esco", "finder: rank every role for 10 needs ≤ 200 ms", _step("finder_rank"), 0.2, "s"),
    Target("esco", "finder: fast ranking identical to the naive loop",
           _get("core", "steps", "finder_rank_naive", "extra", "identical_to_fast"), 1, ""),
    Target("esco", "post reader: read a two-page post ≤ 1 s", _step("post_read"), 1.0, "s"),
)  # fmt: skip


def size_targets(sizes: list[str]) -> list[Target]:
    """The targets checked on every size measured: chart data per page, then the browser's."""
    chart = "chart data per page ≤ 5 MB (largest page, stress included)"
    browser = "Overlap heatmap drawn ≤ 1.2x Streamlit's floor page (browser, same run)"
    over_floor = _get("browser", "app_over_floor")
    return [
        *(Target(s, chart, _largest_chart_bytes, CHART_LIMIT_BYTES, "B") for s in sizes),
        *(Target(s, browser, over_floor, BROWSER_RATIO_LIMIT, "×") for s in sizes),
    ]


def check_targets(sizes: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Every target's row: the issue's in its order, then those checked on every size."""
    return [target.check(sizes) for target in (*TARGETS, *size_targets(list(sizes)))]


def _seconds(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


def _bytes(value: float | None) -> str:
    if value is None:
        return "—"
    if value < 1024:
        return f"{value:.0f} B"
    return f"{value / 1024:.1f} kB" if value < MB else f"{value / MB:.2f} MB"


def _chart_cell(largest: tuple[int, str] | None) -> str:
    return f"{_bytes(largest[0])} ({largest[1]})" if largest else "—"


def _samples(step: dict[str, Any] | None) -> str:
    samples = (step or {}).get("samples_s") or []
    return " / ".join(f"{s:.2f}" for s in samples) + " s" if samples else "—"


def _times(ratio: float | None) -> str:
    """A browser ratio, to two decimals (the target is 1.2)."""
    return f"{ratio:.2f}×" if ratio is not None else "—"


def _ratio(ratio: float | None) -> str:
    if ratio is None:
        return "—"
    return f"{ratio:,.0f}×" if ratio >= 10 else f"{ratio:.1f}×"


def _validation_cell(core_steps: dict[str, Any]) -> str:
    """The duplicate file's validation time over the clean file's, and each file's problems."""
    duplicates, clean = (core_steps.get(key) or {} for key in VALIDATION_ROWS)
    if not duplicates.get("median_s") or not clean.get("median_s"):
        return "—"
    found = [f"{step['extra']['problems']:,}" for step in (duplicates, clean)]
    return f"{duplicates['median_s'] / clean['median_s']:.1f}× ({' / '.join(found)})"


def _cell(step: dict[str, Any] | None) -> str:
    if not step:
        return "—"
    if step.get("skipped"):
        return "skipped"
    text = _seconds(step.get("median_s"))
    if step.get("extrapolated"):
        text += " *"
    if step.get("peak_mb") is not None:
        text += f" ({step['peak_mb']:.0f} MB)"
    return text


def table_rows(sizes: dict[str, dict[str, Any]]) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the results table (one column per size)."""
    names = list(sizes)
    header = ["step", *names]
    rows: list[list[str]] = []

    def steps_of(name: str, kind: str) -> dict[str, Any]:
        return (sizes[name].get(kind) or {}).get("steps") or {}

    def label_of(kind: str, key: str) -> str:
        for name in names:
            step = steps_of(name, kind).get(key)
            if step:
                return step["label"]
        return key

    shape = ["dataset (roles × skills, links)"]
    for name in names:
        facts = (sizes[name].get("core") or {}).get("facts") or {}
        shape.append(
            f"{facts['roles']:,} × {facts['skills']:,}, {facts['role_skills']:,}" if facts else "—"
        )
    rows.append(shape)
    for key in CORE_ROWS:
        rows.append([label_of("core", key), *(_cell(steps_of(n, "core").get(key)) for n in names)])
    rows.append(
        [
            "naive ÷ fast (same run)",
            *(_ratio((sizes[n].get("core") or {}).get("similarity_ratio")) for n in names),
        ]
    )
    for key in FINDER_ROWS:
        rows.append([label_of("core", key), *(_cell(steps_of(n, "core").get(key)) for n in names)])
    rows.append(
        [
            "finder: naive ÷ fast ranking (same run)",
            *(_ratio((sizes[n].get("core") or {}).get("ranking_ratio")) for n in names),
        ]
    )
    for key in VALIDATION_ROWS:
        rows.append([label_of("core", key), *(_cell(steps_of(n, "core").get(key)) for n in names)])
    rows.append(
        [
            "validate: duplicates ÷ clean (problems in each)",
            *(_validation_cell(steps_of(n, "core")) for n in names),
        ]
    )
    for pages_key, suffix in (("pages", ""), ("stress_pages", " (all roles)")):
        pages: list[str] = []
        for name in names:
            for page in (sizes[name].get("app") or {}).get(pages_key) or {}:
                if page not in pages:
                    pages.append(page)
        for page in pages:
            for phase, label in (("first_run", "first run"), ("rerun", "rerun after filter")):
                cells = []
                for name in names:
                    app = sizes[name].get("app") or {}
                    step = ((app.get(pages_key) or {}).get(page) or {}).get(phase)
                    cells.append(_cell(step) if step else "—")
                rows.append([f"app {page}{suffix}: {label}", *cells])
    for pages_key, label in (
        ("pages", "app chart data, largest page"),
        ("stress_pages", "app chart data, largest page (all roles)"),
    ):
        largest = [largest_chart_page(sizes[name], (pages_key,)) for name in names]
        if any(largest):
            rows.append([label, *(_chart_cell(found) for found in largest)])
    for key, label in (
        ("cold_start_s", "app cold start (imports + first run)"),
        ("apptest_floor_s", "AppTest floor (one-line app rerun)"),
    ):
        cells = [_seconds((sizes[name].get("app") or {}).get(key)) for name in names]
        rows.append([label, *cells])
    for key, label in (
        ("idle_session_mb", "app: memory per extra idle session"),
        ("max_rss_mb", "app worker peak RSS"),
    ):
        cells = []
        for name in names:
            value = (sizes[name].get("app") or {}).get(key)
            cells.append(f"{value:.1f} MB" if value is not None else "—")
        rows.append([label, *cells])
    for name in names:
        app = sizes[name].get("app") or {}
        if app.get("skipped") or app.get("error"):
            rows.append([f"app ({name})", *("" for _ in names)])
            rows[-1][names.index(name) + 1] = "skipped" if app.get("skipped") else "failed"
    rows.append(
        [
            "core worker peak RSS",
            *(
                f"{value:.0f} MB"
                if (value := (sizes[n].get("core") or {}).get("max_rss_mb"))
                else "—"
                for n in names
            ),
        ]
    )
    rows.extend(_browser_rows(sizes))
    return header, rows


# The browser step's rows: label, how a value is shown, and where it is in the step's result.
BROWSER_ROWS = (
    ("browser: Overlap page, heatmap drawn", "seconds", ("app", "median_s")),
    ("browser: floor page (picker, at /overlap), drawn", "seconds", ("floor", "median_s")),
    ("browser: Overlap ÷ floor (target ≤ 1.2, same run)", "times", ("app_over_floor",)),
    ("browser: bare 5×5 heatmap page, drawn", "seconds", ("reference", "median_s")),
    ("browser: Overlap ÷ bare 5×5 (same run)", "times", ("ratio",)),
    ("browser: floor ÷ bare 5×5 (Streamlit's share)", "times", ("floor_ratio",)),
    ("browser samples: Overlap page", "samples", ("app",)),
    ("browser samples: floor page", "samples", ("floor",)),
    ("browser samples: bare 5×5 page", "samples", ("reference",)),
)


def _browser_rows(sizes: dict[str, dict[str, Any]]) -> list[list[str]]:
    """The browser step's rows (none for a report without it); a skip or failure says so."""
    results = [sizes[name].get("browser") or {} for name in sizes]
    if not any(results):
        return []
    show = {"seconds": _seconds, "times": _times, "samples": _samples}
    rows = []
    for i, (label, kind, path) in enumerate(BROWSER_ROWS):
        cells = []
        for result in results:
            if result.get("skipped") or result.get("error"):
                why = f"skipped: {result['skipped']}" if result.get("skipped") else "failed"
                cells.append("—" if i else why)
            else:
                cells.append(show[kind](_get(*path)(result)))
        rows.append([label, *cells])
    return rows


def format_table(header: list[str], rows: list[list[str]], markdown: bool = False) -> str:
    """A plain-text (or Markdown) table with aligned columns."""
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        padded = [
            cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i])
            for i, cell in enumerate(cells)
        ]
        return ("| " + " | ".join(padded) + " |") if markdown else "  ".join(padded)

    out = [line(header)]
    if markdown:
        out.append(
            "|"
            + "|".join(
                "-" * (w + 2) if i == 0 else "-" * (w + 1) + ":" for i, w in enumerate(widths)
            )
            + "|"
        )
    else:
        out.append("  ".join("-" * w for w in widths))
    out.extend(line(row) for row in rows)
    return "\n".join(out)


def format_targets(targets: list[dict[str, Any]]) -> str:
    """One line per target: status, size, what, value against limit."""
    lines = []
    for row in targets:
        value = row["value"]
        if isinstance(value, bool):
            shown = "yes" if value else "no"
        elif value is None:
            shown = "not measured"
        elif row["unit"] == "s":
            shown = _seconds(value)
        elif row["unit"] == "B":
            shown = _bytes(value)
        elif row["unit"] == "×" and value < 10:
            shown = f"{value:.2f} ×"  # a ratio near its limit (1.2) needs two decimals
        else:
            shown = f"{value:,.1f} {row['unit']}".strip()
        lines.append(f"{row['status']:>4}  [{row['size']}] {row['target']}: {shown}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Print a saved run's table as Markdown, and its targets: python -m benchmarks.report."""
    import json
    import sys
    from pathlib import Path

    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0] if args else "benchmarks/results/latest.json")
    report = json.loads(path.read_text())
    header, rows = table_rows(report["sizes"])
    print(format_table(header, rows, markdown=True))
    print()
    print(format_targets(report["targets"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
