"""Whether a PDF can be printed here: asked on every Downloads run, so asked cheaply."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

from dashboard.core import chromium, pdf
from tests.support import ROOT


@pytest.mark.parametrize(
    ("playwright_found", "chromium_found", "expected"),
    [(True, True, True), (False, True, False), (True, False, False), (False, False, False)],
)
def test_a_pdf_needs_both_playwright_and_chromium(
    monkeypatch, tmp_path, playwright_found, chromium_found, expected
):
    real_find_spec = importlib.util.find_spec

    def find_spec(name, *args):
        if name == "playwright" and not playwright_found:
            return None
        return real_find_spec(name, *args)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    browser = tmp_path / "chromium"
    if chromium_found:
        browser.write_text("")
    monkeypatch.setenv("CHROMIUM_PATH", str(browser))
    monkeypatch.setattr(chromium, "DEFAULT_CHROMIUM", str(tmp_path / "none"))
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert pdf.pdf_available() is expected


def test_asking_does_not_import_playwright():
    # A fresh interpreter: this test process may have imported Playwright already.
    code = (
        "import sys; from dashboard.core.pdf import pdf_available; pdf_available(); "
        "print('playwright.sync_api' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "False"
