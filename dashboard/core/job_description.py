"""A job description draft for one role in one industry, every line from the dataset.

Headings and connecting words are the only template text; each line names the rows it shows
(RowRef) and cites their sources, listed as numbered notes at the end. The sections: the role
(the TPM meaning spelled out for either TPM role), its purpose (summary and scope; how common
the role is in the industry), responsibilities (core, then supporting; industry-specific ones
marked), must-have skills (importance 4-5 in the industry) and nice-to-have skills (3),
certifications (essential ones required, recommended ones preferred, with issuer and
prerequisites) and the typical background. From the finder, the team's needs come first in
their sections and are marked as asked for. An optional inclusive-wording check lists
gender-coded words as suggestions, changing nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from dashboard.core.contract import (
    ABBREVIATION,
    BACKGROUND,
    DESCRIPTION,
    DETAIL,
    EMPHASIS,
    IMPORTANCE,
    ISSUER,
    NAME,
    NOTE,
    PREREQUISITES,
    PREVALENCE,
    RATING_RANGE,
    RELEVANCE,
    ROLE_ID,
    SCOPE,
    SUMMARY,
)
from dashboard.core.dataset import Dataset
from dashboard.core.document import (
    Bullets,
    Document,
    Heading,
    Line,
    Paragraph,
    Section,
    Span,
    cited,
    document,
    line,
    row_ref,
)
from dashboard.core.inclusive import FEMININE, LIST_NAME, findings
from dashboard.core.needs import CERTIFICATION, RESPONSIBILITY, SKILL, Needs
from dashboard.core.packet_rows import RoleRows, Row, industry_ref, text
from dashboard.core.text import TPM_NOTE, listed, needs_tpm_note

KIND = "job-description"
# Skills a role rates 4-5 are must-haves, 3 nice-to-haves (datasets/README.md: 3 is "mentioned"
# in one or two families of evidence, 4-5 "central").
MUST_LEVEL = 4
NICE_LEVEL = 3
REQUIRED = "essential"
PREFERRED = "recommended"
TOP = RATING_RANGE[1]
ASKED = "asked for by the team"
INTRO = (
    "A draft built from the dataset: the numbers in brackets are each line's sources, listed at "
    "the end. Review and edit it before you publish it."
)


def job_description(
    dataset: Dataset,
    role_id: str,
    industry_id: str | None = None,
    needs: Needs | None = None,
    inclusive: bool = False,
) -> Document:
    """The job description draft of a role in an industry (None: all industries); with needs
    (the finder's), the team's needs first and marked; with inclusive, the wording check."""
    rows = RoleRows(dataset, role_id, industry_id)
    needs = needs or Needs()
    sections = [
        Section("Role", tuple(_role(rows, needs)), "role"),
        Section("Purpose", tuple(_purpose(rows)), "purpose"),
        Section("Responsibilities", tuple(_responsibilities(rows, needs)), "responsibilities"),
        *_skills(rows, needs),
        Section("Certifications", tuple(_certifications(rows, needs)), "certifications"),
        Section("Typical background", tuple(_background(rows)), "background"),
    ]
    if inclusive:
        sections.append(inclusive_section(sections))
    name = dataset.role_names[role_id]
    return document(KIND, f"{name}: job description (draft)", sections, dataset)


# --- the sections ------------------------------------------------------------------------------


def _role(rows: RoleRows, needs: Needs) -> list:
    blocks = role_paragraphs(rows)
    if needs:
        blocks.append(
            Paragraph(
                line(
                    "Drafted from the team's needs in the finder ("
                    + _count(len(needs.must), "must-have")
                    + ", "
                    + _count(len(needs.nice), "nice-to-have")
                    + f"): lines marked “{ASKED}” come from them."
                )
            )
        )
    blocks.append(Paragraph(line(INTRO)))
    return blocks


def role_paragraphs(rows: RoleRows) -> list[Paragraph]:
    """Which role and industry a document is about: the role's name and abbreviation, which TPM
    it is (for either TPM role) and the industry."""
    role = rows.role
    name, abbreviation = text(role[NAME]), text(role[ABBREVIATION])
    shown = [NAME, ABBREVIATION] if abbreviation else [NAME]
    title = [Span("Role: ", strong=True), name]
    if abbreviation:
        title.append(f" (abbreviated {abbreviation})")
    blocks = [Paragraph(line(*title, refs=[row_ref("roles", role, shown)], sources=cited(role)))]
    if needs_tpm_note(name, abbreviation):
        blocks.append(Paragraph(_tpm_line(rows)))
    industry = rows.industry
    if industry is None:
        blocks.append(Paragraph(line(Span("Industry: ", strong=True), "all industries.")))
    else:
        blocks.append(
            Paragraph(
                line(
                    Span("Industry: ", strong=True),
                    text(industry[NAME]),
                    refs=[industry_ref(industry)],
                    sources=cited(industry),
                )
            )
        )
    return blocks


def _tpm_line(rows: RoleRows) -> Line:
    """Which TPM this is: the dataset's other TPM role named beside it, or the fixed note."""
    role = rows.role
    name = text(role[NAME])
    roles = rows.dataset.roles
    others = [
        other
        for _, other in roles[roles[ROLE_ID] != rows.role_id].iterrows()
        if needs_tpm_note(text(other[NAME]), text(other[ABBREVIATION]))
    ]
    if not others:
        return line(
            Span("About “TPM”: ", strong=True),
            f"{TPM_NOTE} This document is about the {name}.",
            refs=[row_ref("roles", role, [NAME])],
            sources=cited(role),
        )
    other_names = listed([f"the {text(other[NAME])}" for other in others])
    return line(
        Span("About “TPM”: ", strong=True),
        f"“TPM” is used for the {name} and for {other_names}; this document is about the {name}.",
        refs=[row_ref("roles", role, [NAME]), *(row_ref("roles", o, [NAME]) for o in others)],
        sources=cited(role, *others),
    )


def _purpose(rows: RoleRows) -> list:
    role = rows.role
    blocks: list = []
    summary, scope = text(role[SUMMARY]), text(role[SCOPE])
    if summary:
        blocks.append(
            Paragraph(line(summary, refs=[row_ref("roles", role, [SUMMARY])], sources=cited(role)))
        )
    if scope:
        blocks.append(
            Paragraph(
                line(
                    Span("Scope: ", strong=True),
                    scope,
                    refs=[row_ref("roles", role, [SCOPE])],
                    sources=cited(role),
                )
            )
        )
    if not blocks:
        blocks.append(Paragraph(line("The dataset gives no summary or scope for this role.")))
    prevalence, industry = rows.prevalence, rows.industry
    if prevalence is not None and industry is not None:
        note = text(prevalence[NOTE])
        spans = [
            Span(f"In {text(industry[NAME])}: ", strong=True),
            f"how common the role is, {int(prevalence[PREVALENCE])} of {TOP}",
        ]
        shown = [PREVALENCE]
        if note:
            spans.append(f". {note}")
            shown.append(NOTE)
        blocks.append(
            Paragraph(
                line(
                    *spans,
                    refs=[row_ref("role_industries", prevalence, shown), industry_ref(industry)],
                    sources=cited(prevalence, industry),
                )
            )
        )
    return blocks


def _responsibilities(rows: RoleRows, needs: Needs) -> list:
    asked = [need.item_id for need in needs.items if need.kind == RESPONSIBILITY]
    held = rows.responsibilities
    blocks: list = []
    for emphasis, heading in (("core", "Core responsibilities"), ("supporting", "Supporting")):
        chosen = [item for item, row in held.items() if row[EMPHASIS] == emphasis]
        # The team's asks first, in the order asked.
        chosen = [item for item in asked if item in chosen] + [
            item for item in chosen if item not in asked
        ]
        if not chosen:
            continue
        blocks.append(Heading(heading))
        blocks.append(Bullets(tuple(_duty(rows, item, item in asked) for item in chosen)))
    missing = [item for item in asked if item not in held]
    if missing:
        blocks.append(Heading("Also asked for by the team"))
        blocks.append(Bullets(tuple(_unheld_duty(rows, item) for item in missing)))
    if not blocks:
        blocks.append(Paragraph(line("The dataset lists no responsibilities for this role.")))
    return blocks


def _duty(rows: RoleRows, responsibility_id: str, asked: bool) -> Line:
    held = rows.responsibilities[responsibility_id]
    catalogue = rows.duty(responsibility_id)
    spans: list = [Span(text(catalogue[NAME]), strong=True)]
    refs_catalogue = [NAME]
    refs_held: list[str] = []
    detail = text(held.get(DETAIL, ""))
    if detail:
        spans.append(f": {detail}")
        refs_held.append(DETAIL)
    elif text(catalogue[DESCRIPTION]):
        spans.append(f": {text(catalogue[DESCRIPTION])}")
        refs_catalogue.append(DESCRIPTION)
    refs = [
        row_ref("responsibilities", catalogue, refs_catalogue),
        row_ref("role_responsibilities", held, refs_held),
    ]
    spans += _markers(rows, held, refs, asked)
    return line(*spans, refs=refs, sources=cited(held, *_industries(rows, held)))


def _unheld_duty(rows: RoleRows, responsibility_id: str) -> Line:
    catalogue = rows.duty(responsibility_id)
    return line(
        Span(text(catalogue[NAME]), strong=True),
        f" ({ASKED}; the dataset does not list it for this role)",
        refs=[row_ref("responsibilities", catalogue, [NAME])],
    )


def _skills(rows: RoleRows, needs: Needs) -> list[Section]:
    must_asked = [need.item_id for need in needs.must if need.kind == SKILL]
    nice_asked = [need.item_id for need in needs.nice if need.kind == SKILL]
    # The level each asked skill was asked at (None: any level).
    asked = {need.item_id: need.level for need in needs.items if need.kind == SKILL}
    rated = rows.skills
    must = must_asked + [
        s for s, row in rated.items() if row[IMPORTANCE] >= MUST_LEVEL and s not in asked
    ]
    nice = nice_asked + [
        s for s, row in rated.items() if row[IMPORTANCE] == NICE_LEVEL and s not in asked
    ]
    where = text(rows.industry[NAME]) if rows.industry is not None else "all industries"
    sections = []
    for key, heading, chosen, rule in (
        ("must", "Must-have skills", must, f"rates {MUST_LEVEL} or {TOP}"),
        ("nice", "Nice-to-have skills", nice, f"rates {NICE_LEVEL}"),
    ):
        intro = Paragraph(line(f"Skills the role {rule} of {TOP} in {where}."))
        if needs:
            intro = Paragraph(
                line(f"The team's asks first, then the skills the role {rule} of {TOP} in {where}.")
            )
        bullets = tuple(_skill(rows, skill, skill in asked, asked.get(skill)) for skill in chosen)
        blocks = (intro, Bullets(bullets)) if bullets else (intro, Paragraph(line("None.")))
        sections.append(Section(heading, blocks, f"skills-{key}"))
    return sections


def _skill(rows: RoleRows, skill_id: str, asked: bool, level: int | None = None) -> Line:
    catalogue = rows.skill(skill_id)
    how = f"{ASKED} at {level} or more" if level else ASKED
    description = text(catalogue[DESCRIPTION])
    shown = [NAME, DESCRIPTION] if description else [NAME]
    refs = [row_ref("skills", catalogue, shown)]
    spans: list = [Span(text(catalogue[NAME]), strong=True)]
    rating = rows.skills.get(skill_id)
    if rating is None:
        spans.append(f" (not rated for this role in the dataset; {how})")
        if description:
            spans.append(f": {description}")
        return line(*spans, refs=refs)
    spans.append(f" (importance {int(rating[IMPORTANCE])} of {TOP}")
    refs.append(row_ref("role_skills", rating, [IMPORTANCE]))
    spans.append(f"; {how})" if asked else ")")
    if description:
        spans.append(f": {description}")
    spans += _markers(rows, rating, refs, asked=False)
    return line(*spans, refs=refs, sources=cited(rating, *_industries(rows, rating)))


def _certifications(rows: RoleRows, needs: Needs) -> list:
    must_asked = [need.item_id for need in needs.must if need.kind == CERTIFICATION]
    nice_asked = [need.item_id for need in needs.nice if need.kind == CERTIFICATION]
    asked = set(must_asked) | set(nice_asked)
    rated = rows.certifications
    required = must_asked + [
        c for c, row in rated.items() if row[RELEVANCE] == REQUIRED and c not in asked
    ]
    preferred = nice_asked + [
        c for c, row in rated.items() if row[RELEVANCE] == PREFERRED and c not in asked
    ]
    blocks: list = []
    for heading, chosen in (("Required", required), ("Preferred", preferred)):
        if chosen:
            blocks.append(Heading(heading))
            blocks.append(Bullets(tuple(_certification(rows, c, c in asked) for c in chosen)))
    if not blocks:
        blocks.append(
            Paragraph(line("The dataset rates no certification essential or recommended here."))
        )
    return blocks


def _certification(rows: RoleRows, cert_id: str, asked: bool) -> Line:
    catalogue = rows.certification(cert_id)
    shown = [NAME]
    spans: list = [Span(text(catalogue[NAME]), strong=True)]
    rating = rows.certifications.get(cert_id)
    refs = []
    if rating is None:
        spans.append(f" (not rated for this role in the dataset; {ASKED})")
    else:
        spans.append(f" ({rating[RELEVANCE]} for this role" + (f"; {ASKED})" if asked else ")"))
    issuer, prerequisites = text(catalogue[ISSUER]), text(catalogue[PREREQUISITES])
    if issuer:
        spans.append(f", issued by {issuer}")
        shown.append(ISSUER)
    spans.append(".")
    if prerequisites:
        spans.append(f" Prerequisites: {prerequisites}")
        shown.append(PREREQUISITES)
    refs.append(row_ref("certifications", catalogue, shown))
    if rating is None:
        return line(*spans, refs=refs, sources=cited(catalogue))
    refs.append(row_ref("role_certifications", rating, [RELEVANCE]))
    spans += _markers(rows, rating, refs, asked=False)
    return line(*spans, refs=refs, sources=cited(rating, catalogue, *_industries(rows, rating)))


def _background(rows: RoleRows) -> list:
    role = rows.role
    background = text(role[BACKGROUND])
    if not background:
        return [Paragraph(line("The dataset gives no background for this role."))]
    return [
        Paragraph(
            line(background, refs=[row_ref("roles", role, [BACKGROUND])], sources=cited(role))
        )
    ]


# --- the inclusive-wording check ---------------------------------------------------------------


def inclusive_section(sections: Sequence[Section]) -> Section:
    """The inclusive-wording check of a draft's sections: each gender-coded word found, how
    often and where, as suggestions (the draft itself is not changed)."""
    parts = []
    for section in sections:
        for block in section.blocks:
            if isinstance(block, Paragraph):
                parts.append((section.heading, block.line.text))
            elif isinstance(block, Bullets):
                parts += [(section.heading, item.text) for item in block.lines]
    found = findings(parts)
    intro = Paragraph(
        line(
            f"Words the draft uses from {LIST_NAME}. Suggestions only: nothing above was changed. "
            "The study behind the lists found that masculine-coded wording made job ads less "
            "appealing to women; consider whether each word is needed, or whether a neutral one "
            "says the same."
        )
    )
    if not found:
        return Section(
            "Inclusive wording (suggestions)",
            (intro, Paragraph(line("No word from the lists was found."))),
            "inclusive",
            cites_data=False,
        )
    masculine = sum(item.count for item in found if item.coded != FEMININE)
    feminine = sum(item.count for item in found if item.coded == FEMININE)
    summary = Paragraph(
        line(f"Found: {masculine} masculine-coded and {feminine} feminine-coded words.")
    )
    bullets = tuple(
        line(
            ", ".join(f"“{word}”" for word in item.words),
            f" ({item.coded}-coded, stem “{item.stem}”): "
            + ("once" if item.count == 1 else f"{item.count} times")
            + f", in {listed(list(item.where))}.",
        )
        for item in found
    )
    return Section(
        "Inclusive wording (suggestions)",
        (intro, summary, Bullets(bullets)),
        "inclusive",
        cites_data=False,
    )


# --- helpers -----------------------------------------------------------------------------------


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _industries(rows: RoleRows, row: Row) -> list[pd.Series]:
    """The industries.csv row of a row that comes from an industry (cited with it)."""
    industry = rows.industry_of(row)
    return [] if industry is None else [industry]


def _markers(rows: RoleRows, row: Row, refs: list, asked: bool) -> list[str]:
    """The marks after a line: specific to the industry (its name added to the refs), asked for."""
    marks = []
    industry = rows.industry_of(row)
    if industry is not None:
        marks.append(f" ({text(industry[NAME])}-specific)")
        refs.append(industry_ref(industry))
    if asked:
        marks.append(f" ({ASKED})")
    return marks
