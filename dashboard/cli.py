"""python -m dashboard: the app's rankings, downloads and hiring packet from the command line.

Commands live in a registry: a command is a name, a one-line summary, a function that adds its
arguments and a function that runs it, so another command is one `register(Command(...))` away.
Every command takes `--dataset DIR` (default: the shipped folder) and `--help`. Bad input exits
with status 2 and a message naming the bad value, never a traceback; a broken dataset prints
its problems, one a line.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from dashboard.core.brief import MAX_ROLES as MAX_BRIEF_ROLES
from dashboard.core.brief import MIN_ROLES as MIN_BRIEF_ROLES
from dashboard.core.brief import BriefError, check_roles
from dashboard.core.comparison import Selection, comparison_long, comparison_wide
from dashboard.core.contract import CATEGORY, RATING_RANGE
from dashboard.core.dataset import SHIPPED_DATASET, Dataset, load_dataset
from dashboard.core.downloads import KIND_LONG, KIND_SIMILARITY, KIND_WIDE, export_files
from dashboard.core.export import csv_bytes
from dashboard.core.fit import holdings, rank_roles, ranking_table
from dashboard.core.job_post import PostError, build_index, read_post
from dashboard.core.needs import catalogue_for, parse_needs, quote, split_tokens
from dashboard.core.packet import BRIEF, FORMATS, JD, brief_files, role_files
from dashboard.core.pdf import PdfError
from dashboard.core.permalink import ALL_ROLES
from dashboard.core.post_file import post_text
from dashboard.core.problems import DatasetError

PROG = "python -m dashboard"
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
# The export command's files, by the name on the command line (the Downloads page's kinds).
EXPORTS = {"comparison": KIND_WIDE, "tidy": KIND_LONG, "similarity": KIND_SIMILARITY}
MIN_EXPORT_ROLES = 2


class CliError(Exception):
    """Bad input on the command line: the message names the bad value."""


@dataclass(frozen=True)
class Command:
    """One subcommand: its name, a one-line summary, its arguments and what it does."""

    name: str
    summary: str
    configure: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], bytes]  # the bytes to write (stdout or -o FILE)


REGISTRY: dict[str, Command] = {}


def register(command: Command) -> Command:
    """Add a subcommand to `python -m dashboard` (a name may be registered once)."""
    if command.name in REGISTRY:
        raise ValueError(f"A command {command.name!r} is already registered.")
    REGISTRY[command.name] = command
    return command


def load(args: argparse.Namespace) -> Dataset:
    """The dataset of --dataset (raises DatasetError listing its problems)."""
    return load_dataset(args.dataset)


def industry_of(dataset: Dataset, industry_id: str | None) -> str | None:
    """--industry checked against the dataset's industries (None: all industries)."""
    if not industry_id:
        return None
    if industry_id not in dataset.industry_names:
        known = ", ".join(dataset.industry_names) or "none"
        raise CliError(
            f"--industry {quote(industry_id)} is not an industry of this dataset (known: {known})"
        )
    return industry_id


def _add_industry(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--industry",
        metavar="ID",
        help="an industry_id: its own ratings replace the general ones (default: all industries)",
    )


def _add_output(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o", "--output", metavar="FILE", type=Path, help="write to FILE instead of stdout"
    )


# --- rank -----------------------------------------------------------------------------------


def _configure_rank(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--must",
        metavar="ID[,ID…]",
        action="append",
        default=[],
        help="must-have skill, responsibility or certification ids; an id found in several "
        "catalogues must be written skill:ID, responsibility:ID or cert:ID; a skill may "
        "ask for a level, skill:ID@4",
    )
    parser.add_argument(
        "--nice",
        metavar="ID[,ID…]",
        action="append",
        default=[],
        help="nice-to-have ids, written as for --must",
    )
    _add_industry(parser)
    _add_output(parser)


def _run_rank(args: argparse.Namespace) -> bytes:
    dataset = load(args)
    industry_id = industry_of(dataset, args.industry)
    needs, problems = parse_needs(args.must, args.nice, catalogue_for(dataset))
    if problems:
        raise CliError("; ".join(problems))
    if not needs:
        raise CliError("give at least one need with --must or --nice")
    held = holdings(dataset, industry_id)
    return csv_bytes(ranking_table(rank_roles(held, needs), held, dataset))


register(
    Command(
        "rank",
        "rank every role by how well it covers the needs; prints the ranking CSV",
        _configure_rank,
        _run_rank,
    )
)


# --- match-post -----------------------------------------------------------------------------


def _configure_match_post(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", type=Path, help="a job post: .txt, .md or .docx")
    _add_industry(parser)
    _add_output(parser)


def _run_match_post(args: argparse.Namespace) -> bytes:
    dataset = load(args)
    industry_id = industry_of(dataset, args.industry)
    path: Path = args.file
    if not path.is_file():
        raise CliError(f"FILE {quote(str(path))} is not a file")
    text = post_text(path.name, path.read_bytes())
    reading = read_post(text, build_index(dataset), holdings(dataset, industry_id), dataset)
    if reading.tpm_warning:
        print(f"{PROG} match-post: warning: {reading.tpm_warning}", file=sys.stderr)
    return csv_bytes(reading.role_mix)


register(
    Command(
        "match-post",
        "read a job post and print every role, the one it reads most like first",
        _configure_match_post,
        _run_match_post,
    )
)


# --- export ---------------------------------------------------------------------------------


def _configure_export(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "kind",
        choices=tuple(EXPORTS),
        help="comparison (wide: a column per role), tidy (a row per item and role) or "
        "similarity (the weighted Jaccard matrix): the Downloads page's files",
    )
    parser.add_argument(
        "--roles",
        metavar="ID,ID[,…]",
        required=True,
        action="append",
        help=f"the role ids to compare, in order ({ALL_ROLES!r}: every role)",
    )
    _add_industry(parser)
    _add_output(parser)


def roles_of(dataset: Dataset, values: Sequence[str]) -> tuple[str, ...]:
    """--roles checked against the dataset (ALL_ROLES: every role, in file order)."""
    asked = list(dict.fromkeys(token.strip() for token in split_tokens(values) if token.strip()))
    if asked == [ALL_ROLES]:
        return tuple(dataset.role_names)
    unknown = [role_id for role_id in asked if role_id not in dataset.role_names]
    if unknown:
        named = ", ".join(quote(role_id) for role_id in unknown)
        what = "is not a role_id" if len(unknown) == 1 else "are not role_ids"
        raise CliError(f"--roles: {named} {what} of this dataset")
    if len(asked) < MIN_EXPORT_ROLES:
        raise CliError(f"--roles needs at least {MIN_EXPORT_ROLES} roles to compare")
    return tuple(asked)


def _run_export(args: argparse.Namespace) -> bytes:
    dataset = load(args)
    selection = Selection(roles_of(dataset, args.roles), industry_of(dataset, args.industry))
    long = comparison_long(dataset, selection)
    wide = comparison_wide(long, dataset, selection.role_ids)
    files = export_files(dataset, selection, long, wide, datetime.date.today())
    return next(file for file in files if file.kind == EXPORTS[args.kind]).build()


register(
    Command(
        "export",
        "write the Downloads page's comparison, tidy or similarity CSV for some roles",
        _configure_export,
        _run_export,
    )
)


# --- packet ---------------------------------------------------------------------------------


def _configure_packet(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--kind",
        required=True,
        choices=tuple(FORMATS),
        help="jd (a job description draft), scorecard (an interview scorecard) or brief (a "
        "decision brief of a comparison)",
    )
    parser.add_argument(
        "--format",
        required=True,
        metavar="FORMAT",
        help="md or docx for a jd or scorecard; html or pdf for a brief",
    )
    parser.add_argument("--role", metavar="ID", help="the role_id of a jd or scorecard")
    parser.add_argument(
        "--roles",
        metavar="ID,ID[,…]",
        action="append",
        help=f"the role ids of a brief, in order ({MIN_BRIEF_ROLES} to {MAX_BRIEF_ROLES})",
    )
    _add_industry(parser)
    parser.add_argument(
        "--categories",
        metavar="NAME[,NAME…]",
        action="append",
        help="brief: only skills of these categories (as skills.csv names them; default: all)",
    )
    parser.add_argument(
        "--min-importance",
        metavar="N",
        default="1",
        help="brief: only skill ratings of at least N, 1-5 (default: 1)",
    )
    parser.add_argument(
        "--differences-only",
        action="store_true",
        help="brief: only the side-by-side rows on which the roles differ",
    )
    parser.add_argument(
        "--inclusive",
        action="store_true",
        help="jd: add the inclusive-wording check (gender-coded words, as suggestions)",
    )
    _add_output(parser)


def _run_packet(args: argparse.Namespace) -> bytes:
    kind, file_format = args.kind, args.format
    if file_format not in FORMATS[kind]:
        choices = " or ".join(FORMATS[kind])
        raise CliError(
            f"--format {quote(file_format)} is not a format of --kind {kind} ({choices})"
        )
    if args.inclusive and kind != JD:
        raise CliError("--inclusive is for --kind jd only")
    dataset = load(args)
    industry_id = industry_of(dataset, args.industry)
    today = datetime.date.today()
    if kind == BRIEF:
        if args.role:
            raise CliError("a brief compares roles: give them with --roles ID,ID[,…], not --role")
        if not args.roles:
            raise CliError("--kind brief needs --roles ID,ID[,…]")
        role_ids = roles_of(dataset, args.roles)
        selection = Selection(
            role_ids,
            industry_id,
            _categories_of(dataset, args.categories or []),
            _min_importance(args.min_importance),
            args.differences_only,
        )
        try:
            check_roles(role_ids)
        except BriefError as error:
            raise CliError(f"--roles: {error}") from None
        files = brief_files(dataset, selection, today)
    else:
        if args.roles:
            raise CliError(f"a {kind} is about one role: give it with --role ID, not --roles")
        if not args.role:
            raise CliError(f"--kind {kind} needs --role ID")
        if args.role not in dataset.role_names:
            raise CliError(f"--role {quote(args.role)} is not a role_id of this dataset")
        files = role_files(dataset, args.role, industry_id, today, inclusive=args.inclusive)
    return next(f for f in files if f.kind == kind and f.format == file_format).build()


def _categories_of(dataset: Dataset, values: Sequence[str]) -> tuple[str, ...]:
    """--categories checked against skills.csv's categories (none: every category)."""
    asked = list(dict.fromkeys(t.strip() for t in split_tokens(values) if t.strip()))
    known = list(dict.fromkeys(dataset.skills[CATEGORY]))
    unknown = [category for category in asked if category not in known]
    if unknown:
        named = ", ".join(quote(category) for category in unknown)
        listed_known = ", ".join(known) or "none"
        what = "is not a skill category" if len(unknown) == 1 else "are not skill categories"
        raise CliError(f"--categories: {named} {what} (known: {listed_known})")
    return tuple(asked)


def _min_importance(value: str) -> int:
    """--min-importance as a whole number 1-5."""
    low, high = RATING_RANGE
    if not value.strip().isdigit() or not low <= int(value) <= high:
        raise CliError(
            f"--min-importance {quote(value)} is not a whole number from {low} to {high}"
        )
    return int(value)


register(
    Command(
        "packet",
        "write a hiring packet document: a job description or interview scorecard for a role "
        "(md, docx), or a decision brief of roles (html, pdf)",
        _configure_packet,
        _run_packet,
    )
)


# --- the command line -----------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    """The parser of every registered command, each with --dataset and --help."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="The role dashboard's rankings and downloads, for scripts.",
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--dataset",
        metavar="DIR",
        type=Path,
        default=SHIPPED_DATASET,
        help=f"a dataset folder in the data contract (default: {SHIPPED_DATASET})",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in REGISTRY.values():
        sub = commands.add_parser(
            command.name, parents=[common], help=command.summary, description=command.summary
        )
        command.configure(sub)
    return parser


def _write(data: bytes, output: Path | None) -> None:
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        output.write_bytes(data)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; 0 on success, 2 on bad input (with a message), never a traceback."""
    parser = build_parser()
    args = parser.parse_args(argv)  # exits 2 with the usage on a malformed command line
    name = f"{PROG} {args.command}"
    try:
        data = REGISTRY[args.command].run(args)
        _write(data, getattr(args, "output", None))
    except DatasetError as error:
        print(f"{name}: the dataset in {args.dataset} cannot be used.\n{error}", file=sys.stderr)
        return EXIT_USAGE
    except (CliError, PostError) as error:
        print(f"{name}: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except PdfError as error:  # not bad input: this machine cannot print a PDF
        print(f"{name}: error: {error}", file=sys.stderr)
        return EXIT_FAILED
    except OSError as error:
        where = f" {quote(str(error.filename))}" if error.filename else ""
        print(f"{name}: error:{where} {error.strerror or error}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK
