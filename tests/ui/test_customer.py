"""Customers: find one, or create one; a VAT-registered one needs a checked Belgian VAT number."""

import pytest
from textual.widgets import Button, OptionList, RadioButton

from workshop_tui.domain.models import CustomerKind
from workshop_tui.ui.screens.customer import CustomerScreen
from workshop_tui.ui.screens.job import JobScreen

from .conftest import GOLF_VIN
from .helpers import SIZE, fill, open_job, settle, text_of, type_text

pytestmark = pytest.mark.anyio


async def test_choosing_a_vat_registered_customer_sets_the_kind_and_the_verdict(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_job(pilot, GOLF_VIN)
        app.screen.query_one("#work").select("maintenance")
        await fill(pilot, {"#total": "95"})
        assert text_of(pilot, "#verdict-headline") == "NO REPORT NEEDED"

        await pilot.press("f4")
        await settle(pilot)
        assert isinstance(app.screen, CustomerScreen)
        await type_text(pilot, "taxi")
        await pilot.pause(0.3)  # searching waits for a pause in typing
        await settle(pilot)
        results = app.screen.query_one("#customer-results", OptionList)
        assert str(results.get_option_at_index(0).prompt) == "Taxi Brussel BV — BE 0403.170.701 (VAT-registered)"
        await pilot.press("enter")  # the single hit is chosen at once
        await settle(pilot)

        assert isinstance(app.screen, JobScreen)
        assert text_of(pilot, "#customer-name").startswith("Taxi Brussel BV")
        assert app.screen.query_one("#kind-professional", RadioButton).value
        assert text_of(pilot, "#verdict-headline") == "REPORT TO CAR-PASS"
        assert app.visit.draft.customer_id == 2 and app.visit.draft.customer_vat_registered


async def test_a_new_vat_registered_customer_needs_a_valid_number(make_app, services):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_job(pilot, GOLF_VIN)
        await pilot.press("f4")
        await settle(pilot)
        app.screen.query_one("#new-professional", RadioButton).value = True
        await fill(pilot, {"#new-name": "Garage Martin SRL", "#new-vat": "BE 0403.170.702"})
        assert "check digits (last two) do not match" in text_of(pilot, "#new-vat-check")
        app.screen.query_one("#new-save", Button).press()
        await settle(pilot)
        assert isinstance(app.screen, CustomerScreen), "an invalid number creates nothing"

        await fill(pilot, {"#new-vat": "BE 0403.170.701"})
        assert text_of(pilot, "#new-vat-check") == "✔ Valid Belgian VAT number"
        app.screen.query_one("#new-save", Button).press()
        await settle(pilot)
        assert isinstance(app.screen, JobScreen)
        created = services.customer_list[-1]
        assert (created.name, created.kind, created.vat_number) == (
            "Garage Martin SRL",
            CustomerKind.PROFESSIONAL,
            "0403170701",
        )
        assert app.screen.query_one("#kind-professional", RadioButton).value
