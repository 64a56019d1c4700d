"""Reading a job post: its sentences matched to the catalogue, the needs they suggest, the roles
it names, and which roles it reads most like.

Deterministic and lexical: scikit-learn's TF-IDF over the dataset's own skills and
responsibilities (names and descriptions, words reduced by a light suffix-stripping) and the
cosine similarity of each sentence with each item; certifications (acronym, name or id) and
role titles (each role's name and abbreviation, and its other titles in role_titles.csv) are
found word by word (dashboard.core.phrases). Nothing leaves the machine and no model is
downloaded.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from dashboard.core.contract import (
    ABBREVIATION,
    CERT_ID,
    DESCRIPTION,
    NAME,
    RANK,
    RESPONSIBILITY_ID,
    ROLE,
    ROLE_ID,
    SKILL_ID,
    TITLE,
)
from dashboard.core.dataset import Dataset
from dashboard.core.fit import EMPHASIS_VALUES, RELEVANCE_VALUES, Holdings
from dashboard.core.needs import CERTIFICATION, RESPONSIBILITY, SKILL, Need, Needs, needs_from
from dashboard.core.phrases import (
    Hit,
    PhraseIndex,
    acronym_words,
    is_acronym,
    keys_by,
    phrase_index,
    words,
)
from dashboard.core.text import needs_tpm_note

MAX_POST_CHARS = 50_000
# A sentence reads as a catalogue item from this cosine similarity (tuned on the job posts in
# tests/job_posts: lower reads boilerplate as skills, higher misses plainly worded duties).
MATCH_THRESHOLD = 0.2
# At most this many items per sentence (the closest first).
MATCHES_PER_SENTENCE = 3
# The reading suggests at most this many must-haves and nice-to-haves, the closest first: a
# long post would otherwise bury the finder in needs.
MAX_MUST, MAX_NICE = 12, 8
# The role mix: what the role holds of the post's needs weighs 1, the titles the post names
# TITLE_WEIGHT; the post's own title line counts HEADING_VOTES a mention, the body BODY_VOTES
# (at most MAX_BODY_MENTIONS mentions of one title).
TITLE_WEIGHT = 0.5
HEADING_VOTES = 3.0
BODY_VOTES = 0.5
MAX_BODY_MENTIONS = 3
SCORE_DECIMALS = 3
# The role mix's columns: the score, and its two parts.
MIX_SCORE, MIX_HOLDS, MIX_TITLES = "score", "holds", "titles"
MUST, NICE = "must-have", "nice-to-have"
# Words that say a line (or the section under a heading) is a nice-to-have.
_NICE_CUES = re.compile(
    r"\b(nice[- ]to[- ]have|bonus|preferred|desirable|a plus|strong plus|an advantage|"
    r"would be great|optional)\b",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"[a-z0-9][a-z0-9+#]*")
_BULLET = re.compile(r"^\s*(?:[-*•+]|\d{1,2}[.)])\s+")
_HEADING_MARK = re.compile(r"^\s*#{1,6}\s*")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“(]?[A-Z0-9])")
_HEADING_MAX_WORDS = 6
# Job-post boilerplate the catalogue happens to use: "5+ years of experience" must not read
# as mentoring ("passing on experience").
_POST_STOP_WORDS = frozenset(
    {
        "ability",
        "able",
        "experience",
        "experienced",
        "good",
        "great",
        "including",
        "knowledge",
        "plus",
        "proven",
        "role",
        "skill",
        "skills",
        "strong",
        "understanding",
        "work",
        "working",
        "year",
        "years",
    }
)
_STOP_WORDS = frozenset(ENGLISH_STOP_WORDS) | _POST_STOP_WORDS
# Title words people shorten or spell the British way: "Tech Lead", "Programme Manager".
TPM = "TPM"
_TPM_WORD = re.compile(r"\bTPMs?\b")
_TPM_PHRASES = {
    "program": re.compile(r"\btechnical\s+program(?:me)?\s+managers?\b", re.IGNORECASE),
    "project": re.compile(r"\btechnical\s+project\s+managers?\b", re.IGNORECASE),
}
_SCOPE_WORDS = {
    "program": re.compile(r"\bprogram(?:me)?s?\b", re.IGNORECASE),
    "project": re.compile(r"\bprojects?\b", re.IGNORECASE),
}


class PostError(ValueError):
    """A post that cannot be read, with the reason in words."""


def stem(word: str) -> str:
    """A light suffix-stripping: "coordinating", "coordinated", "coordinates" -> "coordinat"."""
    if len(word) <= 4:
        return word
    if word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("ies") and len(word) > 5:
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


def terms(text: str) -> list[str]:
    """The words (stemmed, stop words dropped) and adjacent word pairs that a text is matched by."""
    words = [stem(word) for word in _TOKEN.findall(text.lower()) if word not in _STOP_WORDS]
    return words + [f"{a} {b}" for a, b in itertools.pairwise(words)]


def title_index(dataset: Dataset) -> PhraseIndex:
    """Every role title of the dataset, standing for the roles it names. A role's own name or
    abbreviation stands for that role alone, even where another role lists it among its other
    titles; any other title stands for every role that lists it."""
    roles = dataset.roles
    own = [(name, r) for name, r in zip(roles[NAME], roles[ROLE_ID], strict=True)]
    own += [(str(a).strip(), r) for a, r in zip(roles[ABBREVIATION], roles[ROLE_ID], strict=True)]
    other = list(zip(dataset.role_titles[TITLE], dataset.role_titles[ROLE_ID], strict=True))

    def split(pairs):
        phrases = keys_by((words(t), r) for t, r in pairs if not is_acronym(str(t).strip()))
        acronyms = keys_by((acronym_words(t), r) for t, r in pairs if is_acronym(str(t).strip()))
        return phrases, acronyms

    own_phrases, own_acronyms = split(own)
    other_phrases, other_acronyms = split(other)
    return phrase_index({**other_phrases, **own_phrases}, {**other_acronyms, **own_acronyms})


_BRACKET = re.compile(r"\(([^()]*)\)")


def certification_index(dataset: Dataset) -> PhraseIndex:
    """Every certification by its acronym (exact capitals: "PMP", "PSM I"), its name without
    the bracket ("Certified ScrumMaster") and its id read as words ("pmi_acp": "PMI ACP")."""
    phrases, acronyms = [], []
    for cert_id, name in zip(
        dataset.certifications[CERT_ID], dataset.certifications[NAME], strict=True
    ):
        bracket = _BRACKET.search(name)
        if bracket and is_acronym(bracket.group(1).strip()):
            acronyms.append((acronym_words(bracket.group(1)), cert_id))
        plain = name[: bracket.start()] if bracket else name
        if len(words(plain)) >= 2:
            phrases.append((words(plain), cert_id))
        phrases.append((words(str(cert_id).replace("_", " ")), cert_id))
    return phrase_index(keys_by(phrases), keys_by(acronyms))


@dataclass(frozen=True)
class PostIndex:
    """The catalogue of one dataset, ready to read posts against (built once per dataset)."""

    vectorizer: TfidfVectorizer
    matrix: sp.csr_matrix  # item x term, rows L2-normalised
    kinds: np.ndarray
    item_ids: np.ndarray
    names: np.ndarray
    titles: PhraseIndex
    certifications: PhraseIndex
    certification_names: dict[str, str]
    tpm_roles: dict[str, str]  # "program"/"project" -> the role "TPM" may mean


def _documents(dataset: Dataset) -> tuple[list[str], list[str], list[str], list[str]]:
    """Each skill's and responsibility's text to match (its name twice, so that the name
    weighs more than the description), kind, id and name. Certifications are found by name
    (certification_index): their words ("Scrum", "cloud") say little on their own."""
    texts, kinds, ids, names = [], [], [], []
    parts = (
        (SKILL, dataset.skills, SKILL_ID),
        (RESPONSIBILITY, dataset.responsibilities, RESPONSIBILITY_ID),
    )
    for kind, frame, key in parts:
        for item_id, name, description in zip(
            frame[key], frame[NAME], frame[DESCRIPTION], strict=True
        ):
            texts.append(f"{name}. {name}. {description}")
            kinds.append(kind)
            ids.append(item_id)
            names.append(name)
    return texts, kinds, ids, names


def _tpm_roles(dataset: Dataset) -> dict[str, str]:
    """The roles "TPM" may mean in this dataset, by the word that tells them apart."""
    found: dict[str, str] = {}
    for role_id, name, abbreviation in zip(
        dataset.roles[ROLE_ID], dataset.roles[NAME], dataset.roles[ABBREVIATION], strict=True
    ):
        if needs_tpm_note(name, abbreviation):
            for scope in ("program", "project"):
                if re.search(rf"\b{scope}", str(name), re.IGNORECASE):
                    found.setdefault(scope, role_id)
    return found


def build_index(dataset: Dataset) -> PostIndex:
    """The dataset's catalogue as TF-IDF vectors and its role titles as phrases."""
    texts, kinds, ids, names = _documents(dataset)
    vectorizer = TfidfVectorizer(analyzer=terms, sublinear_tf=True)
    matrix = (
        vectorizer.fit_transform(texts).tocsr()
        if texts
        else sp.csr_matrix((0, 0), dtype=np.float64)
    )
    return PostIndex(
        vectorizer=vectorizer,
        matrix=matrix,
        kinds=np.array(kinds, dtype=object),
        item_ids=np.array(ids, dtype=object),
        names=np.array(names, dtype=object),
        titles=title_index(dataset),
        certifications=certification_index(dataset),
        certification_names=dict(
            zip(dataset.certifications[CERT_ID], dataset.certifications[NAME], strict=True)
        ),
        tpm_roles=_tpm_roles(dataset),
    )


@dataclass(frozen=True)
class Line:
    """One sentence of a post, with the heading it sits under."""

    text: str
    section: str
    heading: bool  # a heading is context for the lines under it, not a need


def post_lines(text: str) -> list[Line]:
    """A post's headings and sentences, in order; bullets and Markdown marks removed."""
    lines: list[Line] = []
    section = ""
    for raw in text.splitlines():
        stripped = raw.strip()
        if not stripped:
            continue
        is_bullet = bool(_BULLET.match(stripped))
        marked = bool(_HEADING_MARK.match(stripped))
        body = _BULLET.sub("", _HEADING_MARK.sub("", stripped)).strip()
        if not body:
            continue
        short = len(body.split()) <= _HEADING_MAX_WORDS and not body.endswith((".", "!", "?"))
        if marked or (not is_bullet and (short or body.endswith(":"))):
            section = body.rstrip(":")
            lines.append(Line(body, section, heading=True))
            continue
        for sentence in _SENTENCE_END.split(body):
            if sentence.strip():
                lines.append(Line(sentence.strip(), section, heading=False))
    return lines


def check_length(text: str) -> None:
    """Refuse a post longer than MAX_POST_CHARS, saying how long it is."""
    if len(text) > MAX_POST_CHARS:
        raise PostError(
            f"This post is {len(text):,} characters long; the reader takes at most "
            f"{MAX_POST_CHARS:,} (about 15 pages). Paste the part that describes the role."
        )


@dataclass(frozen=True)
class Match:
    """A sentence read as one catalogue item."""

    kind: str
    item_id: str
    name: str
    similarity: float


@dataclass(frozen=True)
class SentenceReading:
    """What one sentence of the post was read as."""

    text: str
    section: str
    priority: str  # MUST or NICE
    matches: tuple[Match, ...]
    titles: tuple[str, ...]  # role titles named in it, as written


@dataclass(frozen=True)
class PostReading:
    """Everything the reader made of a post."""

    sentences: tuple[SentenceReading, ...]
    needs: Needs
    role_mix: pd.DataFrame  # rank, role_id, role, score, holds, titles
    tpm_warning: str | None
    headings: tuple[str, ...] = field(default=())

    @property
    def unmatched(self) -> list[str]:
        """The sentences that matched no catalogue item and named no role title."""
        return [s.text for s in self.sentences if not s.matches and not s.titles]


def _priority(line: Line) -> str:
    return NICE if _NICE_CUES.search(line.text) or _NICE_CUES.search(line.section) else MUST


def _without(text: str, hits: Sequence[Hit]) -> str:
    """The text with the hits taken out (so a title or a credential is not read as a duty)."""
    for hit in sorted(hits, key=lambda hit: -hit.start):
        text = text[: hit.start] + " " + text[hit.end :]
    return _TPM_WORD.sub(" ", text)


def _tpm_reading(text: str, index: PostIndex) -> tuple[dict[str, float], str | None]:
    """Which role a plain "TPM" stands for (shares adding up to 1), and a warning when the post
    does not say which TPM it means."""
    named = [scope for scope, pattern in _TPM_PHRASES.items() if pattern.search(text)]
    roles = index.tpm_roles
    if len(named) == 1:
        scope = named[0]
        return ({roles[scope]: 1.0} if scope in roles else {}), None
    counts = {scope: len(pattern.findall(text)) for scope, pattern in _SCOPE_WORDS.items()}
    total = sum(counts[scope] for scope in roles)
    shares = {
        role_id: (counts[scope] / total if total else 1 / len(roles))
        for scope, role_id in roles.items()
    }
    said = "names both" if named else "never says"
    leaning = ""
    if counts["program"] != counts["project"]:
        scope = "program" if counts["program"] > counts["project"] else "project"
        leaning = (
            f" It speaks of a project {counts['project']} time(s) and of a program "
            f"{counts['program']} time(s), so “TPM” is read here mostly as the Technical "
            f"{scope.title()} Manager: check with whoever wrote the post."
        )
    warning = (
        f"“TPM” appears, but the post {said} which TPM it means: Technical Program Manager "
        f"(several related projects) or Technical Project Manager (one project).{leaning}"
    )
    return shares, warning


def _content_strength(holdings: Holdings, kind: str, item_id: str) -> np.ndarray:
    """How strongly each role holds an item, 0 to 1 (importance 1 and no row are 0)."""
    held = holdings.kinds[kind]
    values = held.column(held.values, item_id).astype(np.float64)
    if kind == SKILL:
        return np.where(values > 0, (values - 1) / 4, 0.0)
    codes = EMPHASIS_VALUES if kind == RESPONSIBILITY else RELEVANCE_VALUES
    return values / max(codes.values())


@dataclass
class _Tally:
    """What the reading has gathered so far: each item's best match, and the title votes."""

    role_ids: list[str]
    best: dict[tuple[str, str], tuple[float, bool, str]] = field(default_factory=dict)
    mentions: dict[tuple[str, ...], int] = field(default_factory=dict)
    votes: np.ndarray = field(default_factory=lambda: np.zeros(0))

    def match(self, match: Match, must: bool) -> None:
        key = (match.kind, match.item_id)
        earlier = self.best.get(key)
        if earlier:
            similarity = max(earlier[0], match.similarity)
            self.best[key] = (similarity, earlier[1] or must, match.name)
        else:
            self.best[key] = (match.similarity, must, match.name)

    def vote(self, shares: dict[str, float], key: tuple[str, ...], heading: bool) -> None:
        if heading:
            weight = HEADING_VOTES
        else:
            self.mentions[key] = self.mentions.get(key, 0) + 1
            weight = BODY_VOTES if self.mentions[key] <= MAX_BODY_MENTIONS else 0.0
        for position, role_id in enumerate(self.role_ids):
            self.votes[position] += weight * shares.get(role_id, 0.0)


def _similarities(sentences: list[str], index: PostIndex) -> np.ndarray:
    """sentence x item cosine similarity of the TF-IDF vectors."""
    if not sentences or not index.matrix.shape[0]:
        return np.zeros((len(sentences), len(index.item_ids)))
    vectors = index.vectorizer.transform(sentences)
    return (vectors @ index.matrix.T).toarray()


def read_post(text: str, index: PostIndex, holdings: Holdings, dataset: Dataset) -> PostReading:
    """Read a post: each sentence's matches and titles, the needs they suggest (must-have unless
    the sentence or its heading says nice to have, bonus, preferred...), the role mix and the
    TPM warning. Raises PostError for a post too long to read."""
    check_length(text)
    lines = post_lines(text)
    title_hits = [index.titles.find(line.text, skip=(TPM,)) for line in lines]
    cert_hits = [index.certifications.find(line.text) for line in lines]
    sentences = [
        _without(line.text, titles + certs)
        for line, titles, certs in zip(lines, title_hits, cert_hits, strict=True)
        if not line.heading
    ]
    similarity = _similarities(sentences, index)
    tpm_shares, tpm_warning = _tpm_reading(text, index) if _TPM_WORD.search(text) else ({}, None)
    role_ids = list(holdings.role_ids)
    tally = _Tally(role_ids, votes=np.zeros(len(role_ids)))
    readings: list[SentenceReading] = []
    row = 0
    for number, (line, titles, certs) in enumerate(zip(lines, title_hits, cert_hits, strict=True)):
        heading = number == 0  # the post's own title line
        for hit in titles:
            tally.vote({r: 1 / len(hit.keys) for r in hit.keys}, hit.keys, heading)
        tpm_count = len(_TPM_WORD.findall(line.text))
        for _ in range(tpm_count):
            tally.vote(tpm_shares, (TPM,), heading)
        if line.heading:
            continue
        scores = similarity[row]
        row += 1
        must = _priority(line) == MUST
        chosen = np.flatnonzero(scores >= MATCH_THRESHOLD)
        chosen = chosen[np.argsort(-scores[chosen], kind="stable")][:MATCHES_PER_SENTENCE]
        matches = [
            Match(CERTIFICATION, cert_id, index.certification_names[cert_id], 1.0)
            for hit in certs
            for cert_id in hit.keys
        ] + [
            Match(index.kinds[j], index.item_ids[j], index.names[j], round(float(scores[j]), 3))
            for j in chosen
        ]
        matches = list({(m.kind, m.item_id): m for m in matches}.values())
        for match in matches:
            tally.match(match, must)
        written = tuple(hit.written for hit in titles) + (TPM,) * tpm_count
        priority = MUST if must else NICE
        readings.append(SentenceReading(line.text, line.section, priority, tuple(matches), written))
    return PostReading(
        sentences=tuple(readings),
        needs=_needs(tally),
        role_mix=_role_mix(tally, holdings, dataset),
        tpm_warning=tpm_warning,
        headings=tuple(line.text for line in lines if line.heading),
    )


def _needs(tally: _Tally) -> Needs:
    """The needs the matches suggest: must-haves first, the closest matches first, at most
    MAX_MUST and MAX_NICE."""
    ordered = sorted(tally.best.items(), key=lambda item: (not item[1][1], -item[1][0]))
    must = [Need(kind, item_id, True) for (kind, item_id), (_, m, _) in ordered if m]
    nice = [Need(kind, item_id, False) for (kind, item_id), (_, m, _) in ordered if not m]
    return needs_from(must[:MAX_MUST] + nice[:MAX_NICE])


def _role_mix(tally: _Tally, holdings: Holdings, dataset: Dataset) -> pd.DataFrame:
    """Every role's score: how strongly it holds what the post was read as (each item weighted
    by its closest match), and its share of the titles the post names."""
    holds = np.zeros(len(tally.role_ids))
    weight_total = 0.0
    for (kind, item_id), (similarity, _, _) in tally.best.items():
        holds += similarity * _content_strength(holdings, kind, item_id)
        weight_total += similarity
    if weight_total:
        holds /= weight_total
    votes = tally.votes
    title_share = votes / votes.sum() if votes.sum() else votes
    score = (holds + TITLE_WEIGHT * title_share) / (1 + TITLE_WEIGHT)
    order = np.lexsort((np.arange(len(tally.role_ids)), -score))
    names = dataset.role_names
    return pd.DataFrame(
        {
            RANK: np.arange(1, len(order) + 1),
            ROLE_ID: [tally.role_ids[i] for i in order],
            ROLE: [names[tally.role_ids[i]] for i in order],
            MIX_SCORE: np.round(score[order], SCORE_DECIMALS),
            MIX_HOLDS: np.round(holds[order], SCORE_DECIMALS),
            MIX_TITLES: np.round(title_share[order], SCORE_DECIMALS),
        }
    )


def role_mix_sentence(reading: PostReading, shown: int = 2) -> str:
    """ "Reads most like Program Manager, then Agile Coach" (the roles with any score)."""
    named = [
        role
        for role, score in zip(reading.role_mix[ROLE], reading.role_mix[MIX_SCORE], strict=True)
        if score > 0
    ][:shown]
    if not named:
        return "The post names no role and matches nothing in the catalogue."
    return "Reads most like " + ", then ".join(named) + "."
