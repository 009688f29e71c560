"""The sale desk (issue 10): a used-car sale from the VIN scan to the printed contract, and the stock.

Vehicles and Car-Pass reports come through the workshop services (`VehicleSource`, which
`Workshop.vehicles` is): the same registry lookup with its cache fallback, the same Car-Pass report
by ID whose mileage history joins the vehicle's readings.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from importlib.resources import files
from typing import Protocol
from zoneinfo import ZoneInfo

from ..domain.checklist import Checklist, parse_checklist
from ..domain.findings import Finding, Severity, blocking
from ..domain.identifiers import enterprise_number_error
from ..domain.models import Customer, CustomerKind, RegistryVehicle
from ..domain.sale import Buyer, BuyerKind, CarPass, Sale, SaleVehicle, TradeIn, missing_fields
from ..domain.sale_checks import sale_findings
from ..domain.stock import StockCar, StockEntry, stock_view
from ..domain.vin import check as check_vin
from ..domain.vin import normalise
from ..storage import Store
from ..storage.sales import DocumentKind, PrintedVersion, RenderedDocument, SaleRecord, SaleSummary, buyer_name
from .api import VehicleLookup
from .contract import VehicleHistoryReport, carpass_id_error, normalise_carpass_id
from .http import NotFound, ServiceError
from .sale_api import CarPassFetch, SaleDeskError, SaleNotReady, SaleReview, SaleStart, TradeInLookup

BRUSSELS = ZoneInfo("Europe/Brussels")
CHECKLIST_FILE = "used_vehicle_checklist.csv"


class VehicleSource(Protocol):
    """What the sale desk uses of the workshop services."""

    def lookup(self, vin: str) -> VehicleLookup: ...
    def carpass_report(self, carpass_id: str) -> VehicleHistoryReport: ...


def belgian_today() -> date:
    return datetime.now(BRUSSELS).date()


def shipped_checklist() -> Checklist:
    """The used-vehicle checklist shipped in data/ (provisional until the official list is loaded)."""
    return parse_checklist(files("workshop_tui.data").joinpath(CHECKLIST_FILE).read_text(encoding="utf-8"))


class SaleDesk:
    """One terminal's sale desk. Every method may block: the UI calls them from workers.

    `checklist`: the points a consumer sale must tick before printing (None: ticks not checked).
    """

    def __init__(
        self,
        store: Store,
        vehicles: VehicleSource,
        checklist: Checklist | None,
        *,
        today: Callable[[], date] = belgian_today,
    ):
        self.store = store
        self.vehicles = vehicles
        self.checklist = checklist
        self.today = today

    # Sales

    def start_sale(self, vin: str) -> SaleStart:
        vin = _checked_vin(vin)
        stock_car = self.store.stock.get(vin)
        draft = self.store.sales.draft_for(vin)
        if draft is not None:
            return SaleStart(draft, resumed=True, lookup=None, stock_car=stock_car)
        lookup = self.vehicles.lookup(vin)
        sale = Sale(vehicle=_sale_vehicle(vin, lookup.record), carpass=_stock_carpass(stock_car))
        return SaleStart(self.store.sales.create(sale), resumed=False, lookup=lookup, stock_car=stock_car)

    def save_sale(self, sale_id: int, sale: Sale) -> SaleRecord:
        return self.store.sales.save(sale_id, sale)

    def sale(self, sale_id: int) -> SaleRecord:
        return self.store.sales.get(sale_id)

    def sales(self, query: str = "") -> list[SaleSummary]:
        return self.store.sales.history(query)

    def fetch_carpass(self, carpass_id: str) -> CarPassFetch:
        """The Car-Pass by its ID: id, VIN and last reading from the service, or a problem and the id alone."""
        typed = CarPass(id=normalise_carpass_id(carpass_id) or None)
        if carpass_id_error(carpass_id):
            return CarPassFetch(typed, problem=Finding("CARPASS_ID_INVALID", Severity.WARN, "carpass.id"))
        try:
            report = self.vehicles.carpass_report(carpass_id)
        except NotFound:
            return CarPassFetch(typed, ("id",), Finding("CARPASS_NOT_FOUND", Severity.WARN, "carpass.id"))
        except ServiceError as exc:
            problem = Finding("CARPASS_FETCH_FAILED", Severity.WARN, "carpass.id", {"error": exc.problem})
            return CarPassFetch(typed, ("id",), problem)
        latest = max(report.mileage_history, key=lambda m: m.on, default=None)
        carpass = CarPass(
            id=report.carpass_id or typed.id,
            vin=normalise(report.vin),
            last_km=latest.km if latest else None,
        )
        filled = tuple(name for name in ("id", "vin", "last_km") if getattr(carpass, name) is not None)
        return CarPassFetch(carpass, filled)

    def lookup_trade_in(self, vin: str) -> TradeInLookup:
        vin = _checked_vin(vin)
        lookup = self.vehicles.lookup(vin)
        vehicle = _sale_vehicle(vin, lookup.record)
        trade_in = TradeIn(**vehicle.model_dump(include=set(TradeIn.model_fields)))
        return TradeInLookup(trade_in, lookup)

    def review(self, sale: Sale) -> SaleReview:
        missing = missing_fields(sale, self.checklist)
        return SaleReview(tuple(missing), tuple(sale_findings(sale) + _buyer_findings(sale.buyer)))

    def record_print(self, sale_id: int, documents: Sequence[RenderedDocument]) -> PrintedVersion:
        sale = self.store.sales.get(sale_id).sale
        review = self.review(sale)
        kinds = {d.kind for d in documents}
        needed = [DocumentKind.CONTRACT]
        if sale.buyer.kind is BuyerKind.CONSUMER and self.checklist is not None:
            needed.append(DocumentKind.CHECKLIST)
        missing = [*review.missing, *(f"printout.{kind.value}" for kind in needed if kind not in kinds)]
        if missing or blocking(review.findings):
            raise SaleNotReady(missing, [f for f in review.findings if f.severity is Severity.BLOCK])
        return self.store.sales.record_print(sale_id, sale, documents)

    def printed_versions(self, sale_id: int) -> list[PrintedVersion]:
        return self.store.sales.printed(sale_id)

    # Stock

    def stock(self) -> list[StockEntry]:
        return stock_view(self.store.stock.cars(), self.today())

    def add_stock_car(self, vin: str, carpass: CarPass | None = None) -> StockCar:
        vin = _checked_vin(vin)
        if carpass is not None and carpass.vin and normalise(carpass.vin) != vin:
            raise SaleDeskError("CARPASS_VIN_MISMATCH", "carpass.vin", vin=vin, carpass_vin=normalise(carpass.vin))
        return self.store.stock.add(vin, carpass)

    def remove_stock_car(self, vin: str) -> bool:
        return self.store.stock.remove(normalise(vin))

    # Customers

    def find_customers(self, query: str) -> list[Customer]:
        return self.store.customers.find(query)

    def customer_from_buyer(self, buyer: Buyer) -> Customer:
        if buyer.kind is None:
            raise SaleDeskError("BUYER_KIND_MISSING", "buyer.kind")
        invalid = _buyer_findings(buyer)
        if invalid:
            raise SaleDeskError(invalid[0].code, invalid[0].field, **invalid[0].params)
        name = buyer_name(Sale(buyer=buyer))
        if buyer.kind is BuyerKind.CONSUMER:
            return self.store.customers.add(Customer(name=name, kind=CustomerKind.PRIVATE))
        company = Customer(name=name, kind=CustomerKind.PROFESSIONAL, vat_number=buyer.vat_number)
        return self.store.customers.add(company)


def _checked_vin(raw: str) -> str:
    report = check_vin(raw)
    if not report.valid:
        raise SaleDeskError("INVALID_VIN", "vehicle.vin", vin=report.vin)
    return report.vin


def _buyer_findings(buyer: Buyer) -> list[Finding]:
    """A company's or trader's VAT number, when typed, must be a valid Belgian one."""
    number = (buyer.vat_number or "").strip()
    if buyer.kind in (BuyerKind.COMPANY, BuyerKind.TRADER) and number and enterprise_number_error(number):
        return [Finding("VAT_NUMBER_INVALID", Severity.BLOCK, "buyer.vat_number", {"vat_number": number})]
    return []


def _sale_vehicle(vin: str, record: RegistryVehicle | None) -> SaleVehicle:
    """The contract's vehicle fields the registry gives: make (D.1), model (D.3, else D.2), type (D.2.1),
    colour (R), first entry into service (B). Engine, colour code and displayed km are typed."""
    if record is None:
        return SaleVehicle(vin=vin)
    return SaleVehicle(
        vin=vin,
        make=record.make,
        model=record.commercial_name or record.version,
        type=record.type_code,
        colour=record.colour,
        first_entry_into_service=record.first_registration,
    )


def _stock_carpass(car: StockCar | None) -> CarPass | None:
    if car is None or car.carpass_id is None:
        return None
    return CarPass(id=car.carpass_id, issued=car.carpass_issued, vin=car.vin, last_km=car.carpass_last_km)
