"""Check a table's cells against the contract, with pandera, and word each failure plainly.

Every cell rule is a named pandera check on text cells; a failure case (column, check name,
value, row) becomes a Problem through the message for that check name, so adding a rule means
adding one check and one sentence. Uniqueness (of an id column, or of a combination of columns)
is found with one `DataFrame.duplicated` pass instead: pandera reshapes every duplicate into its
failure table, which took seconds for a file of 100,000 duplicate rows.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
import pandera.pandas as pa

from dashboard.core.contract import (
    RATING_RANGE,
    SOURCE_SEPARATOR,
    TABLES,
    ColumnSpec,
    Rule,
    TableSpec,
)
from dashboard.core.problems import Problem
from dashboard.core.reader import invisible_characters

ID_PATTERN = r"[a-z0-9_]+"
# Unicode's bidirectional controls: invisible, they make text display in another order than it
# is stored (a name could read as another), so no name or id may hold one.
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BIDI_PATTERN = f"[{BIDI_CONTROLS}]"
URL_PATTERN = r"https?://\S+"
RATING_PATTERN = "[{}-{}]".format(*RATING_RANGE)

# What each table's ids are called in messages ("is not a role_id in roles.csv").
_KEY_LABEL = {spec.table: (spec.key, spec.file) for spec in TABLES.values() if spec.key}


def _blank(series: pd.Series) -> pd.Series:
    return series == ""


def _is_date(series: pd.Series) -> pd.Series:
    """Which cells are real calendar dates written YYYY-MM-DD."""
    written = series.str.fullmatch(r"\d{4}-\d{2}-\d{2}")
    parsed = pd.to_datetime(series.where(written), format="%Y-%m-%d", errors="coerce")
    return written & parsed.notna()


def _split_sources(series: pd.Series) -> pd.Series:
    """One row per cited id, indexed like the cell it came from."""
    parts = series.str.split(SOURCE_SEPARATOR).explode().str.strip()
    return parts[parts != ""]


def _column_checks(spec: ColumnSpec, known_ids: Mapping[str, frozenset[str]]) -> list[pa.Check]:
    """The named checks for one column; the name picks the message in _describe."""
    checks: list[pa.Check] = []
    rule = spec.rule
    if rule in (Rule.KEY, Rule.REFERENCE, Rule.NAME, Rule.LABEL):
        checks.append(pa.Check(lambda s: ~_blank(s), name="required"))
    if rule is Rule.KEY:
        checks.append(pa.Check(lambda s: _blank(s) | s.str.fullmatch(ID_PATTERN), name="id_format"))
    if rule in (Rule.NAME, Rule.LABEL):
        checks.append(pa.Check(lambda s: ~s.str.contains(_BIDI_PATTERN), name="bidi"))
    if rule is Rule.LABEL:
        checks.append(pa.Check(lambda s: ~s.str.contains(",", regex=False), name="comma"))
    if rule in (Rule.REFERENCE, Rule.OPTIONAL_REFERENCE):
        ids = known_ids.get(spec.target or "")
        if ids is not None:
            checks.append(pa.Check(lambda s, ids=ids: _blank(s) | s.isin(ids), name="reference"))
    if rule is Rule.RATING:
        checks.append(pa.Check(lambda s: s.str.fullmatch(RATING_PATTERN), name="rating"))
    if rule is Rule.CHOICE:
        allowed = set(spec.choices)
        checks.append(pa.Check(lambda s: s.str.lower().isin(allowed), name="choice"))
    if rule is Rule.URL:
        checks.append(pa.Check(lambda s: _blank(s) | s.str.fullmatch(URL_PATTERN), name="url"))
    if rule is Rule.DATE:
        checks.append(pa.Check(lambda s: _blank(s) | _is_date(s), name="date"))
    # As for other references: a sources.csv that did not load (None) is not checked against,
    # so its own problem is not buried under "unknown source" on every row; absent is empty.
    if rule is Rule.SOURCES and (ids := known_ids.get("sources")) is not None:

        def cites_known_sources(series: pd.Series, ids: frozenset[str] = ids) -> pd.Series:
            parts = _split_sources(series)
            unknown_rows = parts.index[~parts.isin(ids)]
            return pd.Series(~series.index.isin(unknown_rows), index=series.index)

        checks.append(pa.Check(cites_known_sources, name="sources"))
    return checks


def table_schema(spec: TableSpec, known_ids: Mapping[str, frozenset[str]]) -> pa.DataFrameSchema:
    """The pandera schema of one contract table, given the ids other tables define."""
    columns = {
        column.name: pa.Column(checks=_column_checks(column, known_ids)) for column in spec.columns
    }
    return pa.DataFrameSchema(
        columns,
        strict=False,  # extra columns are allowed and kept
        coerce=False,
    )


def validate_table(
    spec: TableSpec, frame: pd.DataFrame, known_ids: Mapping[str, frozenset[str]]
) -> list[Problem]:
    """Every problem in one table's cells, in row order."""
    problems = _duplicates(spec, frame)
    try:
        table_schema(spec, known_ids).validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        problems += _problems_from_failures(spec, frame, errors.failure_cases, known_ids)
    return sorted(problems, key=lambda p: (p.row or 0, p.column or "", p.message))


def _problems_from_failures(
    spec: TableSpec,
    frame: pd.DataFrame,
    failures: pd.DataFrame,
    known_ids: Mapping[str, frozenset[str]],
) -> list[Problem]:
    """One Problem per failed cell, worded by _describe.

    Failures are handled a (check, column) group at a time with array lookups: a pandas lookup
    per failure case costs a millisecond, minutes for a file that is wrong on every row.
    """
    problems: set[Problem] = set()
    columns = {column.name: column for column in spec.columns}
    rows = pd.to_numeric(failures["index"], errors="coerce")
    pinned = rows.notna() & failures["column"].astype(str).isin(columns)
    for failure, row in zip(failures[~pinned].itertuples(), rows[~pinned], strict=True):
        # A failure pandera could not pin to a contract column and row: say it as it is.
        where = None if pd.isna(row) else int(row)
        problems.add(Problem(spec.file, where, None, f"{failure.check}: {failure.failure_case}"))
    cells = failures[pinned].assign(index=rows[pinned].astype("int64"))
    for (check, name), group in cells.groupby(["check", "column"], sort=False):
        column = columns[str(name)]
        row_numbers = group["index"].unique()
        values = frame[column.name].to_numpy(dtype=object)[frame.index.get_indexer(row_numbers)]
        for row, value in zip(row_numbers, values, strict=True):
            message = _describe(str(check), column, value, known_ids)
            problems.add(Problem(spec.file, int(row), column.name, message))
    return list(problems)


def _duplicates(spec: TableSpec, frame: pd.DataFrame) -> list[Problem]:
    """Each row that repeats an id, or a unique_together combination, of an earlier row."""
    problems = []
    for column in spec.columns:
        if column.rule is Rule.KEY and column.name in frame:
            for row, values, first in _repeats(frame, (column.name,)):
                problems.append(
                    Problem(
                        spec.file,
                        row,
                        column.name,
                        f"'{values[0]}' is already used on row {first}; "
                        f"each {column.name} must be unique",
                    )
                )
    key = spec.unique_together
    if key and all(column in frame for column in key):
        for row, values, first in _repeats(frame, key):
            described = ", ".join(
                f"{column} '{value}'" if value else f"{column} blank"
                for column, value in zip(key, values, strict=True)
            )
            problems.append(
                Problem(
                    spec.file,
                    row,
                    None,
                    f"the same {described} is already on row {first}; keep one row per combination",
                )
            )
    return problems


def _repeats(
    frame: pd.DataFrame, columns: tuple[str, ...]
) -> list[tuple[int, tuple[str, ...], int]]:
    """(row, its values, the row where those values first appear) for every repeating row."""
    subset = list(columns)
    repeated = frame.duplicated(subset=subset, keep=False).to_numpy()
    if not repeated.any():
        return []
    involved = frame.loc[repeated, subset]
    rows = involved.index.to_numpy(dtype=np.int64)
    codes = involved.groupby(subset, sort=False, dropna=False).ngroup().to_numpy()
    # Rows are in file order, so each group's first member is where its values first appear.
    first_of_code = np.full(codes.max() + 1, -1, dtype=np.int64)
    first_of_code[codes[::-1]] = rows[::-1]
    later = rows != first_of_code[codes]
    values = [involved[column].to_numpy(dtype=object)[later] for column in subset]
    return [
        (int(row), tuple(str(v[i]) for v in values), int(first))
        for i, (row, first) in enumerate(zip(rows[later], first_of_code[codes][later], strict=True))
    ]


def _describe(
    check: str, column: ColumnSpec, value: str, known_ids: Mapping[str, frozenset[str]]
) -> str:
    """The sentence a hiring coordinator reads for one failed cell."""
    if check == "required":
        return f"the cell is blank; every row needs a {column.name}"
    hidden = invisible_characters(value)
    holds = f"it holds the invisible character {', '.join(hidden)}; " if hidden else ""
    if check == "id_format":
        return (
            f"'{value}' is not a valid id: {holds}use only lowercase letters, digits and _ "
            "(for example project_manager)"
        )
    if check == "bidi":
        controls = [name for name in hidden if chr(int(name[2:6], 16)) in BIDI_CONTROLS]
        return (
            f"the text holds the direction control {', '.join(controls)}, which makes it "
            "display in a different order than it is written; remove it"
        )
    if check == "comma":
        return (
            f"'{value}' holds a comma, which the page's link uses to separate values; "
            "write 'and' or '&' instead"
        )
    if check == "reference":
        key, file = _KEY_LABEL[column.target or ""]
        if not known_ids.get(column.target or ""):
            return f"'{value}' is not listed in {file} (that file is missing or has no rows)"
        hint = f" ({holds.rstrip('; ')})" if hidden else ""
        return f"'{value}' is not listed in {file} (column {key}){hint}"
    if check == "rating":
        low, high = RATING_RANGE
        return f"'{value}' is not a whole number from {low} to {high}"
    if check == "choice":
        return f"'{value}' is not one of: " + ", ".join(column.choices)
    if check == "date":
        return f"'{value}' is not a date written YYYY-MM-DD (for example 2026-11-30)"
    if check == "url":
        return f"'{value}' is not a web address starting with http:// or https://"
    if check == "sources":
        known = known_ids.get("sources")
        cited = _split_sources(pd.Series([value]))
        unknown = [part for part in cited if known is None or part not in known]
        listed = ", ".join(f"'{part}'" for part in unknown)
        if not known:
            return f"cites {listed}, but the dataset has no sources.csv (or it has no rows)"
        return f"cites {listed}, which is not a source_id in sources.csv"
    return f"'{value}' fails the check {check}"
