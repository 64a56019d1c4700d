"""Older forms of the data contract, still read: responsibilities written one file per role duty.

Until the shared responsibility catalogue, responsibilities.csv held one row per role and duty
(role_id, responsibility, area, emphasis, industry_id, source). A dataset in that form still
loads: its rows are checked against the old rules (so messages name the user's own file, row
and column), then each distinct duty becomes a catalogue item of its own and each row a
role_responsibilities row, with a note saying so.
"""

from __future__ import annotations

import pandas as pd

from dashboard.core.contract import (
    AREA,
    DESCRIPTION,
    DETAIL,
    EMPHASIS,
    EMPHASIS_LEVELS,
    INDUSTRY_ID,
    NAME,
    RESPONSIBILITIES_TABLE,
    RESPONSIBILITY,
    RESPONSIBILITY_ID,
    ROLE_ID,
    ROLE_RESPONSIBILITIES_TABLE,
    SOURCE,
    ColumnSpec,
    Rule,
    TableSpec,
)

LEGACY_RESPONSIBILITIES = TableSpec(
    "responsibilities",
    (
        ColumnSpec(ROLE_ID, Rule.REFERENCE, target="roles"),
        ColumnSpec(RESPONSIBILITY, Rule.NAME),
        ColumnSpec(AREA, Rule.NAME),
        ColumnSpec(EMPHASIS, Rule.CHOICE, choices=EMPHASIS_LEVELS),
        ColumnSpec(INDUSTRY_ID, Rule.OPTIONAL_REFERENCE, target="industries"),
        ColumnSpec(SOURCE, Rule.SOURCES),
    ),
    required=False,
)
# Ids given to the converted duties: r001, r002, ... in the order the file first names them.
_ID_FORMAT = "r{:03d}"


def is_legacy_responsibilities(header: list[str], files: set[str]) -> bool:
    """Whether a responsibilities.csv header is the old one-row-per-duty form (and no
    role_responsibilities.csv comes with it)."""
    names = set(header)
    return (
        ROLE_RESPONSIBILITIES_TABLE.file not in files
        and {ROLE_ID, RESPONSIBILITY} <= names
        and RESPONSIBILITY_ID not in names
    )


def converted_responsibilities(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, str]:
    """The catalogue and role_responsibilities tables of an old-form file, and the note.

    Rows worded the same (ignoring case and surrounding spaces) are one duty, as the comparison
    always treated them; a role that names a duty twice for the same industry keeps its first
    row.
    """
    wording = frame[RESPONSIBILITY].str.strip().str.casefold()
    first = ~wording.duplicated(keep="first")
    codes = pd.Series(pd.factorize(wording)[0], index=frame.index)
    ids = codes.map(lambda code: _ID_FORMAT.format(code + 1))
    catalogue = pd.DataFrame(
        {
            RESPONSIBILITY_ID: ids[first].to_numpy(),
            NAME: frame.loc[first, RESPONSIBILITY].to_numpy(),
            AREA: frame.loc[first, AREA].to_numpy(),
            DESCRIPTION: "",
        },
        index=frame.index[first],
    )
    links = pd.DataFrame(
        {
            ROLE_ID: frame[ROLE_ID],
            RESPONSIBILITY_ID: ids,
            EMPHASIS: frame[EMPHASIS],
            INDUSTRY_ID: frame[INDUSTRY_ID],
            SOURCE: frame[SOURCE],
            DETAIL: "",
        },
        index=frame.index,
    )
    repeated = links.duplicated(subset=[ROLE_ID, RESPONSIBILITY_ID, INDUSTRY_ID], keep="first")
    links = links[~repeated]
    catalogue = catalogue[list(RESPONSIBILITIES_TABLE.column_names)]
    links = links[list(ROLE_RESPONSIBILITIES_TABLE.column_names)]
    note = (
        f"responsibilities.csv is in the older form (one row per role and duty): its "
        f"{len(catalogue)} distinct duties became {len(catalogue)} catalogue items (r001, "
        "r002, …) shared by the roles that word them alike. The data dictionary describes the "
        "current form, where roles share one responsibility_id for the same duty."
    )
    if repeated.any():
        note += f" {int(repeated.sum())} repeated rows were left out."
    return catalogue, links, note
