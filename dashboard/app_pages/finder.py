"""Which role do we need? The team states its needs (or starts from a job post) and every role
of the dataset is ranked by fit, each with the reasons for its score."""

import datetime
import urllib.parse

import pandas as pd
import streamlit as st

from dashboard.core.comparison import Selection
from dashboard.core.contract import ROLE
from dashboard.core.export import csv_bytes, export_filename
from dashboard.core.fit import (
    CITED,
    COVERED,
    DEFAULT_SKILL_LEVEL,
    SCORE,
    SCORING_RULE,
    brings,
    explanation,
    ranking_table,
)
from dashboard.core.job_post import MAX_POST_CHARS, MIX_HOLDS, MIX_SCORE, MIX_TITLES
from dashboard.core.job_post import role_mix_sentence as mix_sentence
from dashboard.core.needs import (
    CERTIFICATION,
    KIND_LABELS,
    RESPONSIBILITY,
    SKILL,
    catalogue_for,
)
from dashboard.core.packet import JD, SCORECARD, role_files
from dashboard.core.permalink import choices_for, to_params
from dashboard.core.post_file import MAX_FILE_BYTES, SUFFIXES
from dashboard.core.text import escape_markdown, markdown_lines
from dashboard.core.views import cited_sources
from dashboard.ui import context, finder_data, needs_state
from dashboard.ui.packet_buttons import packet_button

# Roles explained one by one on the page (the download has every role).
EXPLAINED_ROLES = 10
# The Compare link opens this many roles.
COMPARED_ROLES = 5
LEVEL_COLUMNS = 4
KIND_TITLES = {
    SKILL: "Skills",
    RESPONSIBILITY: "Responsibilities",
    CERTIFICATION: "Certifications",
}

page = context.current()
dataset = page.dataset
industry_id = page.selection.industry_id
catalogue = catalogue_for(dataset)
names = dataset.role_names

st.title("Which role do we need?")
st.markdown(
    "Say what the team needs, or start from a job post, and every role in the dataset is "
    "ranked by how well it covers those needs, with the reasons for each score."
)
st.caption(f"How the score works: {escape_markdown(SCORING_RULE)}")
st.caption(
    escape_markdown(
        f"Industry: {page.industry_name or 'all industries'} (the sidebar's Industry box; the "
        "sidebar's roles, skill categories and minimum importance do not apply here: every "
        "role is ranked)."
    )
)
problems = needs_state.prepare(dataset, catalogue)
if problems:
    st.warning(
        "Some needs in the link were ignored:\n\n"
        + markdown_lines("\n".join(f"- {problem}" for problem in problems))
    )

# --- Start from a job post ------------------------------------------------------------------
with st.expander("Start from a job post", expanded=needs_state.post() is None, key="finder_post"):
    st.text_area(
        "Paste a job post",
        key=needs_state.KEY_POST_TEXT,
        height=200,
        placeholder="Paste the whole post: title, duties, requirements, nice-to-haves.",
        help=f"At most {MAX_POST_CHARS:,} characters. It is read here, never sent anywhere.",
    )
    st.file_uploader(
        "…or upload it",
        type=[suffix.lstrip(".") for suffix in SUFFIXES],
        key=needs_state.KEY_POST_FILE,
        max_upload_size=max(1, MAX_FILE_BYTES // 1_000_000),
        help="A .txt, .md or Word .docx file. An uploaded file is read instead of pasted text.",
    )
    st.button(
        "Read the post",
        key=needs_state.KEY_READ,
        type="primary",
        on_click=needs_state.read_post,
        args=(dataset, industry_id),
        icon=":material/plagiarism:",
        help="Fills in the needs below from the post (you can change them afterwards).",
    )
    if needs_state.post_error():
        st.error(escape_markdown(needs_state.post_error()))

text = needs_state.post()
if text is not None:
    reading = finder_data.reading(dataset, industry_id, text)
    st.header("What the post asks for")
    if reading.tpm_warning:
        st.warning(escape_markdown(reading.tpm_warning), icon=":material/warning:")
    st.markdown(f"**{escape_markdown(mix_sentence(reading))}**")
    st.caption(
        "The role mix: two thirds how strongly each role holds what the sentences were read as "
        "(weighted by how closely each matched), one third its share of the role titles the "
        "post names (its title line counts most)."
    )
    st.dataframe(
        reading.role_mix[[ROLE, MIX_SCORE, MIX_HOLDS, MIX_TITLES]],
        hide_index=True,
        key="finder_role_mix",
        column_config={
            ROLE: st.column_config.TextColumn("Role"),
            MIX_SCORE: st.column_config.ProgressColumn(
                "Reads like", min_value=0, max_value=1, format="%.2f"
            ),
            MIX_HOLDS: st.column_config.NumberColumn("Holds what it asks", format="%.2f"),
            MIX_TITLES: st.column_config.NumberColumn("Titles named", format="%.2f"),
        },
    )
    sentences = pd.DataFrame(
        {
            "sentence": [s.text for s in reading.sentences],
            "read_as": [
                "; ".join(
                    f"{KIND_LABELS[m.kind]}: {m.name} ({m.similarity:.2f})" for m in s.matches
                )
                for s in reading.sentences
            ],
            "titles": ["; ".join(s.titles) for s in reading.sentences],
            "priority": [s.priority for s in reading.sentences],
        }
    )
    matched = sentences[(sentences["read_as"] != "") | (sentences["titles"] != "")]
    st.markdown("**What each sentence was read as** (similarity 0-1; 1 is an exact name)")
    st.dataframe(
        matched,
        hide_index=True,
        key="finder_sentences",
        column_config={
            "sentence": st.column_config.TextColumn("Sentence", width="large"),
            "read_as": st.column_config.TextColumn("Read as", width="large"),
            "titles": st.column_config.TextColumn("Role titles named"),
            "priority": st.column_config.TextColumn("Need"),
        },
    )
    st.markdown("**Sentences that matched nothing**")
    if reading.unmatched:
        st.dataframe(
            pd.DataFrame({"sentence": reading.unmatched}),
            hide_index=True,
            key="finder_unmatched",
            column_config={"sentence": st.column_config.TextColumn("Sentence", width="large")},
        )
    else:
        st.caption("None: every sentence matched something.")
    st.caption(
        f"The needs below were filled in from this post: {len(reading.needs.must)} must-haves "
        f"and {len(reading.needs.nice)} nice-to-haves. Change them as you like."
    )
    st.button(
        "Forget this post",
        key=needs_state.KEY_CLEAR_POST,
        on_click=needs_state.forget_post,
        icon=":material/close:",
        help="Hides the reading; the needs stay as they are.",
    )

# --- What the team needs --------------------------------------------------------------------
st.header("What the team needs")
must_column, nice_column = st.columns(2)
for column, must, heading in (
    (must_column, True, "Must-have"),
    (nice_column, False, "Nice-to-have"),
):
    with column:
        st.markdown(f"**{heading}**")
        for kind, title in KIND_TITLES.items():
            options = needs_state.item_options(catalogue, kind)
            st.multiselect(
                title if must else f"{title} (nice to have)",
                options=options,
                format_func=catalogue.names[kind].__getitem__,
                key=needs_state.KEYS[(kind, must)],
                placeholder=f"Type to search {title.lower()}",
            )
skills = needs_state.chosen(SKILL, True) + needs_state.chosen(SKILL, False)
if skills:
    st.markdown("**Level each skill needs** (importance 1-5 the role must give it)")
    columns = st.columns(LEVEL_COLUMNS)
    for i, skill_id in enumerate(dict.fromkeys(skills)):
        with columns[i % LEVEL_COLUMNS]:
            st.selectbox(
                # A widget label renders Markdown: a skill's name is dataset text.
                escape_markdown(catalogue.names[SKILL][skill_id]),
                options=(needs_state.ANY_LEVEL, 1, 2, 3, 4, 5),
                format_func=lambda level: (
                    f"any ({DEFAULT_SKILL_LEVEL} or more)" if not level else f"{level} or more"
                ),
                key=needs_state.level_key(skill_id),
            )
needs = needs_state.current_needs()
needs_state.write_url(needs)
if not needs:
    st.info(
        "Choose at least one need above, or read a job post, to rank the roles. The needs "
        "are kept in the page's address, so a copied link shows the same ranking."
    )
    st.stop()

# --- The ranking ----------------------------------------------------------------------------
ranking = finder_data.ranking(dataset, industry_id, needs)
held = finder_data.industry_holdings(dataset, industry_id)
choices = choices_for(dataset)


def compare_link(role_ids: list[str]) -> str:
    """The Compare page's own link for these roles in this industry."""
    params = to_params(Selection(tuple(role_ids), industry_id), choices)
    return "./?" + urllib.parse.urlencode(params, safe=",*")


def top_with(role_id: str) -> list[str]:
    """The top roles, with role_id among them (in rank order)."""
    top = list(ranking.role_ids[:COMPARED_ROLES])
    if role_id not in top:
        top = [*top[: COMPARED_ROLES - 1], role_id]
    return top


st.header("Ranking")
must_count, nice_count = len(needs.must), len(needs.nice)
table = pd.DataFrame(
    {
        "rank": range(1, len(ranking.role_ids) + 1),
        ROLE: [names[role_id] for role_id in ranking.role_ids],
        SCORE: ranking.scores,
        "must": [
            f"{int(row[:must_count].sum())} of {must_count}" if must_count else "—"
            for row in ranking.covered
        ],
        "nice": [
            f"{int(row[must_count:].sum())} of {nice_count}" if nice_count else "—"
            for row in ranking.covered
        ],
    }
)
st.dataframe(
    table,
    hide_index=True,
    key="finder_ranking",
    lazy=True,
    height=context.table_height(len(table)),
    column_config={
        "rank": st.column_config.NumberColumn("Rank"),
        ROLE: st.column_config.TextColumn("Role"),
        SCORE: st.column_config.ProgressColumn("Score", min_value=0, max_value=1, format="%.2f"),
        "must": st.column_config.TextColumn("Must-haves covered"),
        "nice": st.column_config.TextColumn("Nice-to-haves covered"),
    },
)
buttons = st.columns([1, 1, 2])
with buttons[0]:
    top = list(ranking.role_ids[:COMPARED_ROLES])
    st.link_button(
        f"Compare the top {len(top)}",
        compare_link(top),
        key="finder_compare_top",
        icon=":material/view_column:",
        help="Opens Compare side by side with these roles and this industry, in a new tab.",
    )
with buttons[1]:
    industry_name = page.industry_name
    st.download_button(
        "Download the ranking (CSV)",
        # A callable: the file is built on click only.
        data=lambda: csv_bytes(ranking_table(ranking, held, dataset)),
        file_name=export_filename(
            "role-ranking", [f"{len(needs.items)} needs"], industry_name, datetime.date.today()
        ),
        mime="text/csv",
        key="finder_download",
        on_click="ignore",
        icon=":material/download:",
        help="Rank, role, score, the needs covered and missing, and their sources.",
    )

st.header("Why each role is where it is")
if len(ranking.role_ids) > EXPLAINED_ROLES:
    st.caption(
        f"The first {EXPLAINED_ROLES} of {len(ranking.role_ids):,} roles; the download has the "
        "needs each role covers and misses."
    )
for position, role_id in enumerate(ranking.role_ids[:EXPLAINED_ROLES]):
    score = ranking.scores[position]
    label = f"{position + 1}. {names[role_id]}: score {score:.2f}"
    with st.expander(escape_markdown(label), key=f"finder_role_{role_id}"):
        reasons = explanation(ranking, held, dataset, role_id)
        st.dataframe(
            reasons,
            hide_index=True,
            key=f"finder_reasons_{role_id}",
            column_config={
                "need": st.column_config.TextColumn("Need", width="medium"),
                "kind": st.column_config.TextColumn("Kind"),
                "priority": st.column_config.TextColumn("Priority"),
                "role_has": st.column_config.TextColumn("This role"),
                COVERED: st.column_config.CheckboxColumn("Covered"),
                "contributes": st.column_config.NumberColumn("Adds to score", format="%.3f"),
                CITED: st.column_config.TextColumn("Sources"),
            },
        )
        st.caption(
            escape_markdown(
                f"The covered needs add up to {reasons['contributes'].sum():.3f}, the score. "
                f"Missing: {', '.join(reasons.loc[~reasons[COVERED], 'need']) or 'nothing'}."
            )
        )
        extra = brings(held, dataset, role_id, needs)
        lines = [
            f"{KIND_TITLES[kind]}: {', '.join(found[:8])}"
            + (f" and {len(found) - 8} more" if len(found) > 8 else "")
            for kind, found in extra.items()
            if found
        ]
        st.markdown("**Also brings, not asked for**")
        st.caption(markdown_lines("\n".join(lines) or "Nothing beyond what was asked."))
        context.sources_table(
            cited_sources(dataset, reasons[CITED]),
            dataset,
            "The needs of this role cite no source listed in sources.csv.",
            key=f"finder_sources_{role_id}",
            quiet=True,
        )
        st.link_button(
            "Compare with the top roles",
            compare_link(top_with(role_id)),
            key=f"finder_compare_{role_id}",
            icon=":material/view_column:",
        )

# --- The next step: the hiring packet of the top role -----------------------------------------
top_role = ranking.role_ids[0]
st.subheader("Hiring packet for the top role")
st.caption(
    escape_markdown(
        f"For the {names[top_role]}: a job description drafted from the needs above (yours "
        "first, marked as asked for, then what the dataset says the role needs in "
        f"{page.industry_name or 'all industries'}) and an interview scorecard, every line "
        "citing its sources. The Downloads page has them for any role, and a decision brief of "
        "a comparison."
    )
)
top_files = role_files(dataset, top_role, industry_id, datetime.date.today(), needs=needs)
for column, kind in zip(st.columns(2), (JD, SCORECARD), strict=True):
    for file in (file for file in top_files if file.kind == kind):
        packet_button(file, "finder_packet", column)
