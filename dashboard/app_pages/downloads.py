"""Downloads: the comparison (wide and tidy) and the similarity exports as spreadsheet-safe CSV,
and the hiring packet (job description, interview scorecard, decision brief)."""

import datetime

import streamlit as st

from dashboard.core.brief import MAX_ROLES as MAX_BRIEF_ROLES
from dashboard.core.downloads import export_files
from dashboard.core.inclusive import LIST_NAME
from dashboard.core.packet import HTML, JD, PDF, SCORECARD, brief_files, role_files
from dashboard.core.pdf import pdf_available
from dashboard.ui import context, data
from dashboard.ui.packet_buttons import packet_button

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

# --- the hiring packet ----------------------------------------------------------------------
st.header("Hiring packet")
st.caption(
    "Documents to hire with, drafted from the dataset in the sidebar's industry: every line "
    "cites its sources, numbered and listed at the end. A job description and an interview "
    "scorecard for one role (Markdown or Word), and a decision brief of this comparison for "
    "the people who sign off (HTML, which opens in any browser and prints a section a page, "
    "or PDF)."
)
dataset, selection = page.dataset, page.selection
today = datetime.date.today()
role_id = st.selectbox(
    "Role for the job description and the scorecard",
    selection.role_ids,
    format_func=dataset.role_names.__getitem__,
    key="packet_role",
)
inclusive = st.toggle(
    "Add an inclusive-wording check to the job description",
    key="packet_inclusive",
    help=f"Lists the words the draft uses from {LIST_NAME}, as suggestions: the draft itself is "
    "not changed.",
)


# One column per document, its formats one under the other (four in a row are cut short).
role_documents = role_files(dataset, role_id, selection.industry_id, today, inclusive=inclusive)
for column, kind in zip(st.columns(2), (JD, SCORECARD), strict=True):
    with column:
        for file in role_documents:
            if file.kind == kind:
                packet_button(file)

st.subheader("Decision brief")
if len(selection.role_ids) > MAX_BRIEF_ROLES:
    st.info(
        f"A decision brief compares at most {MAX_BRIEF_ROLES} roles (you have chosen "
        f"{len(selection.role_ids)}): choose fewer in the sidebar."
    )
else:
    st.caption(
        "The roles, industry and filters chosen; the key differences; the side-by-side values "
        "of the comparison file above; the similarity heatmap and the category profile as "
        "pictures, with their numbers; the sources."
    )
    briefs = brief_files(dataset, selection, today)
    html_column, pdf_column = st.columns(2)
    with html_column:
        packet_button(next(file for file in briefs if file.format == HTML))
    with pdf_column:
        if pdf_available():
            packet_button(next(file for file in briefs if file.format == PDF))
        else:
            st.caption(
                "No PDF here: this server has no Chromium to print it. Open the HTML file and "
                "print it to PDF from the browser."
            )
