"""An HTML document printed to PDF by headless Chromium (Playwright's page.pdf()).

Debian's chromium is used (Playwright's own browser download does not work here): the path
comes from $CHROMIUM_PATH, else /usr/bin/chromium, else `chromium` on the PATH. The page is
printed offline with JavaScript off: a brief needs neither, and a document built from someone's
dataset gets no chance to run or fetch anything. Printing runs in a thread of its own, because
Playwright's synchronous API refuses to run where an asyncio loop is running.
"""

from __future__ import annotations

import importlib.util
import threading

from dashboard.core.chromium import CHROMIUM_ARGS, chromium_path

# Hang guards: starting Chromium and printing take a few seconds on a loaded 2-core machine.
LAUNCH_TIMEOUT_MS = 90_000
PRINT_TIMEOUT_MS = 90_000
PAPER = "A4"


class PdfError(RuntimeError):
    """A PDF cannot be made here (no Chromium, or printing failed); the message says why."""


def pdf_available() -> bool:
    """Whether a PDF can be printed here (Playwright and Chromium are both installed)."""
    # Found, not imported: the Downloads page asks on every run, and importing Playwright
    # (about 150 ms and its dependencies' memory) is left to the first PDF actually printed.
    if importlib.util.find_spec("playwright") is None:
        return False
    return chromium_path() is not None


def html_to_pdf(html: str) -> bytes:
    """The HTML page printed to an A4 PDF, with its print stylesheet and backgrounds."""
    chromium = chromium_path()
    if chromium is None:
        raise PdfError(
            "a PDF needs Chromium: install Debian's chromium (`sudo apt-get install -y chromium`)"
            " or set CHROMIUM_PATH; the HTML file prints to PDF from any browser"
        )
    result: dict[str, bytes | BaseException] = {}
    worker = threading.Thread(target=_print, args=(html, chromium, result), daemon=True)
    worker.start()
    worker.join()
    outcome = result.get("pdf") or result.get("error")
    if isinstance(outcome, bytes):
        return outcome
    raise PdfError(f"Chromium could not print the document: {outcome}") from (
        outcome if isinstance(outcome, BaseException) else None
    )


def _print(html: str, chromium: str, result: dict) -> None:
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium, args=list(CHROMIUM_ARGS), timeout=LAUNCH_TIMEOUT_MS
            )
            try:
                context = browser.new_context(java_script_enabled=False, offline=True)
                page = context.new_page()
                page.set_default_timeout(PRINT_TIMEOUT_MS)
                page.set_content(html, wait_until="load")
                result["pdf"] = page.pdf(
                    format=PAPER, print_background=True, prefer_css_page_size=True
                )
            finally:
                browser.close()
    except Exception as error:  # handed to the caller's thread, which raises PdfError
        result["error"] = error
