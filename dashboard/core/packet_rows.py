"""What the hiring packet reads about one role in one industry: its effective rows (the
industry override applied) beside the catalogue rows they point to, in a fixed order."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from dashboard.core.contract import (
    CERT_ID,
    EMPHASIS,
    IMPORTANCE,
    INDUSTRY_ID,
    RELEVANCE,
    RESPONSIBILITY_ID,
    ROLE_ID,
    SKILL_ID,
)
from dashboard.core.dataset import Dataset
from dashboard.core.document import RowRef, row_ref
from dashboard.core.override import (
    effective_responsibilities,
    effective_role_certifications,
    effective_role_skills,
)

# A row of a table as a dict, column -> cell.
Row = dict[str, object]


@dataclass(frozen=True)
class RoleRows:
    """One role's rows in an industry (None: the general rows), keyed by item id."""

    dataset: Dataset
    role_id: str
    industry_id: str | None

    @cached_property
    def role(self) -> pd.Series:
        """The role's row of roles.csv."""
        roles = self.dataset.roles
        return roles[roles[ROLE_ID] == self.role_id].iloc[0]

    @cached_property
    def industry(self) -> pd.Series | None:
        """The industry's row of industries.csv (None: all industries)."""
        if not self.industry_id:
            return None
        industries = self.dataset.industries
        return industries[industries[INDUSTRY_ID] == self.industry_id].iloc[0]

    @cached_property
    def prevalence(self) -> pd.Series | None:
        """The role's row of role_industries.csv for the industry, if the dataset has one."""
        if not self.industry_id:
            return None
        rows = self.dataset.role_industries
        found = rows[(rows[ROLE_ID] == self.role_id) & (rows[INDUSTRY_ID] == self.industry_id)]
        return found.iloc[0] if len(found) else None

    @cached_property
    def skills(self) -> dict[str, Row]:
        """skill_id -> the role's effective rating row, highest importance first, then in
        skills.csv order."""
        rows = effective_role_skills(self.dataset, [self.role_id], self.industry_id)
        order = _positions(self.dataset.skills[SKILL_ID])
        rows = rows.assign(_order=rows[SKILL_ID].map(order))
        rows = rows.sort_values([IMPORTANCE, "_order"], ascending=[False, True], kind="stable")
        return _by_id(rows.drop(columns="_order"), SKILL_ID)

    @cached_property
    def responsibilities(self) -> dict[str, Row]:
        """responsibility_id -> the role's effective row, core first, then in catalogue order."""
        rows = effective_responsibilities(self.dataset, [self.role_id], self.industry_id)
        order = _positions(self.dataset.responsibilities[RESPONSIBILITY_ID])
        rows = rows.assign(
            _core=rows[EMPHASIS] != "core", _order=rows[RESPONSIBILITY_ID].map(order)
        ).sort_values(["_core", "_order"], kind="stable")
        return _by_id(rows.drop(columns=["_core", "_order"]), RESPONSIBILITY_ID)

    @cached_property
    def certifications(self) -> dict[str, Row]:
        """cert_id -> the role's effective row, essential first, then recommended, then
        optional, each in catalogue order."""
        rows = effective_role_certifications(self.dataset, [self.role_id], self.industry_id)
        order = _positions(self.dataset.certifications[CERT_ID])
        strength = {"essential": 0, "recommended": 1, "optional": 2}
        rows = rows.assign(
            _strength=rows[RELEVANCE].map(strength), _order=rows[CERT_ID].map(order)
        ).sort_values(["_strength", "_order"], kind="stable")
        return _by_id(rows.drop(columns=["_strength", "_order"]), CERT_ID)

    @cached_property
    def _catalogues(self) -> dict[str, dict[str, Row]]:
        """The three catalogues by id, each read once."""
        return {
            SKILL_ID: _by_id(self.dataset.skills, SKILL_ID),
            RESPONSIBILITY_ID: _by_id(self.dataset.responsibilities, RESPONSIBILITY_ID),
            CERT_ID: _by_id(self.dataset.certifications, CERT_ID),
        }

    def skill(self, skill_id: str) -> Row:
        """A skill's row of skills.csv."""
        return self._catalogues[SKILL_ID][skill_id]

    def duty(self, responsibility_id: str) -> Row:
        """A responsibility's row of responsibilities.csv."""
        return self._catalogues[RESPONSIBILITY_ID][responsibility_id]

    def certification(self, cert_id: str) -> Row:
        """A certification's row of certifications.csv."""
        return self._catalogues[CERT_ID][cert_id]

    def industry_of(self, row: Row) -> pd.Series | None:
        """The industries.csv row of an effective row that comes from an industry (else None)."""
        industry_id = text(row[INDUSTRY_ID])
        if not industry_id:
            return None
        industries = self.dataset.industries
        return industries[industries[INDUSTRY_ID] == industry_id].iloc[0]


def industry_ref(row: pd.Series) -> RowRef:
    """The reference of an industries.csv row whose name a line shows."""
    return row_ref("industries", row, ("name",))


def text(value: object) -> str:
    """A cell as trimmed text (a missing value is blank)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value).strip()


def _positions(ids: pd.Series) -> dict[str, int]:
    return {item_id: position for position, item_id in enumerate(ids)}


def _by_id(frame: pd.DataFrame, key: str) -> dict[str, Row]:
    """A frame's rows as dicts by their id, in the frame's order."""
    return {row[key]: row for row in frame.to_dict("records")}
