"""Timing and memory helpers: medians of repeated calls, tracemalloc peaks, process RSS."""

from __future__ import annotations

import gc
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

MEMORY_METHOD = (
    "peak_mb: tracemalloc peak of Python and NumPy/pandas allocations during one extra, untimed "
    "call (pyarrow buffers are not traced); max_rss_mb: the worker process's peak resident set "
    "size (resource.getrusage ru_maxrss), one fresh process per size and kind"
)


@dataclass
class Step:
    """One measured step: its timed samples, its traced peak, and what to say about it."""

    label: str
    samples_s: list[float] = field(default_factory=list)
    peak_mb: float | None = None
    note: str = ""
    extrapolated: bool = False
    skipped: str = ""  # reason, when the step could not run
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def median_s(self) -> float | None:
        """The median of the samples, or None when there are none."""
        return statistics.median(self.samples_s) if self.samples_s else None

    def as_json(self) -> dict[str, Any]:
        """A plain dict for the JSON report (median included)."""
        return {**asdict(self), "median_s": self.median_s}


def timed(fn: Callable[[], Any], repeat: int) -> tuple[list[float], Any]:
    """Call fn repeat times; return the wall-clock seconds of each call and the last result."""
    samples = []
    result = None
    for _ in range(max(1, repeat)):
        gc.collect()
        start = time.perf_counter()
        result = fn()
        samples.append(time.perf_counter() - start)
    return samples, result


def traced_peak_mb(fn: Callable[[], Any]) -> float:
    """Peak traced allocation (MB) while fn runs once, above what was allocated before."""
    gc.collect()
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        before, _ = tracemalloc.get_traced_memory()
        fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return round((peak - before) / 2**20, 2)


def measure(
    label: str, fn: Callable[[], Any], repeat: int, memory: bool = True
) -> tuple[Step, Any]:
    """Time fn (median of repeat) and, unless memory is False, trace its peak once more.

    Returns the step and the last timed call's result, so no caller computes it again.
    """
    samples, result = timed(fn, repeat)
    return Step(label, samples, traced_peak_mb(fn) if memory else None), result


def max_rss_mb() -> float:
    """This process's peak resident set size so far, in MB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports KiB, macOS bytes.
    return round(peak / (2**20 if sys.platform == "darwin" else 2**10), 1)


def rss_mb() -> float:
    """This process's current resident set size in MB (Linux /proc; falls back to the peak)."""
    try:
        with open("/proc/self/statm") as statm:
            pages = int(statm.read().split()[1])
    except OSError:
        return max_rss_mb()
    return round(pages * resource.getpagesize() / 2**20, 1)
