"""Upload intake: zips and CSV files read in memory, what is kept, noted, refused; no disk."""

from __future__ import annotations

import builtins
import io
import os
import tempfile
import zipfile

import pytest

from dashboard.core.contract import FILES
from dashboard.core.dataset import load_dataset, parse_dataset
from dashboard.core.dataset_zip import dataset_zip, zip_bytes
from dashboard.core.intake import (
    READ_CHUNK_BYTES,
    UploadedFiles,
    UploadLimits,
    files_from_uploads,
    files_from_zip,
    load_upload,
)
from dashboard.core.problems import DatasetError, Problem
from dashboard.core.reader import Limits
from tests.support import MINI, mini_files


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
    zipped = zip_bytes({name: mini[name] for name in ("roles.csv", "skills.csv")})
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
    zipped_mini = zip_bytes(mini_files())
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda self, info, *args, **kwargs: stream)
    limits = UploadLimits(table=Limits(max_file_bytes=10 * READ_CHUNK_BYTES))
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
    assert stream.given == 10 * READ_CHUNK_BYTES + 1


def test_nothing_touches_the_file_system(tmp_path, monkeypatch):
    zipped_mini = zip_bytes(mini_files())
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    opened: list[object] = []

    def refuse(path, *args, **kwargs):
        opened.append(path)
        raise AssertionError(f"the upload opened {path!r}")

    monkeypatch.setattr(builtins, "open", refuse)
    monkeypatch.setattr(io, "open", refuse)
    monkeypatch.setattr(os, "open", refuse)
    dataset = load_upload([("mini.zip", zipped_mini)])
    dataset_zip(dataset)
    with pytest.raises(DatasetError):
        load_upload([("evil.zip", zip_bytes({"../../x.csv": b"x"}))])
    monkeypatch.undo()
    assert opened == []
    assert list(tmp_path.iterdir()) == []


def _appended(data: bytes, name: str, content: bytes) -> bytes:
    buffer = io.BytesIO(data)
    with zipfile.ZipFile(buffer, "a") as opened:
        opened.writestr(name, content)
    return buffer.getvalue()
