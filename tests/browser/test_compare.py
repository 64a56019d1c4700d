"""The Compare page as a hiring team reads it: six roles fit a laptop screen, a phone gets one
card per role with nothing cut, and the key differences name what only one role holds.

Expected values are computed here from the CSV files (tests/support.py), not by the app's code.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from playwright.sync_api import expect

from tests.browser.conftest import TIMEOUT_MS, open_app, screenshot
from tests.support import (
    SHIPPED,
    effective_duties,
    effective_importance,
    effective_relevance,
    names,
)

SIX = [
    "technical_program_manager",
    "project_manager",
    "program_manager",
    "agile_coach",
    "technical_lead",
    "technical_project_manager",
]
ROLE_NAMES = names("roles.csv", "role_id", SHIPPED)
# A statement names this many items, then "and N more" (dashboard/core/text.py LIST_LIMIT).
NAMED = 6
# What JavaScript counts as text cut off or a page wider than the screen.
CUT_TEXT = """root => [...root.querySelectorAll('th, td, li, h3, h4, span')]
    .filter(e => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflow !== 'visible')
    .map(e => e.textContent.slice(0, 60))"""
# Chips whose text is cut short, or which an ancestor that clips (overflow not visible) does
# not show whole: the role picker once showed four roles and scrolled the fifth out of sight.
CLIPPED_CHIPS = """box => [...box.querySelectorAll('[data-tag]')].filter(chip => {
    const r = chip.getBoundingClientRect();
    const cut = [...chip.querySelectorAll('span')].some(s => s.scrollWidth > s.clientWidth + 1);
    let n = chip.parentElement, hidden = false;
    while (n && n !== box) {
      const s = getComputedStyle(n);
      if (s.overflowX !== 'visible' || s.overflowY !== 'visible') {
        const a = n.getBoundingClientRect();
        if (r.top < a.top - 1 || r.bottom > a.bottom + 1 || r.left < a.left - 1
            || r.right > a.right + 1) hidden = true;
      }
      n = n.parentElement;
    }
    return cut || hidden;
  }).map(chip => chip.textContent)"""
PAGE_WIDER_THAN_SCREEN = (
    "() => document.scrollingElement.scrollWidth > window.innerWidth + 1 || "
    "document.querySelector('[data-testid=\"stMain\"]').scrollWidth > window.innerWidth + 1"
)


@contextlib.contextmanager
def sized_page(browser, width: int, height: int, **options) -> Iterator:
    """A page in a fresh context whose screen is width x height."""
    context = browser.new_context(viewport={"width": width, "height": height}, **options)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        yield context.new_page()
    finally:
        context.close()


def screenshot_from(page, heading, name: str) -> None:
    """A screenshot of the screen with this heading at its top (the page scrolls inside
    Streamlit's main container, not the window)."""
    heading.evaluate("e => e.scrollIntoView({block: 'start'})")
    screenshot(page, name, full_page=False)


def inside(box: dict, width: int, height: int) -> bool:
    return (
        box["x"] >= 0
        and box["y"] >= 0
        and box["x"] + box["width"] <= width + 0.5
        and box["y"] + box["height"] <= height + 0.5
    )


def test_six_roles_fit_a_laptop_screen_side_by_side(browser, server):
    width, height = 1440, 900
    with sized_page(browser, width, height) as page:
        open_app(page, f"{server.url}/?roles={','.join(SIX)}")
        for section in ("responsibilities", "skills", "certifications"):
            table = page.locator(f'table.rc-table[data-section="{section}"]')
            expect(table).to_be_visible()
            table.locator("thead").scroll_into_view_if_needed()
            headers = table.locator("thead th")
            assert headers.all_inner_texts()[1:] == [ROLE_NAMES[r] for r in SIX]
            first_row = table.locator("tbody tr").first.locator("th, td")
            assert first_row.count() == len(SIX) + 1
            # Every role's header and first value are on screen: no scrolling sideways.
            for cells in (headers, first_row):
                for i in range(cells.count()):
                    box = cells.nth(i).bounding_box()
                    assert box and inside(box, width, height), (section, i, box)
            # Long text wraps: no cell of the table clips its text.
            assert table.evaluate(CUT_TEXT) == []
        assert not page.evaluate(PAGE_WIDER_THAN_SCREEN)
        # The role picker shows every selected role's full name, none cut short.
        chips = page.locator(".st-key-selection_roles [data-tag]")
        assert [t.strip() for t in chips.all_inner_texts()] == [ROLE_NAMES[r] for r in SIX]
        assert page.locator(".st-key-selection_roles").evaluate(CLIPPED_CHIPS) == []
        # The tables are the page's own rows, not boxes that scroll inside it.
        assert page.locator(".rc-sbs [role=grid]").count() == 0
        title = page.get_by_role("heading", level=1)
        screenshot_from(page, title, "compare-1440x900-key-differences")
        side_by_side = page.get_by_role("heading", name="Side by side", level=2)
        screenshot_from(page, side_by_side, "compare-1440x900-six-roles")


def test_a_phone_gets_one_card_per_role_with_nothing_cut(browser, server):
    width, height = 390, 844
    with sized_page(browser, width, height, is_mobile=True) as page:
        open_app(page, f"{server.url}/?roles={','.join(SIX)}")
        expect(page.locator("table.rc-table").first).to_be_hidden()
        cards = page.locator("article.rc-card")
        assert cards.count() == len(SIX)
        for i, role_id in enumerate(SIX):
            card = cards.nth(i)
            assert card.get_attribute("data-role") == role_id
            card.scroll_into_view_if_needed()
            heading = card.get_by_role("heading", name=ROLE_NAMES[role_id], exact=True)
            expect(heading).to_be_visible()
            box = card.bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= width + 0.5, box
            # The card holds the role's values: its skills with their importance.
            rated = effective_importance(role_id, "", SHIPPED)
            expect(card.locator("li").first).to_be_visible()
            assert card.locator("li", has_text="importance").count() == len(rated)
            assert card.evaluate(CUT_TEXT) == []
        assert not page.evaluate(PAGE_WIDER_THAN_SCREEN)
        side_by_side = page.get_by_role("heading", name="Side by side", level=2)
        screenshot_from(page, side_by_side, "compare-390x844-cards")


def test_key_differences_name_what_only_the_tpm_holds_in_healthcare(server, page):
    tpm, pgm = "technical_program_manager", "program_manager"
    open_app(page, f"{server.url}/?roles={tpm},{pgm}&industry=healthcare")
    # From the CSVs: core duties the TPM holds that the Program Manager does not hold at all,
    # and skills the TPM rates 4-5 that the Program Manager rates 1-2 or not at all.
    duty_names = names("responsibilities.csv", "responsibility_id", SHIPPED)
    skill_names = names("skills.csv", "skill_id", SHIPPED)
    mine = effective_duties(tpm, "healthcare", SHIPPED)
    theirs = effective_duties(pgm, "healthcare", SHIPPED)
    only_duties = [duty_names[d] for d, how in mine.items() if how == "core" and d not in theirs]
    levels = effective_importance(tpm, "healthcare", SHIPPED)
    other = effective_importance(pgm, "healthcare", SHIPPED)
    only_skills = [
        f"{skill_names[s]} ({level})"
        for s, level in levels.items()
        if level >= 4 and other.get(s, 0) <= 2
    ]
    assert only_duties and only_skills  # the pair differs: the test checks something

    statement = page.locator("li", has_text=f"Only the {ROLE_NAMES[tpm]} ")
    expect(statement).to_have_count(1)
    text = statement.inner_text()
    for found in (only_duties, only_skills):
        shown = [item for item in found if item in text]
        assert len(shown) == min(len(found), NAMED), (found, text)
        if len(found) > NAMED:
            assert f"and {len(found) - NAMED} more" in text
    # No duty both roles hold is called the TPM's alone.
    shared = [duty_names[d] for d in mine if d in theirs]
    duties_part = text.split("; needs, where")[0]
    assert not [name for name in shared if name in duties_part]

    # Certifications essential or recommended for the TPM and neither for the Program Manager.
    cert_names = names("certifications.csv", "cert_id", SHIPPED)
    strong = ("essential", "recommended")
    theirs_certs = effective_relevance(pgm, "healthcare", SHIPPED)
    tpm_only = [
        cert_names[c]
        for c, relevance in effective_relevance(tpm, "healthcare", SHIPPED).items()
        if relevance in strong and theirs_certs.get(c) not in strong
    ]
    certificates = page.locator("li", has_text=f"for the {ROLE_NAMES[tpm]} only")
    if tpm_only:
        certificate_text = certificates.inner_text()
        assert all(name in certificate_text for name in tpm_only[:NAMED])
    else:
        expect(certificates).to_have_count(0)
