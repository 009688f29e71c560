"""The main screens in a typical state, reached the way a mechanic would: for snapshots and docs."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from workshop_tui.domain.work import WorkKind
from workshop_tui.ui.widgets.work_kinds import WorkKindList

from .conftest import CLIO_VIN, GOLF_VIN
from .helpers import fill, open_job, saved, scan, settle, workshop


async def still(pilot: Pilot) -> None:
    """No blinking cursor in a picture."""
    for widget in pilot.app.screen.query("Input, TextArea"):
        if isinstance(widget, (Input, TextArea)):
            widget.cursor_blink = False
    await settle(pilot)


async def scan_screen(pilot: Pilot) -> None:
    await scan(pilot, GOLF_VIN)  # the last read shows on the scan screen
    workshop(pilot).show_scan()
    await settle(pilot)
    await fill(pilot, {"#vin-input": "WVWZZZ1KZAW0000O1"})
    await still(pilot)


async def vehicle_screen(pilot: Pilot) -> None:
    workshop(pilot).open_vehicle(CLIO_VIN)  # two mandatory fields missing, a rollback in the history
    await settle(pilot)
    await still(pilot)


async def job_screen(pilot: Pilot) -> None:
    await open_job(pilot, GOLF_VIN)
    pilot.app.screen.query_one(WorkKindList).select(WorkKind.MAINTENANCE)
    await fill(pilot, {"#odometer": "72000", "#total": "95,50"})
    await still(pilot)


async def customer_screen(pilot: Pilot) -> None:
    await open_job(pilot, GOLF_VIN)
    await pilot.press("f4")
    await settle(pilot)
    await fill(pilot, {"#customer-search": "a"})
    await pilot.pause(0.3)  # searching waits for a pause in typing
    await still(pilot)


async def submit_screen(pilot: Pilot) -> None:
    await open_job(pilot, GOLF_VIN)
    pilot.app.screen.query_one(WorkKindList).select(WorkKind.MAINTENANCE)
    await fill(pilot, {"#odometer": "72000", "#total": "189,90"})
    await pilot.press("f10")
    await still(pilot)


async def outbox_screen(pilot: Pilot) -> None:
    await submit_screen(pilot)  # one reading in the outbox
    await pilot.press("ctrl+o")
    await still(pilot)


async def history_screen(pilot: Pilot) -> None:
    await pilot.press("ctrl+t")
    await still(pilot)


async def drafts_screen(pilot: Pilot) -> None:
    await job_screen(pilot)  # a job typed, left for later
    await saved(pilot)
    workshop(pilot).show_scan()
    await settle(pilot)
    await pilot.press("f6")
    await still(pilot)


async def settings_screen(pilot: Pilot) -> None:
    await pilot.press("ctrl+g")
    await still(pilot)


SCENES: dict[str, Callable[[Pilot], Awaitable[None]]] = {
    "scan": scan_screen,
    "vehicle": vehicle_screen,
    "job": job_screen,
    "customer": customer_screen,
    "submit": submit_screen,
    "outbox": outbox_screen,
    "history": history_screen,
    "settings": settings_screen,
    "drafts": drafts_screen,
}
