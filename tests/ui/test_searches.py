"""Searches: Enter picks the single customer found; a refused search text (100,000 characters, a NUL)
is a message in the UI language, not an error; the history shows the plate."""

import dataclasses

import pytest
from textual.widgets import DataTable, Input, OptionList

from workshop_tui.services.api import SearchRefused
from workshop_tui.ui.screens.customer import CustomerScreen
from workshop_tui.ui.screens.history import HistoryScreen
from workshop_tui.ui.screens.job import JobScreen

from .conftest import GOLF_VIN
from .helpers import SIZE, fill, open_job, settle, text_of

pytestmark = pytest.mark.anyio


def refusing(code: str, limit: int | None = None):
    def search(*_args, **_kwargs):
        raise SearchRefused(code, limit)

    return search


async def open_customers(pilot) -> None:
    await open_job(pilot, GOLF_VIN)
    await pilot.press("f4")
    await settle(pilot)
    assert isinstance(pilot.app.screen, CustomerScreen)


async def test_enter_right_after_typing_picks_the_single_customer_found(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_customers(pilot)
        app.screen.query_one("#customer-search", Input).value = "peeters"
        await pilot.press("enter")  # before the search that waits for a pause in typing
        await settle(pilot)
        assert isinstance(app.screen, JobScreen)
        assert text_of(pilot, "#customer-name").startswith("Jan Peeters")


async def test_enter_with_several_customers_found_goes_to_the_list(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_customers(pilot)
        await pilot.press("enter")  # the empty search finds both
        await settle(pilot)
        assert isinstance(app.screen, CustomerScreen)
        assert app.screen.query_one("#customer-results").has_focus


@pytest.mark.parametrize(
    ("language", "code", "limit", "text"),
    [
        ("en", "SEARCH_TOO_LONG", 200, "✖ The search text is too long (at most 200 characters)."),
        ("fr", "SEARCH_CONTROL_CHARACTER", None, "✖ Le texte recherché contient un caractère de contrôle."),
    ],
)
async def test_a_refused_customer_search_is_said_in_words(make_app, services, language, code, limit, text):
    services.customers.find = refusing(code, limit)
    app = make_app(language)
    async with app.run_test(size=SIZE) as pilot:
        await open_customers(pilot)
        await fill(pilot, {"#customer-search": "x" * 100_000})
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CustomerScreen)
        results = app.screen.query_one("#customer-results", OptionList)
        assert str(results.get_option_at_index(0).prompt) == text


async def test_a_refused_history_search_is_said_in_words(make_app, services):
    services.history.search = refusing("SEARCH_CONTROL_CHARACTER")
    app = make_app("nl")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert text_of(pilot, "#history-status").startswith("✖ ")
        assert app.is_running


async def test_the_history_shows_the_plate(make_app, services):
    services.history_rows[0] = dataclasses.replace(services.history_rows[0], license_plate="1-ABC-234")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+t")
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        assert [str(column.label) for column in table.columns.values()][:3] == ["Date", "VIN", "Plate"]
        assert str(table.get_row_at(0)[2]) == "1-ABC-234"
