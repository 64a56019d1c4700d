"""Entrypoint: `streamlit run dashboard/app.py`. Page config, dataset, shared sidebar, pages.

Thin on purpose: data logic lives in dashboard/core, caching and widgets in dashboard/ui, and
each page in dashboard/app_pages.
"""

import sys
from pathlib import Path

# `streamlit run dashboard/app.py` puts dashboard/ on sys.path, not the folder that holds the
# `dashboard` package; without this the app only starts when run as `python -m streamlit`.
ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from dashboard.core.problems import DatasetError  # noqa: E402
from dashboard.core.text import escape_markdown, markdown_lines  # noqa: E402
from dashboard.ui import context, controls, data, download_files, sessions, upload  # noqa: E402

PAGES = Path(__file__).resolve().parent / "app_pages"
# Shipped with the app: a ":material/…:" page icon makes every browser fetch an icon font from
# a third-party host.
ICON = Path(__file__).resolve().parent / "static" / "icon.png"

STYLESHEET = Path(__file__).resolve().parent / "static" / "app.css"

st.set_page_config(page_title="Role compare", page_icon=str(ICON), layout="wide")
# A few rules Streamlit's theme cannot express (full role names in the picker); a stylesheet
# alone goes to the page's head, taking no space.
st.html(STYLESHEET)
sessions.start_session_reaper()
sessions.rerun_after_reconnect()
download_files.keep_built_downloads()

folder = data.dataset_folder()
# This session's upload (session state only) wins over the server-wide folder.
dataset = upload.uploaded_dataset()
if dataset is None:
    try:
        dataset = data.load_folder(folder)
    except (DatasetError, OSError) as error:
        st.title("Role compare")
        st.error(
            f"The dataset in {escape_markdown(folder)} cannot be used. Fix the problems below "
            f"and reload the page.\n\n{markdown_lines(error)}"
        )
        st.stop()
    source = f"{folder.name}/"
else:
    source = "your upload"

navigation = st.navigation(
    [
        # The first page is the home page, served at "/" (Streamlit ignores its url_path).
        st.Page(
            PAGES / "compare.py",
            title="Compare side by side",
            icon=":material/view_column:",
            default=True,
        ),
        st.Page(
            PAGES / "finder.py",
            title="Which role do we need?",
            icon=":material/person_search:",
            url_path="finder",
        ),
        st.Page(
            PAGES / "profiles.py",
            title="Role profiles",
            icon=":material/badge:",
            url_path="profiles",
        ),
        st.Page(
            PAGES / "overlap.py",
            title="Skill overlap",
            icon=":material/join_inner:",
            url_path="overlap",
        ),
        st.Page(
            PAGES / "downloads.py",
            title="Downloads",
            icon=":material/download:",
            url_path="downloads",
        ),
        st.Page(
            PAGES / "your_data.py",
            title="Your own roles",
            icon=":material/upload_file:",
            url_path="your-data",
        ),
        st.Page(
            PAGES / "sources.py",
            title="Sources and method",
            icon=":material/menu_book:",
            url_path="sources",
        ),
        st.Page(
            PAGES / "dictionary.py",
            title="Data dictionary",
            icon=":material/description:",
            url_path="data-dictionary",
        ),
    ]
)
# The sidebar shows only the filters the open page uses (the others keep their values).
selection, notices = controls.sidebar(dataset, navigation.url_path)
upload.warn_if_lost()
upload.mark_link()
context.publish(dataset, selection)
with st.sidebar:
    st.caption(escape_markdown(f"Dataset: {source} · {len(dataset.role_names)} roles"))
    for note in dataset.notes:
        st.caption(escape_markdown(note))
if notices:
    st.warning(markdown_lines("\n".join(notices)))

navigation.run()
