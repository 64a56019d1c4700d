"""python -m dashboard: rank, match-post, export and packet, their --help, exit 2 on bad input."""

from __future__ import annotations

import argparse
import datetime
import io
import subprocess
import sys

import docx
import pytest

from dashboard import cli
from dashboard.core.brief import decision_brief
from dashboard.core.comparison import Selection, comparison_long, comparison_wide
from dashboard.core.dataset import load_dataset
from dashboard.core.downloads import KIND_LONG, KIND_SIMILARITY, KIND_WIDE, export_files
from dashboard.core.html_document import html_bytes
from dashboard.core.job_description import job_description
from dashboard.core.markdown_document import markdown_bytes
from dashboard.core.scorecard import scorecard
from tests.support import FINDER, MINI, ROOT, SHIPPED, copy_dataset, csv_records

POSTS = ROOT / "tests" / "job_posts"


def run(capsysbinary, *argv: str) -> tuple[int, bytes, str]:
    """main(argv): exit status, stdout bytes and stderr text."""
    try:
        status = cli.main(list(argv))
    except SystemExit as stop:  # argparse's own exits (--help, a malformed command line)
        status = int(stop.code or 0)
    out, err = capsysbinary.readouterr()
    return status, out, err.decode("utf-8")


@pytest.mark.parametrize("command", [[], ["rank"], ["match-post"], ["export"], ["packet"]])
def test_every_command_has_help(capsysbinary, command):
    status, out, _ = run(capsysbinary, *command, "--help")
    assert status == 0
    text = out.decode()
    assert text.startswith("usage: python -m dashboard")
    if command:
        assert "--dataset DIR" in text and "--industry ID" in text


def test_rank_prints_the_ranking_csv(capsysbinary):
    status, out, err = run(
        capsysbinary, "rank", "--dataset", str(FINDER), "--must", "s1,skill:s2@4,r1"
    )
    assert status == 0, err
    rows = csv_records(out)
    assert rows[0] == ["rank", "role_id", "role", "score", "covered", "missing", "sources"]
    # Hand-worked in tests/test_fit.py: a and d cover all three, b two (not s2 at 4), c one.
    assert [row[1] for row in rows[1:]] == ["a", "d", "b", "c"]
    assert rows[3] == ["3", "b", "Role B", "0.667", "Skill one; Duty one", "Skill two", "src_b"]
    assert out.startswith(b"\xef\xbb\xbf")  # the same spreadsheet-safe CSV as the download


def test_rank_in_an_industry_and_with_nice_to_haves(capsysbinary):
    status, out, _ = run(
        capsysbinary,
        *("rank", "--dataset", str(FINDER), "--must", "s1,skill:s2@4"),
        *("--must", "r1", "--nice", "cert:c1", "--industry", "bank"),
    )
    assert status == 0
    rows = csv_records(out)
    assert [row[1] for row in rows[1:]] == ["a", "c", "d", "b"]
    assert rows[1][3] == "1.0"  # a covers all, c1 (essential) too


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--must", "ghost"], "'ghost' is not a skill, responsibility or certification id"),
        (["--must", "pmp"], "'pmp' is ambiguous: it is a skill and a certification id; write "
         "skill:pmp or cert:pmp"),
        (["--must", "s1", "--industry", "mars"], "--industry 'mars' is not an industry of this "
         "dataset (known: bank)"),
        (["--must", "skill:s1@7"], "'skill:s1@7': the level must be a whole number from 1 to 5"),
        ([], "give at least one need with --must or --nice"),
        (["--must", "s1", "--nice", "skill:s1"], "'skill:s1' is both a must-have and a "
         "nice-to-have"),
    ],
)  # fmt: skip
def test_rank_refuses_bad_input_by_name(capsysbinary, argv, message):
    status, out, err = run(capsysbinary, "rank", "--dataset", str(FINDER), *argv)
    assert status == 2
    assert out == b""
    assert err.startswith("python -m dashboard rank: error: ") and message in err
    assert "Traceback" not in err


def test_an_ambiguous_id_is_accepted_with_its_kind(capsysbinary):
    status, out, _ = run(capsysbinary, "rank", "--dataset", str(FINDER), "--must", "cert:pmp")
    assert status == 0 and len(csv_records(out)) == 5


def test_match_post_prints_every_role_best_first(capsysbinary):
    post = POSTS / "tl_backend_platform.md"
    status, out, err = run(capsysbinary, "match-post", str(post))
    assert status == 0, err
    rows = csv_records(out)
    assert rows[0][:4] == ["rank", "role_id", "role", "score"]
    assert rows[1][:3] == ["1", "technical_lead", "Technical Lead"]
    assert len(rows) == 1 + len(load_dataset(SHIPPED).role_names)
    scores = [float(row[3]) for row in rows[1:]]
    assert scores == sorted(scores, reverse=True)
    assert err == ""


def test_match_post_warns_about_an_unclear_tpm_on_stderr(capsysbinary):
    status, out, err = run(
        capsysbinary, "match-post", str(POSTS / "ambiguous_tpm_data_warehouse.md")
    )
    assert status == 0
    assert "warning: “TPM” appears, but the post never says which TPM" in err
    assert csv_records(out)[1][1] == "technical_project_manager"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (None, None, "is not a file"),
        ("post.pdf", b"%PDF", "post.pdf: upload a .txt, .md or .docx file"),
        ("long.txt", b"word " * 12_000, "the reader takes at most 50,000"),
    ],
)
def test_match_post_refuses_what_it_cannot_read(capsysbinary, tmp_path, name, data, message):
    path = tmp_path / (name or "missing.txt")
    if data is not None:
        path.write_bytes(data)
    status, out, err = run(capsysbinary, "match-post", str(path))
    assert status == 2 and out == b""
    assert message in err and "Traceback" not in err


def downloads_page_bytes(folder, role_ids, industry, kind) -> bytes:
    """The bytes the Downloads page builds for this selection (its own builders)."""
    dataset = load_dataset(folder)
    selection = Selection(tuple(role_ids), industry)
    long = comparison_long(dataset, selection)
    wide = comparison_wide(long, dataset, selection.role_ids)
    files = export_files(dataset, selection, long, wide, datetime.date(2026, 1, 1))
    return next(file for file in files if file.kind == kind).build()


@pytest.mark.parametrize(
    ("kind", "page_kind"),
    [("comparison", KIND_WIDE), ("tidy", KIND_LONG), ("similarity", KIND_SIMILARITY)],
)
@pytest.mark.parametrize("industry", [None, "banking"])
def test_export_writes_the_downloads_page_bytes(capsysbinary, kind, page_kind, industry):
    argv = ["export", kind, "--dataset", str(MINI), "--roles", "scrum_master,delivery_lead"]
    if industry:
        argv += ["--industry", industry]
    status, out, err = run(capsysbinary, *argv)
    assert status == 0, err
    expected = downloads_page_bytes(MINI, ["scrum_master", "delivery_lead"], industry, page_kind)
    assert out == expected


def test_export_to_a_file(capsysbinary, tmp_path):
    target = tmp_path / "comparison.csv"
    status, out, _ = run(
        capsysbinary,
        "export",
        "comparison",
        "--roles",
        "agile_coach,scrum_master",
        "-o",
        str(target),
    )
    assert status == 0 and out == b""
    assert target.read_bytes() == downloads_page_bytes(
        SHIPPED, ["agile_coach", "scrum_master"], None, KIND_WIDE
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["comparison", "--roles", "scrum_master,ghost"], "--roles: 'ghost' is not a role_id"),
        (["tidy", "--roles", "scrum_master"], "--roles needs at least 2 roles"),
        (["similarity", "--roles", "*", "--industry", "mars"], "--industry 'mars'"),
    ],
)
def test_export_refuses_bad_input_by_name(capsysbinary, argv, message):
    status, _, err = run(capsysbinary, "export", *argv, "--dataset", str(MINI))
    assert status == 2 and message in err


def test_a_malformed_command_line_exits_2_with_the_usage(capsysbinary):
    status, _, err = run(capsysbinary, "export", "pie", "--roles", "a,b")
    assert status == 2
    assert "invalid choice: 'pie'" in err


def test_a_broken_dataset_prints_its_problems(capsysbinary, tmp_path):
    folder = copy_dataset(tmp_path)
    (folder / "role_skills.csv").write_text(
        "role_id,skill_id,importance,industry_id,source\ndelivery_lead,planning,high,,handbook\n"
    )
    status, out, err = run(capsysbinary, "rank", "--dataset", str(folder), "--must", "planning")
    assert status == 2 and out == b""
    assert "The dataset has 1 problem:" in err
    assert "role_skills.csv row 2, column importance: 'high' is not a whole number" in err


def test_another_command_registers_and_appears_in_the_help(capsysbinary, monkeypatch):
    monkeypatch.setattr(cli, "REGISTRY", dict(cli.REGISTRY))

    def configure(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--name", required=True)

    cli.register(cli.Command("hello", "say hello", configure, lambda a: f"hi {a.name}".encode()))
    with pytest.raises(ValueError, match="already registered"):
        cli.register(cli.Command("hello", "again", configure, lambda a: b""))
    status, out, _ = run(capsysbinary, "--help")
    assert status == 0
    assert "hello" in out.decode() and "say hello" in out.decode()
    assert run(capsysbinary, "hello", "--name", "team")[:2] == (0, b"hi team")


def test_the_module_runs_as_python_m_dashboard():
    done = subprocess.run(
        [sys.executable, "-m", "dashboard", "rank", "--must", "ghost"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert "'ghost' is not a skill, responsibility or certification id" in done.stderr
    assert "Traceback" not in done.stderr


# --- packet ----------------------------------------------------------------------------------


def packet_document(kind: str, folder, **options):
    """The document the packet command builds, made directly (today's date for a brief)."""
    dataset = load_dataset(folder)
    if kind == "jd":
        return job_description(dataset, options["role"], options.get("industry"))
    if kind == "scorecard":
        return scorecard(dataset, options["role"], options.get("industry"))
    selection = Selection(options["roles"], options.get("industry"))
    return decision_brief(dataset, selection, datetime.date.today())


@pytest.mark.parametrize(
    ("kind", "file_format"),
    [
        ("jd", "md"),
        ("jd", "docx"),
        ("scorecard", "md"),
        ("scorecard", "docx"),
        ("brief", "html"),
        pytest.param("brief", "pdf", marks=pytest.mark.browser),
    ],
)
def test_packet_writes_every_kind_in_every_format(capsysbinary, tmp_path, kind, file_format):
    target = tmp_path / f"packet.{file_format}"
    who = (
        ["--roles", "delivery_lead,scrum_master"]
        if kind == "brief"
        else ["--role", "delivery_lead"]
    )
    status, out, err = run(
        capsysbinary,
        *("packet", "--dataset", str(MINI), "--kind", kind, "--format", file_format, *who),
        *("--industry", "banking", "-o", str(target)),
    )
    assert status == 0, err
    assert out == b"" and err == ""
    data = target.read_bytes()
    options = {"industry": "banking", "role": "delivery_lead"}
    options["roles"] = ("delivery_lead", "scrum_master")
    built = packet_document(kind, MINI, **options)
    if file_format == "md":
        assert data == markdown_bytes(built)
    elif file_format == "docx":
        opened = docx.Document(io.BytesIO(data))
        headings = [p.text for p in opened.paragraphs if p.style.name.startswith("Heading")]
        assert headings[0] == ("Role" if kind == "jd" else "About this scorecard")
        assert opened.paragraphs[0].text == built.title
    elif file_format == "html":
        assert data == html_bytes(built)
    else:
        assert data.startswith(b"%PDF-")


def test_packet_writes_markdown_to_stdout_with_the_inclusive_check(capsysbinary):
    status, out, err = run(
        capsysbinary,
        *("packet", "--kind", "jd", "--format", "md", "--role", "agile_coach", "--inclusive"),
    )
    assert status == 0, err
    text = out.decode("utf-8")
    assert text.startswith("# Agile Coach\\: job description \\(draft\\)")
    assert "## Inclusive wording \\(suggestions\\)" in text


def test_packet_brief_takes_the_filters(capsysbinary):
    status, out, err = run(
        capsysbinary,
        *("packet", "--kind", "brief", "--format", "html", "--roles", "agile_coach,scrum_master"),
        *("--categories", "Tools,Leadership & people", "--min-importance", "3"),
        "--differences-only",
    )
    assert status == 0, err
    text = out.decode("utf-8")
    assert (
        "skill categories: Tools and Leadership &amp; people; minimum importance: 3; "
        "differences only: yes" in text
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--kind", "jd", "--format", "pdf", "--role", "scrum_master"],
         "--format 'pdf' is not a format of --kind jd (md or docx)"),
        (["--kind", "brief", "--format", "docx", "--roles", "scrum_master,delivery_lead"],
         "--format 'docx' is not a format of --kind brief (html or pdf)"),
        (["--kind", "jd", "--format", "md"], "--kind jd needs --role ID"),
        (["--kind", "scorecard", "--format", "md", "--role", "ghost"],
         "--role 'ghost' is not a role_id of this dataset"),
        (["--kind", "jd", "--format", "md", "--roles", "scrum_master,delivery_lead"],
         "a jd is about one role: give it with --role ID, not --roles"),
        (["--kind", "brief", "--format", "html"], "--kind brief needs --roles ID,ID[,…]"),
        (["--kind", "brief", "--format", "html", "--role", "scrum_master"],
         "a brief compares roles: give them with --roles ID,ID[,…], not --role"),
        (["--kind", "brief", "--format", "html", "--roles", "scrum_master"],
         "--roles needs at least 2 roles"),
        (["--kind", "brief", "--format", "html", "--roles", "scrum_master,ghost"],
         "--roles: 'ghost' is not a role_id"),
        (["--kind", "brief", "--format", "html", "--roles", "*", "--categories", "nope"],
         "--categories: 'nope' is not a skill category (known: methodology, people, technical)"),
        (["--kind", "brief", "--format", "html", "--roles", "*", "--min-importance", "six"],
         "--min-importance 'six' is not a whole number from 1 to 5"),
        (["--kind", "scorecard", "--format", "md", "--role", "scrum_master", "--inclusive"],
         "--inclusive is for --kind jd only"),
        (["--kind", "jd", "--format", "md", "--role", "scrum_master", "--industry", "mars"],
         "--industry 'mars' is not an industry of this dataset"),
    ],
)  # fmt: skip
def test_packet_refuses_bad_input_by_name(capsysbinary, argv, message):
    status, out, err = run(capsysbinary, "packet", "--dataset", str(MINI), *argv)
    assert status == 2 and out == b""
    assert err.startswith("python -m dashboard packet: error: ") and message in err
    assert "Traceback" not in err


def test_a_brief_of_more_than_eight_roles_is_refused(capsysbinary, tmp_path):
    folder = copy_dataset(tmp_path)
    roles = (folder / "roles.csv").read_text(encoding="utf-8").splitlines()
    extra = [
        roles[1].replace("delivery_lead,Delivery Lead", f"lead_{i},Lead {i}", 1) for i in range(6)
    ]
    (folder / "roles.csv").write_text("\n".join([*roles, *extra]) + "\n", encoding="utf-8")
    status, _, err = run(
        capsysbinary,
        *("packet", "--dataset", str(folder), "--kind", "brief", "--format", "html"),
        *("--roles", "*"),
    )
    assert status == 2
    assert "--roles: a decision brief compares 2 to 8 roles (9 given)" in err


def test_a_pdf_without_chromium_is_an_error_not_a_traceback(capsysbinary, monkeypatch):
    monkeypatch.setattr("dashboard.core.pdf.chromium_path", lambda: None)
    status, out, err = run(
        capsysbinary,
        *("packet", "--dataset", str(MINI), "--kind", "brief", "--format", "pdf"),
        *("--roles", "delivery_lead,scrum_master"),
    )
    assert status == 1 and out == b""
    assert "a PDF needs Chromium" in err and "Traceback" not in err
