"""The camera loop runs in a worker and reads like the wedge scanner; `workshop-tui` starts and
closes the services around the app."""

import argparse
import gc
import os
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest

from scanners.camera import Status, StatusCode
from scanners.codes import classify
from workshop_tui.config import Settings
from workshop_tui.ui import launch
from workshop_tui.ui.app import WorkshopApp
from workshop_tui.ui.screens.customer import CustomerScreen
from workshop_tui.ui.screens.outbox import OutboxScreen
from workshop_tui.ui.screens.scan import ScanScreen
from workshop_tui.ui.screens.vehicle import VehicleScreen
from workshop_tui.ui.widgets.camera import CameraPreview, half_blocks

from .conftest import GOLF_VIN
from .helpers import SIZE, settle, text_of
from .test_no_cut_text import drawn_whole

pytestmark = pytest.mark.anyio


@pytest.fixture(autouse=True)
def switch_interval_kept():
    """The services' start sets the interpreter's switch interval: the other tests keep theirs."""
    interval = sys.getswitchinterval()
    yield
    sys.setswitchinterval(interval)


class FakeCamera:
    """Stands in for scanners.camera.CameraLoop: reports, shows a frame, reads a VIN when told."""

    read_now = threading.Event()

    def __init__(self, *, on_read, on_status, on_frame):
        self.on_read, self.on_status, self.on_frame = on_read, on_status, on_frame

    def run(self, stop: threading.Event) -> None:
        self.on_status(Status(StatusCode.SCANNING, {"kind": "camera", "target": "0", "size": "640x480"}))
        self.on_frame(np.full((48, 64, 3), 200, dtype=np.uint8))
        if self.read_now.wait(5) and not stop.is_set():
            self.on_read(classify("CODE39", GOLF_VIN))
        stop.wait(5)


async def test_the_camera_shows_its_state_and_frame_and_a_read_opens_the_vehicle(make_app):
    FakeCamera.read_now.clear()
    app = make_app("fr", camera=FakeCamera)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.2)
        assert isinstance(app.screen, ScanScreen)
        assert text_of(pilot, "#camera-status") == "● Lecture des codes\xa0: caméra 0 (640x480)."
        assert app.screen.query_one(CameraPreview).display
        FakeCamera.read_now.set()
        await pilot.pause(0.2)
        await settle(pilot)
        assert isinstance(app.screen, VehicleScreen) and app.visit.vin == GOLF_VIN
        assert app.last_read_via == "camera"


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
async def test_a_camera_status_that_wraps_is_shown_whole_at_80x24(make_app, language):
    """No camera at the default source (what `./dev start` shows on a machine without one) takes two
    lines at 80 columns: its line grows, the end of the sentence is not cut."""
    app = make_app(language)
    async with app.run_test(size=(80, 24)) as pilot:
        app.camera_status = Status(StatusCode.NO_CAMERA, {"target": "0"})
        await settle(pilot)
        status = app.screen.query_one("#camera-status")
        text = str(status.render())
        assert len(text) > status.region.width
        assert drawn_whole(status, status.region.size, text)


def test_half_blocks_keep_two_pixel_rows_per_cell_in_rgb():
    frame = np.zeros((4, 2, 3), dtype=np.uint8)
    frame[0:2, :, 0] = 255  # blue (BGR) on top
    cells = half_blocks(frame, width=2, height=1)
    assert cells == [[((0, 0, 255), (0, 0, 0)), ((0, 0, 255), (0, 0, 0))]]


def test_launch_builds_settings_from_the_arguments_and_closes_the_services(monkeypatch, services, settings, tmp_path):
    started, closed = [], []

    class Running:
        sandbox = True

        def __getattr__(self, name):
            return getattr(services, name)

        def close(self):
            closed.append(True)

    def start(given):
        started.append(given)
        return Running()

    from workshop_tui import wiring

    monkeypatch.setattr(wiring, "start", start)
    monkeypatch.setattr(WorkshopApp, "run", lambda self: self._on_first_frame())  # the first screen drawn
    monkeypatch.delenv("PYDANTIC_DISABLE_PLUGINS", raising=False)
    intervals: list[float] = []
    monkeypatch.setattr(sys, "setswitchinterval", intervals.append)
    db = f"sqlite:///{tmp_path / 'bay' / 'w.db'}"
    code = launch.run(argparse.Namespace(db=db, lang="nl"))
    assert code == 0
    assert os.environ["PYDANTIC_DISABLE_PLUGINS"] == "__all__"  # no search for plugins among the packages
    assert intervals == [0.001]  # threads take turns every millisecond once the first screen is drawn
    assert (started[0].db_url, started[0].language) == (db, "nl")
    assert closed == [True]
    assert (tmp_path / "bay" / "w.db").stat().st_mode & 0o777 == 0o600  # made before the first screen


# What the first frame is drawn without: the services' libraries, and modules it never shows.
NOT_BEFORE_THE_FIRST_FRAME = {
    "workshop_tui.wiring",  # the services: started once the first screen is drawn
    "httpx",
    "peewee",
    "workshop_tui.sandbox",
    "stdnum",  # company numbers: checked on other screens (its util imports pydoc, 20 ms)
    "pydoc",
    "textual.widgets._text_area",  # multi-line fields: on other screens (7 ms)
    "workshop_tui.domain.models",  # the core's pydantic models: with the first vehicle (20-30 ms)
    "vininfo",  # a VIN's maker and country: with the first VIN checked (7 ms)
    "babel",  # numbers, dates, lists: just after the first frame (5 ms)
}


def test_the_first_frame_waits_for_no_module_it_does_not_show():
    code = "import sys, workshop_tui.cli, workshop_tui.ui.launch, workshop_tui.config, workshop_tui.ui.app; print(*sys.modules)"
    root = Path(__file__).resolve().parents[2]
    loaded = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True).stdout
    assert NOT_BEFORE_THE_FIRST_FRAME & set(loaded.split()) == set()


def test_the_launcher_imports_none_of_them_either(tmp_path):
    """What the launcher itself imports up to the app's run."""
    code = (
        "import argparse, sys, textual.app; from workshop_tui.ui import launch;"
        "textual.app.App.run = lambda self: print(*sys.modules);"
        "launch.run(argparse.Namespace(db=None, lang='en'))"
    )
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "c"), "XDG_DATA_HOME": str(tmp_path / "d")}
    env = {name: value for name, value in env.items() if not name.startswith("WORKSHOP_")} | {
        "WORKSHOP_CAMERA_SOURCE": ""
    }
    run = subprocess.run([sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True, check=True)
    loaded = set(run.stdout.split())
    assert "workshop_tui.ui.app" in loaded
    assert NOT_BEFORE_THE_FIRST_FRAME & loaded == set()
    assert "importlib.metadata" not in loaded  # pydantic's plugin loader is not imported (plugins disabled)


def test_pydantic_plugin_loader_stands_in_for_the_real_one_with_plugins_disabled(monkeypatch):
    """`skip_unused_imports` puts a module of its own for pydantic's private plugin loader: it must give
    what the real one gives with PYDANTIC_DISABLE_PLUGINS=__all__ (no plugin), and be all pydantic uses."""
    from pydantic.plugin import _loader, _schema_validator

    monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", "__all__")
    assert tuple(_loader.get_plugins()) == launch._NO_PLUGINS.get_plugins() == ()
    source = Path(_schema_validator.__file__).read_text()
    assert source.count("_loader") == 1 and "from ._loader import get_plugins" in source


def test_the_screens_load_without_the_document_libraries():
    """The screens are loaded in the background after start-up (a scan waits for what they import):
    fpdf2 (with numpy and Pillow), Jinja2 and the barcode library come with the first document."""
    code = (
        "import sys, importlib, workshop_tui.ui.app as app;"
        "[importlib.import_module(f'workshop_tui.ui.screens.{name}') for name in app.LATER_SCREENS];"
        "print(*sys.modules)"
    )
    root = Path(__file__).resolve().parents[2]
    loaded = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True).stdout
    assert {"fpdf", "numpy", "PIL", "jinja2", "barcode"} & set(loaded.split()) == set()


def test_the_services_start_without_httpx_command_line():
    """httpx imports its command line (click, pygments, rich.syntax: 35 ms) wherever click is installed."""
    code = "import sys, workshop_tui.ui.launch as l; l.skip_unused_imports(); import httpx; print(*sys.modules)"
    root = Path(__file__).resolve().parents[2]
    loaded = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True).stdout
    assert {"click", "pygments", "rich.syntax"} & set(loaded.split()) == set()


@pytest.mark.parametrize(("db", "driver"), [("sqlite:////tmp/w.db", False), ("postgresql://u@h:5432/w", True)])
def test_a_terminal_on_sqlite_starts_its_services_without_the_postgresql_driver(db, driver):
    """peewee imports psycopg2 wherever it is installed (10-20 ms); on SQLite the terminal never uses it."""
    code = f"import sys, workshop_tui.ui.launch as l; l.skip_unused_driver({db!r}); import peewee; print(*(n for n, m in sys.modules.items() if m))"
    root = Path(__file__).resolve().parents[2]
    loaded = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True).stdout
    assert ("psycopg2" in loaded.split()) is driver


@pytest.mark.parametrize(
    ("content", "db", "message"),
    [
        (
            '{"carpass": {"url": "https://carpass.example", "read_timeout": "ten"}}',
            None,
            "setting 'carpass.read_timeout' in ",
        ),
        ('{"carpass": {"url": "https://carpass.example"', None, "is not valid JSON"),
        ("", None, "is empty"),
        ("{}", "sqlite:////proc/none/w.db", "db_url: cannot create the database file /proc/none/w.db"),
    ],
)
def test_launch_stops_on_broken_settings_before_the_first_screen(monkeypatch, settings, tmp_path, content, db, message):
    """A broken settings file is never replaced by the defaults (that would start a sandbox terminal)."""
    from workshop_tui.config import SettingsError
    from workshop_tui.locations import config_file

    config_file().parent.mkdir(parents=True)
    config_file().write_text(content)
    monkeypatch.setattr(WorkshopApp, "__init__", lambda *a, **k: pytest.fail("the app was built"))
    with pytest.raises(SettingsError, match=message):
        launch.run(argparse.Namespace(db=db, lang=None))


def _starting(monkeypatch, settings, start):
    from workshop_tui import wiring

    monkeypatch.setattr(wiring, "start", start)
    return launch.StartingServices(settings)


def test_starting_services_start_only_when_told_and_calls_wait_for_them(monkeypatch, services, settings):
    gate, started = threading.Event(), []

    def start(given):
        started.append(given)
        gate.wait(5)
        return services

    starting = _starting(monkeypatch, settings, start)
    assert starting.sandbox is True and started == []  # known from the settings (no URLs): no start
    starting.start()
    looked = []
    caller = threading.Thread(target=lambda: looked.append(starting.vehicles.lookup(GOLF_VIN)))
    caller.start()
    caller.join(0.2)
    assert looked == []  # waiting for the services
    gate.set()
    caller.join(5)
    assert looked[0].vin == GOLF_VIN and started == [settings]


def test_what_start_up_built_is_kept_from_the_garbage_collector(monkeypatch, services, settings):
    """Full collections walking the start-up objects paused scans for 50-180 ms."""
    gate = threading.Event()
    gc.unfreeze()
    starting = _starting(monkeypatch, settings, lambda _given: gate.wait(5) and services)
    try:
        starting.start()
        assert gc.get_freeze_count() > 0  # the first screen and the modules, once drawn
        gc.unfreeze()
        gate.set()
        starting.vehicles.lookup(GOLF_VIN)  # waits for the services
        assert gc.get_freeze_count() > 0  # and the services, once started
    finally:
        gc.unfreeze()
    assert gc.isenabled()


def test_the_collector_waits_for_the_first_frame(monkeypatch, settings, services):
    from workshop_tui import wiring

    class Running:
        def __getattr__(self, name):
            return getattr(services, name)

        def close(self):
            pass

    def run(app):
        seen.append(gc.isenabled())
        app._on_first_frame()

    seen: list[bool] = []
    monkeypatch.setattr(wiring, "start", lambda _given: Running())
    monkeypatch.setattr(WorkshopApp, "run", run)
    launch.run(argparse.Namespace(db=None, lang="en"))
    gc.unfreeze()
    assert seen == [False] and gc.isenabled()  # and again on the way out


def test_a_failed_start_enables_the_collector_again(monkeypatch, settings):
    def start(_given):
        raise OSError("database is locked")

    gc.disable()
    starting = _starting(monkeypatch, settings, start)
    starting.start()
    with pytest.raises(OSError):
        starting.readings(GOLF_VIN)
    assert gc.isenabled()
    gc.unfreeze()


def test_a_failed_start_is_raised_by_every_call_and_leaves_nothing_to_close(monkeypatch, settings):
    def start(_given):
        raise OSError("database is locked")

    starting = _starting(monkeypatch, settings, start)
    starting.start()
    with pytest.raises(OSError, match="locked"):
        starting.readings(GOLF_VIN)
    starting.close()


def test_a_failed_start_is_told_once_at_once(monkeypatch, settings):
    def start(_given):
        raise OSError("database is locked")

    told: list[Exception] = []
    starting = _starting(monkeypatch, settings, start)
    starting.on_failure = told.append
    starting.start()
    with pytest.raises(OSError):
        starting.readings(GOLF_VIN)
    assert [str(error) for error in told] == ["database is locked"]


def test_services_never_started_are_not_started_to_be_closed(monkeypatch, settings):
    started: list[Settings] = []
    starting = _starting(monkeypatch, settings, started.append)
    starting.close()
    assert started == []


def test_configured_urls_mean_no_sandbox(settings):
    configured = settings.model_copy(
        update={
            "registry": settings.registry.model_copy(update={"url": "https://registry.example"}),
            "carpass": settings.carpass.model_copy(update={"url": "https://carpass.example"}),
        }
    )
    assert launch.StartingServices(configured).sandbox is False


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_the_screens_have_their_breakpoint_class_before_their_first_resize(make_app, size):
    """Textual gives it at the first resize, which restyled every widget a second time: every workshop
    screen (a modal one too) is built with the class Textual then gives, and keeps it."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        wide = "-wide" if size[0] >= 100 else "-narrow"
        assert set(app.get_default_screen().classes) == set(app.screen.classes) == {wide}
        app.open_vehicle(GOLF_VIN)
        built = app._vehicle_waiting
        assert built is not None and set(built.classes) == {wide}  # not mounted yet
        await settle(pilot)
        assert app.screen is built and set(built.classes) == {wide}
        for screen in (OutboxScreen(), CustomerScreen()):
            assert set(screen.classes) == {wide}
            app.push_screen(screen)
            await settle(pilot)
            assert app.screen is screen and set(screen.classes) == {wide}
