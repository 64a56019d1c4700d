"""Uploaded files (CSV files, or a zip of them) in: read in memory, safely, into a dataset.

Zip entries are read with zipfile into bytes and never extracted, so no entry name can write
anywhere. A hostile zip (paths leaving its folder, links, passwords, bomb-sized content) is
refused as a whole, before any content is read. A harmless zip with a file in the wrong place
holds that file back with a message while the rest is still checked, so one upload lists every
problem.
"""

from __future__ import annotations

import io
import re
import stat
import struct
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath
from typing import BinaryIO

from dashboard.core.contract import CONTRACT, FILES
from dashboard.core.dataset import Dataset, parse_dataset
from dashboard.core.problems import DatasetError, Problem
from dashboard.core.reader import Limits, human_size
from dashboard.core.settings import configured_upload_mb, upload_cap_bytes

# server.maxUploadSize from .streamlit/config.toml, so the app states the browser's own limit.
MAX_UPLOAD_BYTES = upload_cap_bytes(configured_upload_mb())
# What one upload may unzip to, in upload caps: CSV text zips 3-10x, so honest data fits.
# Entries are read in bounded chunks against this cap, so a zip bomb stops here however well
# it compresses.
UNZIPPED_PER_UPLOAD_CAP = 5
MAX_UNZIPPED_BYTES = UNZIPPED_PER_UPLOAD_CAP * MAX_UPLOAD_BYTES
# Nine contract files plus a folder, macOS metadata and a few notes fit many times over.
MAX_ENTRIES = 100
# Files in one upload (CSV files and zips): the contract files and a few strays.
MAX_FILES_PER_UPLOAD = 20
# A directory record is 46 bytes plus name, extras and comment; 1 KB is far more than any needs.
# Bounding the directory before zipfile parses it keeps a 20 MB list of 400,000 names out.
MAX_DIRECTORY_RECORD_BYTES = 1024
# Entries are read in pieces, so memory stays bounded even if one holds more than it declares.
READ_CHUNK_BYTES = 64 * 1024
# Only these are read: bzip2 and lzma expand a whole chunk at once, with no cap on the output.
READABLE_METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflate"}
# What macOS adds to a zip ("Compress folder") besides the files themselves.
MACOS_FOLDER = "__MACOSX"
MACOS_FILES = (".DS_Store",)
MACOS_PREFIX = "._"
DEFAULT_ZIP_NAME = "upload.zip"
# An empty file never loads, so it stands in for a file the upload layer held back.
_HELD_BACK = b""

_DRIVE = re.compile(r"[A-Za-z]:")
_END_RECORD = b"PK\x05\x06"
_END_RECORD_SIZE = 22
_ZIP64_LOCATOR = b"PK\x06\x07"
_ZIP64_LOCATOR_SIZE = 20
_ZIP64_END_RECORD = b"PK\x06\x06"
_ZIP64_END_RECORD_SIZE = 56
_MAX_ZIP_COMMENT = 1 << 16
_ENCRYPTED_FLAG = 0x1
# What a damaged deflate stream or a lying entry header can raise while being read.
_READ_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, RuntimeError)
_REFUSED = ", so the whole zip was refused"


@dataclass(frozen=True)
class UploadLimits:
    """Caps on an upload and on what its zips may expand to; `table` caps each CSV file.

    max_upload_bytes holds for each uploaded file; max_unzipped_bytes for all the data files one
    upload yields (what earlier files in the same upload took counts towards it).
    """

    max_upload_bytes: int = MAX_UPLOAD_BYTES
    max_unzipped_bytes: int = MAX_UNZIPPED_BYTES
    max_entries: int = MAX_ENTRIES
    max_files: int = MAX_FILES_PER_UPLOAD
    table: Limits = field(default_factory=Limits)

    @classmethod
    def for_upload_cap(cls, max_upload_bytes: int) -> UploadLimits:
        """The default limits for a server whose per-file upload cap is max_upload_bytes."""
        return cls(
            max_upload_bytes=max_upload_bytes,
            max_unzipped_bytes=UNZIPPED_PER_UPLOAD_CAP * max_upload_bytes,
        )


@dataclass(frozen=True)
class UploadedFiles:
    """The contract files found in an upload, keyed by contract file name, and what was ignored."""

    files: dict[str, bytes]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Found:
    """One contract file taken from an upload: which one, where it came from, its bytes."""

    file: str
    label: str
    data: bytes


@dataclass(frozen=True)
class _Batch:
    """What one or more uploads gave: files, notes, problems, and the files held back."""

    found: tuple[_Found, ...] = ()
    notes: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()
    withheld: frozenset[str] = field(default_factory=frozenset)
    refused: bool = False  # a hostile zip: nothing else is checked

    @property
    def taken_bytes(self) -> int:
        """Bytes of the contract files taken so far; they count towards max_unzipped_bytes."""
        return sum(len(found.data) for found in self.found)


def files_from_zip(
    data: bytes, limits: UploadLimits | None = None, name: str = DEFAULT_ZIP_NAME
) -> UploadedFiles:
    """The contract files inside a zip, read in memory; DatasetError naming each bad entry."""
    return _finished(_merged([_read_zip(name, data, limits or UploadLimits(), 0)]))


def files_from_uploads(
    uploads: Sequence[tuple[str, bytes]], limits: UploadLimits | None = None
) -> UploadedFiles:
    """The contract files among uploaded CSV files and zips; DatasetError if any is refused."""
    return _finished(_gathered(uploads, limits or UploadLimits()))


def load_upload(
    uploads: Sequence[tuple[str, bytes]], limits: UploadLimits | None = None
) -> Dataset:
    """Validate an upload as a dataset; one DatasetError lists every upload and data problem."""
    limits = limits or UploadLimits()
    batch = _gathered(uploads, limits)
    files = {found.file: found.data for found in batch.found}
    if batch.refused or (batch.problems and not files):
        raise DatasetError(batch.problems)
    # A held-back file goes in as an unreadable placeholder: parse_dataset then leaves it out of
    # reference checks (no cascade of "unknown id"), and its own problem, already reported by
    # the upload layer, is dropped below.
    placeholders = dict.fromkeys(batch.withheld, _HELD_BACK)
    try:
        dataset = parse_dataset({**files, **placeholders}, limits.table)
    except DatasetError as error:
        data_problems = [p for p in error.problems if p.file not in batch.withheld]
        raise DatasetError([*batch.problems, *data_problems]) from None
    if batch.problems:
        raise DatasetError(batch.problems)
    return replace(dataset, notes=(*batch.notes, *dataset.notes))


def _gathered(uploads: Sequence[tuple[str, bytes]], limits: UploadLimits) -> _Batch:
    if len(uploads) > limits.max_files:
        message = (
            f"{len(uploads)} files were uploaded at once; the limit is {limits.max_files}. "
            f"Upload the {len(CONTRACT)} CSV files of the dataset (or one .zip of its folder)"
        )
        return _Batch(problems=(Problem("upload", None, None, message),), refused=True)
    batches: list[_Batch] = []
    for name, data in uploads:
        base = PurePosixPath(name.replace("\\", "/")).name
        if len(data) > limits.max_upload_bytes:
            batches.append(_refuse(name, _too_big_upload(len(data), limits)))
        elif base.lower().endswith(".zip"):
            unzipped = sum(batch.taken_bytes for batch in batches)
            batches.append(_read_zip(name, data, limits, unzipped))
        elif base.lower() in FILES:
            batches.append(_Batch(found=(_Found(base.lower(), name, data),)))
        else:
            batches.append(_Batch(notes=(_ignored_note(name),)))
    return _merged(batches)


def _merged(batches: Iterable[_Batch]) -> _Batch:
    """All batches as one; a contract file given twice is held back with one problem."""
    batches = list(batches)
    found = [f for batch in batches for f in batch.found]
    problems = [p for batch in batches for p in batch.problems]
    by_file: dict[str, list[_Found]] = {}
    for item in found:
        by_file.setdefault(item.file, []).append(item)
    twice = {file for file, items in by_file.items() if len(items) > 1}
    problems += [
        Problem(
            file,
            None,
            None,
            f"this file was given {len(by_file[file])} times ("
            + ", ".join(item.label for item in by_file[file])
            + "); keep only one",
        )
        for file in sorted(twice)
    ]
    return _Batch(
        found=tuple(item for item in found if item.file not in twice),
        notes=tuple(note for batch in batches for note in batch.notes),
        problems=tuple(problems),
        withheld=frozenset(twice).union(*(batch.withheld for batch in batches)),
        refused=any(batch.refused for batch in batches),
    )


def _finished(batch: _Batch) -> UploadedFiles:
    if batch.problems:
        raise DatasetError(batch.problems)
    return UploadedFiles({found.file: found.data for found in batch.found}, batch.notes)


def _refuse(name: str, message: str) -> _Batch:
    return _Batch(problems=(Problem(name, None, None, message),), refused=True)


def _too_big_upload(size: int, limits: UploadLimits) -> str:
    return (
        f"the file is {human_size(size)}; the upload limit is {human_size(limits.max_upload_bytes)}"
    )


def _ignored_note(name: str) -> str:
    stem = PurePosixPath(name.replace("\\", "/")).stem.lower()
    if f"{stem}.csv" in FILES:
        return (
            f"{name} was ignored: only CSV files are read; save it as CSV UTF-8 named {stem}.csv."
        )
    return f"{name} is not a file of the data contract; it was ignored."


def _read_zip(name: str, data: bytes, limits: UploadLimits, unzipped_before: int) -> _Batch:
    """One uploaded zip: checked entry by entry from its directory, then read within the caps."""
    if len(data) > limits.max_upload_bytes:
        return _refuse(name, _too_big_upload(len(data), limits))
    extent = _directory_extent(data)
    if extent is not None and extent[0] > limits.max_entries:
        return _refuse(name, _too_many_entries(extent[0], limits))
    if extent is not None and extent[1] > limits.max_entries * MAX_DIRECTORY_RECORD_BYTES:
        message = (
            f"the zip's list of contents takes {human_size(extent[1])}, far more than "
            f"{limits.max_entries:,} entries need, so the zip was refused"
        )
        return _refuse(name, message)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, struct.error):
        return _refuse(name, _DAMAGED_ZIP if data.startswith(b"PK") else _NOT_A_ZIP)
    with archive:
        infos = archive.infolist()
        if len(infos) > limits.max_entries:
            return _refuse(name, _too_many_entries(len(infos), limits))
        workbook = _workbook_kind({info.filename for info in infos})
        if workbook:
            return _refuse(
                name,
                f"this is {workbook}, not a zip of CSV files; save each sheet as "
                "'CSV UTF-8' (in Excel: File › Save As › CSV UTF-8) and upload those",
            )
        if not infos:
            return _refuse(name, "the zip file holds no files; zip the folder with the CSV files")
        hostile = [problem for info in infos for problem in _hostile(info, limits)]
        declared = unzipped_before + sum(info.file_size for info in infos)
        if declared > limits.max_unzipped_bytes:
            hostile.append(Problem(name, None, None, _too_big_unzipped(declared, limits)))
        if hostile:
            return _Batch(problems=tuple(hostile), refused=True)
        return _read_entries(archive, infos, limits, unzipped_before)


def _workbook_kind(entries: set[str]) -> str | None:
    """What kind of spreadsheet workbook a zip is (they are zips inside), or None."""
    if "[Content_Types].xml" in entries and any(entry.startswith("xl/") for entry in entries):
        return "an Excel workbook (.xlsx)"
    if "mimetype" in entries and "content.xml" in entries:
        return "an OpenDocument spreadsheet (.ods)"
    return None


_NOT_A_ZIP = (
    "this is not a zip file; upload a .zip of the dataset folder, or the CSV files themselves"
)
_DAMAGED_ZIP = (
    "the zip file is damaged or incomplete (was a download or copy cut short?); "
    "create it again and upload the new file"
)


def _too_many_entries(count: int, limits: UploadLimits) -> str:
    return f"the zip holds {count:,} entries; the limit is {limits.max_entries:,}"


def _too_big_unzipped(size: int, limits: UploadLimits) -> str:
    return (
        f"unzipped, the files would take {human_size(size)}; "
        f"the limit is {human_size(limits.max_unzipped_bytes)}"
    )


def _directory_extent(data: bytes) -> tuple[int, int] | None:
    """(entries, directory bytes) as the zip's end record says, found as zipfile finds it."""
    start = data.rfind(_END_RECORD, max(0, len(data) - _MAX_ZIP_COMMENT - _END_RECORD_SIZE))
    if start < 0 or len(data) - start < _END_RECORD_SIZE:
        return None
    entries, size = struct.unpack_from("<HI", data, start + 10)
    # A zip64 end record, when present, is what zipfile believes: check the same numbers.
    record = start - _ZIP64_LOCATOR_SIZE - _ZIP64_END_RECORD_SIZE
    locator = data[start - _ZIP64_LOCATOR_SIZE : start - _ZIP64_LOCATOR_SIZE + 4]
    if record >= 0 and locator == _ZIP64_LOCATOR and data[record : record + 4] == _ZIP64_END_RECORD:
        entries, size = struct.unpack_from("<QQ", data, record + 32)
    return entries, size


def _parts(entry: str) -> list[str]:
    """An entry's path parts; some Windows tools write "\\" where the zip format says "/"."""
    return [part for part in entry.replace("\\", "/").split("/") if part not in ("", ".")]


def _hostile(info: zipfile.ZipInfo, limits: UploadLimits) -> list[Problem]:
    """Each reason this entry makes the whole zip unsafe to open."""
    entry = info.filename
    reasons = []
    parts = _parts(entry)
    if entry.replace("\\", "/").startswith("/") or (parts and _DRIVE.match(parts[0])):
        reasons.append("this path is absolute (it starts at the top of a disk)" + _REFUSED)
    if ".." in parts:
        reasons.append("this path leads out of the zip's folder (it contains '..')" + _REFUSED)
    kind = stat.S_IFMT(info.external_attr >> 16)
    if kind == stat.S_IFLNK:
        reasons.append(
            "this entry is a link to another file" + _REFUSED + "; zip the files themselves"
        )
    elif kind not in (0, stat.S_IFREG, stat.S_IFDIR):
        reasons.append("this entry is not an ordinary file or folder" + _REFUSED)
    if info.flag_bits & _ENCRYPTED_FLAG:
        reasons.append(
            "this entry is password-protected" + _REFUSED + "; zip the files without one"
        )
    return [Problem(entry, None, None, reason) for reason in reasons]


def _is_macos_metadata(parts: list[str]) -> bool:
    name = parts[-1]
    return MACOS_FOLDER in parts or name in MACOS_FILES or name.startswith(MACOS_PREFIX)


def _read_entries(
    archive: zipfile.ZipFile,
    infos: list[zipfile.ZipInfo],
    limits: UploadLimits,
    unzipped_before: int,
) -> _Batch:
    """Read the contract files of a zip already found safe, if they sit where they should."""
    notes: list[str] = []
    wanted: list[tuple[zipfile.ZipInfo, list[str]]] = []
    metadata = 0
    for info in infos:
        parts = _parts(info.filename)
        if info.is_dir() or not parts:
            continue
        if _is_macos_metadata(parts):
            metadata += 1
        elif parts[-1].lower() in FILES:
            wanted.append((info, parts))
        else:
            notes.append(_ignored_note(info.filename))
    if metadata:
        notes.append(f"{metadata} macOS metadata entries (__MACOSX/, .DS_Store) were ignored.")

    misplaced = _misplaced(wanted)
    if misplaced:
        return _Batch(
            notes=tuple(notes),
            problems=tuple(misplaced),
            withheld=frozenset(parts[-1].lower() for _, parts in wanted),
        )

    found: list[_Found] = []
    problems: list[Problem] = []
    unzipped = unzipped_before
    for info, parts in wanted:
        read = _read_entry(archive, info, limits, limits.max_unzipped_bytes - unzipped)
        if read.hostile:
            # The entry held more than the zip declared: the zip lied, so none of it is used.
            return _Batch(problems=(read.problem,), refused=True)
        if isinstance(read.problem, Problem):
            problems.append(read.problem)
            continue
        unzipped += len(read.data)
        found.append(_Found(parts[-1].lower(), info.filename, read.data))
    return _Batch(
        found=tuple(found),
        notes=tuple(notes),
        problems=tuple(problems),
        withheld=frozenset(_contract_name(p.file) for p in problems),
    )


def _contract_name(entry: str) -> str:
    return _parts(entry)[-1].lower()


def _misplaced(wanted: list[tuple[zipfile.ZipInfo, list[str]]]) -> list[Problem]:
    """Contract files must all sit at the top of the zip, or all in one folder."""
    folders = sorted({"/".join(parts[:-1]) for _, parts in wanted})
    if len(folders) <= 1 and all(len(parts) <= 2 for _, parts in wanted):
        return []
    places = ", ".join(f"{folder}/" if folder else "the top of the zip" for folder in folders)
    fix = "put the data files at the top of the zip, or all in one folder (zip the folder itself)"
    problems = []
    for info, parts in wanted:
        if len(folders) == 1:
            message = f"this file is {len(parts) - 1} folders deep; {fix}"
        else:
            message = f"the data files are in {len(folders)} places ({places}); {fix}"
        problems.append(Problem(info.filename, None, None, message))
    return problems


@dataclass(frozen=True)
class _Read:
    """Reading one entry: its bytes, or the problem that stopped it (hostile: the zip lied)."""

    data: bytes = b""
    problem: Problem | None = None
    hostile: bool = False


def _read_entry(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: UploadLimits, room: int
) -> _Read:
    """The entry's bytes, read in chunks and never past a cap, or the problem that stopped it."""
    entry = info.filename
    file_cap = limits.table.max_file_bytes
    if info.file_size > file_cap:
        message = f"the file is larger than the {human_size(file_cap)} limit"
        return _Read(problem=Problem(entry, None, None, message))
    if info.compress_type not in READABLE_METHODS:
        message = (
            f"the file is compressed with a method this app does not read (method "
            f"{info.compress_type}); zip it again with standard (deflate) compression"
        )
        return _Read(problem=Problem(entry, None, None, message))
    try:
        with archive.open(info) as stream:
            data = _read_capped(stream, min(file_cap, room))
    except _READ_ERRORS:
        return _Read(problem=Problem(entry, None, None, _DAMAGED_ENTRY))
    if data is None:
        message = "this entry holds more than the zip declares, as zip bombs do" + _REFUSED
        return _Read(problem=Problem(entry, None, None, message), hostile=True)
    return _Read(data=data)


_DAMAGED_ENTRY = (
    "the file inside the zip is damaged (its content does not match the size or checksum the zip "
    "declares); create the zip again"
)


def _read_capped(stream: BinaryIO, cap: int) -> bytes | None:
    """At most cap bytes from the stream, or None as soon as it yields more."""
    chunks: list[bytes] = []
    size = 0
    while chunk := stream.read(min(READ_CHUNK_BYTES, cap + 1 - size)):
        chunks.append(chunk)
        size += len(chunk)
        if size > cap:
            return None
    return b"".join(chunks)
