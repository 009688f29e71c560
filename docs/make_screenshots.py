"""Write docs/scan.svg, docs/vehicle.svg, docs/job.svg and docs/submit.svg.

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
from tests.ui.helpers import SIZE  # noqa: E402
from tests.ui.scenes import SCENES  # noqa: E402
from workshop_tui.config import Company, Settings  # noqa: E402
from workshop_tui.ui.app import WorkshopApp  # noqa: E402

SHOWN = ("scan", "vehicle", "job", "submit")


async def screenshot(scene: str, language: str, folder: Path) -> Path:
    settings = Settings(language=language, company=Company(name="Garage Dupont", nace_code="45201"), camera_source="")
    app = WorkshopApp(MemoryServices(), settings, clock=FakeClock())
    app.animation_level = "none"
    async with app.run_test(size=SIZE) as pilot:
        await SCENES[scene](pilot)
        return Path(app.save_screenshot(f"{scene}.svg", str(folder)))


def main() -> None:
    os.environ["TZ"] = "Europe/Brussels"  # the times shown, as in the snapshot tests
    time.tzset()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--language", choices=["fr", "nl", "en"], default="en")
    args = parser.parse_args()
    folder = ROOT / "docs"
    for scene in SHOWN:
        print(asyncio.run(screenshot(scene, args.language, folder)))


if __name__ == "__main__":
    main()
