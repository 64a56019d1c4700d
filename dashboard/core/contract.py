"""The data contract: every file, column and rule of a role dataset, in one place.

Everything else (the loader, the pages, the exports, the docs test) reads names from here,
so a column is renamed in exactly one spot. So do the columns of the tables the comparison
builds from a dataset (at the end).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum

# Column names shared by several tables.
ROLE_ID = "role_id"
SKILL_ID = "skill_id"
CERT_ID = "cert_id"
RESPONSIBILITY_ID = "responsibility_id"
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
DETAIL = "detail"
CHECKED = "checked"
DESCRIPTION = "description"
URL = "url"
NOTE = "note"
# Descriptive columns of roles.csv.
ABBREVIATION = "abbreviation"
SUMMARY = "summary"
SCOPE = "scope"
BACKGROUND = "background"
CAREER_PATH = "career_path"
ONET_SOC = "onet_soc"
ESCO = "esco"
# Descriptive columns of certifications.csv.
ISSUER = "issuer"
VALIDATES = "validates"
PREREQUISITES = "prerequisites"
RENEWAL = "renewal"
# Descriptive columns of sources.csv.
TITLE = "title"
PUBLISHER = "publisher"
LICENCE = "licence"
# An extra column of the shipped sources.csv: where the article's text is kept.
LOCAL_COPY = "local_copy"

# An optional extra column of rated tables: the rubric rule behind a rating, then its evidence.
BASIS = "basis"

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
    # A name that is also a filter value in the page's link, where commas separate values.
    LABEL = "label"  # required, non-blank text without a comma
    TEXT = "text"  # free text, may be blank
    RATING = "rating"  # whole number 1-5
    CHOICE = "choice"  # one of a fixed list (case-insensitive)
    SOURCES = "sources"  # blank, or source_ids separated by ";"
    URL = "url"  # blank, or an http(s) address
    DATE = "date"  # blank, or a calendar date written YYYY-MM-DD


@dataclass(frozen=True)
class ColumnSpec:
    """One contract column and the rule its cells follow."""

    name: str
    rule: Rule
    target: str | None = None  # referenced table, for REFERENCE / OPTIONAL_REFERENCE
    choices: tuple[str, ...] = ()
    # An optional column may be left out of a file (as blank cells); added to the contract
    # after the first release, it keeps older datasets loading.
    optional: bool = False


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

    @property
    def required_column_names(self) -> tuple[str, ...]:
        """The columns every file of this table must have in its header."""
        return tuple(column.name for column in self.columns if not column.optional)


def _sources() -> ColumnSpec:
    return ColumnSpec(SOURCE, Rule.SOURCES)


def _industry() -> ColumnSpec:
    return ColumnSpec(INDUSTRY_ID, Rule.OPTIONAL_REFERENCE, target="industries")


ROLES_TABLE = TableSpec(
    "roles",
    (
        ColumnSpec(ROLE_ID, Rule.KEY),
        ColumnSpec(NAME, Rule.NAME),
        ColumnSpec(ABBREVIATION, Rule.TEXT),
        ColumnSpec(SUMMARY, Rule.TEXT),
        ColumnSpec(SCOPE, Rule.TEXT),
        ColumnSpec(BACKGROUND, Rule.TEXT),
        ColumnSpec(CAREER_PATH, Rule.TEXT),
        ColumnSpec(ONET_SOC, Rule.TEXT),
        ColumnSpec(ESCO, Rule.TEXT),
        ColumnSpec(DEFAULT, Rule.CHOICE, choices=YES_NO),
        _sources(),
    ),
    required=True,
    key=ROLE_ID,
)
SKILLS_TABLE = TableSpec(
    "skills",
    (
        ColumnSpec(SKILL_ID, Rule.KEY),
        ColumnSpec(NAME, Rule.NAME),
        ColumnSpec(CATEGORY, Rule.LABEL),
        ColumnSpec(DESCRIPTION, Rule.TEXT),
    ),
    required=True,
    key=SKILL_ID,
)
ROLE_SKILLS_TABLE = TableSpec(
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
RESPONSIBILITIES_TABLE = TableSpec(
    "responsibilities",
    (
        ColumnSpec(RESPONSIBILITY_ID, Rule.KEY),
        ColumnSpec(NAME, Rule.NAME),
        ColumnSpec(AREA, Rule.NAME),
        ColumnSpec(DESCRIPTION, Rule.TEXT),
    ),
    required=False,
    key=RESPONSIBILITY_ID,
)
ROLE_RESPONSIBILITIES_TABLE = TableSpec(
    "role_responsibilities",
    (
        ColumnSpec(ROLE_ID, Rule.REFERENCE, target="roles"),
        ColumnSpec(RESPONSIBILITY_ID, Rule.REFERENCE, target="responsibilities"),
        ColumnSpec(EMPHASIS, Rule.CHOICE, choices=EMPHASIS_LEVELS),
        _industry(),
        _sources(),
        ColumnSpec(DETAIL, Rule.TEXT, optional=True),
    ),
    required=False,
    unique_together=(ROLE_ID, RESPONSIBILITY_ID, INDUSTRY_ID),
)
CERTIFICATIONS_TABLE = TableSpec(
    "certifications",
    (
        ColumnSpec(CERT_ID, Rule.KEY),
        ColumnSpec(NAME, Rule.NAME),
        ColumnSpec(ISSUER, Rule.TEXT),
        ColumnSpec(VALIDATES, Rule.TEXT),
        ColumnSpec(PREREQUISITES, Rule.TEXT),
        ColumnSpec(RENEWAL, Rule.TEXT),
        ColumnSpec(URL, Rule.URL),
        _sources(),
        ColumnSpec(CHECKED, Rule.DATE, optional=True),
    ),
    required=False,
    key=CERT_ID,
)
ROLE_CERTIFICATIONS_TABLE = TableSpec(
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
INDUSTRIES_TABLE = TableSpec(
    "industries",
    (
        ColumnSpec(INDUSTRY_ID, Rule.KEY),
        ColumnSpec(NAME, Rule.NAME),
        ColumnSpec(DESCRIPTION, Rule.TEXT),
    ),
    required=False,
    key=INDUSTRY_ID,
)
ROLE_INDUSTRIES_TABLE = TableSpec(
    "role_industries",
    (
        ColumnSpec(ROLE_ID, Rule.REFERENCE, target="roles"),
        ColumnSpec(INDUSTRY_ID, Rule.REFERENCE, target="industries"),
        ColumnSpec(PREVALENCE, Rule.RATING),
        ColumnSpec(NOTE, Rule.TEXT),
        _sources(),
    ),
    required=False,
    unique_together=(ROLE_ID, INDUSTRY_ID),
)
# Other titles a role goes by (O*NET alternate titles of the occupations it is mapped to, and
# the role's own name and abbreviation): the job-post reader recognises a role by them.
ROLE_TITLES_TABLE = TableSpec(
    "role_titles",
    (
        ColumnSpec(ROLE_ID, Rule.REFERENCE, target="roles"),
        ColumnSpec(TITLE, Rule.NAME),
        _sources(),
    ),
    required=False,
    unique_together=(ROLE_ID, TITLE),
)
SOURCES_TABLE = TableSpec(
    "sources",
    (
        ColumnSpec(SOURCE_ID, Rule.KEY),
        ColumnSpec(TITLE, Rule.NAME),
        ColumnSpec(PUBLISHER, Rule.TEXT),
        ColumnSpec(URL, Rule.URL),
        ColumnSpec(LICENCE, Rule.TEXT),
    ),
    required=False,
    key=SOURCE_ID,
)

# Read order matters: tables are validated after the tables they reference.
CONTRACT: tuple[TableSpec, ...] = (
    SOURCES_TABLE,
    INDUSTRIES_TABLE,
    ROLES_TABLE,
    SKILLS_TABLE,
    CERTIFICATIONS_TABLE,
    RESPONSIBILITIES_TABLE,
    ROLE_SKILLS_TABLE,
    ROLE_RESPONSIBILITIES_TABLE,
    ROLE_CERTIFICATIONS_TABLE,
    ROLE_INDUSTRIES_TABLE,
    ROLE_TITLES_TABLE,
)
TABLES: dict[str, TableSpec] = {spec.table: spec for spec in CONTRACT}
FILES: dict[str, TableSpec] = {spec.file: spec for spec in CONTRACT}
# Tables whose rows are facts, each of which must cite a source in the shipped dataset.
FACT_TABLES = (
    "roles",
    "role_skills",
    "role_responsibilities",
    "certifications",
    "role_certifications",
    "role_industries",
    "role_titles",
)

# Columns of the tables the comparison builds (pages, charts and exports read these names).
ROLE = "role"
SKILL = "skill"
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
# The wide comparison's column of every source its row cites (joined with SOURCE_SEPARATOR).
CITED_SOURCES = "sources"

# Headers on screen where the column's name, capitalised, would not read well; every other
# column is headed by its name with a capital and spaces ("shared_with_some" -> "Shared with
# some"). The CSV files keep the names themselves: scripts read those.
SCREEN_HEADERS = {
    SOURCE_ID: "Source id",
    URL: "Link",
    SHARED: "Shared by all",
    "shared_with_some": "Shared with some",
    "onet_soc": "O*NET-SOC",
    "esco": "ESCO",
}

# Tables with a column per role (or industry, or skill category) key those columns by the
# role's id behind a prefix that none of the tables' own columns has: a role called "section"
# or "item" is data, and must never take the place of the table's "section" or "item" column.
# The pages label such columns with the role's name; the CSV files write the name as header.
ROLE_COLUMN_PREFIX = "role:"
INDUSTRY_COLUMN_PREFIX = "industry:"
CATEGORY_COLUMN_PREFIX = "category:"


def role_column(role_id: str) -> str:
    """The key of a role's own column in a table with a column per role."""
    return ROLE_COLUMN_PREFIX + role_id


def role_columns(role_ids: Sequence[str]) -> list[str]:
    """The keys of the roles' own columns, in order."""
    return [ROLE_COLUMN_PREFIX + role_id for role_id in role_ids]


def industry_column(industry_id: str) -> str:
    """The key of an industry's own column in a table with a column per industry."""
    return INDUSTRY_COLUMN_PREFIX + industry_id


def category_column(category: str) -> str:
    """The key of a skill category's own column in a table with a column per category."""
    return CATEGORY_COLUMN_PREFIX + category


SECTION_RESPONSIBILITIES = "responsibilities"
SECTION_SKILLS = "skills"
SECTION_CERTIFICATIONS = "certifications"
