"""A session's own dataset: uploaded in the browser, kept in session state only.

The upload is parsed once, in a button callback (before the script reruns), so the entrypoint of
that very run already resolves the new dataset. Nothing is written to disk: Streamlit keeps the
uploaded files in memory and the archive layer reads zips without extracting them. Session
state belongs to one browser session, so another session never sees the upload, and neither does
another server process: a session that moves to another replica (its own one stopped) finds
the link saying it used an upload and tells the user to upload it again.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from dashboard.core.dataset import Dataset
from dashboard.core.intake import UploadLimits, load_upload
from dashboard.core.permalink import PARAM_DATASET, UPLOADED
from dashboard.core.problems import DatasetError
from dashboard.core.settings import upload_cap_bytes

if TYPE_CHECKING:
    from streamlit.runtime.uploaded_file_manager import UploadedFile

KEY_UPLOADER = "upload_files"
KEY_USE = "upload_use"
KEY_SWITCH_BACK = "upload_switch_back"
KEY_TEMPLATE = "upload_template"
KEY_EXPORT = "upload_export"
# Session-only results of the last "Use this dataset": the dataset, or why it was refused.
_DATASET = "_uploaded_dataset"
_PROBLEMS = "_upload_problems"
UPLOAD_LOST = (
    "This view was of an uploaded dataset, and this server does not hold it: an upload lives "
    "only in the memory of the browser session and server that received it (after a server "
    "restart, a move to another server, or in a copied link, it is gone). The shipped dataset "
    "is shown instead. To go on with your roles, upload your files again on **Your own roles**."
)
# How many times "Use this dataset" was pressed: each press gives the uploader a new key, which
# empties it (Streamlit has no other way to clear a file uploader).
_GENERATION = "_upload_generation"


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


def uploader_key() -> str:
    """The file uploader's key in this session now (a new one after each "Use this dataset")."""
    generation = st.session_state.get(_GENERATION, 0)
    return KEY_UPLOADER if generation == 0 else f"{KEY_UPLOADER}_{generation}"


def _release_files(files: Sequence[UploadedFile]) -> None:
    """Drop the files' bytes from Streamlit's uploaded-file manager and empty the uploader.

    Once parsed, the bytes are dead weight: the manager would keep them (5 MB for a 5 MB upload)
    for as long as the session lives, beside the dataset made from them.
    """
    ctx = get_script_run_ctx()
    if ctx is not None and ctx.uploaded_file_mgr is not None:
        for file in files:
            ctx.uploaded_file_mgr.remove_file(ctx.session_id, file.file_id)
    st.session_state[_GENERATION] = st.session_state.get(_GENERATION, 0) + 1


def use_uploaded_files() -> None:
    """Button callback: use the files in the uploader widget, then let go of their bytes."""
    files = st.session_state.get(uploader_key()) or []
    uploads = [(file.name, file.getvalue()) for file in files]
    _release_files(files)
    use_upload(uploads)


def upload_lost() -> bool:
    """True when the link says its view used an upload that this session does not hold.

    That happens when the session's server process stopped and the browser reconnected to
    another one, after a server restart, or with a link copied from a session with an upload.
    """
    return uploaded_dataset() is None and st.query_params.get(PARAM_DATASET) == UPLOADED


def warn_if_lost() -> None:
    """Say plainly, once, that the upload this view used is gone and must be repeated."""
    if upload_lost():
        st.warning(UPLOAD_LOST, icon=":material/cloud_off:")


def mark_link() -> None:
    """Say in the link whether this session's view uses an upload (see upload_lost)."""
    if uploaded_dataset() is not None:
        if st.query_params.get(PARAM_DATASET) != UPLOADED:
            st.query_params[PARAM_DATASET] = UPLOADED
    elif PARAM_DATASET in st.query_params:
        del st.query_params[PARAM_DATASET]


def forget_upload() -> None:
    """Switch this session back to the server's dataset."""
    st.session_state.pop(_DATASET, None)
    st.session_state.pop(_PROBLEMS, None)
