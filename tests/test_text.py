"""Dataset text is shown as text: Markdown and plotly escaping, labels, TPM note, O*NET codes."""

from __future__ import annotations

import pytest

from dashboard.core.text import (
    WORD_JOINER,
    escape_markdown,
    humanise,
    listed,
    markdown_lines,
    needs_tpm_note,
    onet_codes,
    onet_url,
    plot_text,
)

J = WORD_JOINER


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Plain words", "Plain words"),
        ("**bold**", r"\*\*bold\*\*"),
        ("[click](https://evil.example)", r"\[click\]\(https" + J + r"\://evil\.example\)"),
        ("<script>alert(1)</script>", r"\<script\>alert\(1\)\</script\>"),
        ("# heading", r"\# heading"),
        ("1. not a list", r"1\. not a list"),
        (":red[alarm] :material/home:", "\\:" + J + r"red\[alarm\] \:" + J + r"material/home\:"),
        # Addresses would become live links: a word joiner stops GitHub's autolink literals.
        ("www.evil.example", "www" + J + r"\.evil\.example"),
        ("mail me@evil.example", "mail me" + J + r"@evil\.example"),
        ("ftp://x", "ftp" + J + r"\://x"),
        ("$x^2$", r"\$x\^2\$"),
        ("a_b `code` ~x~ | pipe", r"a\_b \`code\` \~x\~ \| pipe"),
        ("back\\slash", r"back\\slash"),
        ("&amp; entity", r"\&amp; entity"),
        ("Café → Zürich", "Café → Zürich"),
        (None, ""),
    ],
)
def test_escape_markdown(text, expected):
    assert escape_markdown(text) == expected


def test_markdown_lines_keeps_line_breaks_and_escapes_each_line():
    assert markdown_lines("- one\n- *two*") == "\\- one  \n\\- \\*two\\*"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Delivery Lead", "Delivery Lead"),
        ("<b>bold</b>", "&lt;b&gt;bold&lt;/b&gt;"),
        ('<a href="https://x.example">x</a>', '&lt;a href="https://x.example"&gt;x&lt;/a&gt;'),
        ("R&D", "R&amp;D"),
    ],
)
def test_plot_text_neutralises_plotly_html(text, expected):
    assert plot_text(text) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("methodology_process", "Methodology process"), ("people", "People"), ("C++", "C++")],
)
def test_humanise(value, expected):
    assert humanise(value) == expected


@pytest.mark.parametrize(
    ("name", "abbreviation", "expected"),
    [
        ("Technical Program Manager", "TPM", True),
        ("Technical Project Manager", "TPM (project)", True),
        ("technical program manager", "", True),
        ("Delivery lead", "tpm", True),
        ("Program Manager", "PgM", False),
        ("Project Manager", "PM", False),
    ],
)
def test_needs_tpm_note(name, abbreviation, expected):
    assert needs_tpm_note(name, abbreviation) is expected


@pytest.mark.parametrize(
    ("cell", "codes"),
    [
        ("15-1299.09 Information Technology Project Managers", ["15-1299.09"]),
        ("11-9199.00 Managers, All Other; 11-1021.00 General", ["11-9199.00", "11-1021.00"]),
        ("none exact; nearest 15-1252.00 and 15-1252.00 again", ["15-1252.00"]),
        ("none", []),
        ("15-1299 without the suffix", []),
    ],
)
def test_onet_codes(cell, codes):
    assert onet_codes(cell) == codes


def test_onet_url():
    assert onet_url("15-1299.09") == "https://www.onetonline.org/link/summary/15-1299.09"


@pytest.mark.parametrize(
    ("items", "separator", "expected"),
    [
        ([], ", ", ""),
        (["PMP"], ", ", "PMP"),
        (["PMP", "CSM"], ", ", "PMP and CSM"),
        (["a", "b", "c"], ", ", "a, b and c"),
        (["plan, track", "report"], "; ", "plan, track and report"),
        (["plan, track", "report", "fix"], "; ", "plan, track; report and fix"),
        (list("abcdefgh"), ", ", "a, b, c, d, e, f and 2 more"),
    ],
)
def test_listed(items, separator, expected):
    assert listed(items, separator) == expected
