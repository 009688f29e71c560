"""Job: odometer, work, job lines, total, customer and role, with the Car-Pass verdict updated live."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import (
    Button,
    Checkbox,
    Input,
    Label,
    RadioButton,
    RadioSet,
    Select,
    SelectionList,
    Static,
    TextArea,
)

from ...domain.models import Customer, CustomerKind, JobDraft, SubmissionView
from ...domain.work import Role, WorkKind
from ...translations.formats import Formats
from ...services.api import CorrectionRefused, SubmissionRefused
from ...domain.findings import Severity
from ...translations.render import finding_text
from ..job_review import Review, decision, odometer_findings, review
from ..localize import tr
from ..parsing import ParseError, parse_amount, parse_km
from ..visit import Visit
from ..widgets.vehicle_fields import VehicleFieldInput, VehicleFields
from ..widgets.verdict_panel import VerdictPanel
from ..widgets.work_kinds import WorkKindList
from .base import WorkshopScreen
from .customer import CustomerScreen, customer_line
from ...translations import N_, _
from ...translations.labels import ROLE, WORK

# Where each field of the draft is typed, to highlight it when it is missing or wrong.
FIELD_WIDGETS = {"odometer_km": "#odometer", "total_incl_vat": "#total", "work": "#work", "job_lines": "#job-lines"}


def widget_id(field: str) -> str | None:
    if field.startswith("vehicle."):
        return f"#vehicle-{field.removeprefix('vehicle.')}"
    return FIELD_WIDGETS.get(field)


class JobScreen(WorkshopScreen):
    """Everything Car-Pass and the invoice need; F10 submits, every missing field listed at once."""

    TITLE_KEY = N_("Job")
    BINDINGS = [
        Binding("f10,ctrl+s", "submit", "Submit", id="submit"),
        Binding("f4", "customer", "Customer", id="customer"),
        Binding("escape", "back", "Vehicle", id="back_to_vehicle"),
        Binding("enter", "next_step", "Next", id="next_step", show=False, priority=True),
    ]

    class DraftLoaded(Message):
        def __init__(self, draft: JobDraft | None):
            super().__init__()
            self.draft = draft

    class Submitted(Message):
        """Recorded; `view` is None when the job needed no report."""

        def __init__(self, view: SubmissionView | None):
            super().__init__()
            self.view = view

    class Refused(Message):
        def __init__(self, problems: list[str], fields: list[str]):
            super().__init__()
            self.problems = problems
            self.fields = fields

    def __init__(self, visit: Visit):
        super().__init__()
        self.visit = visit
        self.vehicle_missing = visit.missing_mandatory()  # typed on this screen too
        self.customer: Customer | None = None
        self.job_reference = ""
        self.lines_touched = False
        self.shown: JobDraft | None = None  # the draft the form showed when opened or restored
        self.dirty = False  # the mechanic changed something since then
        self.checked = False  # a submission was attempted: keep the problems message up to date
        self.refused: tuple[list[str], list[str]] = ([], [])  # the services' refusal (fields, English texts)
        self.sending = False

    # -- layout -------------------------------------------------------------------------------

    def compose_body(self) -> ComposeResult:
        yield Static(id="job-banner")
        yield Static(id="job-problems")
        with Horizontal(id="job-body"):
            with VerticalScroll(id="job-form"):
                with Horizontal(classes="form-row"):
                    yield tr(Label(classes="form-label"), content=N_("Odometer (km)"))
                    yield Input(id="odometer", restrict=r"[0-9 .]*", max_length=11)
                    yield Static(id="odometer-findings")
                with Horizontal(classes="form-row -indented"):
                    yield tr(Checkbox(id="odometer-replaced"), label=N_("Odometer replaced"))
                    yield tr(Checkbox(id="five-digit"), label=N_("5-digit odometer"))
                with Horizontal(classes="form-row"):
                    yield tr(Label(classes="form-label"), content=N_("Total incl. VAT"))
                    yield Input(id="total", restrict=r"[0-9 .,€]*", max_length=16)
                    yield Static(id="total-shown")
                with Horizontal(classes="form-row -work"):
                    yield tr(Label(classes="form-label"), content=N_("Work done"))
                    yield WorkKindList(id="work")
                with Horizontal(classes="form-row -lines"):
                    yield tr(Label(classes="form-label"), content=N_("Job lines"))
                    yield TextArea(id="job-lines", show_line_numbers=False, tab_behavior="focus")
                with Horizontal(classes="form-row"):
                    yield tr(Label(classes="form-label"), content=N_("Customer"))
                    with RadioSet(id="customer-kind"):
                        yield tr(RadioButton(value=True, id="kind-private"), label=N_("Private"))
                        yield tr(RadioButton(id="kind-professional"), label=N_("VAT-registered"))
                with Horizontal(classes="form-row -indented"):
                    yield tr(Button(id="customer-pick"), label=N_("Find / new  (F4)"))
                    yield Static(id="customer-name")
                with Horizontal(classes="form-row"):
                    yield tr(Label(classes="form-label"), content=N_("Our role"))
                    yield Select([(role.value, role) for role in Role], value=Role.MAIN, allow_blank=False, id="role")
                if self.vehicle_missing:
                    with Vertical(id="job-vehicle"):
                        yield tr(Label(classes="section-title"), content=N_("Vehicle data the registry did not give (needed to submit)"))
                        yield VehicleFields(self.visit, self.services.sandbox, names=self.vehicle_missing)
            with Vertical(id="job-side"):
                yield VerdictPanel(id="verdict")
                yield tr(Button(id="submit-button", variant="success"), label=N_("Submit  (F10)"))
                yield Static(id="job-summary")

    def on_mount(self) -> None:
        self.query_one("#odometer").focus()
        if self.visit.draft is not None:
            self.fill(self.visit.draft)
        else:
            self.shown = self.build_draft()[0]
            self._load_draft()
        self.update_live()

    # -- the draft ------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="draft-load")
    def _load_draft(self) -> None:
        self.reply(self.DraftLoaded(self.services.load_draft(self.visit.vin)))

    def on_job_screen_draft_loaded(self, message: DraftLoaded) -> None:
        if message.draft is not None and not self.dirty:
            self.fill(message.draft)
            self.visit.draft = message.draft
            self.update_live()
            self.notify(_("The job typed earlier for this vehicle is back."))

    def fill(self, draft: JobDraft) -> None:
        """Show `draft` in the form without treating it as typing."""
        with self.prevent(
            Input.Changed,
            Checkbox.Changed,
            SelectionList.SelectedChanged,
            TextArea.Changed,
            RadioSet.Changed,
            Select.Changed,
        ):
            self.query_one("#odometer", Input).value = "" if draft.odometer_km is None else str(draft.odometer_km)
            self.query_one("#odometer-replaced", Checkbox).value = draft.odometer_replaced
            self.query_one("#five-digit", Checkbox).value = draft.five_digit_odometer
            self.query_one("#total", Input).value = (
                "" if draft.total_incl_vat is None else f"{draft.total_incl_vat:.2f}"
            )
            work_list = self.query_one(WorkKindList)
            work_list.deselect_all()
            for kind in draft.work:
                work_list.select(kind)
            self.query_one("#job-lines", TextArea).load_text("\n".join(draft.job_lines))
            self.query_one(
                "#kind-professional" if draft.customer_vat_registered else "#kind-private", RadioButton
            ).value = True
            self.query_one("#role", Select).value = draft.role
        self.lines_touched = "\n".join(draft.job_lines) != self.auto_lines(draft.work)
        self.job_reference = draft.job_reference
        self.shown = self.build_draft()[0]
        if draft.customer_id is not None and (self.customer is None or self.customer.id != draft.customer_id):
            kind = CustomerKind.PROFESSIONAL if draft.customer_vat_registered else CustomerKind.PRIVATE
            self.customer = Customer(id=draft.customer_id, name=f"#{draft.customer_id}", kind=kind)

    def build_draft(self) -> tuple[JobDraft, dict[str, str]]:
        """The draft as typed, and the i18n key of each field that could not be read."""
        errors: dict[str, str] = {}
        km = total = None
        try:
            km = parse_km(self.query_one("#odometer", Input).value)
        except ParseError as error:
            errors["odometer_km"] = error.key
        try:
            total = parse_amount(self.query_one("#total", Input).value)
        except ParseError as error:
            errors["total_incl_vat"] = error.key
        lines = [line.strip() for line in self.query_one("#job-lines", TextArea).text.splitlines() if line.strip()]
        draft = JobDraft(
            vin=self.visit.vin,
            odometer_km=km,
            odometer_replaced=self.query_one("#odometer-replaced", Checkbox).value,
            five_digit_odometer=self.query_one("#five-digit", Checkbox).value,
            work=self.query_one(WorkKindList).kinds,
            job_lines=lines,
            total_incl_vat=total,
            customer_id=self.customer.id if self.customer else None,
            customer_vat_registered=self.query_one("#kind-professional", RadioButton).value,
            role=self.query_one("#role", Select).value,
            job_reference=self.job_reference,
        )
        return draft, errors

    def auto_lines(self, kinds: list[WorkKind]) -> str:
        """The job lines proposed while the mechanic has not written his own: one per kind of work."""
        return "\n".join(_(WORK[kind.value]) for kind in kinds)

    def changed(self) -> None:
        """A field changed: keep and save the draft (widgets settling on mount change nothing)."""
        draft, _ = self.build_draft()
        if draft != self.shown or self.dirty:
            self.dirty = True
            self.refused = ([], [])
            self.visit.draft = draft
            self.workshop.save_draft_later(draft)
        self.update_live()

    @on(Input.Changed, "#odometer, #total")
    @on(Checkbox.Changed)
    @on(RadioSet.Changed, "#customer-kind")
    @on(Select.Changed, "#role")
    def _field_changed(self, event: Message) -> None:
        if isinstance(event, RadioSet.Changed) and self.customer:
            if self.customer.vat_registered != (event.pressed.id == "kind-professional"):
                self.customer = None  # the chosen customer is of the other kind
        self.changed()

    @on(SelectionList.SelectedChanged, "#work")
    def _work_changed(self) -> None:
        if not self.lines_touched:
            with self.prevent(TextArea.Changed):
                self.query_one("#job-lines", TextArea).load_text(self.auto_lines(self.query_one(WorkKindList).kinds))
        self.changed()

    @on(TextArea.Changed, "#job-lines")
    def _lines_changed(self, event: TextArea.Changed) -> None:
        text = event.text_area.text
        self.lines_touched = bool(text.strip()) and text != self.auto_lines(self.query_one(WorkKindList).kinds)
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
        draft, errors = self.build_draft()
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
        if "odometer_km" in errors:
            lines = [Content.styled(f"✖ {_(errors['odometer_km'])}", "$error")]
        else:
            lines = [
                Content.styled(f"✖ {finding_text(f)}", "$error bold")
                if f.severity is Severity.BLOCK
                else Content.styled(f"⚠ {finding_text(f)}", "$warning")
                for f in odometer_findings(draft, self.visit, self.workshop.today())
            ]
        self.query_one("#odometer-findings", Static).update(Content("\n").join(lines))

    def _show_total(self, draft: JobDraft, errors: dict[str, str]) -> None:
        shown = self.query_one("#total-shown", Static)
        if "total_incl_vat" in errors:
            shown.update(Content.styled(f"✖ {_(errors['total_incl_vat'])}", "$error"))
        elif draft.total_incl_vat is not None:
            shown.update(Content.styled(self.t.amount(draft.total_incl_vat), "bold"))
        else:
            shown.update("")

    def review(self, draft: JobDraft, errors: dict[str, str]) -> Review:
        return review(draft, errors, self.visit, self.workshop.clock.now(), self.t, self.refused)

    def _show_problems(self, draft: JobDraft, errors: dict[str, str]) -> None:
        found = self.review(draft, errors) if (self.checked or self.refused[1]) else Review([], [])
        fields, texts = found.fields, found.texts
        highlighted = {widget_id(field) for field in fields}
        for field in [*FIELD_WIDGETS, *(f"vehicle.{name}" for name in self.vehicle_missing)]:
            selector = widget_id(field)
            for widget in self.query(selector):
                widget.set_class(selector in highlighted, "-missing")
        message = self.query_one("#job-problems", Static)
        message.display = bool(texts)
        message.update(Content("\n").join(Content.styled(f"⚠ {text}", "bold") for text in texts))

    def _focus_first(self, fields: list[str]) -> None:
        """Take the mechanic to the first field to fix, in screen order."""
        wanted = {widget_id(field) for field in fields}
        order = [*FIELD_WIDGETS, *(f"vehicle.{name}" for name in self.vehicle_missing)]
        first = next((widget_id(f) for f in order if widget_id(f) in wanted), None)
        if first is not None:
            self.query_one(first).focus()

    def _show_customer(self) -> None:
        label = self.query_one("#customer-name", Static)
        label.update(customer_line(self.customer, self.t) if self.customer else _("No customer chosen."))

    def relabel_static(self) -> None:
        banner = self.query_one("#job-banner", Static)
        correcting = self.visit.correcting
        banner.display = correcting is not None
        if correcting:
            banner.update(_("Correction of submission #{id} (error number {error}): fix the job and submit again.").format(id=correcting.id, error=correcting.error_number or "—"))
        record = self.visit.record
        facts = [record.make, record.commercial_name, record.category] if record else []
        self.query_one("#job-summary", Static).update(
            Content.assemble((self.visit.vin, "bold"), "\n", " · ".join(str(f) for f in facts if f))
        )

    def relabel(self, t: Formats) -> None:
        role = self.query_one("#role", Select)
        with self.prevent(Select.Changed):
            value = role.value
            role.set_options([(_(ROLE[r.value]), r) for r in Role])
            role.value = value
            role.mutate_reactive(Select.value)  # same value, new prompt: show it
        if not self.lines_touched:
            with self.prevent(TextArea.Changed):
                self.query_one("#job-lines", TextArea).load_text(self.auto_lines(self.query_one(WorkKindList).kinds))
        self.update_live()

    # -- customer --------------------------------------------------------------------------------

    @on(Button.Pressed, "#customer-pick")
    def action_customer(self) -> None:
        self.app.push_screen(CustomerScreen(), self._customer_chosen)

    def _customer_chosen(self, customer: Customer | None) -> None:
        if customer is None:
            return
        self.customer = customer
        with self.prevent(RadioSet.Changed):
            self.query_one(
                "#kind-professional" if customer.vat_registered else "#kind-private", RadioButton
            ).value = True
        self.changed()

    # -- submission ------------------------------------------------------------------------------

    @on(Button.Pressed, "#submit-button")
    def action_submit(self) -> None:
        if self.sending:
            return
        draft, errors = self.build_draft()
        self.checked = True
        self.refused = ([], [])
        found = self.review(draft, errors)
        if found.texts:
            self.update_live()
            self._focus_first(found.fields)
            return
        self.sending = True
        self._send(draft.model_copy(update={"reading_at": self.workshop.clock.now()}))

    @work(thread=True, exclusive=True, exit_on_error=False, group="submit")
    def _send(self, draft: JobDraft) -> None:
        correcting = self.visit.correcting
        try:
            self.workshop.write_pending()  # vehicle fields typed a moment ago are stored first
            if correcting is None:
                view = self.services.submit(draft)
            else:
                try:
                    view = self.services.correct(correcting.id, draft)
                except CorrectionRefused:
                    view = self.services.submission(correcting.id)
        except SubmissionRefused as refusal:
            self.reply(self.Refused(refusal.problems, refusal.fields))
            return
        finally:
            self.sending = False
        self.workshop.drop_draft(draft.vin)
        self.reply(self.Submitted(view))

    def on_job_screen_submitted(self, message: Submitted) -> None:
        self.visit.correcting = None
        self.workshop.show_submission(self.visit, message.view)

    def on_job_screen_refused(self, message: Refused) -> None:
        self.refused = (message.fields, message.problems)
        self.update_live()
        self._focus_first(message.fields)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_step":
            return self.focused is not None and self.focused.id in ("odometer", "total")
        return True

    def action_back(self) -> None:
        self.dismiss()
