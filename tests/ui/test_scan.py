"""Scan: a VIN typed by hand is checked as you type; a scan opens the vehicle from any screen."""

import time

import pytest
from textual import events
from textual.widgets import Input

from scanners.codes import classify
from workshop_tui.translations.render import render
from workshop_tui.ui.clock import SystemClock
from workshop_tui.ui.messages import CodeScanned
from workshop_tui.ui.screens.job import JobScreen
from workshop_tui.ui.screens.scan import ScanScreen
from workshop_tui.ui.screens.vehicle import VehicleScreen
from workshop_tui.ui.widgets.vin_report import VinReportView

from .conftest import CLIO_CARPASS, CLIO_VIN, GOLF_VIN
from .helpers import SIZE, fill, saved, scan, scan_by_keys, settle, text_of, type_text

pytestmark = pytest.mark.anyio


def report_text(app) -> str:
    return str(app.screen.query_one(VinReportView).render())


async def test_typed_vin_shows_errors_in_words_then_opens_the_vehicle(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await fill(pilot, {"#vin-input": "WVWZZZ1KZAW000"})
        await type_text(pilot, "0O1")
        assert render("VIN_LETTER", {"char": "O", "position": 16}, "en") in report_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ScanScreen), "an invalid VIN must not open anything"

        await pilot.press("backspace", "backspace")
        await type_text(pilot, "01")
        assert "Valid VIN" in report_text(app) and "Volkswagen · Germany" in report_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, VehicleScreen)
        assert app.visit.vin == GOLF_VIN


async def test_errors_follow_the_language(make_app):
    app = make_app("nl")
    async with app.run_test(size=SIZE) as pilot:
        await type_text(pilot, "WVWZZZ")
        assert "Het VIN heeft 6 tekens, er zijn er 17 nodig." in report_text(app)


async def test_wedge_scan_on_the_scan_screen_opens_the_vehicle_and_types_nothing(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        vin_input = app.screen.query_one("#vin-input", Input)
        await scan(pilot, GOLF_VIN)
        assert isinstance(app.screen, VehicleScreen) and app.visit.vin == GOLF_VIN
        assert vin_input.value == ""
        assert app.last_read.kind == "vin" and app.last_read_via == "wedge"


async def test_wedge_scan_from_the_job_screen_opens_the_other_vehicle(make_app, services):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.open_vehicle(GOLF_VIN)
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, JobScreen)
        await type_text(pilot, "61")  # the odometer is focused
        await scan_by_keys(pilot, CLIO_VIN)
        assert isinstance(app.screen, VehicleScreen) and app.visit.vin == CLIO_VIN
        await saved(pilot)
        assert services.kept_drafts[GOLF_VIN].odometer_km == 61, "the burst must not reach the odometer"


async def test_a_camera_read_is_the_same_message_as_a_wedge_scan(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.post_message(CodeScanned(classify("CODE39", "I" + CLIO_VIN), "camera"))
        await settle(pilot)
        assert isinstance(app.screen, VehicleScreen) and app.visit.vin == CLIO_VIN
        assert app.last_read_via == "camera"


async def test_a_code_that_is_no_vin_is_reported_not_opened(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await scan(pilot, "ZZTOPBEARDS")
        assert isinstance(app.screen, ScanScreen)
        assert [n.message for n in app._notifications] == ["Code read, but it is not a VIN: ZZTOPBEARDS"]


async def test_a_scanned_car_pass_opens_its_vehicle_with_its_recalls(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await scan(pilot, CLIO_CARPASS)
        await settle(pilot)
        assert isinstance(app.screen, VehicleScreen) and app.visit.vin == CLIO_VIN
        assert text_of(pilot, "#vehicle-carpass") == (
            f"Car-Pass {CLIO_CARPASS}:  ⚠ open recall RC-22-118: airbag control unit"
        )


async def test_a_car_pass_the_services_do_not_know_is_said_plainly(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await scan(pilot, "11MBEG3THDUX5W")
        await settle(pilot)
        assert isinstance(app.screen, ScanScreen)
        assert [n.message for n in app._notifications][-1] == (
            "Car-Pass knows no certificate 11MBEG3THDUX5W: scan the VIN instead."
        )


async def test_a_scan_read_in_one_go_stays_a_scan_while_the_app_is_busy(make_app):
    """Gaps are timed when the terminal was read: 80 ms of work between two of the scanner's keys
    (a screen being built) neither splits the burst nor lets a key into the field."""
    app = make_app(clock=SystemClock())
    async with app.run_test(size=SIZE) as pilot:
        vin_input = app.screen.query_one("#vin-input", Input)
        keys = [events.Key(char, char) for char in GOLF_VIN] + [events.Key("enter", "\r")]
        for i, key in enumerate(keys):
            app.post_message(key)
            if i == 8:
                app.call_later(lambda: time.sleep(0.08))
        await settle(pilot)
        assert isinstance(app.screen, VehicleScreen) and app.visit.vin == GOLF_VIN
        assert vin_input.value == ""
