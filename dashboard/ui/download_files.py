"""A file built on a download click stays on the server until the browser has fetched it.

A download button given a callable builds its file only when clicked (Streamlit 1.67's deferred
downloads). Streamlit then stores the file without tying it to the session that asked for it;
every finished script run of any session sweeps the files no session refers to, marking such a
file on the first sweep and deleting it on the second. With a dozen sessions at work, two sweeps
can pass between the click and the browser's request for the file: the browser gets a 404 and
shows the download as canceled (seen in the 16-session load test). Here the built file is
referred to by the session that clicked, under the button's place on the page, until that
session's next full run (which clears its references, as it does for every file it shows), so
it lives as long as the page that offered it.

This reaches into Streamlit's media file manager; on a release where its parts are not where
1.67 keeps them, it logs a warning and leaves Streamlit as it is.
"""

from __future__ import annotations

import functools
import logging
from typing import Any

from streamlit.runtime.media_file_manager import MediaFileManager

_LOGGER = logging.getLogger(__name__)
# The key under the button's coordinates at which a session refers to the file its click built.
BUILT_SUFFIX = ":built"
_PARTS = ("_lock", "_deferred_callables", "_files_by_session_and_coord", "_file_metadata")


def stored_file_id(url: str) -> str:
    """The storage id in a media URL ("/media/<id>.csv" -> "<id>")."""
    return url.rsplit("/", 1)[-1].split(".", 1)[0]


def _keeping(execute_deferred: Any) -> Any:
    @functools.wraps(execute_deferred)
    def execute_and_keep(self: MediaFileManager, file_id: str) -> str:
        with self._lock:
            entry = self._deferred_callables.get(file_id)
        url = execute_deferred(self, file_id)
        if entry is not None:
            built = stored_file_id(url)
            with self._lock:
                refs = self._files_by_session_and_coord
                # Only while the session still refers to its button: an ended session's
                # references are gone, and a file kept for it would never be swept.
                if built in self._file_metadata and entry["session_id"] in refs:
                    refs[entry["session_id"]][entry["coordinates"] + BUILT_SUFFIX] = built
        return url

    execute_and_keep.keeps_built_files = True
    return execute_and_keep


def keep_built_downloads() -> bool:
    """Make Streamlit keep each file a download click builds until its session reruns.

    Idempotent; False (with a warning) on a Streamlit whose media file manager differs."""
    current = MediaFileManager.execute_deferred
    if getattr(current, "keeps_built_files", False):
        return True
    probe = MediaFileManager.__new__(MediaFileManager)
    try:
        MediaFileManager.__init__(probe, storage=None)  # type: ignore[arg-type]
    except TypeError:
        _LOGGER.warning("Streamlit's media file manager has changed: downloads left as they are")
        return False
    if not all(hasattr(probe, part) for part in _PARTS):
        _LOGGER.warning("Streamlit's media file manager has changed: downloads left as they are")
        return False
    MediaFileManager.execute_deferred = _keeping(current)
    return True
