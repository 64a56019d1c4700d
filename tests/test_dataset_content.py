"""The shipped dataset loads cleanly, meets every minimum of the role-dataset issue, and cites
a source on every row. The documented data dictionary covers every contract column."""

from __future__ import annotations

import re

import pytest

from dashboard.core.contract import (
    ALL_INDUSTRIES,
    CONTRACT,
    FACT_TABLES,
    SOURCE,
    SOURCE_SEPARATOR,
)
from dashboard.core.dataset import SHIPPED_DATASET, load_dataset

DEFAULT_ROLES = {
    "technical_program_manager": "Technical Program Manager",
    "project_manager": "Project Manager",
    "program_manager": "Program Manager",
    "agile_coach": "Agile Coach",
    "technical_lead": "Technical Lead",
}
REQUIRED_CERTIFICATIONS = [
    "PMP",
    "CAPM",
    "PgMP",
    "PMI-ACP",
    "CSM",
    "PSM",
    "PRINCE2",
    "Project+",
    "CISSP",
    "AWS Certified Solutions Architect",
    "SAFe",
    "ICAgile",
    "ICF",
]
REQUIRED_INDUSTRIES = [
    "technology",
    "it_departments",
    "consulting",
    "government_nonprofit",
    "startups",
    "healthcare",
    "finance",
    "telecom",
    "cybersecurity",
]
ARTICLE_TITLES = [
    "A Guide to Technical Project and Program Management",
    "The role of a Technical Program Manager",
    "Mastering Technical Project Management",
    "Technical Program Manager Job Description",
]


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(SHIPPED_DATASET)


def test_default_roles_and_the_technical_project_manager(dataset):
    roles = dataset.roles.set_index("role_id")
    assert dataset.default_role_ids == tuple(DEFAULT_ROLES)
    for role_id, name in DEFAULT_ROLES.items():
        assert roles.loc[role_id, "name"] == name
    assert roles.loc["technical_project_manager", "name"] == "Technical Project Manager"
    assert not roles.loc["technical_project_manager", "default"]


@pytest.mark.parametrize("role_id", ["technical_program_manager", "technical_project_manager"])
def test_both_tpm_summaries_say_which_tpm_is_which(dataset, role_id):
    summary = dataset.roles.set_index("role_id").loc[role_id, "summary"]
    assert "TPM" in summary
    assert "Program" in summary and "Project" in summary


@pytest.mark.parametrize(
    "column", ["summary", "scope", "background", "career_path", "onet_soc", "esco"]
)
def test_every_role_describes_itself(dataset, column):
    blank = dataset.roles.loc[dataset.roles[column] == "", "role_id"].tolist()
    assert blank == []


CROSSWALK = {
    "technical_program_manager": ("15-1299.09", "ICT project manager"),
    "project_manager": ("13-1082.00", "project manager"),
    "program_manager": ("11-9199.00", "programme manager"),
    "agile_coach": ("none", "none"),
    "technical_lead": ("15-1252.00", "software developer"),
}


@pytest.mark.parametrize(("role_id", "codes"), CROSSWALK.items())
def test_crosswalk_follows_the_reference(dataset, role_id, codes):
    role = dataset.roles.set_index("role_id").loc[role_id]
    onet, esco = codes
    assert onet in role["onet_soc"]
    assert esco in role["esco"]


def general(frame):
    return frame[frame["industry_id"] == ALL_INDUSTRIES]


@pytest.mark.parametrize("role_id", [*DEFAULT_ROLES, "technical_project_manager"])
def test_each_role_meets_the_content_minimums(dataset, role_id):
    responsibilities = general(dataset.responsibilities)
    skills = general(dataset.role_skills)
    certifications = general(dataset.role_certifications)
    assert (responsibilities["role_id"] == role_id).sum() >= 8
    assert (skills["role_id"] == role_id).sum() >= 15
    assert (certifications["role_id"] == role_id).sum() >= 4
    industries = dataset.role_industries[dataset.role_industries["role_id"] == role_id]
    assert set(industries["industry_id"]) == set(dataset.industries["industry_id"])


def test_responsibility_emphasis_and_areas(dataset):
    assert set(dataset.responsibilities["emphasis"]) == {"core", "supporting"}
    assert dataset.responsibilities["area"].nunique() >= 6


def test_skill_vocabulary(dataset):
    assert len(dataset.skills) >= 45
    assert dataset.skills["category"].nunique() >= 5
    assert dataset.role_skills["importance"].between(1, 5).all()


def test_certification_catalogue(dataset):
    catalogue = dataset.certifications
    assert len(catalogue) >= 15
    names = " | ".join(catalogue["name"])
    missing = [name for name in REQUIRED_CERTIFICATIONS if name not in names]
    assert missing == []
    for column in ("issuer", "validates", "prerequisites", "renewal", "url"):
        assert (catalogue[column] != "").all(), column


def test_industries_and_their_specific_rows(dataset):
    assert set(REQUIRED_INDUSTRIES) <= set(dataset.industries["industry_id"])
    specific = sum(
        (dataset.table(name)["industry_id"] != ALL_INDUSTRIES).sum()
        for name in ("role_skills", "role_certifications", "responsibilities")
    )
    assert specific >= 20
    # Cybersecurity must change the picture with security content.
    cyber = dataset.role_certifications[
        dataset.role_certifications["industry_id"] == "cybersecurity"
    ]
    assert "cissp" in set(cyber["cert_id"])


@pytest.mark.parametrize("table", FACT_TABLES)
def test_every_fact_row_cites_a_known_source(dataset, table):
    frame = dataset.table(table)
    known = set(dataset.sources["source_id"])
    assert (frame[SOURCE].str.strip() != "").all()
    cited = {part.strip() for cell in frame[SOURCE] for part in cell.split(SOURCE_SEPARATOR)}
    assert cited <= known


def test_sources_include_the_articles_and_reference_data(dataset):
    titles = " | ".join(dataset.sources["title"])
    for title in ARTICLE_TITLES:
        assert title in titles
    assert "O*NET" in titles
    assert "ESCO" in titles


def test_conflicting_renewal_rules_are_stated_not_hidden(dataset):
    renewal = dataset.certifications.set_index("name")["renewal"]
    conflicted = [text for name, text in renewal.items() if "CAPM" in name or "PRINCE2" in name]
    assert conflicted and all(re.search(r"differ|conflict|older", t, re.I) for t in conflicted)


def test_every_source_has_a_title_and_licence_or_terms(dataset):
    assert (dataset.sources["title"] != "").all()
    assert (dataset.sources["publisher"] != "").all()


DICTIONARY = SHIPPED_DATASET / "README.md"


def dictionary_sections() -> dict[str, str]:
    text = DICTIONARY.read_text(encoding="utf-8")
    parts = re.split(r"^## `([a-z_]+\.csv)`", text, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


@pytest.mark.parametrize(
    ("file", "column"),
    [(spec.file, column) for spec in CONTRACT for column in spec.column_names],
)
def test_data_dictionary_documents_every_contract_column(file, column):
    section = dictionary_sections().get(file, "")
    assert re.search(rf"^\|\s*`{column}`\s*\|", section, flags=re.M), f"{file}: {column}"


def test_data_dictionary_documents_the_extra_columns_the_dataset_ships():
    sections = dictionary_sections()
    for spec in CONTRACT:
        header = (SHIPPED_DATASET / spec.file).read_text(encoding="utf-8").splitlines()[0]
        for column in header.split(","):
            assert f"`{column}`" in sections.get(spec.file, ""), f"{spec.file}: {column}"


def test_data_dictionary_carries_the_onet_attribution():
    text = DICTIONARY.read_text(encoding="utf-8")
    assert "O*NET 30 Database by the U.S. Department of Labor" in text
    assert "CC BY 4.0" in text
    assert "ESCO, European Commission" in text
