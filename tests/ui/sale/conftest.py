"""The sale desk against the real services: sandbox on loopback, SQLite, the real app."""

from __future__ import annotations

import time
from datetime import date, timedelta

import pytest
from textual.widgets import Input, Select

from scanners.codes import classify
from workshop_tui import wiring
from workshop_tui.config import Settings
from workshop_tui.services.sale_desk import belgian_today
from workshop_tui.ui.app import WorkshopApp
from workshop_tui.ui.messages import CodeScanned
from workshop_tui.ui.sale.desk_screen import SaleDeskScreen
from workshop_tui.ui.sale.field_form import row_id
from workshop_tui.ui.sale.sale_screen import SaleScreen

GOLF = "WVWZZZCDZMW517853"  # Car-Pass 00MBEG3THDUX5W, last reading 70,554 km
GOLF_CARPASS = "00MBEG3THDUX5W"
CLIO = "VF1RJA001L6959563"  # Car-Pass VP91Q57E6GD3B1, last reading 63,427 km
POLO = "WVWZZZAWZKY618253"  # no Car-Pass: a trade-in
TODAY = belgian_today()
SIZES = {"80x24": (80, 24), "120x36": (120, 36)}


@pytest.fixture
def services(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    opened = wiring.start(
        Settings(db_url=f"sqlite:///{tmp_path / 'desk.db'}", camera_source="", language="en"), deliver=False
    )
    yield opened
    opened.close()


def app_for(services, language: str) -> WorkshopApp:
    return WorkshopApp(services, Settings(camera_source="", language=language))


async def until(pilot, condition, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the app did not get there in time"
        await pilot.pause(0.05)


async def scan(pilot, symbology: str, value: str) -> None:
    pilot.app.post_message(CodeScanned(classify(symbology, value), "camera"))
    await pilot.pause(0.05)


async def open_sale(pilot, vin: str) -> SaleScreen:
    """ctrl+b opens the desk; the VIN scanned opens its sale."""
    await pilot.press("ctrl+b")
    await until(pilot, lambda: isinstance(pilot.app.screen, SaleDeskScreen))
    await scan(pilot, "CODE39", vin)
    await until(pilot, lambda: isinstance(pilot.app.screen, SaleScreen))
    await pilot.pause(0.1)
    return pilot.app.screen


async def show_step(pilot, screen: SaleScreen, name: str) -> None:
    """Go to step `name` and wait till it is built (the first time: the checklist group by group) and shown."""
    screen.step = name
    await until(
        pilot,
        lambda: any(
            step.is_mounted and step.display and getattr(step, "complete", True) for step in screen.query(f"#{name}")
        ),
    )
    await pilot.pause(0.05)


async def fill(pilot, screen: SaleScreen, values: dict[str, str]) -> None:
    """Type each field of the step on screen (as Input/Select changes), then wait for the review."""
    for key, text in values.items():
        await until(pilot, lambda key=key: any(row.is_mounted for row in screen.query(f"#{row_id(key)}")))
        row = screen.query_one(f"#{row_id(key)}")
        widget = row.children[1]
        if isinstance(widget, Select):
            widget.value = text
        else:
            assert isinstance(widget, Input)
            widget.value = text
        await pilot.pause(0.02)
    await settled(pilot, screen)


async def settled(pilot, screen: SaleScreen) -> None:
    """The last change saved and reviewed."""
    await until(pilot, lambda: not screen._dirty and screen.review is not None)
    await pilot.pause(0.6)
    await until(pilot, lambda: not any(w.is_running for w in screen.workers))


def fr_date(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def days_ago(n: int) -> str:
    return fr_date(TODAY - timedelta(days=n))
