"""Write docs/scan.svg, docs/vehicle.svg, docs/job.svg and docs/submit.svg at 120x36, and
docs/scan-80x24.svg and docs/job-80x24.svg at a counter terminal's 80x24.

The screens are reached exactly as in the snapshot tests (tests/ui/scenes.py), with the same
in-memory services and frozen clock, so the pictures match what the tests check.

    .venv/bin/python docs/make_screenshots.py [--language fr|nl|en]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.ui.conftest import FakeClock, MemoryServices  # noqa: E402
from tests.ui.scenes import SCENES  # noqa: E402
from workshop_tui.config import Company, Settings  # noqa: E402
from workshop_tui.ui.app import WorkshopApp  # noqa: E402

WIDE = (120, 36)
NARROW = (80, 24)
SHOWN = (
    ("scan", WIDE),
    ("vehicle", WIDE),
    ("job", WIDE),
    ("submit", WIDE),
    ("scan", NARROW),
    ("job", NARROW),
)


async def screenshot(scene: str, size: tuple[int, int], language: str, folder: Path) -> Path:
    settings = Settings(language=language, company=Company(name="Garage Dupont", nace_code="45201"), camera_source="")
    app = WorkshopApp(MemoryServices(), settings, clock=FakeClock())
    app.animation_level = "none"
    name = f"{scene}.svg" if size == WIDE else f"{scene}-{size[0]}x{size[1]}.svg"
    async with app.run_test(size=size) as pilot:
        await SCENES[scene](pilot)
        return Path(app.save_screenshot(name, str(folder)))


def main() -> None:
    os.environ["TZ"] = "Europe/Brussels"  # the times shown, as in the snapshot tests
    time.tzset()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--language", choices=["fr", "nl", "en"], default="en")
    args = parser.parse_args()
    folder = ROOT / "docs"
    for scene, size in SHOWN:
        print(asyncio.run(screenshot(scene, size, args.language, folder)))


if __name__ == "__main__":
    main()
