"""Customer: find an existing customer, or create one (a VAT-registered one with a checked number)."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
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

from ...domain.findings import Finding
from ...domain.identifiers import (
    compact,
    enterprise_number_error,
    format_enterprise_number,
)
from ...domain.models import Customer, CustomerKind
from ...services.api import SearchRefused
from ...translations import N_, _
from ...translations.formats import Formats
from ...translations.labels import CUSTOMER_KIND
from ...translations.render import finding_text, render
from ..localize import tr
from ..messages import CustomerCreated, CustomersFound
from ..widgets.footer import WorkshopFooter
from .base import WorkshopScreen

SEARCH_DELAY_S = 0.25


def customer_line(customer: Customer, t: Formats) -> str:
    if customer.vat_registered and customer.vat_number:
        return f"{customer.name} — BE {format_enterprise_number(customer.vat_number)} (" + _("VAT-registered") + ")"
    return f"{customer.name} ({_(CUSTOMER_KIND[customer.kind.value])})"


class CustomerScreen(WorkshopScreen, ModalScreen[Customer | None]):
    """Returns the chosen or created customer, or None when closed."""

    CSS_PATH = "customer.tcss"
    BINDINGS = [Binding("escape", "close", "Close", id="close_customer")]
    AUTO_FOCUS = ""  # the search, focused in `on_mount`

    def __init__(self, query: str = ""):
        super().__init__()
        self.query_text = query
        self.customers: list[Customer] = []
        self.searched: str | None = None  # the text the shown customers were found for
        self.search_refused: str | None = None
        self.pick_single = False  # Enter came before the search: choose the single hit when it is back

    def compose(self) -> ComposeResult:
        with tr(Vertical(id="customer-dialog", classes="panel"), border_title=N_("Customer")):
            yield tr(Label(id="customer-search-label", classes="form-label"), content=N_("Find a customer"))
            yield tr(Input(self.query_text, id="customer-search"), placeholder=N_("name or VAT number"))
            yield OptionList(id="customer-results")
            yield tr(Label(classes="section-title"), content=N_("New customer"))
            with Horizontal(classes="form-row"):
                yield tr(Label(classes="form-label"), content=N_("Name"))
                yield Input(id="new-name")
            with Horizontal(classes="form-row"):
                yield tr(Label(classes="form-label"), content=N_("Kind"))
                with RadioSet(id="new-kind"):
                    yield tr(RadioButton(value=True, id="new-private"), label=N_("Private"))
                    yield tr(RadioButton(id="new-professional"), label=N_("VAT-registered"))
            with Horizontal(classes="form-row", id="new-vat-row"):
                yield tr(Label(classes="form-label"), content=N_("VAT number"))
                yield tr(Input(id="new-vat", max_length=20), placeholder=N_("BE 0403.170.701"))
            yield Static(id="new-vat-check")
            yield tr(Button(id="new-save", variant="primary"), label=N_("Create customer"))
        yield WorkshopFooter()

    def on_mount(self) -> None:
        # At the top: not scrolled into view as Textual's auto focus would, on the first layout, where
        # the fields still span the column the dialog's scroll bar then takes (at 80x24 it seemed cut
        # and the dialog opened scrolled to the bottom).
        self.query_one("#customer-search").focus(scroll_visible=False)
        self._search(self.query_text)

    @on(Input.Changed, "#customer-search")
    def _search_as_typed(self, event: Input.Changed) -> None:
        self.set_timer(SEARCH_DELAY_S, lambda: self._search_if_current(event.value))

    def _search_if_current(self, text: str) -> None:
        if self.query_one("#customer-search", Input).value == text:
            self._search(text)

    @work(thread=True, exclusive=True, exit_on_error=False, group="customers")
    def _search(self, text: str) -> None:
        try:
            self.reply(CustomersFound(self.services.customers.find(text)))
        except SearchRefused as refused:
            self.app.call_from_thread(self._refused, refused)
        self.searched = text

    def _refused(self, refused: SearchRefused) -> None:
        """A search text the services refuse (too long, a NUL): said in words, nothing found."""
        self.search_refused = render(refused.code, {"limit": refused.limit} if refused.limit else None)
        self.customers = []
        self.pick_single = False
        self.relabel(self.t)

    def on_customers_found(self, message: CustomersFound) -> None:
        self.search_refused = None
        self.customers = message.customers
        if self.pick_single and len(self.customers) == 1:
            self.dismiss(self.customers[0])
            return
        self.pick_single = False
        self.relabel(self.t)

    @on(Input.Submitted, "#customer-search")
    def _to_results(self, event: Input.Submitted) -> None:
        """Enter: the single hit is chosen at once; with several, to the list."""
        if event.value != self.searched:  # typed faster than the search: search now, then decide
            self.pick_single = True
            self._search(event.value)
            return
        if len(self.customers) == 1:
            self.dismiss(self.customers[0])
            return
        results = self.query_one("#customer-results", OptionList)
        if self.customers:
            results.focus()
            results.highlighted = 0

    @on(OptionList.OptionSelected, "#customer-results")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.customers[event.option_index])

    def _new_customer(self) -> tuple[Customer | None, str | Finding | None]:
        """The customer the form describes, or None and the i18n key / domain text of what is wrong."""
        name = self.query_one("#new-name", Input).value.strip()
        professional = self.query_one("#new-professional", RadioButton).value
        vat = self.query_one("#new-vat", Input).value.strip()
        if not name:
            return None, N_("Type the customer's name.")
        if not professional:
            return Customer(name=name), None
        if not vat:
            return None, N_("A VAT-registered customer needs a VAT number.")
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
        customer, _problem = self._new_customer()
        if customer is None:
            self.query_one("#new-vat-check", Static).add_class("-shown")
            self.relabel(self.t)
            return
        self._add(customer)

    @work(thread=True, exclusive=True, exit_on_error=False, group="customer-add")
    def _add(self, customer: Customer) -> None:
        self.reply(CustomerCreated(self.services.customers.add(customer)))

    def on_customer_created(self, message: CustomerCreated) -> None:
        self.dismiss(message.customer)

    def action_close(self) -> None:
        self.dismiss(None)

    def relabel(self, t: Formats) -> None:
        results = self.query_one("#customer-results", OptionList)
        results.set_options(Option(Content(customer_line(c, t))) for c in self.customers)
        if self.search_refused:
            results.set_options([Option(Content.styled(f"✖ {self.search_refused}", "$error"), disabled=True)])
        elif not self.customers:
            results.set_options([Option(Content(_("No customer found.")), disabled=True)])
        professional = self.query_one("#new-professional", RadioButton).value
        self.query_one("#new-vat-row").display = professional
        problem = self._new_customer()[1]
        check = self.query_one("#new-vat-check", Static)
        vat_typed = bool(self.query_one("#new-vat", Input).value.strip())
        if problem is None:
            check.update(
                Content.styled("✔ " + _("Valid Belgian VAT number"), "$success") if professional and vat_typed else ""
            )
        elif vat_typed or check.has_class("-shown"):
            text = _(problem) if isinstance(problem, str) else finding_text(problem)
            check.update(Content.styled(f"✖ {text}", "$error"))
        else:
            check.update("")
