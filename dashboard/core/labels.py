"""Display labels for roles that never look alike, and notes when two names do.

Widgets match options by label and tables head columns with them, so two roles must never show
the same label, nor two labels a reader cannot tell apart: "Project Manager" in Latin letters and
"Project Manаger" with a Cyrillic "а" read the same. Names are compared by their look: Unicode
NFKC normalisation, invisible characters removed, and letters that imitate Latin ones (Unicode's
confusables, from the confusable_homoglyphs package) replaced by the Latin letter.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Sequence

from confusable_homoglyphs import confusables

# Latin letters are the reference: another script's look-alike of one counts as that letter.
_REFERENCE_SCRIPTS = ["latin", "common"]


def look(name: str) -> str:
    """What a name looks like on screen: the key under which two names cannot be told apart."""
    text = unicodedata.normalize("NFKC", name)
    text = "".join(char for char in text if unicodedata.category(char) != "Cf")
    if not text.isascii():
        found = confusables.is_confusable(text, greedy=True, preferred_aliases=_REFERENCE_SCRIPTS)
        for item in found or ():
            text = text.replace(item["character"], item["homoglyphs"][0]["c"])
    return " ".join(text.split())


def unique_labels(ids: Sequence[str], names: Sequence[str]) -> dict[str, str]:
    """id -> label: the name, or "name (id)" for every name that looks like another label.

    Repeated until no two labels look alike (a name may itself read "Lead (scrum_master)"):
    ids are unique and hold no brackets, so two "name (id)" labels never look alike.
    """
    labels = dict(zip(ids, names, strict=True))
    suffixed: set[str] = set()
    while True:
        by_look: dict[str, list[str]] = defaultdict(list)
        for role_id, label in labels.items():
            by_look[look(label)].append(role_id)
        clashing = [
            role_id
            for group in by_look.values()
            if len(group) > 1
            for role_id in group
            if role_id not in suffixed
        ]
        if not clashing:
            return labels
        for role_id in clashing:
            labels[role_id] = f"{labels[role_id]} ({role_id})"
            suffixed.add(role_id)


def lookalike_notes(
    ids: Sequence[str], names: Sequence[str], what: str = "role names"
) -> list[str]:
    """A note for each group of different names that look the same on screen."""
    groups: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for item_id, name in zip(ids, names, strict=True):
        groups[look(name)][name].append(item_id)
    notes = []
    for variants in groups.values():
        if len(variants) < 2:
            continue
        shown = "; ".join(
            f"'{name}' ({', '.join(item_ids)}){_scripts_of(name)}"
            for name, item_ids in variants.items()
        )
        notes.append(
            f"These {what} look the same but are written differently: {shown}. They are told "
            "apart by their ids on every page; check whether they are meant to be one."
        )
    return notes


def _scripts_of(name: str) -> str:
    """ ", with Cyrillic letters" (the scripts other than Latin a name mixes in), or ""."""
    scripts = sorted(
        {
            unicodedata.name(char, "").split(" ")[0].title()
            for char in name
            if char.isalpha() and not char.isascii()
        }
        - {"Latin"}
    )
    return f", with {' and '.join(scripts)} letters" if scripts else ""
