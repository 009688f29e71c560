"""Opening a sale from a VIN (typed, scanned, chosen in a list): shared by the desk and the stock."""

from __future__ import annotations

from textual import on, work

from ...services.sale_api import SaleDeskError
from ...translations import _
from ..localize import FollowsLanguage
from .context import SaleDeskContext
from .messages import Refused, SaleLoaded, SaleStarted
from .sale_screen import SaleScreen
from .wording import code_text


class OpensSales(FollowsLanguage):
    """A screen that opens sales over itself; subclasses set `context`."""

    context: SaleDeskContext

    def open_sale(self, vin: str) -> None:
        """Resume the VIN's sale in progress, or start one from the vehicle lookup."""
        self._start(vin)

    def open_sale_id(self, sale_id: int) -> None:
        self._load(sale_id)

    @work(thread=True, exclusive=True, exit_on_error=False, group="sale-open")
    def _start(self, vin: str) -> None:
        try:
            self.post_message(SaleStarted(self.context.desk.start_sale(vin)))
        except SaleDeskError as error:
            self.post_message(Refused(error.code, error.field, dict(error.params)))

    @work(thread=True, exclusive=True, exit_on_error=False, group="sale-open")
    def _load(self, sale_id: int) -> None:
        self.post_message(SaleLoaded(self.context.desk.sale(sale_id)))

    @on(SaleStarted)
    def _started(self, message: SaleStarted) -> None:
        if message.start.resumed:
            self.notify(_("The sale in progress for this VIN is resumed."), markup=False)
        self.app.push_screen(SaleScreen(self.context, message.start.record), callback=self.sale_closed)

    @on(SaleLoaded)
    def _loaded(self, message: SaleLoaded) -> None:
        self.app.push_screen(SaleScreen(self.context, message.record), callback=self.sale_closed)

    @on(Refused)
    def _refused(self, message: Refused) -> None:
        self.notify(code_text(message.code, message.params), severity="error", markup=False)

    def sale_closed(self, _result: object = None) -> None:
        """Back from a sale: subclasses refresh their list."""
