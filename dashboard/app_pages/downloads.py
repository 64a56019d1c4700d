"""Downloads: the comparison (wide and tidy) and the similarity exports as spreadsheet-safe CSV."""

import datetime

import streamlit as st

from dashboard.core.downloads import export_files
from dashboard.ui import context, data

page = context.current()
st.title("Downloads")
context.require_roles(page, minimum=2)
context.selection_caption(page)
context.industry_notice(page)

long, wide = data.comparison_tables(page.dataset, page.selection)
st.markdown(
    "The files follow the sidebar (roles, industry, filters and “Differences only”). They are "
    "spreadsheet files (CSV) that Excel, LibreOffice and Google Sheets open with accents "
    "intact; any text a spreadsheet would run as a formula starts with an apostrophe, so "
    "opening a file never runs anything."
)
files = export_files(page.dataset, page.selection, long, wide, datetime.date.today())
for file in files:
    st.header(file.title)
    st.caption(file.description)
    # A callable `data`: the bytes are built on click only; "ignore" skips a pointless rerun.
    st.download_button(
        file.label,
        data=file.build,
        file_name=file.file_name,
        mime="text/csv",
        key=f"download_{file.kind}",
        on_click="ignore",
        icon=":material/download:",
    )
