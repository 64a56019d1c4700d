"""Data dictionary: every file and column of a role dataset, the rules, and the rating rubric."""

import streamlit as st

from dashboard.ui import data

st.title("Data dictionary")
# The dictionary is this project's own Markdown (datasets/README.md), not dataset text, so it is
# rendered as written: its tables and headings are the page (its own title is the page title).
text = data.data_dictionary_text()
st.markdown(text.split("\n", 1)[1] if text.startswith("# ") else text)
