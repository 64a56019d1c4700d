"""A session's own dataset: uploaded in the browser, kept in session state only.

The upload is parsed once, in a button callback (before the script reruns), so the entrypoint of
that very run already resolves the new dataset. Nothing is written to disk: Streamlit keeps the
uploaded files in memory and the archive layer reads zips without extracting them. Session
state belongs to one browser session, so another session never sees the upload.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from dashboard.core.dataset import Dataset
from dashboard.core.intake import UploadLimits, load_upload
from dashboard.core.problems import DatasetError
from dashboard.core.settings import upload_cap_bytes

KEY_UPLOADER = "upload_files"
KEY_USE = "upload_use"
KEY_SWITCH_BACK = "upload_switch_back"
KEY_TEMPLATE = "upload_template"
KEY_EXPORT = "upload_export"
# Session-only results of the last "Use this dataset": the dataset, or why it was refused.
_DATASET = "_uploaded_dataset"
_PROBLEMS = "_upload_problems"


def server_upload_bytes() -> int:
    """Streamlit's own cap per uploaded file (server.maxUploadSize), in bytes as browsers count."""
    return upload_cap_bytes(int(st.get_option("server.maxUploadSize")))


def limits() -> UploadLimits:
    """The upload caps, with the per-file cap the server's own (as run, options included)."""
    return UploadLimits.for_upload_cap(server_upload_bytes())


def uploaded_dataset() -> Dataset | None:
    """This session's uploaded dataset, if it uses one."""
    return st.session_state.get(_DATASET)


def upload_problems() -> str | None:
    """Why the last upload was refused (DatasetError text), if it was."""
    return st.session_state.get(_PROBLEMS)


def use_upload(uploads: Sequence[tuple[str, bytes]]) -> Dataset | None:
    """Validate (name, bytes) pairs; on success the session switches to them, else keeps its own.

    A refused upload leaves the current dataset (shipped or an earlier upload) in place and
    records every problem for the page to show.
    """
    try:
        dataset = load_upload(uploads, limits())
    except DatasetError as error:
        st.session_state[_PROBLEMS] = str(error)
        return None
    st.session_state[_DATASET] = dataset
    st.session_state.pop(_PROBLEMS, None)
    return dataset


def use_uploaded_files() -> None:
    """Button callback: use the files in the uploader widget."""
    files = st.session_state.get(KEY_UPLOADER) or []
    use_upload([(file.name, file.getvalue()) for file in files])


def forget_upload() -> None:
    """Switch this session back to the server's dataset."""
    st.session_state.pop(_DATASET, None)
    st.session_state.pop(_PROBLEMS, None)
