"""A private home for each test: its own settings and data folders, in this process or in a `workshop-tui` subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

CALL_TIMEOUT_S = 30  # a hang fails the test instead of stalling the run


@dataclass
class Home:
    """The XDG folders of one test: `config` is the settings file, `env` the process environment."""

    root: Path
    env: dict[str, str]

    @property
    def config(self) -> Path:
        return self.root / "config" / "workshop-tui" / "config.json"

    @property
    def data(self) -> Path:
        return self.root / "data" / "workshop-tui"

    def write_config(self, content: str | bytes) -> None:
        self.config.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode() if isinstance(content, str) else content
        self.config.write_bytes(data)

    def run(
        self, *args: str, stdin: bytes = b"", env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        completed = subprocess.run(
            [sys.executable, "-m", "workshop_tui", *args],
            input=stdin,
            capture_output=True,
            env={**self.env, **(env or {})},
            cwd=self.root,
            timeout=CALL_TIMEOUT_S,
            check=False,
        )
        return subprocess.CompletedProcess(
            completed.args,
            completed.returncode,
            completed.stdout.decode(errors="replace"),
            completed.stderr.decode(errors="replace"),
        )


@pytest.fixture
def home(tmp_path: Path) -> Home:
    env = {name: value for name, value in os.environ.items() if not name.startswith("WORKSHOP_")}
    env.update(XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"), HOME=str(tmp_path))
    return Home(tmp_path, env)


@pytest.fixture
def private_home(tmp_path, monkeypatch) -> Path:
    """This process's settings and data folders under `tmp_path`, no WORKSHOP_* variables."""
    for name in [n for n in os.environ if n.startswith("WORKSHOP_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path
