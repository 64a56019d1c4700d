"""Loading a dataset: folders, optional files, default roles, and the content fingerprint."""

from __future__ import annotations

import pytest

from dashboard.core.dataset import load_dataset, parse_dataset
from dashboard.core.problems import DatasetError
from tests.support import MINI, mini_files, with_line

ROLES_HEADER = (
    "role_id,name,abbreviation,summary,scope,background,career_path,onet_soc,esco,default,source"
)


def test_a_missing_folder_is_named():
    with pytest.raises(DatasetError, match="no_such_folder: this folder does not exist"):
        load_dataset(MINI / "no_such_folder")


def test_optional_files_may_be_absent_and_sources_blank():
    keep = {"roles.csv", "skills.csv", "role_skills.csv"}
    files = {name: data.replace(b",handbook", b",") for name, data in mini_files().items()}
    files = {name: data for name, data in files.items() if name in keep}
    # Keep the header and the seven general rows: there is no industries.csv to refer to now.
    files = {**files, "role_skills.csv": b"\n".join(files["role_skills.csv"].splitlines()[:8])}
    dataset = parse_dataset(files)
    assert dataset.certifications.empty and dataset.sources.empty
    assert list(dataset.certifications.columns)[:2] == ["cert_id", "name"]


def test_default_roles_fall_back_to_the_first_five():
    header = ROLES_HEADER
    rows = [f"r{i},Role {i},,,,,,,,no," for i in range(7)]
    files = {
        "roles.csv": "\n".join([header, *rows]).encode(),
        "skills.csv": b"skill_id,name,category,description\ns,S,c,\n",
        "role_skills.csv": b"role_id,skill_id,importance,industry_id,source\nr0,s,3,,\n",
    }
    assert parse_dataset(files).default_role_ids == ("r0", "r1", "r2", "r3", "r4")


def test_marked_defaults_win():
    assert parse_dataset(mini_files()).default_role_ids == ("delivery_lead", "scrum_master")


def test_fingerprint_follows_content_only():
    a = parse_dataset(mini_files()).fingerprint
    assert a == load_dataset(MINI).fingerprint
    changed = with_line(mini_files(), "skills.csv", 2, "planning,Planning,methodology,Plans.")
    assert parse_dataset(changed).fingerprint != a
