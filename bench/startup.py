"""Start-up and scan-to-vehicle times of the workshop terminal, beside a bare Textual app.

    python bench/startup.py [--runs 15] [--scans 20]

1. Launch to first screen interactive, in a real terminal (tmux, 120x40), timed from the
   command to the first screen drawn with its footer (keys work from then on): the real
   `workshop-tui` (SQLite + sandbox, the README's default) and a bare Textual app (a header,
   an input and a footer: `bench/bare_textual.py`), alternating, so that both see the same
   load. Each real run then types a known VIN at once and times launch to that vehicle's
   registry record shown (a mechanic who scans the instant the terminal opens).
2. Scan to vehicle screen for a cached vehicle: in-process with Textual's Pilot, the same
   `CodeScanned` message a scanner posts, timed until the vehicle screen is drawn with the record.
Targets: launch <= 1.5x the bare app (medians), VIN at launch to its record <= 0.8 s,
scan to vehicle <= 100 ms median and <= 150 ms worst.
The machine's load is printed before and after: quote it with the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
READY_MARK = "^p"  # the footer's command-palette key: drawn once the first screen is mounted and bound
RECORD_MARK = "From the vehicle registry"  # the vehicle screen's origin line, once the lookup is back
KNOWN_VIN = "WVWZZZCDZMW517853"  # in the sandbox registry
BARE_APP = f"{sys.executable} {ROOT / 'bench' / 'bare_textual.py'}"
WORKSHOP_APP = f"{Path(sys.executable).with_name('workshop-tui')} --lang en"


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


def launch(command: str, run: str, vin: str | None = None) -> tuple[float, float | None]:
    """Seconds from starting `command` in tmux to its first screen drawn, and to `vin`'s record once typed."""
    home = Path(tempfile.mkdtemp())
    # Bytecode is cached as on any install (a shell with PYTHONDONTWRITEBYTECODE would compile every run).
    env = f"XDG_DATA_HOME={home}/data XDG_CONFIG_HOME={home}/config WORKSHOP_CAMERA_SOURCE= PYTHONDONTWRITEBYTECODE= "
    session = f"bench-startup-{os.getpid()}-{run}"
    start = time.perf_counter()
    tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40", f"{env}{command}")
    try:
        ready = wait_for(session, (READY_MARK, "VIN"), start)
        if vin is None:
            return ready, None
        tmux("send-keys", "-t", session, vin, "Enter")
        return ready, wait_for(session, (RECORD_MARK,), start)
    finally:
        tmux("kill-session", "-t", session, check=False)
        shutil.rmtree(home, ignore_errors=True)


def launch_times(runs: int) -> tuple[list[float], list[float], list[float]]:
    """The bare app's and the workshop app's launch times, alternating, and the workshop's VIN-at-launch times."""
    if not shutil.which("tmux"):
        sys.exit("tmux is needed for the launch figure (apt-get install tmux)")
    bare: list[float] = []
    ready: list[float] = []
    record: list[float] = []
    tmux("start-server", ";", "set-option", "-g", "exit-empty", "off")  # one server for every run
    try:
        launch(BARE_APP, "warm-bare")  # compiled bytecode and a warm file cache for both, not counted
        launch(WORKSHOP_APP, "warm-app", KNOWN_VIN)
        for run in range(runs):
            pair = [("bare", BARE_APP, None), ("app", WORKSHOP_APP, KNOWN_VIN)]
            for name, command, vin in pair if run % 2 else reversed(pair):  # neither always goes first
                first, typed = launch(command, f"{name}-{run}", vin)
                (bare if vin is None else ready).append(first)
                if typed is not None:
                    record.append(typed)
    finally:
        tmux("kill-server", check=False)
    return bare, ready, record


async def scan_times(scans: int) -> list[float]:
    """Seconds from a scan of a cached vehicle to the vehicle screen showing its record."""
    from textual.screen import Screen

    from scanners.codes import classify
    from workshop_tui import wiring
    from workshop_tui.config import Settings
    from workshop_tui.sandbox.seed import load_seed
    from workshop_tui.ui.app import WorkshopApp
    from workshop_tui.ui.launch import SWITCH_INTERVAL_S
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
    drawn: list[float] = []
    display = app._display  # Textual's one call per frame sent to the terminal (made headless too)

    def display_timed(screen: Screen, update: Any) -> None:
        display(screen, update)
        if update is not None and isinstance(screen, VehicleScreen) and screen.query(VehicleFields):
            drawn.append(time.perf_counter())  # a frame of the vehicle screen with the record

    app._display = display_timed  # type: ignore[method-assign,assignment]
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            gc.freeze()  # as the launcher does once the first screen is drawn (see ui/launch.py)
            sys.setswitchinterval(SWITCH_INTERVAL_S)  # and from then on
            for i in range(scans):
                start = time.perf_counter()
                app.post_message(CodeScanned(classify("CODE39", vins[i % 2]), "wedge"))
                while not drawn or drawn[-1] < start:
                    await asyncio.sleep(0.0005)
                times.append(drawn[-1] - start)
                app.show_scan()  # Escape on the vehicle screen
                while not isinstance(app.screen, ScanScreen):
                    await asyncio.sleep(0.001)
                await pilot.pause(0.05)  # the scan screen redrawn: nobody scans within a frame of going back
    finally:
        services.close()
        shutil.rmtree(home, ignore_errors=True)
    return times


def summary(name: str, seconds: list[float], target: str = "") -> str:
    ms = sorted(s * 1000 for s in seconds)
    return f"{name:<42} median {statistics.median(ms):7.1f} ms   worst {ms[-1]:7.1f} ms   n={len(ms)}  {target}"


def verdict(ok: bool) -> str:
    return "meets" if ok else "MISSES"


def loadavg() -> str:
    return Path("/proc/loadavg").read_text().strip() if Path("/proc/loadavg").exists() else f"{os.getloadavg()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="launches of each app")
    parser.add_argument("--scans", type=int, default=20, help="scans of cached vehicles")
    parser.add_argument("--only", choices=("launch", "scan"), help="one part of the bench")
    args = parser.parse_args()
    print(f"/proc/loadavg before: {loadavg()}  ({os.cpu_count()} cores)")
    if args.only != "scan":
        launches(args.runs)
    if args.only != "launch":
        scans = asyncio.run(scan_times(args.scans))
        fast = statistics.median(scans) <= 0.1 and max(scans) <= 0.15
        print(summary("scan to vehicle screen (cached)", scans, f"({verdict(fast)} 100 ms median, 150 ms worst)"))
    print(f"/proc/loadavg after:  {loadavg()}")


def launches(runs: int) -> None:
    bare, ready, record = launch_times(runs)
    ratio = statistics.median(ready) / statistics.median(bare)
    print(summary("bare Textual app: launch to interactive", bare))
    print(summary("workshop-tui: launch to interactive", ready, f"ratio {ratio:.2f}x ({verdict(ratio <= 1.5)} 1.5x)"))
    late = statistics.median(record)
    print(summary("workshop-tui: VIN typed at once, to record", record, f"({verdict(late <= 0.8)} 800 ms)"))


if __name__ == "__main__":
    main()
