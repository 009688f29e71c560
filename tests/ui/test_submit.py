"""Submit: one key; acknowledged with its number, queued with a countdown, rejected then corrected once."""

import pytest
from textual import events
from textual.widgets import Input, RadioButton

from workshop_tui.domain.findings import Finding, Severity
from workshop_tui.domain.work import WorkKind
from workshop_tui.ui.screens.job import JobScreen
from workshop_tui.ui.screens.scan import ScanScreen
from workshop_tui.ui.screens.submit import SubmitScreen
from workshop_tui.ui.screens.vehicle import VehicleScreen
from workshop_tui.ui.widgets.work_kinds import WorkKindList

from .conftest import GOLF_VIN, UNKNOWN_VIN
from .helpers import SIZE, fill, open_job, scan, settle, text_of, type_text

pytestmark = pytest.mark.anyio

# From an accepted scan of a known vehicle to "acknowledged", besides typing the km and the amount:
KEYBOARD_PATH = [
    "enter",  # vehicle screen: the Job button has the focus
    # type the odometer reading
    "enter",  # odometer -> total incl. VAT
    # type the total
    "enter",  # total -> work done, first line (maintenance) highlighted
    "space",  # tick maintenance (the job line follows it)
    "f10",  # submit; the result screen follows Car-Pass until it acknowledges
]


async def wait_for_answer(pilot) -> None:
    """The result screen asks the services at once, then every second until the answer is final."""
    await settle(pilot)


async def test_keyboard_path_from_scan_to_acknowledged_takes_at_most_8_keys(make_app, services):
    assert len(KEYBOARD_PATH) <= 8
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await scan(pilot, GOLF_VIN)
        assert isinstance(app.screen, VehicleScreen)
        keys = iter(KEYBOARD_PATH)
        await pilot.press(next(keys))
        await settle(pilot)
        await type_text(pilot, "72000")
        await pilot.press(next(keys))
        await type_text(pilot, "189,90")
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        await wait_for_answer(pilot)

        assert isinstance(app.screen, SubmitScreen)
        assert text_of(pilot, "#submit-state") == "ACKNOWLEDGED BY CAR-PASS · number CP-2026001"
        (sent,) = services.submitted
        assert (sent.odometer_km, str(sent.total_incl_vat), sent.work, sent.job_lines) == (
            72_000,
            "189.90",
            [WorkKind.MAINTENANCE],
            ["Maintenance"],
        )
        assert sent.reading_at is not None
        assert GOLF_VIN not in services.kept_drafts, "the draft is dropped once the job is recorded"

        await pilot.press("enter")  # next vehicle
        await settle(pilot)
        assert isinstance(app.screen, ScanScreen)


async def complete_job(pilot, total: str = "189,90") -> None:
    pilot.app.screen.query_one(WorkKindList).select(WorkKind.MAINTENANCE)
    await fill(pilot, {"#odometer": "72000", "#total": total})


async def test_offline_submission_is_queued_with_a_retry_countdown(make_app, services):
    services.outcome = "queued"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_job(pilot, GOLF_VIN)
        await complete_job(pilot)
        await pilot.press("f10")
        await settle(pilot)
        assert text_of(pilot, "#submit-state") == "QUEUED · offline, it will be sent automatically"
        assert "Next attempt in 42 s (attempts so far: 1)." in text_of(pilot, "#submit-detail")
        assert "f8" in app.screen.active_bindings  # retry now


async def test_rejected_submission_is_corrected_once_then_needs_the_signed_form(make_app, services):
    services.outcome = "reject_always"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_job(pilot, GOLF_VIN)
        await complete_job(pilot)
        await pilot.press("f10")
        await wait_for_answer(pilot)
        assert text_of(pilot, "#submit-state") == "REJECTED · error number E-4711"
        assert "Car-Pass gives these reasons, as it sent them:\n• odometer lower than the last reading" in text_of(
            pilot, "#submit-detail"
        )

        await pilot.press("f6")  # correct: back to the job, everything still typed
        await settle(pilot)
        assert isinstance(app.screen, JobScreen)
        assert "Correction of submission #1 (error number E-4711)" in text_of(pilot, "#job-banner")
        assert app.screen.query_one("#odometer", Input).value == "72000"
        await fill(pilot, {"#odometer": "72100"})
        await pilot.press("f10")
        await wait_for_answer(pilot)
        assert [d.odometer_km for d in services.submitted] == [72_000, 72_100]

        assert text_of(pilot, "#submit-state") == "REJECTED · error number E-4711"
        assert "a signed correction form is needed" in text_of(pilot, "#submit-detail")
        assert "f6" not in app.screen.active_bindings, "the one electronic correction is used"
        await pilot.press("f7")
        await settle(pilot)
        assert "correction-form-1.pdf" in text_of(pilot, "#submit-document")
        assert services.papers == [1], "printing the form gives up the electronic correction"


async def test_a_job_that_needs_no_report_is_recorded_without_a_submission(make_app, services):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_job(pilot, GOLF_VIN)
        await complete_job(pilot, total="95,50")
        await pilot.click("#submit-button")  # the mouse works too
        await settle(pilot)
        assert text_of(pilot, "#submit-state") == "RECORDED · no Car-Pass report needed"
        assert len(services.submitted) == 1 and services.views == {}


async def test_a_refusal_by_the_services_is_listed_and_nothing_typed_is_lost(make_app, services):
    services.refusal = ([Finding("FUTURE_READING", Severity.BLOCK, "reading_at")], ["reading_at"])
    app = make_app("nl")
    async with app.run_test(size=SIZE) as pilot:
        await open_job(pilot, GOLF_VIN)
        await complete_job(pilot)
        app.screen.query_one("#kind-professional", RadioButton).value = True
        await settle(pilot)
        await pilot.press("f10")
        await settle(pilot)
        assert isinstance(app.screen, JobScreen)
        assert text_of(pilot, "#job-problems") == "⚠ De datum van de stand ligt in de toekomst."
        assert app.screen.query_one("#total", Input).value == "189,90"
        assert app.screen.query_one("#kind-professional", RadioButton).value


async def test_a_vehicle_unknown_to_the_registry_is_typed_on_the_job_screen_and_sent(make_app, services):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_job(pilot, UNKNOWN_VIN)
        vehicle = {
            "make": "VOLVO",
            "commercial_name": "V70",
            "category": "m1",
            "max_mass_kg": "2100",
            "model_year": "2006",
        }
        await fill(pilot, {f"#vehicle-{name}": value for name, value in vehicle.items()})
        await complete_job(pilot)
        await pilot.press("f10")  # at once: the typed vehicle fields are stored before the job
        await wait_for_answer(pilot)
        assert text_of(pilot, "#submit-state") == "ACKNOWLEDGED BY CAR-PASS · number CP-2026001"
        assert services.vehicle_records[UNKNOWN_VIN].category == "M1"


async def test_keys_typed_while_the_job_screen_opens_wait_for_it(make_app):
    """A quick mechanic types the kilometres right after Enter, before the job screen is built."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.open_vehicle(GOLF_VIN)
        await settle(pilot)
        for key, char in [("enter", "\r"), *((c, c) for c in "72000"), ("enter", "\r"), *((c, c) for c in "189")]:
            app.post_message(events.Key(key, char))  # all queued at once, as a fast typist's keys
        await settle(pilot)
        assert isinstance(app.screen, JobScreen)
        assert app.screen.query_one("#odometer", Input).value == "72000"
        assert app.screen.query_one("#total", Input).value == "189"
