"""The hiring packet in a real browser: each file downloads from the app and holds what the
builders make, and the decision brief opens from a file:// address with no server, draws its
pictures, fetches nothing, equals the CSV downloads and prints a section a page."""

from __future__ import annotations

import datetime
import io
import re

import docx
import pytest
from playwright.sync_api import expect

from dashboard.core.brief import decision_brief
from dashboard.core.comparison import Selection, comparison_long, comparison_wide
from dashboard.core.dataset import load_dataset
from dashboard.core.downloads import KIND_SIMILARITY, KIND_WIDE, export_files
from dashboard.core.fit import holdings, rank_roles
from dashboard.core.html_document import html_bytes
from dashboard.core.job_description import job_description
from dashboard.core.markdown_document import markdown_bytes
from dashboard.core.needs import catalogue_for, parse_needs
from dashboard.core.scorecard import scorecard
from tests.browser.conftest import TIMEOUT_MS, open_app, screenshot, wait_idle
from tests.support import SHIPPED, csv_records

ROLES = ("project_manager", "agile_coach", "technical_lead")
INDUSTRY = "healthcare"
# Printing a PDF starts a Chromium on the server: a hang guard, not a speed target.
PDF_TIMEOUT_MS = 180_000
PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?!s)")


def pdf_pages(data: bytes) -> int:
    """How many pages a PDF has (Chromium writes its page objects uncompressed)."""
    return len(PAGE_OBJECT.findall(data))


def download(page, key: str, tmp_path, timeout: int = TIMEOUT_MS):
    button = page.locator(f".st-key-{key}").get_by_role("button")
    with page.expect_download(timeout=timeout) as info:
        button.click()
    done = info.value
    path = tmp_path / done.suggested_filename
    done.save_as(path)
    return done.suggested_filename, path.read_bytes()


@pytest.fixture(scope="module")
def shipped():
    return load_dataset(SHIPPED)


@pytest.mark.parametrize(
    "key", ["jd_md", "jd_docx", "scorecard_md", "scorecard_docx", "brief_html", "brief_pdf"]
)
def test_each_packet_file_downloads_from_the_downloads_page(server, page, tmp_path, shipped, key):
    open_app(page, f"{server.url}/downloads?roles={','.join(ROLES)}&industry={INDUSTRY}")
    expect(page.get_by_role("heading", name="Hiring packet")).to_be_visible()
    timeout = PDF_TIMEOUT_MS if key == "brief_pdf" else TIMEOUT_MS
    name, data = download(page, f"packet_{key}", tmp_path, timeout)
    kind, file_format = key.split("_")
    start = {"jd": "job-description", "scorecard": "interview-scorecard", "brief": "decision-brief"}
    assert name.startswith(f"{start[kind]}_project-manager_")
    assert name.endswith(f"_{INDUSTRY}_{datetime.date.today().isoformat()}.{file_format}")
    today = datetime.date.today()
    role = ROLES[0]  # the picker's first choice
    if key == "jd_md":
        assert data == markdown_bytes(job_description(shipped, role, INDUSTRY))
    elif key == "scorecard_md":
        assert data == markdown_bytes(scorecard(shipped, role, INDUSTRY))
    elif file_format == "docx":
        opened = docx.Document(io.BytesIO(data))
        title = "job description (draft)" if kind == "jd" else "interview scorecard"
        assert opened.paragraphs[0].text == f"Project Manager: {title}"
        headings = [p.text for p in opened.paragraphs if p.style.name == "Heading 1"]
        assert headings[-1] == "Sources"
    elif key == "brief_html":
        expected = decision_brief(shipped, Selection(ROLES, INDUSTRY), today)
        assert data == html_bytes(expected)
    else:
        assert data.startswith(b"%PDF-")
        # What was compared, key differences, side by side, similarity, categories, sources:
        # each starts a page.
        assert pdf_pages(data) >= 6


def test_the_inclusive_check_and_another_role_reach_the_download(server, page, tmp_path, shipped):
    open_app(page, f"{server.url}/downloads?roles={','.join(ROLES)}")
    page.locator(".st-key-packet_role").get_by_role("combobox").click()
    page.get_by_role("option", name="Agile Coach", exact=True).click()
    # Each change reruns the page, which gives the buttons new files: click once it is done.
    expect(page.locator(".st-key-packet_role").get_by_role("combobox")).to_have_value("Agile Coach")
    wait_idle(page)
    page.locator(".st-key-packet_inclusive").get_by_text("Add an inclusive-wording check").click()
    expect(page.locator(".st-key-packet_inclusive").get_by_role("switch")).to_be_checked()
    wait_idle(page)
    name, data = download(page, "packet_jd_md", tmp_path)
    assert name.startswith("job-description_agile-coach_all-industries_")
    assert data == markdown_bytes(job_description(shipped, "agile_coach", None, inclusive=True))
    screenshot(page, "downloads-hiring-packet")


def test_the_finder_offers_its_top_roles_packet(server, page, tmp_path, shipped):
    must = "skill:coaching@4,skill:change_leadership"
    open_app(page, f"{server.url}/finder?must={must}")
    expect(page.get_by_text("Hiring packet for the top role")).to_be_visible()
    name, data = download(page, "finder_packet_jd_md", tmp_path)
    text = data.decode("utf-8")
    assert name.startswith("job-description_")
    assert "asked for by the team" in text
    # The file is the builder's for the ranking's first role (the fit module's, tested on its
    # own) and these needs.
    needs, problems = parse_needs([must], [], catalogue_for(shipped))
    assert not problems
    role_id = rank_roles(holdings(shipped, None), needs).role_ids[0]
    assert name.startswith(f"job-description_{role_id.replace('_', '-')}_all-industries_")
    assert data == markdown_bytes(job_description(shipped, role_id, None, needs))


def table_cells(page, name: str) -> list[list[str]]:
    """A data-table of the page as the browser shows it: rows of cell texts, header first."""
    return page.evaluate(
        """name => [...document.querySelectorAll(`table[data-table="${name}"] tr`)]
             .map(row => [...row.children].map(cell => cell.textContent))""",
        name,
    )


def test_the_brief_opens_from_a_file_url_with_no_server(browser, tmp_path, shipped):
    selection = Selection(ROLES, INDUSTRY)
    path = tmp_path / "brief.html"
    path.write_bytes(html_bytes(decision_brief(shipped, selection, datetime.date.today())))
    context = browser.new_context(viewport={"width": 1200, "height": 1600})
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        page.goto(path.as_uri())
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Decision brief: Project Manager, Agile Coach and Technical Lead"
        )
        # Nothing was fetched: the page is one file.
        assert requested == [path.as_uri()]
        for figure in ("similarity", "categories"):
            drawn = page.locator(f'figure[data-figure="{figure}"] svg')
            expect(drawn).to_be_visible()
            box = drawn.bounding_box()
            assert box and box["width"] > 200 and box["height"] > 100

        # The numbers equal the Downloads page's CSV files for the same selection.
        long = comparison_long(shipped, selection)
        wide = comparison_wide(long, shipped, ROLES)
        files = {
            f.kind: f for f in export_files(shipped, selection, long, wide, datetime.date.today())
        }
        matrix = csv_records(files[KIND_SIMILARITY].build())
        shown = table_cells(page, "similarity")
        assert [row[0] for row in shown[1:]] == [row[0] for row in matrix[1:]]
        for shown_row, csv_row in zip(shown[1:], matrix[1:], strict=True):
            assert [float(v) for v in shown_row[1:]] == [float(v) for v in csv_row[1:]]
        comparison = csv_records(files[KIND_WIDE].build())
        header = comparison[0]
        names = [shipped.role_names[r] for r in ROLES]
        skills = [row for row in comparison[1:] if row[header.index("section")] == "skills"]
        shown = table_cells(page, "skills")
        assert len(shown) - 1 == len(skills)
        for shown_row, csv_row in zip(shown[1:], skills, strict=True):
            assert shown_row[1] == csv_row[header.index("item")]
            assert shown_row[2:5] == [csv_row[header.index(n)] or "—" for n in names]

        # In print, every section after the first starts a new page.
        page.emulate_media(media="print")
        breaks = page.evaluate(
            """() => [...document.querySelectorAll('section.doc-section')]
                 .map(s => getComputedStyle(s).breakBefore)"""
        )
        assert breaks[0] != "page" and set(breaks[1:]) == {"page"} and len(breaks) == 6
        data = page.pdf(format="A4", print_background=True)
        assert data.startswith(b"%PDF-") and pdf_pages(data) >= len(breaks)
    finally:
        context.close()
