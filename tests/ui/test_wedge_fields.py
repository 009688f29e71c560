"""The scanner never steals a field: a part number or a tyre EAN scanned into a text field goes into
it; a VIN still opens its vehicle, from any screen, the submission screen included."""

import pytest
from textual.widgets import Input, TextArea

from workshop_tui.domain.work import WorkKind
from workshop_tui.ui.screens.history import HistoryScreen
from workshop_tui.ui.screens.job import JobScreen
from workshop_tui.ui.screens.submit import SubmitScreen
from workshop_tui.ui.screens.vehicle import VehicleScreen
from workshop_tui.ui.widgets.work_kinds import WorkKindList

from .conftest import CLIO_VIN, GOLF_VIN
from .helpers import SIZE, fill, open_job, scan_by_keys, settle

pytestmark = pytest.mark.anyio

TYRE_EAN = "4019238024273"  # 13 digits: would pass for a bare Car-Pass ID
PART_NUMBER = "1K0698151A"


async def test_a_tyre_ean_and_a_part_number_scanned_into_the_job_lines_go_there_one_a_line(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_job(pilot, GOLF_VIN)
        lines = app.screen.query_one("#job-lines", TextArea)
        lines.focus()
        await settle(pilot)
        await scan_by_keys(pilot, TYRE_EAN)
        await scan_by_keys(pilot, PART_NUMBER)
        assert isinstance(app.screen, JobScreen)
        assert lines.text.splitlines()[:2] == [TYRE_EAN, PART_NUMBER]
        assert app.last_read is None, "no scan was reported"


async def test_a_part_number_scanned_into_the_history_search_goes_there(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        app.screen.query_one("#history-query", Input).focus()
        await scan_by_keys(pilot, PART_NUMBER)
        assert app.screen.query_one("#history-query", Input).value == PART_NUMBER


async def test_a_vin_scanned_into_the_job_lines_still_opens_its_vehicle(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_job(pilot, GOLF_VIN)
        lines = app.screen.query_one("#job-lines", TextArea)
        lines.focus()
        await scan_by_keys(pilot, CLIO_VIN)
        assert isinstance(app.screen, VehicleScreen) and app.visit.vin == CLIO_VIN
        assert CLIO_VIN not in lines.text


async def test_the_same_vin_scanned_from_the_submission_screen_opens_the_vehicle_again(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_job(pilot, GOLF_VIN)
        app.screen.query_one(WorkKindList).select(WorkKind.MAINTENANCE)
        await fill(pilot, {"#odometer": "72000", "#total": "189,90"})
        await pilot.press("f10")
        await settle(pilot)
        assert isinstance(app.screen, SubmitScreen)
        await scan_by_keys(pilot, GOLF_VIN)
        assert isinstance(app.screen, VehicleScreen) and app.visit.vin == GOLF_VIN


async def test_a_scanner_that_ends_with_a_line_feed_opens_the_vehicle(make_app):
    """Scanners can be set to end with LF instead of CR: the terminal gives ctrl+j, not Enter."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await scan_by_keys(pilot, CLIO_VIN, end="ctrl+j")
        assert isinstance(app.screen, VehicleScreen) and app.visit.vin == CLIO_VIN
