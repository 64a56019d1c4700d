"""The template, the dataset zip round trip, and what the archive module promises about memory."""

from __future__ import annotations

import builtins
import csv
import io
import os
import tempfile
import zipfile

import pandas as pd
import pytest

from dashboard.core import archive
from dashboard.core.archive import (
    UploadedFiles,
    UploadLimits,
    dataset_zip,
    files_from_uploads,
    files_from_zip,
    load_upload,
    template_zip,
)
from dashboard.core.contract import CONTRACT, FILES
from dashboard.core.dataset import Dataset, load_dataset, parse_dataset
from dashboard.core.export import FORMULA_PREFIXES
from dashboard.core.problems import DatasetError, Problem
from dashboard.core.reader import Limits
from tests.conftest import MINI, SHIPPED, mini_files, with_line


def entries(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as opened:
        return {info.filename: opened.read(info) for info in opened.infolist()}


def records(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def assert_same_tables(a: Dataset, b: Dataset) -> None:
    for spec in CONTRACT:
        pd.testing.assert_frame_equal(
            a.table(spec.table).reset_index(drop=True),
            b.table(spec.table).reset_index(drop=True),
            obj=spec.file,
        )


def round_trip(dataset: Dataset) -> Dataset:
    return load_upload([("dataset.zip", dataset_zip(dataset))])


# --- the template ------------------------------------------------------------------------------


def test_template_holds_every_contract_file_and_a_readme():
    assert sorted(entries(template_zip())) == sorted([*FILES, "README.txt"])


@pytest.mark.parametrize("spec", CONTRACT, ids=lambda spec: spec.file)
def test_template_file_has_the_contract_header_and_one_example_row(spec):
    header, *rows = records(entries(template_zip())[spec.file])
    assert tuple(header) == spec.column_names
    assert len(rows) == 1
    assert any(rows[0])


def test_template_loads_as_a_dataset_with_one_row_per_table():
    dataset = load_upload([("template.zip", template_zip())])
    assert {spec.table: len(dataset.table(spec.table)) for spec in CONTRACT} == {
        spec.table: 1 for spec in CONTRACT
    }
    assert dataset.notes == ("README.txt is not a file of the data contract; it was ignored.",)


def test_template_readme_points_at_the_data_dictionary_and_the_limits():
    readme = entries(template_zip())["README.txt"].decode("utf-8")
    assert "datasets/README.md" in readme
    assert all(spec.file in readme for spec in CONTRACT if spec.required)
    assert "20 MB" in readme and "100 MB" in readme and "100 entries" in readme


# --- the dataset zip ---------------------------------------------------------------------------


def test_mini_dataset_round_trips_to_identical_tables():
    original = parse_dataset(mini_files())
    assert_same_tables(original, round_trip(original))


def test_shipped_dataset_round_trips_to_identical_tables():
    try:
        original = load_dataset(SHIPPED)
    except DatasetError as error:
        pytest.skip(f"datasets/ does not load yet, so it cannot round-trip: {error}")
    assert_same_tables(original, round_trip(original))


def test_absent_optional_tables_round_trip_as_header_only_files():
    keep = ("roles.csv", "skills.csv", "role_skills.csv")
    files = {name: data.replace(b",handbook", b",") for name, data in mini_files().items()}
    files = {name: data for name, data in files.items() if name in keep}
    files["role_skills.csv"] = b"\n".join(files["role_skills.csv"].splitlines()[:8])
    original = parse_dataset(files)
    exported = entries(dataset_zip(original))
    assert records(exported["certifications.csv"]) == [
        list(FILES["certifications.csv"].column_names)
    ]
    assert_same_tables(original, round_trip(original))


# Cells that a spreadsheet would run, or that the neutralising prefix could confuse.
TRICKY_CELLS = [
    "=SUM(A1)",
    '=HYPERLINK("https://evil.example","click")',
    "-x",
    "+1",
    "@cmd",
    "'=already quoted",
    "''-twice",
    "'plain",
    "rock 'n' roll",
    'a, b and "c"',
    "two\nlines",
    "Zoë → Ærø",
]


@pytest.mark.parametrize("cell", TRICKY_CELLS)
def test_tricky_text_round_trips_and_is_formula_safe_in_the_zip(cell):
    quoted = '"' + cell.replace('"', '""') + '"'
    skills = ("planning", "risk", "coaching", "cloud", "security")
    lines = ["skill_id,name,category,description,=notes"]
    lines += [f"{skill},Name,cat,{quoted},{quoted}" for skill in skills]
    files = {**mini_files(), "skills.csv": "\n".join(lines).encode("utf-8")}
    # The reader takes one leading "'" off formula-like text, so load what the user means.
    original = parse_dataset(files)
    exported = dataset_zip(original)
    for row in records(entries(exported)["skills.csv"]):
        assert not any(value.startswith(FORMULA_PREFIXES) for value in row), row
    back = round_trip(original)
    assert_same_tables(original, back)
    assert "=notes" in back.skills.columns


def test_ratings_defaults_and_blank_industries_are_written_as_the_contract_says():
    exported = entries(dataset_zip(parse_dataset(mini_files())))
    roles = records(exported["roles.csv"])
    assert [row[roles[0].index("default")] for row in roles[1:]] == ["yes", "yes", "no"]
    role_skills = records(exported["role_skills.csv"])
    assert role_skills[1] == ["delivery_lead", "planning", "5", "", "handbook"]


def test_the_same_dataset_gives_the_same_zip_bytes():
    first = dataset_zip(parse_dataset(mini_files()))
    assert first == dataset_zip(load_dataset(MINI))
    assert first == dataset_zip(round_trip(parse_dataset(mini_files())))
    changed = with_line(mini_files(), "skills.csv", 2, "planning,Planning,methodology,Plans.")
    assert dataset_zip(parse_dataset(changed)) != first


def test_zip_entries_are_sorted_with_fixed_metadata():
    with zipfile.ZipFile(io.BytesIO(dataset_zip(parse_dataset(mini_files())))) as opened:
        infos = opened.infolist()
    assert [info.filename for info in infos] == sorted(FILES)
    assert {info.date_time for info in infos} == {archive.ZIP_TIMESTAMP}
    assert {info.compress_type for info in infos} == {zipfile.ZIP_DEFLATED}


# --- the reader undoes exactly the export's prefix ---------------------------------------------

# (cell as written in the CSV, value loaded)
READ_BACK = [
    ("'=SUM(A1)", "=SUM(A1)"),
    ("'+1", "+1"),
    ("'-x", "-x"),
    ("'@cmd", "@cmd"),
    ("'''=x", "''=x"),
    ("=SUM(A1)", "=SUM(A1)"),
    ("'plain", "'plain"),
    ("'", "'"),
    ("rock 'n' roll", "rock 'n' roll"),
    ("  '=x  ", "=x"),
]


@pytest.mark.parametrize(("written", "loaded"), READ_BACK)
def test_reader_removes_one_quote_before_formula_text_only(written, loaded):
    files = with_line(mini_files(), "skills.csv", 2, f'planning,Planning,methodology,"{written}"')
    assert parse_dataset(files).skills.iloc[0]["description"] == loaded


# --- the upload functions ----------------------------------------------------------------------


def test_files_from_zip_keys_files_by_contract_name_and_notes_the_rest():
    data = dataset_zip(parse_dataset(mini_files()))
    data_with_note = _appended(data, "Notes.TXT", b"hello")
    found = files_from_zip(data_with_note, UploadLimits())
    assert isinstance(found, UploadedFiles)
    assert sorted(found.files) == sorted(FILES)
    assert found.notes == ("Notes.TXT is not a file of the data contract; it was ignored.",)


def test_files_from_zip_names_the_archive_it_refuses():
    with pytest.raises(DatasetError) as raised:
        files_from_zip(b"not a zip", name="mine.zip")
    assert raised.value.problems[0].file == "mine.zip"


def test_files_from_uploads_expands_zips_beside_csv_files_and_never_changes_its_input():
    mini = mini_files()
    zipped = archive._zip_bytes({name: mini[name] for name in ("roles.csv", "skills.csv")})
    uploads = [("part.zip", zipped), ("ROLE_SKILLS.csv", mini["role_skills.csv"])]
    snapshot = list(uploads)
    found = files_from_uploads(uploads)
    assert found.files == {
        name: mini[name] for name in ("roles.csv", "skills.csv", "role_skills.csv")
    }
    assert uploads == snapshot


def test_upload_notes_come_before_the_readers_notes():
    mini = mini_files()
    uploads = [
        *((name, data) for name, data in mini.items() if name != "industries.csv"),
        ("industries.csv", mini["industries.csv"].replace(b",", b";")),
        ("readme.md", b"# hi"),
    ]
    assert load_upload(uploads).notes == (
        "readme.md is not a file of the data contract; it was ignored.",
        "industries.csv is separated by semicolons; it was read that way.",
    )


def test_an_uploaded_dataset_has_the_same_fingerprint_as_the_same_files_on_disk():
    assert load_upload(list(mini_files().items())).fingerprint == load_dataset(MINI).fingerprint


# --- memory and disk ---------------------------------------------------------------------------


class EndlessZeros(io.RawIOBase):
    """A stream that never ends, counting what it handed out."""

    def __init__(self) -> None:
        self.given = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        assert size >= 0, "an unbounded read would never return"
        self.given += size
        return bytes(size)


def test_reading_stops_at_the_cap_even_if_an_entry_holds_more_than_it_declares(monkeypatch):
    # CPython's zipfile already stops at the declared size; this proves the module does not
    # rely on that: an entry that never ends is refused after at most the cap plus one byte.
    stream = EndlessZeros()
    zipped_mini = archive._zip_bytes(mini_files())
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda self, info, *args, **kwargs: stream)
    limits = UploadLimits(table=Limits(max_file_bytes=10 * archive.READ_CHUNK_BYTES))
    with pytest.raises(DatasetError) as raised:
        load_upload([("mini.zip", zipped_mini)], limits)
    assert raised.value.problems == (
        Problem(
            "certifications.csv",
            None,
            None,
            "this entry holds more than the zip declares, as zip bombs do, "
            "so the whole zip was refused",
        ),
    )
    assert stream.given == 10 * archive.READ_CHUNK_BYTES + 1


def test_nothing_touches_the_file_system(tmp_path, monkeypatch):
    zipped_mini = archive._zip_bytes(mini_files())
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    opened: list[object] = []

    def refuse(path, *args, **kwargs):
        opened.append(path)
        raise AssertionError(f"the archive module opened {path!r}")

    monkeypatch.setattr(builtins, "open", refuse)
    monkeypatch.setattr(io, "open", refuse)
    monkeypatch.setattr(os, "open", refuse)
    dataset = load_upload([("mini.zip", zipped_mini)])
    dataset_zip(dataset)
    template_zip()
    with pytest.raises(DatasetError):
        load_upload([("evil.zip", archive._zip_bytes({"../../x.csv": b"x"}))])
    monkeypatch.undo()
    assert opened == []
    assert list(tmp_path.iterdir()) == []


def _appended(data: bytes, name: str, content: bytes) -> bytes:
    buffer = io.BytesIO(data)
    with zipfile.ZipFile(buffer, "a") as opened:
        opened.writestr(name, content)
    return buffer.getvalue()
