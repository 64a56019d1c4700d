"""Names found in text word by word: role titles and certifications in a job post.

A phrase is matched on whole words, longest first, never two overlapping. Ordinary phrases
ignore case and plurals and read "Tech" as "Technical" and "Programme" as "Program"
("Senior Tech Leads" names Technical Lead); acronyms keep their exact capitals ("PM", "PSM I"),
since "pm" or "sa" in lower case are other words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_WORD = re.compile(r"[A-Za-z0-9+#&]+")
_SYNONYMS = {"tech": "technical", "programme": "program"}


def normal_word(word: str) -> str:
    """A word as phrases compare it: lower case, singular, "tech" as "technical"."""
    word = word.lower()
    if len(word) > 3 and word.endswith(("ches", "shes", "xes")):
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    return _SYNONYMS.get(word, word)


def words(text: str) -> tuple[str, ...]:
    """A text's words as phrases compare them."""
    return tuple(normal_word(word) for word in _WORD.findall(str(text)))


def is_acronym(text: str) -> bool:
    """Whether a name is an acronym to match with its exact capitals: at most three words,
    each in capitals (or digits) or with two capitals or more ("PM", "PgM", "PSM I",
    "ICP-ACC"), two capitals in all; "TPM (project)", "Scrum" or "Scrum Master" are not."""
    parts = _WORD.findall(text)
    if not parts or len(parts) > 3 or not re.fullmatch(r"[A-Za-z0-9+ \-]+", text.strip()):
        return False
    capitals = sum(char.isupper() for char in text)
    return capitals >= 2 and all(
        part.upper() == part or sum(char.isupper() for char in part) >= 2 for part in parts
    )


@dataclass(frozen=True)
class Hit:
    """A phrase found in a text: where, as written, and the keys it stands for."""

    start: int
    end: int
    written: str
    keys: tuple[str, ...]


@dataclass(frozen=True)
class PhraseIndex:
    """Phrases to find, each with the keys (role ids, certification ids) it stands for."""

    phrases: dict[tuple[str, ...], tuple[str, ...]]  # normal words -> keys
    acronyms: dict[tuple[str, ...], tuple[str, ...]]  # words as written -> keys
    longest: int

    def find(self, text: str, skip: Iterable[str] = ()) -> list[Hit]:
        """Every phrase in text, longest first, left to right, none overlapping; acronyms in
        skip are left for the caller (the reader treats "TPM" on its own)."""
        skipped = set(skip)
        spans = [(m.start(), m.end()) for m in _WORD.finditer(text)]
        raw = [text[a:b] for a, b in spans]
        normal = [normal_word(word) for word in raw]
        hits: list[Hit] = []
        i = 0
        while i < len(spans):
            for size in range(min(self.longest, len(spans) - i), 0, -1):
                exact = tuple(raw[i : i + size])
                keys = self.acronyms.get(exact) if " ".join(exact) not in skipped else None
                keys = keys or self.phrases.get(tuple(normal[i : i + size]))
                if keys:
                    start, end = spans[i][0], spans[i + size - 1][1]
                    hits.append(Hit(start, end, text[start:end], keys))
                    i += size
                    break
            else:
                i += 1
        return hits


def keys_by(pairs: Iterable[tuple[tuple[str, ...], str]]) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Phrase -> the keys given for it, each once, in the order given."""
    found: dict[tuple[str, ...], list[str]] = {}
    for phrase, key in pairs:
        if phrase and key not in found.setdefault(phrase, []):
            found[phrase].append(key)
    return {phrase: tuple(keys) for phrase, keys in found.items()}


def phrase_index(
    phrases: dict[tuple[str, ...], tuple[str, ...]],
    acronyms: dict[tuple[str, ...], tuple[str, ...]],
) -> PhraseIndex:
    """An index of phrases (normal words) and acronyms (words as written)."""
    sizes = [len(p) for p in phrases] + [len(a) for a in acronyms]
    return PhraseIndex(phrases, acronyms, max(sizes, default=0))


def acronym_words(text: str) -> tuple[str, ...]:
    """An acronym's words as written ("ICP-ACC" -> ("ICP", "ACC"))."""
    return tuple(_WORD.findall(text))
