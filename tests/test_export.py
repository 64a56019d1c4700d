"""CSV exports: the exact bytes, the BOM, formula neutralisation, round trips, file names."""

from __future__ import annotations

import datetime
import io
from numbers import Number

import numpy as np
import pandas as pd
import pytest

from dashboard.core.comparison import comparison_long, comparison_wide
from dashboard.core.export import csv_bytes, export_filename
from dashboard.core.spreadsheet import escape_cell
from tests.edge_cases import EDGE_SELECTIONS

BOM = b"\xef\xbb\xbf"
DAY = datetime.date(2026, 11, 21)


def sample_frame() -> pd.DataFrame:
    """ASCII, non-ASCII, a comma, a quote, a newline, a negative number, "-5" as text, NaN."""
    return pd.DataFrame(
        {
            "role": [
                "Agile Coach",
                "Café, São Paulo",
                'He said "hi"',
                "line one\nline two",
                "-5",
                np.nan,
            ],
            "similarity": [0.5, -0.25, 1.0, 0.0, 0.125, np.nan],
            "importance": [5, -1, 3, 0, 2, 4],
        }
    )


def test_csv_bytes_golden():
    expected = (
        b"\xef\xbb\xbf"  # the UTF-8 byte order mark
        b"role,similarity,importance\r\n"
        b"Agile Coach,0.5,5\r\n"
        # "é" is C3 A9 and "ã" is C3 A3 in UTF-8; the comma forces quotes.
        b'"Caf\xc3\xa9, S\xc3\xa3o Paulo",-0.25,-1\r\n'
        # Quotes inside a quoted field are doubled.
        b'"He said ""hi""",1.0,3\r\n'
        # The embedded newline stays inside the quoted field.
        b'"line one\nline two",0.0,0\r\n'
        # "-5" is text here, so it is neutralised; -0.25 and -1 above are numbers and are not.
        b"'-5,0.125,2\r\n"
        # NaN in both text and numeric columns becomes an empty cell.
        b",,4\r\n"
    )
    assert csv_bytes(sample_frame()) == expected


@pytest.mark.parametrize(
    "frame",
    [
        pytest.param(sample_frame(), id="sample"),
        pytest.param(pd.DataFrame({"role": []}), id="no-rows"),
    ],
)
def test_bom_is_present_once_at_the_start(frame):
    data = csv_bytes(frame)
    assert data.startswith(BOM)
    assert not data[len(BOM) :].startswith(BOM)


def test_bom_appears_exactly_once_in_an_ordinary_export():
    assert csv_bytes(sample_frame()).count(BOM) == 1


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@cmd", "'@cmd"),
        ("\tfoo", "'\tfoo"),
        ("\rbar", "'\rbar"),
        ("a=b", "a=b"),
        ("O'Brien", "O'Brien"),
        ("🚀 launch", "🚀 launch"),
    ],
)
def test_csv_bytes_neutralises_text_cells_and_headers(value, shown):
    frame = pd.DataFrame({value: [value]})
    read_back = pd.read_csv(io.BytesIO(csv_bytes(frame)), encoding="utf-8-sig", dtype=str)
    assert read_back.columns.tolist() == [shown]
    assert read_back.iloc[0, 0] == shown


def test_round_trip_gives_back_the_shown_values():
    read_back = pd.read_csv(io.BytesIO(csv_bytes(sample_frame())), encoding="utf-8-sig")
    expected = pd.DataFrame(
        {
            "role": [
                "Agile Coach",
                "Café, São Paulo",
                'He said "hi"',
                "line one\nline two",
                "'-5",
                np.nan,
            ],
            "similarity": [0.5, -0.25, 1.0, 0.0, 0.125, np.nan],
            "importance": [5, -1, 3, 0, 2, 4],
        }
    )
    pd.testing.assert_frame_equal(read_back, expected, check_dtype=False)


@pytest.mark.parametrize(
    ("column", "expected_cells"),
    [
        # Numbers keep their sign and stay numbers, whatever the column's dtype.
        pytest.param(pd.Series([-0.5, 2.0]), ["-0.5", "2.0"], id="float"),
        pytest.param(pd.Series([-3, 4]), ["-3", "4"], id="int"),
        pytest.param(pd.Series([-3, None], dtype="Int64"), ["-3", ""], id="nullable-int"),
        pytest.param(pd.Series([-2, "-x"], dtype=object), ["-2", "'-x"], id="mixed-object"),
        pytest.param(pd.Series([None, "=1"], dtype=object), ["", "'=1"], id="none"),
        pytest.param(pd.Series(["-a", "b"], dtype="category"), ["'-a", "b"], id="category"),
    ],
)
def test_cells_by_dtype(column, expected_cells):
    # A second column, because a row whose only cell is empty is written as "" by design.
    frame = pd.DataFrame({"value": column, "row": [1, 2]})
    lines = csv_bytes(frame)[len(BOM) :].decode("utf-8").split("\r\n")
    assert lines == ["value,row", f"{expected_cells[0]},1", f"{expected_cells[1]},2", ""]


def test_csv_bytes_does_not_mutate_its_input():
    frame = pd.DataFrame({"=role": ["=SUM(A1)", "-5", None], "score": [-1.5, 0.0, np.nan]})
    before = frame.copy(deep=True)
    csv_bytes(frame)
    pd.testing.assert_frame_equal(frame, before)


def test_index_is_not_written():
    frame = pd.DataFrame({"role": ["a", "b"]}, index=["x", "y"])
    assert csv_bytes(frame) == BOM + b"role\r\na\r\nb\r\n"


@pytest.mark.parametrize(
    ("kind", "role_names", "industry_name", "expected"),
    [
        (
            "role-comparison-wide",
            ["Project Manager", "Agile Coach"],
            None,
            "role-comparison-wide_project-manager_agile-coach_all-industries_2026-11-21.csv",
        ),
        (
            "similarity",
            ["TPM", "Agile Coach", "Technical Lead"],
            "Financial Services",
            "similarity_tpm_agile-coach_technical-lead_financial-services_2026-11-21.csv",
        ),
        (
            "role-comparison-long",
            [f"Role {index}" for index in range(6)],
            "Healthcare",
            "role-comparison-long_6-roles_healthcare_2026-11-21.csv",
        ),
        # Accents fold to ASCII, punctuation and repeated separators collapse to one hyphen.
        (
            "Similarity  Matrix!",
            ["Chef de Projet (Café)", "--Scrum  Master--"],
            "São Paulo / Retail",
            "similarity-matrix_chef-de-projet-cafe_scrum-master_sao-paulo-retail_2026-11-21.csv",
        ),
        # Nothing ASCII survives: placeholders instead of empty parts.
        ("", ["日本"], "医療", "export_role_industry_2026-11-21.csv"),
        ("top-k", [], "", "top-k_0-roles_all-industries_2026-11-21.csv"),
    ],
)
def test_export_filename(kind, role_names, industry_name, expected):
    assert export_filename(kind, role_names, industry_name, DAY) == expected


def test_long_export_filename_is_capped_and_keeps_industry_and_date():
    name = export_filename("similarity", ["A" * 300], "Healthcare", DAY)
    assert len(name) <= 120
    assert name.startswith("similarity_aaaa")
    assert name.endswith("_healthcare_2026-11-21.csv")


@pytest.mark.parametrize(
    "role_names",
    [["Ünïcödé / Role: <1>?*|"], ["a" * 500, "b" * 500, "c" * 500], ["x"] * 40],
)
def test_export_filename_is_file_system_safe(role_names):
    name = export_filename("similarity", role_names, "Ind\\ustry\n", DAY)
    stem = name.removesuffix(".csv")
    assert set(stem) <= set("abcdefghijklmnopqrstuvwxyz0123456789-_")
    assert "--" not in stem
    assert len(name) <= 120


def test_fast_matrix_export_reads_back_like_the_table_export():
    from dashboard.core.export import matrix_csv_bytes
    from dashboard.core.similarity import similarity_table

    rng = np.random.default_rng(7)
    matrix = rng.random((6, 6)).round(3)
    names = ["Plain", "Café, São Paulo", '"Quoted"', "=SUM(A1)", "-minus", "@at"]
    fast = matrix_csv_bytes(matrix, names)
    ids = [f"r{i}" for i in range(len(names))]
    table = similarity_table(matrix, ids, names)
    reference = csv_bytes(table.set_axis(["role", *names], axis=1))
    bom = b"\xef\xbb\xbf"
    assert fast.startswith(bom) and fast.count(bom) == 1
    read = [pd.read_csv(io.BytesIO(data), encoding="utf-8-sig") for data in (fast, reference)]
    pd.testing.assert_frame_equal(read[0], read[1])
    assert read[0]["role"].tolist()[3:] == ["'=SUM(A1)", "'-minus", "'@at"]


def test_fast_matrix_export_refuses_a_mismatched_matrix():
    from dashboard.core.export import matrix_csv_bytes

    with pytest.raises(ValueError, match="does not match 3 names"):
        matrix_csv_bytes(np.eye(2), ["a", "b", "c"])


def reference_csv_bytes(frame: pd.DataFrame) -> bytes:
    """Reference for csv_bytes: every text cell checked in Python, column by column."""

    def safe_value(value):
        if value is None or (not isinstance(value, str) and pd.isna(value) is True):
            return None
        if isinstance(value, Number) and not isinstance(value, bool):
            return value
        return escape_cell(str(value))

    def safe_column(column: pd.Series) -> pd.Series:
        if pd.api.types.is_numeric_dtype(column) or pd.api.types.is_bool_dtype(column):
            return column
        cells = [safe_value(value) for value in column.astype(object)]
        return pd.Series(cells, index=column.index, dtype=object)

    safe = frame.reset_index(drop=True)
    for position in range(safe.shape[1]):
        safe.isetitem(position, safe_column(safe.iloc[:, position]))
    safe.columns = [escape_cell(str(name)) for name in frame.columns]
    return BOM + safe.to_csv(index=False, lineterminator="\r\n").encode("utf-8")


def awkward_frame() -> pd.DataFrame:
    """Blank and formula-like text, numbers, booleans, NA of each kind, repeated headers."""
    frame = pd.DataFrame(
        {
            "mixed": pd.Series(["", 3, "-x", None, np.nan, True, 2.5, "=1", ""], dtype=object),
            "text": pd.Series(["", "+a", "b", None, "", "@c", "d", "", "-"], dtype="str"),
            "nullable": pd.Series(["", pd.NA, "=z", "y", "", "", pd.NA, "", "x"], dtype="string"),
            "category": pd.Series(["", "-a", "b", "", None, "", "b", "", ""], dtype="category"),
            "score": [0.5, -1.0, np.nan, 2.0, 0.0, 1.0, -0.5, 3.0, 4.0],
            "flag": [True, False, True, False, True, False, True, False, True],
        }
    )
    frame.insert(2, "mixed", frame["text"], allow_duplicates=True)
    return frame.set_axis(list("abcdefghi"), axis=0)


@pytest.mark.parametrize(
    "frame",
    [
        pytest.param(awkward_frame(), id="awkward"),
        pytest.param(awkward_frame().iloc[:0], id="awkward-no-rows"),
        pytest.param(sample_frame(), id="sample"),
        pytest.param(pd.DataFrame({"role": []}), id="no-rows"),
        pytest.param(pd.DataFrame(index=range(3)), id="no-columns"),
    ],
)
def test_csv_bytes_equals_the_reference_cell_by_cell_check(frame):
    assert csv_bytes(frame) == reference_csv_bytes(frame)


@pytest.mark.parametrize("selection", EDGE_SELECTIONS)
def test_comparison_csv_equals_the_reference_cell_by_cell_check(edge, selection):
    long = comparison_long(edge, selection)
    wide = comparison_wide(long, edge, selection.role_ids)
    assert csv_bytes(wide) == reference_csv_bytes(wide)
    assert csv_bytes(long) == reference_csv_bytes(long)


@pytest.mark.parametrize("extension", [".md", ".docx", ".html", ".pdf"])
def test_export_filename_with_another_extension(extension):
    name = export_filename("job-description", ["Agile Coach"], "Healthcare", DAY, extension)
    assert name == f"job-description_agile-coach_healthcare_2026-11-21{extension}"
    long = export_filename("decision-brief", ["A" * 300], "Healthcare", DAY, extension)
    assert len(long) <= 120 and long.endswith(f"_healthcare_2026-11-21{extension}")
