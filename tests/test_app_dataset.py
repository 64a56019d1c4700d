"""Where the dataset comes from: DASHBOARD_DATASET, `--dataset`, broken folders (AppTest)."""

from __future__ import annotations

import csv
import sys

import pytest

from tests.apptest import open_view, role_options, run_app, side_by_side, unescape
from tests.support import MINI, SHIPPED, copy_dataset, read_csv


def test_dashboard_dataset_points_the_app_at_another_folder(monkeypatch):
    at = run_app(monkeypatch, "compare", dataset=MINI)
    assert not at.exception
    assert role_options(at) == [row["name"] for row in read_csv("roles.csv", MINI)]
    assert "mini/" in unescape(at.sidebar.caption[0].value)


def test_without_it_the_shipped_dataset_is_used(monkeypatch):
    monkeypatch.setattr(sys, "argv", ["app.py"])
    at = run_app(monkeypatch, "compare", dataset=None)
    assert role_options(at) == [row["name"] for row in read_csv("roles.csv", SHIPPED)]


def test_the_dataset_argument_is_read_from_the_command_line(monkeypatch):
    monkeypatch.setattr(sys, "argv", ["app.py", "--dataset", str(MINI)])
    at = run_app(monkeypatch, "compare", dataset=None)
    assert role_options(at) == [row["name"] for row in read_csv("roles.csv", MINI)]


def test_a_broken_dataset_shows_every_problem_with_file_row_and_column(monkeypatch, tmp_path):
    folder = copy_dataset(tmp_path)
    roles = (
        (folder / "roles.csv")
        .read_text(encoding="utf-8")
        .replace(",yes,handbook", ",maybe,handbook", 1)
    )
    (folder / "roles.csv").write_text(roles, encoding="utf-8")
    with (folder / "role_skills.csv").open("a", encoding="utf-8") as handle:
        handle.write("scrum_master,risk,high,,handbook\n")
    at = run_app(monkeypatch, "compare", dataset=folder)
    assert not at.exception
    message = unescape(at.error[0].value)
    assert "The dataset has 2 problems" in message
    assert "roles.csv row 2, column default" in message
    assert "role_skills.csv row 12, column importance" in message
    assert "maybe" in message
    # Nothing else is drawn: no half-loaded pages.
    assert not at.dataframe and not at.multiselect


def test_a_missing_folder_is_named_in_the_error(monkeypatch, tmp_path):
    at = run_app(monkeypatch, "compare", dataset=tmp_path / "nowhere")
    assert not at.exception
    assert "this folder does not exist" in unescape(at.error[0].value)


def test_an_edited_file_is_reloaded_on_the_next_run(monkeypatch, tmp_path):
    folder = copy_dataset(tmp_path)
    at = run_app(monkeypatch, "compare", dataset=folder)
    assert "Delivery Lead" in role_options(at)
    roles = folder / "roles.csv"
    roles.write_text(
        roles.read_text(encoding="utf-8").replace("Delivery Lead", "Release Lead"), encoding="utf-8"
    )
    at.run()
    assert "Release Lead" in role_options(at)
    assert "Release Lead" in side_by_side(at)["skills"].columns


def minimal_dataset(tmp_path):
    """Only the three required files, no sources, no industries, no industry rows."""
    folder = tmp_path / "minimal"
    folder.mkdir()
    for name in ("roles.csv", "skills.csv", "role_skills.csv"):
        rows = [row for row in read_csv(name, MINI) if not row.get("industry_id")]
        with (folder / name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows({**row, "source": ""} if "source" in row else row for row in rows)
    return folder


@pytest.mark.parametrize(
    ("page", "message"),
    [
        ("compare", "No certifications to show"),
        ("profiles", "No data: no source in the dataset speaks of this role in any industry"),
        ("overlap", "prevalence of none of these roles"),
        ("downloads", None),
        ("sources", "lists no sources"),
    ],
)
def test_a_dataset_with_only_the_required_files_gets_kind_empty_states(
    monkeypatch, tmp_path, page, message
):
    at = run_app(monkeypatch, page, dataset=minimal_dataset(tmp_path))
    if page == "overlap":
        open_view(at, "Industries")
    assert not at.exception and not at.error
    if page in ("compare", "overlap", "downloads"):
        assert at.selectbox(key="selection_industry").options == ["All industries"]
    if message:
        assert any(message in info.value for info in at.info)


def test_roles_that_share_a_name_stay_apart(monkeypatch, tmp_path):
    folder = copy_dataset(tmp_path)
    roles = folder / "roles.csv"
    text = roles.read_text(encoding="utf-8")
    roles.write_text(
        text.replace("platform_architect,Platform Architect", "platform_architect,Scrum Master"),
        encoding="utf-8",
    )
    at = run_app(monkeypatch, "compare", query={"roles": "*"}, dataset=folder)
    assert not at.exception
    assert at.multiselect(key="selection_roles").value == [
        "delivery_lead",
        "scrum_master",
        "platform_architect",
    ]
    columns = list(side_by_side(at)["skills"].columns)
    assert columns[2:] == [
        "Delivery Lead",
        "Scrum Master (scrum_master)",
        "Scrum Master (platform_architect)",
    ]
    at.switch_page("app_pages/overlap.py").run()
    assert not at.exception
