"""Sale desk times: a VIN scanned on the desk to its sale drawn, and F12 on an open sale.

    python bench/sale_desk.py [--runs 5] [--size 120x36] [--profile out.prof]

In-process with Textual's Pilot on the real services (SQLite, sandbox on loopback), the frames
timed where Textual sends them to the terminal (`App._display`, called headless too):
1. scan → sale: from the `CodeScanned` on the desk to the first frame of the sale screen
   (`first`) and to the frame showing the vehicle step filled (`filled`); the sale is resumed
   after the first run.
2. F12 on the vehicle step: from the key to the first frame showing the title and labels in the
   next language; the same on the checklist step (`f12 checklist`).
3. The checklist step shown the first time: its first frame (titled, a loading indicator), its
   first frame showing points, and till all its groups are mounted (polled).
The machine's load is printed before and after: quote it with the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

GOLF = "WVWZZZCDZMW517853"
TITLES = {"fr": "Vente", "nl": "Verkoop", "en": "Sale"}


def loadavg() -> str:
    return Path("/proc/loadavg").read_text().strip()


class Frames:
    """The frames Textual sends to the terminal (`App._display`, called headless too), timed: each
    condition `expect`ed is checked on every frame, as the frame shows the screen."""

    def __init__(self, app: Any) -> None:
        self.start = 0.0
        self.awaited: dict[str, Callable[[Any], bool]] = {}
        self.drawn: dict[str, float] = {}
        display = app._display

        def display_timed(screen: Any, update: Any) -> None:
            display(screen, update)
            if update is not None:
                for name, shows in list(self.awaited.items()):
                    if self._shows(shows, screen):
                        self.drawn[name] = time.perf_counter() - self.start
                        del self.awaited[name]

        app._display = display_timed

    @staticmethod
    def _shows(shows: Callable[[Any], bool], screen: Any) -> bool:
        try:
            return shows(screen)
        except Exception:  # a widget queried while the screen is being composed
            return False

    def expect(self, **conditions: Callable[[Any], bool]) -> None:
        """From now on, time the first frame satisfying each condition."""
        self.start = time.perf_counter()
        self.awaited, self.drawn = dict(conditions), {}

    async def seconds(self, name: str, timeout: float = 60.0) -> float:
        """Seconds from `expect` to the first frame satisfying condition `name`."""
        await until(lambda: name in self.drawn, timeout)
        return self.drawn[name]


async def until(condition: Callable[[], object], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "not there in time"
        await asyncio.sleep(0.005)


def filled(screen: Any) -> bool:
    """The sale screen showing the vehicle step with the VIN."""
    from textual.widgets import Input

    from workshop_tui.ui.sale.sale_screen import SaleScreen

    boxes = screen.query("#f-vehicle--vin Input").results(Input) if isinstance(screen, SaleScreen) else ()
    return any(box.value == GOLF for box in boxes)


def checklist_shown(screen: Any) -> bool:
    """The checklist step showing its points (its first group at least)."""
    return any(step.is_mounted and step.display and step.query(".point") for step in screen.query("#checklist"))


def titled(text: str) -> Callable[[Any], bool]:
    from workshop_tui.ui.sale.sale_screen import SaleScreen

    return lambda screen: isinstance(screen, SaleScreen) and text in str(screen.query_one("#sale-title").render())


def relabelled(language: str) -> Callable[[Any], bool]:
    """The title, the VIN's label and the checklist's placeholders in `language`."""
    from textual.widgets import Input, Label

    from workshop_tui.translations import translations

    gettext = translations(language).gettext

    def shows(screen: Any) -> bool:
        vin = screen.query("#f-vehicle--vin Label").results(Label)
        remarks = screen.query("#checklist Input").results(Input)
        return (
            titled(TITLES[language])(screen)
            and all(str(label.render()) == gettext("VIN") for label in vin)
            and all(box.placeholder == gettext("Remark") for box in remarks)
        )

    return shows


async def run(runs: int, size: tuple[int, int], profile: cProfile.Profile | None) -> dict[str, list[float]]:
    from scanners.codes import classify
    from workshop_tui import wiring
    from workshop_tui.config import Settings
    from workshop_tui.ui.app import WorkshopApp
    from workshop_tui.ui.messages import CodeScanned
    from workshop_tui.ui.sale.checklist_form import ChecklistForm
    from workshop_tui.ui.sale.desk_screen import SaleDeskScreen
    from workshop_tui.ui.sale.sale_screen import SaleScreen

    home = Path(tempfile.mkdtemp())
    os.environ["XDG_DATA_HOME"] = str(home / "data")
    settings = Settings(db_url=f"sqlite:///{home / 'bench.db'}", camera_source="", language="en")
    services = wiring.start(settings, deliver=False)
    app = WorkshopApp(services, settings)
    frames = Frames(app)
    times: dict[str, list[float]] = {
        name: []
        for name in (
            "first",
            "filled",
            "f12",
            "checklist 1st frame",
            "checklist shown",
            "checklist built",
            "f12 checklist",
        )
    }
    languages = ["fr", "nl", "en"]

    async def f12(key: str) -> None:
        language = languages[0]
        languages.append(languages.pop(0))
        if profile:
            profile.enable()
        frames.expect(**{key: relabelled(language)})
        await pilot.press("f12")
        times[key].append(await frames.seconds(key))
        if profile:
            profile.disable()

    try:
        async with app.run_test(size=size) as pilot:
            await pilot.press("ctrl+b")
            await until(lambda: isinstance(app.screen, SaleDeskScreen))
            await pilot.pause(0.3)
            desk = app.screen
            for index in range(runs):
                if profile:
                    profile.enable()
                frames.expect(first=lambda screen: isinstance(screen, SaleScreen), filled=filled)
                app.post_message(CodeScanned(classify("CODE39", GOLF), "camera"))
                for name in ("first", "filled"):
                    times[name].append(await frames.seconds(name))
                if profile:
                    profile.disable()
                sale = app.screen
                assert isinstance(sale, SaleScreen)
                if index == 0:
                    print(f"widgets on the sale screen once open: {sum(1 for _ in sale.walk_children())}")
                await until(lambda: not any(w.is_running for w in sale.workers))  # noqa: B023 (awaited here)
                await pilot.pause(0.5)
                await f12("f12")
                await pilot.pause(0.3)
                if profile:
                    profile.enable()
                frames.expect(**{"checklist 1st frame": titled("6/7"), "checklist shown": checklist_shown})
                sale.step = "checklist"
                for name in ("checklist 1st frame", "checklist shown"):
                    times[name].append(await frames.seconds(name))
                await until(lambda: sale.query_one(ChecklistForm).complete)  # noqa: B023
                times["checklist built"].append(time.perf_counter() - frames.start)
                if profile:
                    profile.disable()
                if index == 0:
                    print(f"widgets with the checklist built: {sum(1 for _ in sale.walk_children())}")
                await pilot.pause(0.3)
                await f12("f12 checklist")
                await pilot.pause(0.3)
                await pilot.press("escape")
                await until(lambda: app.screen is desk)
                await pilot.pause(0.5)
    finally:
        services.close()
        shutil.rmtree(home, ignore_errors=True)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--size", default="120x36")
    parser.add_argument("--profile", help="write a cProfile of the timed actions to this file")
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.split("x"))
    profile = cProfile.Profile() if args.profile else None
    print(f"/proc/loadavg before: {loadavg()}  ({os.cpu_count()} cores)  size {args.size}")
    times = asyncio.run(run(args.runs, (width, height), profile))
    for name, seconds in times.items():
        ms = [round(s * 1000) for s in seconds]
        print(f"{name:<22} median {statistics.median(ms):6.0f} ms   runs {ms}")
    print(f"/proc/loadavg after:  {loadavg()}")
    if profile:
        profile.dump_stats(args.profile)


if __name__ == "__main__":
    main()
