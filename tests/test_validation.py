"""Every validation rule has a failing case whose message names the file, row and column."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest

from dashboard.core.contract import TABLES
from dashboard.core.dataset import parse_dataset
from dashboard.core.problems import DatasetError
from dashboard.core.reader import Limits, read_table
from dashboard.core.validation import validate_table
from tests.support import mini_files, with_line

Files = dict[str, bytes]


def without(file: str) -> Callable[[Files], Files]:
    return lambda files: {name: data for name, data in files.items() if name != file}


def replaced(file: str, data: bytes) -> Callable[[Files], Files]:
    return lambda files: {**files, file: data}


def line(file: str, number: int, text: str) -> Callable[[Files], Files]:
    return lambda files: with_line(files, file, number, text)


def appended(file: str, text: str) -> Callable[[Files], Files]:
    return lambda files: {**files, file: files[file] + text.encode("utf-8")}


CERT_HEADER = "cert_id,name,issuer,validates,prerequisites,renewal,url,source"
CERT_PMP = (
    "pmp,Project Management Professional,PMI,Project management,36 months leading projects,"
    "60 PDUs every 3 years,https://www.pmi.org,handbook"
)
ROLES_HEADER = (
    "role_id,name,abbreviation,summary,scope,background,career_path,onet_soc,esco,default,source"
)

# (case, how the mini dataset is broken, the exact problem line it must produce)
BAD_INPUTS = [
    (
        "required file missing",
        without("roles.csv"),
        "roles.csv: the file is missing; every dataset needs it",
    ),
    (
        "empty file",
        replaced("skills.csv", b""),
        "skills.csv: the file is empty; it needs a header row with the columns "
        "skill_id, name, category, description",
    ),
    (
        "whitespace-only file",
        replaced("skills.csv", b" \r\n\n"),
        "skills.csv: the file is empty; it needs a header row with the columns "
        "skill_id, name, category, description",
    ),
    (
        "required file with a header only",
        replaced("role_skills.csv", b"role_id,skill_id,importance,industry_id,source\n"),
        "role_skills.csv: the file has a header but no rows; add one or more",
    ),
    (
        "missing column",
        line("skills.csv", 1, "skill_id,name,description"),
        "skills.csv column category: this column is missing from the header "
        "(it has: skill_id, name, description)",
    ),
    (
        "duplicate header",
        line("industries.csv", 1, "industry_id,name,description,name"),
        "industries.csv row 1, column name: the header names this column twice (columns 2 and 4)",
    ),
    (
        "not UTF-8",
        replaced("roles.csv", (ROLES_HEADER + "\nx,Caf\xe9 lead,,,,,,,,yes,\n").encode("latin-1")),
        "roles.csv row 2: the text is not UTF-8 (byte 0xE9 cannot be read); "
        "save the file as 'CSV UTF-8' and upload it again",
    ),
    (
        "NUL bytes",
        replaced("skills.csv", b"skill_id,name,category,description\n\x00\x00\n"),
        "skills.csv: the file holds NUL bytes, so it is not a text CSV file",
    ),
    (
        "id with capitals and spaces",
        line("skills.csv", 2, "Risk Mgmt,Planning,methodology,Plans work."),
        "skills.csv row 2, column skill_id: 'Risk Mgmt' is not a valid id: use only lowercase "
        "letters, digits and _ (for example project_manager)",
    ),
    (
        "duplicate id",
        line("skills.csv", 3, "planning,Risk management,methodology,x"),
        "skills.csv row 3, column skill_id: 'planning' is already used on row 2; "
        "each skill_id must be unique",
    ),
    (
        "blank id",
        line("certifications.csv", 3, ",Certified ScrumMaster,Scrum Alliance,,,,,handbook"),
        "certifications.csv row 3, column cert_id: the cell is blank; every row needs a cert_id",
    ),
    (
        "blank name",
        line("skills.csv", 4, "coaching,,people,Helps people grow."),
        "skills.csv row 4, column name: the cell is blank; every row needs a name",
    ),
    (
        "importance in words",
        line("role_skills.csv", 3, "delivery_lead,risk,high,,handbook"),
        "role_skills.csv row 3, column importance: 'high' is not a whole number from 1 to 5",
    ),
    (
        "importance above 5",
        line("role_skills.csv", 3, "delivery_lead,risk,6,,handbook"),
        "role_skills.csv row 3, column importance: '6' is not a whole number from 1 to 5",
    ),
    (
        "importance zero",
        line("role_skills.csv", 4, "delivery_lead,coaching,0,,handbook"),
        "role_skills.csv row 4, column importance: '0' is not a whole number from 1 to 5",
    ),
    (
        "importance not whole",
        line("role_skills.csv", 4, "delivery_lead,coaching,3.5,,handbook"),
        "role_skills.csv row 4, column importance: '3.5' is not a whole number from 1 to 5",
    ),
    (
        "blank importance",
        line("role_skills.csv", 4, "delivery_lead,coaching,,,handbook"),
        "role_skills.csv row 4, column importance: '' is not a whole number from 1 to 5",
    ),
    (
        "prevalence out of range",
        line("role_industries.csv", 3, "delivery_lead,retail,9,,handbook"),
        "role_industries.csv row 3, column prevalence: '9' is not a whole number from 1 to 5",
    ),
    (
        "relevance not in the list",
        line("role_certifications.csv", 2, "delivery_lead,pmp,must have,,handbook"),
        "role_certifications.csv row 2, column relevance: 'must have' is not one of: "
        "essential, recommended, optional",
    ),
    (
        "responsibility not in the catalogue",
        line("role_responsibilities.csv", 2, "delivery_lead,no_such_duty,core,,handbook"),
        "role_responsibilities.csv row 2, column responsibility_id: 'no_such_duty' is not listed "
        "in responsibilities.csv (column responsibility_id)",
    ),
    (
        "a role holds the same responsibility twice in one industry",
        appended("role_responsibilities.csv", "delivery_lead,plan_releases,supporting,,handbook\n"),
        "role_responsibilities.csv row 7: the same role_id 'delivery_lead', responsibility_id "
        "'plan_releases', industry_id blank is already on row 2; keep one row per combination",
    ),
    (
        "responsibility id with capitals",
        line(
            "responsibilities.csv", 3, "Report_Progress,Report progress to sponsors,stakeholders,"
        ),
        "responsibilities.csv row 3, column responsibility_id: 'Report_Progress' is not a valid "
        "id: use only lowercase letters, digits and _ (for example project_manager)",
    ),
    (
        "checked date that is not a date",
        lambda files: with_line(
            with_line(files, "certifications.csv", 1, CERT_HEADER + ",checked"),
            "certifications.csv",
            2,
            CERT_PMP + ",2026-13-01",
        ),
        "certifications.csv row 2, column checked: '2026-13-01' is not a date written YYYY-MM-DD "
        "(for example 2026-11-30)",
    ),
    (
        "a category with a comma",
        line("skills.csv", 4, 'coaching,Coaching,"people, teams",Helps people grow.'),
        "skills.csv row 4, column category: 'people, teams' holds a comma, which the page's "
        "link uses to separate values; write 'and' or '&' instead",
    ),
    (
        "a role name with a right-to-left override",
        line("roles.csv", 3, "scrum_master,Scrum \u202eMaster,SM,,,,,,,yes,handbook"),
        "roles.csv row 3, column name: the text holds the direction control U+202E RIGHT-TO-LEFT "
        "OVERRIDE, which makes it display in a different order than it is written; remove it",
    ),
    (
        "emphasis not in the list",
        line("role_responsibilities.csv", 2, "delivery_lead,plan_releases,main,,handbook"),
        "role_responsibilities.csv row 2, column emphasis: 'main' is not one of: core, supporting",
    ),
    (
        "default not yes or no",
        line("roles.csv", 3, "scrum_master,Scrum Master,SM,,team,,,,,maybe,handbook"),
        "roles.csv row 3, column default: 'maybe' is not one of: yes, no",
    ),
    (
        "unknown role",
        line("role_skills.csv", 2, "ghost,planning,5,,handbook"),
        "role_skills.csv row 2, column role_id: 'ghost' is not listed in roles.csv "
        "(column role_id)",
    ),
    (
        "unknown skill",
        line("role_skills.csv", 2, "delivery_lead,juggling,5,,handbook"),
        "role_skills.csv row 2, column skill_id: 'juggling' is not listed in skills.csv "
        "(column skill_id)",
    ),
    (
        "unknown industry",
        line("role_skills.csv", 9, "delivery_lead,risk,5,mining,handbook"),
        "role_skills.csv row 9, column industry_id: 'mining' is not listed in industries.csv "
        "(column industry_id)",
    ),
    (
        "industry without industries.csv",
        without("industries.csv"),
        "role_skills.csv row 9, column industry_id: 'banking' is not listed in industries.csv "
        "(that file is missing or has no rows)",
    ),
    (
        "unknown certification",
        line("role_certifications.csv", 3, "scrum_master,safe,essential,,handbook"),
        "role_certifications.csv row 3, column cert_id: 'safe' is not listed in "
        "certifications.csv (column cert_id)",
    ),
    (
        "unknown source among several",
        line("role_skills.csv", 5, "scrum_master,planning,3,,handbook; nowhere"),
        "role_skills.csv row 5, column source: cites 'nowhere', which is not a source_id "
        "in sources.csv",
    ),
    (
        "source cited without sources.csv",
        without("sources.csv"),
        "roles.csv row 2, column source: cites 'handbook', but the dataset has no "
        "sources.csv (or it has no rows)",
    ),
    (
        "link that is not a web address",
        line(
            "certifications.csv",
            2,
            "pmp,Project Management Professional,PMI,x,y,z,javascript:alert(1),handbook",
        ),
        "certifications.csv row 2, column url: 'javascript:alert(1)' is not a web address "
        "starting with http:// or https://",
    ),
    (
        "the same role and skill twice",
        line("role_skills.csv", 3, "delivery_lead,planning,4,,handbook"),
        "role_skills.csv row 3: the same role_id 'delivery_lead', skill_id 'planning', "
        "industry_id blank is already on row 2; keep one row per combination",
    ),
    (
        "the same role and industry twice",
        line("role_industries.csv", 3, "delivery_lead,banking,2,,handbook"),
        "role_industries.csv row 3: the same role_id 'delivery_lead', industry_id 'banking' "
        "is already on row 2; keep one row per combination",
    ),
    (
        "a row with more cells than the header",
        line("skills.csv", 3, "risk,Risk management,methodology,Finds, treats risks"),
        "skills.csv row 3: this row has 5 cells but the header has 4 columns "
        "(is a comma missing its quotes?)",
    ),
    (
        "header cell without a name",
        line("industries.csv", 1, "industry_id,,name,description"),
        "industries.csv row 1: column 2 of the header has no name",
    ),
]


@pytest.mark.parametrize(
    ("break_files", "expected"),
    [pytest.param(breaker, expected, id=case) for case, breaker, expected in BAD_INPUTS],
)
def test_each_bad_input_has_its_own_message(break_files, expected):
    with pytest.raises(DatasetError) as raised:
        parse_dataset(break_files(mini_files()))
    messages = [str(problem) for problem in raised.value.problems]
    assert expected in messages
    # The exception's text is what the app shows: it carries the same line.
    assert f"- {expected}" in str(raised.value)


def test_every_problem_is_reported_at_once():
    files = with_line(mini_files(), "role_skills.csv", 3, "delivery_lead,risk,high,,handbook")
    files = with_line(files, "skills.csv", 4, "coaching,,people,x")
    files = {name: data for name, data in files.items() if name != "industries.csv"}
    with pytest.raises(DatasetError) as raised:
        parse_dataset(files)
    places = {(p.file, p.row, p.column) for p in raised.value.problems}
    assert ("role_skills.csv", 3, "importance") in places
    assert ("skills.csv", 4, "name") in places
    assert ("role_skills.csv", 9, "industry_id") in places
    assert str(raised.value).startswith(f"The dataset has {len(raised.value.problems)} problems:")


def test_extra_columns_are_kept_and_choices_are_case_insensitive():
    files = with_line(mini_files(), "industries.csv", 1, "industry_id,name,description,notes")
    files = with_line(files, "industries.csv", 2, "banking,Banking,Banks.,seen in 2024")
    files = with_line(
        files, "role_certifications.csv", 2, "delivery_lead,pmp,Recommended,,handbook"
    )
    dataset = parse_dataset(files)
    assert dataset.industries.iloc[0]["notes"] == "seen in 2024"
    assert dataset.role_certifications.iloc[0]["relevance"] == "recommended"


def test_ten_thousand_duplicate_rows_each_name_the_first_row():
    header, first = mini_files()["role_skills.csv"].decode().splitlines()[:2]
    files = {**mini_files(), "role_skills.csv": "\n".join([header] + [first] * 10_000).encode()}
    with pytest.raises(DatasetError) as raised:
        parse_dataset(files)
    duplicates = [p for p in raised.value.problems if "already on row 2" in p.message]
    assert [p.row for p in duplicates] == list(range(3, 10_002))


def test_duplicates_are_found_in_one_pass_per_constraint(monkeypatch):
    # Linear time, checked by counting work: one duplicated() pass per uniqueness rule of a
    # table (its id column or its key combination), however many duplicates there are.
    calls: list[tuple[str, ...]] = []
    original = pd.DataFrame.duplicated

    def counting(self, subset=None, keep="first"):
        calls.append(tuple(subset or ()))
        return original(self, subset=subset, keep=keep)

    header, first = mini_files()["role_skills.csv"].decode().splitlines()[:2]
    rows = "\n".join([header] + [first] * 5_000).encode()
    frame = read_table("role_skills.csv", rows, TABLES["role_skills"].column_names, Limits()).frame
    monkeypatch.setattr(pd.DataFrame, "duplicated", counting)
    problems = validate_table(TABLES["role_skills"], frame, {})
    assert calls == [("role_id", "skill_id", "industry_id")]
    assert len(problems) == 4_999
