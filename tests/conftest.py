"""Shared fixtures: the small hand-made dataset and ways to break it one file at a time."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.core.contract import CONTRACT
from dashboard.core.dataset import Dataset, load_dataset

ROOT = Path(__file__).resolve().parents[1]
MINI = Path(__file__).parent / "fixtures" / "mini"
SHIPPED = ROOT / "datasets"


def mini_files() -> dict[str, bytes]:
    """The mini fixture as {file name: bytes}, a fresh copy each call."""
    return {spec.file: (MINI / spec.file).read_bytes() for spec in CONTRACT}


def with_line(files: dict[str, bytes], file: str, line: int, text: str) -> dict[str, bytes]:
    """A copy of files where line `line` (1 = header) of `file` is replaced by `text`."""
    lines = files[file].decode("utf-8").splitlines()
    lines[line - 1] = text
    return {**files, file: ("\n".join(lines) + "\n").encode("utf-8")}


@pytest.fixture
def mini() -> dict[str, bytes]:
    """The mini fixture's files."""
    return mini_files()


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    """The mini fixture, loaded and validated (a module may define its own `dataset`)."""
    return load_dataset(MINI)
