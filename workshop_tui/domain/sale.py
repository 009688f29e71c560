"""A used-car sale at reception, as data (pydantic, no I/O), and the fields it still lacks.

Every field is optional while the sale is being typed (None: not given yet); `missing_fields`
lists the mandatory ones still empty, all at once, so the review screen can highlight each.
The seller's particulars (name, trade name, enterprise number, address, phone, e-mail) come
from the garage's settings, not from the sale.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, Field, field_validator

from .checklist import Checklist, CheckState

LEGAL_WARRANTY_MONTHS = 24  # Civil Code art. 1649quater: two years unless reduced in writing


class BuyerKind(StrEnum):
    CONSUMER = "consumer"
    COMPANY = "company"  # not in the vehicle trade: a Car-Pass is still due
    TRADER = "trader"  # a professional of the vehicle trade


class DocumentStatus(StrEnum):
    """What became of a document the app cannot produce (pink registration-request form, COC)."""

    HANDED_OVER = "handed_over"
    NOT_REQUIRED_IMPORTED = "not_required_imported"  # imported after registration in another EU state


class Buyer(BaseModel):
    kind: BuyerKind | None = None
    customer_id: int | None = None  # an existing customer, or None for one created from the sale
    first_name: str | None = None
    last_name: str | None = None
    company_name: str | None = None
    vat_number: str | None = None
    address: str | None = None
    phone: str | None = None
    email: str | None = None
    language: str | None = None  # fr, nl or en: the language of the contract and checklist


class SaleVehicle(BaseModel):
    vin: str | None = None
    make: str | None = None
    model: str | None = None
    type: str | None = None
    engine: str | None = None
    colour: str | None = None
    colour_code: str | None = None  # not in the registry record: asked
    first_entry_into_service: date | None = None
    displayed_km: int | None = Field(default=None, ge=0)


class CarPass(BaseModel):
    """The Car-Pass handed to the buyer, as read from it."""

    id: str | None = None
    issued: date | None = None
    vin: str | None = None
    last_km: int | None = Field(default=None, ge=0)


class TradeIn(BaseModel):
    make: str | None = None
    model: str | None = None
    type: str | None = None
    engine: str | None = None
    colour: str | None = None
    vin: str | None = None
    first_entry_into_service: date | None = None


class CommercialWarranty(BaseModel):
    scope: str | None = None
    duration_months: int | None = Field(default=None, ge=0)
    conditions: str | None = None
    giver: str | None = None  # who gives it
    contact: str | None = None  # whom to contact


class Documents(BaseModel):
    registration_request_form: DocumentStatus | None = None  # the pink form
    certificate_of_conformity: DocumentStatus | None = None


class PointCheck(BaseModel):
    """One checklist point as ticked at the sale."""

    state: CheckState | None = None
    remark: str = ""


class Sale(BaseModel):
    """A sale as typed at reception."""

    sale_date: date | None = None  # date of signature
    signature_place: str | None = None
    buyer: Buyer = Field(default_factory=Buyer)
    vehicle: SaleVehicle = Field(default_factory=SaleVehicle)
    carpass: CarPass | None = None  # None: no Car-Pass handed over
    trade_in: TradeIn | None = None
    price_incl_vat: Decimal | None = Field(default=None, ge=0, decimal_places=2)
    delivery_on: date | None = None  # a fixed delivery date...
    delivery_by: date | None = None  # ...or a deadline
    legal_warranty_months: int = Field(default=LEGAL_WARRANTY_MONTHS, ge=0)
    commercial_warranty: CommercialWarranty | None = None
    options: list[str] = []
    accessories: list[str] = []  # accessories and equipment
    essential_characteristics: list[str] = []  # what the buyer said matters to them
    off_premises: bool = False  # off-premises or distance sale: right of withdrawal applies
    documents: Documents = Field(default_factory=Documents)
    checklist: dict[str, PointCheck] = {}  # point id -> tick

    @field_validator("price_incl_vat", mode="before")
    @classmethod
    def _no_float(cls, v: object) -> object:
        if isinstance(v, float):
            raise ValueError("give the amount as a string such as '12500.00', not a float")
        return v


def _empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _missing(prefix: str, model: BaseModel | None, names: tuple[str, ...]) -> list[str]:
    return [f"{prefix}.{name}" for name in names if model is None or _empty(getattr(model, name))]


_EVERY_SALE_VEHICLE = ("vin", "make", "model", "displayed_km")
_CONSUMER_VEHICLE = ("type", "engine", "colour", "colour_code", "first_entry_into_service")
_CARPASS = ("id", "issued", "vin", "last_km")
_TRADE_IN = ("make", "model", "type", "engine", "colour", "vin", "first_entry_into_service")
_COMMERCIAL_WARRANTY = ("scope", "duration_months", "conditions", "giver", "contact")
_DOCUMENTS = ("registration_request_form", "certificate_of_conformity")


def _buyer_fields(kind: BuyerKind | None) -> tuple[str, ...]:
    if kind is BuyerKind.CONSUMER:
        return ("first_name", "last_name", "address", "phone", "email")
    if kind is BuyerKind.COMPANY:
        return ("company_name", "vat_number", "address")
    if kind is BuyerKind.TRADER:
        return ("company_name", "vat_number")
    return ()


def missing_fields(sale: Sale, checklist: Checklist | None = None) -> list[str]:
    """Keys of every mandatory field still empty, in screen order.

    Every sale needs the date, the buyer's kind and identity, the vehicle's VIN, make, model
    and displayed km, the price and the documents handed over; a Car-Pass is due unless the
    buyer is a trader. The rest of the contract of the Royal Decree of 5 April 2019 art. 3
    (place of signature, the vehicle in full, the trade-in, delivery, a commercial warranty's
    particulars, the checklist ticks when `checklist` is given) is due for consumers only.
    """
    kind = sale.buyer.kind
    consumer = kind is BuyerKind.CONSUMER
    missing = []
    if sale.sale_date is None:
        missing.append("sale_date")
    if consumer and _empty(sale.signature_place):
        missing.append("signature_place")
    if kind is None:
        missing.append("buyer.kind")
    missing += _missing("buyer", sale.buyer, _buyer_fields(kind))
    missing += _missing("vehicle", sale.vehicle, _EVERY_SALE_VEHICLE + (_CONSUMER_VEHICLE if consumer else ()))
    if kind is not BuyerKind.TRADER:
        missing += _missing("carpass", sale.carpass, _CARPASS)
    if consumer and sale.trade_in is not None:
        missing += _missing("trade_in", sale.trade_in, _TRADE_IN)
    if sale.price_incl_vat is None:
        missing.append("price_incl_vat")
    if consumer and sale.delivery_on is None and sale.delivery_by is None:
        missing.append("delivery")
    if consumer and sale.commercial_warranty is not None:
        missing += _missing("commercial_warranty", sale.commercial_warranty, _COMMERCIAL_WARRANTY)
    missing += _missing("documents", sale.documents, _DOCUMENTS)
    if consumer and checklist is not None:
        missing += [
            f"checklist.{point.id}"
            for point in checklist.points
            if point.id not in sale.checklist or sale.checklist[point.id].state is None
        ]
    return missing
