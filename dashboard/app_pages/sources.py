"""Sources and method: every source with its link, the rating rubric, attribution, TPM note."""

import streamlit as st

from dashboard.core.text import TPM_NOTE
from dashboard.core.views import evidence_by_role, sources_view
from dashboard.ui import context

RUBRIC = """
Every fact row cites one or more of the sources above. Importance, relevance, prevalence and
emphasis are **our ratings of how strongly the cited sources support a fact**, made with one
rubric so that anyone can check and repeat them. They measure evidence, not a survey of
employers. The data dictionary gives the exact rules, and each row's basis says which rule gave
its value.

- **Equal evidence.** Every role is assessed against every skill from the same three families
  of evidence: the source articles (and pages about the role), the occupational data of its
  nearest O\\*NET and ESCO occupations, and the body that defines the role or its main
  credential (PMI's exam outlines, the Scrum Guide, coaching competency frameworks).
- **Importance** of a skill to a role, 1 to 5: 5 central in two or more families, 4 central in
  one or mentioned in every family, 3 mentioned in one or two, 2 only weak evidence, and 1
  assessed but supported by none of the role's families.
- **Relevance** of a certification to a role: *essential* (a source says it is required),
  *recommended* (the issuer designs it for the role, or a source names it as valuable),
  *optional* (it covers a skill the role needs, or leads to a role people move on to).
- **Prevalence** of a role in an industry, 1 to 5, only where a source speaks about the role
  in that industry. Where none does, the pages say "no data": no level stands in for it.
- **Emphasis** of a responsibility: *core* (in a source's definition or primary duties of the
  role, or a task of its defining body) or *supporting* (anything else).
- **Industry rule:** a rating given for an industry replaces the general one in that industry,
  or adds one where there is none.
- **Similarity** of two roles is the weighted Jaccard index of their ratings: the sum of the
  smaller ratings over the sum of the larger ones, skill by skill (or responsibility by
  responsibility, core 2 and supporting 1).
"""
EVIDENCE_COLUMNS = {
    "role": "Role",
    "skills_with_evidence": st.column_config.NumberColumn(
        "Skills with evidence", help="Skills rated 2 to 5 for the role (in general)."
    ),
    "skills_without_evidence": st.column_config.NumberColumn(
        "Skills assessed, no evidence",
        help="Skills rated 1: checked against every family, supported by none.",
    ),
    "ratings": st.column_config.NumberColumn(
        "Ratings",
        help="Rated rows for the role: skills, responsibilities, certifications, industries.",
    ),
    "sources": st.column_config.NumberColumn("Sources cited", help="Distinct sources."),
    "ratings_on_one_source": st.column_config.NumberColumn("Ratings on one source"),
    "ratings_on_several_sources": st.column_config.NumberColumn("Ratings on two or more"),
}
ATTRIBUTION = """
This product includes information from the O\\*NET 30 Database by the U.S. Department of Labor,
Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license. O\\*NET®
is a trademark of USDOL/ETA. Occupation labels from ESCO, European Commission. All prose in the
dataset is our own wording; the source articles are cited by title.
"""

page = context.current()
st.title("Sources and method")

st.header("Sources")
with_ids = st.toggle(
    "Show source ids and local copies",
    key="sources_show_ids",
    help="The id each CSV file cites a source by, and where the article's text is kept.",
)
context.sources_table(
    sources_view(page.dataset),
    page.dataset,
    "This dataset lists no sources (sources.csv is absent or empty).",
    key="sources_table",
    with_ids=with_ids,
)

st.header("How the ratings were made")
st.markdown(RUBRIC)

st.header("The evidence behind each role")
st.caption(
    "How many ratings rest on how many sources, role by role: every role was checked against the "
    "same families of evidence, but the sources say more about some roles than others."
)
context.show_table(
    evidence_by_role(page.dataset),
    page.dataset,
    hide_index=True,
    column_config=EVIDENCE_COLUMNS,
    key="sources_evidence",
)

st.header("“TPM”: which role?")
st.markdown(TPM_NOTE)

st.header("Attribution")
st.markdown(ATTRIBUTION)
