"""The data contract: every file, column and rule of a role dataset, in one place.

Everything else (the loader, the pages, the exports, the docs test) reads names from here,
so a column is renamed in exactly one spot.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

# Column names shared by several tables.
ROLE_ID = "role_id"
SKILL_ID = "skill_id"
CERT_ID = "cert_id"
INDUSTRY_ID = "industry_id"
SOURCE_ID = "source_id"
SOURCE = "source"
NAME = "name"
IMPORTANCE = "importance"
RELEVANCE = "relevance"
PREVALENCE = "prevalence"
EMPHASIS = "emphasis"
AREA = "area"
CATEGORY = "category"
RESPONSIBILITY = "responsibility"
DEFAULT = "default"

# An optional extra column of rated tables: the rubric rule behind a rating, then its evidence.
BASIS = "basis"
# A prevalence whose basis starts with this rule is a neutral placeholder: no source covers the
# role in that industry (datasets/README.md, the prevalence rubric).
PLACEHOLDER_RULE = "P0"

# Blank industry_id: the row holds for every industry.
ALL_INDUSTRIES = ""
SOURCE_SEPARATOR = ";"

RELEVANCE_LEVELS = ("essential", "recommended", "optional")
EMPHASIS_LEVELS = ("core", "supporting")
YES_NO = ("yes", "no")
RATING_RANGE = (1, 5)
DEFAULT_ROLE_COUNT = 5


class Rule(Enum):
    """What a column's cells must hold."""

    KEY = "key"  # the table's own id: required, lowercase [a-z0-9_]+, unique in the file
    REFERENCE = "reference"  # required id of a row in another table
    OPTIONAL_REFERENCE = "optional_reference"  # blank, or an id of a row in another table
    NAME = "name"  # required, non-blank text
    TEXT = "text"  # free text, may be blank
    RATING = "rating"  # whole number 1-5
    CHOICE = "choice"  # one of a fixed list (case-insensitive)
    SOURCES = "sources"  # blank, or source_ids separated by ";"
    URL = "url"  # blank, or an http(s) address


@dataclass(frozen=True)
class ColumnSpec:
    """One contract column and the rule its cells follow."""

    name: str
    rule: Rule
    target: str | None = None  # referenced table, for REFERENCE / OPTIONAL_REFERENCE
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class TableSpec:
    """One file of the contract."""

    table: str
    columns: tuple[ColumnSpec, ...]
    required: bool
    key: str | None = None
    # Columns that together may appear only once (the industry override needs one row per key).
    unique_together: tuple[str, ...] = field(default=())

    @property
    def file(self) -> str:
        """The file name, e.g. roles.csv."""
        return f"{self.table}.csv"

    @property
    def column_names(self) -> tuple[str, ...]:
        """The contract's column names, in documented order."""
        return tuple(column.name for column in self.columns)


def _sources() -> ColumnSpec:
    return ColumnSpec(SOURCE, Rule.SOURCES)


def _industry() -> ColumnSpec:
    return ColumnSpec(INDUSTRY_ID, Rule.OPTIONAL_REFERENCE, target="industries")


ROLES = TableSpec(
    "roles",
    (
        ColumnSpec(ROLE_ID, Rule.KEY),
        ColumnSpec(NAME, Rule.NAME),
        ColumnSpec("abbreviation", Rule.TEXT),
        ColumnSpec("summary", Rule.TEXT),
        ColumnSpec("scope", Rule.TEXT),
        ColumnSpec("background", Rule.TEXT),
        ColumnSpec("career_path", Rule.TEXT),
        ColumnSpec("onet_soc", Rule.TEXT),
        ColumnSpec("esco", Rule.TEXT),
        ColumnSpec(DEFAULT, Rule.CHOICE, choices=YES_NO),
        _sources(),
    ),
    required=True,
    key=ROLE_ID,
)
SKILLS = TableSpec(
    "skills",
    (
        ColumnSpec(SKILL_ID, Rule.KEY),
        ColumnSpec(NAME, Rule.NAME),
        ColumnSpec(CATEGORY, Rule.NAME),
        ColumnSpec("description", Rule.TEXT),
    ),
    required=True,
    key=SKILL_ID,
)
ROLE_SKILLS = TableSpec(
    "role_skills",
    (
        ColumnSpec(ROLE_ID, Rule.REFERENCE, target="roles"),
        ColumnSpec(SKILL_ID, Rule.REFERENCE, target="skills"),
        ColumnSpec(IMPORTANCE, Rule.RATING),
        _industry(),
        _sources(),
    ),
    required=True,
    unique_together=(ROLE_ID, SKILL_ID, INDUSTRY_ID),
)
RESPONSIBILITIES = TableSpec(
    "responsibilities",
    (
        ColumnSpec(ROLE_ID, Rule.REFERENCE, target="roles"),
        ColumnSpec(RESPONSIBILITY, Rule.NAME),
        ColumnSpec(AREA, Rule.NAME),
        ColumnSpec(EMPHASIS, Rule.CHOICE, choices=EMPHASIS_LEVELS),
        _industry(),
        _sources(),
    ),
    required=False,
)
CERTIFICATIONS = TableSpec(
    "certifications",
    (
        ColumnSpec(CERT_ID, Rule.KEY),
        ColumnSpec(NAME, Rule.NAME),
        ColumnSpec("issuer", Rule.TEXT),
        ColumnSpec("validates", Rule.TEXT),
        ColumnSpec("prerequisites", Rule.TEXT),
        ColumnSpec("renewal", Rule.TEXT),
        ColumnSpec("url", Rule.URL),
        _sources(),
    ),
    required=False,
    key=CERT_ID,
)
ROLE_CERTIFICATIONS = TableSpec(
    "role_certifications",
    (
        ColumnSpec(ROLE_ID, Rule.REFERENCE, target="roles"),
        ColumnSpec(CERT_ID, Rule.REFERENCE, target="certifications"),
        ColumnSpec(RELEVANCE, Rule.CHOICE, choices=RELEVANCE_LEVELS),
        _industry(),
        _sources(),
    ),
    required=False,
    unique_together=(ROLE_ID, CERT_ID, INDUSTRY_ID),
)
INDUSTRIES = TableSpec(
    "industries",
    (
        ColumnSpec(INDUSTRY_ID, Rule.KEY),
        ColumnSpec(NAME, Rule.NAME),
        ColumnSpec("description", Rule.TEXT),
    ),
    required=False,
    key=INDUSTRY_ID,
)
ROLE_INDUSTRIES = TableSpec(
    "role_industries",
    (
        ColumnSpec(ROLE_ID, Rule.REFERENCE, target="roles"),
        ColumnSpec(INDUSTRY_ID, Rule.REFERENCE, target="industries"),
        ColumnSpec(PREVALENCE, Rule.RATING),
        ColumnSpec("note", Rule.TEXT),
        _sources(),
    ),
    required=False,
    unique_together=(ROLE_ID, INDUSTRY_ID),
)
SOURCES = TableSpec(
    "sources",
    (
        ColumnSpec(SOURCE_ID, Rule.KEY),
        ColumnSpec("title", Rule.NAME),
        ColumnSpec("publisher", Rule.TEXT),
        ColumnSpec("url", Rule.URL),
        ColumnSpec("licence", Rule.TEXT),
    ),
    required=False,
    key=SOURCE_ID,
)

# Read order matters: tables are validated after the tables they reference.
CONTRACT: tuple[TableSpec, ...] = (
    SOURCES,
    INDUSTRIES,
    ROLES,
    SKILLS,
    CERTIFICATIONS,
    ROLE_SKILLS,
    RESPONSIBILITIES,
    ROLE_CERTIFICATIONS,
    ROLE_INDUSTRIES,
)
TABLES: dict[str, TableSpec] = {spec.table: spec for spec in CONTRACT}
FILES: dict[str, TableSpec] = {spec.file: spec for spec in CONTRACT}
# Tables whose rows are facts, each of which must cite a source in the shipped dataset.
FACT_TABLES = (
    "roles",
    "role_skills",
    "responsibilities",
    "certifications",
    "role_certifications",
    "role_industries",
)

# Columns of the tables the comparison builds (pages, charts and exports read these names).
ROLE = "role"
ITEM = "item"
ITEM_ID = "item_id"
SECTION = "section"
GROUP = "group"
VALUE = "value"
DETAIL = "detail"
SIMILARITY = "similarity"
OTHER_ROLE_ID = "other_role_id"
RANK = "rank"
INDUSTRY = "industry"
SHARED = "shared"
UNIQUE = "unique"

SECTION_RESPONSIBILITIES = "responsibilities"
SECTION_SKILLS = "skills"
SECTION_CERTIFICATIONS = "certifications"
