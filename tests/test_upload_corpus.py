"""Hostile and odd uploads, each with the exact outcome it must produce.

Every input is built in memory from the mini fixture: a zip (via zipfile, with bytes patched
where zipfile cannot create the case) or plain CSV uploads. A refused input lists exactly the
problem lines the user sees; an accepted one loads and carries exactly the notes shown.
"""

from __future__ import annotations

import functools
import io
import stat
import struct
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import pytest

from dashboard.core.contract import CONTRACT
from dashboard.core.dataset import Dataset, parse_dataset
from dashboard.core.intake import UploadLimits, load_upload
from dashboard.core.problems import DatasetError
from dashboard.core.reader import Limits
from tests import hostile
from tests.support import mini_files, with_line

Uploads = list[tuple[str, bytes]]
MB = 1_000_000
CENTRAL_RECORD = b"PK\x01\x02"
LOCAL_HEADER = b"PK\x03\x04"
END_RECORD = b"PK\x05\x06"
# Byte offsets of fields in a central directory record and in a local file header.
CENTRAL_FLAGS, CENTRAL_METHOD, CENTRAL_SIZE, CENTRAL_NAME = 8, 10, 24, 46
LOCAL_FLAGS, LOCAL_METHOD, LOCAL_SIZE = 6, 8, 22
REFUSED = ", so the whole zip was refused"
FIX = "put the data files at the top of the zip, or all in one folder (zip the folder itself)"
ROLE_SKILLS_HEADER = b"role_id,skill_id,importance,industry_id,source\n"


def zipped(entries: dict[str, bytes] | list[tuple[str | zipfile.ZipInfo, bytes]]) -> bytes:
    """A deflated zip of the entries, in the order given (a list may repeat a name)."""
    items = list(entries.items()) if isinstance(entries, dict) else entries
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # zipfile warns about repeated names
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in items:
                archive.writestr(name, data)
    return buffer.getvalue()


def mini_zip(folder: str = "", **changes: bytes) -> bytes:
    """The mini dataset zipped, under `folder`, with some files' bytes replaced."""
    return zipped({folder + name: data for name, data in {**mini_files(), **changes}.items()})


def patched(data: bytes, name: str, **fields: int) -> bytes:
    """The zip with one entry's flags, method or declared size overwritten in both headers."""
    out = bytearray(data)
    central = out.find(CENTRAL_RECORD)
    while out[central + CENTRAL_NAME : central + CENTRAL_NAME + len(name)] != name.encode():
        central = out.find(CENTRAL_RECORD, central + 1)
    (local,) = struct.unpack_from("<I", out, central + 42)
    assert out[local : local + 4] == LOCAL_HEADER
    places = {
        "flags": ("<H", CENTRAL_FLAGS, LOCAL_FLAGS),
        "method": ("<H", CENTRAL_METHOD, LOCAL_METHOD),
        "size": ("<I", CENTRAL_SIZE, LOCAL_SIZE),
    }
    for field_name, value in fields.items():
        form, in_central, in_local = places[field_name]
        struct.pack_into(form, out, central + in_central, value)
        struct.pack_into(form, out, local + in_local, value)
    return bytes(out)


def zeros_zip(name: str, size: int) -> bytes:
    """A zip whose one entry is `size` zero bytes, written in pieces to keep memory low."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open(name, "w") as entry,
    ):
        for _ in range(size // MB):
            entry.write(bytes(MB))
    return buffer.getvalue()


def with_entry(base: bytes, name: str, data: bytes) -> bytes:
    """A copy of a zip with one more entry appended."""
    buffer = io.BytesIO(base)
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, data)
    return buffer.getvalue()


def special(name: str, kind: int, content: bytes = b"") -> tuple[zipfile.ZipInfo, bytes]:
    """An entry whose Unix mode says it is a link, pipe or device rather than a file."""
    info = zipfile.ZipInfo(name)
    info.create_system = 3
    info.external_attr = (kind | 0o777) << 16
    return info, content


def link(name: str, target: str) -> tuple[zipfile.ZipInfo, bytes]:
    """A symbolic-link entry, as `zip --symlinks` stores one (the target is its content)."""
    return special(name, stat.S_IFLNK, target.encode())


def counted(data: bytes, entries: int) -> bytes:
    """The zip with its end record claiming `entries` entries (zipfile reads them all anyway)."""
    out = bytearray(data)
    end = out.rfind(END_RECORD)
    struct.pack_into("<HH", out, end + 8, entries, entries)
    return bytes(out)


def csv_uploads(**changes: bytes) -> Uploads:
    """The mini dataset as separately uploaded CSV files, with some files' bytes replaced."""
    return list({**mini_files(), **changes}.items())


def mini_line(file: str, line: int, text: str) -> bytes:
    """One mini file's bytes with one line replaced."""
    return with_line(mini_files(), file, line, text)[file]


@functools.cache
def mini_dataset() -> Dataset:
    """The mini fixture parsed once for the whole module (every Loaded case compares with it)."""
    return parse_dataset(mini_files())


def mini_table(table: str) -> pd.DataFrame:
    return mini_dataset().table(table).reset_index(drop=True)


@dataclass(frozen=True)
class Refused:
    """The upload is refused with exactly these problem lines, in this order."""

    problems: tuple[str, ...]


@dataclass(frozen=True)
class Loaded:
    """The upload loads, with exactly these notes; `check` looks at what was loaded."""

    notes: tuple[str, ...] = ()
    check: Callable[[Dataset], bool] = lambda dataset: all(
        dataset.table(spec.table).reset_index(drop=True).equals(mini_table(spec.table))
        for spec in CONTRACT
    )


def refused(*problems: str) -> Refused:
    return Refused(problems)


MINI = mini_files()
ROLE_RESPONSIBILITIES_HEADER = b"role_id,responsibility_id,emphasis,industry_id,source"
ROLES_LATIN1 = (
    "role_id,name,abbreviation,summary,scope,background,career_path,onet_soc,esco,default,source\n"
    "dl,Caf\xe9 lead,,,,,,,,yes,\n"
).encode("latin-1")

# (case, the upload, the limits, the outcome)
CORPUS: list[tuple[str, Callable[[], Uploads], UploadLimits, Refused | Loaded]] = [
    # --- zips that are not what they claim -----------------------------------------------
    (
        "not a zip",
        lambda: [("dataset.zip", b"role_id,name\nx,y\n")],
        UploadLimits(),
        refused(
            "dataset.zip: this is not a zip file; upload a .zip of the dataset folder, "
            "or the CSV files themselves"
        ),
    ),
    (
        "truncated zip",
        lambda: [("dataset.zip", mini_zip()[:900])],
        UploadLimits(),
        refused(
            "dataset.zip: the zip file is damaged or incomplete (was a download or copy cut "
            "short?); create it again and upload the new file"
        ),
    ),
    (
        "empty zip",
        lambda: [("dataset.zip", zipped({}))],
        UploadLimits(),
        refused("dataset.zip: the zip file holds no files; zip the folder with the CSV files"),
    ),
    (
        "zip upload over the size cap",
        lambda: [("dataset.zip", bytes(2000))],
        UploadLimits(max_upload_bytes=1000),
        refused("dataset.zip: the file is 2 KB; the upload limit is 1 KB"),
    ),
    (
        "CSV upload over the size cap",
        lambda: [("roles.csv", b"x" * 2000)],
        UploadLimits(max_upload_bytes=1000),
        refused("roles.csv: the file is 2 KB; the upload limit is 1 KB"),
    ),
    (
        "too many entries",
        lambda: [("dataset.zip", zipped({f"note{i}.txt": b"" for i in range(101)}))],
        UploadLimits(),
        refused("dataset.zip: the zip holds 101 entries; the limit is 100"),
    ),
    (
        "too many entries, under a false count in the end record",
        lambda: [("dataset.zip", counted(zipped({f"n{i}.txt": b"" for i in range(101)}), 1))],
        UploadLimits(),
        refused("dataset.zip: the zip holds 101 entries; the limit is 100"),
    ),
    (
        "a list of contents too large for its entry count",
        lambda: [("dataset.zip", zipped({"a" * 3000 + ".txt": b"", "roles.csv": b"x"}))],
        UploadLimits(max_entries=2),
        refused(
            "dataset.zip: the zip's list of contents takes 3.1 KB, far more than 2 entries "
            "need, so the zip was refused"
        ),
    ),
    # --- zip bombs ------------------------------------------------------------------------
    (
        "zip bomb: 150 MB of zeros",
        lambda: [("bomb.zip", zeros_zip("roles.csv", 150 * MB))],
        UploadLimits(),
        refused("bomb.zip: unzipped, the files would take 150 MB; the limit is 100 MB"),
    ),
    (
        # Expanding 2,000 times is no danger within the caps: the content is what is wrong.
        "zip bomb under the size caps",
        lambda: [("bomb.zip", zeros_zip("roles.csv", 2 * MB))],
        UploadLimits(),
        refused(
            "roles.csv: the file holds NUL bytes, so it is not a text CSV file",
            "skills.csv: the file is missing; every dataset needs it",
            "role_skills.csv: the file is missing; every dataset needs it",
        ),
    ),
    (
        "entry whose declared size lies (5 MB of zeros declared as 1,000 bytes)",
        lambda: [("bomb.zip", patched(zeros_zip("roles.csv", 5 * MB), "roles.csv", size=1000))],
        UploadLimits(),
        refused(
            "roles.csv: the file inside the zip is damaged (its content does not match the size "
            "or checksum the zip declares); create the zip again"
        ),
    ),
    (
        "many files that unzip past the total cap",
        lambda: [("dataset.zip", zipped({"a.txt": bytes(700), "b.txt": bytes(700)}))],
        UploadLimits(max_unzipped_bytes=1000),
        refused("dataset.zip: unzipped, the files would take 1.4 KB; the limit is 1 KB"),
    ),
    # --- entries that point elsewhere -----------------------------------------------------
    (
        "path traversal",
        lambda: [("evil.zip", zipped({**MINI, "../roles.csv": MINI["roles.csv"]}))],
        UploadLimits(),
        refused(
            "../roles.csv: this path leads out of the zip's folder (it contains '..')" + REFUSED
        ),
    ),
    (
        "path traversal with backslashes",
        lambda: [("evil.zip", zipped({"data\\..\\..\\roles.csv": MINI["roles.csv"]}))],
        UploadLimits(),
        refused(
            "data\\..\\..\\roles.csv: this path leads out of the zip's folder (it contains '..')"
            + REFUSED
        ),
    ),
    (
        "absolute path",
        lambda: [("evil.zip", zipped({"/etc/roles.csv": MINI["roles.csv"]}))],
        UploadLimits(),
        refused("/etc/roles.csv: this path is absolute (it starts at the top of a disk)" + REFUSED),
    ),
    (
        "Windows absolute path",
        lambda: [("evil.zip", zipped({"C:\\roles.csv": MINI["roles.csv"]}))],
        UploadLimits(),
        refused("C:\\roles.csv: this path is absolute (it starts at the top of a disk)" + REFUSED),
    ),
    (
        "symbolic link",
        lambda: [("evil.zip", zipped([*MINI.items(), link("sources.csv", "/etc/passwd")]))],
        UploadLimits(),
        refused(
            "sources.csv: this entry is a link to another file"
            + REFUSED
            + "; zip the files themselves"
        ),
    ),
    (
        "a named pipe",
        lambda: [("evil.zip", zipped([*MINI.items(), special("fifo", stat.S_IFIFO)]))],
        UploadLimits(),
        refused("fifo: this entry is not an ordinary file or folder" + REFUSED),
    ),
    (
        "encrypted entry",
        lambda: [("secret.zip", patched(mini_zip(), "skills.csv", flags=0x1))],
        UploadLimits(),
        refused(
            "skills.csv: this entry is password-protected" + REFUSED + "; zip the files without one"
        ),
    ),
    (
        "compression method that is not read (deflate64)",
        lambda: [("dataset.zip", patched(mini_zip(), "sources.csv", method=9))],
        UploadLimits(),
        refused(
            "sources.csv: the file is compressed with a method this app does not read (method 9); "
            "zip it again with standard (deflate) compression"
        ),
    ),
    # --- folders --------------------------------------------------------------------------
    (
        "one top folder, as Compress folder makes, with macOS metadata",
        lambda: [
            (
                "mini.zip",
                zipped(
                    [
                        ("mini/", b""),
                        *((f"mini/{name}", data) for name, data in MINI.items()),
                        ("mini/.DS_Store", b"\x00\x00\x00\x01Bud1"),
                        ("__MACOSX/mini/._roles.csv", b"\x00\x05\x16\x07"),
                    ]
                ),
            )
        ],
        UploadLimits(),
        Loaded(notes=("2 macOS metadata entries (__MACOSX/, .DS_Store) were ignored.",)),
    ),
    (
        "nested two levels",
        lambda: [("deep.zip", zipped({"a/b/roles.csv": b"x", "a/b/skills.csv": b"x"}))],
        UploadLimits(),
        refused(
            f"a/b/roles.csv: this file is 2 folders deep; {FIX}",
            f"a/b/skills.csv: this file is 2 folders deep; {FIX}",
        ),
    ),
    (
        "two top folders",
        lambda: [("two.zip", zipped({"a/roles.csv": b"x", "b/skills.csv": b"x"}))],
        UploadLimits(),
        refused(
            f"a/roles.csv: the data files are in 2 places (a/, b/); {FIX}",
            f"b/skills.csv: the data files are in 2 places (a/, b/); {FIX}",
        ),
    ),
    (
        "root and a folder mixed",
        lambda: [("mixed.zip", zipped({"roles.csv": b"x", "data/skills.csv": b"x"}))],
        UploadLimits(),
        refused(
            f"roles.csv: the data files are in 2 places (the top of the zip, data/); {FIX}",
            f"data/skills.csv: the data files are in 2 places (the top of the zip, data/); {FIX}",
        ),
    ),
    # --- which files ----------------------------------------------------------------------
    (
        "the same contract file twice in one zip",
        lambda: [("dup.zip", zipped([*MINI.items(), ("roles.csv", MINI["roles.csv"])]))],
        UploadLimits(),
        refused("roles.csv: this file was given 2 times (roles.csv, roles.csv); keep only one"),
    ),
    (
        "the same contract file twice, differing in case",
        lambda: [("dup.zip", mini_zip(**{"SKILLS.CSV": MINI["skills.csv"]}))],
        UploadLimits(),
        refused("skills.csv: this file was given 2 times (skills.csv, SKILLS.CSV); keep only one"),
    ),
    (
        "the same CSV uploaded twice",
        lambda: [*csv_uploads(), ("Roles.csv", MINI["roles.csv"])],
        UploadLimits(),
        refused("roles.csv: this file was given 2 times (roles.csv, Roles.csv); keep only one"),
    ),
    (
        "a CSV uploaded beside a zip that holds it too",
        lambda: [("mini.zip", mini_zip()), ("industries.csv", MINI["industries.csv"])],
        UploadLimits(),
        refused(
            "industries.csv: this file was given 2 times (industries.csv, industries.csv); "
            "keep only one"
        ),
    ),
    (
        "upper-case file names",
        lambda: [("mini.zip", zipped({name.upper(): data for name, data in MINI.items()}))],
        UploadLimits(),
        Loaded(),
    ),
    (
        "unknown extra files, a nested zip and a spreadsheet",
        lambda: [
            (
                "mini.zip",
                mini_zip(
                    **{"notes.txt": b"hi", "old.zip": zipped(MINI), "certifications.xlsx": b"PK"}
                ),
            )
        ],
        UploadLimits(),
        Loaded(
            notes=(
                "notes.txt is not a file of the data contract; it was ignored.",
                "old.zip is not a file of the data contract; it was ignored.",
                "certifications.xlsx was ignored: only CSV files are read; save it as CSV UTF-8 "
                "named certifications.csv.",
            )
        ),
    ),
    (
        "separate CSV uploads with an unknown one",
        lambda: [*csv_uploads(), ("budget.csv", b"a,b\n1,2\n")],
        UploadLimits(),
        Loaded(notes=("budget.csv is not a file of the data contract; it was ignored.",)),
    ),
    (
        "a zip of unknown files only",
        lambda: [("other.zip", zipped({"notes.txt": b"hi"}))],
        UploadLimits(),
        Refused(
            (
                "roles.csv: the file is missing; every dataset needs it",
                "skills.csv: the file is missing; every dataset needs it",
                "role_skills.csv: the file is missing; every dataset needs it",
            )
        ),
    ),
    # --- the files' text ------------------------------------------------------------------
    (
        "not UTF-8",
        lambda: [("mini.zip", mini_zip(**{"roles.csv": ROLES_LATIN1}))],
        UploadLimits(),
        refused(
            "roles.csv row 2: the text is not UTF-8 (byte 0xE9 cannot be read); save the file "
            "as 'CSV UTF-8' and upload it again"
        ),
    ),
    (
        "binary content under a contract name",
        lambda: [("mini.zip", mini_zip(**{"skills.csv": b"\x00\x01\x02skill_id"}))],
        UploadLimits(),
        refused("skills.csv: the file holds NUL bytes, so it is not a text CSV file"),
    ),
    (
        "byte order mark",
        lambda: csv_uploads(**{"roles.csv": b"\xef\xbb\xbf" + MINI["roles.csv"]}),
        UploadLimits(),
        Loaded(),
    ),
    (
        "CRLF line ends",
        lambda: [("mini.zip", zipped({n: d.replace(b"\n", b"\r\n") for n, d in MINI.items()}))],
        UploadLimits(),
        Loaded(),
    ),
    (
        "quoted newlines",
        lambda: csv_uploads(
            **{
                "skills.csv": mini_line(
                    "skills.csv", 2, 'planning,Planning,methodology,"Plans work,\r\nstep by step."'
                )
            }
        ),
        UploadLimits(),
        Loaded(check=lambda d: d.skills.iloc[0]["description"] == "Plans work,\r\nstep by step."),
    ),
    (
        "semicolon separated",
        lambda: csv_uploads(**{"industries.csv": MINI["industries.csv"].replace(b",", b";")}),
        UploadLimits(),
        Loaded(notes=("industries.csv is separated by semicolons; it was read that way.",)),
    ),
    (
        "tab separated",
        lambda: [("m.zip", mini_zip(**{"skills.csv": MINI["skills.csv"].replace(b",", b"\t")}))],
        UploadLimits(),
        Loaded(notes=("skills.csv is separated by tabs; it was read that way.",)),
    ),
    (
        "duplicate headers",
        lambda: csv_uploads(
            **{
                "industries.csv": mini_line(
                    "industries.csv", 1, "industry_id,name,description,name"
                )
            }
        ),
        UploadLimits(),
        refused(
            "industries.csv row 1, column name: the header names this column twice "
            "(columns 2 and 4)"
        ),
    ),
    (
        "empty file",
        lambda: [("mini.zip", mini_zip(**{"skills.csv": b""}))],
        UploadLimits(),
        refused(
            "skills.csv: the file is empty; it needs a header row with the columns "
            "skill_id, name, category, description"
        ),
    ),
    (
        "header-only optional file",
        lambda: csv_uploads(**{"role_responsibilities.csv": ROLE_RESPONSIBILITIES_HEADER}),
        UploadLimits(),
        Loaded(check=lambda d: d.role_responsibilities.empty and not d.roles.empty),
    ),
    (
        "header-only required file",
        lambda: [("mini.zip", mini_zip(**{"role_skills.csv": ROLE_SKILLS_HEADER}))],
        UploadLimits(),
        refused("role_skills.csv: the file has a header but no rows; add one or more"),
    ),
    (
        "very long cell",
        lambda: csv_uploads(
            **{"skills.csv": mini_line("skills.csv", 3, "risk,Risk,methodology," + "x" * 10_001)}
        ),
        UploadLimits(),
        refused(
            "skills.csv row 3, column description: the cell has 10,001 characters; "
            "the limit is 10,000"
        ),
    ),
    (
        "too many rows",
        lambda: [("mini.zip", mini_zip())],
        UploadLimits(table=Limits(max_rows=9)),
        refused("role_skills.csv: the file has more than 9 rows; the limit is 9"),
    ),
    (
        "too many columns",
        lambda: csv_uploads(),
        UploadLimits(table=Limits(max_columns=10)),
        refused("roles.csv: the header has 11 columns; the limit is 10"),
    ),
    (
        "a file too large for the reader, inside a zip",
        lambda: [("mini.zip", mini_zip())],
        UploadLimits(table=Limits(max_file_bytes=400)),
        refused(
            "roles.csv: the file is larger than the 400 bytes limit",
            "role_skills.csv: the file is larger than the 400 bytes limit",
        ),
    ),
    (
        "a formula-injection cell, neutralised by an export",
        lambda: csv_uploads(
            **{"skills.csv": mini_line("skills.csv", 2, "planning,Planning,methodology,'=SUM(A1)")}
        ),
        UploadLimits(),
        Loaded(check=lambda d: d.skills.iloc[0]["description"] == "=SUM(A1)"),
    ),
    (
        "problems from the zip and from the data in one message",
        lambda: [
            (
                "mini.zip",
                mini_zip(
                    **{
                        "SOURCES.CSV": MINI["sources.csv"],
                        "role_skills.csv": mini_line(
                            "role_skills.csv", 3, "delivery_lead,risk,high,,handbook"
                        ),
                    }
                ),
            )
        ],
        UploadLimits(),
        refused(
            "sources.csv: this file was given 2 times (sources.csv, SOURCES.CSV); keep only one",
            "role_skills.csv row 3, column importance: 'high' is not a whole number from 1 to 5",
        ),
    ),
    (
        "a broken sources.csv is reported once, not on every row that cites it",
        lambda: csv_uploads(**{"sources.csv": mini_line("sources.csv", 1, "source_id,title")}),
        UploadLimits(),
        refused(
            "sources.csv column publisher: this column is missing from the header "
            "(it has: source_id, title)",
            "sources.csv column url: this column is missing from the header "
            "(it has: source_id, title)",
            "sources.csv column licence: this column is missing from the header "
            "(it has: source_id, title)",
        ),
    ),
    # --- uploads that once crashed a page or got a message nobody could act on ----------
    (
        "a header line longer than the csv module's field limit",
        lambda: list(hostile.long_header_field().items()),
        UploadLimits(),
        refused(
            "roles.csv row 1: column 12 of the header is 200,000 characters long; a column "
            "name may have at most 1,000"
        ),
    ),
    (
        "a header of 100,000 columns",
        lambda: list(hostile.wide_header().items()),
        UploadLimits(),
        refused("roles.csv: the header has 100,011 columns; the limit is 60"),
    ),
    (
        "a cell longer than the csv module's field limit",
        lambda: list(hostile.with_summary("x" * 200_000).items()),
        UploadLimits(),
        refused(
            "roles.csv row 2, column summary: the cell has 200,000 characters; the limit is 10,000"
        ),
    ),
    (
        "a 9 MB cell that compresses well, in a zip",
        lambda: [("big.zip", zipped(hostile.with_summary("ab" * 4_500_000)))],
        UploadLimits(),
        refused(
            "roles.csv row 2, column summary: the cell has 9,000,000 characters; the limit is "
            "10,000"
        ),
    ),
    (
        "a UTF-16 file with its byte-order mark",
        lambda: csv_uploads(**{"roles.csv": MINI["roles.csv"].decode().encode("utf-16")}),
        UploadLimits(),
        refused(
            "roles.csv: the text is UTF-16, not UTF-8; save it as 'CSV UTF-8' (in Excel: "
            "File › Save As › CSV UTF-8) and upload that"
        ),
    ),
    (
        "a UTF-16 file without a byte-order mark",
        lambda: csv_uploads(**{"skills.csv": MINI["skills.csv"].decode().encode("utf-16-le")}),
        UploadLimits(),
        refused(
            "skills.csv: the text is UTF-16, not UTF-8; save it as 'CSV UTF-8' (in Excel: "
            "File › Save As › CSV UTF-8) and upload that"
        ),
    ),
    (
        "an Excel workbook renamed .csv",
        lambda: csv_uploads(**{"roles.csv": hostile.workbook()}),
        UploadLimits(),
        refused(
            "roles.csv: this is an Excel workbook (.xlsx), not a CSV file; save it as "
            "'CSV UTF-8' (in Excel: File › Save As › CSV UTF-8) and upload that"
        ),
    ),
    (
        "an Excel workbook renamed .zip",
        lambda: [("dataset.zip", hostile.workbook())],
        UploadLimits(),
        refused(
            "dataset.zip: this is an Excel workbook (.xlsx), not a zip of CSV files; save each "
            "sheet as 'CSV UTF-8' (in Excel: File › Save As › CSV UTF-8) and upload those"
        ),
    ),
    (
        "two byte-order marks before role_id",
        lambda: csv_uploads(**{"roles.csv": b"\xef\xbb\xbf" * 2 + MINI["roles.csv"]}),
        UploadLimits(),
        Loaded(notes=("roles.csv starts with 2 byte-order marks; the extra ones were ignored.",)),
    ),
    (
        "a zero-width space before role_id",
        lambda: csv_uploads(**{"roles.csv": "\u200b".encode() + MINI["roles.csv"]}),
        UploadLimits(),
        Loaded(
            notes=(
                "roles.csv: the header's 'role_id' held an invisible character (U+200B ZERO "
                "WIDTH SPACE); it was removed.",
            )
        ),
    ),
    (
        "Excel's sep= first line",
        lambda: csv_uploads(**{"skills.csv": b"sep=,\r\n" + MINI["skills.csv"]}),
        UploadLimits(),
        Loaded(
            notes=(
                "skills.csv starts with Excel's 'sep=,' line; it was read as the separator, not "
                "as data.",
            )
        ),
    ),
    (
        "roles named after the comparison's own columns",
        lambda: list(hostile.COLUMN_NAMED_ROLES.items()),
        UploadLimits(),
        Loaded(check=lambda d: list(d.role_names.values()) == ["section", "item", "sources"]),
    ),
    (
        "role names that collide once their ids are added",
        lambda: list(hostile.COLLIDING_NAMES.items()),
        UploadLimits(),
        Loaded(
            check=lambda d: (
                list(d.role_names.values())
                == [
                    "Lead (scrum_master) (delivery_lead)",
                    "Lead (scrum_master)",
                    "Lead (platform_architect)",
                ]
            )
        ),
    ),
    (
        "role names that look the same in two scripts",
        lambda: list(hostile.LOOKALIKE_NAMES.items()),
        UploadLimits(),
        Loaded(
            notes=(
                "These role names look the same but are written differently: 'Project Manager' "
                "(delivery_lead); 'Project Man\u0430ger' (scrum_master), with Cyrillic letters. "
                "They are told apart by their ids on every page; check whether they are meant "
                "to be one.",
            ),
            check=lambda d: (
                list(d.role_names.values())[:2]
                == ["Project Manager (delivery_lead)", "Project Man\u0430ger (scrum_master)"]
            ),
        ),
    ),
    (
        "a right-to-left override in a role name",
        lambda: list(hostile.roles_named(scrum_master="Scrum \u202eretsaM").items()),
        UploadLimits(),
        refused(
            "roles.csv row 3, column name: the text holds the direction control U+202E "
            "RIGHT-TO-LEFT OVERRIDE, which makes it display in a different order than it is "
            "written; remove it"
        ),
    ),
    (
        "an invisible character inside an id",
        lambda: csv_uploads(
            **{
                "role_skills.csv": mini_line(
                    "role_skills.csv", 2, "delivery\u200b_lead,planning,5,,handbook"
                )
            }
        ),
        UploadLimits(),
        refused(
            "role_skills.csv row 2, column role_id: 'delivery\u200b_lead' is not listed in "
            "roles.csv (column role_id) (it holds the invisible character U+200B ZERO WIDTH "
            "SPACE)"
        ),
    ),
    (
        "60 notes beside the dataset in one upload",
        lambda: [*csv_uploads(), *((f"note{i}.txt", b"hi") for i in range(60))],
        UploadLimits(),
        refused(
            f"upload: {len(CONTRACT) + 60} files were uploaded at once; the limit is 20. Upload "
            f"the {len(CONTRACT)} CSV files of the dataset (or one .zip of its folder)"
        ),
    ),
    (
        "links, icons and HTML in names load as text",
        lambda: list(hostile.LINKS_AND_ICONS.items()),
        UploadLimits(),
        Loaded(check=lambda d: d.role_names["scrum_master"] == "<b>Master</b> www.evil.example"),
    ),
]


@pytest.mark.parametrize(
    ("build", "limits", "outcome"),
    [pytest.param(build, limits, outcome, id=case) for case, build, limits, outcome in CORPUS],
)
def test_each_upload_has_its_exact_outcome(build, limits, outcome):
    uploads = build()
    if isinstance(outcome, Refused):
        with pytest.raises(DatasetError) as raised:
            load_upload(uploads, limits)
        assert tuple(str(problem) for problem in raised.value.problems) == outcome.problems
        assert str(raised.value).endswith(f"- {outcome.problems[-1]}")
    else:
        dataset = load_upload(uploads, limits)
        assert dataset.notes == outcome.notes
        assert outcome.check(dataset)


def test_the_corpus_is_large_and_varied():
    names = [case for case, *_ in CORPUS]
    assert len(names) == len(set(names)) >= 30
    assert sum(isinstance(outcome, Refused) for *_, outcome in CORPUS) >= 30
