"""Sources and method: every source with its link, the rating rubric, attribution, TPM note."""

import streamlit as st

from dashboard.core.text import TPM_NOTE
from dashboard.core.views import sources_view
from dashboard.ui import context

RUBRIC = """
Every fact row cites one or more sources (the source ids listed above). Importance, relevance,
prevalence and emphasis are **our ratings of how strongly the cited sources support a fact**,
made with one rubric so that anyone can check and repeat them. They measure evidence, not a
survey of employers. The data dictionary, `datasets/README.md` in the repository, gives the
exact rules, and each row's `basis` column says which rule gave its value.

- **Importance** of a skill to a role, 1 to 5: 5 central in two or more sources, 4 central in
  one or mentioned in three or more, 3 mentioned in one or two, 2 only weak evidence (helpful,
  industry-only, or a source says the role does not go deep). A skill with no rating means the
  sources are silent, not that it is unimportant.
- **Relevance** of a certification to a role: *essential* (a source says it is required),
  *recommended* (the issuer designs it for the role, or a source names it as valuable),
  *optional* (it covers a skill the role needs, or leads to a role people move on to).
- **Prevalence** of a role in an industry, 1 to 5: 5 highly sought after there, 4 its work
  there is described, 3 the industry is listed among employers. Where no source speaks about
  an industry, 3 is a neutral placeholder and the note says so.
- **Emphasis** of a responsibility: *core* (in a source's definition or primary duties of the
  role) or *supporting* (anything else).
- **Industry rule:** a rating given for an industry replaces the general one in that industry;
  industry responsibilities are added to the general ones.
- **Similarity** of two roles is the weighted Jaccard index of their skill ratings: the sum of
  the smaller ratings over the sum of the larger ones, skill by skill.
"""
ATTRIBUTION = """
This product includes information from the O\\*NET 30 Database by the U.S. Department of Labor,
Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license. O\\*NET®
is a trademark of USDOL/ETA. Occupation labels from ESCO, European Commission. All prose in the
dataset is our own wording; the source articles are cited by title.
"""

page = context.current()
st.title("Sources and method")

st.subheader("Sources")
context.sources_table(
    sources_view(page.dataset),
    "This dataset lists no sources (sources.csv is absent or empty).",
    key="sources_table",
)

st.subheader("How the ratings were made")
st.markdown(RUBRIC)

st.subheader("“TPM”: which role?")
st.markdown(TPM_NOTE)

st.subheader("Attribution")
st.markdown(ATTRIBUTION)
