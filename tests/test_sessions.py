"""Closed sessions are shut down when their reconnect window ends, and their upload goes with them.

Real Streamlit objects (an AppSession, the in-memory uploaded-file manager and session storage),
no server: the session holds a real uploaded dataset in its state and its raw file in the manager,
as a session with an upload does.
"""

from __future__ import annotations

import asyncio
import gc
import threading
import time
import weakref
from concurrent.futures import ThreadPoolExecutor

from streamlit.runtime.app_session import AppSession
from streamlit.runtime.memory_session_storage import MemorySessionStorage
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
from streamlit.runtime.script_data import ScriptData
from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.runtime.session_manager import SessionInfo
from streamlit.runtime.uploaded_file_manager import UploadedFileRec

from dashboard.core.dataset import load_dataset
from dashboard.ui.sessions import reap_expired, start_session_reaper
from tests.support import MINI


def run(scenario):
    """Run an async scenario (AppSession needs a running loop) in a thread of its own.

    Playwright's sync API, used by the browser tests in the same pytest process, keeps an event
    loop running in the main thread, where asyncio.run refuses to start another.
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, scenario()).result()


class Manager:
    """The one thing reap_expired needs of Streamlit's session manager: its storage lock."""

    _storage_lock = threading.Lock()


def closed_session_with_upload(storage, files):
    """Store a disconnected session whose state holds an uploaded dataset; a weakref to it."""
    session = AppSession(ScriptData(str(MINI / "app.py"), False), files, ScriptCache(), None, {})
    dataset = load_dataset(MINI)
    session.session_state["_uploaded_dataset"] = dataset
    files.add_file(session.id, UploadedFileRec("f1", "roles.csv", "text/csv", b"x" * 5_000))
    storage.save(SessionInfo(client=None, session=session))
    return session.id, weakref.ref(dataset)


def test_a_closed_session_past_its_ttl_is_shut_down_and_its_upload_is_no_longer_referenced():
    async def scenario():
        files = MemoryUploadedFileManager("/upload")
        storage = MemorySessionStorage(ttl_seconds=0.01)
        session_id, dataset = closed_session_with_upload(storage, files)
        assert dataset() is not None and files.file_storage[session_id]
        time.sleep(0.05)
        assert reap_expired(Manager(), storage._cache) == 1
        gc.collect()
        return session_id, dataset, files

    session_id, dataset, files = run(scenario)
    assert dataset() is None
    assert session_id not in files.file_storage


def test_a_closed_session_within_its_ttl_is_kept_for_a_reconnect():
    async def scenario():
        files = MemoryUploadedFileManager("/upload")
        storage = MemorySessionStorage(ttl_seconds=3600)
        session_id, dataset = closed_session_with_upload(storage, files)
        assert reap_expired(Manager(), storage._cache) == 0
        gc.collect()
        return storage.get(session_id), dataset, files.file_storage.get(session_id)

    stored, dataset, files = run(scenario)
    assert stored is not None and dataset() is not None and files
    stored.session.shutdown()


def test_no_reaper_starts_without_a_server():
    # AppTest and bare `python` runs have no runtime, hence no sessions to reap.
    start_session_reaper.clear()
    assert start_session_reaper(0.01) is False
