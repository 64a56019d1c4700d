"""A file built by a download click survives other sessions' sweeps until its session reruns."""

from __future__ import annotations

import pytest
from streamlit.runtime import media_file_manager
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.media_file_storage import MediaFileStorageError
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

from dashboard.ui.download_files import keep_built_downloads, stored_file_id

SESSION = "session-1"


@pytest.fixture
def manager(monkeypatch) -> MediaFileManager:
    """Streamlit's own media file manager and memory storage, in one session."""
    monkeypatch.setattr(media_file_manager, "_get_session_id", lambda: SESSION)
    assert keep_built_downloads()
    return MediaFileManager(MemoryMediaFileStorage("/media"))


def stored(manager: MediaFileManager, file_id: str) -> bool:
    try:
        manager._storage.get_file(file_id)
    except MediaFileStorageError:
        return False
    return True


def click(manager: MediaFileManager, execute=None) -> str:
    """Register a button's callable, as a run does, then click it; the built file's id."""
    placeholder = manager.add_deferred(lambda: b"a,b\r\n1,2\r\n", "text/csv", "1.2.3", "x.csv")
    run = execute or manager.execute_deferred
    return stored_file_id(run(placeholder))


def other_sessions_finish_two_runs(manager: MediaFileManager) -> None:
    manager.remove_orphaned_files()
    manager.remove_orphaned_files()


def test_without_the_fix_two_sweeps_delete_the_file_before_the_browser_fetches_it(manager):
    # The race itself, on Streamlit's own code: the premise of the fix.
    original = MediaFileManager.execute_deferred.__wrapped__
    built = click(manager, lambda placeholder: original(manager, placeholder))
    assert stored(manager, built)
    other_sessions_finish_two_runs(manager)
    assert not stored(manager, built)


def test_the_built_file_outlives_other_sessions_runs(manager):
    built = click(manager)
    other_sessions_finish_two_runs(manager)
    assert stored(manager, built)


def test_the_file_goes_once_its_session_reruns(manager):
    built = click(manager)
    manager.clear_session_refs(SESSION)  # the session's next full run starts
    other_sessions_finish_two_runs(manager)
    assert not stored(manager, built)


def test_a_session_that_ended_keeps_nothing(manager):
    placeholder = manager.add_deferred(lambda: b"x", "text/csv", "1.2.3", "x.csv")
    manager.clear_session_refs(SESSION)  # the session ended (or reran) before the click
    built = stored_file_id(manager.execute_deferred(placeholder))
    other_sessions_finish_two_runs(manager)
    assert not stored(manager, built)


def test_keeping_is_installed_once():
    assert keep_built_downloads() and keep_built_downloads()
    assert not hasattr(MediaFileManager.execute_deferred.__wrapped__, "__wrapped__")
