"""Start-up and scan-to-vehicle times of the workshop terminal.

    python bench/startup.py [--runs 5] [--scans 20]

1. Launch to first screen interactive: the real `workshop-tui` (SQLite + sandbox, the
   README's default) in a real terminal (tmux, 120x40), timed from the command to the scan
   screen drawn with its footer (keys work from then on). Median and worst of --runs.
   The services start once that screen is drawn, so each run then types a known VIN at once
   and also times launch to that vehicle's registry record shown (no target: the worst case
   of a mechanic who scans the instant the terminal opens).
2. Scan to vehicle screen for a cached vehicle: in-process with Textual's Pilot, the same
   `CodeScanned` message a scanner posts, timed until the vehicle screen shows the record.
Targets: launch <= 0.8 s, scan to vehicle <= 100 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
READY_MARK = "^p"  # the footer's command-palette key: drawn once the first screen is mounted and bound
RECORD_MARK = "From the vehicle registry"  # the vehicle screen's origin line, once the lookup is back
KNOWN_VIN = "WVWZZZCDZMW517853"  # in the sandbox registry


def tmux(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """tmux on a server of this bench's own (other tmux users on the machine cannot disturb it)."""
    return subprocess.run(
        ["tmux", "-L", f"bench-startup-{os.getpid()}", *args], check=check, capture_output=True, text=True
    )


def wait_for(session: str, marks: tuple[str, ...], start: float) -> float:
    """Seconds from `start` until the pane shows every mark (exits after 20 s)."""
    while time.perf_counter() - start < 20:
        screen = tmux("capture-pane", "-p", "-t", session, check=False).stdout
        if all(mark in screen for mark in marks):
            return time.perf_counter() - start
        time.sleep(0.005)
    sys.exit(f"the app did not show {marks} within 20 s:\n{screen}")


def launch_times(runs: int) -> tuple[list[float], list[float]]:
    """Seconds from starting the app in tmux to its first screen drawn, and to a typed VIN's record."""
    if not shutil.which("tmux"):
        sys.exit("tmux is needed for the launch figure (apt-get install tmux)")
    ready, record = [], []
    exe = Path(sys.executable).with_name("workshop-tui")
    tmux("start-server", ";", "set-option", "-g", "exit-empty", "off")  # one server for every run
    for run in range(runs):
        home = Path(tempfile.mkdtemp())
        env = f"XDG_DATA_HOME={home}/data XDG_CONFIG_HOME={home}/config WORKSHOP_CAMERA_SOURCE= "
        session = f"bench-startup-{os.getpid()}-{run}"
        start = time.perf_counter()
        tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40", f"{env}{exe} --lang en")
        try:
            ready.append(wait_for(session, (READY_MARK, "VIN"), start))
            tmux("send-keys", "-t", session, KNOWN_VIN, "Enter")
            record.append(wait_for(session, (RECORD_MARK,), start))
        finally:
            tmux("kill-session", "-t", session, check=False)
        shutil.rmtree(home, ignore_errors=True)
    tmux("kill-server", check=False)
    return ready, record


async def scan_times(scans: int) -> list[float]:
    """Seconds from a scan of a cached vehicle to the vehicle screen showing its record."""
    from scanners.codes import classify
    from workshop_tui import wiring
    from workshop_tui.config import Settings
    from workshop_tui.sandbox.seed import load_seed
    from workshop_tui.ui.app import WorkshopApp
    from workshop_tui.ui.messages import CodeScanned
    from workshop_tui.ui.screens.scan import ScanScreen
    from workshop_tui.ui.screens.vehicle import VehicleScreen
    from workshop_tui.ui.widgets.vehicle_fields import VehicleFields

    home = Path(tempfile.mkdtemp())
    os.environ["XDG_DATA_HOME"] = str(home / "data")
    settings = Settings(db_url=f"sqlite:///{home / 'bench.db'}", camera_source="", language="en")
    services = wiring.start(settings)
    vins = [v.vin for v in load_seed().vehicles if v.registry][:2]
    for vin in vins:
        services.vehicles.lookup(vin)  # now in the local cache
    app = WorkshopApp(services, settings)
    times = []
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            for i in range(scans):
                start = time.perf_counter()
                app.post_message(CodeScanned(classify("CODE39", vins[i % 2]), "wedge"))
                while not (isinstance(app.screen, VehicleScreen) and app.screen.query(VehicleFields)):
                    await asyncio.sleep(0.0005)
                times.append(time.perf_counter() - start)
                app.screen.action_back()
                while not isinstance(app.screen, ScanScreen):
                    await asyncio.sleep(0.001)
                await pilot.pause(0.05)  # the scan screen redrawn: nobody scans within a frame of going back
    finally:
        services.close()
        shutil.rmtree(home, ignore_errors=True)
    return times


def summary(name: str, seconds: list[float], target: float | None) -> str:
    ms = sorted(s * 1000 for s in seconds)
    median, worst = statistics.median(ms), ms[-1]
    if target is None:
        verdict = f"n={len(ms)}"
    else:
        verdict = f"{'meets' if median <= target * 1000 else 'MISSES'} {target * 1000:.0f} ms, n={len(ms)}"
    return f"{name:<40} median {median:7.1f} ms   worst {worst:7.1f} ms   ({verdict})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="app launches")
    parser.add_argument("--scans", type=int, default=20, help="scans of cached vehicles")
    args = parser.parse_args()
    print(f"load average: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    ready, record = launch_times(args.runs)
    print(summary("launch to first screen interactive", ready, 0.8))
    print(summary("launch, VIN typed at once, to its record", record, None))
    print(summary("scan to vehicle screen (cached)", asyncio.run(scan_times(args.scans)), 0.1))


if __name__ == "__main__":
    main()
