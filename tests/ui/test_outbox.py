"""Outbox and submit screen: a reading that needs fixing is edited and re-sent or cancelled with a
reason; statuses by name; no correction for a duplicate; the site's data quality."""

from datetime import timedelta
from decimal import Decimal

import pytest
from textual.widgets import DataTable, Input

from workshop_tui.domain.data_quality import DataQuality
from workshop_tui.domain.models import JobDraft, SubmissionState
from workshop_tui.domain.work import WorkKind
from workshop_tui.translations import translations
from workshop_tui.translations.labels import STATUS
from workshop_tui.ui.screens.job import JobScreen
from workshop_tui.ui.screens.outbox import OutboxScreen
from workshop_tui.ui.screens.submit import SubmitScreen
from workshop_tui.ui.screens.vehicle import VehicleScreen
from workshop_tui.ui.widgets.cancel_reason import CancelReason

from .conftest import GOLF_VIN, NOW
from .helpers import SIZE, settle, text_of

pytestmark = pytest.mark.anyio
REFUSED = "odometerValue: must be at most 99999 for a 5-digit odometer"


def recorded(services, **update) -> int:
    """A Golf job recorded and its submission put in the state `update` says."""
    draft = JobDraft(
        vin=GOLF_VIN,
        odometer_km=123_456,
        work=[WorkKind.MAINTENANCE],
        job_lines=["Maintenance"],
        total_incl_vat=Decimal("189.00"),
    )
    view = services.submissions.submit(draft)
    services.views[view.id] = view.model_copy(update=update)
    return view.id


def needs_fixing(services) -> int:
    return recorded(
        services,
        state=SubmissionState.NEEDS_FIXING,
        problem_code="VALIDATION_ERROR",
        problem_message="must be at most 99999 for a 5-digit odometer",
        problem_field="odometerValue",
    )


def row(pilot, index: int = 0) -> list[str]:
    return [str(cell) for cell in pilot.app.screen.query_one(DataTable).get_row_at(index)]


async def open_outbox(pilot) -> None:
    await pilot.press("ctrl+o")
    await settle(pilot)
    assert isinstance(pilot.app.screen, OutboxScreen)


async def test_needs_fixing_is_shown_with_the_services_words_then_edited_and_resent(make_app, services):
    sid = needs_fixing(services)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_outbox(pilot)
        assert row(pilot)[3] == "needs fixing" and row(pilot)[6] == REFUSED
        await pilot.press("f6")
        await settle(pilot)
        assert isinstance(app.screen, VehicleScreen)
        await pilot.press("f3")
        await settle(pilot)
        assert isinstance(app.screen, JobScreen)
        assert app.screen.query_one("#odometer", Input).value == "123456"  # the reading's data
        assert f"Submission #{sid} was refused ({REFUSED})" in text_of(pilot, "#job-banner")
        app.screen.query_one("#odometer", Input).value = "72000"
        await settle(pilot)
        await pilot.press("f10")
        await settle(pilot)
        assert [d.odometer_km for d in services.submitted] == [123_456, 72_000]
        assert list(services.views) == [sid] and services.views[sid].state is SubmissionState.PENDING
        assert isinstance(app.screen, SubmitScreen)


async def test_needs_fixing_is_cancelled_with_a_reason_from_the_outbox(make_app, services):
    sid = needs_fixing(services)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_outbox(pilot)
        await pilot.press("f4")
        await settle(pilot)
        assert isinstance(app.screen, CancelReason)
        await pilot.press("enter")  # no reason: not cancelled
        await settle(pilot)
        assert services.cancelled == [] and text_of(pilot, "#cancel-hint") == "Type the reason first."
        app.screen.query_one("#cancel-reason", Input).value = "Customer's car, typed twice"
        await pilot.press("enter")
        await settle(pilot)
        assert services.cancelled == [(sid, "Customer's car, typed twice")]
        assert isinstance(app.screen, OutboxScreen) and row(pilot)[3] == "cancelled"


async def test_needs_fixing_on_the_submit_screen_cancel_and_edit(make_app, services):
    sid = needs_fixing(services)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_outbox(pilot)
        await pilot.press("enter")  # details
        await settle(pilot)
        assert isinstance(app.screen, SubmitScreen)
        assert text_of(pilot, "#submit-state") == "NEEDS FIXING"
        assert REFUSED in text_of(pilot, "#submit-detail")
        assert "f6" in app.screen.active_bindings and "f4" in app.screen.active_bindings
        await pilot.press("f4")
        await settle(pilot)
        await pilot.press("escape")  # changed his mind
        await settle(pilot)
        assert services.cancelled == [] and isinstance(app.screen, SubmitScreen)
        await pilot.press("f4")
        await settle(pilot)
        app.screen.query_one("#cancel-reason", Input).value = "Wrong vehicle"
        await pilot.press("enter")
        await settle(pilot)
        assert services.cancelled == [(sid, "Wrong vehicle")]
        assert text_of(pilot, "#submit-state") == "CANCELLED"


async def test_edit_and_resend_from_the_submit_screen(make_app, services):
    sid = needs_fixing(services)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_outbox(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        assert isinstance(app.screen, JobScreen)
        app.screen.query_one("#odometer", Input).value = "72 500"
        await settle(pilot)
        await pilot.press("f10")
        await settle(pilot)
        assert services.submitted[-1].odometer_km == 72_500 and services.views[sid].state is SubmissionState.PENDING


async def test_statuses_are_shown_by_name(make_app, services):
    recorded(services, state=SubmissionState.SENT, server_status="WAITING_FOR_DIV")
    recorded(services, state=SubmissionState.SENT, server_status="REVIEWING")
    recorded(services, state=SubmissionState.PENDING, attempts=0)
    recorded(services, state=SubmissionState.NEEDS_SETTINGS, problem_code="UNAUTHORIZED")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_outbox(pilot)
        assert [row(pilot, i)[3] for i in range(4)] == [
            "check the settings",
            "sending",
            "reviewing",
            "waiting for DIV",
        ]


async def test_a_rejection_for_a_duplicate_never_offers_the_correction(make_app, services):
    recorded(
        services,
        state=SubmissionState.REJECTED,
        error_number="E-1003",
        issues=["1003: 123,456 km on 2026-11-23 has already been reported."],
    )
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_outbox(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SubmitScreen)
        assert "f6" not in app.screen.active_bindings
        assert not app.screen.query_one("#correct-button").display
        assert "Car-Pass already has this reading" in text_of(pilot, "#submit-detail")


async def test_the_data_quality_is_shown_against_the_trusted_provider_threshold(make_app, services):
    services.quality = DataQuality(
        since=NOW - timedelta(days=365),
        readings=400,
        discrepancies=3,
        by_cause={"CARPASS_ISSUE_1001": 2, "VALIDATION_ERROR": 1},
    )
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_outbox(pilot)
        shown = text_of(pilot, "#outbox-quality")
        assert "0.75 % refused or corrected (3 of 400); Trusted Provider under 0.50 %." in shown
        assert "By cause: Car-Pass issue 1001 (2), VALIDATION_ERROR (1)" in shown


async def test_the_data_quality_in_french(make_app, services):
    services.quality = DataQuality(since=NOW - timedelta(days=365), readings=1000, discrepancies=2)
    app = make_app("fr")
    async with app.run_test(size=SIZE) as pilot:
        await open_outbox(pilot)
        assert "0,20 % refusés ou corrigés (2 sur 1000)" in text_of(pilot, "#outbox-quality")


async def test_saving_the_settings_sends_the_readings_that_waited_for_them(make_app, services, settings):
    recorded(services, state=SubmissionState.NEEDS_SETTINGS, problem_code="UNAUTHORIZED")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g")
        await settle(pilot)
        app.screen.query_one("#set-carpass-password", Input).value = "s3cret"
        await settle(pilot)
        assert services.settings_saved == 0
        await pilot.press("f10")
        await settle(pilot)
        assert services.settings_saved == 1


async def test_a_reading_waiting_for_the_settings_says_which_setting(make_app, services):
    recorded(services, state=SubmissionState.NEEDS_SETTINGS, problem_code="PASSWORD_MISSING", problem_field="password")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_outbox(pilot)
        assert row(pilot)[6] == "Check the setting: Car-Pass password (PASSWORD_MISSING)."
        await pilot.press("enter")
        await settle(pilot)
        assert text_of(pilot, "#submit-state") == "CHECK THE SETTINGS"
        assert "Check the setting: Car-Pass password" in text_of(pilot, "#submit-detail")


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
async def test_every_status_fits_its_column_whole(make_app, language):
    app = make_app(language)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+o")
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        width = next(
            c.width for c in table.columns.values() if c.label.plain == translations(language).gettext("State")
        )
        too_long = [t for t in (translations(language).gettext(m) for m in STATUS.values()) if len(t) > width]
        assert too_long == [], f"cut in the outbox's {width} columns"


async def test_the_keys_asked_for_before_the_table_is_composed(make_app, services):
    """Textual's footer may check the bindings of a screen pushed but not composed yet: no row then."""
    needs_fixing(services)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = OutboxScreen()
        app.push_screen(screen)
        assert "f4" not in screen.active_bindings and "f6" not in screen.active_bindings
        await settle(pilot)
        assert "f4" in screen.active_bindings
        await pilot.press("f4")
        await settle(pilot)
        assert isinstance(app.screen, CancelReason)
