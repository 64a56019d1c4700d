"""Where Debian's Chromium is and how it is started headless, for the PDF printer, the browser
tests and the benchmark alike.

Playwright's own browser download does not work here, so the path comes from $CHROMIUM_PATH,
else /usr/bin/chromium, else `chromium` on the PATH.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

DEFAULT_CHROMIUM = "/usr/bin/chromium"
# Headless and quiet: no GPU, no QUIC, and none of the background fetches (updates, sync,
# field trials) a fresh profile would otherwise start.
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def chromium_path() -> str | None:
    """Chromium's path: $CHROMIUM_PATH, else /usr/bin/chromium, else chromium on the PATH."""
    for candidate in (os.environ.get("CHROMIUM_PATH"), DEFAULT_CHROMIUM, "chromium"):
        if candidate and Path(candidate).is_file():
            return candidate
        if candidate and (found := shutil.which(candidate)):
            return found
    return None
