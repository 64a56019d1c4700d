"""Role profiles: summary, scope, background, career path, crosswalk, prevalence by industry."""

import streamlit as st

from dashboard.core.contract import (
    ABBREVIATION,
    BACKGROUND,
    CAREER_PATH,
    ESCO,
    INDUSTRY,
    NAME,
    NOTE,
    ONET_SOC,
    PREVALENCE,
    RATING_RANGE,
    SCOPE,
    SOURCE,
    SUMMARY,
)
from dashboard.core.text import (
    TPM_NOTE,
    escape_markdown,
    markdown_lines,
    needs_tpm_note,
    onet_codes,
    onet_url,
)
from dashboard.core.views import (
    cap,
    cited_sources,
    industries_without_data,
    prevalence_view,
    role_record,
)
from dashboard.ui import context

# Tabs beyond this many stop fitting on a screen; the page says how to see the others.
MAX_PROFILES = 12

page = context.current()
st.title("Role profiles")
context.require_roles(page, minimum=1)

shown = cap(page.selection.role_ids, MAX_PROFILES)
if shown.is_capped:
    st.caption(
        f"Showing the first {MAX_PROFILES} of the {shown.total} selected roles; "
        "narrow the selection in the sidebar to see the others."
    )
names = page.dataset.role_names
tabs = st.tabs([escape_markdown(names[role_id]) for role_id in shown.kept], key="profile_tabs")


def text_block(label: str, value: str) -> None:
    """A labelled paragraph of dataset text, escaped so it shows exactly as written."""
    st.markdown(f"**{label}**  \n{markdown_lines(value) if value.strip() else '—'}")


for tab, role_id in zip(tabs, shown.kept, strict=True):
    role = role_record(page.dataset, role_id)
    with tab:
        title = role[NAME] + (f" ({role[ABBREVIATION]})" if role[ABBREVIATION] else "")
        st.header(escape_markdown(title))
        if needs_tpm_note(role[NAME], role[ABBREVIATION]):
            st.info(TPM_NOTE, icon=":material/info:")
        text_block("Summary", role[SUMMARY])
        left, right = st.columns(2)
        with left:
            text_block("Scope", role[SCOPE])
            text_block("Typical background", role[BACKGROUND])
            text_block("Career path", role[CAREER_PATH])
        with right:
            text_block("O\\*NET-SOC occupation(s)", role[ONET_SOC])
            codes = onet_codes(role[ONET_SOC])
            if codes:
                links = " · ".join(f"[{code}]({onet_url(code)})" for code in codes)
                st.markdown(f"On O\\*NET OnLine: {links}")
            text_block("ESCO occupation", role[ESCO])

        st.markdown("**Prevalence by industry**")
        prevalence = prevalence_view(page.dataset, role_id)
        unrated = industries_without_data(page.dataset, role_id)
        if prevalence.empty:
            st.info("No data: no source in the dataset speaks of this role in any industry.")
        else:
            context.show_table(
                prevalence,
                page.dataset,
                hide_index=True,
                column_config={
                    INDUSTRY: st.column_config.TextColumn("Industry"),
                    PREVALENCE: st.column_config.ProgressColumn(
                        "Prevalence",
                        min_value=0,
                        max_value=RATING_RANGE[1],
                        format="%d",
                        help="1 = rare, 5 = very common",
                    ),
                    NOTE: st.column_config.TextColumn("Note"),
                },
                placeholder="—",
                key=f"profile_prevalence_{role_id}",
            )
            if unrated:
                no_data = ", ".join(unrated)
                st.caption(
                    escape_markdown(f"No data for {no_data}: no source speaks of this role there.")
                )
        with st.expander("Sources of this profile"):
            context.sources_table(
                cited_sources(page.dataset, [role[SOURCE]]),
                page.dataset,
                "This role's row cites no source listed in sources.csv.",
                key=f"profile_sources_{role_id}",
                quiet=True,
            )
