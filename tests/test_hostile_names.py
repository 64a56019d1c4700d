"""Property: any role names and ids a dataset may hold go through every computation and export.

Names are drawn from the comparison tables' own column names, look-alikes in two scripts,
bidirectional controls, Markdown, HTML, formula-like text and long strings; ids from the
column names and random ids. Whatever is drawn, loading either refuses the dataset with a
message (bidirectional controls) or the comparison, similarity, every view, every chart and
every CSV export run, and each name comes back in the CSV files exactly as it was written.
"""

from __future__ import annotations

import csv
import datetime
import io

import numpy as np
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dashboard.core import charts
from dashboard.core.comparison import (
    SECTIONS,
    Selection,
    category_profile,
    comparison_long,
    comparison_wide,
    filtered_ratings,
    overlap_summary,
    prevalence_matrix,
    selection_similarity,
    shared_skills,
    skill_holders,
    unique_skills,
)
from dashboard.core.contract import CONTRACT
from dashboard.core.dataset import parse_dataset
from dashboard.core.dataset_zip import csv_file_bytes, dataset_zip
from dashboard.core.downloads import KIND_LONG, KIND_SIMILARITY, KIND_WIDE, export_files
from dashboard.core.problems import DatasetError
from dashboard.core.similarity import similarity_table
from dashboard.core.spreadsheet import unescape_cell
from dashboard.core.validation import BIDI_CONTROLS
from dashboard.core.views import (
    category_view,
    cited_sources,
    importance_view,
    overlap_table,
    prevalence_table,
    role_record,
    section_view,
    unique_view,
)

# Every column name the comparison, view and export tables use.
INTERNAL = [
    "section", "group", "item", "item_id", "role", "role_id", "value", "industry_id",
    "source", "sources", "url", "issuer", "prerequisites", "renewal", "name", "shared",
    "unique", "total", "count", "skills", "category", "similarity", "rank", "index",
]  # fmt: skip
LOOKALIKES = ["Project Manager", "Project Man\u0430ger", "Ѕcrum Master", "Scrum Master"]
HOSTILE = [
    "**bold** _x_",
    "<script>alert(1)</script>",
    "[click](https://evil.example)",
    ":material/home: :red[x]",
    "https://evil.example www.evil.example a@b.example",
    "=SUM(A1)",
    "-1",
    "@cmd",
    "'=quoted",
    "Lead (role_a)",
    "Scrum \u202eretsaM",
    "\u2066isolated\u2069",
    'Zoë → Ærø, "quoted"',
]
TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=300)
NAMES = st.one_of(
    st.sampled_from(INTERNAL + LOOKALIKES + HOSTILE),
    TEXT,
    st.text(alphabet="ab ", min_size=2000, max_size=5000),
).filter(lambda name: name.strip() == name and name)
IDS = st.one_of(st.sampled_from(INTERNAL), st.from_regex(r"[a-z0-9_]{1,12}", fullmatch=True))
ROLES = st.lists(st.tuples(IDS, NAMES), min_size=1, max_size=6, unique_by=lambda role: role[0])
DAY = datetime.date(2026, 11, 30)
SKILLS = ["plan", "risk", "code"]


def dataset_files(roles: list[tuple[str, str]]) -> dict[str, bytes]:
    """A whole dataset around the roles, written as the app writes CSV (cells escaped)."""
    role_ids = [role_id for role_id, _ in roles]
    ratings = [
        [role_id, skill, str(1 + (i + j) % 5), "", "src"]
        for i, role_id in enumerate(role_ids)
        for j, skill in enumerate(SKILLS)
        if (i + j) % 3
    ] + [[role_ids[0], "risk", "5", "bank", "src"]]

    def table(spec_table: str, rows: list[list[str]]) -> bytes:
        spec = next(spec for spec in CONTRACT if spec.table == spec_table)
        return csv_file_bytes(spec.column_names, rows)

    return {
        "roles.csv": table(
            "roles", [[r, n, "", "", "", "", "", "", "", "yes", "src"] for r, n in roles]
        ),
        "skills.csv": table("skills", [[s, s.title(), "core", ""] for s in SKILLS]),
        "role_skills.csv": table("role_skills", ratings),
        "responsibilities.csv": table(
            "responsibilities", [["own", "Own duty", "area", ""], ["shared", "Shared", "area", ""]]
        ),
        "role_responsibilities.csv": table(
            "role_responsibilities",
            [[r, "own", "core", "", "src", ""] for r in role_ids]
            + [
                [role_ids[-1], "shared", "supporting", "bank", "src", f"as {r}"]
                for r in role_ids[:1]
            ],
        ),
        "certifications.csv": table(
            "certifications", [["cert", "A cert", "Issuer", "", "", "", "https://x.example", "src"]]
        ),
        "role_certifications.csv": table(
            "role_certifications", [[role_ids[0], "cert", "essential", "", "src"]]
        ),
        "industries.csv": table("industries", [["bank", "Banking", ""]]),
        "role_industries.csv": table(
            "role_industries", [[r, "bank", "3", "", "src"] for r in role_ids]
        ),
        "sources.csv": table("sources", [["src", "A source", "", "https://s.example", ""]]),
    }


def header_and_rows(data: bytes) -> list[list[str]]:
    """A CSV file's records, each cell as the value it stands for (the escape undone)."""
    records = csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))
    return [[unescape_cell(cell) for cell in record] for record in records]


@settings(
    max_examples=40,
    # No time limit per example: the machine is shared, and speed is the benchmark's business.
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(roles=ROLES, industry=st.sampled_from([None, "bank"]))
# The cases that crashed pages, always tried: roles called like the tables' own columns, and
# names that collide once "(role_id)" tells them apart.
@example(roles=[("section", "item"), ("sources", "section"), ("url", "role")], industry="bank")
@example(roles=[("x", "Lead (role_a)"), ("role_a", "Lead"), ("y", "Lead")], industry=None)
@example(roles=[("pm", "Project Manager"), ("pm2", "Project Man\u0430ger")], industry=None)
def test_any_role_names_go_through_every_computation_and_export(roles, industry):
    files = dataset_files(roles)
    has_bidi = [any(c in BIDI_CONTROLS for c in name) for _, name in roles]
    try:
        dataset = parse_dataset(files)
    except DatasetError as error:
        assert any(has_bidi), str(error)
        assert all("direction control" in problem.message for problem in error.problems)
        return
    assert not any(has_bidi)
    role_ids = tuple(role_id for role_id, _ in roles)
    labels = dataset.role_names
    # Every label starts with the name as written and no two labels are the same.
    assert all(labels[r].startswith(n) for r, n in roles)
    assert len(set(labels.values())) == len(labels)

    selection = Selection(role_ids, industry)
    long = comparison_long(dataset, selection)
    wide = comparison_wide(long, dataset, role_ids)
    similarity = selection_similarity(dataset, selection).to_numpy()
    ratings = filtered_ratings(dataset, selection)
    holders = skill_holders(ratings, role_ids)
    profile = category_profile(dataset, ratings, role_ids)
    prevalence = prevalence_matrix(dataset, role_ids)
    for section in SECTIONS:
        section_view(wide, section, role_ids, with_sources=True)
    matrix, _ = importance_view(dataset, ratings, role_ids, 200)
    category_view(profile, dataset)
    prevalence_table(prevalence, dataset)
    overlap_table(overlap_summary(holders), dataset)
    unique_view(dataset, unique_skills(holders), role_ids)
    similarity_table(similarity, role_ids, [labels[r] for r in role_ids])
    cited_sources(dataset, long["source"])
    shared_skills(holders)
    for role_id in role_ids:
        role_record(dataset, role_id)
    colours = charts.role_colours(list(labels))
    names = [labels[r] for r in role_ids]
    charts.similarity_heatmap(similarity, names)
    charts.importance_heatmap(matrix, names)
    charts.overlap_bars(overlap_summary(holders), labels, colours)
    charts.category_bars(profile, labels, colours)
    charts.prevalence_bars(prevalence, labels, dataset.industry_names, colours)

    built = {file.kind: file.build() for file in export_files(dataset, selection, long, wide, DAY)}
    assert dataset_zip(dataset)
    # The names come back exactly as written (as their labels) in the CSV files.
    wide_header = header_and_rows(built[KIND_WIDE])[0]
    assert wide_header[4 : 4 + len(role_ids)] == names
    long_rows = header_and_rows(built[KIND_LONG])
    role_position = long_rows[0].index("role")
    assert {row[role_position] for row in long_rows[1:]} <= set(names)
    similarity_rows = header_and_rows(built[KIND_SIMILARITY])
    assert similarity_rows[0] == ["role", *names]
    assert [row[0] for row in similarity_rows[1:]] == names
    assert np.allclose(
        [[float(cell) for cell in row[1:]] for row in similarity_rows[1:]],
        similarity.round(3),
    )
