"""Where the app reads its dataset from: the environment, the command line, or datasets/."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.core.dataset import SHIPPED_DATASET
from dashboard.core.settings import dataset_folder


@pytest.mark.parametrize(
    ("environ", "argv", "expected"),
    [
        ({}, [], SHIPPED_DATASET),
        ({"DASHBOARD_DATASET": "/data/x"}, [], Path("/data/x")),
        ({"DASHBOARD_DATASET": "/data/x"}, ["--dataset", "/data/y"], Path("/data/x")),
        ({"DASHBOARD_DATASET": "  "}, ["--dataset", "/data/y"], Path("/data/y")),
        ({}, ["--dataset=/data/z"], Path("/data/z")),
        ({}, ["--dataset"], SHIPPED_DATASET),
        ({}, ["-q", "tests"], SHIPPED_DATASET),
    ],
)
def test_dataset_folder(environ, argv, expected):
    assert dataset_folder(environ, argv) == expected
