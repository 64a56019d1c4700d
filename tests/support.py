"""Helpers the test modules share: the test datasets as files, zips of them read back, and
expected values computed from the CSV files by hand (the csv module, never the app's loader).

Not a test module: fixtures live in conftest.py, and these plain helpers beside them, so that no
test module imports another.
"""

from __future__ import annotations

import csv
import io
import shutil
import zipfile
from pathlib import Path

import pandas as pd

from dashboard.core.contract import CONTRACT
from dashboard.core.dataset import Dataset

ROOT = Path(__file__).resolve().parents[1]
MINI = Path(__file__).parent / "fixtures" / "mini"
# Four roles whose ratings make the finder's rankings easy to work out by hand (see test_fit).
FINDER = Path(__file__).parent / "fixtures" / "finder"
SHIPPED = ROOT / "datasets"


def mini_files() -> dict[str, bytes]:
    """The mini fixture as {file name: bytes}, a fresh copy each call."""
    return {spec.file: (MINI / spec.file).read_bytes() for spec in CONTRACT}


def with_line(files: dict[str, bytes], file: str, line: int, text: str) -> dict[str, bytes]:
    """A copy of files where line `line` (1 = header) of `file` is replaced by `text`."""
    lines = files[file].decode("utf-8").splitlines()
    lines[line - 1] = text
    return {**files, file: ("\n".join(lines) + "\n").encode("utf-8")}


def zip_entries(data: bytes) -> dict[str, bytes]:
    """A zip's entries by name."""
    with zipfile.ZipFile(io.BytesIO(data)) as opened:
        return {info.filename: opened.read(info) for info in opened.infolist()}


def csv_records(data: bytes) -> list[list[str]]:
    """A CSV file's rows (header first), read with the csv module."""
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def assert_same_tables(a: Dataset, b: Dataset) -> None:
    """Every contract table of a equals b's (row numbers aside)."""
    for spec in CONTRACT:
        pd.testing.assert_frame_equal(
            a.table(spec.table).reset_index(drop=True),
            b.table(spec.table).reset_index(drop=True),
            obj=spec.file,
        )


# --- expected values, computed from the CSV files by hand -----------------------------------


def read_csv(name: str, folder: Path = MINI) -> list[dict[str, str]]:
    """A dataset file's rows as dicts of text, read with the csv module."""
    with (folder / name).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def names(file: str, key: str, folder: Path = MINI) -> dict[str, str]:
    """id -> name from a catalogue file (roles.csv, skills.csv, ...)."""
    return {row[key]: row["name"] for row in read_csv(file, folder)}


def _effective(
    file: str, key: str, value: str, role_id: str, industry_id: str, folder: Path
) -> dict[str, str]:
    """One role's values of a link file in an industry: its general rows, then the industry's
    own rows replacing or adding to them (the override rule, applied by hand)."""
    rows = [row for row in read_csv(file, folder) if row["role_id"] == role_id]
    held = {row[key]: row[value] for row in rows if not row["industry_id"]}
    for row in rows:
        if industry_id and row["industry_id"] == industry_id:
            held[row[key]] = row[value]
    return held


def effective_importance(role_id: str, industry_id: str, folder: Path = MINI) -> dict[str, int]:
    """A role's skill ratings in an industry, the override rule applied by hand."""
    ratings = _effective("role_skills.csv", "skill_id", "importance", role_id, industry_id, folder)
    return {skill: int(level) for skill, level in ratings.items()}


def copy_dataset(tmp_path: Path, source: Path = MINI) -> Path:
    """A writable copy of a dataset folder."""
    target = tmp_path / "dataset"
    shutil.copytree(source, target)
    return target


def hand_jaccard(a: dict[str, int], b: dict[str, int]) -> float:
    """Weighted Jaccard by the definition: sum of minima over sum of maxima."""
    skills = a.keys() | b.keys()
    low = sum(min(a.get(s, 0), b.get(s, 0)) for s in skills)
    high = sum(max(a.get(s, 0), b.get(s, 0)) for s in skills)
    return low / high if high else 0.0


def effective_duties(role_id: str, industry_id: str, folder: Path = MINI) -> dict[str, str]:
    """A role's responsibilities (id -> emphasis) in an industry, the override applied by hand."""
    return _effective(
        "role_responsibilities.csv", "responsibility_id", "emphasis", role_id, industry_id, folder
    )


def effective_relevance(role_id: str, industry_id: str, folder: Path = MINI) -> dict[str, str]:
    """A role's certifications (id -> relevance) in an industry, the override applied by hand."""
    return _effective(
        "role_certifications.csv", "cert_id", "relevance", role_id, industry_id, folder
    )
