"""Job: the reading's date, the three severities as you type and before sending, typed numbers."""

from datetime import date, timedelta

import pytest
from textual.widgets import Checkbox, Input

from workshop_tui.domain.work import WorkKind
from workshop_tui.translations.render import render
from workshop_tui.ui.widgets.confirm_send import ConfirmSend
from workshop_tui.ui.widgets.work_kinds import WorkKindList

from .conftest import GOLF_VIN, NOW
from .helpers import SIZE, fill, open_job, settle, text_of

pytestmark = pytest.mark.anyio
TODAY = NOW.date()
BELOW = {"km": 50_000, "previous_km": 56_900, "previous_date": date(2025, 11, 10)}


async def golf_job(pilot, km: str, **more: str) -> None:
    """A complete job on the Golf (history up to 56,900 km on 10/11/2025) with `km` typed."""
    await open_job(pilot, GOLF_VIN)
    pilot.app.screen.query_one(WorkKindList).select(WorkKind.MAINTENANCE)
    await fill(pilot, {"#total": "189,00", "#odometer": km, **more})


async def test_the_date_is_today_by_default_and_a_typed_one_is_sent(make_app, services):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await golf_job(pilot, "60000")
        assert app.screen.query_one("#reading-date", Input).value == f"{TODAY:%d/%m/%Y}"
        assert text_of(pilot, "#date-findings") == ""
        day = TODAY - timedelta(days=2)
        await fill(pilot, {"#reading-date": f"{day:%d/%m/%Y}"})
        await pilot.press("f10")
        await settle(pilot)
        assert services.submitted[-1].reading_at.date() == day


async def test_a_date_more_than_5_days_ago_is_a_warning_and_is_sent(make_app, services):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        day = TODAY - timedelta(days=10)
        await golf_job(pilot, "60000", **{"#reading-date": f"{day:%d/%m/%Y}"})
        warning = render("DATE_MORE_THAN_5_DAYS_AGO", {"date": day, "days": 10}, "en")
        assert text_of(pilot, "#date-findings") == f"⚠ {warning}"
        await pilot.press("f10")
        await settle(pilot)
        assert services.submitted[-1].reading_at.date() == day and services.confirmed[-1] == []


async def test_a_date_that_is_no_date_is_said_and_kept(make_app, services):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await golf_job(pilot, "60000", **{"#reading-date": "31/02/2026"})
        assert text_of(pilot, "#date-findings") == "✖ Not a date: type e.g. 01/03/2019."
        await pilot.press("f10")
        await settle(pilot)
        assert services.submitted == [] and app.screen.query_one("#reading-date", Input).value == "31/02/2026"


async def test_a_future_date_blocks(make_app, services):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        day = TODAY + timedelta(days=1)
        await golf_job(pilot, "60000", **{"#reading-date": f"{day:%d/%m/%Y}"})
        blocked = render("FUTURE_DATE", {"date": day, "today": TODAY}, "en")
        assert text_of(pilot, "#date-findings") == f"✖ {blocked}"
        await pilot.press("f10")
        await settle(pilot)
        assert services.submitted == [] and not isinstance(app.screen, ConfirmSend)
        assert app.screen.query_one("#reading-date").has_class("-missing")


async def test_a_lower_reading_is_sent_only_once_confirmed(make_app, services):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await golf_job(pilot, "50000")
        to_confirm = render("KM_BELOW_PREVIOUS", BELOW, "en")
        assert text_of(pilot, "#odometer-findings") == f"? {to_confirm}"
        await pilot.press("f10")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmSend) and to_confirm in text_of(pilot, "#confirm-texts")
        await pilot.press("escape")  # back: nothing sent
        await settle(pilot)
        assert services.submitted == [] and not isinstance(app.screen, ConfirmSend)

        await pilot.press("f10")
        await settle(pilot)
        await pilot.press("f10")  # Confirm and send
        await settle(pilot)
        assert [d.odometer_km for d in services.submitted] == [50_000]
        assert services.confirmed == [["KM_BELOW_PREVIOUS"]]


async def test_the_odometer_replaced_needs_no_confirmation(make_app, services):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await golf_job(pilot, "50")
        app.screen.query_one("#odometer-replaced", Checkbox).value = True
        await settle(pilot)
        assert text_of(pilot, "#odometer-findings") == ""
        await pilot.press("f10")
        await settle(pilot)
        assert [d.odometer_km for d in services.submitted] == [50] and services.confirmed == [[]]


async def test_a_jump_of_over_1000_km_a_day_is_a_warning(make_app, services):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await golf_job(pilot, "900000")
        assert text_of(pilot, "#odometer-findings").startswith("⚠ ")
        await pilot.press("f10")
        await settle(pilot)
        assert [d.odometer_km for d in services.submitted] == [900_000]


@pytest.mark.parametrize(
    ("typed", "km"),
    [("1.400", 1_400), ("1 400", 1_400), ("72000", 72_000), ("123.456", 123_456)],
)
async def test_belgian_km_typing_is_understood(make_app, typed, km):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await golf_job(pilot, typed)
        assert app.screen.form.draft()[0].odometer_km == km
        assert not text_of(pilot, "#odometer-findings").startswith("✖")


@pytest.mark.parametrize(
    ("selector", "typed", "code", "params"),
    [
        ("#odometer", "15²", "NUMBER_NOT_ASCII_DIGIT", {"character": "²"}),
        ("#odometer", "١٢٠٠٠", "NUMBER_NOT_ASCII_DIGIT", {"character": "١"}),
        ("#odometer", "1e9", "NUMBER_EXPONENT", {}),
        ("#total", "1e9", "NUMBER_EXPONENT", {}),
        ("#total", "15²", "NUMBER_NOT_ASCII_DIGIT", {"character": "²"}),
    ],
)
async def test_odd_numbers_are_refused_with_a_message_and_kept_as_typed(
    make_app, services, selector, typed, code, params
):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await golf_job(pilot, "60000", **{selector: typed})
        shown = "#odometer-findings" if selector == "#odometer" else "#total-shown"
        assert text_of(pilot, shown) == f"✖ {render(code, params, 'en')}"
        await pilot.press("f10")
        await settle(pilot)
        assert services.submitted == []
        assert app.screen.query_one(selector, Input).value == typed
        assert render(code, params, "en") in text_of(pilot, "#job-problems")


async def test_typed_amounts_are_understood(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await golf_job(pilot, "60000", **{"#total": "€ 99"})
        assert text_of(pilot, "#total-shown") == "€99.00"
        await fill(pilot, {"#total": "1.234,50"})
        assert text_of(pilot, "#total-shown") == "€1,234.50"


async def test_a_refusal_is_in_the_ui_language(make_app):
    app = make_app("fr")
    async with app.run_test(size=SIZE) as pilot:
        await golf_job(pilot, "15²")
        assert text_of(pilot, "#odometer-findings") == f"✖ {render('NUMBER_NOT_ASCII_DIGIT', {'character': '²'}, 'fr')}"
        assert render("NUMBER_NOT_ASCII_DIGIT", {"character": "²"}, "fr") != render(
            "NUMBER_NOT_ASCII_DIGIT", {"character": "²"}, "en"
        )


async def test_a_five_digit_odometer_over_99999_blocks(make_app, services):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await golf_job(pilot, "123456")
        app.screen.query_one("#five-digit", Checkbox).value = True
        await settle(pilot)
        assert text_of(pilot, "#odometer-findings").startswith("✖ ")
        await pilot.press("f10")
        await settle(pilot)
        assert services.submitted == []
