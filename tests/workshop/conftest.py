"""The real services of a terminal (sandbox on loopback, SQLite in tmp_path, deliverer thread)."""

from __future__ import annotations

import time

import pytest

from workshop_tui import wiring
from workshop_tui.config import Settings
from workshop_tui.sandbox.seed import load_seed


@pytest.fixture
def services(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    opened = wiring.start(Settings(db_url=f"sqlite:///{tmp_path / 'terminal.db'}", terminal_name="bay-1"))
    yield opened
    opened.close()


def wait_for(predicate, timeout: float = 10.0):
    """Poll `predicate` until it returns something truthy (the deliverer works in the background)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := predicate():
            return value
        time.sleep(0.05)
    raise AssertionError("condition not met in time")


def seed_vehicle(predicate):
    return next(v for v in load_seed().vehicles if predicate(v))
