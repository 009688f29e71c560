"""Vehicle: registry fields with their sources, VIN decoded, odometer history, missing fields typed inline."""

import gc
import threading
import time

import pytest
from textual._styles_cache import StylesCache

import workshop_tui.ui.app as app_module
from workshop_tui.ui.screens.job import JobScreen
from workshop_tui.ui.screens.vehicle import VehicleScreen

from .conftest import CLIO_VIN, GOLF_VIN, HOLD_S, UNKNOWN_VIN
from .helpers import SIZE, saved, settle, text_of, type_text

pytestmark = pytest.mark.anyio


async def open_vehicle(pilot, vin: str) -> None:
    pilot.app.open_vehicle(vin)
    await settle(pilot)


async def test_known_vehicle_shows_each_field_with_its_source_and_the_vin_decoded(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_vehicle(pilot, GOLF_VIN)
        assert text_of(pilot, "#row-commercial_name").split() == ["D.3", "Commercial", "name", "GOLF", "SANDBOX"]
        assert text_of(pilot, "#row-max_mass_kg") == "F.2   Maximum mass              1,790 kg           SANDBOX"
        assert "Volkswagen · Germany · model year 2010 or 1980" in text_of(pilot, "#vehicle-vin")
        assert text_of(pilot, "#vehicle-origin") == "From the vehicle registry"
        assert text_of(pilot, "#mileage-summary") == "2 earlier readings."
        assert app.screen.focused.id == "open-job"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, JobScreen)


async def test_missing_fields_are_typed_inline_and_saved_as_typed(make_app, services):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_vehicle(pilot, CLIO_VIN)
        assert app.screen.focused.id == "vehicle-commercial_name"  # the first missing mandatory field
        assert text_of(pilot, "#row-commercial_name .vehicle-source") == " missing"
        await type_text(pilot, "CLIO")
        assert text_of(pilot, "#row-commercial_name .vehicle-source") == " typed"
        await pilot.press("enter")  # on to the next mandatory field still empty
        await settle(pilot)
        assert app.screen.focused.id == "vehicle-model_year"
        await type_text(pilot, "20x")
        assert app.screen.focused.has_class("-invalid") and app.screen.focused.tooltip == "Digits only."
        assert text_of(pilot, "#row-model_year .vehicle-source") == " not valid", "typed, so not 'missing'"
        assert app.visit.record.model_year is None, "what cannot be read is not taken"
        await pilot.press("backspace")
        await type_text(pilot, "05")
        await saved(pilot)
        record, typed = services.saved_vehicles[-1]
        assert (record.commercial_name, record.model_year, typed) == ("CLIO", 2005, {"commercial_name", "model_year"})
        await pilot.press("enter")  # nothing mandatory is missing any more: the job
        await settle(pilot)
        assert isinstance(app.screen, JobScreen)
        assert not app.screen.query("#job-vehicle"), "the job screen asks again only for what is still missing"


async def test_a_rollback_in_the_history_is_flagged(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_vehicle(pilot, CLIO_VIN)
        assert "1 reading(s) lower than the one before: possible rollback." in text_of(pilot, "#mileage-summary")
        table = app.screen.query_one("#mileage-table")
        notes = [str(table.get_row_at(i)[3]) for i in range(table.row_count)]
        assert notes == ["⚠ lower", "", ""]  # newest first


async def test_an_empty_history_shows_its_summary_alone(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_vehicle(pilot, GOLF_VIN)
        assert app.screen.query_one("#mileage-chart").display and app.screen.query_one("#mileage-table").display
        await open_vehicle(pilot, UNKNOWN_VIN)
        assert text_of(pilot, "#mileage-summary") == "No earlier reading."
        assert not app.screen.query_one("#mileage-chart").display  # no flat line for no data
        assert not app.screen.query_one("#mileage-table").display  # no headers above nothing


async def test_the_services_message_is_shown_in_the_language(make_app):
    app = make_app("fr")
    async with app.run_test(size=SIZE) as pilot:
        await open_vehicle(pilot, UNKNOWN_VIN)
        assert text_of(pilot, "#vehicle-origin") == (
            "Le répertoire des véhicules ne connaît pas ce VIN\xa0: tapez les champs du véhicule."
        )  # the note alone: it says both why and what to do


async def test_the_first_vehicle_screen_opens_without_parsing_every_style_sheet_again(make_app, monkeypatch):
    """Its style sheets come with the app's: reading one as the screen opens would re-parse them all
    and restyle every widget while the scan waits."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        reparsed = []
        monkeypatch.setattr(app.stylesheet, "reparse", lambda: reparsed.append(True))
        await open_vehicle(pilot, GOLF_VIN)
        assert text_of(pilot, "#vehicle-origin") == "From the vehicle registry"
        assert reparsed == []


async def test_a_cached_record_is_built_with_the_screen_not_mounted_after_it(make_app, monkeypatch):
    """A lookup back within the wait opens the screen with its fields: one build, one layout."""
    monkeypatch.setattr(app_module, "LOOKUP_WAIT_S", HOLD_S)  # the answer, not the timer, opens it
    mounted_later = []
    monkeypatch.setattr(VehicleScreen, "on_vehicle_looked", lambda screen, message: mounted_later.append(message))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        started = time.monotonic()
        await open_vehicle(pilot, GOLF_VIN)
        assert isinstance(app.screen, VehicleScreen)
        assert time.monotonic() - started < HOLD_S / 2
        assert text_of(pilot, "#vehicle-origin") == "From the vehicle registry"
        assert text_of(pilot, "#row-make").split()[:3] == ["D.1", "Make", "VOLKSWAGEN"]
        assert app.screen.focused.id == "open-job"
        assert mounted_later == []


async def test_a_slow_lookup_does_not_keep_the_screen_waiting_beyond_the_bound(make_app, services):
    services.hold = threading.Event()
    app = make_app()
    try:
        async with app.run_test(size=SIZE) as pilot:
            started = time.monotonic()
            app.open_vehicle(GOLF_VIN)
            while not (isinstance(app.screen, VehicleScreen) and app.screen.is_mounted):
                await pilot.pause(0.005)
            assert (
                time.monotonic() - started < app_module.LOOKUP_WAIT_S + 1
            )  # building it takes the rest (on a loaded machine)
            await pilot.pause()
            assert text_of(pilot, "#vehicle-origin") == "Looking the vehicle up…"
            services.hold.set()
            await settle(pilot)
            assert text_of(pilot, "#vehicle-origin") == "From the vehicle registry"
            assert app.screen.focused.id == "open-job"
    finally:
        services.hold.set()


class StartingServices:
    """`services` as the launcher gives them while they start: `vehicles` waits for them (or fails)."""

    def __init__(self, services, failure: Exception | None = None):
        self.started = threading.Event()
        self._services, self._failure = services, failure

    @property
    def vehicles(self):
        self.started.wait(HOLD_S)
        if self._failure is not None:
            raise self._failure
        return self._services.vehicles

    def __getattr__(self, name):
        return getattr(self._services, name)


async def test_a_vin_scanned_while_the_services_start_opens_once_they_answer(make_app, services, monkeypatch):
    """The screen is built once, with the record, not built empty beside the services' start."""
    monkeypatch.setattr(app_module, "STARTING_WAIT_S", HOLD_S)  # the answer, not a timer, opens it:
    monkeypatch.setattr(app_module, "LOOKUP_WAIT_S", HOLD_S)  # on a loaded machine a timer could come first
    mounted_later = []
    monkeypatch.setattr(VehicleScreen, "on_vehicle_looked", lambda screen, message: mounted_later.append(message))
    starting = StartingServices(services)
    app = make_app(services=starting)
    try:
        async with app.run_test(size=SIZE) as pilot:
            app.open_vehicle(GOLF_VIN)
            await pilot.pause(0.1)
            assert not isinstance(app.screen, VehicleScreen)
            starting.started.set()
            await settle(pilot)
            assert isinstance(app.screen, VehicleScreen)
            assert text_of(pilot, "#vehicle-origin") == "From the vehicle registry"
            assert mounted_later == []
    finally:
        starting.started.set()


async def test_services_that_fail_to_start_open_the_vehicle_screen_at_once(make_app, services, monkeypatch):
    monkeypatch.setattr(app_module, "STARTING_WAIT_S", HOLD_S)  # the failure, not the bound, opens it
    starting = StartingServices(services, failure=RuntimeError("database locked"))
    starting.started.set()
    app = make_app(services=starting)
    async with app.run_test(size=SIZE) as pilot:
        app.open_vehicle(GOLF_VIN)
        await settle(pilot)
        assert isinstance(app.screen, VehicleScreen)
        assert text_of(pilot, "#vehicle-origin") == "Looking the vehicle up…"
        assert any("database locked" in str(toast.message) for toast in app._notifications)


async def test_a_vehicle_given_up_before_it_opened_never_shows(make_app, services):
    """Another VIN scanned while the first one's lookup is still out: only the second one opens."""
    services.hold = threading.Event()
    app = make_app()
    try:
        async with app.run_test(size=SIZE) as pilot:
            app.open_vehicle(GOLF_VIN)
            app.open_vehicle(CLIO_VIN)  # within the wait: the first screen is never shown
            services.hold.set()
            await settle(pilot)
            assert isinstance(app.screen, VehicleScreen)
            assert app.screen.visit.vin == CLIO_VIN
            assert len(app.screen_stack) == 2  # the scan screen and the second vehicle
            assert app.screen.visit.loaded
    finally:
        services.hold.set()


async def test_the_vehicles_left_are_not_kept_alive_by_the_apps_watchers(make_app):
    """Each screen watches the app's language: Textual alone would keep every closed one (and its caches)."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        for vin in (GOLF_VIN, CLIO_VIN, GOLF_VIN, CLIO_VIN):
            await open_vehicle(pilot, vin)
            app.show_scan()
            await settle(pilot)
        watching = [node for watchers in getattr(app, "__watchers").values() for node, _callback in watchers]
        assert sum(isinstance(node, VehicleScreen) for node in watching) <= 1  # the last one, closing


async def test_the_vehicles_left_leave_nothing_behind(make_app):
    """Back on the scan screen, no vehicle screen is left in memory, nor its render caches. Textual kept
    them (see ui.textual_fixes): its `StylesCache.get_inner_outer` cache (some 40 caches a vehicle
    screen), the scan screen footer's keys left (8 a visit), the app's watchers of the screen just
    closed (forgotten at the next visit: one screen kept), and the executor thread that ran a screen's
    last thread worker (one in 16 runs kept two)."""

    def left() -> tuple[int, int]:
        gc.collect()
        objects = gc.get_objects()
        return sum(isinstance(item, VehicleScreen) for item in objects), sum(
            isinstance(item, StylesCache) for item in objects
        )

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        kept = []
        for vin in (GOLF_VIN, CLIO_VIN) * 3:
            await open_vehicle(pilot, vin)
            app.show_scan()
            await settle(pilot)
            kept.append(left())
        assert [screens for screens, _caches in kept] == [0] * 6
        assert kept[-1][1] <= kept[0][1] + 5  # 157 of 105 with the cache mended alone, 405 of 147 with neither


async def test_a_full_collection_follows_each_screen_opened(make_app, monkeypatch):
    """The screens left are collected once the next one is drawn, not in the middle of a scan."""
    app = make_app()
    collected: list[str] = []
    monkeypatch.setattr(app_module, "collect_garbage", lambda: collected.append(type(app.screen).__name__))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        collected.clear()
        await open_vehicle(pilot, GOLF_VIN)
        await pilot.pause(0.05)
        assert collected == ["VehicleScreen"]


async def test_a_screen_styled_as_it_mounted_is_not_styled_again_as_it_first_shows(make_app, monkeypatch):
    """The vehicle screen's sheets are the app's own: its widgets were styled with every rule as they
    mounted, so its first show does not style them all again; the job screen's sheet is read as it
    opens, after its Screen node was styled, so it is."""
    from textual.screen import Screen

    restyled: list[type] = []
    update = Screen.update_node_styles

    def counted(self, animate: bool = True) -> None:
        restyled.append(type(self))
        update(self, animate)

    monkeypatch.setattr(Screen, "update_node_styles", counted)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_vehicle(pilot, GOLF_VIN)
        assert isinstance(app.screen, VehicleScreen) and VehicleScreen not in restyled
        app.open_job(app.visit)
        await settle(pilot)
        assert isinstance(app.screen, JobScreen) and JobScreen in restyled
