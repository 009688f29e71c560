"""Submit result: acknowledged with its number, queued with a retry countdown, rejected, or refused
by the service (needs fixing: edit and re-send, or cancel with a reason; needs settings)."""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.reactive import var
from textual.widgets import Button, Static

from ... import paperwork
from ...domain import lifecycle
from ...domain.lifecycle import CANCELLABLE
from ...domain.models import SubmissionState, SubmissionView
from ...locations import data_dir
from ...translations import N_, _, active_language
from ...translations.formats import Formats
from ...translations.labels import DOCUMENT_SAVED, STATUS
from ..clock import seconds_until
from ..localize import tr
from ..messages import DocumentReady, SubmissionPolled
from ..visit import Visit
from .cancelling import CancellingScreen
from .outbox import problem_line, stored_text

POLL_SECONDS = 1.0
WAITING = frozenset({SubmissionState.PENDING, SubmissionState.SENT})


def can_correct(view: SubmissionView) -> bool:
    return lifecycle.can_correct(view.state, view.corrections_used, view.issues)


def needs_paper(view: SubmissionView) -> bool:
    return lifecycle.needs_paper(view.state, view.corrections_used)


def state_class(view: SubmissionView | None) -> str:
    """How the result banner looks: recorded, acknowledged, queued (offline), sent or rejected."""
    if view is None:
        return "-recorded"
    if view.state is SubmissionState.ACKNOWLEDGED:
        return "-acknowledged"
    if view.state is SubmissionState.PENDING and view.next_attempt_at is not None:
        return "-queued"
    return "-sent" if view.state in WAITING else "-rejected"


class SubmitScreen(CancellingScreen):
    """Follows one submission until Car-Pass's final answer; Enter goes on to the next vehicle.

    Without a submission (`view` None) the job was recorded and needed no report.
    """

    CSS_PATH = "submit.tcss"
    TITLE_KEY = N_("Submission")
    BINDINGS = [
        Binding("f6", "correct", "Correct", id="correct"),
        Binding("f6", "fix", "Edit and re-send", id="fix"),
        Binding("f4", "cancel_reading", "Cancel reading", id="cancel_reading"),
        Binding("f7", "correction_form", "Correction form", id="correction_form"),
        Binding("f8", "retry", "Retry now", id="retry"),
        Binding("f9", "receipt", "Receipt", id="receipt"),
        Binding("escape", "next_vehicle", "Next vehicle", id="next_vehicle"),
        Binding("escape", "close", "Back", id="back"),
    ]

    view: var[SubmissionView | None] = var(None, init=False)
    document: var[tuple[str, Path] | None] = var(None, init=False)  # the kind and file of the last one made

    def __init__(self, visit: Visit, view: SubmissionView | None):
        super().__init__()
        self.visit = visit
        self.set_reactive(SubmitScreen.view, view)

    def compose_body(self) -> ComposeResult:
        with Vertical(id="submit-body"):
            yield Static(id="submit-state")
            yield Static(id="submit-detail")
            yield Static(id="submit-summary")
            yield Static(id="submit-document")
        with Horizontal(id="submit-actions"):
            yield Button(id="next-vehicle", variant="primary")
            yield tr(Button(id="correct-button", variant="warning"), label=N_("Correct"))
            yield tr(Button(id="fix-button", variant="warning"), label=N_("Edit and re-send  (F6)"))
            yield tr(Button(id="cancel-button", variant="error"), label=N_("Cancel reading  (F4)"))
            yield tr(Button(id="form-button"), label=N_("Correction form"))
            yield tr(Button(id="receipt-button"), label=N_("Receipt"))

    def on_mount(self) -> None:
        self.query_one("#next-vehicle").focus()
        self.set_interval(POLL_SECONDS, self._tick)
        self._tick()

    def _tick(self) -> None:
        """Every second: ask again while no final answer, and move the countdown."""
        if self.view is not None and self.view.state in WAITING:
            self._poll()
        self.relabel(self.t)

    @work(thread=True, exclusive=True, exit_on_error=False, group="poll")
    def _poll(self) -> None:
        assert self.view is not None
        self.reply(SubmissionPolled(self.services.submissions.get(self.view.id)))

    def on_submission_polled(self, message: SubmissionPolled) -> None:
        if self.view is not None and message.view.id == self.view.id:
            self.view = message.view

    def watch_view(self) -> None:
        self.refresh_bindings()
        self.relabel(self.t)

    def watch_document(self) -> None:
        self.relabel(self.t)

    def relabel(self, t: Formats) -> None:
        view = self.view
        self.query_one("#next-vehicle", Button).label = Content(
            _("Next vehicle  (Enter)") if self.visit.loaded else _("Back to the outbox  (Esc)")
        )
        state = self.query_one("#submit-state", Static)
        kind = state_class(view)
        for name in ("-acknowledged", "-queued", "-rejected", "-sent", "-recorded"):
            state.set_class(name == kind, name)
        if view is None:
            for button in ("#correct-button", "#fix-button", "#cancel-button", "#form-button", "#receipt-button"):
                self.query_one(button).display = False
            state.update(Content(_("RECORDED · no Car-Pass report needed")))
            self.query_one("#submit-detail", Static).update(
                Content(_("The job is in the history; nothing is sent to Car-Pass."))
            )
            return
        queued = kind == "-queued"
        if kind == "-acknowledged":
            state.update(Content(_("ACKNOWLEDGED BY CAR-PASS · number {number}").format(number=view.ack_number or "—")))
        elif queued:
            state.update(Content(_("QUEUED · offline, it will be sent automatically")))
        elif kind == "-sent":
            state.update(Content(_(STATUS[view.status.value]).upper()))
        elif view.state in (SubmissionState.NEEDS_FIXING, SubmissionState.NEEDS_SETTINGS, SubmissionState.CANCELLED):
            state.update(Content(_(STATUS[view.status.value]).upper()))
        else:
            state.update(Content(_("REJECTED · error number {number}").format(number=view.error_number or "—")))
        self.query_one("#submit-detail", Static).update(self._detail(view, queued, t))
        self.query_one("#submit-summary", Static).update(
            Content(
                _("Submission #{id} · VIN {vin} · {km} · recorded {created} · attempts {attempts}").format(
                    id=view.id,
                    vin=view.vin,
                    km=t.km(view.odometer_km),
                    created=t.datetime(view.created_at),
                    attempts=view.attempts,
                )
            )
        )
        self.query_one("#submit-document", Static).update(
            Content(_(DOCUMENT_SAVED[self.document[0]]).format(path=str(self.document[1])) if self.document else "")
        )
        self.query_one("#correct-button").display = can_correct(view)
        self.query_one("#fix-button").display = view.state is SubmissionState.NEEDS_FIXING
        self.query_one("#cancel-button").display = view.state in CANCELLABLE
        self.query_one("#form-button").display = needs_paper(view)
        self.query_one("#receipt-button").display = view.state is SubmissionState.ACKNOWLEDGED

    def _detail(self, view: SubmissionView, queued: bool, t: Formats) -> Content:
        lines: list[Content] = []
        if queued and view.next_attempt_at is not None:
            seconds = seconds_until(view.next_attempt_at, self.workshop.clock.now())
            lines.append(
                Content(
                    _("Next attempt in {seconds} s (attempts so far: {attempts}).").format(
                        seconds=seconds, attempts=view.attempts
                    )
                )
            )
            if view.last_error:
                lines.append(Content.styled(stored_text(view.last_error), "$text-muted"))
        if view.state is SubmissionState.REJECTED:
            if view.issues:  # Car-Pass's own words (English in its sandbox): shown as sent, never translated
                lines.append(Content(_("Car-Pass gives these reasons, as it sent them:")))
            lines.extend(Content.styled(f"• {issue}", "$error") for issue in view.issues)
            if lifecycle.is_duplicate(view.issues):
                lines.append(Content(_("Car-Pass already has this reading: there is nothing to correct.")))
        if view.state in CANCELLABLE:
            lines.append(Content.styled(f"• {problem_line(view)}", "$error"))
        if view.state is SubmissionState.NEEDS_FIXING:
            lines.append(Content(_("Edit and re-send it (F6), or cancel it with a reason (F4).")))
        elif view.state is SubmissionState.NEEDS_SETTINGS:
            lines.append(Content(_("It is sent again as soon as the settings are saved (Ctrl+G).")))
        elif view.state is SubmissionState.CANCELLED and view.cancel_reason:
            lines.append(Content(_("Cancelled: {reason}").format(reason=view.cancel_reason)))
        if can_correct(view):
            lines.append(
                Content(
                    _("“Correct” (F6) lets you fix the job and send it again: one electronic correction is allowed.")
                )
            )
        elif needs_paper(view):
            lines.append(
                Content.styled(
                    _("The electronic correction has been used: a signed correction form is needed (F7)."),
                    "bold $warning",
                )
            )
        return Content("\n").join(lines)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("next_vehicle", "close"):  # from the outbox, Escape goes back there
            return self.visit.loaded == (action == "next_vehicle")
        if self.view is None:
            return False
        allowed = {
            "correct": can_correct(self.view),
            "fix": self.view.state is SubmissionState.NEEDS_FIXING,
            "cancel_reading": self.view.state in CANCELLABLE,
            "correction_form": needs_paper(self.view),
            "retry": self.view.state is SubmissionState.PENDING,
            "receipt": self.view.state is SubmissionState.ACKNOWLEDGED,
        }
        return allowed.get(action, True)

    @on(Button.Pressed, "#correct-button, #fix-button")
    def action_correct(self) -> None:
        """Back to the job with everything typed; from the outbox, through the vehicle first."""
        if self.view is None or not (can_correct(self.view) or self.view.state is SubmissionState.NEEDS_FIXING):
            return
        if self.visit.loaded:
            self.visit.correcting = self.view
            self.workshop.open_job(self.visit, replace=True)
        else:
            self.workshop.open_vehicle(self.view.vin, correcting=self.view)

    def action_fix(self) -> None:
        """A reading the service refused: edit it in the job form, then send it again."""
        self.action_correct()

    @on(Button.Pressed, "#cancel-button")
    def action_cancel_reading(self) -> None:
        self.ask_cancel(self.view)

    def cancelled(self, submission_id: int) -> None:
        self.reply(SubmissionPolled(self.services.submissions.get(submission_id)))

    @on(Button.Pressed, "#form-button")
    def action_correction_form(self) -> None:
        self._document("correction_form")

    @on(Button.Pressed, "#receipt-button")
    def action_receipt(self) -> None:
        self._document("receipt")

    @work(thread=True, exclusive=True, exit_on_error=False, group="document")
    def _document(self, kind: str) -> None:
        assert self.view is not None
        garage = paperwork.garage_of(self.workshop.settings.company, sandbox=self.services.sandbox)
        make = paperwork.correction_form if kind == "correction_form" else paperwork.receipt
        name = f"{kind.replace('_', '-')}-{self.view.id}.pdf"
        folder = data_dir() / "documents"
        folder.mkdir(parents=True, exist_ok=True)
        path = paperwork.write_document(
            make(self.services, garage, self.view.id), active_language(), "pdf", data_dir() / "documents" / name
        )
        if kind == "correction_form":
            self.services.submissions.paper_chosen(self.view.id)
        self.reply(DocumentReady(kind, path))

    def on_document_ready(self, message: DocumentReady) -> None:
        self.document = (message.kind, message.path)

    def action_retry(self) -> None:
        self._retry()

    @work(thread=True, exclusive=True, exit_on_error=False, group="retry")
    def _retry(self) -> None:
        assert self.view is not None
        self.services.submissions.retry(self.view.id)
        self.reply(SubmissionPolled(self.services.submissions.get(self.view.id)))

    @on(Button.Pressed, "#next-vehicle")
    def _next(self) -> None:
        self.action_next_vehicle() if self.visit.loaded else self.action_close()

    def action_next_vehicle(self) -> None:
        self.workshop.show_scan()

    def action_close(self) -> None:
        self.dismiss()
