"""Dataset text made safe to display: escaped for Markdown and for plotly labels, never HTML."""

from __future__ import annotations

import re
from collections.abc import Sequence

# A sentence names at most this many items, then counts the rest.
LIST_LIMIT = 6

# Every ASCII punctuation mark that Markdown, Streamlit's directives (":red[...]", ":material/x:",
# "$math$") or HTML can give a meaning to. CommonMark lets a backslash escape any of them, so
# escaping all is safe and leaves the rendered text exactly as written.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:^=&])")
# Streamlit's Markdown turns bare web and mail addresses into links (GitHub's autolink
# literals) and ":material/name:" into icons, even when every mark is backslash-escaped. An
# invisible WORD JOINER (U+2060) between the parts stops both and leaves the text as it reads.
WORD_JOINER = "\u2060"
_AUTOLINK_START = re.compile(r"(?i)\b(https?|ftp|mailto|www)(?=[:.])")
_DIRECTIVE_COLON = re.compile(r":(?=[A-Za-z])")
# plotly renders a few HTML tags (<b>, <br>, <a href>) in labels: entities keep them literal.
_PLOTLY_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}

TPM_NOTE = (
    "About the acronym: “TPM” is used for two different roles. Some sources mean Technical "
    "Program Manager (coordinates several related technical projects towards one strategic "
    "goal), others Technical Project Manager (takes one technical project from start to "
    "finish). Check which one a job post means before you compare."
)
_TPM_NAMES = ("technical program manager", "technical project manager")
ONET_SUMMARY_URL = "https://www.onetonline.org/link/summary/{code}"
_ONET_CODE = re.compile(r"\b\d{2}-\d{4}\.\d{2}\b")


def escape_markdown(text: object) -> str:
    """Text that renders literally in Streamlit's Markdown: every Markdown-active character
    backslash-escaped, and no address or icon directive turned into a link or an icon."""
    raw = "" if text is None else str(text)
    raw = _AUTOLINK_START.sub(lambda match: match.group(1) + WORD_JOINER, raw)
    raw = _DIRECTIVE_COLON.sub(":" + WORD_JOINER, raw.replace("@", WORD_JOINER + "@"))
    return _MARKDOWN_SPECIAL.sub(r"\\\1", raw)


def markdown_lines(text: object) -> str:
    """Escaped text whose line breaks survive Markdown (hard breaks instead of one paragraph)."""
    return "  \n".join(escape_markdown(line) for line in str(text).splitlines())


def plot_text(text: object) -> str:
    """Text for a plotly label or hover, with the HTML plotly would interpret neutralised."""
    raw = "" if text is None else str(text)
    return "".join(_PLOTLY_ENTITIES.get(char, char) for char in raw)


def listed(items: Sequence[str], separator: str = ", ", limit: int = LIST_LIMIT) -> str:
    """Items joined as people write a list ("a, b and c"), cut after `limit` with a count of
    the rest; items that hold commas themselves read better joined with "; "."""
    shown = list(items[:limit])
    rest = len(items) - len(shown)
    if rest:
        return separator.join(shown) + f" and {rest} more"
    if len(shown) <= 1:
        return "".join(shown)
    return separator.join(shown[:-1]) + " and " + shown[-1]


def humanise(identifier: str) -> str:
    """A snake_case vocabulary value as a label ("methodology_process" -> "Methodology process")."""
    words = str(identifier).replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def needs_tpm_note(name: str, abbreviation: str) -> bool:
    """Whether a role is one of the two that "TPM" can mean (by name, or by its abbreviation)."""
    return any(known in str(name).casefold() for known in _TPM_NAMES) or (
        "TPM" in str(abbreviation).upper()
    )


def onet_codes(text: str) -> list[str]:
    """The O*NET-SOC codes (e.g. 15-1299.09) named in a crosswalk cell, in order, once each."""
    return list(dict.fromkeys(_ONET_CODE.findall(str(text))))


def onet_url(code: str) -> str:
    """The O*NET OnLine summary page of an O*NET-SOC code."""
    return ONET_SUMMARY_URL.format(code=code)
