"""What every workshop screen shares: header and footer, language, services, worker errors."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual import events, on
from textual.app import ComposeResult
from textual.dom import DOMNode
from textual.message import Message
from textual.screen import Screen
from textual.worker import Worker, WorkerState, get_current_worker

from ...domain.findings import Finding
from ...translations import N_, _
from ...translations.formats import Formats
from ...translations.render import error_text, finding_text
from ..localize import FollowsLanguage, relabel
from ..widgets.footer import WorkshopFooter
from ..widgets.header import AppHeader

if TYPE_CHECKING:
    from ...services.api import WorkshopServices
    from ..shell import Shell


class WorkshopScreen(FollowsLanguage):
    """A screen of the workshop app. Subclasses give `TITLE_KEY` and `compose_body`.

    The screen follows the app's `language` reactive (`FollowsLanguage`): its texts are drawn
    again in the new language when it changes.
    """

    TITLE_KEY: ClassVar[str] = N_("Workshop")
    OPENED_BY: ClassVar[str | None] = None  # the app's action opening this screen: its key is not offered on it

    def __init__(self, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        """Built with its breakpoint class for the terminal's size: Textual gives it at the screen's first
        resize, which would style every widget of the screen a second time."""
        super().__init__(name, id, classes)
        self.add_class(*breakpoint_classes(self, *self.app.size), update=False)
        stylesheet = self.app.stylesheet
        self._styled_as_mounted = all(stylesheet.has_source(str(path)) for path in self.css_path)

    @property
    def workshop(self) -> Shell:
        return cast("Shell", self.app)

    @property
    def services(self) -> WorkshopServices:
        return self.workshop.services

    @property
    def t(self) -> Formats:
        return self.workshop.t

    @property
    def header_detail(self) -> str:
        """What the header names after the title (the vehicle's VIN on a vehicle's screens)."""
        return ""

    def compose(self) -> ComposeResult:
        yield AppHeader(self.TITLE_KEY, self.services.sandbox, self.header_detail)
        yield from self.compose_body()
        yield WorkshopFooter()

    def compose_body(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        """Textual calls this after a subclass's own `on_mount` (every class of the MRO gets the
        event): calling it with `super()` too would relabel every screen twice."""
        relabel(self, self.t)
        self.call_after_refresh(self.workshop.screen_opened)

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        """Textual styles the whole screen again each time it shows (in `Screen`'s own handler, which
        runs after this one, as its class comes later in the MRO). The first time, a screen whose style
        sheets the app had read before it opened was styled as its widgets mounted, with every rule: not
        again (7-12 ms of the vehicle screen's opening). A screen whose own sheet is read as it opens
        needs it."""
        if self._styled_as_mounted:
            self._styled_as_mounted = False
            event.refresh_styles = False

    def reply(self, message: Message) -> None:
        """From a worker thread: post `message` unless the worker was replaced meanwhile (stale)."""
        if not get_current_worker().is_cancelled:
            self.post_message(message)

    @on(Worker.StateChanged)
    def _report_worker_error(self, event: Worker.StateChanged) -> None:
        report_worker_error(self, event)


def breakpoint_classes(screen: Screen, width: int, height: int) -> list[str]:
    """The classes Textual's breakpoints give `screen` at that size (see `Screen._on_resize`): per axis,
    the screen's breakpoints (else the app's), the class of the largest one not above the size."""
    classes = []
    for dimension, own, shared in (
        (width, screen.HORIZONTAL_BREAKPOINTS, screen.app.HORIZONTAL_BREAKPOINTS),
        (height, screen.VERTICAL_BREAKPOINTS, screen.app.VERTICAL_BREAKPOINTS),
    ):
        reached = [(at, name) for at, name in (shared if own is None else own) or () if dimension >= at]
        if reached:
            classes.append(max(reached)[1])
    return classes


def report_worker_error(node: DOMNode, event: Worker.StateChanged) -> None:
    """The one place where a failing service call is shown (expected refusals are messages)."""
    error = event.worker.error
    if event.state is not WorkerState.ERROR or error is None:
        return
    node.log.error(f"worker {event.worker.name} failed: {error!r}")
    problem = getattr(error, "problem", None)
    if isinstance(problem, Finding):  # worded whole: it names the service
        message = _("{problem}. What you typed is kept; try again.").format(problem=finding_text(problem))
    else:
        message = _("The services report a problem: {error}. What you typed is kept; try again.").format(
            error=error_text(error)
        )
    node.app.notify(message, severity="error", timeout=10, markup=False)
