"""The HTTP contract with Car-Pass and the vehicle registry, shared by the clients and the sandbox.

Modelled on Car-Pass's "Inflow" web service for dealer software (REST, JSON, camelCase field
names); docs/api.md explains every operation. The sandbox serves the same models as OpenAPI.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from functools import cache, cached_property
from importlib.resources import files
from string import Formatter
from urllib.parse import quote

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic.alias_generators import to_camel

from ..domain.identifiers import compact, enterprise_number_error
from ..domain.lifecycle import ELECTRONIC_CORRECTIONS_ALLOWED
from ..domain.models import RegistryVehicle
from ..domain.vin import check as check_vin
from ..domain.work import WorkKind

IDEMPOTENCY_HEADER = "Idempotency-Key"
MAX_ODOMETER_KM = 9_999_999
MAX_FIVE_DIGIT_KM = 99_999

# Car-Pass ID as printed beside the QR code of a Car-Pass certificate: 8 to 16 capital letters or
# digits, at least 4 of them digits (the shape scanners/codes.py accepts). The VHR route takes it
# as path parameter; separators (spaces, dots, dashes) are dropped first.
CARPASS_ID_PATTERN = r"(?=(?:[A-Z]*\d){4})[A-Z0-9]{8,16}"
_CARPASS_ID = re.compile(CARPASS_ID_PATTERN)
_SEPARATORS = re.compile(r"[\s\-.]+")


def _compact(raw: str) -> str:
    return _SEPARATORS.sub("", raw).upper()


def normalise_carpass_id(raw: str) -> str:
    """Upper-case and drop spaces, dashes and dots: 'cp12 3456-7890ab' -> 'CP1234567890AB'."""
    return _compact(raw)


def compact_plate(raw: str) -> str:
    """A license plate without separators, upper case: '1-abc-123' -> '1ABC123'."""
    return _compact(raw)


def carpass_id_error(raw: str) -> str | None:
    """None when `raw` normalises to a well-formed Car-Pass ID, else why not."""
    if _CARPASS_ID.fullmatch(normalise_carpass_id(raw)):
        return None
    return "a Car-Pass ID has 8 to 16 letters or digits, at least 4 of them digits"


# Request fields, as the service names them, and the job field a person edits to fix each.
_DRAFT_FIELDS = {
    "vin": "vin",
    "observationDate": "reading_at",
    "odometerValue": "odometer_km",
    "odometerReplaced": "odometer_replaced",
    "fiveDigitOdometer": "five_digit_odometer",
    "reference": "job_reference",
    "activityCodes": "work",
    "jobLines": "job_lines",
}


def draft_field(details: Sequence[str]) -> str | None:
    """The job field the first of the service's 'field: problem' lines names, if it names one."""
    for detail in details:
        name, colon, _ = detail.partition(":")
        found = _DRAFT_FIELDS.get(to_camel(name.strip().split(".")[-1])) if colon else None
        if found:
            return found
    return None


def validation_problems(error: ValidationError) -> list[str]:
    """One 'field: problem' line per error, without the offending input (it may be personal data)."""
    return [
        f"{'.'.join(str(p) for p in e['loc']) or 'body'}: {e['msg']}"
        for e in error.errors(include_url=False, include_input=False)
    ]


class Model(BaseModel):
    """camelCase on the wire, snake_case in Python; unknown fields from the service are ignored."""

    model_config = ConfigDict(
        alias_generator=to_camel, validate_by_name=True, validate_by_alias=True, serialize_by_alias=True, extra="ignore"
    )


def _valid_vin(value: str) -> str:
    report = check_vin(value)
    if not report.valid:
        raise ValueError("; ".join(e.code for e in report.errors))
    return report.vin


def _valid_enterprise_number(value: str) -> str:
    error = enterprise_number_error(value)
    if error:
        raise ValueError(error.code)
    return compact(value).zfill(10)


class Reading(Model):
    """The odometer facts of an observation, shared by the first report and its correction."""

    observation_date: datetime = Field(
        description="Date and time of the reading (ISO 8601; Belgian local time if no offset)"
    )
    odometer_value: int = Field(ge=0, le=MAX_ODOMETER_KM, description="Odometer value as displayed, in km")
    odometer_replaced: bool = Field(False, description="The odometer was replaced during this job")
    five_digit_odometer: bool = Field(False, description="The odometer shows only five digits (wraps at 100 000)")

    @model_validator(mode="after")
    def _five_digits_fit(self) -> Reading:
        if self.five_digit_odometer and self.odometer_value > MAX_FIVE_DIGIT_KM:
            raise ValueError(f"a five-digit odometer cannot show more than {MAX_FIVE_DIGIT_KM} km")
        return self


class ObservationRequest(Reading):
    """POST /observation: one odometer reading. VIN is the key; the plate is only a fallback."""

    vin: str | None = Field(None, description="VIN, 17 characters; required unless licensePlate is given")
    license_plate: str | None = Field(
        None, max_length=12, description="Belgian plate, used by Car-Pass only when no VIN is given"
    )
    reference: str = Field(min_length=1, max_length=50, description="The submitter's job or invoice reference")
    enterprise_number: str = Field(description="KBO/BCE number of the legally responsible enterprise, 10 digits")

    @field_validator("vin")
    @classmethod
    def _check_vin(cls, value: str | None) -> str | None:
        return None if value is None else _valid_vin(value)

    @field_validator("license_plate")
    @classmethod
    def _compact_plate(cls, value: str | None) -> str | None:
        return None if value is None else (compact_plate(value) or None)

    @field_validator("enterprise_number")
    @classmethod
    def _check_enterprise_number(cls, value: str) -> str:
        return _valid_enterprise_number(value)

    @model_validator(mode="after")
    def _identified(self) -> ObservationRequest:
        if self.vin is None and self.license_plate is None:
            raise ValueError("give the VIN (or, failing that, the license plate)")
        return self


class RequestReference(Model):
    """The answer to the POSTs: the observation they concern."""

    request_guid: str


class ObservationStatus(StrEnum):
    ONGOING = "ONGOING"  # received, not processed yet (e.g. description still missing)
    ACCEPTED = "ACCEPTED"
    REVIEWING = "REVIEWING"  # Car-Pass staff check an anomaly
    REJECTED = "REJECTED"  # see issues; one electronic correction allowed
    WAITING_FOR_DIV = "WAITING_FOR_DIV"  # VIN not yet known from the vehicle registry (DIV)

    @property
    def is_final(self) -> bool:
        return self in (ObservationStatus.ACCEPTED, ObservationStatus.REJECTED)


class Issue(Model):
    issue_number: int
    message: str


class StatusResult(Model):
    """GET /observation/{requestGuid}/status."""

    request_guid: str
    status: ObservationStatus
    acknowledgement_number: str | None = Field(None, description="Set when ACCEPTED")
    error_number: str | None = Field(None, description="Unique number of a rejection, set when REJECTED")
    issues: list[Issue] = []
    corrections_used: int = 0

    @property
    def correction_allowed(self) -> bool:
        return self.corrections_used < ELECTRONIC_CORRECTIONS_ALLOWED


class DescriptionResult(RequestReference):
    """The answer to POST /observation/{requestGuid}/description.

    `currentStatus` is an extension of the Inflow contract (docs/api.md): the status a status read
    would show right after the description, so that a final verdict needs no GET status. A service
    that leaves it out is asked with GET /observation/{requestGuid}/status instead.
    """

    current_status: StatusResult | None = Field(
        None, description="The observation's status once described (extension; absent: use GET …/status)"
    )


class DescriptionRequest(Model):
    """POST /observation/{requestGuid}/description: the work done, mandatory since 1 January 2024."""

    activity_codes: list[str] = Field(min_length=1, description="Car-Pass standard activity codes (GET /activities)")
    job_lines: list[str] = Field(min_length=1, description="The job lines as printed on the invoice")

    @field_validator("job_lines")
    @classmethod
    def _no_blank_lines(cls, lines: list[str]) -> list[str]:
        lines = [line.strip() for line in lines]
        if not all(lines):
            raise ValueError("job lines must not be blank")
        return lines


class CorrectionRequest(Reading):
    """POST /observation/{requestGuid}/correction: the new values of a wrong or rejected observation."""

    vin: str | None = Field(None, description="Corrected VIN; omitted keeps the one first sent")

    @field_validator("vin")
    @classmethod
    def _check_vin(cls, value: str | None) -> str | None:
        return None if value is None else _valid_vin(value)


class Activity(Model):
    """One Car-Pass standard description of work, in the three national languages."""

    code: str
    description: dict[str, str] = Field(description="Keyed by language: en, fr, nl")


class ActivityList(Model):
    activities: list[Activity]


class MileageRecord(Model):
    on: date = Field(alias="date")
    km: int
    source: str


class Recall(Model):
    reference: str
    description: str


class VehicleHistoryReport(Model):
    """GET /observation/{requestGuid}/status/vhr and GET /carpass/{carpassId}."""

    vin: str
    carpass_id: str | None = None
    make: str | None = None
    model: str | None = None
    euro_norm: str | None = None
    co2_grams_per_km: int | None = None
    post_accident_inspection_pending: bool = False
    open_recalls: list[Recall] = []
    first_belgian_registration: date | None = None
    mileage_history: list[MileageRecord] = []
    generated_at: datetime


class RegistryRecord(Model):
    """GET /vehicles/{vin} on the vehicle registry; the comments give the registration certificate box."""

    vin: str
    make: str | None = None  # D.1
    first_registration: date | None = None  # B
    version: str | None = None  # D.2
    type_code: str | None = None  # D.2.1
    commercial_name: str | None = None  # D.3
    genre: str | None = None  # J.1
    eu_category: str | None = None  # J
    max_mass_kg: int | None = None  # F.2
    fuel: str | None = None  # P.3
    colour: str | None = None  # R
    model_year: int | None = None
    first_belgian_registration: date | None = None
    registered_in_belgium: bool | None = None

    def to_vehicle(self, fetched_at: datetime) -> RegistryVehicle:
        fields = self.model_dump(by_alias=False, exclude={"eu_category"})
        return RegistryVehicle(**fields, category=self.eu_category, fetched_at=fetched_at)


class ErrorCode(StrEnum):
    VALIDATION_ERROR = "VALIDATION_ERROR"
    AUTHENTICATION_FAILED = "AUTHENTICATION_FAILED"
    NOT_FOUND = "NOT_FOUND"
    METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED"
    OBSERVATION_NOT_FOUND = "OBSERVATION_NOT_FOUND"
    VEHICLE_NOT_FOUND = "VEHICLE_NOT_FOUND"
    CARPASS_NOT_FOUND = "CARPASS_NOT_FOUND"
    CORRECTION_LIMIT = "CORRECTION_LIMIT"
    REPORT_NOT_AVAILABLE = "REPORT_NOT_AVAILABLE"
    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
    MAINTENANCE = "MAINTENANCE"
    SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE"
    INTERNAL_ERROR = "INTERNAL_ERROR"


class ErrorBody(Model):
    """Every 4xx/5xx answer. `code` is a string so that codes added later stay readable."""

    code: str
    message: str
    details: list[str] = []


class Service(StrEnum):
    CARPASS = "carpass"
    REGISTRY = "registry"


@dataclass(frozen=True)
class Operation:
    """One HTTP operation; `path` is relative to its service's base URL."""

    name: str
    service: Service
    method: str
    path: str
    summary: str
    response: type[Model]
    request: type[Model] | None = None
    success: int = 200
    errors: tuple[int, ...] = ()
    idempotency_key: bool = False  # the Idempotency-Key header is required
    idempotent: bool = False  # repeating the same request has no further effect
    authenticated: bool = True

    @property
    def retry_safe(self) -> bool:
        """May a client repeat it after a lost answer? (RFC 9110 safe/idempotent, or keyed)."""
        return self.method == "GET" or self.idempotent or self.idempotency_key

    @cached_property
    def parameters(self) -> list[str]:
        return [name for _, name, _, _ in Formatter().parse(self.path) if name]

    def url(self, **values: str) -> str:
        """The path with its parameters filled in and percent-encoded."""
        return self.path.format(**{k: quote(str(v), safe="") for k, v in values.items()})


POST_OBSERVATION = Operation(
    "postObservation",
    Service.CARPASS,
    "POST",
    "/observation",
    "Report an odometer reading",
    RequestReference,
    ObservationRequest,
    success=201,
    errors=(400, 401, 422, 503),
    idempotency_key=True,
)
OBSERVATION_STATUS = Operation(
    "getObservationStatus",
    Service.CARPASS,
    "GET",
    "/observation/{requestGuid}/status",
    "Where the observation stands in the workflow",
    StatusResult,
    errors=(401, 404, 503),
)
POST_DESCRIPTION = Operation(
    "postDescription",
    Service.CARPASS,
    "POST",
    "/observation/{requestGuid}/description",
    "Describe the work done (replaces an earlier description); the answer carries the current status",
    DescriptionResult,
    DescriptionRequest,
    errors=(400, 401, 404, 503),
    idempotent=True,
)
POST_CORRECTION = Operation(
    "postCorrection",
    Service.CARPASS,
    "POST",
    "/observation/{requestGuid}/correction",
    "The one electronic correction of an observation",
    RequestReference,
    CorrectionRequest,
    errors=(400, 401, 404, 409, 422, 503),
    idempotency_key=True,
)
VEHICLE_HISTORY = Operation(
    "getVehicleHistoryReport",
    Service.CARPASS,
    "GET",
    "/observation/{requestGuid}/status/vhr",
    "Vehicle history report of an accepted observation",
    VehicleHistoryReport,
    errors=(401, 404, 409, 503),
)
CARPASS_REPORT = Operation(
    "getCarPassReport",
    Service.CARPASS,
    "GET",
    "/carpass/{carpassId}",
    "Vehicle history report from the Car-Pass ID of a certificate",
    VehicleHistoryReport,
    errors=(400, 401, 404, 503),
)
ACTIVITIES = Operation(
    "getActivities",
    Service.CARPASS,
    "GET",
    "/activities",
    "Car-Pass standard activity codes",
    ActivityList,
    errors=(401, 503),
)
REGISTRY_VEHICLE = Operation(
    "getRegistryVehicle",
    Service.REGISTRY,
    "GET",
    "/vehicles/{vin}",
    "Vehicle registry (DIV) record of a VIN",
    RegistryRecord,
    errors=(400, 404, 503),
    authenticated=False,
)
OPERATIONS = (
    POST_OBSERVATION, OBSERVATION_STATUS, POST_DESCRIPTION, POST_CORRECTION,
    VEHICLE_HISTORY, CARPASS_REPORT, ACTIVITIES, REGISTRY_VEHICLE,
)  # fmt: skip


@dataclass(frozen=True)
class StandardActivity:
    """A row of data/activities.csv: an activity and the WorkKind it stands for, if any."""

    activity: Activity
    work_kind: WorkKind | None


@cache
def standard_activities() -> tuple[StandardActivity, ...]:
    """Car-Pass standard activities shipped in data/activities.csv."""
    text = files("workshop_tui.data").joinpath("activities.csv").read_text(encoding="utf-8")
    return tuple(
        StandardActivity(
            Activity(code=row["code"], description={lang: row[lang] for lang in ("en", "fr", "nl")}),
            WorkKind(row["work_kind"]) if row["work_kind"] else None,
        )
        for row in csv.DictReader(text.splitlines())
    )


def activity_codes_for(work: Iterable[WorkKind]) -> list[str]:
    """Activity codes for the kinds of work of a job, in job order, without duplicates.

    Kinds outside the law (car wash, towing, lettering) have no code and are left out.
    """
    by_kind = {row.work_kind: row.activity.code for row in standard_activities() if row.work_kind}
    return list(dict.fromkeys(by_kind[kind] for kind in work if kind in by_kind))
