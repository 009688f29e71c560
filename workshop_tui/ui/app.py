"""The workshop terminal: services in, screens on top, scans from anywhere.

Only the scan screen is imported with the app, so that it is drawn sooner; the other screens
are imported where they open, and loaded in a thread right after the first frame.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, cast

from textual import on, work
from textual.app import App
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive, var
from textual.timer import Timer
from textual.worker import Worker

from scanners.codes import CodeRead

from ..config import Settings
from ..domain.lifecycle import SubmissionState
from ..domain.vin import check
from ..translations import LANGUAGES, _, activate, default_language
from ..translations.formats import formats, load_babel
from ..translations.labels import CODE_READ
from .clock import Clock, SystemClock
from .commands import WorkshopCommands
from .keyboard import WedgeKeyboard
from .messages import CameraFrame, CameraStatus, CarPassRead, CodeScanned, SettingsSaved, VehicleLooked
from .pending import NewestOnly, PendingWrites
from .screens.base import WorkshopScreen, report_worker_error
from .screens.scan import ScanScreen
from .textual_fixes import forget_closed_watchers
from .widgets.choice_dialog import ChoiceDialog

if TYPE_CHECKING:
    from scanners.camera import Status
    from scanners.capture import FrameStats

    from ..domain.models import JobDraft, RegistryVehicle, SubmissionView
    from ..services.api import VehicleLookup, WorkshopServices
    from .screens.vehicle import VehicleScreen
    from .visit import Visit

HERE = Path(__file__).resolve().parent
LATER_SCREENS = ("vehicle", "job", "customer", "submit", "outbox", "history", "settings", "drafts")
LATER_SCREENS_DELAY_S = (
    1.5  # the services start meanwhile: a VIN scanned at launch needs only them and the vehicle screen
)
UNSENT = frozenset({SubmissionState.PENDING, SubmissionState.NEEDS_FIXING, SubmissionState.NEEDS_SETTINGS})
"""Readings recorded but not yet delivered to Car-Pass: quitting asks first."""
LOOKUP_WAIT_S = 0.02
"""The vehicle screen waits this long for its lookup: a cached record is back within it (~10 ms), so
the screen is built once, with it, not built empty and then again with the fields (a second layout)."""
STARTING_WAIT_S = 0.5
"""And at most this long for services still starting (a VIN scanned as the terminal opens): built
meanwhile, the empty screen would take the interpreter from them (VIN at launch to its record
884 -> 805 ms, median)."""
SAVE_DELAY_S = 0.4  # typing pauses this long before the draft is written


def collect_garbage() -> None:
    """A full collection, unless the launcher holds the collector back (until the services run)."""
    if gc.isenabled():
        gc.collect()


@dataclass
class LookedUp(Message, bubble=False):
    """A vehicle lookup back, for the vehicle screen opened with it."""

    screen: VehicleScreen
    lookup: VehicleLookup


class CameraLoopLike(Protocol):
    def run(self, stop: Any) -> None: ...
    def stats(self) -> FrameStats | None: ...


CameraFactory = Callable[..., CameraLoopLike]
"""Builds the camera loop given `on_read`, `on_status` and `on_frame` callbacks (see scanners.camera)."""


class WorkshopApp(WedgeKeyboard, App[int]):
    """Scan a VIN, see the vehicle, type the job, read the verdict, submit: keyboard first.

    Implements `ui.shell.Shell` for the screens. Screens and widgets follow the `language` and
    `settings` reactives themselves; screens open through the navigation methods below, or
    `open_screen` given a screen instance.
    """

    # The shared classes, the first screen's and the vehicle screen's (its CSS_PATH, resolved as Textual
    # does): a style sheet first read when its screen opens makes Textual parse every style sheet again
    # and restyle every widget, which a scan would wait for. Every other screen loads its own .tcss,
    # beside it, when it first opens.
    CSS_PATH: ClassVar = [
        HERE / "app.tcss",
        HERE / "screens" / "scan.tcss",
        HERE / "screens" / "vehicle.tcss",
        HERE / "widgets" / "vehicle_fields.tcss",
        HERE / "widgets" / "mileage.tcss",
    ]
    COMMANDS: ClassVar = {WorkshopCommands}
    # Each screen gets -narrow below 100 columns (a counter terminal's 80): the .tcss files stack there.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    BINDINGS: ClassVar = [
        Binding("f2", "new_vehicle", "New vehicle", id="new_vehicle"),
        Binding("ctrl+o", "outbox", "Outbox", id="outbox"),
        Binding("ctrl+t", "history", "History", id="history"),
        Binding("ctrl+g", "settings", "Settings", id="settings"),
        Binding("f12", "cycle_language", "Language", id="language"),
        Binding("ctrl+b", "sale_desk", "Sale desk", id="sale_desk", show=False),  # sale desk (issue 10)
        Binding("ctrl+p", "command_palette", "Commands", id="palette", show=False, priority=True),
        # Quit is left off the footer (room for the work keys at 120 columns); the palette has it.
        Binding("ctrl+q", "quit", "Quit", id="quit", show=False, priority=True),
    ]

    language: reactive[str] = reactive("en", init=False)
    settings: var[Settings] = var(cast(Settings, None), init=False)  # always set in __init__
    camera_status: var[Status | None] = var(None)
    last_read: var[CodeRead | None] = var(None)
    last_read_via: var[str] = var("wedge")

    def __init__(
        self,
        services: WorkshopServices,
        settings: Settings,
        *,
        clock: Clock | None = None,
        camera: CameraFactory | None = None,
        on_first_frame: Callable[[], None] | None = None,
    ):
        """`on_first_frame` runs once the first screen is drawn (the launcher starts the services)."""
        super().__init__()
        self.services = services
        self.set_reactive(WorkshopApp.settings, settings)
        self.clock = clock or SystemClock()
        self.camera = camera
        self._on_first_frame = on_first_frame
        activate(default_language(settings.language))
        self.t = formats(default_language(settings.language))
        self.set_reactive(WorkshopApp.language, self.t.language)
        self.visit: Visit | None = None
        self._vehicle_waiting: VehicleScreen | None = None  # its lookup not back yet (see `open_vehicle`)
        self._vehicle_timer: Timer | None = None  # opens it without its lookup (see `_wait_for_vehicle`)
        self.init_keyboard()
        self._drafts: PendingWrites[JobDraft] = PendingWrites()
        self._vehicles: PendingWrites[tuple[RegistryVehicle, set[str]]] = PendingWrites()
        self._save_timer: Timer | None = None
        self._camera_stop: threading.Event | None = None
        self._frames: NewestOnly[Any] = NewestOnly()
        self._camera_loop: CameraLoopLike | None = None

    # -- start, language --------------------------------------------------------------------------

    def get_default_screen(self) -> ScanScreen:
        return ScanScreen()

    def on_mount(self) -> None:
        self.title = _("Workshop")
        self.action_restart_camera()

    def on_ready(self) -> None:
        # The footer is rebuilt after the first frame and drawn with the next one: then start.
        self.call_after_refresh(self.call_after_refresh, self._after_first_frame)

    def _after_first_frame(self) -> None:
        if self._on_first_frame is not None:
            self._on_first_frame()
        self._load_screens(LATER_SCREENS[:1])
        self.set_timer(LATER_SCREENS_DELAY_S, partial(self._load_screens, LATER_SCREENS[1:]))

    @work(thread=True, exit_on_error=False, group="warm-up")
    def _load_screens(self, names: tuple[str, ...]) -> None:
        """After the first frame: import the other screens, so that the first scan is as fast as the next.
        The vehicle screen at once, the others once the services have started (they would slow it down);
        with the vehicle screen, Babel, for its dates and numbers."""
        for name in names:
            import_module(f"{__package__}.screens.{name}")
        load_babel()

    def today(self) -> date:
        return self.clock.now().date()

    def watch_language(self, language: str) -> None:
        """Activate the catalog first: the screens and the footer follow this reactive."""
        activate(language)
        self.t = formats(language)
        self.title = _("Workshop")

    def on_settings_saved(self, message: SettingsSaved) -> None:
        """Settings saved from the settings screen: language and company name show at once."""
        self.settings = message.settings
        self.language = message.settings.language

    def action_cycle_language(self) -> None:
        self.language = LANGUAGES[(LANGUAGES.index(self.language) + 1) % len(LANGUAGES)]

    def action_set_language(self, language: str) -> None:
        self.language = language

    # -- navigation -------------------------------------------------------------------------------

    def show_scan(self) -> None:
        """Back to the scan screen, whatever is open (drafts are already saved)."""
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.visit = None
        # Textual forgets a closed screen's watchers of `language` and `settings` only when they change
        # next (seldom): every screen left would stay in memory with its render caches till then. They
        # are forgotten once the screens have closed: after the pops, which Textual runs next in turn
        # (forgotten at once, the screen just popped was not closed yet, and stayed till the next visit,
        # sometimes two).
        self.call_next(forget_closed_watchers, self)

    async def screen_opened(self) -> None:
        """The keys typed meanwhile go to the new screen; then the screens left are collected, while the
        mechanic reads this one. Left to the collector's own schedule, a full collection (20-80 ms,
        the screens left since the last one) landed in one scan in three; after this, seldom. After every
        screen, not only the vehicle screen: each full collection restarts the collector's count, and
        collecting after the vehicle screen alone brought its own back (12 visits under Pilot: 25 full
        collections, one in a scan, against 1 and none)."""
        await super().screen_opened()
        self.call_after_refresh(collect_garbage)

    def action_new_vehicle(self) -> None:
        self.show_scan()

    def action_outbox(self) -> None:
        from .screens.outbox import OutboxScreen

        self._show_tool(OutboxScreen)

    def action_history(self) -> None:
        from .screens.history import HistoryScreen

        self._show_tool(HistoryScreen)

    def action_drafts(self) -> None:
        from .screens.drafts import DraftsScreen

        self._show_tool(DraftsScreen)

    def action_settings(self) -> None:
        from .screens.settings import SettingsScreen

        self._show_tool(SettingsScreen)

    def action_sale_desk(self) -> None:  # sale desk (issue 10)
        from .sale.context import sale_desk_context
        from .sale.desk_screen import SaleDeskScreen

        self.push_screen(SaleDeskScreen(sale_desk_context(self.services)))

    def _show_tool(self, screen_type: type[WorkshopScreen]) -> None:
        """Outbox, history and settings open over whatever is on screen (nothing typed is left)."""
        if not isinstance(self.screen, screen_type):
            self.open_screen(screen_type())

    def open_vehicle(self, vin: str, *, correcting: SubmissionView | None = None) -> None:
        if self.visit is not None and self.visit.vin == vin and correcting is None:
            self.notify(_("{vin} is already open.").format(vin=vin), markup=False)
            return
        from .screens.vehicle import VehicleScreen
        from .visit import Visit

        self.show_scan()
        self.visit = Visit(vin, correcting=correcting)
        screen = VehicleScreen(self.visit)
        self.hold_keys()  # typed meanwhile: for the vehicle screen
        self._vehicle_waiting = screen
        self._wait_for_vehicle(screen, STARTING_WAIT_S)
        self._look_up(screen, vin)

    def _wait_for_vehicle(self, screen: VehicleScreen, seconds: float) -> None:
        """Open `screen` in `seconds` if its lookup is not back by then: `STARTING_WAIT_S` as it is built,
        then `LOOKUP_WAIT_S` from when the services answer (one timer, armed again)."""
        if self._vehicle_waiting is screen:
            if self._vehicle_timer is not None:
                self._vehicle_timer.stop()
            self._vehicle_timer = self.set_timer(seconds, partial(self._show_vehicle, screen))

    def _show_vehicle(self, screen: VehicleScreen) -> None:
        """Open `screen` unless it is open already, or was given up for another vehicle; its timer goes
        (its callback would keep the screen alive once left)."""
        if self._vehicle_waiting is screen:
            self._vehicle_waiting = None
            if self._vehicle_timer is not None:
                self._vehicle_timer.stop()
                self._vehicle_timer = None
            self.open_screen(screen)

    @work(thread=True, exclusive=True, exit_on_error=False, group="lookup")
    def _look_up(self, screen: VehicleScreen, vin: str) -> None:
        """Started with the vehicle screen, not once it is built: a cached record is back before its
        first frame, often before it is built (see `on_looked_up`). The screen waits `LOOKUP_WAIT_S`
        from when the services answer (at once, unless they are starting), or fail to."""
        try:
            vehicles = self.services.vehicles
        finally:
            self.call_later(self._wait_for_vehicle, screen, LOOKUP_WAIT_S)
        self.post_message(LookedUp(screen, vehicles.lookup(vin)))

    def on_looked_up(self, message: LookedUp) -> None:
        """Back within `LOOKUP_WAIT_S`: the screen is built once, with the record; later, the open screen
        takes it (a closed one drops it)."""
        screen = message.screen
        if self._vehicle_waiting is screen:
            screen.visit.take_lookup(message.lookup)
            self._show_vehicle(screen)
        else:
            screen.post_message(VehicleLooked(message.lookup))

    def inspect_submission(self, view: SubmissionView) -> None:
        """A submission from the outbox, shown like right after sending it."""
        from .screens.submit import SubmitScreen
        from .visit import Visit

        self.open_screen(SubmitScreen(Visit(view.vin), view))

    def open_job(self, visit: Visit, *, replace: bool = False) -> None:
        from .screens.job import JobScreen

        self.open_screen(JobScreen(visit), replace=replace)

    def show_submission(self, visit: Visit, view: SubmissionView | None) -> None:
        """The visit is over: the same VIN scanned from the submission screen opens the vehicle again."""
        from .screens.submit import SubmitScreen

        self.visit = None
        self.open_screen(SubmitScreen(visit, view), replace=True)

    def on_code_scanned(self, message: CodeScanned) -> None:
        read = message.read
        self.last_read_via = message.via
        self.last_read = read
        take_scan = getattr(self.screen, "take_scan", None)  # sale desk screens (issue 10)
        if take_scan is not None and take_scan(read):
            return
        report = check(read.value, self.today())
        if read.kind == "vin" and report.valid:
            self.open_vehicle(report.vin)
        elif read.kind == "carpass":
            self.notify(_("Car-Pass {value} read: fetching its vehicle…").format(value=read.value), markup=False)
            self._fetch_carpass(read.value)
        else:
            self.notify(_(CODE_READ[read.kind]).format(value=read.value), markup=False)

    @work(thread=True, exclusive=True, exit_on_error=False, group="carpass")
    def _fetch_carpass(self, carpass_id: str) -> None:
        self.post_message(CarPassRead(carpass_id, self.services.vehicles.certificate(carpass_id)))

    def on_car_pass_read(self, message: CarPassRead) -> None:
        """A scanned Car-Pass names its vehicle: open it, with what the Car-Pass says."""
        certificate = message.certificate
        if certificate is None:  # a Car-Pass it does not know is no failure
            self.notify(
                _("Car-Pass knows no certificate {value}: scan the VIN instead.").format(value=message.carpass_id),
                markup=False,
            )
        elif self.visit is not None and self.visit.vin == certificate.vin:
            self.visit.carpass = certificate
            self.screen.post_message(CarPassRead(message.carpass_id, certificate))
        else:
            self.open_vehicle(certificate.vin)
            assert self.visit is not None
            self.visit.carpass = certificate  # the vehicle screen shows it when it opens

    # -- quitting -------------------------------------------------------------------------------------

    async def action_quit(self) -> None:
        """Quit, after asking when readings are not sent yet (they go out at the next start)."""
        self._count_unsent()

    @work(thread=True, exclusive=True, exit_on_error=False, group="quit")
    def _count_unsent(self) -> None:
        try:
            unsent = sum(1 for view in self.services.submissions.outbox() if view.state in UNSENT)
        except Exception:  # services that did not start must not keep the terminal from closing
            unsent = 0
        self.call_from_thread(self._confirm_quit, unsent)

    def _confirm_quit(self, unsent: int) -> None:
        if not unsent:
            self.exit()
            return
        question = _("{count} reading(s) not sent to Car-Pass yet. They are kept and go out at the next start.")
        choices = [("quit", _("Quit anyway")), ("outbox", _("See the outbox")), ("stay", _("Stay"))]
        self.push_screen(ChoiceDialog(question.format(count=unsent), choices), self._quit_chosen)

    def _quit_chosen(self, choice: str | None) -> None:
        if choice == "quit":
            self.exit()
        elif choice == "outbox":
            self.action_outbox()

    # -- camera -----------------------------------------------------------------------------------

    def action_restart_camera(self) -> None:
        """Start the camera loop (again, after the camera was lost) when one is configured."""
        if self.camera is not None and not any(w.group == "camera" and w.is_running for w in self.workers):
            self._camera_stop = threading.Event()
            self._run_camera(self._camera_stop)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "restart_camera":
            return self.camera is not None
        if action == "new_vehicle":
            return not isinstance(self.screen, ScanScreen)
        return action != getattr(self.screen, "OPENED_BY", None)

    @work(thread=True, exclusive=True, exit_on_error=False, group="camera")
    def _run_camera(self, stop: threading.Event) -> None:
        assert self.camera is not None
        loop = self._camera_loop = self.camera(
            on_read=lambda read: self.post_message(CodeScanned(read, "camera")),
            on_status=lambda status: self.post_message(CameraStatus(status)),
            on_frame=self._frame_arrived,
        )
        loop.run(stop)

    def camera_stats(self) -> FrameStats | None:
        """The frame rate the camera delivers and the share of frames decoded; None without a camera."""
        return None if self._camera_loop is None else self._camera_loop.stats()

    def _frame_arrived(self, frame: Any) -> None:
        """From the camera thread: keep only the newest frame, one message in flight at most."""
        if self._frames.put(frame):
            self.post_message(CameraFrame())

    def on_camera_frame(self, _: CameraFrame) -> None:
        frame = self._frames.take()
        if isinstance(self.screen, ScanScreen) and frame is not None:
            self.screen.show_frame(frame)

    def on_camera_status(self, message: CameraStatus) -> None:
        self.camera_status = message.status

    def on_unmount(self) -> None:
        if self._camera_stop is not None:
            self._camera_stop.set()

    # -- saving as you type -----------------------------------------------------------------------

    def save_draft_later(self, draft: JobDraft) -> None:
        self._drafts.put(draft.vin, draft)
        self._save_soon()

    def save_vehicle_later(self, visit: Visit) -> None:
        if visit.record is not None:
            self._vehicles.put(visit.vin, (visit.record, set(visit.typed)))
            self._save_soon()

    def _save_soon(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY_S, self._write_pending)

    @work(thread=True, exclusive=True, exit_on_error=False, group="save")
    def _write_pending(self) -> None:
        self.write_pending()

    def write_pending(self) -> None:
        """Write every unsaved vehicle field and draft (blocking: from a worker, or after exit)."""
        self._vehicles.write_all(lambda _vin, item: self.services.vehicles.save(*item))
        self._drafts.write_all(self.services.drafts.save)

    def drop_draft(self, vin: str) -> None:
        """From a worker, after a submission: forget the draft, after any write in progress."""
        self._drafts.discard(vin, self.services.drafts.drop)

    @on(Worker.StateChanged)
    def _report_worker_error(self, event: Worker.StateChanged) -> None:
        report_worker_error(self, event)
