"""Pilot helpers shared by the UI tests."""

from __future__ import annotations

import asyncio

from textual import events
from textual.pilot import Pilot
from textual.widgets import Input

from workshop_tui.ui.app import SAVE_DELAY_S, WorkshopApp

from .conftest import FakeClock

SIZE = (120, 40)


def workshop(pilot: Pilot) -> WorkshopApp:
    """The app under test, as the workshop app it is."""
    app = pilot.app
    assert isinstance(app, WorkshopApp)
    return app


def fake_clock(pilot: Pilot) -> FakeClock:
    """The frozen clock the app under test runs on."""
    clock = workshop(pilot).clock
    assert isinstance(clock, FakeClock)
    return clock


async def settle(pilot: Pilot) -> None:
    """Let held keys through, workers finish (not the camera's, which runs until the end) and their
    messages be handled."""
    await pilot.pause()
    while workshop(pilot).holding_keys:
        await pilot.pause(0.01)
    if busy := [worker for worker in pilot.app.workers if worker.group != "camera"]:
        # a worker that fails is the app's to report (tests check how): waited for, not raised here
        await asyncio.gather(*(worker.wait() for worker in busy), return_exceptions=True)
    await pilot.pause()


async def type_text(pilot: Pilot, text: str) -> None:
    """Type like a person: the app's clock must show human gaps (FakeClock's default step)."""
    await pilot.press(*text)
    await settle(pilot)


async def scan(pilot: Pilot, text: str) -> None:
    """A keyboard-wedge scanner: the code's key events in one burst, 4 ms apart, then Enter."""
    clock = fake_clock(pilot)
    step, clock.step = clock.step, 0.004
    for char in text:
        pilot.app.post_message(events.Key(char, char))
    pilot.app.post_message(events.Key("enter", "\r"))
    await settle(pilot)
    clock.step = step


async def scan_by_keys(pilot: Pilot, text: str, end: str = "enter") -> None:
    """A keyboard-wedge scanner typed with Pilot, ending with `end`: the app's clock shows 4 ms between keys."""
    clock = fake_clock(pilot)
    step, clock.step = clock.step, 0.004
    await pilot.press(*text, end)
    clock.step = step
    await settle(pilot)


async def saved(pilot: Pilot) -> None:
    """Wait until what was typed has been written (the app writes after a short pause in typing)."""
    await pilot.pause(SAVE_DELAY_S + 0.05)
    await settle(pilot)


async def open_job(pilot: Pilot, vin: str) -> None:
    """Open `vin` as a scan would, then its job screen."""
    app = workshop(pilot)
    app.open_vehicle(vin)
    await settle(pilot)
    assert app.visit is not None, f"{vin} did not open"
    app.open_job(app.visit)
    await settle(pilot)


async def fill(pilot: Pilot, values: dict[str, str]) -> None:
    """Set inputs (by selector) as if typed (their Changed messages follow), without typing key by key."""
    for selector, text in values.items():
        pilot.app.screen.query_one(selector, Input).value = text
    await settle(pilot)


def text_of(pilot: Pilot, selector: str) -> str:
    """The plain text a Static-like widget shows."""
    return str(pilot.app.screen.query_one(selector).render())
