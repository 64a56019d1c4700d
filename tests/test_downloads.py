"""The download files of a selection: names, and bytes checked against the CSVs by hand."""

from __future__ import annotations

import csv
import datetime
import io

import pytest

from dashboard.core.comparison import Selection, comparison_long, comparison_wide
from dashboard.core.downloads import export_files
from tests.support import effective_importance, hand_jaccard, names

ROLES = ("delivery_lead", "scrum_master")
ROLE_NAMES = ["Delivery Lead", "Scrum Master"]
DAY = datetime.date(2026, 3, 4)


def parse(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))


def test_downloads_are_named_and_built_from_the_selection(dataset):
    selection = Selection(ROLES, "banking")
    long = comparison_long(dataset, selection)
    wide = comparison_wide(long, dataset, ROLES)
    files = {file.kind: file for file in export_files(dataset, selection, long, wide, DAY)}
    assert {kind: file.file_name for kind, file in files.items()} == {
        "comparison": "comparison_delivery-lead_scrum-master_banking_2026-03-04.csv",
        "comparison-long": "comparison-long_delivery-lead_scrum-master_banking_2026-03-04.csv",
        "similarity": "similarity_delivery-lead_scrum-master_banking_2026-03-04.csv",
        "similarity-top-k": "similarity-top-k_all-3-roles_banking_2026-03-04.csv",
        "similarity-all-pairs": "similarity-all-pairs_all-3-roles_banking_2026-03-04.csv",
        "key-differences": "key-differences_delivery-lead_scrum-master_banking_2026-03-04.csv",
    }

    rows = parse(files["comparison"].build())
    header = rows[0]
    assert header[header.index("item") + 1 : header.index("item") + 3] == ROLE_NAMES
    risk = next(row for row in rows if row[header.index("item")] == "Risk management")
    assert risk[header.index("Delivery Lead")] == "5"
    # The last column names the roles whose value comes from the industry's own rows.
    assert header[-1] == "industry_specific_for"
    assert risk[-1] == "Delivery Lead"
    planning = next(row for row in rows if row[header.index("item")] == "Planning")
    assert planning[-1] == ""

    tidy = parse(files["comparison-long"].build())
    assert len(tidy) - 1 == len(long)
    applies = tidy[0].index("applies_to")
    item, role = tidy[0].index("item"), tidy[0].index("role")
    by_cell = {(row[item], row[role]): row[applies] for row in tidy[1:]}
    assert by_cell[("Risk management", "Delivery Lead")] == "Banking"
    assert by_cell[("Planning", "Delivery Lead")] == "all industries"

    summary = parse(files["key-differences"].build())
    assert summary[0] == ["statement", "kind", "roles", "sources"]
    assert summary[2][:3] == [
        "Scrum Master (team): Facilitates one Scrum team.",
        "scope",
        "Scrum Master",
    ]
    assert all(row[3] == "Test handbook (a made-up source for tests)" for row in summary[1:3])

    matrix = parse(files["similarity"].build())
    assert matrix[0] == ["role", *ROLE_NAMES]
    assert [row[0] for row in matrix[1:]] == ROLE_NAMES
    expected = hand_jaccard(
        effective_importance("delivery_lead", "banking"),
        effective_importance("scrum_master", "banking"),
    )
    assert float(matrix[1][2]) == pytest.approx(expected, abs=1e-3)

    # The all-roles exports cover every role of the dataset, not only the selected two.
    every = list(names("roles.csv", "role_id"))
    banking = {role: effective_importance(role, "banking") for role in every}
    top = parse(files["similarity-top-k"].build())
    assert top[0] == ["role", "similar_role", "similarity", "rank"]
    assert len(top) - 1 == len(every) * (len(every) - 1)  # top 10 of 2 others: both
    role_names = names("roles.csv", "role_id")
    by_name = {name: role for role, name in role_names.items()}
    for role, other, score, rank in top[1:]:
        hand = hand_jaccard(banking[by_name[role]], banking[by_name[other]])
        assert float(score) == pytest.approx(hand, abs=5e-4)
        assert rank in {"1", "2"}
    pairs = parse(files["similarity-all-pairs"].build())
    assert pairs[0] == ["role", *role_names.values()]
    assert float(pairs[1][3]) == pytest.approx(
        hand_jaccard(banking[every[0]], banking[every[2]]), abs=5e-4
    )
