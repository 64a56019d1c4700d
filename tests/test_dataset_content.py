"""The shipped dataset loads cleanly, meets every minimum of the role-dataset issue, and cites
a source on every row. The documented data dictionary covers every contract column."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

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


OPTIONAL_ROLES = {
    "technical_project_manager": "Technical Project Manager",
    "scrum_master": "Scrum Master",
}


def test_default_and_optional_roles(dataset):
    roles = dataset.roles.set_index("role_id")
    assert dataset.default_role_ids == tuple(DEFAULT_ROLES)
    for role_id, name in {**DEFAULT_ROLES, **OPTIONAL_ROLES}.items():
        assert roles.loc[role_id, "name"] == name
    for role_id in OPTIONAL_ROLES:
        assert not roles.loc[role_id, "default"]
    assert len(roles) == len(DEFAULT_ROLES) + len(OPTIONAL_ROLES)


@pytest.mark.parametrize("role_id", ["technical_program_manager", "technical_project_manager"])
def test_both_tpm_summaries_say_which_tpm_is_which(dataset, role_id):
    summary = dataset.roles.set_index("role_id").loc[role_id, "summary"]
    assert "TPM" in summary
    assert "Program" in summary and "Project" in summary


def test_the_acronym_is_attributed_to_the_articles_that_use_it(dataset):
    # Only the guide uses "TPM" for the project role; "Mastering Technical Project Management"
    # never uses the acronym: no text may say it does.
    notes = dataset.sources.set_index("source_id")["note"]
    assert "never" in notes["mastering"].lower() and "TPM" in notes["mastering"]
    for summary in dataset.roles["summary"]:
        for clause in re.split(r"[.;]", summary):
            if "Mastering" in clause:
                assert "never" in clause, clause


def test_the_scrum_master_is_told_apart_from_the_agile_coach(dataset):
    summary = dataset.roles.set_index("role_id").loc["scrum_master", "summary"]
    assert "Agile Coach" in summary
    assert "scrum_guide_2020" in dataset.roles.set_index("role_id").loc["scrum_master", "source"]


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
    "scrum_master": ("15-1299.09", "none"),
}


@pytest.mark.parametrize(("role_id", "codes"), CROSSWALK.items())
def test_crosswalk_follows_the_reference(dataset, role_id, codes):
    role = dataset.roles.set_index("role_id").loc[role_id]
    onet, esco = codes
    assert onet in role["onet_soc"]
    assert esco in role["esco"]


def general(frame):
    return frame[frame["industry_id"] == ALL_INDUSTRIES]


ALL_ROLES = [*DEFAULT_ROLES, *OPTIONAL_ROLES]


def test_every_role_is_assessed_against_every_skill(dataset):
    # Equal evidence: a general rating for every (role, skill), so a missing row never reads
    # as "not needed"; a skill assessed and found unsupported is rated 1 with its basis.
    rated = general(dataset.role_skills)
    assert len(rated) == len(ALL_ROLES) * len(dataset.skills)
    for role_id in ALL_ROLES:
        assert set(rated.loc[rated["role_id"] == role_id, "skill_id"]) == set(
            dataset.skills["skill_id"]
        ), role_id
    ones = rated[rated["importance"] == 1]
    assert ones["basis"].str.startswith("R1").all()
    assert (ones["source"] != "").all()


def test_every_rating_says_which_rule_gave_it(dataset):
    rules = {
        "role_skills": r"(R[1-5]|R2-cap|I1)\b",
        "role_certifications": r"C-(E|R1|R2|O1|O2|down)\b",
        "role_industries": r"P(1|2|3|4|4b|5)\b",
        "role_responsibilities": r"E(1|2|3)(-I)?\b",
    }
    for table, rule in rules.items():
        basis = dataset.table(table)["basis"]
        assert basis.str.match(rule).all(), (table, basis[~basis.str.match(rule)].tolist()[:3])


def test_o_net_importance_is_used_for_no_role(dataset):
    # O*NET's IM ratings exist in the extract for only some mapped occupations: using them
    # would rate some roles on more evidence than others.
    cited = {
        part for cell in dataset.role_skills["source"] for part in cell.split(SOURCE_SEPARATOR)
    }
    assert "onet_28_skills" not in cited


@pytest.mark.parametrize("role_id", ALL_ROLES)
def test_each_role_meets_the_content_minimums(dataset, role_id):
    responsibilities = general(dataset.role_responsibilities)
    certifications = general(dataset.role_certifications)
    assert (responsibilities["role_id"] == role_id).sum() >= 8
    assert (certifications["role_id"] == role_id).sum() >= 4


@pytest.mark.parametrize("role_id", ALL_ROLES)
def test_each_role_cites_at_least_three_distinct_sources(dataset, role_id):
    cited = set()
    for table in ("role_skills", "role_responsibilities", "role_certifications"):
        frame = dataset.table(table)
        for cell in frame.loc[frame["role_id"] == role_id, "source"]:
            cited |= {part for part in cell.split(SOURCE_SEPARATOR) if part}
    assert len(cited) >= 3, (role_id, cited)


def test_responsibilities_are_a_shared_catalogue(dataset):
    held = dataset.role_responsibilities.groupby("responsibility_id")["role_id"].nunique()
    catalogue = dataset.responsibilities["responsibility_id"]
    assert set(held.index) == set(catalogue)  # every catalogue item is held by some role
    assert (held >= 2).sum() >= 0.4 * len(catalogue)
    assert set(dataset.role_responsibilities["emphasis"]) == {"core", "supporting"}
    assert dataset.responsibilities["area"].nunique() >= 6


def test_skill_vocabulary(dataset):
    assert len(dataset.skills) >= 45
    assert dataset.skills["category"].nunique() >= 5
    assert dataset.role_skills["importance"].between(1, 5).all()


def test_certification_catalogue(dataset):
    catalogue = dataset.certifications
    assert len(catalogue) >= 20
    names = " | ".join(catalogue["name"])
    missing = [name for name in REQUIRED_CERTIFICATIONS if name not in names]
    assert missing == []
    for column in ("issuer", "validates", "prerequisites", "renewal"):
        assert (catalogue[column] != "").all(), column


def test_certification_links_are_the_certifications_own_pages(dataset):
    # Never an issuer's home page: where the certification's own page was not found, the link
    # is blank and the note says so.
    for row in dataset.certifications.itertuples():
        if row.url:
            assert urlsplit(row.url).path.strip("/"), row.url
        else:
            assert "page" in row.note.lower(), row.cert_id


def test_every_certification_says_when_it_was_checked_or_why_not(dataset):
    for row in dataset.certifications.itertuples():
        assert row.checked or row.note, row.cert_id
        if row.checked:
            assert row.checked <= "2026-12-31"


def test_renewal_rules_are_the_issuers_current_ones(dataset):
    renewal = dataset.certifications.set_index("cert_id")["renewal"]
    assert "15" in renewal["capm"] and "3 years" in renewal["capm"]
    assert "3 years" in renewal["prince2"]
    assert "not expire" in renewal["icp_acc"].lower()


def test_industries_and_their_specific_rows(dataset):
    assert set(REQUIRED_INDUSTRIES) <= set(dataset.industries["industry_id"])
    specific = sum(
        (dataset.table(name)["industry_id"] != ALL_INDUSTRIES).sum()
        for name in ("role_skills", "role_certifications", "role_responsibilities")
    )
    assert specific >= 20
    # Cybersecurity must change the picture with security content.
    cyber = dataset.role_certifications[
        dataset.role_certifications["industry_id"] == "cybersecurity"
    ]
    assert "cissp" in set(cyber["cert_id"])


def test_no_prevalence_without_a_source_about_the_role_in_the_industry(dataset):
    kinds = dataset.sources.set_index("source_id")["kind"]
    for row in dataset.role_industries.itertuples():
        cited = [part for part in row.source.split(SOURCE_SEPARATOR) if part]
        # A regulator's page says nothing about a role: it cannot be the only evidence.
        assert any(kinds[source] != "regulator page" for source in cited), row
        assert row.note, row
        assert not row.basis.startswith("P0"), row


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
    assert "Scrum Guide" in titles


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
