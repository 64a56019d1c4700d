"""Problems are worded for the person fixing the file, and a long list is capped but counted."""

from __future__ import annotations

import pytest

from dashboard.core.dataset import parse_dataset
from dashboard.core.problems import MAX_LISTED_PROBLEMS, DatasetError, Problem
from tests.support import mini_files


def test_a_long_list_of_problems_is_capped_but_counted():
    bad_rows = "".join(f"delivery_lead,risk,bad{i},retail,handbook\n" for i in range(250))
    files = {**mini_files(), "role_skills.csv": mini_files()["role_skills.csv"] + bad_rows.encode()}
    with pytest.raises(DatasetError) as raised:
        parse_dataset(files)
    text = str(raised.value)
    assert len(raised.value.problems) > MAX_LISTED_PROBLEMS
    assert text.count("\n- ") == MAX_LISTED_PROBLEMS + 1
    assert f"… and {len(raised.value.problems) - MAX_LISTED_PROBLEMS} more" in text


def test_problem_wording_without_row_or_column():
    assert str(Problem("a.csv", None, None, "gone")) == "a.csv: gone"
    assert str(Problem("a.csv", None, "x", "gone")) == "a.csv column x: gone"
    assert str(Problem("a.csv", 3, None, "gone")) == "a.csv row 3: gone"
    assert str(Problem("a.csv", 3, "x", "gone")) == "a.csv row 3, column x: gone"
