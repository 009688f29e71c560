"""One sale, step by step: vehicle → Car-Pass → trade-in → buyer → terms → checklist → review and print.

The sale is held in `sale` and saved as it is typed (after a pause, in a worker); every save
comes back reviewed, so the missing fields and the findings are highlighted on every step.
Scans fill the step on screen: a Car-Pass QR code its Car-Pass, a VIN the VIN of the step.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar, TypeVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.reactive import reactive, var
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Input, Label, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from scanners.codes import CodeRead

from ...domain.findings import Severity
from ...domain.sale import Sale, TradeIn
from ...services.sale_api import SaleConflict, SaleDeskError, SaleNotReady, SaleRecord, SaleReview
from ...translations import _, active_language
from ...translations.formats import Formats, formats
from ..localize import FollowsLanguage
from ..messages import CustomersFound
from ..parsing import ParseError
from ..widgets.footer import WorkshopFooter
from .checklist_form import ChecklistForm
from .context import SaleDeskContext
from .field_form import FieldForm
from .fields import STEP_ORDER, STEP_TITLES, with_text
from .keys import describe_bindings
from .messages import (
    CarPassFetched,
    CustomerAdded,
    NotReady,
    Printed,
    Refused,
    Saved,
    TradeInFound,
)
from .printing import render_sale, write_version
from .review_panel import ReviewPanel
from .steps import step_widget
from .wording import code_text, field_label

HERE = Path(__file__).parent
SAVE_DELAY_S = 0.4
W = TypeVar("W", bound=Widget)


class SaleScreen(FollowsLanguage):
    """The sale `record` being typed; `context` gives the services and the garage."""

    CSS_PATH: ClassVar = HERE / "sale_screen.tcss"
    BINDINGS: ClassVar = [
        Binding("f7", "step(-1)", "Previous", id="sale-previous"),
        Binding("f8", "step(1)", "Next", id="sale-next"),
        Binding("f6", "review", "Review", id="sale-review", show=False),
        Binding("f9", "print", "Print", id="sale-print"),
        Binding("escape", "back", "Back", id="sale-back"),
    ]

    step: reactive[str] = reactive("vehicle", init=False)
    sale: var[Sale] = var(Sale, init=False)
    review: var[SaleReview | None] = var(None, init=False)

    def __init__(self, context: SaleDeskContext, record: SaleRecord):
        super().__init__()
        self.context = context
        self.record = record
        self.set_reactive(SaleScreen.sale, record.sale)
        self.invalid: dict[str, str] = {}  # field key -> msgid of what is wrong with its text
        self._save_timer: Timer | None = None
        self._dirty = False

    @property
    def t(self) -> Formats:
        return formats(active_language())

    # -- layout -----------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Label(id="sale-title", markup=False)
        yield Static(id="sale-status", markup=False)
        with ContentSwitcher(initial=self.step, id="sale-steps"):
            yield step_widget(self.step, self.context.checklist)
            if self.step != "review":  # always there: printing and refusals show in it
                yield step_widget("review", self.context.checklist)
        yield WorkshopFooter()

    def on_mount(self) -> None:
        describe_bindings(self)
        self._show_sale()
        self._show_step()
        self._check_soon(0)

    def relabel(self, t: Formats) -> None:
        """The language changed: the title, the keys, the dates and the review in it, the fields
        kept as they are (`localize.relabel` then relabels the widgets below the screen)."""
        describe_bindings(self)
        self._show_title()
        self._show_sale()
        self._show_review()

    # -- steps ------------------------------------------------------------------------------------

    async def watch_step(self, step: str) -> None:
        """Build the step the first time it is shown: meanwhile the title names it and the
        steps' area shows that it is coming (the checklist takes a while)."""
        switcher = self.query_one(ContentSwitcher)
        if not switcher.query_children(f"#{step}"):
            self._show_title()
            widget = step_widget(step, self.context.checklist)
            widget.display = False  # till the switcher shows it
            switcher.loading = True
            await switcher.mount(widget)
            switcher.loading = False
            self._show_sale()
            self._show_review()
        if step == self.step:  # else the user went on meanwhile
            self._show_step()

    def _show_step(self) -> None:
        self.query_one(ContentSwitcher).current = self.step
        self._show_title()
        if self.step == "review":
            self._check_soon(0)
        else:
            self.call_after_refresh(self._focus_step)

    def _show_title(self) -> None:
        number = STEP_ORDER.index(self.step) + 1
        vin = self.sale.vehicle.vin or ""
        title = _("Sale {vin} · step {number}/{count}: {step}").format(
            vin=vin, number=number, count=len(STEP_ORDER), step=_(STEP_TITLES[self.step])
        )
        self.query_one("#sale-title", Label).update(Text(title))

    def _focus_step(self) -> None:
        step = self.query_one(f"#{self.step}")
        for widget in step.query("Input, Select"):
            if widget.focusable:
                widget.focus()
                return

    def action_step(self, delta: int) -> None:
        index = max(0, min(len(STEP_ORDER) - 1, STEP_ORDER.index(self.step) + delta))
        self.step = STEP_ORDER[index]

    def action_review(self) -> None:
        self.step = "review"

    def action_back(self) -> None:
        self._flush()
        self.dismiss()

    # -- showing the sale -------------------------------------------------------------------------

    def _forms(self) -> list[FieldForm]:
        """The forms of the steps built so far (a step being built is filled once mounted)."""
        return [form for form in self.query(FieldForm) if form.is_mounted]

    def _form(self, step: str) -> FieldForm | None:
        """The fields of `step` once built (None before, and for the checklist and the review)."""
        return self._built(f"FieldForm#{step}, #{step} > FieldForm", FieldForm)  # the buyer's: in its step

    def _checklist(self) -> ChecklistForm | None:
        return self._built("ChecklistForm#checklist", ChecklistForm)

    def _built(self, selector: str, kind: type[W]) -> W | None:
        """The `kind` widget `selector` finds once mounted (a step being built is filled once mounted)."""
        return next((widget for widget in self.query(selector).results(kind) if widget.is_mounted), None)

    def _show_sale(self) -> None:
        for form in self._forms():
            form.show(self.sale, self.t)
        if checklist := self._checklist():
            checklist.show(self.sale.checklist)

    def _show_review(self) -> None:
        review = self.review
        fields = review.fields if review else ()
        for form in self._forms():
            form.mark(fields, self.invalid)
        if checklist := self._checklist():
            checklist.mark(fields)
        self.query_one(ReviewPanel).show(review)
        self._show_status()

    def _show_status(self) -> None:
        review = self.review
        parts = [f"{field_label(key)}: {_(msgid)}" for key, msgid in self.invalid.items()]
        if review is not None:
            blocks = sum(f.severity is Severity.BLOCK for f in review.findings)
            warns = len(review.findings) - blocks
            if review.printable:
                parts.append(_("Ready to print (F9)."))
            else:
                parts.append(
                    _("{missing} missing, {blocks} blocking").format(missing=len(review.missing), blocks=blocks)
                )
            if warns:
                parts.append(_("{warns} warnings").format(warns=warns))
        self.query_one("#sale-status", Static).update(Text(" · ".join(parts)))

    def watch_review(self) -> None:
        self._show_review()

    # -- typing -----------------------------------------------------------------------------------

    @on(FieldForm.Typed)
    def _typed(self, event: FieldForm.Typed) -> None:
        try:
            sale = with_text(self.sale, event.key, event.text)
        except ParseError as error:
            self.invalid[event.key] = error.key
        else:
            self.invalid.pop(event.key, None)
            self.sale = sale
            self._check_soon()
        self._show_review()

    @on(ChecklistForm.Ticked)
    def _ticked(self, event: ChecklistForm.Ticked) -> None:
        self.sale = self.sale.model_copy(update={"checklist": {**self.sale.checklist, event.point: event.tick}})
        self._check_soon()

    @on(FieldForm.Entered)
    def _entered(self, event: FieldForm.Entered) -> None:
        if event.key == "carpass.id" and event.text.strip():
            self._fetch_carpass(event.text.strip())
        elif event.key == "trade_in.vin" and event.text.strip():
            self._look_up_trade_in(event.text.strip())
        else:
            self.focus_next()

    def _check_soon(self, delay: float = SAVE_DELAY_S) -> None:
        """Save and review after a pause in the typing (at once with `delay` 0)."""
        self._dirty = True
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(max(delay, 0.01), self._save_now)

    def _save_now(self) -> None:
        self._dirty = False
        self._save(self.record.id, self.sale)

    def _flush(self) -> None:
        """Leaving the screen: a save still waiting for the pause runs now, beyond the screen."""
        if self._save_timer is not None:
            self._save_timer.stop()
        if self._dirty:
            desk, sale_id, sale = self.context.desk, self.record.id, self.sale
            self.app.run_worker(lambda: desk.save_sale(sale_id, sale), thread=True, group="sale-save")

    @work(thread=True, exclusive=True, exit_on_error=False, group="sale-save")
    def _save(self, sale_id: int, sale: Sale) -> None:
        record = self.context.desk.save_sale(sale_id, sale)
        self.post_message(Saved(sale, record, self.context.desk.review(sale)))

    @on(Saved)
    def _saved(self, message: Saved) -> None:
        self.record = message.record
        if message.sale == self.sale:  # else a newer save is on its way
            self.review = message.review

    # -- Car-Pass, trade-in, customers --------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="sale-carpass")
    def _fetch_carpass(self, carpass_id: str) -> None:
        self.post_message(CarPassFetched(self.context.desk.fetch_carpass(carpass_id)))

    @on(CarPassFetched)
    def _carpass_fetched(self, message: CarPassFetched) -> None:
        fetch = message.fetch
        self.sale = self.sale.model_copy(update={"carpass": fetch.applied_to(self.sale.carpass)})
        self._show_sale()
        self._check_soon(0)
        if fetch.problem is not None:
            self.notify(code_text(fetch.problem.code, fetch.problem.params), severity="warning", markup=False)
        if form := self._form("carpass"):  # once built (it gets the focus then)
            form.focus_field("carpass.issued")

    @work(thread=True, exclusive=True, exit_on_error=False, group="sale-trade-in")
    def _look_up_trade_in(self, vin: str) -> None:
        try:
            self.post_message(TradeInFound(self.context.desk.lookup_trade_in(vin)))
        except SaleDeskError as error:
            self.post_message(Refused(error.code, "trade_in.vin", dict(error.params)))

    @on(TradeInFound)
    def _trade_in_found(self, message: TradeInFound) -> None:
        typed = self.sale.trade_in.model_dump(exclude_none=True) if self.sale.trade_in else {}
        found = message.found.trade_in.model_dump(exclude_none=True)
        self.sale = self.sale.model_copy(update={"trade_in": TradeIn(**{**typed, **found})})
        self._show_sale()
        self._check_soon(0)

    @on(Input.Changed, "#customer-search")
    def _search_customers(self, event: Input.Changed) -> None:
        event.stop()
        self._find_customers(event.value.strip())

    @work(thread=True, exclusive=True, exit_on_error=False, group="sale-customers")
    def _find_customers(self, query: str) -> None:
        found = self.context.desk.find_customers(query) if query else []
        if not get_current_worker().is_cancelled:  # else a newer search replaced this one
            self.post_message(CustomersFound(found))

    @on(CustomersFound)
    def _customers_found(self, message: CustomersFound) -> None:
        found = self.query_one("#customer-found", OptionList)
        found.clear_options()
        self._customers = {str(c.id): c for c in message.customers}
        found.add_options([Option(Text(f"{c.name}  {c.vat_number or ''}"), id=str(c.id)) for c in message.customers])
        found.display = bool(message.customers)

    @on(OptionList.OptionSelected, "#customer-found")
    def _customer_chosen(self, event: OptionList.OptionSelected) -> None:
        customer = self._customers[event.option.id or ""]
        name_field = "buyer.company_name" if customer.vat_registered else "buyer.last_name"
        buyer = self.sale.buyer.model_copy(update={"customer_id": customer.id})
        sale = with_text(self.sale.model_copy(update={"buyer": buyer}), name_field, customer.name)
        if customer.vat_number:
            sale = with_text(sale, "buyer.vat_number", customer.vat_number)
        self.sale = sale
        self.query_one("#customer-found").display = False
        self._show_sale()
        self._check_soon(0)

    # -- printing ---------------------------------------------------------------------------------

    def action_print(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
        self._dirty = False
        self.notify(_("Printing the contract and the checklist…"), markup=False)
        language = self.sale.buyer.language or active_language()
        self._print(self.record.id, self.sale, language)

    @work(thread=True, exclusive=True, exit_on_error=False, group="sale-print")
    def _print(self, sale_id: int, sale: Sale, language: str) -> None:
        desk = self.context.desk
        desk.save_sale(sale_id, sale)
        review = desk.review(sale)
        if not review.printable:
            self.post_message(NotReady(review))
            return
        if sale.buyer.customer_id is None and sale.buyer.kind is not None:
            customer = desk.customer_from_buyer(sale.buyer)
            sale = sale.model_copy(update={"buyer": sale.buyer.model_copy(update={"customer_id": customer.id})})
            desk.save_sale(sale_id, sale)
            self.post_message(CustomerAdded(customer))
        documents = render_sale(sale, self.context.garage, self.context.checklist, language)
        try:
            version = desk.record_print(sale_id, documents)
        except SaleNotReady as refusal:
            self.post_message(NotReady(SaleReview(refusal.missing, refusal.findings)))
            return
        except SaleConflict as conflict:
            self.post_message(Refused(conflict.code))
            return
        self.post_message(Printed(version, write_version(self.context.folder, version)))

    @on(CustomerAdded)
    def _customer_added(self, message: CustomerAdded) -> None:
        self.sale = self.sale.model_copy(
            update={"buyer": self.sale.buyer.model_copy(update={"customer_id": message.customer.id})}
        )

    @on(NotReady)
    def _not_ready(self, message: NotReady) -> None:
        self.review = message.review
        self.step = "review"
        self.notify(_("Not printed: the review lists what to solve first."), severity="error", markup=False)

    @on(Printed)
    def _printed(self, message: Printed) -> None:
        self.step = "review"
        self.query_one(ReviewPanel).show_printed(message.version, message.paths)
        self.notify(_("Version {version} printed and saved.").format(version=message.version.version), markup=False)

    @on(Refused)
    def _refused(self, message: Refused) -> None:
        self.notify(code_text(message.code, message.params), severity="error", markup=False)

    # -- scans --------------------------------------------------------------------------------------

    def take_scan(self, read: CodeRead) -> bool:
        """A code scanned while the sale is open: a Car-Pass fills the Car-Pass step (and is fetched),
        a VIN the Car-Pass's or the trade-in's VIN on those steps (the trade-in is looked up).
        False when the code is not for this screen (another car's VIN elsewhere)."""
        if read.kind == "carpass":
            self.step = "carpass"
            self.sale = with_text(self.sale, "carpass.id", read.value)
            self._show_sale()
            self._fetch_carpass(read.value)
            return True
        if read.kind != "vin":
            return False
        key = {"carpass": "carpass.vin", "trade_in": "trade_in.vin"}.get(self.step)
        if key is None:  # the car sold scanned again, or another car (whose sale the desk opens)
            return read.value == self.sale.vehicle.vin
        self.sale = with_text(self.sale, key, read.value)
        self._show_sale()
        self._check_soon(0)
        if key == "trade_in.vin":
            self._look_up_trade_in(read.value)
        return True
