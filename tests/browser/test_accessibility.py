"""axe-core (from the npm registry, pinned in package.json) on every page and Overlap view: no
serious or critical accessibility violation may remain.

axe-core runs its whole rule set (colour contrast, labels, names of buttons and links, ARIA
use, ...); heading order counts as blocking too, though axe rates it moderate.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ROOT, TIMEOUT_MS, open_app, wait_idle

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")
# Moderate in axe's scale, but a screen-reader user navigates by headings: kept at zero too.
ALSO_BLOCKING = ("heading-order",)
PAGES = ["", "finder", "profiles", "overlap", "downloads", "your-data", "sources"]
PAGES += ["data-dictionary"]
OVERLAP_VIEWS = ["Most similar", "Shared and unique", "Importance", "Categories", "Industries"]


def axe_violations(page) -> list[dict]:
    """The serious and critical violations (and heading-order ones) axe-core finds on the page
    as it is now."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make test` (it runs `npm ci`), or `npm ci`.")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async () => {
          const found = await axe.run(document, {resultTypes: ['violations']});
          return found.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary,
                                      html: n.html.slice(0, 200)}))
          }));
        }"""
    )
    return [v for v in result if v["impact"] in BLOCKING or v["id"] in ALSO_BLOCKING]


def described(violations: list[dict]) -> str:
    """The violations as lines a developer can act on."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['impact']} {violation['id']}: {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['target']}: {node['summary']}  {node['html']}")
    return "\n".join(lines)


@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_no_serious_accessibility_violation(server, page, path):
    open_app(page, f"{server.url}/{path}")
    violations = axe_violations(page)
    assert not violations, described(violations)


@pytest.mark.parametrize("view", OVERLAP_VIEWS)
def test_every_overlap_view_has_no_serious_accessibility_violation(server, page, view):
    open_app(page, f"{server.url}/overlap?overlap_view={view.replace(' ', '+')}")
    expect(page.get_by_role("tab", name=view, exact=True)).to_have_attribute(
        "aria-selected", "true", timeout=TIMEOUT_MS
    )
    wait_idle(page)
    violations = axe_violations(page)
    assert not violations, described(violations)


def test_sidebar_widgets_announce_their_label_once_and_their_value(server, page):
    open_app(page, f"{server.url}/?min=3&industry=healthcare")
    sidebar = page.locator('[data-testid="stSidebar"]')
    group = sidebar.get_by_role("radiogroup", name="Minimum importance", exact=True)
    expect(group.get_by_role("radio", name="3", exact=True)).to_be_checked()
    expect(group.get_by_role("radio", checked=True)).to_have_count(1)
    industry = sidebar.get_by_role("combobox", name="Industry", exact=True)
    expect(industry).to_have_value("Healthcare")
    # No control's accessible name says its label twice ("Minimum importance Minimum ...").
    names = re.findall(r'^\s*- \w+ "([^"]+)"', sidebar.aria_snapshot(), flags=re.MULTILINE)
    doubled = [name for name in names if re.fullmatch(r"(.+) \1", name)]
    assert names and not doubled, doubled
