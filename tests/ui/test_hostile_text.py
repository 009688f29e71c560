"""Nothing from outside is ever markup: names, settings, registry fields, service numbers and messages,
scanned codes and file paths are drawn literally on every screen, table, option list and toast.

Each hostile text below would restyle, act (`@click=app.quit`) or raise `MarkupError` if parsed as
Rich/Textual markup. Every test checks the literal text is on screen and the app is still running.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from textual.widgets import DataTable, Input, OptionList

from scanners.camera import Status, StatusCode
from scanners.codes import CodeRead
from workshop_tui.config import Company
from workshop_tui.domain.findings import Finding, Severity
from workshop_tui.domain.models import Customer, SubmissionState
from workshop_tui.services.api import LOOKUP_DOWN, CarPassCertificate, OpenRecall, VehicleLookup
from workshop_tui.ui.app import WorkshopApp
from workshop_tui.ui.messages import CameraStatus, CodeScanned
from workshop_tui.ui.screens.customer import CustomerScreen
from workshop_tui.ui.screens.history import HistoryScreen
from workshop_tui.ui.screens.outbox import OutboxScreen
from workshop_tui.ui.screens.settings import SettingsScreen
from workshop_tui.ui.screens.submit import SubmitScreen

from .conftest import CLIO_CARPASS, GOLF_VIN, HISTORY, NOW
from .helpers import SIZE, open_job, settle, text_of
from .test_tools import job

pytestmark = pytest.mark.anyio

SLASH = "Jan [/] Peeters"  # MarkupError when parsed
CLICK = "[@click=app.quit]x[/]"  # quits the app when clicked, if parsed
STYLE = "[bold red]Garage[/bold red] [link=https://evil.example]here[/link]"
HOSTILE = (SLASH, CLICK, STYLE)


def cells(app) -> list[str]:
    table = app.screen.query_one(DataTable)
    return [" | ".join(str(cell) for cell in table.get_row_at(i)) for i in range(table.row_count)]


def toasts(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


@pytest.fixture
def hostile_settings(settings):
    return settings.model_copy(update={"company": Company(name=CLICK, nace_code="45201"), "camera_source": STYLE})


async def test_the_company_name_is_drawn_literally_from_the_first_frame(services, hostile_settings, clock):
    services.sandbox = False
    app = WorkshopApp(services, hostile_settings, clock=clock)
    app.animation_level = "none"
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert text_of(pilot, "#header-company") == CLICK
        await pilot.click("#header-company")
        await settle(pilot)
        assert app.is_running, "a click on the name is no action"
        app.action_settings()
        await settle(pilot)
        assert isinstance(app.screen, SettingsScreen)
        assert text_of(pilot, "#header-company") == CLICK
        assert app.screen.query_one("#set-company-name", Input).value == CLICK
        assert app.screen.query_one("#set-camera_source", Input).value == STYLE
        await pilot.press("f12")  # the language changes: drawn again, still literally
        await settle(pilot)
        assert text_of(pilot, "#header-company") == CLICK and app.is_running


async def test_customer_names_in_the_search_the_job_and_the_history(make_app, services):
    services.customer_list = [Customer(id=i + 1, name=name) for i, name in enumerate(HOSTILE)]
    row = HISTORY[0]
    services.history_rows = [replace(row, job_id=9 + i, customer=name) for i, name in enumerate(HOSTILE)]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_job(pilot, GOLF_VIN)
        await pilot.press("f4")
        await settle(pilot)
        await pilot.pause(0.3)  # the search waits for a pause in typing
        await settle(pilot)
        assert isinstance(app.screen, CustomerScreen)
        options = app.screen.query_one("#customer-results", OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert [p.split(" (")[0] for p in prompts] == list(HOSTILE)
        options.focus()
        options.highlighted = 0
        await pilot.press("enter")
        await settle(pilot)
        assert text_of(pilot, "#customer-name").startswith(SLASH)
        app.action_history()
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        rows = cells(app)
        assert all(any(name in row for row in rows) for name in HOSTILE)
        assert app.is_running


async def test_registry_fields_its_error_and_a_scanned_carpass(make_app, services):
    services.vehicle_records[GOLF_VIN] = services.vehicle_records[GOLF_VIN].model_copy(
        update={"make": SLASH, "commercial_name": CLICK, "colour": STYLE}
    )
    down = Finding(LOOKUP_DOWN, Severity.WARN, None, {"error": CLICK})
    lookup = services.vehicles.lookup
    services.vehicles.lookup = lambda vin: VehicleLookup(**{**lookup(vin).__dict__, "message": down})
    services.vehicles.certificate = lambda carpass_id: CarPassCertificate(
        GOLF_VIN, SLASH, open_recalls=(OpenRecall(STYLE, CLICK),)
    )
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.open_vehicle(GOLF_VIN)
        await settle(pilot)
        assert SLASH in text_of(pilot, "#row-make")
        assert CLICK in text_of(pilot, "#row-commercial_name")
        assert STYLE in text_of(pilot, "#row-colour")
        assert CLICK in text_of(pilot, "#vehicle-origin")
        app.post_message(CodeScanned(CodeRead("QRCODE", CLIO_CARPASS, "carpass", CLIO_CARPASS, 1.0), "camera"))
        await settle(pilot)
        carpass = text_of(pilot, "#vehicle-carpass")
        assert SLASH in carpass and STYLE in carpass and CLICK in carpass
        assert app.is_running


async def test_service_numbers_issues_and_errors_on_the_submission_and_the_outbox(make_app, services):
    view = services.submissions.submit(job(72_000))
    services.views[view.id] = view.model_copy(
        update={"state": SubmissionState.REJECTED, "error_number": SLASH, "issues": [CLICK, STYLE]}
    )
    acknowledged = services.submissions.submit(job(72_100))
    services.views[acknowledged.id] = acknowledged.model_copy(
        update={"state": SubmissionState.ACKNOWLEDGED, "ack_number": CLICK}
    )
    queued = services.submissions.submit(job(72_200))
    services.views[queued.id] = queued.model_copy(
        update={"state": SubmissionState.PENDING, "last_error": STYLE, "next_attempt_at": NOW}
    )
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.action_outbox()
        await settle(pilot)
        assert isinstance(app.screen, OutboxScreen)
        rows = cells(app)
        assert any(SLASH in row for row in rows) and any(STYLE in row for row in rows)
        for shown in (view, acknowledged, queued):
            app.inspect_submission(services.views[shown.id])
            await settle(pilot)
            assert isinstance(app.screen, SubmitScreen)
            screen_text = text_of(pilot, "#submit-state") + text_of(pilot, "#submit-detail")
            expected = {view.id: (SLASH, CLICK, STYLE), acknowledged.id: (CLICK,), queued.id: (STYLE,)}[shown.id]
            assert all(text in screen_text for text in expected), screen_text
            await pilot.press("escape")
            await settle(pilot)
        assert app.is_running


async def test_the_correction_banner_shows_the_error_number_literally(make_app, services):
    view = services.submissions.submit(job(72_000))
    rejected = services.views[view.id] = view.model_copy(
        update={"state": SubmissionState.REJECTED, "error_number": CLICK}
    )
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.open_vehicle(GOLF_VIN, correcting=rejected)
        await settle(pilot)
        app.open_job(app.visit)
        await settle(pilot)
        assert CLICK in text_of(pilot, "#job-banner") and app.is_running


async def test_scanned_codes_camera_targets_and_service_errors_in_toasts(make_app, services):
    def broken(vin):
        raise RuntimeError(SLASH)

    services.vehicles.readings = broken
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.post_message(CodeScanned(CodeRead("WEDGE", CLICK, "other", CLICK, 0.0), "wedge"))
        app.post_message(CameraStatus(Status(StatusCode.FILE_MISSING, {"target": STYLE})))
        await settle(pilot)
        assert CLICK in text_of(pilot, "#last-read")
        assert STYLE in text_of(pilot, "#camera-status")
        app.post_message(CodeScanned(CodeRead("QRCODE", SLASH, "carpass", SLASH, 1.0), "camera"))
        await settle(pilot)
        app.open_vehicle(GOLF_VIN)
        await settle(pilot)
        shown = toasts(app)
        assert any(CLICK in t for t in shown) and any(SLASH in t for t in shown)
        assert all(n.markup is False for n in app._notifications), "every toast is drawn literally"
        assert app.is_running
