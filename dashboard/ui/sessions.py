"""A session's life on a server: closed ones give their memory back, reconnected ones rerun.

Streamlit keeps a disconnected session for server.disconnectedSessionTTL seconds (120 by default)
so that a browser which lost its connection for a moment resumes it. In Streamlit 1.67 the
session storage then drops the session without shutting it down, and only when something next
touches the storage. A dropped session's uploaded files stay in the uploaded-file manager and its
download callables (which hold its dataset) in the media file manager for the life of the
process: measured here, five closed sessions that had each uploaded a 5 MB dataset kept every
byte of it for minutes after their TTL. The reaper below shuts each expired session down as
Streamlit itself shuts down a closed one (session.shutdown(): files, download callables, table
sources), then hands the freed memory back to the operating system.

The allocators are set up so that the freed memory really leaves the process (see
tune_allocator and release_freed_memory), and the page reruns after a reconnect (see
rerun_after_reconnect).

The reaper reaches into Streamlit's runtime (its session manager, storage and event loop); on a
release where those are not where 1.67 keeps them it logs a warning and does nothing.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import logging
import threading
import time
from typing import Any

import pyarrow
import streamlit as st
from streamlit import runtime

_LOGGER = logging.getLogger(__name__)
# How often the reaper looks for sessions past their reconnect window; a closed session's memory
# comes back at most this long after server.disconnectedSessionTTL.
REAP_EVERY_S = 15.0


# Streamlit 1.67's browser code reruns the page after a reconnect only when the page has a fragment
# on a timer; otherwise it assumes its session resumed and waits. A browser whose replica died
# reconnects to another one, which holds no session for it: without a rerun its page would sit
# there, showing data no server holds, until the user's next click. The timer itself only reruns
# an empty fragment (microseconds), ten minutes apart.
RECONNECT_TIMER = "10min"


@st.fragment(run_every=RECONNECT_TIMER)
def _rerun_timer() -> None:
    """Draws nothing: its timer is what makes the browser rerun the page after a reconnect."""


def rerun_after_reconnect() -> None:
    """Make the browser rerun the whole page when it reconnects (e.g. to another replica)."""
    _rerun_timer()


M_MMAP_THRESHOLD = -3  # glibc's malloc.h
M_ARENA_MAX = -8
# Blocks from this size up get pages of their own (mmap), returned to the system when freed.
MMAP_THRESHOLD_BYTES = 128 * 1024
ARENA_MAX = 2


def tune_allocator() -> None:
    """Make glibc return a freed dataset's memory instead of keeping it fragmented.

    By default glibc raises its mmap threshold each time a big block is freed, so a session's
    tables end up on the heap between smaller blocks, and every script thread may get an arena
    of its own: measured here, 20 closed sessions with a 5 MB upload each left 150 MB free but
    unreturnable on the heap. A fixed threshold sends every table column to mmap, and two
    arenas keep the script threads' small blocks together.
    """
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES)
        libc.mallopt(M_ARENA_MAX, ARENA_MAX)


def release_freed_memory() -> None:
    """Collect cycles, then ask both allocators to return freed pages to the operating system.

    A dataset's text columns live in pyarrow's memory pool (pandas 3 stores strings in Arrow
    arrays), the rest on glibc's heap. Both keep freed pages for reuse by this process, so
    without release_unused and malloc_trim the server's RSS would not fall after a session's
    dataset is freed, even though nothing references it.
    """
    gc.collect()
    pyarrow.default_memory_pool().release_unused()
    pyarrow.mimalloc_memory_pool().release_unused()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _storage_parts(instance: Any) -> tuple[Any, Any, Any] | None:
    """(session manager, storage TTL cache, event loop) of a running runtime, or None."""
    manager = getattr(instance, "_session_mgr", None)
    storage = getattr(manager, "_session_storage", None)
    cache = getattr(storage, "_cache", None)
    lock = getattr(manager, "_storage_lock", None)
    try:
        loop = instance._get_async_objs().eventloop
    except (AttributeError, RuntimeError):
        return None
    if cache is None or lock is None or not callable(getattr(cache, "expire", None)):
        return None
    return manager, cache, loop


def reap_expired(manager: Any, cache: Any) -> int:
    """Shut down every stored session past its TTL; return how many were shut down.

    Runs on the runtime's event loop, where Streamlit itself moves sessions in and out of
    storage (under the manager's storage lock) and shuts closed ones down.
    """
    with manager._storage_lock:
        expired = cache.expire()
    for _, info in expired:
        info.session.shutdown()
    return len(expired)


class _Reaper:
    """Every every_s seconds: reap on the event loop; release memory on the next tick.

    A shut-down session's objects are freed a little after shutdown() returns (its script
    thread and pending messages let go of them), so the release waits one tick.
    """

    def __init__(self, manager: Any, cache: Any, loop: Any, every_s: float) -> None:
        self.manager, self.cache, self.loop, self.every_s = manager, cache, loop, every_s
        self.reaped = 0

    def _reap(self) -> None:
        self.reaped += reap_expired(self.manager, self.cache)

    def run(self) -> None:
        while not self.loop.is_closed():
            time.sleep(self.every_s)
            if self.reaped:
                self.reaped = 0
                release_freed_memory()
            with contextlib.suppress(RuntimeError):  # the loop closed while we slept
                self.loop.call_soon_threadsafe(self._reap)


@st.cache_resource(show_spinner=False)
def start_session_reaper(every_s: float = REAP_EVERY_S) -> bool:
    """Start, once per server process, the thread that shuts expired closed sessions down."""
    if not runtime.exists():  # AppTest and bare-mode runs have no sessions to reap
        return False
    parts = _storage_parts(runtime.get_instance())
    if parts is None:
        _LOGGER.warning(
            "Closed sessions will not be reaped: this Streamlit release keeps its session "
            "storage elsewhere than 1.67 did (see dashboard/ui/sessions.py)."
        )
        return False
    # Arrow's own pool (mimalloc) kept 200 MB of freed buffers from 20 closed uploads that its
    # release_unused did not give back; through glibc, malloc_trim does.
    pyarrow.set_memory_pool(pyarrow.system_memory_pool())
    tune_allocator()
    reaper = _Reaper(*parts, every_s)
    threading.Thread(target=reaper.run, name="session-reaper", daemon=True).start()
    return True
