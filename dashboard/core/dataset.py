"""Load a role dataset (a folder, or a set of uploaded files) into validated tables."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from types import MappingProxyType

import pandas as pd

from dashboard.core.contract import (
    CONTRACT,
    DEFAULT,
    DEFAULT_ROLE_COUNT,
    INDUSTRY_ID,
    NAME,
    RESPONSIBILITIES_TABLE,
    RESPONSIBILITY_ID,
    ROLE_ID,
    Rule,
    TableSpec,
)
from dashboard.core.labels import lookalike_notes, unique_labels
from dashboard.core.legacy import (
    LEGACY_RESPONSIBILITIES,
    converted_responsibilities,
    is_legacy_responsibilities,
)
from dashboard.core.problems import DatasetError, Problem
from dashboard.core.reader import Limits, read_table
from dashboard.core.validation import validate_table

SHIPPED_DATASET = Path(__file__).resolve().parents[2] / "datasets"


@dataclass(frozen=True, eq=False)
class Dataset:
    """The contract tables of one validated dataset, plus what identifies its content."""

    roles: pd.DataFrame
    skills: pd.DataFrame
    role_skills: pd.DataFrame
    responsibilities: pd.DataFrame
    role_responsibilities: pd.DataFrame
    certifications: pd.DataFrame
    role_certifications: pd.DataFrame
    industries: pd.DataFrame
    role_industries: pd.DataFrame
    role_titles: pd.DataFrame
    sources: pd.DataFrame
    fingerprint: str
    notes: tuple[str, ...] = ()

    def table(self, name: str) -> pd.DataFrame:
        """One table by its contract name (e.g. 'role_skills')."""
        return getattr(self, name)

    @cached_property
    def default_role_ids(self) -> tuple[str, ...]:
        """Roles marked default = yes, or the first five when none is."""
        marked = self.roles.loc[self.roles[DEFAULT], ROLE_ID].tolist()
        return tuple(marked or self.roles[ROLE_ID].head(DEFAULT_ROLE_COUNT).tolist())

    # Cached (a page asks for the names dozens of times a run; with 3,000 roles each build
    # costs milliseconds) and read-only, so that no caller can change them for the others.
    @cached_property
    def role_names(self) -> Mapping[str, str]:
        """role_id -> display label, in file order: the name, with "(role_id)" added wherever
        two names would look the same (dashboard.core.labels)."""
        labels = unique_labels(self.roles[ROLE_ID].tolist(), self.roles[NAME].tolist())
        return MappingProxyType(labels)

    @cached_property
    def industry_names(self) -> Mapping[str, str]:
        """industry_id -> display name, in file order."""
        return MappingProxyType(
            dict(zip(self.industries[INDUSTRY_ID], self.industries[NAME], strict=True))
        )


def load_dataset(folder: str | Path, limits: Limits | None = None) -> Dataset:
    """Read and validate the contract's CSV files in a folder (other files are ignored)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise DatasetError([Problem(str(folder), None, None, "this folder does not exist")])
    files = {
        spec.file: (folder / spec.file).read_bytes()
        for spec in CONTRACT
        if (folder / spec.file).is_file()
    }
    return parse_dataset(files, limits)


def parse_dataset(files: Mapping[str, bytes], limits: Limits | None = None) -> Dataset:
    """Validate a dataset given as {file name: bytes}; raise DatasetError listing every problem."""
    limits = limits or Limits()
    problems: list[Problem] = []
    notes: list[str] = []
    frames: dict[str, pd.DataFrame] = {}
    # Tables absent from the upload count as empty for references; broken ones are left out so
    # that one bad file does not bury the real problems under a cascade of "unknown id".
    known_ids: dict[str, frozenset[str]] = {}

    for spec in CONTRACT:
        data = files.get(spec.file)
        if spec.table in frames:  # filled in from an older form of another file
            continue
        if data is None:
            if spec.required:
                problems.append(
                    Problem(spec.file, None, None, "the file is missing; every dataset needs it")
                )
            else:
                frames[spec.table] = _empty_frame(spec)
                if spec.key:
                    known_ids[spec.table] = frozenset()
            continue
        read = read_table(spec.file, data, spec.required_column_names, limits)
        if (
            spec is RESPONSIBILITIES_TABLE
            and read.frame is None
            and is_legacy_responsibilities(list(read.header), set(files))
        ):
            legacy = _legacy_responsibilities(data, limits, known_ids)
            problems.extend(legacy.problems)
            notes.extend(legacy.notes)
            frames.update(legacy.frames)
            if legacy.frames:
                known_ids["responsibilities"] = frozenset(
                    legacy.frames["responsibilities"][RESPONSIBILITY_ID]
                )
            continue
        problems.extend(read.problems)
        notes.extend(read.notes)
        if read.frame is None:
            continue
        read_frame = _with_optional_columns(spec, read.frame)
        if spec.required and read_frame.empty:
            problems.append(
                Problem(spec.file, None, None, "the file has a header but no rows; add one or more")
            )
        table_problems = validate_table(spec, read_frame, known_ids)
        problems.extend(table_problems)
        frames[spec.table] = read_frame
        if spec.key:
            known_ids[spec.table] = frozenset(read_frame[spec.key])

    if problems:
        raise DatasetError(problems)
    typed = {spec.table: _typed(spec, frames[spec.table]) for spec in CONTRACT}
    roles = typed["roles"]
    notes.extend(lookalike_notes(roles[ROLE_ID].tolist(), roles[NAME].tolist()))
    return Dataset(**typed, fingerprint=fingerprint(files), notes=tuple(notes))


@dataclass(frozen=True)
class _Converted:
    """What reading a file in an older form gave: its tables in the current form, or problems."""

    frames: dict[str, pd.DataFrame]
    problems: tuple[Problem, ...]
    notes: tuple[str, ...]


def _legacy_responsibilities(
    data: bytes, limits: Limits, known_ids: Mapping[str, frozenset[str]]
) -> _Converted:
    """An old one-row-per-duty responsibilities.csv, checked by its own rules, then converted."""
    spec = LEGACY_RESPONSIBILITIES
    read = read_table(spec.file, data, spec.column_names, limits)
    if read.frame is None:
        return _Converted({}, read.problems, read.notes)
    problems = validate_table(spec, read.frame, known_ids)
    if problems:
        return _Converted({}, tuple(problems), read.notes)
    catalogue, links, note = converted_responsibilities(read.frame)
    frames = {"responsibilities": catalogue, "role_responsibilities": links}
    return _Converted(frames, (), (*read.notes, note))


def _with_optional_columns(spec: TableSpec, frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with every optional contract column it lacks added as blank cells."""
    absent = [column for column in spec.column_names if column not in frame.columns]
    if not absent:
        return frame
    return frame.assign(**dict.fromkeys(absent, "")).astype(dict.fromkeys(absent, "str"))


def fingerprint(files: Mapping[str, bytes]) -> str:
    """A digest of the contract files' content: equal content, equal fingerprint."""
    digest = hashlib.sha256()
    for name in sorted(files):
        if name in {spec.file for spec in CONTRACT}:
            digest.update(name.encode() + b"\0" + hashlib.sha256(files[name]).digest())
    return digest.hexdigest()[:16]


def _empty_frame(spec: TableSpec) -> pd.DataFrame:
    return pd.DataFrame(
        {name: pd.Series(dtype=str) for name in spec.column_names},
        index=pd.Index([], dtype="int64", name="row"),
    )


def _typed(spec: TableSpec, frame: pd.DataFrame) -> pd.DataFrame:
    """Give validated text cells their real types (ratings as integers, choices lower-case)."""
    typed = frame.copy()
    for column in spec.columns:
        if column.rule is Rule.RATING:
            typed[column.name] = typed[column.name].astype("int64")
        elif column.rule is Rule.CHOICE:
            typed[column.name] = typed[column.name].str.lower()
    if spec.table == "roles":
        typed[DEFAULT] = typed[DEFAULT] == "yes"
    return typed
