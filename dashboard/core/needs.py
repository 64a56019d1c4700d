"""What a hiring team needs: skills, responsibilities and certifications, must-have or not.

One need is written ``kind:id`` (``skill:risk_management``, ``responsibility:define_scope``,
``cert:pmp``), a skill optionally ``@level`` for the importance it must have
(``skill:risk_management@4``). The link, the command line and the page all use this form. A
bare id is accepted where only one catalogue has it; reading never raises: whatever cannot be
used is named in a problem, so the page can drop it with a notice and the command line can
refuse it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from dashboard.core.contract import CERT_ID, NAME, RATING_RANGE, RESPONSIBILITY_ID, SKILL_ID
from dashboard.core.dataset import Dataset

SKILL = "skill"
RESPONSIBILITY = "responsibility"
CERTIFICATION = "cert"
KINDS = (SKILL, RESPONSIBILITY, CERTIFICATION)
KIND_LABELS = {SKILL: "skill", RESPONSIBILITY: "responsibility", CERTIFICATION: "certification"}
KIND_SEPARATOR = ":"
LEVEL_SEPARATOR = "@"
TOKEN_SEPARATOR = ","
# The link's parameters: the must-haves and the nice-to-haves, comma-separated needs.
PARAM_MUST = "must"
PARAM_NICE = "nice"
PARAMS = (PARAM_MUST, PARAM_NICE)
# A problem quotes at most this much of a value: a hostile link could hold anything.
_MAX_QUOTED_CHARS = 60


@dataclass(frozen=True)
class Need:
    """One thing the team needs, and how badly."""

    kind: str
    item_id: str
    must: bool
    level: int | None = None  # skills only: the importance the role must give it (None: default)

    @property
    def token(self) -> str:
        """The need as written in a link or on the command line (without its priority)."""
        level = f"{LEVEL_SEPARATOR}{self.level}" if self.level is not None else ""
        return f"{self.kind}{KIND_SEPARATOR}{self.item_id}{level}"


@dataclass(frozen=True)
class Needs:
    """A team's needs, must-haves first, each item at most once."""

    items: tuple[Need, ...] = ()

    @property
    def must(self) -> tuple[Need, ...]:
        """The must-haves, in the order given."""
        return tuple(need for need in self.items if need.must)

    @property
    def nice(self) -> tuple[Need, ...]:
        """The nice-to-haves, in the order given."""
        return tuple(need for need in self.items if not need.must)

    def __bool__(self) -> bool:
        return bool(self.items)

    def digest(self) -> str:
        """A short digest of every need: a cheap cache key."""
        return hashlib.blake2b(repr(self.items).encode(), digest_size=16).hexdigest()


@dataclass(frozen=True)
class Catalogue:
    """The ids (and names) a need may refer to in one dataset, per kind, in file order."""

    names: Mapping[str, Mapping[str, str]]

    def kinds_of(self, item_id: str) -> list[str]:
        """The kinds whose catalogue holds this id."""
        return [kind for kind in KINDS if item_id in self.names[kind]]

    def name(self, need: Need) -> str:
        """The need's item as people call it."""
        return self.names[need.kind][need.item_id]


def catalogue_for(dataset: Dataset) -> Catalogue:
    """The dataset's skills, responsibilities and certifications by id."""
    tables = {
        SKILL: (dataset.skills, SKILL_ID),
        RESPONSIBILITY: (dataset.responsibilities, RESPONSIBILITY_ID),
        CERTIFICATION: (dataset.certifications, CERT_ID),
    }
    return Catalogue(
        {
            kind: dict(zip(frame[key], frame[NAME], strict=True))
            for kind, (frame, key) in tables.items()
        }
    )


def quote(value: str) -> str:
    """A value quoted for a message, shortened so that it cannot flood the page."""
    cut = value[:_MAX_QUOTED_CHARS] + ("…" if len(value) > _MAX_QUOTED_CHARS else "")
    return f"'{cut}'"


def parse_need(token: str, must: bool, catalogue: Catalogue) -> tuple[Need | None, str | None]:
    """One need from its written form, or None and a problem naming the bad value."""
    text = token.strip()
    body, level_text = text, None
    if LEVEL_SEPARATOR in text:
        body, level_text = text.rsplit(LEVEL_SEPARATOR, 1)
    kind = None
    item_id = body.strip()
    if KIND_SEPARATOR in body:
        kind, item_id = (part.strip() for part in body.split(KIND_SEPARATOR, 1))
        kind = kind.lower()
        if kind not in KINDS:
            kinds = ", ".join(f"{k}{KIND_SEPARATOR}" for k in KINDS)
            return None, f"{quote(text)}: unknown kind {quote(kind)} (use {kinds})"
    item_id = item_id.lower()
    if kind is None:
        found = catalogue.kinds_of(item_id)
        if not found:
            return None, (
                f"{quote(item_id)} is not a skill, responsibility or certification id of this "
                "dataset"
            )
        if len(found) > 1:
            options = " or ".join(f"{k}{KIND_SEPARATOR}{item_id}" for k in found)
            labels = " and a ".join(KIND_LABELS[k] for k in found)
            return None, f"{quote(item_id)} is ambiguous: it is a {labels} id; write {options}"
        kind = found[0]
    elif item_id not in catalogue.names[kind]:
        return None, f"{quote(item_id)} is not a {KIND_LABELS[kind]} id of this dataset"
    level = None
    if level_text is not None:
        low, high = RATING_RANGE
        if kind != SKILL:
            return None, f"{quote(text)}: only a skill takes a level ({LEVEL_SEPARATOR}1-5)"
        if not (level_text.isascii() and level_text.isdigit() and low <= int(level_text) <= high):
            return None, f"{quote(text)}: the level must be a whole number from {low} to {high}"
        level = int(level_text)
    return Need(kind, item_id, must, level), None


def split_tokens(values: str | Iterable[str]) -> list[str]:
    """Comma-separated needs (a parameter given several times is joined), blanks dropped."""
    parts = [values] if isinstance(values, str) else list(values)
    return [token.strip() for part in parts for token in str(part).split(TOKEN_SEPARATOR)]


def parse_needs(
    must: str | Iterable[str], nice: str | Iterable[str], catalogue: Catalogue
) -> tuple[Needs, list[str]]:
    """The needs written in must and nice, and a problem for each one that cannot be used.

    An item given twice is kept once; one given as must-have and nice-to-have is a must-have.
    """
    problems: list[str] = []
    chosen: dict[tuple[str, str], Need] = {}
    for is_must, values in ((True, must), (False, nice)):
        for token in split_tokens(values):
            if not token:
                continue
            need, problem = parse_need(token, is_must, catalogue)
            if need is None:
                problems.append(str(problem))
                continue
            key = (need.kind, need.item_id)
            if key in chosen:
                if chosen[key].must and not need.must:
                    problems.append(
                        f"{quote(need.token)} is both a must-have and a nice-to-have: kept as a "
                        "must-have"
                    )
                continue
            chosen[key] = need
    return Needs(tuple(chosen.values())), problems


def needs_params(needs: Needs) -> dict[str, str]:
    """The link parameters that restore these needs (none for no needs)."""
    params = {}
    for param, group in ((PARAM_MUST, needs.must), (PARAM_NICE, needs.nice)):
        if group:
            params[param] = TOKEN_SEPARATOR.join(need.token for need in group)
    return params


def needs_from(items: Sequence[Need]) -> Needs:
    """Needs from a list, must-haves first, each item once (a must-have wins over a nice one)."""
    chosen: dict[tuple[str, str], Need] = {}
    for need in sorted(items, key=lambda need: not need.must):
        chosen.setdefault((need.kind, need.item_id), need)
    return Needs(tuple(chosen.values()))
