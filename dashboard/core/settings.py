"""Where the app reads its dataset from: environment, command line, or the shipped folder."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from dashboard.core.dataset import SHIPPED_DATASET

ENV_VAR = "DASHBOARD_DATASET"
ARGUMENT = "--dataset"


def dataset_folder(
    environ: Mapping[str, str], argv: Sequence[str], default: Path = SHIPPED_DATASET
) -> Path:
    """DASHBOARD_DATASET if set, else `--dataset DIR` from the command line, else default."""
    from_env = environ.get(ENV_VAR, "").strip()
    if from_env:
        return Path(from_env).expanduser()
    # Read by hand rather than with argparse, which exits the process on a malformed line.
    for position, argument in enumerate(argv):
        if argument == ARGUMENT and position + 1 < len(argv) and argv[position + 1].strip():
            return Path(argv[position + 1]).expanduser()
        if argument.startswith(ARGUMENT + "=") and argument.split("=", 1)[1].strip():
            return Path(argument.split("=", 1)[1]).expanduser()
    return default
