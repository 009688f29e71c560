"""What the sale desk's workers post back to their screen: small dataclasses, results as data."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.message import Message

from ...domain.models import Customer
from ...domain.sale import Sale
from ...services.sale_api import (
    CarPassFetch,
    PrintedVersion,
    SaleRecord,
    SaleReview,
    SaleStart,
    SaleSummary,
    StockEntry,
    TradeInLookup,
)


@dataclass
class SaleStarted(Message):
    start: SaleStart


@dataclass
class SaleLoaded(Message):
    record: SaleRecord


@dataclass
class Refused(Message):
    """A service said no: `code` (SaleDeskError, SaleConflict), the `field` at fault, typed `params`."""

    code: str
    field: str | None = None
    params: dict | None = None


@dataclass
class Saved(Message):
    """The sale as typed was stored and reviewed (`sale`: what was saved, to drop a stale answer)."""

    sale: Sale
    record: SaleRecord
    review: SaleReview


@dataclass
class NotReady(Message):
    """The print was refused: everything missing and every finding that blocks."""

    review: SaleReview


@dataclass
class Printed(Message):
    version: PrintedVersion
    paths: list[Path]


@dataclass
class CarPassFetched(Message):
    fetch: CarPassFetch


@dataclass
class TradeInFound(Message):
    found: TradeInLookup


@dataclass
class CustomerAdded(Message):
    customer: Customer


@dataclass
class SalesListed(Message):
    sales: list[SaleSummary]


@dataclass
class StockListed(Message):
    entries: list[StockEntry]
