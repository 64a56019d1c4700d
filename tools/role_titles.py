"""python -m tools.role_titles: write datasets/role_titles.csv from roles.csv and O*NET.

Each role's own name and abbreviation (cited with the role's own sources), then every O*NET
alternate title of the occupations roles.csv maps the role to (its onet_soc cell), cited as
onet_30. O*NET writes an expansion or short form in brackets ("IT Program Manager (Information
Technology Program Manager)", "Project Manager (PM)"): each part becomes a title of its own,
since a job post uses one or the other. The output is deterministic, so re-running it on the
same inputs rewrites the same bytes (a test checks the shipped file is up to date).
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from pathlib import Path

from dashboard.core.text import onet_codes

ROOT = Path(__file__).resolve().parents[1]
DATASET = ROOT / "datasets"
ALTERNATE_TITLES = ROOT.parent / "shared" / "reference" / "onet" / "Alternate Titles.txt"
ONET_SOURCE = "onet_30"
COLUMNS = ("role_id", "title", "source", "kind", "onet_soc")
KIND_NAME, KIND_ABBREVIATION, KIND_ONET = "name", "abbreviation", "onet_alternate_title"
_BRACKETED = re.compile(r"^(?P<main>.+?)\s*\((?P<inner>[^()]+)\)\s*$")


def title_parts(title: str) -> list[str]:
    """An O*NET title and its bracketed expansion or short form as separate titles."""
    match = _BRACKETED.match(title.strip())
    if not match:
        return [title.strip()]
    return [match["main"].strip(), match["inner"].strip()]


def alternate_titles(path: Path) -> dict[str, list[str]]:
    """O*NET-SOC code -> its alternate titles, in file order."""
    titles: dict[str, list[str]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            titles.setdefault(row["O*NET-SOC Code"], []).append(row["Alternate Title"])
    return titles


def _add(
    seen: dict[str, dict[str, str]], role_id: str, title: str, source: str, kind: str, code: str
) -> None:
    """Add a role's title once; the same title from a second occupation adds that code."""
    key = title.casefold()
    if key in seen:
        codes = seen[key]["onet_soc"].split(";") if seen[key]["onet_soc"] else []
        if code and code not in codes:
            seen[key]["onet_soc"] = ";".join([*codes, code])
        return
    seen[key] = {"role_id": role_id, "title": title, "source": source}
    seen[key].update(kind=kind, onet_soc=code)


def role_title_rows(roles: list[dict[str, str]], titles: dict[str, list[str]]) -> list[dict]:
    """One row per (role, title), the role's own name and abbreviation first."""
    rows: list[dict[str, str]] = []
    for role in roles:
        seen: dict[str, dict[str, str]] = {}
        role_id, source = role["role_id"], role["source"]
        _add(seen, role_id, role["name"], source, KIND_NAME, "")
        if role["abbreviation"].strip():
            _add(seen, role_id, role["abbreviation"].strip(), source, KIND_ABBREVIATION, "")
        for code in onet_codes(role["onet_soc"]):
            for title in titles.get(code, []):
                for part in title_parts(title):
                    _add(seen, role_id, part, ONET_SOURCE, KIND_ONET, code)
        rows.extend(seen.values())
    return rows


def role_titles_csv(dataset: Path = DATASET, alternate: Path = ALTERNATE_TITLES) -> str:
    """The text of role_titles.csv for a dataset folder's roles.csv."""
    with (dataset / "roles.csv").open(encoding="utf-8-sig", newline="") as handle:
        roles = list(csv.DictReader(handle))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(role_title_rows(roles, alternate_titles(alternate)))
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    """Write (or with --check, compare) datasets/role_titles.csv."""
    parser = argparse.ArgumentParser(prog="python -m tools.role_titles", description=__doc__)
    parser.add_argument("--dataset", type=Path, default=DATASET)
    parser.add_argument("--alternate-titles", type=Path, default=ALTERNATE_TITLES)
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is stale")
    args = parser.parse_args(argv)
    text = role_titles_csv(args.dataset, args.alternate_titles)
    target = args.dataset / "role_titles.csv"
    if args.check:
        current = target.read_text(encoding="utf-8") if target.is_file() else ""
        if current != text:
            print(f"{target} is out of date: run python -m tools.role_titles", file=sys.stderr)
            return 1
        return 0
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target}: {text.count(chr(10)) - 1} titles")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
