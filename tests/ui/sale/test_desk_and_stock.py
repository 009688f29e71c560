"""The desk and the stock view in the real app: resuming, scanning, language, Car-Pass standing."""

from __future__ import annotations

from datetime import timedelta
from typing import cast

import pytest
from textual.widgets import DataTable, Input, OptionList, Select

from workshop_tui.domain.sale import Buyer, BuyerKind, CarPass
from workshop_tui.translations import translations
from workshop_tui.ui.sale.checklist_form import ChecklistForm
from workshop_tui.ui.sale.desk_screen import SaleDeskScreen
from workshop_tui.ui.sale.sale_screen import SaleScreen
from workshop_tui.ui.sale.stock_screen import StockScreen

from .conftest import CLIO, GOLF, POLO, SIZES, TODAY, app_for, fill, open_sale, scan, settled, show_step, until

pytestmark = pytest.mark.anyio


async def test_a_sale_left_midway_is_resumed_as_typed(services):
    async with app_for(services, "en").run_test(size=SIZES["80x24"]) as pilot:
        screen = await open_sale(pilot, GOLF)
        await fill(pilot, screen, {"vehicle.colour_code": "LA7W", "vehicle.displayed_km": "71 200"})
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(pilot.app.screen, SaleDeskScreen))
        table = pilot.app.screen.query_one("#desk-sales", DataTable)
        await until(pilot, lambda: table.row_count == 1)
        await scan(pilot, "CODE39", GOLF)
        await until(pilot, lambda: isinstance(pilot.app.screen, SaleScreen))
        resumed = pilot.app.screen
        assert isinstance(resumed, SaleScreen)
        assert resumed.record.id == screen.record.id
        assert (resumed.sale.vehicle.colour_code, resumed.sale.vehicle.displayed_km) == ("LA7W", 71200)
    assert services.sale_desk.sale(screen.record.id).sale.vehicle.displayed_km == 71200


async def test_typing_saves_after_a_pause_and_a_bad_value_is_named_not_saved(services):
    async with app_for(services, "fr").run_test(size=SIZES["80x24"]) as pilot:
        screen = await open_sale(pilot, GOLF)
        await fill(pilot, screen, {"vehicle.displayed_km": "15²"})
        assert screen.query_one("#f-vehicle--displayed_km").has_class("-invalid")
        assert "Kilométrage affiché" in str(screen.query_one("#sale-status").render())
        assert services.sale_desk.sale(screen.record.id).sale.vehicle.displayed_km is None
        await fill(pilot, screen, {"vehicle.displayed_km": "72.000"})
        assert not screen.query_one("#f-vehicle--displayed_km").has_class("-invalid")
        assert services.sale_desk.sale(screen.record.id).sale.vehicle.displayed_km == 72000


@pytest.mark.parametrize("size", list(SIZES))
async def test_the_language_changes_in_place_and_nothing_typed_is_lost(services, size):
    async with app_for(services, "en").run_test(size=SIZES[size]) as pilot:
        screen = await open_sale(pilot, GOLF)
        await fill(pilot, screen, {"vehicle.colour_code": "LA7W", "vehicle.displayed_km": "15²"})  # typed wrong
        await show_step(pilot, screen, "buyer")
        await fill(pilot, screen, {"buyer.kind": "company", "buyer.company_name": "Taxi Brussel BV"})
        await show_step(pilot, screen, "checklist")
        point = screen.query_one(ChecklistForm).query(".point").first()
        tick, remark = point.query_one(Select), point.query_one(Input)
        tick.value = "wear"
        remark.value = "Scratch, rear bumper"
        await settled(pilot, screen)
        remark.focus()
        kind = screen.query_one("#f-buyer--kind Select", Select)
        km = screen.query_one("#f-vehicle--displayed_km Input", Input)
        widgets = list(screen.query_one("#sale-steps").walk_children())
        titles = []
        for language in ("fr", "nl", "en"):
            gettext = translations(language).gettext
            await pilot.press("f12")
            checklist = gettext("Checklist")
            await until(pilot, lambda: checklist in str(screen.query_one("#sale-title").render()))  # noqa: B023
            await pilot.pause(0.1)
            titles.append(str(screen.query_one("#sale-title").render()))
            assert list(screen.query_one("#sale-steps").walk_children()) == widgets, "relabelled, not composed again"
            assert pilot.app.focused is remark
            assert (tick.value, remark.value, kind.value) == ("wear", "Scratch, rear bumper", "company")
            assert km.value == "15²" and screen.query_one("#f-vehicle--colour_code Input", Input).value == "LA7W"
            assert str(screen.query_one("#f-vehicle--vin Label").render()) == gettext("VIN")
            assert remark.placeholder == gettext("Remark")
            assert gettext("Signs of wear") in [str(prompt) for prompt, _value in tick._options]
            assert str(kind.query_one("SelectCurrent #label").render()) == gettext("Company (not in the car trade)")
        assert "Vente" in titles[0] and "Verkoop" in titles[1] and "Sale" in titles[2]
        assert screen.sale.checklist[tick.name or ""].remark == "Scratch, rear bumper"


async def test_the_desk_and_the_stock_follow_the_language_while_open(services):
    def title(screen, selector: str) -> str:
        return str(screen.query_one(selector).render())  # queried again: a new language recomposes

    async with app_for(services, "en").run_test(size=SIZES["80x24"]) as pilot:
        await pilot.press("ctrl+b")
        await until(pilot, lambda: isinstance(pilot.app.screen, SaleDeskScreen))
        desk = pilot.app.screen
        await pilot.press("f12")
        await until(pilot, lambda: "Vente" in title(desk, "#desk-title"))
        await pilot.press("f4")
        await until(pilot, lambda: isinstance(pilot.app.screen, StockScreen))
        stock = pilot.app.screen
        await pilot.press("f12")
        await until(pilot, lambda: "Voorraad" in title(stock, "#stock-title"))
        await pilot.press("escape")
        await until(pilot, lambda: pilot.app.screen is desk)
        assert "Verkoop" in title(desk, "#desk-title")  # redrawn while under the stock


async def test_the_buyer_is_found_among_the_customers(services):
    customer = services.sale_desk.customer_from_buyer(
        Buyer(kind=BuyerKind.TRADER, company_name="Autohandel NV", vat_number="BE0403170701")
    )
    async with app_for(services, "en").run_test(size=SIZES["120x36"]) as pilot:
        screen = await open_sale(pilot, GOLF)
        await show_step(pilot, screen, "buyer")
        screen.query_one("#customer-search", Input).value = "autohandel"
        found = screen.query_one("#customer-found", OptionList)
        await until(pilot, lambda: found.display and found.option_count == 1)
        found.focus()
        found.highlighted = 0
        await pilot.press("enter")
        await until(pilot, lambda: screen.sale.buyer.customer_id == customer.id)
        assert screen.sale.buyer.company_name == "Autohandel NV"
        assert (screen.sale.buyer.vat_number or "").endswith("0403170701")


async def test_a_scanned_car_pass_and_an_unknown_one(services):
    async with app_for(services, "nl").run_test(size=SIZES["120x36"]) as pilot:
        screen = await open_sale(pilot, CLIO)
        await scan(pilot, "QRCODE", "AB12CD34EF56GH")
        await until(pilot, lambda: screen.step == "carpass" and screen.sale.carpass is not None)
        await settled(pilot, screen)
        assert screen.sale.carpass.id == "AB12CD34EF56GH" and screen.sale.carpass.vin is None


async def test_the_trade_in_step_refuses_an_invalid_vin(services):
    async with app_for(services, "en").run_test(size=SIZES["80x24"]) as pilot:
        screen = await open_sale(pilot, GOLF)
        await show_step(pilot, screen, "trade_in")
        box = screen.query_one("#f-trade_in--vin Input", Input)
        box.focus()
        box.value = "NOT A VIN"
        await pilot.press("enter")
        await until(pilot, lambda: any("not a valid VIN" in str(n.message) for n in pilot.app._notifications))
        assert screen.sale.trade_in.make is None


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
async def test_stock_standing_and_a_scan_opens_the_sale(services, language):
    desk = services.sale_desk
    desk.add_stock_car(GOLF, CarPass(id="00MBEG3THDUX5W", issued=TODAY - timedelta(days=10), vin=GOLF, last_km=70554))
    desk.add_stock_car(CLIO, CarPass(id="VP91Q57E6GD3B1", issued=TODAY - timedelta(days=55), vin=CLIO, last_km=63427))
    async with app_for(services, language).run_test(size=SIZES["80x24"]) as pilot:
        await pilot.press("ctrl+b")
        await until(pilot, lambda: isinstance(pilot.app.screen, SaleDeskScreen))
        await pilot.press("f4")
        await until(pilot, lambda: isinstance(pilot.app.screen, StockScreen))
        stock = pilot.app.screen
        table = stock.query_one("#stock-cars", DataTable)
        await until(pilot, lambda: table.row_count == 2)
        # a car typed in the add line joins the stock, without a Car-Pass: shown first, in red
        stock.query_one("#stock-vin", Input).value = POLO
        await pilot.press("ctrl+a")
        await until(pilot, lambda: table.row_count == 3)
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(3)]
        assert [r[0] for r in rows] == [POLO, CLIO, GOLF]  # none, amber, green
        styles = [table.get_row_at(i)[4].style for i in range(3)]
        assert styles == ["bold red", "bold yellow", "bold green"]
        await scan(pilot, "CODE39", CLIO)
        await until(pilot, lambda: isinstance(pilot.app.screen, SaleScreen))
        sale = cast(SaleScreen, pilot.app.screen).sale
        assert sale.carpass.id == "VP91Q57E6GD3B1" and sale.carpass.last_km == 63427  # from the stock
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(pilot.app.screen, StockScreen))
        table.move_cursor(row=0)
        table.focus()
        await pilot.press("delete")
        await until(pilot, lambda: table.row_count == 2)
        assert POLO not in [str(table.get_row_at(i)[0]) for i in range(2)]


async def test_printing_twice_and_a_change_after_printing(services):
    from .test_sale_flow import TRADER, VEHICLE, terms

    async with app_for(services, "en").run_test(size=SIZES["120x36"]) as pilot:
        screen = await open_sale(pilot, GOLF)
        await fill(pilot, screen, VEHICLE)
        await show_step(pilot, screen, "buyer")
        await fill(pilot, screen, TRADER)
        await show_step(pilot, screen, "terms")
        await fill(pilot, screen, terms("24"))
        printed = services.sale_desk.printed_versions

        def noted(text: str) -> bool:
            return any(text in str(n.message) for n in pilot.app._notifications)

        await pilot.press("f9")
        await until(pilot, lambda: len(printed(screen.record.id)) == 1 and noted("Version 1 printed"))
        await pilot.press("f9")  # nothing changed: the printed version stands
        await until(pilot, lambda: noted("Nothing changed since the last print"))
        await show_step(pilot, screen, "terms")
        await fill(pilot, screen, {"price_incl_vat": "14 500"})
        await pilot.press("f9")
        await until(pilot, lambda: len(printed(screen.record.id)) == 2 and noted("Version 2 printed"))
        versions = services.sale_desk.printed_versions(screen.record.id)
        assert [str(v.sale.price_incl_vat) for v in versions] == ["14990.00", "14500.00"]
        files = sorted(p.name for p in (screen.context.folder / f"sale-{screen.record.id}").iterdir())
        assert "v2-contract-en.pdf" in files and "v1-contract-en.pdf" in files


async def test_tab_goes_from_field_to_field_never_to_an_invisible_stop(services):
    async with app_for(services, "en").run_test(size=SIZES["80x24"]) as pilot:
        screen = await open_sale(pilot, GOLF)
        await show_step(pilot, screen, "buyer")
        await pilot.pause(0.3)
        assert pilot.app.focused.id == "customer-search"
        await pilot.press("tab")
        assert pilot.app.focused.name == "buyer.kind", "the next field, not the form holding it"
        await show_step(pilot, screen, "checklist")
        await pilot.pause(0.3)
        await pilot.press("shift+tab")  # from the first point: out of the list, not onto it
        assert not isinstance(pilot.app.focused, ChecklistForm)
