"""Bring your own roles in AppTest: upload, refusal, switch back, and isolation between sessions.

AppTest in Streamlit 1.67 drives st.file_uploader directly (`set_value`), so these tests go
through the real widget and the "Use this dataset" button. Expected role names come from the
fixture's roles.csv, read with the csv module.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import pytest

from tests.apptest import page_path, role_options, run_app, unescape
from tests.support import MINI, SHIPPED, mini_files, read_csv, with_line

ROLES = "selection_roles"


def names_in(folder: Path) -> list[str]:
    return [row["name"] for row in read_csv("roles.csv", folder)]


def defaults_in(folder: Path) -> list[str]:
    return [row["role_id"] for row in read_csv("roles.csv", folder) if row["default"] == "yes"]


def zipped(files: dict[str, bytes], folder: str = "mini") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(f"{folder}/{name}", data)
    return buffer.getvalue()


def roles_offered(at) -> tuple[list[str], list[str]]:
    """The role picker's options and selection, read on the Compare page (the upload page shows
    no picker); the session is back on the upload page afterwards."""
    at.switch_page(page_path("compare")).run()
    offered = (role_options(at), list(at.multiselect(key=ROLES).value))
    at.switch_page(page_path("your_data")).run()
    return offered


def upload(at, name: str, data: bytes):
    """Put a file in the uploader, press "Use this dataset", and return the app.

    The page has one uploader, whose key changes each time it is emptied.
    """
    at.file_uploader[0].set_value([(name, data, "application/zip")]).run()
    return at.button(key="upload_use").click().run()


@pytest.fixture
def shipped_app(monkeypatch):
    """A session on the shipped dataset, opened on the "Your own roles" page."""
    monkeypatch.setattr(sys, "argv", ["app.py"])
    at = run_app(monkeypatch, "your_data", dataset=None)
    assert not at.exception
    assert roles_offered(at)[0] == names_in(SHIPPED)
    return at


def test_a_good_zip_switches_the_session_to_its_roles(shipped_app):
    at = upload(shipped_app, "mini.zip", zipped(mini_files()))
    assert not at.exception
    assert not at.error
    assert f"{len(names_in(MINI))} roles" in at.success[0].value
    assert roles_offered(at) == (names_in(MINI), defaults_in(MINI))
    assert "your upload" in unescape(at.sidebar.caption[0].value)
    # Every page uses it, not just this one.
    at.switch_page("app_pages/compare.py").run()
    assert not at.exception
    assert role_options(at) == names_in(MINI)


def test_a_bad_zip_lists_file_row_and_column_and_keeps_the_dataset(shipped_app):
    files = with_line(mini_files(), "role_skills.csv", 3, "delivery_lead,risk,high,,handbook")
    at = upload(shipped_app, "broken.zip", zipped(files))
    assert not at.exception
    message = unescape(at.error[0].value)
    assert "role_skills.csv row 3, column importance" in message
    assert "still uses the shipped dataset" in message
    assert not at.success
    at.switch_page("app_pages/compare.py").run()
    assert not at.exception
    assert role_options(at) == names_in(SHIPPED)


def test_a_bad_upload_after_a_good_one_keeps_the_good_one(shipped_app):
    at = upload(shipped_app, "mini.zip", zipped(mini_files()))
    at = upload(at, "not-a-zip.zip", b"these bytes are not a zip")
    assert not at.exception
    assert "not-a-zip.zip" in unescape(at.error[0].value)
    assert "earlier upload" in at.error[0].value
    assert roles_offered(at)[0] == names_in(MINI)


def test_switch_back_restores_the_shipped_roles(shipped_app):
    at = upload(shipped_app, "mini.zip", zipped(mini_files()))
    assert roles_offered(at)[0] == names_in(MINI)
    at.button(key="upload_switch_back").click().run()
    assert not at.exception
    assert not at.success
    assert roles_offered(at) == (names_in(SHIPPED), defaults_in(SHIPPED))


def test_csv_files_can_be_uploaded_without_a_zip(shipped_app):
    csvs = [(name, data, "text/csv") for name, data in mini_files().items()]
    shipped_app.file_uploader(key="upload_files").set_value(csvs).run()
    at = shipped_app.button(key="upload_use").click().run()
    assert not at.exception
    assert roles_offered(at)[0] == names_in(MINI)


def test_an_upload_in_one_session_is_invisible_in_another(monkeypatch):
    monkeypatch.setattr(sys, "argv", ["app.py"])
    first = run_app(monkeypatch, "your_data", dataset=None)
    second = run_app(monkeypatch, "your_data", dataset=None)
    upload(first, "mini.zip", zipped(mini_files()))
    assert roles_offered(first)[0] == names_in(MINI)
    second.run()
    assert not second.exception
    assert not second.success
    second.switch_page("app_pages/compare.py").run()
    assert role_options(second) == names_in(SHIPPED)


def test_the_template_and_the_dataset_download_are_offered(shipped_app):
    at = upload(shipped_app, "mini.zip", zipped(mini_files()))
    assert at.download_button(key="upload_template")
    assert at.download_button(key="upload_export")


def test_nothing_is_written_into_datasets(shipped_app):
    before = sorted((path.name, path.stat().st_mtime_ns) for path in SHIPPED.iterdir())
    upload(shipped_app, "mini.zip", zipped(mini_files()))
    after = sorted((path.name, path.stat().st_mtime_ns) for path in SHIPPED.iterdir())
    assert after == before


def test_the_uploader_is_emptied_once_its_files_are_used(shipped_app):
    at = upload(shipped_app, "mini.zip", zipped(mini_files()))
    assert roles_offered(at)[0] == names_in(MINI)
    # A new, empty uploader: Streamlit's copy of the bytes is no longer needed.
    assert len(at.file_uploader) == 1
    assert not at.file_uploader[0].value
    assert at.button(key="upload_use").disabled


def test_the_link_says_the_view_uses_an_upload(shipped_app):
    at = upload(shipped_app, "mini.zip", zipped(mini_files()))
    assert at.query_params["dataset"] == "upload"
    at.button(key="upload_switch_back").click().run()
    assert "dataset" not in at.query_params


def test_a_link_to_an_upload_this_session_lacks_says_to_upload_again(monkeypatch):
    # What a browser sees when its server stopped and it reconnected to another replica.
    monkeypatch.setattr(sys, "argv", ["app.py"])
    at = run_app(monkeypatch, None, query={"dataset": "upload"}, dataset=None)
    assert not at.exception
    warning = unescape(at.warning[0].value)
    assert "upload your files again" in warning
    assert role_options(at) == names_in(SHIPPED)
    assert "dataset" not in at.query_params
