"""Streamlit servers for the browser tests (the benchmark borrows them).

A server is `streamlit run <script>` on a free loopback port, its output in a log file; it is
stopped on the way out of running_servers, and on Linux also when the process that started it
dies, so no server outlives its run on a shared machine. The command, the port, the health poll
and the stop are make serve's own (deploy/serve.py), so the tests start servers as it does.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from deploy.serve import die_with_parent, free_port, health_problem, stop, streamlit_command

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "dashboard" / "app.py"
# A hang guard: a server that is not answering after this long is not starting at all.
HEALTH_TIMEOUT_S = 90
LOG_TAIL_CHARS = 2000


@dataclass(frozen=True)
class Server:
    """A Streamlit server started by start_server."""

    url: str
    process: subprocess.Popen
    log: Path


def server_command(script: Path, port: int) -> list[str]:
    """make serve's `streamlit run script` command, with the toolbar reduced to its minimum."""
    return [*streamlit_command(script, port), "--client.toolbarMode", "minimal"]


def server_env(dataset: Path | None, base: Mapping[str, str] | None = None) -> dict[str, str]:
    """The server's environment: base (default os.environ) with only dataset's DASHBOARD_DATASET.

    An inherited DASHBOARD_DATASET must not leak into a server meant for another folder.
    """
    inherited = dict(os.environ if base is None else base)
    inherited.pop("DASHBOARD_DATASET", None)
    env = {**inherited, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    if dataset is not None:
        env["DASHBOARD_DATASET"] = str(dataset)
    return env


def start_server(script: Path, dataset: Path | None, log: Path) -> Server:
    """Start `streamlit run script` on a free port (not waiting for it to be ready)."""
    port = free_port()
    with log.open("wb") as handle:
        process = subprocess.Popen(
            server_command(script, port),
            cwd=ROOT,  # so the project's .streamlit/config.toml applies to every server
            env=server_env(dataset),
            stdout=handle,
            stderr=subprocess.STDOUT,
            preexec_fn=die_with_parent if sys.platform == "linux" else None,
        )
    return Server(f"http://127.0.0.1:{port}", process, log)


def log_tail(server: Server) -> str:
    """The end of a server's log, for an error message."""
    try:
        return server.log.read_text(errors="replace")[-LOG_TAIL_CHARS:]
    except OSError:
        return ""


def wait_healthy(server: Server, timeout_s: float = HEALTH_TIMEOUT_S) -> None:
    """Wait until the server answers its health check; RuntimeError if it never does."""
    problem = health_problem(server.url, server.process, timeout_s)
    if problem:
        raise RuntimeError(f"streamlit {problem}:\n{log_tail(server)}")


def stop_server(server: Server) -> None:
    """Stop a server started by start_server (terminate, then kill after 10 s)."""
    stop([server.process])


@contextlib.contextmanager
def running_servers(
    scripts: Mapping[str, tuple[Path, Path | None]], log_dir: Path
) -> Iterator[dict[str, Server]]:
    """Start a server per name (script, dataset folder) at once, wait until all are healthy.

    Started together, so their start-ups overlap; each logs to log_dir/server-<name>.log, and
    every one is stopped on the way out.
    """
    log_dir.mkdir(parents=True, exist_ok=True)
    servers: dict[str, Server] = {}
    try:
        for name, (script, dataset) in scripts.items():
            servers[name] = start_server(script, dataset, log_dir / f"server-{name}.log")
        for server in servers.values():
            wait_healthy(server)
        yield servers
    finally:
        for server in servers.values():
            stop_server(server)
