"""Reading one CSV file: encodings, separators, quoting, limits, and the export's escape undone."""

from __future__ import annotations

import pytest

from dashboard.core import reader as reader_module
from dashboard.core.contract import CONTRACT
from dashboard.core.dataset import parse_dataset
from dashboard.core.problems import DatasetError
from dashboard.core.reader import Limits, human_size
from tests.support import mini_files, with_line

LIMIT_CASES = [
    (
        Limits(max_cell_chars=10),
        "skills.csv row 2, column description: the cell has 11 characters; the limit is 10",
    ),
    (Limits(max_rows=3), "role_skills.csv: the file has more than 3 rows; the limit is 3"),
    (Limits(max_columns=5), "roles.csv: the header has 11 columns; the limit is 5"),
    (Limits(max_file_bytes=100), "roles.csv: the file is larger than the 100 bytes limit"),
]


@pytest.mark.parametrize(("limits", "expected"), LIMIT_CASES)
def test_limits_are_enforced_with_a_clear_message(limits, expected):
    with pytest.raises(DatasetError) as raised:
        parse_dataset(mini_files(), limits)
    assert expected in [str(problem) for problem in raised.value.problems]


# Inputs that look unusual but are harmless: each loads to the same tables as the original.
HARMLESS = [
    ("byte order mark", lambda f: {**f, "roles.csv": b"\xef\xbb\xbf" + f["roles.csv"]}),
    ("CRLF line ends", lambda f: {k: v.replace(b"\n", b"\r\n") for k, v in f.items()}),
    (
        "semicolon separated",
        lambda f: {**f, "industries.csv": f["industries.csv"].replace(b",", b";")},
    ),
    ("tab separated", lambda f: {**f, "industries.csv": f["industries.csv"].replace(b",", b"\t")}),
    ("blank rows", lambda f: {**f, "skills.csv": f["skills.csv"] + b"\n,,,\n\n"}),
    (
        "trailing empty columns",
        lambda f: {**f, "industries.csv": f["industries.csv"].replace(b"\n", b",,\n")},
    ),
    (
        "spaces around cells",
        lambda f: {**f, "industries.csv": f["industries.csv"].replace(b",", b" , ")},
    ),
]


@pytest.mark.parametrize("change", [pytest.param(c, id=i) for i, c in HARMLESS])
def test_harmless_variations_load_to_the_same_tables(change):
    original = parse_dataset(mini_files())
    changed = parse_dataset(change(mini_files()))
    for spec in CONTRACT:
        a = original.table(spec.table).reset_index(drop=True)
        b = changed.table(spec.table).reset_index(drop=True)
        assert a.equals(b), spec.file


def test_quoted_newlines_and_commas_stay_in_their_cell():
    files = with_line(
        mini_files(), "skills.csv", 2, 'planning,Planning,methodology,"Plans work,\nstep by step."'
    )
    dataset = parse_dataset(files)
    assert dataset.skills.iloc[0]["description"] == "Plans work,\nstep by step."
    # The next record keeps the row number a spreadsheet shows for it.
    assert dataset.skills.index[1] == 3


def test_separator_other_than_comma_is_noted():
    files = mini_files()
    files["industries.csv"] = files["industries.csv"].replace(b",", b";")
    assert parse_dataset(files).notes == (
        "industries.csv is separated by semicolons; it was read that way.",
    )


@pytest.mark.parametrize(
    ("size", "expected"),
    [
        (100, "100 bytes"),
        (2000, "2 KB"),
        (200_000_000, "200 MB"),
        (1_500_000, "1.5 MB"),
        (20_971_520, "21 MB"),
    ],
)
def test_human_size(size, expected):
    assert human_size(size) == expected


# (cell as written in the CSV, value loaded)
READ_BACK = [
    ("'=SUM(A1)", "=SUM(A1)"),
    ("'''=x", "''=x"),
    ("=SUM(A1)", "=SUM(A1)"),
    ("'plain", "'plain"),
    ("  '=x  ", "=x"),
]


@pytest.mark.parametrize(("written", "loaded"), READ_BACK)
def test_reader_removes_one_quote_before_formula_text_only(written, loaded):
    files = with_line(mini_files(), "skills.csv", 2, f'planning,Planning,methodology,"{written}"')
    assert parse_dataset(files).skills.iloc[0]["description"] == loaded


def test_rows_are_counted_while_reading_so_a_huge_file_stops_at_the_cap(monkeypatch):
    # Counting work, not seconds: past the cap the reader stops pulling records from the file.
    pulled = 0
    real_reader = reader_module.csv.reader

    def counting_reader(*args, **kwargs):
        nonlocal pulled
        for record in real_reader(*args, **kwargs):
            pulled += 1
            yield record

    monkeypatch.setattr(reader_module.csv, "reader", counting_reader)
    header, first = mini_files()["role_skills.csv"].decode().splitlines()[:2]
    data = "\n".join([header] + [first] * 100_000).encode()
    read = reader_module.read_table("role_skills.csv", data, ("role_id",), Limits(max_rows=10))
    assert [str(problem) for problem in read.problems] == [
        "role_skills.csv: the file has more than 10 rows; the limit is 10"
    ]
    assert pulled == 12  # the header, ten rows, and the one that went over
