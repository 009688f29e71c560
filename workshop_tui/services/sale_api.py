"""What the UI may ask of the sale desk (`SaleDeskServices`), and what it gets back.

Every method may block (database, HTTP): the UI calls them from Textual thread workers.
Results and refusals carry codes, field keys (as `domain.sale.missing_fields` names them)
and typed values; the UI words them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from ..domain.findings import Finding, blocking
from ..domain.models import Customer
from ..domain.sale import Buyer, CarPass, Sale, TradeIn
from ..domain.stock import CarPassStanding, CarPassState, StockCar, StockEntry
from ..storage.sales import (
    DocumentKind,
    PrintedVersion,
    RenderedDocument,
    SaleConflict,
    SaleRecord,
    SaleState,
    SaleSummary,
)
from .api import VehicleLookup

__all__ = [
    "CarPassFetch",
    "CarPassStanding",
    "CarPassState",
    "DocumentKind",
    "PrintedVersion",
    "RenderedDocument",
    "SaleConflict",
    "SaleDeskError",
    "SaleDeskServices",
    "SaleNotReady",
    "SaleRecord",
    "SaleReview",
    "SaleStart",
    "SaleState",
    "SaleSummary",
    "StockCar",
    "StockEntry",
    "TradeInLookup",
]


@dataclass(frozen=True)
class SaleStart:
    """The sale opened for a VIN: a draft resumed as it was left, or a new one from the vehicle lookup."""

    record: SaleRecord
    resumed: bool
    lookup: VehicleLookup | None  # None when resumed: the typed sale is not overwritten
    stock_car: StockCar | None  # the car as listed in stock (its Car-Pass fills a new sale)


@dataclass(frozen=True)
class CarPassFetch:
    """What the Car-Pass service said about a Car-Pass ID.

    `carpass` holds the fields it gave, named in `filled` (id, vin, last_km); the issue date
    printed on the certificate is never among them and is typed. `problem` (warn) when the
    ID is malformed (CARPASS_ID_INVALID), unknown (CARPASS_NOT_FOUND) or the service could not
    answer (CARPASS_FETCH_FAILED, param `error`): then only the id is filled (none when malformed)
    and the rest is typed.
    """

    carpass: CarPass
    filled: tuple[str, ...] = ()
    problem: Finding | None = None

    def applied_to(self, current: CarPass | None) -> CarPass:
        """`current` (what was typed) with the fetched fields put in."""
        base = current or CarPass()
        return base.model_copy(update={name: getattr(self.carpass, name) for name in self.filled})


@dataclass(frozen=True)
class TradeInLookup:
    trade_in: TradeIn
    lookup: VehicleLookup


@dataclass(frozen=True)
class SaleReview:
    """Everything the sale still lacks, all at once: empty mandatory fields and the checks' findings."""

    missing: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = ()

    @property
    def printable(self) -> bool:
        return not self.missing and not blocking(self.findings)

    @property
    def fields(self) -> tuple[str, ...]:
        """Every field to highlight: the missing ones, then those a finding names."""
        named = [f.field for f in self.findings if f.field]
        return tuple(dict.fromkeys([*self.missing, *named]))


class SaleDeskError(Exception):
    """A refusal: `code`, the `field` at fault when there is one, typed `params`.

    Codes: INVALID_VIN (vin), CARPASS_VIN_MISMATCH (vin, carpass_vin), VAT_NUMBER_INVALID
    (vat_number), BUYER_KIND_MISSING, SALE_NOT_READY (see `SaleNotReady`).
    """

    def __init__(self, code: str, field: str | None = None, **params: object):
        super().__init__(code if field is None else f"{code} ({field})")
        self.code = code
        self.field = field
        self.params = params


class SaleNotReady(SaleDeskError):
    """The sale cannot be printed: `missing` fields and `findings` that block, all of them.

    `missing` may also name documents the print lacks: printout.contract, printout.checklist.
    """

    def __init__(self, missing: Sequence[str], findings: Sequence[Finding]):
        super().__init__("SALE_NOT_READY")
        self.missing = tuple(missing)
        self.findings = tuple(findings)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(f.code for f in self.findings)

    @property
    def fields(self) -> tuple[str, ...]:
        return SaleReview(self.missing, self.findings).fields


class SaleDeskServices(Protocol):
    # Sales

    def start_sale(self, vin: str) -> SaleStart:
        """Resume the VIN's draft, else start a sale from the vehicle lookup (and its stock entry);
        SaleDeskError INVALID_VIN when the VIN is not one."""
        ...

    def save_sale(self, sale_id: int, sale: Sale) -> SaleRecord:
        """Save the sale as typed; a change to a printed sale opens its next version."""
        ...

    def sale(self, sale_id: int) -> SaleRecord: ...
    def sales(self, query: str = "") -> list[SaleSummary]: ...
    def fetch_carpass(self, carpass_id: str) -> CarPassFetch: ...
    def lookup_trade_in(self, vin: str) -> TradeInLookup: ...

    def review(self, sale: Sale) -> SaleReview:
        """Missing fields and findings on the sale as typed (as-you-type and before printing)."""
        ...

    def record_print(self, sale_id: int, documents: Sequence[RenderedDocument]) -> PrintedVersion:
        """Store the printed documents as the sale's next version; SaleNotReady when something is
        missing or blocks, SaleConflict when nothing changed since the last print."""
        ...

    def printed_versions(self, sale_id: int) -> list[PrintedVersion]: ...

    # Stock

    def stock(self) -> list[StockEntry]:
        """The unsold cars with their Car-Pass standing today, in the view's order."""
        ...

    def add_stock_car(self, vin: str, carpass: CarPass | None = None) -> StockCar: ...
    def remove_stock_car(self, vin: str) -> bool: ...

    # Customers

    def find_customers(self, query: str) -> list[Customer]: ...

    def customer_from_buyer(self, buyer: Buyer) -> Customer:
        """Add the buyer as a customer; SaleDeskError VAT_NUMBER_INVALID, or BUYER_KIND_MISSING."""
        ...
