"""Job: the verdict follows every change; missing fields are listed at once; nothing typed is lost."""

import pytest
from textual.widgets import Input, RadioButton, TextArea

from workshop_tui.domain.work import WorkKind
from workshop_tui.ui.screens.vehicle import VehicleScreen
from workshop_tui.ui.widgets.work_kinds import WorkKindList

from .conftest import CLIO_VIN, GOLF_VIN
from .helpers import SIZE, fill, open_job, saved, settle, text_of, type_text

pytestmark = pytest.mark.anyio


def tick(pilot, *kinds: WorkKind) -> None:
    work = pilot.app.screen.query_one(WorkKindList)
    for kind in kinds:
        work.select(kind)


async def test_verdict_updates_live_and_says_why(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_job(pilot, GOLF_VIN)
        assert text_of(pilot, "#verdict-headline") == "Verdict follows…"
        assert "Still needed: Work done and Total incl. VAT." in text_of(pilot, "#verdict-reasons")

        tick(pilot, WorkKind.MAINTENANCE)
        await fill(pilot, {"#odometer": "72000", "#total": "95,50"})
        assert text_of(pilot, "#verdict-headline") == "NO REPORT NEEDED"
        assert "Private customer and total €95.50 incl. VAT is at most €125.00: no report needed." in text_of(
            pilot, "#verdict-reasons"
        )
        assert "Royal Decree of 26 August 2006" in text_of(pilot, "#verdict-reasons")

        await fill(pilot, {"#total": "189"})
        assert text_of(pilot, "#verdict-headline") == "REPORT TO CAR-PASS"
        assert "Reportable work: Maintenance." in text_of(pilot, "#verdict-reasons")

        await fill(pilot, {"#total": "95,50"})
        app.screen.query_one("#kind-professional", RadioButton).value = True
        await settle(pilot)
        assert text_of(pilot, "#verdict-headline") == "REPORT TO CAR-PASS"
        assert "VAT-registered customer: report whatever the amount." in text_of(pilot, "#verdict-reasons")


def drawn_whole(screen, selector: str) -> bool:
    """`selector`'s widget is on screen whole, with no scrolling."""
    shown = screen._compositor.visible_widgets
    widget = screen.query_one(selector)
    if widget not in shown:
        return False
    region, clip = shown[widget]
    return region.intersection(clip) == region


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
async def test_at_80_columns_the_verdict_and_why_are_in_view_without_scrolling(make_app, language):
    app = make_app(language)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_job(pilot, GOLF_VIN)
        tick(pilot, WorkKind.MAINTENANCE, WorkKind.TYRES)
        states = []
        for total, professional in (("95,50", False), ("189", False), ("95,50", True)):
            await fill(pilot, {"#odometer": "72000", "#total": total})
            app.screen.query_one("#kind-professional" if professional else "#kind-private", RadioButton).value = True
            await settle(pilot)
            states.append(text_of(pilot, "#verdict-headline"))
            for part in ("#verdict-headline", "#verdict-reporter", "#verdict-reasons"):
                widget = app.screen.query_one(part)
                assert not widget.display or drawn_whole(app.screen, part), (total, professional, part)
        assert len(set(states)) == 2  # no report, then report twice
        assert GOLF_VIN in text_of(pilot, "#header-title") and drawn_whole(app.screen, "#header-title")


async def test_job_lines_follow_the_work_until_written_by_hand(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_job(pilot, GOLF_VIN)
        lines = app.screen.query_one("#job-lines", TextArea)
        tick(pilot, WorkKind.MAINTENANCE, WorkKind.TYRES)
        await settle(pilot)
        assert lines.text == "Maintenance\nTyres"
        lines.load_text("Oil and filter\nFour winter tyres")
        await settle(pilot)
        tick(pilot, WorkKind.BATTERY)
        await settle(pilot)
        assert lines.text == "Oil and filter\nFour winter tyres"


async def test_missing_fields_are_listed_in_one_message_and_highlighted_and_nothing_is_lost(make_app, services):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_job(pilot, CLIO_VIN)  # the registry lacks the commercial name and model year
        await fill(pilot, {"#odometer": "120000"})
        app.screen.query_one("#job-lines", TextArea).load_text("Brake pads front")
        await settle(pilot)
        await pilot.press("f10")
        await settle(pilot)

        message = text_of(pilot, "#job-problems")
        assert message.count("⚠") == 1
        assert "Missing before sending: Work done, Total incl. VAT, Commercial name and Model year." in message
        missing = {w.id for w in app.screen.query(".-missing")}
        assert missing == {"work", "total", "vehicle-commercial_name", "vehicle-model_year"}
        assert app.screen.query_one("#odometer", Input).value == "120000"
        assert app.screen.query_one("#job-lines", TextArea).text == "Brake pads front"
        assert services.submitted == []

        tick(pilot, WorkKind.MECHANICAL_REPAIR)
        await fill(pilot, {"#total": "310,00", "#vehicle-commercial_name": "CLIO"})
        assert {w.id for w in app.screen.query(".-missing")} == {"vehicle-model_year"}
        assert text_of(pilot, "#job-problems") == "⚠ Missing before sending: Model year."


async def test_a_registry_gap_that_cannot_be_read_is_said_not_taken_as_missing(make_app, services):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_job(pilot, CLIO_VIN)  # the registry lacks the commercial name and model year
        tick(pilot, WorkKind.MECHANICAL_REPAIR)
        await fill(pilot, {"#odometer": "120000", "#total": "310,00", "#vehicle-commercial_name": "CLIO"})
        await fill(pilot, {"#vehicle-model_year": "2o17"})
        await pilot.press("f10")
        await settle(pilot)
        assert text_of(pilot, "#job-problems") == "⚠ Digits only."
        assert {w.id for w in app.screen.query(".-missing")} == {"vehicle-model_year"}
        assert app.screen.query_one("#vehicle-model_year", Input).value == "2o17"
        assert services.submitted == []


async def test_an_amount_that_cannot_be_read_is_said_not_taken_as_missing(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_job(pilot, GOLF_VIN)
        await fill(pilot, {"#total": "12,3,4"})
        assert text_of(pilot, "#total-shown") == "✖ “12,3,4” is not a number."
        await pilot.press("f10")
        await settle(pilot)
        assert "“12,3,4” is not a number." in text_of(pilot, "#job-problems")
        assert "Total incl. VAT" not in text_of(pilot, "#job-problems")


async def test_the_draft_is_saved_as_typed_and_restored_when_the_vin_is_opened_again(make_app, services):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_job(pilot, GOLF_VIN)
        await type_text(pilot, "72500")
        tick(pilot, WorkKind.TYRES)
        await fill(pilot, {"#total": "480"})
        await saved(pilot)
        draft = services.kept_drafts[GOLF_VIN]
        assert (draft.odometer_km, draft.work, str(draft.total_incl_vat)) == (72_500, [WorkKind.TYRES], "480.00")

        await pilot.press("f2")  # new vehicle: the screen is gone
        await settle(pilot)
        app.open_vehicle(GOLF_VIN)
        await settle(pilot)
        assert isinstance(app.screen, VehicleScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one("#odometer", Input).value == "72500"
        assert app.screen.query_one(WorkKindList).kinds == [WorkKind.TYRES]
        assert app.screen.query_one("#job-lines", TextArea).text == "Tyres"
        assert text_of(pilot, "#verdict-headline") == "REPORT TO CAR-PASS"
        await saved(pilot)
        assert services.kept_drafts[GOLF_VIN].odometer_km == 72_500, "opening the form must not overwrite the draft"
