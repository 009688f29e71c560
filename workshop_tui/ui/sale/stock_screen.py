"""The cars for sale and their Car-Pass: green, amber (expires within 14 days), red (too old).

Scanning a stock car's VIN, or Enter on its row, opens its sale; ctrl+a adds the VIN typed
(with its Car-Pass when typed), Delete removes the car on the cursor.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Input, Label

from scanners.codes import CodeRead

from ...domain import typed_numbers
from ...domain.sale import CarPass
from ...domain.vin import check
from ...services.sale_api import CarPassState, SaleDeskError
from ...translations import N_, _, active_language
from ...translations.formats import Formats, formats
from ..localize import set_columns
from ..parsing import ParseError, parse_date, parse_typed
from ..widgets.footer import WorkshopFooter
from .context import SaleDeskContext
from .keys import describe_bindings
from .messages import Refused, StockListed
from .opening import OpensSales

HERE = Path(__file__).parent
STANDING = {
    CarPassState.GREEN: (N_("valid"), "bold green"),
    CarPassState.AMBER: (N_("expires soon"), "bold yellow"),
    CarPassState.RED: (N_("too old"), "bold red"),
    CarPassState.NONE: (N_("no Car-Pass"), "bold red"),
}


class StockScreen(OpensSales):
    CSS_PATH: ClassVar = HERE / "stock_screen.tcss"
    BINDINGS: ClassVar = [
        Binding("ctrl+a", "add", "Add to stock", id="sale-add", priority=True),
        Binding("delete", "remove", "Remove", id="sale-remove"),
        Binding("escape", "back", "Back", id="sale-back"),
    ]

    def __init__(self, context: SaleDeskContext):
        super().__init__()
        self.context = context

    def compose(self) -> ComposeResult:
        yield Label(Text(_("Stock: cars for sale and their Car-Pass")), id="stock-title")
        with Horizontal(id="stock-add"):
            yield Input(compact=True, id="stock-vin", placeholder=_("VIN"))
            yield Input(compact=True, id="stock-carpass", placeholder=_("Car-Pass ID"))
            yield Input(compact=True, id="stock-issued", placeholder=_("Issued on"))
            yield Input(compact=True, id="stock-km", placeholder=_("km"))
        yield DataTable(id="stock-cars", cursor_type="row", zebra_stripes=True)
        yield WorkshopFooter()

    def on_mount(self) -> None:
        describe_bindings(self)
        table = self.query_one("#stock-cars", DataTable)
        headings = (N_("VIN"), N_("Car-Pass"), N_("Valid until"), N_("Days left"), N_("Standing"))
        set_columns(table, tuple((label, None) for label in headings))
        self.refresh_stock()
        self.query_one("#stock-vin").focus()

    def relabel(self, t: Formats) -> None:
        describe_bindings(self)
        self.refresh(recompose=True)
        self.call_after_refresh(self.on_mount)

    @work(thread=True, exclusive=True, exit_on_error=False, group="stock")
    def refresh_stock(self) -> None:
        self.post_message(StockListed(self.context.desk.stock()))

    @on(StockListed)
    def _listed(self, message: StockListed) -> None:
        t = formats(active_language())
        table = self.query_one("#stock-cars", DataTable)
        table.clear()
        for entry in message.entries:
            car, standing = entry.car, entry.standing
            word, style = STANDING[standing.state]
            table.add_row(
                Text(car.vin),
                Text(car.carpass_id or "-"),
                Text(t.date(standing.valid_until) if standing.valid_until else "-"),
                Text("" if standing.days_left is None else str(standing.days_left)),
                Text(_(word), style=style),
                key=car.vin,
            )

    def _carpass(self) -> CarPass | None:
        """The Car-Pass typed beside the VIN (ParseError when its date or km is not one)."""
        typed = {name: self.query_one(f"#stock-{name}", Input).value.strip() for name in ("carpass", "issued", "km")}
        if not any(typed.values()):
            return None
        return CarPass(
            id=typed["carpass"] or None,
            issued=parse_date(typed["issued"]),
            last_km=parse_typed(typed_numbers.parse_km, typed["km"]),
        )

    def action_add(self) -> None:
        try:
            carpass = self._carpass()
        except ParseError as error:
            self.notify(_(error.key), severity="error", markup=False)
            return
        self._add(self.query_one("#stock-vin", Input).value, carpass)

    @work(thread=True, exclusive=True, exit_on_error=False, group="stock-change")
    def _add(self, vin: str, carpass: CarPass | None) -> None:
        try:
            self.context.desk.add_stock_car(vin, carpass)
        except SaleDeskError as error:
            self.post_message(Refused(error.code, error.field, dict(error.params)))
            return
        self.app.call_from_thread(self._clear_inputs)
        self.post_message(StockListed(self.context.desk.stock()))

    def _clear_inputs(self) -> None:
        for box in self.query("#stock-add Input").results(Input):
            box.value = ""
        self.query_one("#stock-vin").focus()

    def action_remove(self) -> None:
        table = self.query_one("#stock-cars", DataTable)
        if table.row_count and table.has_focus:
            self._remove(str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value))

    @work(thread=True, exclusive=True, exit_on_error=False, group="stock-change")
    def _remove(self, vin: str) -> None:
        self.context.desk.remove_stock_car(vin)
        self.post_message(StockListed(self.context.desk.stock()))

    @on(Input.Submitted, "#stock-vin")
    def _vin_entered(self, event: Input.Submitted) -> None:
        """Enter on a VIN of the stock opens its sale; on a new VIN, moves to its Car-Pass."""
        report = check(event.value)
        table = self.query_one("#stock-cars", DataTable)
        if report.valid and report.vin in {str(k.value) for k in table.rows}:
            event.input.value = ""
            self.open_sale(report.vin)
        else:
            self.focus_next()

    @on(Input.Submitted, "#stock-carpass, #stock-issued, #stock-km")
    def _carpass_entered(self, event: Input.Submitted) -> None:
        if event.input.id == "stock-km":
            self.action_add()
        else:
            self.focus_next()

    @on(DataTable.RowSelected, "#stock-cars")
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        self.open_sale(str(event.row_key.value))

    def sale_closed(self, _result: object = None) -> None:
        self.refresh_stock()

    def action_back(self) -> None:
        self.dismiss()

    def take_scan(self, read: CodeRead) -> bool:
        """A scanned VIN opens the car's sale (a car not in stock is typed in the add line)."""
        if read.kind != "vin":
            return False
        vin = check(read.value).vin
        if vin in {str(k.value) for k in self.query_one("#stock-cars", DataTable).rows}:
            self.open_sale(vin)
        else:
            self.query_one("#stock-vin", Input).value = vin
            self.query_one("#stock-carpass").focus()
        return True
