"""Customer: find an existing customer, or create one (a VAT-registered one with a checked number)."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import (
    Button,
    Input,
    Label,
    OptionList,
    RadioButton,
    RadioSet,
    Static,
)
from textual.widgets.option_list import Option

from ...domain.identifiers import (
    compact,
    enterprise_number_error,
    format_enterprise_number,
)
from ...domain.models import Customer, CustomerKind
from ...i18n import Translator
from ..domain_text import localize
from ..localize import tr
from ..widgets.footer import WorkshopFooter
from .base import WorkshopScreen

SEARCH_DELAY_S = 0.25


def customer_line(customer: Customer, t: Translator) -> str:
    if customer.vat_registered and customer.vat_number:
        return (
            f"{customer.name} — BE {format_enterprise_number(customer.vat_number)} ({t('customer.kind.professional')})"
        )
    return f"{customer.name} ({t(f'customer.kind.{customer.kind.value}')})"


class CustomerScreen(WorkshopScreen, ModalScreen[Customer | None]):
    """Returns the chosen or created customer, or None when closed."""

    BINDINGS = [Binding("escape", "close", "Close", id="close_customer")]

    class Found(Message):
        def __init__(self, customers: list[Customer]):
            super().__init__()
            self.customers = customers

    class Created(Message):
        def __init__(self, customer: Customer):
            super().__init__()
            self.customer = customer

    def __init__(self, query: str = ""):
        super().__init__()
        self.query_text = query
        self.customers: list[Customer] = []

    def compose(self) -> ComposeResult:
        with tr(Vertical(id="customer-dialog", classes="panel"), border_title="customer.title"):
            yield tr(Label(classes="form-label"), content="customer.search")
            yield tr(Input(self.query_text, id="customer-search"), placeholder="customer.search.placeholder")
            yield OptionList(id="customer-results")
            yield tr(Label(classes="section-title"), content="customer.new")
            with Horizontal(classes="form-row"):
                yield tr(Label(classes="form-label"), content="customer.name")
                yield Input(id="new-name")
            with Horizontal(classes="form-row"):
                yield tr(Label(classes="form-label"), content="customer.kind")
                with RadioSet(id="new-kind"):
                    yield tr(RadioButton(value=True, id="new-private"), label="customer.kind.private")
                    yield tr(RadioButton(id="new-professional"), label="customer.kind.professional")
            with Horizontal(classes="form-row", id="new-vat-row"):
                yield tr(Label(classes="form-label"), content="customer.vat_number")
                yield tr(Input(id="new-vat", max_length=20), placeholder="customer.vat_number.placeholder")
            yield Static(id="new-vat-check")
            yield tr(Button(id="new-save", variant="primary"), label="customer.create")
        yield WorkshopFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#customer-search").focus()
        self._search(self.query_text)

    @on(Input.Changed, "#customer-search")
    def _search_as_typed(self, event: Input.Changed) -> None:
        self.set_timer(SEARCH_DELAY_S, lambda: self._search_if_current(event.value))

    def _search_if_current(self, text: str) -> None:
        if self.query_one("#customer-search", Input).value == text:
            self._search(text)

    @work(thread=True, exclusive=True, exit_on_error=False, group="customers")
    def _search(self, text: str) -> None:
        self.reply(self.Found(self.services.find_customers(text)))

    def on_customer_screen_found(self, message: Found) -> None:
        self.customers = message.customers
        self.relabel(self.t)

    @on(Input.Submitted, "#customer-search")
    def _to_results(self) -> None:
        results = self.query_one("#customer-results", OptionList)
        if self.customers:
            results.focus()
            results.highlighted = 0

    @on(OptionList.OptionSelected, "#customer-results")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.customers[event.option_index])

    def _new_customer(self) -> tuple[Customer | None, str | None]:
        """The customer the form describes, or None and the i18n key / domain text of what is wrong."""
        name = self.query_one("#new-name", Input).value.strip()
        professional = self.query_one("#new-professional", RadioButton).value
        vat = self.query_one("#new-vat", Input).value.strip()
        if not name:
            return None, "customer.error.name"
        if not professional:
            return Customer(name=name), None
        if not vat:
            return None, "customer.error.vat_needed"
        if error := enterprise_number_error(vat):
            return None, error
        return Customer(name=name, kind=CustomerKind.PROFESSIONAL, vat_number=compact(vat).zfill(10)), None

    @on(Input.Changed, "#new-vat")
    @on(Input.Changed, "#new-name")
    @on(RadioSet.Changed, "#new-kind")
    def _check_form(self) -> None:
        self.relabel(self.t)

    @on(Button.Pressed, "#new-save")
    def _create(self) -> None:
        customer, problem = self._new_customer()
        if customer is None:
            self.query_one("#new-vat-check", Static).add_class("-shown")
            self.relabel(self.t)
            return
        self._add(customer)

    @work(thread=True, exclusive=True, exit_on_error=False, group="customer-add")
    def _add(self, customer: Customer) -> None:
        self.reply(self.Created(self.services.add_customer(customer)))

    def on_customer_screen_created(self, message: Created) -> None:
        self.dismiss(message.customer)

    def action_close(self) -> None:
        self.dismiss(None)

    def relabel(self, t: Translator) -> None:
        results = self.query_one("#customer-results", OptionList)
        results.set_options(Option(customer_line(c, t)) for c in self.customers)
        if not self.customers:
            results.set_options([Option(t("customer.none_found"), disabled=True)])
        professional = self.query_one("#new-professional", RadioButton).value
        self.query_one("#new-vat-row").display = professional
        _, problem = self._new_customer()
        check = self.query_one("#new-vat-check", Static)
        vat_typed = bool(self.query_one("#new-vat", Input).value.strip())
        if problem is None:
            check.update(Content.styled(f"✔ {t('customer.ok')}", "$success") if professional and vat_typed else "")
        elif vat_typed or check.has_class("-shown"):
            text = t(problem) if t.has(problem) else localize(problem, t)
            check.update(Content.styled(f"✖ {text}", "$error"))
        else:
            check.update("")
