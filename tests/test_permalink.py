"""Shareable links: parsing the URL into a selection (with notices) and writing it back."""

from __future__ import annotations

import pytest

from dashboard.core.comparison import Selection
from dashboard.core.dataset import load_dataset
from dashboard.core.permalink import Choices, choices_for, parse_selection, to_params
from tests.support import MINI

CHOICES = Choices(
    role_ids=("lead", "coach", "architect"),
    default_role_ids=("lead", "coach"),
    industry_ids=("banking", "retail"),
    categories=("methodology", "people", "technical"),
)
DEFAULT = Selection(role_ids=("lead", "coach"))


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, DEFAULT),
        ({"roles": "coach,architect"}, Selection(("coach", "architect"))),
        ({"roles": ["coach", "architect"]}, Selection(("coach", "architect"))),
        ({"roles": " Coach , LEAD "}, Selection(("coach", "lead"))),
        ({"roles": "coach,coach,lead"}, Selection(("coach", "lead"))),
        ({"roles": "*"}, Selection(("lead", "coach", "architect"))),
        ({"roles": ""}, Selection(())),
        ({"industry": "banking"}, Selection(DEFAULT.role_ids, industry_id="banking")),
        ({"industry": ""}, DEFAULT),
        (
            {"categories": "people,technical"},
            Selection(DEFAULT.role_ids, categories=("people", "technical")),
        ),
        ({"min": "3"}, Selection(DEFAULT.role_ids, min_importance=3)),
        ({"min": "5"}, Selection(DEFAULT.role_ids, min_importance=5)),
        ({"diff": "1"}, Selection(DEFAULT.role_ids, differences_only=True)),
        ({"diff": "true"}, Selection(DEFAULT.role_ids, differences_only=True)),
        ({"diff": "0"}, DEFAULT),
        ({"min": ["2", "4"]}, Selection(DEFAULT.role_ids, min_importance=4)),
        # The Overlap page's open view: its own parameter, not part of the selection.
        ({"overlap_view": "Importance", "roles": "coach"}, Selection(("coach",))),
    ],
)
def test_valid_links_restore_the_selection_without_notices(params, expected):
    selection, notices = parse_selection(params, CHOICES)
    assert selection == expected
    assert notices == []


@pytest.mark.parametrize(
    ("params", "expected", "quoted"),
    [
        ({"roles": "coach,ghost"}, Selection(("coach",)), "ghost"),
        ({"roles": "ghost,phantom"}, DEFAULT, "phantom"),
        ({"industry": "mars"}, DEFAULT, "mars"),
        (
            {"categories": "people,magic"},
            Selection(DEFAULT.role_ids, categories=("people",)),
            "magic",
        ),
        ({"min": "9"}, DEFAULT, "9"),
        ({"min": "0"}, DEFAULT, "0"),
        ({"min": "three"}, DEFAULT, "three"),
        ({"min": "2.5"}, DEFAULT, "2.5"),
        ({"min": "٣"}, DEFAULT, "٣"),  # an Arabic-Indic digit: isdigit() but not a rating
        ({"diff": "maybe"}, DEFAULT, "maybe"),
        ({"colour": "red"}, DEFAULT, "colour"),
    ],
)
def test_malformed_values_are_ignored_with_a_notice_naming_them(params, expected, quoted):
    selection, notices = parse_selection(params, CHOICES)
    assert selection == expected
    assert notices
    assert any(quoted in notice for notice in notices)


def test_every_bad_part_of_one_link_gets_its_own_notice():
    params = {"roles": "ghost,lead", "industry": "mars", "min": "9", "diff": "x", "foo": "1"}
    selection, notices = parse_selection(params, CHOICES)
    assert selection == Selection(("lead",))
    assert len(notices) == 5


def test_a_hostile_link_gets_a_short_notice():
    params = {"roles": ",".join(f"ghost{i}" for i in range(1000)) + ",lead"}
    selection, notices = parse_selection(params, CHOICES)
    assert selection.role_ids == ("lead",)
    assert len(notices[0]) < 400
    assert "and 995 more" in notices[0]


@pytest.mark.parametrize(
    ("selection", "params"),
    [
        (DEFAULT, {"roles": "lead,coach"}),
        (Selection(("lead", "coach", "architect")), {"roles": "*"}),
        (Selection(("architect", "lead", "coach")), {"roles": "architect,lead,coach"}),
        (Selection(()), {"roles": ""}),
        (
            Selection(("coach", "architect"), "retail", ("people", "technical"), 4, True),
            {
                "roles": "coach,architect",
                "industry": "retail",
                "categories": "people,technical",
                "min": "4",
                "diff": "1",
            },
        ),
    ],
)
def test_to_params_writes_only_what_differs_from_the_defaults(selection, params):
    assert to_params(selection, CHOICES) == params


@pytest.mark.parametrize(
    "selection",
    [
        DEFAULT,
        Selection(()),
        Selection(("architect",), "banking"),
        Selection(("lead", "coach", "architect"), None, ("technical",), 2, True),
        Selection(("coach", "lead", "architect"), "retail", (), 5, False),
    ],
)
def test_a_written_link_reads_back_to_the_same_selection(selection):
    restored, notices = parse_selection(to_params(selection, CHOICES), CHOICES)
    assert restored == selection
    assert notices == []


def test_choices_come_from_the_dataset_in_file_order():
    choices = choices_for(load_dataset(MINI))
    assert choices.role_ids == ("delivery_lead", "scrum_master", "platform_architect")
    assert choices.default_role_ids == ("delivery_lead", "scrum_master")
    assert choices.industry_ids == ("banking", "retail")
    assert choices.categories == ("methodology", "people", "technical")
