"""Sale desk scenes on the real services, shared by the screenshot script and the tests."""

from __future__ import annotations

from textual.widgets import Input

from .conftest import GOLF, GOLF_CARPASS, fill, open_sale, scan, settled, show_step, until

STEPS = ("vehicle", "carpass", "trade_in", "buyer", "terms", "checklist", "review")


async def sale_step(pilot, name: str):
    """The Golf's sale with its Car-Pass scanned and a consumer buyer, showing step `name`."""
    screen = await open_sale(pilot, GOLF)
    await fill(pilot, screen, {"vehicle.colour_code": "LA7W", "vehicle.displayed_km": "71200"})
    await scan(pilot, "QRCODE", GOLF_CARPASS)
    await until(pilot, lambda: screen.sale.carpass is not None and screen.sale.carpass.vin is not None)
    await show_step(pilot, screen, "buyer")
    await fill(pilot, screen, {"buyer.kind": "consumer", "buyer.first_name": "Jan", "buyer.last_name": "Peeters"})
    await show_step(pilot, screen, name)
    await settled(pilot, screen)
    await pilot.pause(0.3)
    return screen


async def desk(pilot) -> None:
    await pilot.press("ctrl+b")
    await pilot.pause(0.5)


async def stock(pilot) -> None:
    await desk(pilot)
    await pilot.press("f4")
    await pilot.pause(0.3)
    screen = pilot.app.screen
    screen.context.desk.add_stock_car(GOLF)
    screen.refresh_stock()
    await pilot.pause(0.5)


async def still(pilot) -> None:
    """No blinking cursor in a picture, every worker done."""
    for box in pilot.app.screen.query(Input).results(Input):
        box.cursor_blink = False
    await pilot.pause(0.3)
    await until(pilot, lambda: not any(w.is_running for w in pilot.app.screen.workers))
    await pilot.pause(0.1)


def _scene(name: str):
    async def scene(pilot) -> None:
        if name in ("desk", "stock"):
            await SHOWN[name](pilot)
        else:
            await sale_step(pilot, name)
        await still(pilot)

    return scene


SHOWN = {"desk": desk, "stock": stock}


SCENES = {name: _scene(name) for name in ("desk", "stock", *STEPS)}
