"""The dataset template: every contract file with its header and one example row, a README."""

from __future__ import annotations

import builtins
import io
from pathlib import Path

import pytest

from dashboard.core.contract import CONTRACT, FILES
from dashboard.core.intake import load_upload
from dashboard.core.template import TEMPLATE_FOLDER, template_zip
from tests.support import csv_records, zip_entries


def test_template_holds_every_contract_file_and_a_readme():
    assert sorted(zip_entries(template_zip())) == sorted([*FILES, "README.txt"])


@pytest.mark.parametrize("spec", CONTRACT, ids=lambda spec: spec.file)
def test_template_file_has_the_contract_header_and_one_example_row(spec):
    header, *rows = csv_records(zip_entries(template_zip())[spec.file])
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
    readme = zip_entries(template_zip())["README.txt"].decode("utf-8")
    assert "Data dictionary page" in readme and "datasets/README.md" in readme
    assert all(spec.file in readme for spec in CONTRACT if spec.required)
    assert "20 MB" in readme and "100 MB" in readme and "100 entries" in readme


def test_the_template_reads_only_its_own_folder(monkeypatch):
    opened: list[Path] = []
    real_open = io.open

    def recording_open(path, *args, **kwargs):
        opened.append(Path(path).resolve())
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", recording_open)
    monkeypatch.setattr(io, "open", recording_open)
    template_zip()
    monkeypatch.undo()
    assert opened and all(path.parent == TEMPLATE_FOLDER for path in opened)
