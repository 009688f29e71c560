"""Smoke test of the real app in a real terminal: tmux types a VIN and a job and reads the screen.

Run alone with `pytest tests/e2e -s`; needs tmux (apt-get install tmux).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from workshop_tui.sandbox.seed import load_seed

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (apt-get install tmux)"),
]
APP = Path(sys.executable).with_name("workshop-tui")


class Terminal:
    """One tmux session running the app at 120x40."""

    def __init__(self, name: str, command: str):
        self.tmux = ["tmux", "-L", name, "-f", "/dev/null"]  # a server of our own: no user config, no size limits
        subprocess.run([*self.tmux, "new-session", "-d", "-x", "120", "-y", "40", command], check=True)

    def screen(self) -> str:
        return subprocess.run([*self.tmux, "capture-pane", "-p"], capture_output=True, text=True).stdout

    def keys(self, *keys: str) -> None:
        subprocess.run([*self.tmux, "send-keys", *keys], check=True)

    def type(self, text: str) -> None:
        """Type like a person: one key at a time, slower than a barcode scanner."""
        for char in text:
            subprocess.run([*self.tmux, "send-keys", "-l", char], check=True)
            time.sleep(0.09)

    def wait_for(self, text: str, timeout: float = 15.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared; the screen shows:\n{self.screen()}")

    def close(self) -> None:
        subprocess.run([*self.tmux, "kill-server"], check=False)


@pytest.fixture
def terminal(tmp_path):
    env = f"env -u COLUMNS -u LINES XDG_DATA_HOME={tmp_path}/data XDG_CONFIG_HOME={tmp_path}/config WORKSHOP_CAMERA_SOURCE="
    term = Terminal(f"smoke-{tmp_path.name}", f"{env} {APP} --lang en")
    yield term
    term.close()


def test_type_a_vin_and_a_job_then_submit(terminal):
    car = next(v for v in load_seed().vehicles if v.registry and v.registry.commercial_name
               and v.registry.eu_category == "M1" and v.mileage_history and not v.carpass.div_polls)  # fmt: skip
    terminal.wait_for("VIN")
    terminal.type(car.vin[:-1] + "O")  # a typo: the letter O is not allowed
    screen = terminal.wait_for("not allowed")
    assert "position 17" in screen
    terminal.keys("BSpace")
    terminal.type(car.vin[-1])
    terminal.keys("Enter")
    screen = terminal.wait_for(car.registry.commercial_name)
    assert car.vin in screen and "SANDBOX" in screen
    terminal.keys("Enter")
    terminal.wait_for("Odometer (km)")  # the job screen (the vehicle screen shows "Odometer history")
    terminal.type(str(car.mileage_history[-1].km + 1200))
    terminal.keys("Enter")
    terminal.type("189,50")
    terminal.keys("Enter", "Space")
    screen = terminal.wait_for("REPORT TO CAR-PASS")
    assert "189.50" in screen, screen
    terminal.keys("F10")
    screen = terminal.wait_for("ACKNOWLEDGED", timeout=20)
    assert car.vin in screen


def test_a_vin_scanned_as_the_terminal_starts_opens_its_vehicle(tmp_path):
    """Scanned before the app has switched the terminal to raw input, the scanner's Enter arrives
    as a line feed and the keys before the first screen exists: the vehicle still opens."""
    name, vin = next(
        (v.registry.commercial_name, v.vin) for v in load_seed().vehicles if v.registry and v.registry.commercial_name
    )
    env = f"env -u COLUMNS -u LINES XDG_DATA_HOME={tmp_path}/data XDG_CONFIG_HOME={tmp_path}/config WORKSHOP_CAMERA_SOURCE="
    terminal = Terminal(f"early-{tmp_path.name}", f"{env} {APP} --lang en")
    try:
        terminal.keys(vin, "Enter")  # at once: the app is still importing
        assert vin in terminal.wait_for(name)
    finally:
        terminal.close()
