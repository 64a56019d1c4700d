"""The edge-case dataset the fast comparison code is checked against its reference code on.

Not a test module: test_comparison, test_views and test_export all draw their cases from here.
"""

from __future__ import annotations

import pytest

from dashboard.core.comparison import Selection
from dashboard.core.dataset import Dataset, parse_dataset
from tests.support import mini_files

# The mini fixture plus the awkward cases: a role with no rows at all, a role that agrees with
# another one, one duty shared by three roles, the same duty twice for one role (general and a
# banking override), cells citing two sources, and extra industry overrides.
EXTRA_LINES = {
    "roles.csv": [
        "empty_role,Empty Role,ER,Rates nothing.,team,Any,None,none,none,no,handbook",
        "twin_lead,Twin Lead,TL,Like the delivery lead.,project,Any,None,none,none,no,handbook",
    ],
    "sources.csv": ["guide,A second made-up guide,Tests,https://example.org/guide,CC0"],
    "role_skills.csv": [
        "twin_lead,planning,5,,handbook",
        "twin_lead,risk,4,,guide",
        "twin_lead,coaching,2,,handbook;guide",
        "scrum_master,security,4,banking,guide",
    ],
    "role_responsibilities.csv": [
        "scrum_master,plan_releases,supporting,,handbook;guide",
        "delivery_lead,plan_releases,supporting,banking,guide",
        "twin_lead,plan_releases,core,,handbook",
        "twin_lead,report_progress,supporting,,guide;handbook",
    ],
    "role_certifications.csv": [
        "twin_lead,pmp,recommended,,guide",
        "platform_architect,csm,recommended,banking,guide;handbook",
    ],
}
EVERY_ROLE = ("scrum_master", "delivery_lead", "empty_role", "platform_architect", "twin_lead")


def edge_dataset() -> Dataset:
    """The mini dataset with EXTRA_LINES appended (validated like an upload)."""
    files = mini_files()
    for file, lines in EXTRA_LINES.items():
        text = files[file].decode("utf-8").rstrip("\n") + "\n" + "\n".join(lines) + "\n"
        files[file] = text.encode("utf-8")
    return parse_dataset(files)


EDGE_SELECTIONS = [
    pytest.param(Selection(()), id="no-roles"),
    pytest.param(Selection(("empty_role",)), id="one-role-with-no-rows"),
    pytest.param(Selection(("empty_role", "platform_architect"), "banking"), id="one-empty"),
    pytest.param(Selection(("delivery_lead", "scrum_master")), id="two"),
    pytest.param(Selection(("delivery_lead", "scrum_master"), "banking"), id="two-banking"),
    pytest.param(Selection(("delivery_lead", "scrum_master"), "retail"), id="industry-no-rows"),
    pytest.param(Selection(("delivery_lead", "twin_lead")), id="twins"),
    pytest.param(Selection(("delivery_lead", "twin_lead"), "banking"), id="twins-banking"),
    pytest.param(Selection(EVERY_ROLE, "banking"), id="all-banking"),
    pytest.param(Selection(EVERY_ROLE, None, ("people",), 3), id="all-filtered"),
    pytest.param(Selection(("empty_role", "scrum_master"), None, ("technical",)), id="no-skills"),
]
