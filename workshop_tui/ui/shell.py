"""What a screen may ask of the app it runs in: the navigation protocol of the workshop screens.

The app implements it; screens and widgets are typed against it and never import the app, so
the imports under `ui/` run one way (app → screens → widgets). Results of the services come
back as the messages of `ui.messages`.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from textual.screen import Screen

    from scanners.camera import Status
    from scanners.capture import FrameStats
    from scanners.codes import CodeRead

    from ..config import Settings
    from ..domain.models import JobDraft, SubmissionView
    from ..services.api import WorkshopServices
    from ..translations.formats import Formats
    from .clock import Clock
    from .visit import Visit


class Navigator(Protocol):
    """Opening screens: one place knows which screen shows what."""

    visit: Visit | None  # the vehicle on the lift, None on the scan screen

    def show_scan(self) -> None:
        """Back to the scan screen, whatever is open (drafts are already saved)."""

    def open_vehicle(self, vin: str, *, correcting: SubmissionView | None = None) -> None:
        """The vehicle screen of `vin` (looked up at once); `correcting`: a rejected submission."""

    def open_job(self, visit: Visit, *, replace: bool = False) -> None: ...

    def show_submission(self, visit: Visit, view: SubmissionView | None) -> None:
        """The submission just recorded (None: the job needed no report), in place of the job."""

    def inspect_submission(self, view: SubmissionView) -> None:
        """A submission from the outbox, shown like right after sending it."""

    def open_screen(self, screen: Screen, *, replace: bool = False) -> None:
        """Show `screen`; keys typed while it is being built wait for it."""

    async def screen_opened(self) -> None:
        """The screen just opened has its focus: the keys typed meanwhile go to it."""


class Shell(Navigator, Protocol):
    """Navigation, plus what every screen reads: services, settings, the clock, the language's formats,
    and the writes made as the mechanic types (collected and written in the background)."""

    services: WorkshopServices
    settings: Settings
    clock: Clock
    t: Formats
    camera_status: Status | None  # reactives of the app: watch them with `self.watch(self.app, name, ...)`
    last_read: CodeRead | None
    last_read_via: str

    def today(self) -> date: ...

    def save_draft_later(self, draft: JobDraft) -> None: ...

    def save_vehicle_later(self, visit: Visit) -> None: ...

    def write_pending(self) -> None:
        """Write every unsaved vehicle field and draft (blocking: from a worker)."""

    def drop_draft(self, vin: str) -> None:
        """From a worker, after a submission: forget the draft, after any write in progress."""

    def camera_stats(self) -> FrameStats | None:
        """The frame rate the camera delivers and the share of frames decoded; None without a camera."""
