"""Outbox: every submission not yet final, how far delivery got, retry now, inspect one."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable, ProgressBar, Static

from ...domain.models import SubmissionState, SubmissionView
from ...translations.formats import Formats
from ..clock import seconds_until
from .base import WorkshopScreen
from ...translations import N_, _
from ...translations.labels import OUTBOX_STATE

REFRESH_SECONDS = 2.0
DELIVERED = frozenset({SubmissionState.ACKNOWLEDGED, SubmissionState.REJECTED, SubmissionState.PAPER_REQUIRED})
STATE_STYLES = {
    SubmissionState.ACKNOWLEDGED: "$success",
    SubmissionState.REJECTED: "$error bold",
    SubmissionState.PAPER_REQUIRED: "$error",
    SubmissionState.PENDING: "$warning",
    SubmissionState.SENT: "$accent",
    SubmissionState.NEEDS_FIXING: "$error bold",
    SubmissionState.NEEDS_SETTINGS: "$error bold",
    SubmissionState.CANCELLED: "$text-muted",
}


class OutboxScreen(WorkshopScreen):
    """Refreshes itself every two seconds while open."""

    TITLE_KEY = N_("Outbox")
    BINDINGS = [
        Binding("f3", "inspect", "Inspect", id="inspect"),
        Binding("f8", "retry", "Retry now", id="retry"),
        Binding("escape", "close", "Back", id="back"),
    ]

    class Loaded(Message):
        def __init__(self, views: list[SubmissionView]):
            super().__init__()
            self.views = views

    def __init__(self) -> None:
        super().__init__()
        self.views: list[SubmissionView] | None = None

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="outbox-progress"):
            yield Static(id="outbox-summary")
            yield ProgressBar(id="outbox-bar", show_eta=False)
        yield DataTable(id="outbox-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()
        self.set_interval(REFRESH_SECONDS, self._load)
        self._load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="outbox")
    def _load(self) -> None:
        self.reply(self.Loaded(self.services.outbox()))

    def on_outbox_screen_loaded(self, message: Loaded) -> None:
        self.views = sorted(message.views, key=lambda v: v.id, reverse=True)
        self.relabel(self.t)

    def relabel(self, t: Formats) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        for key, width in (
            (N_("#"), 5),
            (N_("VIN"), 19),
            (N_("Odometer"), 11),
            (N_("State"), 26),
            (N_("Tries"), 8),
            (N_("Next try"), 10),
            (N_("Last error"), None),
        ):
            table.add_column(_(key), width=width)
        views = self.views or []
        now = self.workshop.clock.now()
        for view in views:
            next_try = f"{seconds_until(view.next_attempt_at, now)} s" if view.next_attempt_at else ""
            table.add_row(
                str(view.id),
                view.vin,
                t.km(view.odometer_km),
                Content.styled(_(OUTBOX_STATE[view.state.value]), STATE_STYLES[view.state]),
                str(view.attempts),
                next_try,
                view.last_error or view.error_number or "",
                key=str(view.id),
            )
        if views:
            table.move_cursor(row=min(row, len(views) - 1))
        delivered = sum(v.state in DELIVERED for v in views)
        self.query_one(ProgressBar).update(total=max(len(views), 1), progress=delivered if views else 1)
        summary = _("Loading the outbox…") if self.views is None else _("{done} of {total} answered by Car-Pass").format(done=delivered, total=len(views))
        self.query_one("#outbox-summary", Static).update(summary)

    def highlighted(self) -> SubmissionView | None:
        table = self.query_one(DataTable)
        if not self.views or table.cursor_row >= len(self.views):
            return None
        return self.views[table.cursor_row]

    @on(DataTable.RowSelected)
    def action_inspect(self) -> None:
        view = self.highlighted()
        if view is not None:
            self.workshop.inspect_submission(view)

    def action_retry(self) -> None:
        view = self.highlighted()
        if view is not None and view.state is SubmissionState.PENDING:
            self._retry(view.id)

    @work(thread=True, exclusive=True, exit_on_error=False, group="outbox-retry")
    def _retry(self, submission_id: int) -> None:
        self.services.retry(submission_id)
        self.reply(self.Loaded(self.services.outbox()))

    def action_close(self) -> None:
        self.dismiss()
