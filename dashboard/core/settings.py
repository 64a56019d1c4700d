"""Where the app reads its dataset from: environment, command line, or the shipped folder."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path

from dashboard.core.dataset import SHIPPED_DATASET

ENV_VAR = "DASHBOARD_DATASET"
ARGUMENT = "--dataset"
STREAMLIT_CONFIG = Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml"
# Streamlit's own default for server.maxUploadSize, when the config file does not set it.
STREAMLIT_DEFAULT_UPLOAD_MB = 200
# Browsers count an upload limit in decimal megabytes (Streamlit's uploader does outside
# Windows), the smallest reading of "20 MB": so does every limit the app states.
BYTES_PER_MB = 1_000_000


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


def configured_upload_mb(config: Path = STREAMLIT_CONFIG) -> int:
    """server.maxUploadSize (in MB) from the app's .streamlit/config.toml."""
    try:
        with config.open("rb") as handle:
            server = tomllib.load(handle).get("server", {})
    except (OSError, tomllib.TOMLDecodeError):
        return STREAMLIT_DEFAULT_UPLOAD_MB
    return int(server.get("maxUploadSize", STREAMLIT_DEFAULT_UPLOAD_MB))


def upload_cap_bytes(megabytes: int) -> int:
    """The largest upload, in bytes, for a server.maxUploadSize of `megabytes`."""
    return megabytes * BYTES_PER_MB
