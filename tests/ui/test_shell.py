"""The app shell: language at run time, bindings in footer and palette, SANDBOX badge, no freezing."""

import threading
import time

import pytest
from textual.command import CommandList
from textual.widgets import Input

from workshop_tui.ui.screens.scan import ScanScreen
from workshop_tui.ui.screens.vehicle import VehicleScreen
from workshop_tui.ui.widgets.work_kinds import WorkKindList

from .conftest import GOLF_VIN, HOLD_S
from .helpers import SIZE, open_job, settle, text_of

pytestmark = pytest.mark.anyio


def footer_descriptions(app) -> list[str]:
    """What the footer shows for the enabled keys."""
    return [key.description for key in app.screen.query("WorkshopFooter FooterKey") if not key.has_class("-disabled")]


async def test_language_switches_at_run_time_everywhere(make_app):
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await open_job(pilot, GOLF_VIN)
        app.screen.query_one(WorkKindList).select("maintenance")
        app.screen.query_one("#total").value = "95"
        await settle(pilot)
        assert "Submit" in footer_descriptions(app)
        shown = [b for _, b, _, _ in app.screen.active_bindings.values() if b.show]
        assert all(b.id for b in shown), "every binding on the footer has an id"

        await pilot.press("f12")  # EN -> FR
        await settle(pilot)
        assert app.language == "fr"
        assert text_of(pilot, "#header-title") == f"Atelier · Travail · {GOLF_VIN}"
        assert text_of(pilot, "#header-language") == "FR"
        assert text_of(pilot, "#verdict-headline") == "PAS DE DÉCLARATION"
        assert "Client particulier et total de 95,00\xa0€ TVAC" in text_of(pilot, "#verdict-reasons")
        assert "Envoyer" in footer_descriptions(app) and "Submit" not in footer_descriptions(app)
        assert str(app.screen.query_one(WorkKindList).get_option_at_index(0).prompt) == "Entretien"
        assert app.screen.query_one("#job-lines").text == "Entretien", "proposed job lines follow the language"
        assert str(app.screen.query_one("#kind-private").label) == "Particulier"

        await pilot.press("f12")  # FR -> NL
        await settle(pilot)
        assert text_of(pilot, "#verdict-headline") == "GEEN MELDING NODIG"
        assert text_of(pilot, "#role #label") == "Hoofdaannemer"
        await pilot.press("escape")  # back to the vehicle screen, relabelled too
        await settle(pilot)
        assert isinstance(app.screen, VehicleScreen)
        assert "Merk" in text_of(pilot, "#row-make")


async def test_the_command_palette_offers_every_action_in_the_language(make_app):
    app = make_app("nl")
    async with app.run_test(size=SIZE) as pilot:
        await open_job(pilot, GOLF_VIN)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.pause(0.3)  # the palette gathers its commands in the background
        commands = app.screen.query_one(CommandList)
        prompts = {str(commands.get_option_at_index(i).prompt).split("\n")[0] for i in range(commands.option_count)}
        assert {"Verzenden", "Klant", "Voertuig", "Nieuw voertuig", "Afsluiten", "Taal: Français"} <= prompts
        await pilot.press("escape")


async def test_the_sandbox_badge_shows_only_for_sandbox_data(make_app, services):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert text_of(pilot, "#header-sandbox") == "SANDBOX"
    services.sandbox = False
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not app.screen.query("#header-sandbox")
        assert text_of(pilot, "#header-company") == "Garage Dupont"


async def test_the_ui_keeps_answering_while_the_services_hang(make_app, services):
    """Every step below runs while the lookup is still blocked in the services (nothing waits for it)."""
    services.hold = threading.Event()
    app = make_app()

    def lookup_hangs() -> bool:
        return not services.hold.is_set() and any(w.group == "lookup" and w.is_running for w in app.workers)

    started = time.monotonic()
    try:
        async with app.run_test(size=SIZE) as pilot:
            app.open_vehicle(GOLF_VIN)
            await pilot.pause(0.2)
            assert isinstance(app.screen, VehicleScreen)
            assert lookup_hangs()
            assert text_of(pilot, "#vehicle-origin") == "Looking the vehicle up…"
            assert app.screen.query_one("#open-job").disabled
            await pilot.press("f3")  # the job needs the vehicle: nothing happens
            assert isinstance(app.screen, VehicleScreen)
            await pilot.press("escape")  # but the mechanic can leave at once
            await pilot.pause(0.1)
            assert isinstance(app.screen, ScanScreen)
            await pilot.press(*"WVW")
            while app.holding_keys:  # the wedge gate lets typed keys through after a short gap
                await pilot.pause(0.01)
            assert app.screen.query_one("#vin-input", Input).value == "WVW"
            assert lookup_hangs(), "the keys were handled while the services still hang"
            assert time.monotonic() - started < HOLD_S / 2, "no step waited for the hung call"
            services.hold.set()
            await settle(pilot)
    finally:
        services.hold.set()


async def test_a_failing_service_is_reported_once_in_words_and_the_screen_stays(make_app, services):
    def broken(vin):
        raise RuntimeError("registry database is locked.")

    services.vehicles.readings = broken
    app = make_app("fr")
    async with app.run_test(size=SIZE) as pilot:
        app.open_vehicle(GOLF_VIN)
        await settle(pilot)
        assert isinstance(app.screen, VehicleScreen)
        assert [n.message for n in app._notifications] == [
            "Les services signalent un problème\xa0: registry database is locked. "
            "Ce que vous avez tapé est conservé\xa0; réessayez."
        ]
        assert app.screen.query_one("#open-job").has_focus, "the lookup itself worked: the job can go on"
