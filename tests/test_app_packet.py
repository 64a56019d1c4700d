"""The hiring packet in the app (AppTest): the Downloads page's section and the finder's
buttons for the top role, every file built on click only. The bytes are the builders' (tested in
test_packet and the browser tests); here, the widgets and what they are for."""

from __future__ import annotations

import pytest

from dashboard.core.brief import MAX_ROLES
from tests.apptest import run_app, unescape
from tests.support import FINDER, MINI, copy_dataset

ROLE_FILES = {
    "jd_md": "Job description (Markdown)",
    "jd_docx": "Job description (Word)",
    "scorecard_md": "Interview scorecard (Markdown)",
    "scorecard_docx": "Interview scorecard (Word)",
}
BRIEF_FILES = {"brief_html": "Decision brief (HTML)", "brief_pdf": "Decision brief (PDF)"}


def test_downloads_offers_the_packet_built_on_click(monkeypatch):
    at = run_app(monkeypatch, "downloads", query={"roles": "scrum_master,delivery_lead"})
    assert not at.exception
    assert "Hiring packet" in [header.value for header in at.header]
    for key, label in {**ROLE_FILES, **BRIEF_FILES}.items():
        button = at.download_button(key=f"packet_{key}")
        assert button.proto.label == label
        # A callable: the page holds a deferred file, never the document's bytes.
        assert button.proto.deferred_file_id
    # The role picker offers the selected roles, in their order, the first chosen.
    picker = at.selectbox(key="packet_role")
    assert picker.options == ["Scrum Master", "Delivery Lead"]
    assert picker.value == "scrum_master"
    assert at.toggle(key="packet_inclusive").value is False


def test_choosing_a_role_and_the_check_keeps_the_buttons(monkeypatch):
    at = run_app(monkeypatch, "downloads", query={"roles": "scrum_master,delivery_lead"})
    at.selectbox(key="packet_role").set_value("delivery_lead")
    at.toggle(key="packet_inclusive").set_value(True)
    at.run()
    assert not at.exception
    assert at.selectbox(key="packet_role").value == "delivery_lead"
    for key in ROLE_FILES:
        assert at.download_button(key=f"packet_{key}").proto.deferred_file_id


def test_without_chromium_the_page_says_how_to_get_a_pdf(monkeypatch):
    monkeypatch.setenv("CHROMIUM_PATH", "/nowhere/chromium")
    monkeypatch.setattr("dashboard.core.chromium.DEFAULT_CHROMIUM", "/nowhere/chromium")
    monkeypatch.setenv("PATH", "/nowhere")
    at = run_app(monkeypatch, "downloads")
    assert not at.exception
    with pytest.raises(KeyError):
        at.download_button(key="packet_brief_pdf")
    assert any("print it to PDF from the browser" in caption.value for caption in at.caption)
    assert at.download_button(key="packet_brief_html").proto.deferred_file_id


def test_a_brief_of_too_many_roles_is_explained(monkeypatch, tmp_path):
    folder = copy_dataset(tmp_path, MINI)
    roles = (folder / "roles.csv").read_text(encoding="utf-8").splitlines()
    extra = [
        roles[1].replace("delivery_lead,Delivery Lead", f"lead_{i},Lead {i}", 1) for i in range(6)
    ]
    (folder / "roles.csv").write_text("\n".join([*roles, *extra]) + "\n", encoding="utf-8")
    at = run_app(monkeypatch, "downloads", query={"roles": "*"}, dataset=folder)
    assert not at.exception
    assert any(f"at most {MAX_ROLES} roles" in info.value for info in at.info)
    with pytest.raises(KeyError):
        at.download_button(key="packet_brief_html")
    # The role documents are still offered.
    assert at.download_button(key="packet_jd_md").proto.deferred_file_id


def test_the_finder_offers_the_packet_of_its_top_role(monkeypatch):
    # Hand-worked in tests/test_fit.py: with these needs role "a" ranks first.
    at = run_app(
        monkeypatch,
        "finder",
        query={"must": "skill:s1,skill:s2@4,responsibility:r1"},
        dataset=FINDER,
    )
    assert not at.exception
    assert "Hiring packet for the top role" in [header.value for header in at.subheader]
    assert any(unescape(c.value).startswith("For the Role A: ") for c in at.caption)
    for key, label in ROLE_FILES.items():
        button = at.download_button(key=f"finder_packet_{key}")
        assert button.proto.label == label
        assert button.proto.deferred_file_id


def test_the_finder_without_needs_offers_no_packet(monkeypatch):
    at = run_app(monkeypatch, "finder", dataset=FINDER)
    with pytest.raises(KeyError):
        at.download_button(key="finder_packet_jd_md")
