"""Write docs/sale_<screen>.svg: the sale desk's screens on the sandbox, as the snapshot tests reach them.

.venv/bin/python docs/make_sale_screenshots.py [--language fr|nl|en] [--size 120x36]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.ui.sale.conftest import SIZES, app_for  # noqa: E402
from tests.ui.sale.scenes import SCENES  # noqa: E402
from workshop_tui import wiring  # noqa: E402
from workshop_tui.config import Settings  # noqa: E402


async def screenshot(scene: str, language: str, size: tuple[int, int], folder: Path) -> Path:
    with tempfile.TemporaryDirectory() as home:
        os.environ["XDG_DATA_HOME"] = home
        services = wiring.start(
            Settings(db_url=f"sqlite:///{home}/sale.db", camera_source="", language="en"), deliver=False
        )
        try:
            app = app_for(services, language)
            app.animation_level = "none"
            async with app.run_test(size=size) as pilot:
                await SCENES[scene](pilot)
                await pilot.pause(0.3)
                return Path(app.save_screenshot(f"sale_{scene}.svg", str(folder)))
        finally:
            services.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--language", choices=["fr", "nl", "en"], default="en")
    parser.add_argument("--size", choices=list(SIZES), default="120x36")
    args = parser.parse_args()
    for scene in SCENES:
        print(asyncio.run(screenshot(scene, args.language, SIZES[args.size], ROOT / "docs")))


if __name__ == "__main__":
    main()
