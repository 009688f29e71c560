"""Job: the form (`widgets.job_form`), its problems, and the Car-Pass verdict updated live; F10 submits."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Static
from textual.worker import Worker, WorkerState

from ...domain.findings import Finding, Severity
from ...domain.models import Customer, JobDraft, SubmissionState
from ...services.api import ConfirmationNeeded, CorrectionRefused, SubmissionRefused
from ...translations import N_, _
from ...translations.formats import Formats
from ...translations.render import finding_text
from ..job_review import Review, decision, draft_of, odometer_findings, review
from ..localize import tr
from ..messages import DraftLoaded, JobRefused, JobSubmitted
from ..visit import Visit
from ..widgets.confirm_send import ConfirmSend
from ..widgets.job_form import READING_DATE, JobForm
from ..widgets.problems_banner import ProblemsBanner
from ..widgets.vehicle_fields import VehicleFieldInput
from ..widgets.verdict_panel import VerdictPanel
from ..widgets.work_kinds import WorkKindList
from .base import WorkshopScreen
from .customer import CustomerScreen, customer_line
from .outbox import problem_line


def finding_line(finding: Finding) -> Content:
    """One finding of the reading checks as the job form shows it, by severity."""
    if finding.severity is Severity.BLOCK:
        return Content.styled(f"✖ {finding_text(finding)}", "$error bold")
    if finding.severity is Severity.CONFIRM:
        return Content.styled(f"? {finding_text(finding)}", "$warning bold")
    return Content.styled(f"⚠ {finding_text(finding)}", "$warning")


class JobScreen(WorkshopScreen):
    """Everything Car-Pass and the invoice need; F10 submits, every missing field listed at once."""

    CSS_PATH = ["job.tcss", "../widgets/vehicle_fields.tcss", "../widgets/verdict_panel.tcss"]
    TITLE_KEY = N_("Job")
    BINDINGS = [
        Binding("f10,ctrl+s", "submit", "Submit", id="submit"),
        Binding("f4", "customer", "Customer", id="customer"),
        Binding("escape", "back", "Vehicle", id="back_to_vehicle"),
        Binding("enter", "next_step", "Next", id="next_step", show=False, priority=True),
    ]

    def __init__(self, visit: Visit):
        super().__init__()
        self.visit = visit
        self.shown: JobDraft | None = None  # the draft the form showed when opened or restored
        self.dirty = False  # the mechanic changed something since then
        self.checked = False  # a submission was attempted: keep the problems message up to date
        self.refused: tuple[list[str], list[Finding | str]] = ([], [])  # the services' refusal (fields, problems)
        self.sending = False

    @property
    def header_detail(self) -> str:
        return self.visit.vin  # at 80 columns the form leaves no room for the vehicle summary

    @property
    def form(self) -> JobForm:
        return self.query_one(JobForm)

    # -- layout -------------------------------------------------------------------------------

    def compose_body(self) -> ComposeResult:
        yield Static(id="job-banner")
        yield ProblemsBanner(id="job-problems")
        with Horizontal(id="job-body"):
            yield JobForm(self.visit, self.services.sandbox, self.workshop.clock.now, id="job-form")
            with Vertical(id="job-side"):
                yield VerdictPanel(id="verdict")
                yield tr(Button(id="submit-button", variant="success"), label=N_("Submit  (F10)"))
                yield Static(id="job-summary")

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#odometer"))  # now: keys typed while the screen opened go here
        if self.visit.draft is not None:
            self.fill(self.visit.draft)
        else:
            self.shown = self.form.draft()[0]
            self._load_draft()
        self.update_live()

    # -- the draft ------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="draft-load")
    def _load_draft(self) -> None:
        """The draft typed earlier; else, for a correction or a fix, the job as recorded."""
        draft = self.services.drafts.load(self.visit.vin)
        if draft is None and self.visit.correcting is not None:
            draft = draft_of(self.services.submissions.records(self.visit.correcting.id)[1])
        self.reply(DraftLoaded(draft))

    def on_draft_loaded(self, message: DraftLoaded) -> None:
        if message.draft is not None and not self.dirty:
            self.fill(message.draft)
            self.visit.draft = message.draft
            self.update_live()
            self.notify(_("The job typed earlier for this vehicle is back."), markup=False)

    def fill(self, draft: JobDraft) -> None:
        """Show `draft` in the form without treating it as typing."""
        self.form.fill(draft)
        self.shown = self.form.draft()[0]

    def changed(self) -> None:
        """A field changed: keep and save the draft (widgets settling on mount change nothing)."""
        draft, _ = self.form.draft()
        if draft != self.shown or self.dirty:
            self.dirty = True
            self.refused = ([], [])
            self.visit.draft = draft
            self.workshop.save_draft_later(draft)
        self.update_live()

    @on(JobForm.Edited)
    def _form_edited(self) -> None:
        self.changed()

    @on(VehicleFieldInput.Edited)
    def _vehicle_changed(self) -> None:
        self.workshop.save_vehicle_later(self.visit)
        self.changed()

    def action_next_step(self) -> None:
        """Enter in the odometer goes to the total, in the total to the work done.

        A priority binding, so the focus moves while the app handles the Enter itself: digits
        typed right after it cannot reach the field just left.
        """
        if self.focused is not None and self.focused.id == "odometer":
            self.set_focus(self.query_one("#total"))
        else:
            work_list = self.query_one(WorkKindList)
            self.set_focus(work_list)
            if work_list.highlighted is None:
                work_list.highlighted = 0

    # -- live feedback ---------------------------------------------------------------------------

    def update_live(self) -> None:
        draft, errors = self.form.draft()
        self._show_verdict(draft)
        self._show_findings(draft, errors)
        self._show_total(draft, errors)
        self._show_problems(draft, errors)
        self._show_customer()
        self.relabel_static()

    def _show_verdict(self, draft: JobDraft) -> None:
        found = decision(draft, self.visit, self.workshop.settings.company.nace_code)
        panel = self.query_one(VerdictPanel)
        if found.verdict is not None and found.facts is not None:
            panel.show(found.verdict, found.facts)
        else:
            panel.pending(found.needed)

    def _show_findings(self, draft: JobDraft, errors: dict[str, str]) -> None:
        """The reading checks as you type, by field: ✖ blocks, ? to confirm, ⚠ a warning."""
        found = odometer_findings(draft, self.visit, self.workshop.today())
        for field, widget in (("reading_at", "#date-findings"), ("odometer_km", "#odometer-findings")):
            if field in errors:
                lines = [Content.styled(f"✖ {errors[field]}", "$error")]
            else:
                lines = [finding_line(f) for f in found if (f.field == READING_DATE) == (field == "reading_at")]
            self.query_one(widget, Static).update(Content("\n").join(lines))

    def _show_total(self, draft: JobDraft, errors: dict[str, str]) -> None:
        shown = self.query_one("#total-shown", Static)
        if "total_incl_vat" in errors:
            shown.update(Content.styled(f"✖ {errors['total_incl_vat']}", "$error"))
        elif draft.total_incl_vat is not None:
            shown.update(Content.styled(self.t.amount(draft.total_incl_vat), "bold"))
        else:
            shown.update("")

    def review(self, draft: JobDraft, errors: dict[str, str]) -> Review:
        return review(draft, errors, self.visit, self.workshop.clock.now(), self.t, self.refused)

    def _show_problems(self, draft: JobDraft, errors: dict[str, str]) -> None:
        found = self.review(draft, errors) if (self.checked or self.refused[1]) else Review([], [])
        self.form.mark(found.fields)
        self.query_one(ProblemsBanner).problems = tuple(found.texts)

    def _show_customer(self) -> None:
        label = self.query_one("#customer-name", Static)
        customer = self.form.customer
        label.update(Content(customer_line(customer, self.t) if customer else _("No customer chosen.")))

    def relabel_static(self) -> None:
        banner = self.query_one("#job-banner", Static)
        correcting = self.visit.correcting
        banner.display = correcting is not None
        if correcting and correcting.state is SubmissionState.NEEDS_FIXING:
            banner.update(
                Content(
                    _("Submission #{id} was refused ({problem}): fix the job and send it again.").format(
                        id=correcting.id, problem=problem_line(correcting)
                    )
                )
            )
        elif correcting:
            banner.update(
                Content(
                    _("Correction of submission #{id} (error number {error}): fix the job and submit again.").format(
                        id=correcting.id, error=correcting.error_number or "—"
                    )
                )
            )
        record = self.visit.record
        facts = [record.make, record.commercial_name, record.category] if record else []
        self.query_one("#job-summary", Static).update(
            Content.assemble((self.visit.vin, "bold"), "\n", " · ".join(str(f) for f in facts if f))
        )

    def relabel(self, t: Formats) -> None:
        self.update_live()

    # -- customer --------------------------------------------------------------------------------

    @on(Button.Pressed, "#customer-pick")
    def action_customer(self) -> None:
        self.app.push_screen(CustomerScreen(), self._customer_chosen)

    def _customer_chosen(self, customer: Customer | None) -> None:
        if customer is not None:
            self.form.choose_customer(customer)

    # -- submission ------------------------------------------------------------------------------

    @on(Button.Pressed, "#submit-button")
    def action_submit(self) -> None:
        if self.sending:
            return
        draft, errors = self.form.draft()
        self.checked = True
        self.refused = ([], [])
        found = self.review(draft, errors)
        if found.confirm:
            self.update_live()
            self.ask_confirmation(draft, found.confirm)
            return
        if found.texts:
            self.update_live()
            self.form.focus_first(found.fields)
            return
        self.send(draft, [])

    def ask_confirmation(self, draft: JobDraft, codes: list[str]) -> None:
        """Only findings to confirm stop `draft`: send it with their `codes` once confirmed."""
        texts = [
            finding_text(f) for f in odometer_findings(draft, self.visit, self.workshop.today()) if f.code in codes
        ]

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.send(draft, codes)
            else:
                self.form.focus_first(["odometer_km"])

        self.app.push_screen(ConfirmSend(texts or list(codes)), confirmed)

    def send(self, draft: JobDraft, confirmed: list[str]) -> None:
        self.sending = True
        self._send(draft.model_copy(update={"reading_at": draft.reading_at or self.workshop.clock.now()}), confirmed)

    @work(thread=True, exclusive=True, exit_on_error=False, group="submit")
    def _send(self, draft: JobDraft, confirmed: list[str]) -> None:
        correcting = self.visit.correcting
        submissions = self.services.submissions
        try:
            self.workshop.write_pending()  # vehicle fields typed a moment ago are stored first
            if correcting is None:
                view = submissions.submit(draft, confirmed=confirmed)
            elif correcting.state is SubmissionState.NEEDS_FIXING:
                view = submissions.fix_and_resend(correcting.id, draft, confirmed=confirmed)
            else:
                try:
                    view = submissions.correct(correcting.id, draft, confirmed=confirmed)
                except CorrectionRefused:
                    view = submissions.get(correcting.id)
        except ConfirmationNeeded as asked:
            self.reply(JobRefused(asked.problems, asked.fields, asked.codes))
            return
        except SubmissionRefused as refusal:
            self.reply(JobRefused(refusal.problems, refusal.fields))
            return
        self.workshop.drop_draft(draft.vin)
        self.reply(JobSubmitted(view))

    def on_job_submitted(self, message: JobSubmitted) -> None:
        self.sending = False
        self.visit.correcting = None
        self.workshop.show_submission(self.visit, message.view)

    def on_job_refused(self, message: JobRefused) -> None:
        self.sending = False
        if message.confirm:  # the service knows a reading this screen did not: ask for it too
            self.ask_confirmation(self.form.draft()[0], message.confirm)
            return
        self.refused = (message.fields, message.problems)
        self.update_live()
        self.form.focus_first(message.fields)

    @on(Worker.StateChanged)
    def _send_ended(self, event: Worker.StateChanged) -> None:
        """A submission that failed (shown by the screen) or was dropped can be sent again."""
        if event.worker.group == "submit" and event.state in (WorkerState.ERROR, WorkerState.CANCELLED):
            self.sending = False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_step":
            return self.focused is not None and self.focused.id in ("odometer", "total")
        return True

    def action_back(self) -> None:
        self.dismiss()
