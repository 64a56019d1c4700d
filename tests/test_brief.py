"""The decision brief: its tables equal the Downloads page's CSV files, cell for cell, and it is
one page that prints a section a page."""

from __future__ import annotations

import datetime
import html

import pytest

from dashboard.core.brief import MAX_ROLES, BriefError, decision_brief
from dashboard.core.comparison import Selection, comparison_long, comparison_wide
from dashboard.core.dataset import load_dataset
from dashboard.core.downloads import (
    KIND_DIFFERENCES,
    KIND_SIMILARITY,
    KIND_WIDE,
    export_files,
)
from dashboard.core.html_document import html_text
from tests.documents import html_tables
from tests.support import SHIPPED, csv_records, effective_importance, hand_jaccard

DAY = datetime.date(2026, 12, 1)
SELECTIONS = {
    "mini, banking": (
        None,
        Selection(("delivery_lead", "scrum_master", "platform_architect"), "banking"),
    ),
    "shipped, healthcare": (
        SHIPPED,
        Selection(("project_manager", "agile_coach", "technical_lead"), "healthcare"),
    ),
    "shipped, filtered": (
        SHIPPED,
        Selection(
            ("technical_program_manager", "program_manager", "scrum_master"),
            "finance",
            categories=("Technical", "Leadership & people"),
            min_importance=3,
            differences_only=True,
        ),
    ),
}


def downloads(dataset, selection) -> dict[str, list[list[str]]]:
    """The Downloads page's CSV files for the selection, read back."""
    long = comparison_long(dataset, selection)
    wide = comparison_wide(long, dataset, selection.role_ids)
    files = export_files(dataset, selection, long, wide, DAY)
    return {file.kind: csv_records(file.build()) for file in files}


@pytest.fixture(params=list(SELECTIONS), ids=list(SELECTIONS))
def case(request, dataset):
    folder, selection = SELECTIONS[request.param]
    chosen = dataset if folder is None else load_dataset(folder)
    markup = html_text(decision_brief(chosen, selection, DAY))
    return chosen, selection, markup


def test_the_side_by_side_equals_the_comparison_csv(case):
    dataset, selection, markup = case
    tables = html_tables(markup)
    csv = downloads(dataset, selection)[KIND_WIDE]
    header, rows = csv[0], csv[1:]
    names = [dataset.role_names[role_id] for role_id in selection.role_ids]
    for section in ("responsibilities", "skills", "certifications"):
        expected = [row for row in rows if row[header.index("section")] == section]
        if not expected:
            assert section not in tables
            continue
        shown_header, *shown = tables[section]
        assert shown_header[2 : 2 + len(names)] == names
        assert [row[1] for row in shown] == [row[header.index("item")] for row in expected]
        for shown_row, csv_row in zip(shown, expected, strict=True):
            for position, name in enumerate(names):
                value = csv_row[header.index(name)]
                assert shown_row[2 + position] == (value or "—"), (section, name)
            specific = csv_row[header.index("industry_specific_for")]
            assert shown_row[2 + len(names)] == specific


def test_the_similarity_table_equals_the_similarity_csv(case):
    dataset, selection, markup = case
    shown_header, *shown = html_tables(markup)["similarity"]
    csv = downloads(dataset, selection)[KIND_SIMILARITY]
    assert shown_header[1:] == csv[0][1:]
    for shown_row, csv_row in zip(shown, csv[1:], strict=True):
        assert shown_row[0] == csv_row[0]
        assert [float(v) for v in shown_row[1:]] == [float(v) for v in csv_row[1:]]


def test_the_key_differences_are_the_key_differences_csv(case):
    dataset, selection, markup = case
    csv = downloads(dataset, selection)[KIND_DIFFERENCES]
    for statement in (row[0] for row in csv[1:]):
        escaped = html.escape(statement, quote=True)
        assert f"<li>{escaped} <sup" in markup or f"<li>{escaped}</li>" in markup


def test_the_mini_similarity_by_hand(dataset):
    selection = Selection(("delivery_lead", "scrum_master"), "banking")
    _, one, two = html_tables(html_text(decision_brief(dataset, selection, DAY)))["similarity"]
    # Similarity counts the ratings of 2 or more (1 is no evidence): by hand from role_skills.csv.
    lead = {k: v for k, v in effective_importance("delivery_lead", "banking").items() if v >= 2}
    master = {k: v for k, v in effective_importance("scrum_master", "banking").items() if v >= 2}
    assert float(one[2]) == pytest.approx(hand_jaccard(lead, master), abs=5e-4)
    assert float(two[1]) == float(one[2])


def test_the_brief_is_one_page_with_every_section_and_two_pictures(case):
    markup = case[2]
    for key in ("compared", "differences", "side-by-side", "similarity", "categories", "sources"):
        assert f'id="{key}"' in markup
    assert markup.count("<figure") == 2
    assert markup.count("<svg") == 2
    assert "<script" not in markup and "src=" not in markup


@pytest.mark.parametrize("count", [1, MAX_ROLES + 1])
def test_a_brief_needs_two_to_eight_roles(count):
    dataset = load_dataset(SHIPPED)
    roles = list(dataset.role_names)
    role_ids = tuple((roles * 2)[:count])
    with pytest.raises(BriefError, match=f"2 to {MAX_ROLES} roles"):
        decision_brief(dataset, Selection(role_ids), DAY)
