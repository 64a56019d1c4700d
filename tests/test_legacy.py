"""Older forms of the contract still load: responsibilities written one row per role and duty."""

from __future__ import annotations

import pytest

from dashboard.core.dataset import parse_dataset
from dashboard.core.problems import DatasetError
from tests.support import mini_files

OLD_HEADER = "role_id,responsibility,area,emphasis,industry_id,source"
OLD_ROWS = [
    "delivery_lead,Plan releases,planning,core,,handbook",
    "delivery_lead,Report progress to sponsors,stakeholders,supporting,,handbook",
    "scrum_master,plan releases ,delivery,supporting,,handbook",
    "platform_architect,Set technical direction,technical,core,,handbook",
    "delivery_lead,Keep regulators informed,risk,core,banking,handbook",
]


def old_form(*rows: str) -> dict[str, bytes]:
    """The mini dataset with responsibilities.csv in the old form and no role_responsibilities."""
    files = {
        name: data for name, data in mini_files().items() if name != "role_responsibilities.csv"
    }
    return {**files, "responsibilities.csv": "\n".join([OLD_HEADER, *rows]).encode()}


def test_an_old_form_file_loads_as_a_catalogue_with_a_note():
    dataset = parse_dataset(old_form(*OLD_ROWS))
    catalogue = dataset.responsibilities.set_index("responsibility_id")
    # Four distinct wordings (case and spaces aside): "Plan releases" is one duty for two roles.
    assert catalogue["name"].tolist() == [
        "Plan releases",
        "Report progress to sponsors",
        "Set technical direction",
        "Keep regulators informed",
    ]
    assert catalogue.index.tolist() == ["r001", "r002", "r003", "r004"]
    links = dataset.role_responsibilities
    shared = links[links["responsibility_id"] == "r001"]
    assert dict(zip(shared["role_id"], shared["emphasis"], strict=True)) == {
        "delivery_lead": "core",
        "scrum_master": "supporting",
    }
    assert links.loc[links["responsibility_id"] == "r004", "industry_id"].tolist() == ["banking"]
    assert any("older form" in note and "4 distinct duties" in note for note in dataset.notes)


def test_a_problem_in_an_old_form_file_names_its_own_row_and_column():
    rows = [*OLD_ROWS[:2], "scrum_master,Facilitate events,process,main,,handbook"]
    with pytest.raises(DatasetError) as raised:
        parse_dataset(old_form(*rows))
    assert [str(problem) for problem in raised.value.problems] == [
        "responsibilities.csv row 4, column emphasis: 'main' is not one of: core, supporting"
    ]


def test_repeated_old_form_rows_are_left_out_and_counted():
    dataset = parse_dataset(
        old_form(*OLD_ROWS, "delivery_lead,Plan Releases,planning,core,,handbook")
    )
    assert len(dataset.role_responsibilities) == len(OLD_ROWS)
    assert any("1 repeated rows were left out" in note for note in dataset.notes)


def test_the_current_form_is_not_taken_for_the_old_one():
    assert not any("older form" in note for note in parse_dataset(mini_files()).notes)
