"""The README's "Download columns" section names every column of every download, and nothing
that no download has; the kinds of key-difference statement it lists are the ones made."""

from __future__ import annotations

import datetime
import io
import re

import pandas as pd
import pytest

from dashboard.core import differences
from dashboard.core.comparison import Selection, comparison_long, comparison_wide
from dashboard.core.dataset import load_dataset
from dashboard.core.downloads import export_files
from tests.support import ROOT, SHIPPED

README = ROOT / "README.md"
SELECTION = Selection(("technical_program_manager", "program_manager"), "healthcare")


def documented() -> dict[str, set[str]]:
    """File kind -> the columns its table in the README names (in backticks, first column)."""
    text = README.read_text(encoding="utf-8")
    section = text.split("\n## Download columns\n", 1)[1].split("\n## ", 1)[0]
    tables: dict[str, set[str]] = {}
    for block in section.split("\n### ")[1:]:
        heading, body = block.split("\n", 1)
        kinds = re.findall(r"`([^`]+)`", heading)
        columns = set()
        for line in body.splitlines():
            if line.startswith("| `"):
                columns |= set(re.findall(r"`([^`]+)`", line.split("|")[1]))
        for kind in kinds:
            tables[kind] = columns
    return tables


def downloads() -> dict[str, pd.DataFrame]:
    """Every download of the shipped dataset for a two-role selection in an industry."""
    dataset = load_dataset(SHIPPED)
    long = comparison_long(dataset, SELECTION)
    wide = comparison_wide(long, dataset, list(SELECTION.role_ids))
    files = export_files(dataset, SELECTION, long, wide, datetime.date(2026, 11, 30))
    return {
        file.kind: pd.read_csv(io.BytesIO(file.build()), encoding="utf-8-sig", dtype=str)
        for file in files
    }


FILES = downloads()
ROLE_NAMES = set(load_dataset(SHIPPED).role_names.values())


@pytest.mark.parametrize("kind", sorted(FILES))
def test_the_readme_names_every_column_of_each_download(kind):
    tables = documented()
    assert kind in tables, f"README has no table for {kind}"
    columns = {column for column in FILES[kind].columns if column not in ROLE_NAMES}
    assert columns == tables[kind]


def test_the_readme_documents_no_download_that_does_not_exist():
    assert set(documented()) == set(FILES)


def test_the_readme_lists_the_kinds_of_statement_made():
    text = README.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith("| `kind` |"))
    kinds = {value for name, value in vars(differences).items() if name.startswith("KIND_")}
    assert set(re.findall(r"`(\w+)`", line)) - {"kind"} == kinds
