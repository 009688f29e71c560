"""`workshop-tui submit`: one job as JSON on stdin, recorded through the terminal's own path
(the same checks, one transaction with its outbox row), once per `reference` (issue 9 H).

So invoicing and shop software can report through this terminal's outbox:

    {"reference": "INV-2026-0042", "vin": "...", "date": "YYYY-MM-DD", "km": 71900,
     "odometer_replaced": false, "five_digit_odometer": false, "plate": "1-ABC-123",
     "work": ["maintenance"], "job_lines": ["Oil and filter"], "total_incl_vat": "189.90",
     "customer": {"name": "Jan Peeters", "vat_number": null}, "role": "main",
     "vehicle": {...}?, "confirm": ["KM_BELOW_PREVIOUS"]?}

Prints `{"job_id", "submission_id", "state", "must_report", "reporter", "reasons", "findings",
"repeated"}`; a repeated `reference` prints the job recorded the first time (`"repeated": true`).
Exit 0 when recorded, 1 when a finding blocks or a finding to confirm is not in `confirm`
(nothing is recorded; `{"ok": false, "findings": [...]}` is printed), 2 on bad input.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Sequence
from datetime import date, datetime, time
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, ValidationError, field_validator

from ..domain.check_inputs import MAX_KM
from ..domain.findings import Finding, Severity
from ..domain.models import Customer, CustomerKind, JobDraft, Reading, RegistryVehicle
from ..domain.reading_checks import reading_findings
from ..domain.typed_numbers import MAX_AMOUNT
from ..domain.work import Role, WorkKind
from ..services.api import SubmissionRefused
from ..storage.values import fold
from ..translations.render import finding_text, reason_text
from . import UsageError
from .clock import BRUSSELS, today_in_belgium
from .json_input import read_object, validation_line

EXIT_OK, EXIT_REFUSED = 0, 1
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

Text = Annotated[str, Field(max_length=200)]


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CustomerInput(_Input):
    name: Annotated[str, Field(min_length=1, max_length=200)]
    vat_number: Annotated[str, Field(max_length=40)] | None = None


class VehicleInput(_Input):
    """Registry fields typed by the sender, for a vehicle the registry does not know (or lacks)."""

    make: Text | None = None
    model: Text | None = None
    category: Annotated[str, Field(max_length=10)] | None = None
    max_mass_kg: Annotated[StrictInt, Field(ge=0, le=100_000)] | None = None
    model_year: Annotated[StrictInt, Field(ge=1886, le=2100)] | None = None


class SubmitInput(_Input):
    reference: Annotated[str, Field(min_length=1, max_length=100)]
    vin: Annotated[str, Field(max_length=40)]
    date: date
    km: Annotated[StrictInt, Field(ge=0, le=MAX_KM)]
    odometer_replaced: StrictBool = False
    five_digit_odometer: StrictBool = False
    plate: Annotated[str, Field(max_length=20)] = ""
    work: Annotated[list[WorkKind], Field(min_length=1)]
    job_lines: Annotated[list[Annotated[str, Field(max_length=1000)]], Field(max_length=100)] = []
    total_incl_vat: Annotated[Decimal, Field(ge=0, le=MAX_AMOUNT, decimal_places=2)]
    customer: CustomerInput | None = None
    role: Role = Role.MAIN
    vehicle: VehicleInput | None = None
    confirm: Annotated[list[Annotated[str, Field(max_length=40)]], Field(max_length=20)] = []

    @field_validator("date", mode="before")
    @classmethod
    def _iso_date(cls, value: object) -> object:
        if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
            raise ValueError("must be a date written YYYY-MM-DD")
        return value

    @field_validator("total_incl_vat", mode="before")
    @classmethod
    def _amount(cls, value: object) -> object:
        if isinstance(value, bool) or not isinstance(value, (str, int, Decimal)):
            raise ValueError('must be an amount such as "189.90"')
        return value


def parse(obj: dict) -> SubmitInput:
    try:
        return SubmitInput.model_validate(obj)
    except ValidationError as exc:
        raise UsageError(validation_line(exc)) from None


def _reading_at(day: date) -> datetime:
    """Now for a reading of today, else noon in Belgium that day."""
    if day == today_in_belgium():
        return datetime.now(BRUSSELS)
    return datetime.combine(day, time(12), BRUSSELS)


def _customer(services, given: CustomerInput | None) -> Customer | None:
    """The customer named, found by VAT number or exact name, else added."""
    if given is None:
        return None
    kind = CustomerKind.PROFESSIONAL if given.vat_number else CustomerKind.PRIVATE
    wanted = Customer(name=given.name, kind=kind, vat_number=given.vat_number)
    for known in services.customers.find(given.vat_number or given.name):
        if known.kind is kind and fold(known.name) == fold(given.name):
            return known
    return services.customers.add(wanted)


def _vehicle(services, job: SubmitInput) -> None:
    """Ask the registry for the vehicle; what the sender typed fills the fields it lacks."""
    lookup = services.vehicles.lookup(job.vin)
    if job.vehicle is None:
        return
    typed = {
        "make": job.vehicle.make,
        "commercial_name": job.vehicle.model,
        "category": job.vehicle.category,
        "max_mass_kg": job.vehicle.max_mass_kg,
        "model_year": job.vehicle.model_year,
    }
    record = lookup.record or RegistryVehicle(vin=lookup.vin)
    missing = {name: value for name, value in typed.items() if value is not None and getattr(record, name) is None}
    if missing:
        services.vehicles.save(record.model_copy(update=missing), set(missing))


def _findings_out(findings: Sequence[Finding | str], language: str) -> list[dict]:
    """Findings as the `check` contract prints them; a refusal of the store (a sentence) as INVALID_VALUE."""
    return [
        {"code": f.code, "severity": f.severity.value, "text": finding_text(f, language)}
        if isinstance(f, Finding)
        else {"code": "INVALID_VALUE", "severity": Severity.BLOCK.value, "text": f}
        for f in findings
    ]


def _refused(findings: Sequence[Finding | str], language: str) -> int:
    print(json.dumps({"ok": False, "findings": _findings_out(findings, language)}, ensure_ascii=False))
    return EXIT_REFUSED


def run(args: argparse.Namespace) -> int:
    from .running import workshop  # the services start only for valid input

    job = parse(read_object())
    language = args.lang or "en"
    with workshop(args) as (_, services):
        findings: list[Finding] = []
        if services.submissions.job_by_reference(job.reference) is None:
            reading = Reading(
                on=job.date, km=job.km, odometer_replaced=job.odometer_replaced,
                five_digit_odometer=job.five_digit_odometer,
            )  # fmt: skip
            findings = reading_findings(job.vin, reading, services.vehicles.readings(job.vin), today_in_belgium())
            unconfirmed = [f for f in findings if f.severity is Severity.CONFIRM and f.code not in job.confirm]
            if any(f.severity is Severity.BLOCK for f in findings) or unconfirmed:
                return _refused(findings, language)
        _vehicle(services, job)
        customer = _customer(services, job.customer)
        draft = JobDraft(
            vin=job.vin,
            odometer_km=job.km,
            odometer_replaced=job.odometer_replaced,
            five_digit_odometer=job.five_digit_odometer,
            work=job.work,
            job_lines=job.job_lines,
            total_incl_vat=job.total_incl_vat,
            customer_id=customer.id if customer else None,
            customer_vat_registered=bool(customer and customer.vat_registered),
            role=job.role,
            reading_at=_reading_at(job.date),
            job_reference=job.reference,
            license_plate=job.plate,
        )
        try:
            confirmed = [f.code for f in findings if f.severity is Severity.CONFIRM]
            record, first_time = services.submissions.submit_once(draft, job.reference, confirmed)
        except SubmissionRefused as refused:
            return _refused(refused.problems, language)
        view = services.submissions.get(record.submission_id) if record.submission_id else None
        out = {
            "job_id": record.id,
            "submission_id": record.submission_id,
            "state": view.state.value if view else None,
            "must_report": record.verdict.must_report,
            "reporter": record.verdict.reporter,
            "reasons": [{"code": r.code, "text": reason_text(r, language)} for r in record.verdict.reasons],
            "findings": _findings_out(findings, language),
            "repeated": not first_time,
        }
        print(json.dumps(out, ensure_ascii=False))
    return EXIT_OK
