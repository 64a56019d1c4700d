"""Your own roles: upload a dataset for this browser session, switch back, download templates."""

import streamlit as st

from dashboard.core.dataset_zip import dataset_zip
from dashboard.core.reader import human_size
from dashboard.core.template import template_zip
from dashboard.core.text import escape_markdown, markdown_lines
from dashboard.ui import context, upload

page = context.current()
limits = upload.limits()
table = limits.table

st.title("Your own roles")
st.markdown(
    "Compare your own ladder: upload a dataset and every page of the app uses it, for this "
    "browser session only. Nothing is saved on the server, other visitors never see it, and "
    "reloading the page or closing the tab forgets it. An upload lives in the memory of the "
    "one server process your session is on: if that process restarts or stops (the app may run "
    "as several), your view comes back on the shipped dataset and the upload must be repeated."
)
st.markdown(
    "Upload a **.zip** of a dataset folder, or the **CSV files** themselves (all of them at once). "
    "The template below has every file with its header and one example row; the data dictionary "
    "describes every file and column."
)
st.page_link(
    "app_pages/dictionary.py", label="Open the data dictionary", icon=":material/description:"
)
st.markdown(
    markdown_lines(
        f"Limits: up to {limits.max_files} files at once, each up to "
        f"{human_size(limits.max_upload_bytes)}; a zip may hold up to {limits.max_entries} "
        f"files and unzip to at most {human_size(limits.max_unzipped_bytes)}.\n"
        f"Each table: at most {table.max_rows:,} rows and {table.max_columns} columns, "
        f"and at most {table.max_cell_chars:,} characters in a cell."
    )
)

st.download_button(
    "Download template",
    # A callable, like every download here: built on click, not on every rerun of the page.
    data=template_zip,
    file_name="roles-dataset-template.zip",
    mime="application/zip",
    key=upload.KEY_TEMPLATE,
    on_click="ignore",
    icon=":material/download:",
)

files = st.file_uploader(
    "Dataset files",
    type=["zip", "csv"],
    accept_multiple_files=True,
    key=upload.uploader_key(),
    help="A .zip of the dataset folder, or its CSV files.",
)
st.button(
    "Use this dataset",
    key=upload.KEY_USE,
    type="primary",
    disabled=not files,
    on_click=upload.use_uploaded_files,
    icon=":material/check:",
)

problems = upload.upload_problems()
uploaded = upload.uploaded_dataset()
if problems:
    still = "your earlier upload" if uploaded is not None else "the shipped dataset"
    st.error(
        f"This upload cannot be used, so the app still uses {still}. Fix the problems below "
        f"and upload again.\n\n{markdown_lines(problems)}"
    )
elif uploaded is not None:
    notes = "".join(f"\n\n{escape_markdown(note)}" for note in uploaded.notes)
    st.success(
        f"This session now uses your dataset: {len(uploaded.role_names)} roles.{notes}",
        icon=":material/check_circle:",
    )

if uploaded is not None:
    st.button(
        "Switch back to the shipped dataset",
        key=upload.KEY_SWITCH_BACK,
        on_click=upload.forget_upload,
        icon=":material/undo:",
    )

st.header("Take it with you")
st.caption(
    "The dataset in use, as a zip of CSV files that loads back to the same tables. "
    "Text a spreadsheet would run as a formula is prefixed with an apostrophe."
)
dataset = page.dataset
st.download_button(
    "Download this dataset",
    # A callable: the zip is built on click only.
    data=lambda: dataset_zip(dataset),
    file_name="roles-dataset.zip",
    mime="application/zip",
    key=upload.KEY_EXPORT,
    on_click="ignore",
    icon=":material/download:",
)
