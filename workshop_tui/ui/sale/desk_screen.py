"""The sale desk's entry: scan or type a VIN to start (or resume) its sale; the sales so far below."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Input, Label, Static

from scanners.codes import CodeRead

from ...domain.vin import check
from ...translations import N_, _, active_language
from ...translations.formats import Formats, formats
from ..localize import set_columns
from ..widgets.footer import WorkshopFooter
from .context import SaleDeskContext
from .keys import describe_bindings
from .messages import SalesListed
from .opening import OpensSales

HERE = Path(__file__).parent
STATES = {"draft": N_("in progress"), "printed": N_("printed")}


class SaleDeskScreen(OpensSales):
    CSS_PATH: ClassVar = HERE / "desk_screen.tcss"
    BINDINGS: ClassVar = [
        Binding("f4", "stock", "Stock", id="sale-stock"),
        Binding("escape", "back", "Back", id="sale-back"),
    ]

    def __init__(self, context: SaleDeskContext):
        super().__init__()
        self.context = context

    def compose(self) -> ComposeResult:
        yield Label(Text(_("Sale desk") + (" · SANDBOX" if self.context.sandbox else "")), id="desk-title")
        yield Static(_("Scan the VIN of the car sold, or type it and press Enter."), id="desk-hint")
        yield Input(compact=True, id="desk-vin", placeholder=_("VIN, 17 characters"))
        yield DataTable(id="desk-sales", cursor_type="row", zebra_stripes=True)
        yield WorkshopFooter()

    def on_mount(self) -> None:
        describe_bindings(self)
        self._columns()
        self.refresh_sales()
        self.query_one("#desk-vin").focus()

    def _columns(self) -> None:
        table = self.query_one("#desk-sales", DataTable)
        set_columns(
            table, tuple((label, None) for label in (N_("No."), N_("VIN"), N_("Buyer"), N_("State"), N_("Updated")))
        )

    def relabel(self, t: Formats) -> None:
        describe_bindings(self)
        self.refresh(recompose=True)
        self.call_after_refresh(self.on_mount)

    @work(thread=True, exclusive=True, exit_on_error=False, group="sale-list")
    def refresh_sales(self) -> None:
        self.post_message(SalesListed(self.context.desk.sales()))

    @on(SalesListed)
    def _listed(self, message: SalesListed) -> None:
        t = formats(active_language())
        table = self.query_one("#desk-sales", DataTable)
        table.clear()
        for row in message.sales:
            state = _(STATES[row.state.value])
            if row.version > 1 or row.state.value == "printed":
                state += f" v{row.version}"
            cells = (str(row.id), row.vin or "", row.buyer_name, state, t.datetime(row.updated_at))
            table.add_row(*(Text(c) for c in cells), key=str(row.id))

    @on(Input.Submitted, "#desk-vin")
    def _vin_typed(self, event: Input.Submitted) -> None:
        report = check(event.value)
        if not report.valid:
            self.notify(
                _("{vin} is not a valid VIN.").format(vin=report.vin or event.value), severity="error", markup=False
            )
            return
        event.input.value = ""
        self.open_sale(report.vin)

    @on(DataTable.RowSelected, "#desk-sales")
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        self.open_sale_id(int(event.row_key.value or 0))

    def sale_closed(self, _result: object = None) -> None:
        self.refresh_sales()

    def action_stock(self) -> None:
        from .stock_screen import StockScreen

        self.app.push_screen(StockScreen(self.context), callback=self.sale_closed)

    def action_back(self) -> None:
        self.dismiss()

    def take_scan(self, read: CodeRead) -> bool:
        """A scanned VIN opens its sale."""
        if read.kind != "vin" or not check(read.value).valid:
            return False
        self.open_sale(check(read.value).vin)
        return True
