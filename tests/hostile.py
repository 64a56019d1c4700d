"""Hostile datasets: the mini fixture broken in the ways a hostile or unlucky user breaks it.

Not a test module: the upload corpus checks the message each one gets, and the AppTest suite
runs every page on the ones that load (and on the ones that once crashed a page).
"""

from __future__ import annotations

import io
import zipfile

from tests.support import mini_files, with_line

ROLE_ROWS = {
    "delivery_lead": 2,
    "scrum_master": 3,
    "platform_architect": 4,
}
WORD_JOINER = "\u2060"


def roles_named(**names: str) -> dict[str, bytes]:
    """The mini dataset with some roles renamed: role_id=new name (commas are quoted)."""
    files = mini_files()
    lines = files["roles.csv"].decode("utf-8").splitlines()
    for role_id, name in names.items():
        row = ROLE_ROWS[role_id]
        rest = lines[row - 1].split(",", 2)[2]
        quoted = '"' + name.replace('"', '""') + '"'
        files = with_line(files, "roles.csv", row, f"{role_id},{quoted},{rest}")
    return files


def with_summary(text: str) -> dict[str, bytes]:
    """The mini dataset with the delivery lead's summary replaced (quoted)."""
    quoted = '"' + text.replace('"', '""') + '"'
    line = (
        f"delivery_lead,Delivery Lead,DL,{quoted},project,Engineering,Team lead → delivery lead,"
        "none,none,yes,handbook"
    )
    return with_line(mini_files(), "roles.csv", 2, line)


def workbook() -> bytes:
    """The skeleton of an Excel .xlsx file (a zip with the parts Excel writes first)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook/>')
        archive.writestr("xl/worksheets/sheet1.xml", '<?xml version="1.0"?><worksheet/>')
    return buffer.getvalue()


def long_header_field() -> dict[str, bytes]:
    """roles.csv with "," and 200,000 characters appended to its header line."""
    files = mini_files()
    header, rest = files["roles.csv"].split(b"\n", 1)
    return {**files, "roles.csv": header + b"," + b"x" * 200_000 + b"\n" + rest}


def wide_header() -> dict[str, bytes]:
    """roles.csv with 100,000 more (empty-named) columns in its header."""
    files = mini_files()
    header, rest = files["roles.csv"].split(b"\n", 1)
    extra = b"," + b",".join(b"c%d" % i for i in range(100_000))
    return {**files, "roles.csv": header + extra + b"\n" + rest}


# Role names that once crashed a page: the comparison tables' own column names, and names
# that collide after "(role_id)" is added to tell them apart.
COLUMN_NAMED_ROLES = roles_named(
    delivery_lead="section", scrum_master="item", platform_architect="sources"
)
MORE_COLUMN_NAMED_ROLES = roles_named(
    delivery_lead="url", scrum_master="role", platform_architect="item_id"
)
COLLIDING_NAMES = roles_named(
    delivery_lead="Lead (scrum_master)", scrum_master="Lead", platform_architect="Lead"
)
LOOKALIKE_NAMES = roles_named(delivery_lead="Project Manager", scrum_master="Project Man\u0430ger")
# Text that Markdown would turn into links and icons, and HTML that must stay text.
LINKS_AND_ICONS = roles_named(
    delivery_lead="Lead https://evil.example :material/home:",
    scrum_master="<b>Master</b> www.evil.example",
    platform_architect="**Architect** mail@evil.example",
)
