"""The workshop terminal: services in, screens on top, scans from anywhere.

Only the scan screen is imported with the app, so that it is drawn sooner; the other screens
are imported where they open, and loaded in a thread right after the first frame.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from textual import on, work
from textual.app import App
from textual.binding import Binding
from textual.reactive import reactive, var
from textual.timer import Timer
from textual.worker import Worker

from scanners.codes import CodeRead

from ..config import Settings
from ..domain.models import JobDraft, RegistryVehicle, SubmissionView
from ..domain.vin import check
from ..translations import LANGUAGES, _, activate, default_language
from ..translations.formats import formats
from .clock import Clock, SystemClock
from .commands import WorkshopCommands
from .keyboard import WedgeKeyboard
from .localize import relabel, relabel_bindings
from .messages import CameraFrame, CameraStatus, CarPassRead, CodeScanned
from .pending import PendingWrites
from .screens.base import WorkshopScreen, report_worker_error
from .screens.scan import ScanScreen
from .visit import Visit
from ..translations.labels import CODE_READ

if TYPE_CHECKING:
    from scanners.camera import Status

    from ..services.api import WorkshopServices
    from .screens.vehicle import VehicleScreen

HERE = Path(__file__).parent
LATER_SCREENS = ("vehicle", "job", "customer", "submit", "outbox", "history", "settings")
SAVE_DELAY_S = 0.4  # typing pauses this long before the draft is written


class CameraLoopLike(Protocol):
    def run(self, stop: Any) -> None: ...


CameraFactory = Callable[..., CameraLoopLike]
"""Builds the camera loop given `on_read`, `on_status` and `on_frame` callbacks (see scanners.camera)."""


class WorkshopApp(WedgeKeyboard, App[int]):
    """Scan a VIN, see the vehicle, type the job, read the verdict, submit: keyboard first."""

    CSS_PATH: ClassVar = [
        HERE / f"{name}.tcss" for name in ("app", "scan", "vehicle", "job", "customer", "submit", "tools")
    ]
    COMMANDS: ClassVar = {WorkshopCommands}
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
    camera_status: var["Status | None"] = var(None)
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
        self.settings = settings
        self.clock = clock or SystemClock()
        self.camera = camera
        self._on_first_frame = on_first_frame
        activate(default_language(settings.language))
        self.t = formats(default_language(settings.language))
        self.set_reactive(WorkshopApp.language, self.t.language)
        self.visit: Visit | None = None
        self.init_keyboard()
        self._drafts: PendingWrites[JobDraft] = PendingWrites()
        self._vehicles: PendingWrites[tuple[RegistryVehicle, set[str]]] = PendingWrites()
        self._save_timer: Timer | None = None
        self._camera_stop: threading.Event | None = None
        self._newest_frame: Any = None

    # -- start, language --------------------------------------------------------------------------

    def get_default_screen(self) -> ScanScreen:
        return ScanScreen()

    def on_mount(self) -> None:
        self.title = _("Workshop")
        relabel_bindings(self)
        self.action_restart_camera()

    def on_ready(self) -> None:
        # The footer is rebuilt after the first frame and drawn with the next one: then start.
        self.call_after_refresh(self.call_after_refresh, self._after_first_frame)

    def _after_first_frame(self) -> None:
        if self._on_first_frame is not None:
            self._on_first_frame()
        self._load_later_screens()

    @work(thread=True, exit_on_error=False, group="warm-up")
    def _load_later_screens(self) -> None:
        """After the first frame: import the other screens, so that the first scan is as fast as the next."""
        for name in LATER_SCREENS:
            import_module(f"{__package__}.screens.{name}")

    def today(self) -> date:
        return self.clock.now().date()

    def watch_language(self, language: str) -> None:
        activate(language)
        self.t = formats(language)
        self.title = _("Workshop")
        relabel_bindings(self)
        for screen in self.screen_stack:
            relabel(screen, self.t)
        self.refresh_bindings()

    def apply_settings(self, settings: Settings) -> None:
        """Settings saved from the settings screen: language and company name show at once."""
        self.settings = settings
        if self.language != settings.language:
            self.language = settings.language
        else:
            for screen in self.screen_stack:
                relabel(screen, self.t)

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

    def action_new_vehicle(self) -> None:
        self.show_scan()

    def action_outbox(self) -> None:
        from .screens.outbox import OutboxScreen

        self._show_tool(OutboxScreen)

    def action_history(self) -> None:
        from .screens.history import HistoryScreen

        self._show_tool(HistoryScreen)

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

        self.show_scan()
        self.visit = Visit(vin, correcting=correcting)
        screen = VehicleScreen(self.visit)
        self._look_up(screen)
        self.open_screen(screen)

    @work(thread=True, exclusive=True, exit_on_error=False, group="lookup")
    def _look_up(self, screen: VehicleScreen) -> None:
        """Started with the vehicle screen, not once it is built: a cached record is back before its
        first frame. The screen handles the answer once mounted (a closed screen drops it)."""
        screen.post_message(screen.Looked(self.services.lookup_vehicle(screen.visit.vin)))

    def inspect_submission(self, view: SubmissionView) -> None:
        """A submission from the outbox, shown like right after sending it."""
        from .screens.submit import SubmitScreen

        self.open_screen(SubmitScreen(Visit(view.vin), view))

    def open_job(self, visit: Visit, *, replace: bool = False) -> None:
        from .screens.job import JobScreen

        self.open_screen(JobScreen(visit), replace=replace)

    def show_submission(self, visit: Visit, view: SubmissionView | None) -> None:
        from .screens.submit import SubmitScreen

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
        try:
            report = self.services.carpass_report(carpass_id)
        except Exception as error:
            if getattr(error, "status", None) != 404:  # a Car-Pass it does not know is no failure
                raise
            self.call_from_thread(self.notify, _("Car-Pass knows no certificate {value}: scan the VIN instead.").format(value=carpass_id), markup=False)
            return
        self.post_message(CarPassRead(report))

    def on_car_pass_read(self, message: CarPassRead) -> None:
        """A scanned Car-Pass names its vehicle: open it, with what the Car-Pass says."""
        report = message.report
        if self.visit is not None and self.visit.vin == report.vin:
            self.visit.carpass = report
            relabel(self.screen, self.t)
        else:
            self.open_vehicle(report.vin)
            assert self.visit is not None
            self.visit.carpass = report  # the vehicle screen shows it when it opens

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
        return True

    @work(thread=True, exclusive=True, exit_on_error=False, group="camera")
    def _run_camera(self, stop: threading.Event) -> None:
        assert self.camera is not None
        loop = self.camera(
            on_read=lambda read: self.post_message(CodeScanned(read, "camera")),
            on_status=lambda status: self.post_message(CameraStatus(status)),
            on_frame=self._frame_arrived,
        )
        loop.run(stop)

    def _frame_arrived(self, frame: Any) -> None:
        """From the camera thread: keep only the newest frame, one message in flight at most."""
        first = self._newest_frame is None
        self._newest_frame = frame
        if first:
            self.post_message(CameraFrame())

    def on_camera_frame(self, _: CameraFrame) -> None:
        frame, self._newest_frame = self._newest_frame, None
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
        self._vehicles.write_all(lambda _vin, item: self.services.save_vehicle(*item))
        self._drafts.write_all(self.services.save_draft)

    def drop_draft(self, vin: str) -> None:
        """From a worker, after a submission: forget the draft, after any write in progress."""
        self._drafts.discard(vin, self.services.drop_draft)

    @on(Worker.StateChanged)
    def _report_worker_error(self, event: Worker.StateChanged) -> None:
        report_worker_error(self, event)
