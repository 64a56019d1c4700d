"""An interview scorecard for one role in one industry, every attribute from the dataset.

The attributes are the role's most important skills (rated 4-5) and its core responsibilities,
grouped by skill category and responsibility area: the two categories with the most highly
rated skills and the two areas with the most core responsibilities (when the role has fewer of
one, more of the other, up to four groups in all), at most six attributes each. Each attribute
says what to listen for (the skill's description, the role's own wording of a responsibility or
the catalogue's) and has a 1-4 scale to tick and room for notes; the certifications to verify
(essential and recommended) close the card.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from dashboard.core.contract import (
    AREA,
    CATEGORY,
    DESCRIPTION,
    DETAIL,
    EMPHASIS,
    IMPORTANCE,
    ISSUER,
    NAME,
    RATING_RANGE,
    RELEVANCE,
    RENEWAL,
    URL,
)
from dashboard.core.dataset import Dataset
from dashboard.core.document import (
    Document,
    Paragraph,
    Row,
    RowRef,
    Section,
    Table,
    cited,
    document,
    line,
    row_ref,
)
from dashboard.core.job_description import MUST_LEVEL, PREFERRED, REQUIRED, role_paragraphs
from dashboard.core.markdown_document import safe_url
from dashboard.core.packet_rows import RoleRows, industry_ref, text
from dashboard.core.packet_rows import Row as PacketRow
from dashboard.core.text import humanise

KIND = "interview-scorecard"
MAX_GROUPS = 4
MAX_ATTRIBUTES = 6
# Of the four groups, this many are skill categories when the role has enough of both kinds.
SKILL_GROUPS = 2
SCALE = ("1", "2", "3", "4")
BOX = "☐"
BLANK = ""
SCALE_TEXT = (
    "Rating scale: 1 = no evidence; 2 = some evidence; 3 = clear evidence; 4 = strong evidence, "
    "beyond what the role needs. Tick one box per attribute; leave it blank if it did not come "
    "up."
)
ATTRIBUTE_HEADER = ("Attribute", "Listen for", *SCALE, "Notes")
CERTIFICATE_HEADER = (
    "Certification",
    "Relevance",
    "Issuer",
    "Renewal",
    "Official page",
    "Verified",
)
TOP = RATING_RANGE[1]


def scorecard(dataset: Dataset, role_id: str, industry_id: str | None = None) -> Document:
    """The interview scorecard of a role in an industry (None: all industries)."""
    rows = RoleRows(dataset, role_id, industry_id)
    skill_groups = _skill_groups(rows)
    duty_groups = _duty_groups(rows)
    skills_taken = min(len(skill_groups), max(SKILL_GROUPS, MAX_GROUPS - len(duty_groups)))
    duties_taken = min(len(duty_groups), MAX_GROUPS - skills_taken)
    where = text(rows.industry[NAME]) if rows.industry is not None else "all industries"
    intro = [
        *role_paragraphs(rows),
        Paragraph(line("Candidate: ____________   Interviewer: ____________   Date: __________")),
        Paragraph(
            line(
                f"The attributes: the role's skills rated {MUST_LEVEL}-{TOP} and its core "
                f"responsibilities in {where}, grouped by skill category and responsibility area "
                f"(the {skills_taken} categories with the most highly rated skills and the "
                f"{duties_taken} areas with the most core responsibilities), at most "
                f"{MAX_ATTRIBUTES} each. What to listen for comes from the dataset; the numbers "
                "in brackets are its sources, listed at the end."
            )
        ),
        Paragraph(line(SCALE_TEXT)),
    ]
    sections = [Section("About this scorecard", tuple(intro), "about")]
    for index, (category, skills) in enumerate(skill_groups[:skills_taken], start=1):
        table = _attributes(f"skills-{index}", [_skill_row(rows, skill) for skill in skills])
        sections.append(Section(f"{humanise(category)} (skills)", (table,), f"skills-{index}"))
    for index, (area, duties) in enumerate(duty_groups[:duties_taken], start=1):
        table = _attributes(f"duties-{index}", [_duty_row(rows, duty) for duty in duties])
        sections.append(Section(f"{area} (responsibilities)", (table,), f"duties-{index}"))
    if not skill_groups and not duty_groups:
        sections.append(
            Section(
                "Attributes",
                (
                    Paragraph(
                        line(
                            "The dataset rates no skill 4-5 and lists no core responsibility for "
                            "this role here."
                        )
                    ),
                ),
                "attributes",
            )
        )
    sections.append(Section("Certifications to verify", _certificates(rows), "certifications"))
    sections.append(
        Section(
            "Overall",
            (
                Paragraph(line(f"Overall rating: {'   '.join(f'{BOX} {n}' for n in SCALE)}")),
                Paragraph(line("Recommendation and notes:")),
            ),
            "overall",
        )
    )
    name = dataset.role_names[role_id]
    return document(KIND, f"{name}: interview scorecard", sections, dataset)


# --- choosing the attributes ---------------------------------------------------------------------


def _skill_groups(rows: RoleRows) -> list[tuple[str, list[str]]]:
    """Skill categories with the role's skills rated 4-5: the category with more 5s first (then
    more 4s, then skills.csv order), each category's skills highest rated first."""
    groups: dict[str, list[str]] = {}
    for skill_id, rating in rows.skills.items():  # highest first, then catalogue order
        if rating[IMPORTANCE] >= MUST_LEVEL:
            groups.setdefault(text(rows.skill(skill_id)[CATEGORY]), []).append(skill_id)
    order = list(dict.fromkeys(rows.dataset.skills[CATEGORY]))

    def weight(item: tuple[str, list[str]]) -> tuple:
        category, skills = item
        levels = [int(rows.skills[skill][IMPORTANCE]) for skill in skills]
        return (-levels.count(TOP), -len(levels), order.index(category))

    return [
        (category, skills[:MAX_ATTRIBUTES])
        for category, skills in sorted(groups.items(), key=weight)
    ]


def _duty_groups(rows: RoleRows) -> list[tuple[str, list[str]]]:
    """Responsibility areas with the role's core responsibilities: the area with more first
    (then catalogue order), each area's responsibilities in catalogue order."""
    groups: dict[str, list[str]] = {}
    for duty_id, held in rows.responsibilities.items():
        if held[EMPHASIS] == "core":
            groups.setdefault(text(rows.duty(duty_id)[AREA]), []).append(duty_id)
    order = list(dict.fromkeys(rows.dataset.responsibilities[AREA]))
    ranked = sorted(groups.items(), key=lambda item: (-len(item[1]), order.index(item[0])))
    return [(area, duties[:MAX_ATTRIBUTES]) for area, duties in ranked]


# --- the rows ----------------------------------------------------------------------------------


def _attributes(name: str, rows: list[Row]) -> Table:
    return Table(name, ATTRIBUTE_HEADER, tuple(rows), blank_columns=(len(ATTRIBUTE_HEADER) - 1,))


def _skill_row(rows: RoleRows, skill_id: str) -> Row:
    catalogue, rating = rows.skill(skill_id), rows.skills[skill_id]
    description = text(catalogue[DESCRIPTION])
    refs = [
        row_ref("skills", catalogue, [NAME, DESCRIPTION] if description else [NAME]),
        row_ref("role_skills", rating, [IMPORTANCE]),
    ]
    attribute = f"{text(catalogue[NAME])} (importance {int(rating[IMPORTANCE])} of {TOP})"
    attribute += _specific(rows, rating, refs.append)
    return Row(
        (attribute, description, *(BOX for _ in SCALE), BLANK),
        tuple(refs),
        cited(rating, *_industry_rows(rows, rating)),
    )


def _duty_row(rows: RoleRows, duty_id: str) -> Row:
    catalogue, held = rows.duty(duty_id), rows.responsibilities[duty_id]
    detail, description = text(held.get(DETAIL, "")), text(catalogue[DESCRIPTION])
    listen = detail or description
    refs = [
        row_ref(
            "responsibilities", catalogue, [NAME] if detail or not listen else [NAME, DESCRIPTION]
        ),
        row_ref("role_responsibilities", held, [EMPHASIS, DETAIL] if detail else [EMPHASIS]),
    ]
    attribute = f"{text(catalogue[NAME])} ({held[EMPHASIS]})" + _specific(rows, held, refs.append)
    return Row(
        (attribute, listen, *(BOX for _ in SCALE), BLANK),
        tuple(refs),
        cited(held, *_industry_rows(rows, held)),
    )


def _certificates(rows: RoleRows) -> tuple:
    chosen = [
        (cert_id, rating)
        for cert_id, rating in rows.certifications.items()
        if rating[RELEVANCE] in (REQUIRED, PREFERRED)
    ]
    if not chosen:
        return (
            Paragraph(
                line("The dataset rates no certification essential or recommended for this role.")
            ),
        )
    table_rows = []
    for cert_id, rating in chosen:
        catalogue = rows.certification(cert_id)
        shown = [NAME, ISSUER, RENEWAL]
        link = safe_url(text(catalogue[URL]))
        if link:
            shown.append(URL)
        refs = [
            row_ref("certifications", catalogue, shown),
            row_ref("role_certifications", rating, [RELEVANCE]),
        ]
        relevance = str(rating[RELEVANCE]) + _specific(rows, rating, refs.append)
        table_rows.append(
            Row(
                (
                    text(catalogue[NAME]),
                    relevance,
                    text(catalogue[ISSUER]),
                    text(catalogue[RENEWAL]),
                    link or "—",
                    BOX,
                ),
                tuple(refs),
                cited(rating, catalogue, *_industry_rows(rows, rating)),
            )
        )
    link_column = CERTIFICATE_HEADER.index("Official page")
    return (
        Table("certifications", CERTIFICATE_HEADER, tuple(table_rows), link_columns=(link_column,)),
    )


def _specific(rows: RoleRows, row: PacketRow, add_ref: Callable[[RowRef], None]) -> str:
    industry = rows.industry_of(row)
    if industry is None:
        return ""
    add_ref(industry_ref(industry))
    return f" ({text(industry[NAME])}-specific)"


def _industry_rows(rows: RoleRows, row: PacketRow) -> list[pd.Series]:
    industry = rows.industry_of(row)
    return [] if industry is None else [industry]
