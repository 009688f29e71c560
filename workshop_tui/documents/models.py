"""What each document needs, as plain models: callers map their own records into these.

Every string field is a `Text`, cleaned of control characters when the model is built, so
nothing a person, a file or a remote service typed reaches a document or an export raw.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field

from ..domain.models import SubmissionState
from ..domain.work import WorkKind
from .text import Text


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Garage(_Model):
    """The firm that hands the document over (the configured identity, also in sandbox mode)."""

    name: Text
    address: Text = ""
    enterprise_number: Text = ""
    establishment_number: Text = ""
    trade_name: Text = ""
    phone: Text = ""
    email: Text = ""
    sandbox: bool = False


class Vehicle(_Model):
    vin: Text
    plate: Text = ""
    make: Text = ""
    model: Text = ""


class Reading(_Model):
    """The odometer reading as displayed, and the day it was read."""

    km: int = Field(ge=0)
    on: date
    odometer_replaced: bool = False
    five_digit_odometer: bool = False


class Submission(_Model):
    """Where the reading stands at Car-Pass: the state code and the numbers the service gave."""

    state: SubmissionState
    ack_number: Text = ""
    error_number: Text = ""
    request_id: Text = ""
    issues: list[Text] = []


class Document(_Model):
    """A printable document; `template` names its Jinja2 template."""

    template: ClassVar[str]
    two_copies: ClassVar[bool] = False
    garage: Garage
    vehicle: Vehicle | SaleVehicle


class HistoryEntry(_Model):
    """One job on a vehicle and its reading, as this terminal recorded and reported it."""

    customer: Text = ""
    vehicle: Vehicle
    reading: Reading
    work: list[WorkKind] = []
    job_lines: list[Text] = []
    total_incl_vat: Decimal | None = None
    submission: Submission


class Receipt(Document, HistoryEntry):
    """The receipt handed to the customer after the job."""

    template: ClassVar[str] = "receipt.html"
    vehicle: Vehicle


class CorrectionForm(Document, HistoryEntry):
    """The paper correction Car-Pass wants signed once the electronic correction is used."""

    template: ClassVar[str] = "correction.html"
    vehicle: Vehicle


class HistoryReport(Document):
    """Every reading of one vehicle, oldest first."""

    template: ClassVar[str] = "history.html"
    customer: Text = ""
    vehicle: Vehicle
    entries: list[HistoryEntry]
    printed_on: date


class Person(_Model):
    """A party to a sale: a consumer, or the person signing for a company."""

    first_name: Text = ""
    name: Text
    company: Text = ""
    vat_number: Text = ""
    address: Text = ""
    phone: Text = ""
    email: Text = ""


class SaleVehicle(_Model):
    """The vehicle sold, with what the buyer and seller agreed on."""

    vin: Text
    plate: Text = ""
    make: Text = ""
    model: Text = ""
    type: Text = ""
    engine: Text = ""
    colour: Text = ""
    colour_code: Text = ""
    first_entry_into_service: date | None = None
    displayed_km: int = Field(ge=0)
    displayed_km_on: date
    options: list[Text] = []
    accessories: list[Text] = []


class TradeIn(_Model):
    make: Text = ""
    model: Text = ""
    type: Text = ""
    engine: Text = ""
    colour: Text = ""
    vin: Text = ""
    first_entry_into_service: date | None = None


class CommercialWarranty(_Model):
    scope: Text
    duration: Text
    conditions: Text = ""
    provider: Text
    contact: Text = ""


class CarPass(_Model):
    """The Car-Pass handed to the buyer."""

    id: Text
    issued: date


class HandedOver(_Model):
    """A document handed over with the vehicle, or why it was not needed."""

    name: Text
    handed_over: bool
    note: Text = ""


class LegalTexts(_Model):
    """Wording of the law, supplied by the dealer's counsel; an empty one prints a marked placeholder."""

    legal_warranty: Text = ""
    withdrawal_right: Text = ""


class SaleContract(Document):
    """The sale of a vehicle to a consumer, headings of the Royal Decree of 5 April 2019 art. 3."""

    template: ClassVar[str] = "contract.html"
    two_copies: ClassVar[bool] = True
    buyer: Person
    vehicle: SaleVehicle
    essential_characteristics: list[Text] = []
    trade_in: TradeIn | None = None
    trade_in_value: Decimal | None = None
    delivery: Text
    total_price_incl_vat: Decimal
    legal_warranty_months: int = Field(default=24, ge=0)
    commercial_warranty: CommercialWarranty | None = None
    off_premises_or_distance: bool = False
    carpass: CarPass | None = None
    handed_over: list[HandedOver] = []
    place: Text
    signed_on: date
    legal_texts: LegalTexts = LegalTexts()


class ChecklistState(StrEnum):
    OK = "ok"
    WEAR = "wear"
    REPAIR = "repair"


class ChecklistPoint(_Model):
    label: Text
    state: ChecklistState | None = None
    remark: Text = ""


class ChecklistGroup(_Model):
    title: Text
    points: list[ChecklistPoint]


class Checklist(Document):
    """The used-vehicle checklist, ticked point by point and signed by both parties."""

    template: ClassVar[str] = "checklist.html"
    two_copies: ClassVar[bool] = True
    buyer: Person
    vehicle: SaleVehicle
    source: Text = Field(min_length=1, description="where the point list comes from, printed in the header")
    official: bool = False
    groups: list[ChecklistGroup]
    place: Text
    signed_on: date
