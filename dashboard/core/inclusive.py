"""The inclusive-wording check: gender-coded words in a draft, as suggestions.

The words are the published lists of Gaucher, Friesen and Kay (2011) as Kat Matfield's Gender
Decoder packages them (MIT licence; where and at which commit they were read is recorded in
dashboard/wordlists/README.md). A word is flagged when it starts with one of the lists' stems
("compet" flags "competitive"). The check lists what it finds and where; it never changes the
draft.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

WORDLIST = Path(__file__).resolve().parents[1] / "wordlists" / "gender_coded_words_en.csv"
MASCULINE = "masculine"
FEMININE = "feminine"
LIST_NAME = (
    "the gender-coded word lists of Gaucher, Friesen and Kay (2011), as packaged by Kat "
    "Matfield's Gender Decoder (MIT licence)"
)
# Words, hyphenated ones whole ("self-reliant"); letters only, as the lists are English.
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")


@dataclass(frozen=True)
class CodedStem:
    """One stem of the lists and how it is coded."""

    stem: str
    coded: str


@dataclass(frozen=True)
class Finding:
    """One stem found in a draft: the words that matched it (as written, lower case, once
    each), how often, and the parts of the draft they are in."""

    stem: str
    coded: str
    words: tuple[str, ...]
    count: int
    where: tuple[str, ...]


@cache
def coded_stems(path: Path = WORDLIST) -> tuple[CodedStem, ...]:
    """The stems of the word lists, in the lists' order."""
    with path.open(encoding="utf-8", newline="") as handle:
        return tuple(CodedStem(row["stem"], row["coded"]) for row in csv.DictReader(handle))


def coded_words(text: str, stems: Sequence[CodedStem]) -> list[tuple[str, CodedStem]]:
    """Each gender-coded word of a text with the stem it matches, in order of appearance.

    A hyphenated word is matched whole when a stem holds a hyphen ("self-reliant"), else part
    by part ("well-supported" is "supported"); a word matching several stems counts once, for
    the longest.
    """
    ordered, hyphenated = _longest_first(tuple(stems))
    found = []
    for match in _WORD.finditer(text):
        word = match.group(0).lower()
        whole = next((item for item in hyphenated if word.startswith(item.stem)), None)
        if whole is not None:
            found.append((word, whole))
            continue
        for part in word.split("-"):
            stem = next((item for item in ordered if part.startswith(item.stem)), None)
            if stem is not None:
                found.append((part, stem))
    return found


@cache
def _longest_first(stems: tuple[CodedStem, ...]) -> tuple[list[CodedStem], list[CodedStem]]:
    """The stems longest first, and those holding a hyphen (sorted once per list)."""
    ordered = sorted(stems, key=lambda item: -len(item.stem))
    return ordered, [item for item in ordered if "-" in item.stem]


def findings(
    parts: Iterable[tuple[str, str]], stems: Sequence[CodedStem] | None = None
) -> list[Finding]:
    """The stems found in (where, text) parts of a draft, in order of first appearance."""
    stems = coded_stems() if stems is None else stems
    words: dict[CodedStem, dict[str, None]] = {}
    counts: dict[CodedStem, int] = {}
    places: dict[CodedStem, dict[str, None]] = {}
    for where, text in parts:
        for word, stem in coded_words(text, stems):
            words.setdefault(stem, {})[word] = None
            counts[stem] = counts.get(stem, 0) + 1
            places.setdefault(stem, {})[where] = None
    return [
        Finding(stem.stem, stem.coded, tuple(words[stem]), counts[stem], tuple(places[stem]))
        for stem in words
    ]
