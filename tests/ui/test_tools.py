"""Outbox, history and settings, opened from any screen."""

from decimal import Decimal
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Select

from workshop_tui.config import Settings
from workshop_tui.domain.models import JobDraft
from workshop_tui.domain.rules import NACE_CODES
from workshop_tui.domain.work import WorkKind
from workshop_tui.translations.render import render
from workshop_tui.ui.screens.drafts import DraftsScreen
from workshop_tui.ui.screens.history import HistoryScreen
from workshop_tui.ui.screens.outbox import OutboxScreen
from workshop_tui.ui.screens.settings import SettingsScreen
from workshop_tui.ui.screens.submit import SubmitScreen
from workshop_tui.ui.screens.vehicle import VehicleScreen

from .conftest import GOLF_VIN
from .helpers import SIZE, fill, open_job, saved, settle, text_of, type_text

pytestmark = pytest.mark.anyio


def job(km: int) -> JobDraft:
    return JobDraft(
        vin=GOLF_VIN, odometer_km=km, work=[WorkKind.TYRES], job_lines=["Tyres"], total_incl_vat=Decimal("400")
    )


def cells(app, column: int) -> list[str]:
    table = app.screen.query_one(DataTable)
    return [str(table.get_row_at(i)[column]) for i in range(table.row_count)]


async def test_the_outbox_shows_progress_retries_and_opens_a_submission(make_app, services):
    first = services.submissions.submit(job(72_000))
    services.submissions.get(first.id)  # acknowledged
    services.outcome = "queued"
    queued = services.submissions.submit(job(72_100))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, OutboxScreen)
        assert text_of(pilot, "#outbox-summary") == "1 of 2 answered by Car-Pass"
        assert cells(app, 3) == ["offline, will retry", "acknowledged"]  # newest first
        assert cells(app, 5) == ["42 s", ""]
        await pilot.press("f8")
        await settle(pilot)
        assert services.retried == [queued.id]
        await pilot.press("f3")
        await settle(pilot)
        assert isinstance(app.screen, SubmitScreen)
        assert text_of(pilot, "#submit-state") == "QUEUED · offline, it will be sent automatically"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, OutboxScreen)


async def test_history_is_searched_and_exported(make_app, services):
    app = make_app("fr")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert text_of(pilot, "#history-status") == "3 travail(aux)."
        await fill(pilot, {"#history-query": "taxi", "#history-since": "01/01/2025"})
        await pilot.pause(0.35)  # searching waits for a pause in typing
        await settle(pilot)
        assert cells(app, 3) == ["Taxi Brussel BV"]  # after the plate
        assert cells(app, 5) == ["410,00\xa0€"]  # CLDR: a no-break space before the euro sign
        await fill(pilot, {"#history-until": "31/02/2026"})
        assert text_of(pilot, "#history-status") == "✖ Ce n'est pas une date\xa0: tapez par ex. 01/03/2019."
        await fill(pilot, {"#history-until": ""})
        await pilot.press("f9")
        await settle(pilot)
        assert app.screen.exported is not None
        path = Path(app.screen.exported)
        assert path.name == "history-2026-11-23.csv" and list(path.parent.iterdir()) == [path]
        body = path.read_bytes().decode("utf-8-sig")
        assert "Taxi Brussel BV" in body and "Jan Peeters" not in body, "the rows found, nothing else"
        assert "410,00" in body and body.splitlines()[0].startswith("Date;")
        assert text_of(pilot, "#history-status") == f"Exporté\xa0: {path}"


async def test_a_date_typed_in_the_history_shows_whole(make_app):
    app = make_app("nl")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+t")
        await settle(pilot)
        for box_id in ("#history-since", "#history-until"):
            box = app.screen.query_one(box_id, Input)
            box.value = ""
            box.focus()
            await type_text(pilot, "31/02/2026")  # the cursor after the last digit
            assert (box.value, box.scroll_offset.x) == ("31/02/2026", 0), "the first digit is not hidden"


async def test_settings_check_numbers_keep_passwords_hidden_and_save(make_app, settings):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert isinstance(app.screen, SettingsScreen)
        assert app.screen.query_one("#set-company-name", Input).value == "Garage Dupont"
        await fill(pilot, {"#set-company-enterprise_number": "0403.170.702", "#set-company-nace_code": "4520"})
        assert text_of(pilot, "#set-company-enterprise_number-check") == "✖ " + render("ENTERPRISE_CHECK", {}, "en")
        assert text_of(pilot, "#set-company-nace_code-check") == "⚠ " + render(
            "NACE_NOT_CARPASS", {"code": "4520", "codes": sorted(NACE_CODES)}, "en"
        )
        await pilot.press("f10")
        await settle(pilot)
        assert text_of(pilot, "#settings-status") == "Not saved: correct the fields marked in red."
        assert app.screen.query_one("#set-company-enterprise_number").has_class("-missing")

        password = app.screen.query_one("#set-carpass-password", Input)
        assert password.password and password.value == "", "a password is never shown"
        await fill(
            pilot,
            {
                "#set-company-enterprise_number": "0403.170.701",
                "#set-company-name": "Garage Martin",
                "#set-carpass-password": "s3cret",
            },
        )
        app.screen.query_one("#set-language", Select).value = "nl"
        await pilot.press("f10")
        await settle(pilot)

        assert app.language == "nl"
        assert (
            text_of(pilot, "#settings-status")
            == "Bewaard. Wijzigingen aan databank, diensten en camera gelden bij de volgende start."
        )
        assert text_of(pilot, "#header-company") == "Garage Martin"
        assert password.value == "" and password.placeholder.startswith("ingesteld")
        saved = Settings()
        assert (saved.company.name, saved.company.enterprise_number, saved.language) == (
            "Garage Martin",
            "0403.170.701",
            "nl",
        )
        assert saved.carpass.password.get_secret_value() == "s3cret"


async def test_a_field_marked_in_red_still_shows_its_text_on_24_rows(make_app):
    app = make_app("fr")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+g")
        await settle(pilot)
        await fill(pilot, {"#set-company-enterprise_number": "0123.456.788"})
        await pilot.press("f10")
        await settle(pilot)
        box = app.screen.query_one("#set-company-enterprise_number", Input)
        assert box.has_class("-missing") and box.value == "0123.456.788"
        assert box.content_size.height == 1, "the red mark leaves the row of text"


async def test_the_open_drafts_are_listed_from_the_scan_screen_and_one_opens(make_app, services):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_job(pilot, GOLF_VIN)
        await fill(pilot, {"#odometer": "72000"})
        await saved(pilot)
        app.show_scan()
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        assert isinstance(app.screen, DraftsScreen)
        assert text_of(pilot, "#drafts-status") == "1 open draft(s)."
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, VehicleScreen) and app.visit.vin == GOLF_VIN
