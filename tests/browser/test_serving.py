"""The browser tests' server and Chromium plumbing: the command, the environment, the lookup
(dashboard.core.chromium, shared with the PDF printer)."""

from __future__ import annotations

from pathlib import Path

from dashboard.core.chromium import chromium_path
from tests.browser.serving import APP, server_command, server_env


def test_server_command_runs_the_script_headless_on_the_port_without_watching():
    command = server_command(APP, 8600)
    assert command[1:5] == ["-m", "streamlit", "run", str(APP)]
    assert command[command.index("--server.port") + 1] == "8600"
    assert command[command.index("--server.fileWatcherType") + 1] == "none"


def test_server_env_sets_only_its_own_dataset():
    base = {"PATH": "/bin", "DASHBOARD_DATASET": "/elsewhere"}
    assert "DASHBOARD_DATASET" not in server_env(None, base)
    env = server_env(Path("/data"), base)
    assert env["DASHBOARD_DATASET"] == "/data" and env["PATH"] == "/bin"
    assert env["STREAMLIT_BROWSER_GATHER_USAGE_STATS"] == "false"


def test_chromium_path_from_the_environment_comes_first(tmp_path, monkeypatch):
    chromium = tmp_path / "chromium"
    chromium.write_text("")
    monkeypatch.setenv("CHROMIUM_PATH", str(chromium))
    assert chromium_path() == str(chromium)
