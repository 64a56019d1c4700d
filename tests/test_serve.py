"""`make serve`'s launcher: the replicas' backend section and a configuration HAProxy accepts."""

from __future__ import annotations

import os
import subprocess

import pytest

from deploy.serve import APP, BACKEND, CONFIG, backend_config, find_haproxy, replica_command


def test_each_replica_is_a_server_whose_cookie_is_its_name():
    text = backend_config([("r1", 9001), ("r2", 9002)])
    assert text.splitlines() == [
        f"backend {BACKEND}",
        "    server r1 127.0.0.1:9001 cookie r1",
        "    server r2 127.0.0.1:9002 cookie r2",
    ]


def test_a_replica_serves_the_app_on_loopback_only():
    command = replica_command(9001)
    assert str(APP) in command
    assert command[command.index("--server.address") + 1] == "127.0.0.1"
    assert command[command.index("--server.port") + 1] == "9001"


def test_haproxy_accepts_the_configuration(tmp_path):
    haproxy = find_haproxy()
    if haproxy is None:
        if os.environ.get("CI"):
            pytest.fail("haproxy is missing: `make test` installs it")
        pytest.skip("haproxy is not installed (make serve or make test installs it)")
    backend = tmp_path / "backend.cfg"
    backend.write_text(backend_config([("r1", 9001), ("r2", 9002)]))
    checked = subprocess.run(
        [haproxy, "-c", "-f", str(CONFIG), "-f", str(backend)],
        env={**os.environ, "LISTEN": "127.0.0.1:8500"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "Configuration file is valid" in checked.stdout
