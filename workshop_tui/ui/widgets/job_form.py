"""The job form: odometer, total, work done, job lines, customer kind and role, and the vehicle
fields the registry left empty. It maps a `JobDraft` to its fields and back."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import partial
from typing import TypeVar, cast

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
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

from ...domain import typed_numbers
from ...domain.models import Customer, CustomerKind, JobDraft
from ...domain.work import Role, WorkKind
from ...translations import N_, _
from ...translations.formats import Formats, day_text
from ...translations.labels import ROLE, WORK
from ..localize import tr
from ..parsing import ParseError, parse_date, parse_typed
from ..visit import Visit
from .vehicle_fields import VehicleFieldInput, VehicleFields
from .work_kinds import WorkKindList

# Where each field of the draft is typed, to highlight it when it is missing or wrong.
FIELD_WIDGETS = {
    "reading_at": "#reading-date",
    "odometer_km": "#odometer",
    "total_incl_vat": "#total",
    "work": "#work",
    "job_lines": "#job-lines",
}
READING_DATE = "reading_date"  # the date field's name in the reading checks' findings


def widget_id(field: str) -> str | None:
    if field.startswith("vehicle."):
        return f"#vehicle-{field.removeprefix('vehicle.')}"
    return FIELD_WIDGETS.get("reading_at" if field == READING_DATE else field)


def reading_at(day: date, now: datetime) -> datetime | None:
    """The instant stored for a reading dated `day`: None for today (stamped when sent), else noon."""
    return None if day == now.date() else datetime.combine(day, time(12), tzinfo=now.tzinfo)


T = TypeVar("T")
NO_DATE = N_("Type the date of the reading, e.g. 23/11/2026.")


def _read(read: Callable[[str], T | None], text: str, field: str, errors: dict[str, str]) -> T | None:
    """What `read` (a `ui.parsing` reader) makes of `text`; None when empty or refused (then
    `errors[field]` says why in the UI language: what was typed is never changed)."""
    try:
        return read(text)
    except ParseError as error:
        errors[field] = _(error.key)
        return None


class JobForm(VerticalScroll):
    """Posts `Edited` when the mechanic changes a field (never when a draft is filled in)."""

    @dataclass
    class Edited(Message):
        """A field of the form changed."""

    def __init__(self, visit: Visit, sandbox: bool, now: Callable[[], datetime], *, id: str | None = None):
        super().__init__(id=id)
        self.visit = visit
        self.now = now
        self.sandbox = sandbox
        self.vehicle_missing = visit.missing_mandatory()  # typed here too
        self.customer: Customer | None = None
        self.job_reference = ""
        self.lines_touched = False  # the mechanic wrote his own job lines

    def compose(self) -> ComposeResult:
        with Horizontal(classes="form-row"):
            yield tr(Label(classes="form-label"), content=N_("Reading date"))
            yield Input(day_text(self.now().date()), id="reading-date", max_length=10, placeholder="dd/mm/yyyy")
            yield Static(id="date-findings")
        with Horizontal(classes="form-row"):
            yield tr(Label(classes="form-label"), content=N_("Odometer (km)"))
            yield Input(id="odometer", max_length=16)
            yield Static(id="odometer-findings")
        with Horizontal(classes="form-row -indented"):
            yield tr(Checkbox(id="odometer-replaced"), label=N_("Odometer replaced"))
            yield tr(Checkbox(id="five-digit"), label=N_("5-digit odometer"))
        with Horizontal(classes="form-row"):
            yield tr(Label(classes="form-label"), content=N_("Total incl. VAT"))
            yield Input(id="total", max_length=20)
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
                yield tr(
                    Label(classes="section-title"),
                    content=N_("Vehicle data the registry did not give (needed to submit)"),
                )
                yield VehicleFields(self.visit, self.sandbox, names=self.vehicle_missing)

    # -- draft <-> fields -------------------------------------------------------------------------

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
            day = draft.reading_at.date() if draft.reading_at else self.now().date()
            self.query_one("#reading-date", Input).value = day_text(day)
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
        if draft.customer_id is not None and (self.customer is None or self.customer.id != draft.customer_id):
            customer_kind = CustomerKind.PROFESSIONAL if draft.customer_vat_registered else CustomerKind.PRIVATE
            self.customer = Customer(id=draft.customer_id, name=f"#{draft.customer_id}", kind=customer_kind)

    def draft(self) -> tuple[JobDraft, dict[str, str]]:
        """The draft as typed, and what is wrong (a sentence in the UI language) with each field
        that could not be read; such a field stays as typed and is None in the draft."""
        errors: dict[str, str] = {}
        five_digit = self.query_one("#five-digit", Checkbox).value
        parse_km = partial(typed_numbers.parse_km, five_digit_odometer=five_digit)
        km = _read(partial(parse_typed, parse_km), self.query_one("#odometer", Input).value, "odometer_km", errors)
        parse_total = partial(parse_typed, typed_numbers.parse_amount)
        total = _read(parse_total, self.query_one("#total", Input).value, "total_incl_vat", errors)
        day = _read(parse_date, self.query_one("#reading-date", Input).value, "reading_at", errors)
        if day is None and "reading_at" not in errors:
            errors["reading_at"] = _(NO_DATE)
        at = None if day is None else reading_at(day, self.now())
        for box in self.query(VehicleFieldInput):  # a registry gap typed in this form
            if box.error_key is not None:
                errors[f"vehicle.{box.field_name}"] = _(box.error_key)
        lines = [line.strip() for line in self.query_one("#job-lines", TextArea).text.splitlines() if line.strip()]
        draft = JobDraft(
            vin=self.visit.vin,
            odometer_km=km,
            reading_at=at,
            odometer_replaced=self.query_one("#odometer-replaced", Checkbox).value,
            five_digit_odometer=five_digit,
            work=self.query_one(WorkKindList).kinds,
            job_lines=lines,
            total_incl_vat=total,
            customer_id=self.customer.id if self.customer else None,
            customer_vat_registered=self.query_one("#kind-professional", RadioButton).value,
            role=cast(Role, self.query_one("#role", Select).value),  # allow_blank=False: always a Role
            job_reference=self.job_reference,
        )
        return draft, errors

    def auto_lines(self, kinds: list[WorkKind]) -> str:
        """The job lines proposed while the mechanic has not written his own: one per kind of work."""
        return "\n".join(_(WORK[kind.value]) for kind in kinds)

    def choose_customer(self, customer: Customer) -> None:
        """The customer picked in the search: its kind is ticked too."""
        self.customer = customer
        with self.prevent(RadioSet.Changed):
            self.query_one(
                "#kind-professional" if customer.vat_registered else "#kind-private", RadioButton
            ).value = True
        self.post_message(self.Edited())

    # -- marks ------------------------------------------------------------------------------------

    def mark(self, fields: list[str]) -> None:
        """Mark the widgets of `fields` as missing or wrong; clear the others."""
        highlighted = {widget_id(field) for field in fields}
        for field in [*FIELD_WIDGETS, *(f"vehicle.{name}" for name in self.vehicle_missing)]:
            selector = widget_id(field)
            for widget in self.query(selector):
                widget.set_class(selector in highlighted, "-missing")

    def focus_first(self, fields: list[str]) -> None:
        """Take the mechanic to the first field to fix, in screen order."""
        wanted = {widget_id(field) for field in fields}
        order = [*FIELD_WIDGETS, *(f"vehicle.{name}" for name in self.vehicle_missing)]
        first = next((widget_id(f) for f in order if widget_id(f) in wanted), None)
        if first is not None:
            self.query_one(first).focus()

    # -- typing -----------------------------------------------------------------------------------

    @on(Input.Changed, "#reading-date, #odometer, #total")
    @on(Checkbox.Changed)
    @on(RadioSet.Changed, "#customer-kind")
    @on(Select.Changed, "#role")
    def _field_changed(self, event: Message) -> None:
        if isinstance(event, RadioSet.Changed) and self.customer:
            if self.customer.vat_registered != (event.pressed.id == "kind-professional"):
                self.customer = None  # the chosen customer is of the other kind
        self.post_message(self.Edited())

    @on(SelectionList.SelectedChanged, "#work")
    def _work_changed(self) -> None:
        if not self.lines_touched:
            with self.prevent(TextArea.Changed):
                self.query_one("#job-lines", TextArea).load_text(self.auto_lines(self.query_one(WorkKindList).kinds))
        self.post_message(self.Edited())

    @on(TextArea.Changed, "#job-lines")
    def _lines_changed(self, event: TextArea.Changed) -> None:
        text = event.text_area.text
        self.lines_touched = bool(text.strip()) and text != self.auto_lines(self.query_one(WorkKindList).kinds)
        self.post_message(self.Edited())

    def relabel(self, t: Formats) -> None:
        role = self.query_one("#role", Select)
        with self.prevent(Select.Changed):
            value = role.value
            role.set_options([(_(ROLE[r.value]), r) for r in Role])
            role.value = value
            role.mutate_reactive(Select.value)  # type: ignore[misc]  # same value, new prompt: show it
        if not self.lines_touched:
            with self.prevent(TextArea.Changed):
                self.query_one("#job-lines", TextArea).load_text(self.auto_lines(self.query_one(WorkKindList).kinds))
