"""`make serve`: N replicas of the app behind HAProxy on one public address, in the foreground.

python deploy/serve.py [--replicas 3] [--port 8500] [--address 127.0.0.1] [--log-dir serve-logs]

Each replica is `streamlit run dashboard/app.py` on its own free loopback port, logging to
<log-dir>/replica-rN.log; HAProxy (deploy/haproxy.cfg) listens on the public address and keeps
each browser on its replica by a cookie. Ctrl-C or SIGTERM stops every process started here; so
does this process dying (Linux: the children get SIGTERM with their parent). A replica that dies
stays out of rotation (its users move to the others) until make serve is started again.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "dashboard" / "app.py"
CONFIG = Path(__file__).resolve().with_name("haproxy.cfg")
BACKEND = "replicas"
# A hang guard: a replica not answering its health check after this long is not starting.
HEALTH_TIMEOUT_S = 120
STOP_TIMEOUT_S = 10
PR_SET_PDEATHSIG = 1  # linux/prctl.h


@dataclass(frozen=True)
class Replica:
    """One app process: its name (also its cookie value), port, process and log."""

    name: str
    port: int
    process: subprocess.Popen
    log: Path

    @property
    def url(self) -> str:
        """Where the replica answers (loopback only)."""
        return f"http://127.0.0.1:{self.port}"


def free_port() -> int:
    """A loopback port that is free right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def streamlit_command(script: Path, port: int) -> list[str]:
    """`streamlit run script` on a loopback port, headless, without file watching."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--server.fileWatcherType",
        "none",
    ]


def replica_command(port: int) -> list[str]:
    """`streamlit run` of the app on a loopback port, headless, without file watching."""
    return streamlit_command(APP, port)


def backend_config(replicas: Sequence[tuple[str, int]]) -> str:
    """The `backend` section naming each replica (name, port); its cookie value is its name."""
    lines = [f"backend {BACKEND}"]
    lines += [f"    server {name} 127.0.0.1:{port} cookie {name}" for name, port in replicas]
    return "\n".join(lines) + "\n"


def find_haproxy() -> str | None:
    """HAProxy's path (Debian installs it in /usr/sbin, outside a normal user's PATH)."""
    return shutil.which("haproxy") or shutil.which("haproxy", path="/usr/sbin:/usr/local/sbin")


def die_with_parent() -> None:
    """In the child before exec: on Linux, get SIGTERM when the starting process dies, even by
    SIGKILL (a killed process runs no finally; without this its children would outlive it)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def _start(command: list[str], log: Path | None, env: dict[str, str]) -> subprocess.Popen:
    output = log.open("wb") if log else None
    try:
        return subprocess.Popen(
            command,
            cwd=ROOT,  # the project's .streamlit/config.toml applies to every replica
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT if output else None,
            stdin=subprocess.DEVNULL,
            preexec_fn=die_with_parent if sys.platform == "linux" else None,
        )
    finally:
        if output:
            output.close()


def start_replica(index: int, log_dir: Path) -> Replica:
    """Start replica r<index> on a free port (not waiting for it)."""
    name, port = f"r{index}", free_port()
    log = log_dir / f"replica-{name}.log"
    env = {**os.environ, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    return Replica(name, port, _start(replica_command(port), log, env), log)


def health_problem(url: str, process: subprocess.Popen, timeout_s: float) -> str | None:
    """Poll url's /_stcore/health until it answers "ok" (None), or say why it never did."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return "exited early"
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer,
        ):
            if answer.read().strip() == b"ok":
                return None
        time.sleep(0.2)
    return f"not healthy after {timeout_s:.0f} s"


def wait_healthy(replica: Replica, timeout_s: float = HEALTH_TIMEOUT_S) -> None:
    """Wait until the replica answers its health check; RuntimeError if it never does."""
    problem = health_problem(replica.url, replica.process, timeout_s)
    if problem:
        raise RuntimeError(f"replica {replica.name} {problem}; see {replica.log}")


def stop(processes: Sequence[subprocess.Popen]) -> None:
    """Terminate every process, then kill those still running after STOP_TIMEOUT_S."""
    for process in processes:
        if process.poll() is None:
            process.terminate()
    deadline = time.monotonic() + STOP_TIMEOUT_S
    for process in processes:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class Stop(Exception):
    """Raised from the signal handler: Ctrl-C or SIGTERM."""


def _raise_stop(signum, frame) -> None:
    raise Stop(signal.Signals(signum).name)


def serve(replicas: int, address: str, port: int, log_dir: Path) -> int:
    """Run the replicas and the proxy until a signal, or until the proxy or every replica dies."""
    haproxy = find_haproxy()
    if haproxy is None:
        print("haproxy is not installed: run `make serve` (it installs Debian's haproxy).")
        return 2
    signal.signal(signal.SIGTERM, _raise_stop)
    signal.signal(signal.SIGINT, _raise_stop)
    log_dir.mkdir(parents=True, exist_ok=True)
    started: list[Replica] = []
    proxy: subprocess.Popen | None = None
    with tempfile.TemporaryDirectory(prefix="serve-") as tmp:
        try:
            started = [start_replica(index, log_dir) for index in range(1, replicas + 1)]
            for replica in started:
                wait_healthy(replica)
            backend = Path(tmp) / "backend.cfg"
            backend.write_text(backend_config([(r.name, r.port) for r in started]))
            env = {**os.environ, "LISTEN": f"{address}:{port}"}
            # -db: stay in the foreground, logging to this terminal.
            proxy = _start([haproxy, "-db", "-f", str(CONFIG), "-f", str(backend)], None, env)
            for replica in started:
                print(f"replica {replica.name}: {replica.url} (pid {replica.process.pid})")
            print(f"Serving on http://{address}:{port} with {replicas} replicas; logs in {log_dir}")
            print("Press Ctrl-C to stop.", flush=True)
            return _watch(proxy, started)
        except Stop as why:
            print(f"\n{why}: stopping the proxy and {len(started)} replicas", flush=True)
            return 0
        except RuntimeError as error:
            print(error, flush=True)
            return 1
        finally:
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            stop([*([proxy] if proxy else []), *(r.process for r in started)])


def _watch(proxy: subprocess.Popen, replicas: Sequence[Replica]) -> int:
    """Report replicas that die; return when the proxy or the last replica is gone."""
    reported: set[str] = set()
    while True:
        if proxy.poll() is not None:
            print(f"haproxy exited with code {proxy.returncode}: stopping", flush=True)
            return 1
        for replica in replicas:
            code = replica.process.poll()
            if code is not None and replica.name not in reported:
                reported.add(replica.name)
                print(
                    f"replica {replica.name} exited with code {code}: out of rotation, its "
                    f"users move to the others (log: {replica.log})",
                    flush=True,
                )
        if len(reported) == len(replicas):
            print("every replica has exited: stopping", flush=True)
            return 1
        time.sleep(0.5)


def main(argv: list[str] | None = None) -> int:
    """The command line."""
    parser = argparse.ArgumentParser(prog="deploy/serve.py", description=__doc__.split("\n")[0])
    parser.add_argument("--replicas", type=int, default=int(os.environ.get("REPLICAS", 3)))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8500)))
    parser.add_argument("--address", default="127.0.0.1", help="the public address to bind")
    parser.add_argument("--log-dir", type=Path, default=ROOT / "serve-logs")
    args = parser.parse_args(argv)
    if args.replicas < 1:
        parser.error("--replicas must be at least 1")
    return serve(args.replicas, args.address, args.port, args.log_dir)


if __name__ == "__main__":
    sys.exit(main())
