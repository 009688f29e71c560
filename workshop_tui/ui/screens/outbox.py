"""Outbox: every submission not yet final, how far delivery got, retry now, inspect one; a reading
that needs fixing edited and re-sent or cancelled with a reason; the site's data quality."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.reactive import var
from textual.widgets import DataTable, ProgressBar, Static

from ...domain.lifecycle import CANCELLABLE
from ...domain.models import SubmissionState, SubmissionView
from ...services.problems import from_stored
from ...translations import N_, _
from ...translations.formats import Formats
from ...translations.labels import CARPASS_SETTING, STATUS
from ...translations.render import finding_text
from ..clock import seconds_until
from ..localize import set_columns
from ..messages import DataQualityLoaded, OutboxLoaded
from ..widgets.data_quality import DataQualityLine
from .cancelling import CancellingScreen

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


class OutboxScreen(CancellingScreen):
    """Refreshes itself every two seconds while open."""

    CSS_PATH = "outbox.tcss"
    TITLE_KEY = N_("Outbox")
    OPENED_BY = "outbox"
    BINDINGS = [
        Binding("f3", "inspect", "Details", id="inspect"),
        Binding("f8", "retry", "Retry now", id="retry"),
        Binding("f6", "fix", "Edit and re-send", id="fix"),
        Binding("f4", "cancel_reading", "Cancel reading", id="cancel_reading"),
        Binding("escape", "close", "Back", id="back"),
    ]

    views: var[list[SubmissionView] | None] = var(None, init=False, always_update=True)  # None: loading

    def compose_body(self) -> ComposeResult:
        yield DataQualityLine(id="outbox-quality")
        with Horizontal(id="outbox-progress"):
            yield Static(id="outbox-summary")
            yield ProgressBar(id="outbox-bar", show_eta=False)
        yield DataTable(id="outbox-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()
        self.set_interval(REFRESH_SECONDS, self._load)
        self._load()
        self._load_quality()

    @work(thread=True, exclusive=True, exit_on_error=False, group="quality")
    def _load_quality(self) -> None:
        self.reply(DataQualityLoaded(self.services.history.data_quality()))

    def on_data_quality_loaded(self, message: DataQualityLoaded) -> None:
        self.query_one(DataQualityLine).quality = message.quality

    @work(thread=True, exclusive=True, exit_on_error=False, group="outbox")
    def _load(self) -> None:
        self.reply(OutboxLoaded(self.services.submissions.outbox()))

    def on_outbox_loaded(self, message: OutboxLoaded) -> None:
        self.views = sorted(message.views, key=lambda v: v.id, reverse=True)

    def watch_views(self) -> None:
        self.refresh_bindings()
        self.relabel(self.t)

    def relabel(self, t: Formats) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        set_columns(
            table,
            (
                (N_("#"), 5),
                (N_("VIN"), 19),
                (N_("Odometer"), 11),
                (N_("State"), 26),
                (N_("Tries"), 8),
                (N_("Next try"), 10),
                (N_("Last error"), None),
            ),
        )
        views = self.views or []
        now = self.workshop.clock.now()
        for view in views:
            next_try = f"{seconds_until(view.next_attempt_at, now)} s" if view.next_attempt_at else ""
            table.add_row(
                str(view.id),
                Content(view.vin),
                t.km(view.odometer_km),
                Content.styled(_(STATUS[view.status.value]), STATE_STYLES[view.state]),
                str(view.attempts),
                next_try,
                Content(problem_line(view)),  # the service's words, never markup
                key=str(view.id),
            )
        if views:
            table.move_cursor(row=min(row, len(views) - 1))
        delivered = sum(v.state in DELIVERED for v in views)
        self.query_one(ProgressBar).update(total=max(len(views), 1), progress=delivered if views else 1)
        summary = (
            _("Loading the outbox…")
            if self.views is None
            else _("{done} of {total} answered by Car-Pass").format(done=delivered, total=len(views))
        )
        self.query_one("#outbox-summary", Static).update(Content(summary))

    def highlighted(self) -> SubmissionView | None:
        """The submission under the cursor; None before the table is composed (Textual's footer may ask
        `check_action` then)."""
        table = next(iter(self.query(DataTable)), None)
        if table is None or not self.views or table.cursor_row >= len(self.views):
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
        self.services.submissions.retry(submission_id)
        self.reply(OutboxLoaded(self.services.submissions.outbox()))

    def action_fix(self) -> None:
        """Edit the reading that needs fixing in the job form, then send it again."""
        view = self.highlighted()
        if view is not None and view.state is SubmissionState.NEEDS_FIXING:
            self.workshop.open_vehicle(view.vin, correcting=view)

    def action_cancel_reading(self) -> None:
        self.ask_cancel(self.highlighted())

    def cancelled(self, submission_id: int) -> None:
        self.reply(OutboxLoaded(self.services.submissions.outbox()))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        view = self.highlighted()
        if action == "fix":
            return view is not None and view.state is SubmissionState.NEEDS_FIXING
        if action == "cancel_reading":
            return view is not None and view.state in CANCELLABLE
        return True

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self.refresh_bindings()

    def action_close(self) -> None:
        self.dismiss()


def problem_line(view: SubmissionView) -> str:
    """What went wrong last, in the service's words (our own problems in the active language):
    the refused field first when it names one; for a reading waiting for the settings, the
    setting to check."""
    if view.state is SubmissionState.NEEDS_SETTINGS and view.problem_field in CARPASS_SETTING:
        setting = _(CARPASS_SETTING[view.problem_field])
        return _("Check the setting: {setting} ({code}).").format(setting=setting, code=view.problem_code or "—")
    if view.problem_message or view.problem_code:
        words = stored_text(view.problem_message) or view.problem_code or ""
        return _("{label}: {text}").format(label=view.problem_field, text=words) if view.problem_field else words
    return stored_text(view.last_error) or view.error_number or ""


def stored_text(text: str | None) -> str:
    """A text the outbox kept: a problem of ours (`services.problems.stored`) in the active
    language; anything else (the service's words, an older English message) as it is."""
    problem = from_stored(text)
    return finding_text(problem) if problem else text or ""
