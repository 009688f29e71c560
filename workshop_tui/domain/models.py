"""Domain models shared by the rules, storage, services and UI (pydantic, no I/O)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .findings import Finding
from .lifecycle import Status, status
from .lifecycle import SubmissionState as SubmissionState  # re-exported: the state of a SubmissionView
from .work import Role, WorkKind


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class VehicleFacts(Frozen):
    """What the rules need to know about the vehicle."""

    category: str = Field(description="EU category: M1, N1, M2, M3, N2, N3, L1e-L7e, T, C...")
    max_mass_kg: int | None = Field(default=None, ge=0)
    registered_in_belgium: bool = True

    @field_validator("category")
    @classmethod
    def _upper(cls, v: str) -> str:
        v = v.strip().upper()
        if not v:
            raise ValueError("category is empty")
        return v


class JobFacts(Frozen):
    """What the rules need to know about the job."""

    work: list[WorkKind] = Field(min_length=1)
    total_incl_vat: Decimal = Field(ge=0, decimal_places=2)
    customer_vat_registered: bool
    vehicle: VehicleFacts
    role: Role = Role.MAIN

    @field_validator("total_incl_vat", mode="before")
    @classmethod
    def _no_float(cls, v: object) -> object:
        if isinstance(v, float):
            raise ValueError("give the amount as a string such as '125.00', not a float")
        return v

    @field_validator("total_incl_vat")
    @classmethod
    def _cents(cls, v: Decimal) -> Decimal:
        return v.quantize(Decimal("0.01"))


class Reason(Frozen):
    """Why a verdict is what it is: a stable code, typed params and the code of its legal reference."""

    model_config = ConfigDict(frozen=True, extra="ignore")  # verdicts stored before params had a text

    code: str
    params: dict[str, Any] = {}
    reference: str


class Verdict(Frozen):
    """The rules' answer: must we report, who reports, and why."""

    must_report: bool
    reporter: str | None
    reasons: list[Reason]
    warnings: list[Finding] = []

    @property
    def codes(self) -> list[str]:
        return [r.code for r in self.reasons]


class Source(StrEnum):
    """Where a vehicle field came from."""

    REGISTRY = "registry"
    CACHE = "cache"
    TYPED = "typed"
    SANDBOX = "sandbox"


class Reading(Frozen):
    """One odometer reading of a vehicle."""

    on: date
    km: int = Field(ge=0)
    odometer_replaced: bool = False
    five_digit_odometer: bool = False
    source: str = "workshop"


class RegistryVehicle(BaseModel):
    """Vehicle registry (DIV) fields; any of them may be missing."""

    vin: str
    make: str | None = Field(default=None, description="D.1")
    first_registration: date | None = Field(default=None, description="B")
    version: str | None = Field(default=None, description="D.2")
    type_code: str | None = Field(default=None, description="D.2.1")
    commercial_name: str | None = Field(default=None, description="D.3")
    genre: str | None = Field(default=None, description="J.1")
    category: str | None = None
    max_mass_kg: int | None = None
    fuel: str | None = None
    colour: str | None = None
    model_year: int | None = None
    first_belgian_registration: date | None = None
    registered_in_belgium: bool | None = None
    fetched_at: datetime | None = None


# Fields a job cannot be submitted without; the UI lists all missing ones at once.
MANDATORY_VEHICLE_FIELDS = ("make", "commercial_name", "category", "max_mass_kg", "model_year")


class CustomerKind(StrEnum):
    PRIVATE = "private"
    PROFESSIONAL = "professional"


class Customer(BaseModel):
    """A customer; a professional one carries a checked Belgian VAT/enterprise number."""

    id: int | None = None
    name: str = Field(min_length=1)
    kind: CustomerKind = CustomerKind.PRIVATE
    vat_number: str | None = None

    @property
    def vat_registered(self) -> bool:
        return self.kind is CustomerKind.PROFESSIONAL


class JobDraft(BaseModel):
    """A job as typed at the terminal; every field optional until submission is checked."""

    vin: str = ""
    odometer_km: int | None = None
    odometer_replaced: bool = False
    five_digit_odometer: bool = False
    work: list[WorkKind] = []
    job_lines: list[str] = []
    total_incl_vat: Decimal | None = None
    customer_id: int | None = None
    customer_vat_registered: bool = False
    role: Role = Role.MAIN
    reading_at: datetime | None = None
    job_reference: str = ""
    license_plate: str = ""  # as the vehicle carries it that day (in Belgium the plate follows the owner)


class SubmissionView(BaseModel):
    """What the UI shows of one submission."""

    id: int
    job_id: int
    vin: str
    odometer_km: int
    state: SubmissionState
    server_status: str | None = None
    request_guid: str | None = None
    ack_number: str | None = None
    error_number: str | None = None
    issues: list[str] = []
    attempts: int = 0
    next_attempt_at: datetime | None = None
    last_error: str | None = None
    corrections_used: int = 0
    created_at: datetime
    problem_code: str | None = None  # needs fixing or settings: the service's error code
    problem_message: str | None = None  # ... its words (truncated)
    problem_field: str | None = None  # ... and the field it names, when it names one
    cancel_reason: str | None = None

    @property
    def status(self) -> Status:
        return status(self.state, self.server_status, self.last_error)
