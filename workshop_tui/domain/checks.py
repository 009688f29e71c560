"""Checks before a reading is sent: what Car-Pass asks dealer software to stop at the source.

All problems are returned at once as findings (code, field key, typed params), so the UI can
list every missing field in one message and highlight each of them.
"""

from __future__ import annotations

from datetime import datetime

from .findings import Finding, Severity
from .mileage import ROLLBACK, check_reading
from .models import MANDATORY_VEHICLE_FIELDS, JobDraft, JobFacts, Reading, RegistryVehicle, VehicleFacts
from .vin import check as check_vin

# The codes `problems` emits besides the VIN's (`vin.CODES`).
MISSING = "MISSING"  # field: the key of the empty field
NEGATIVE_TOTAL = "NEGATIVE_TOTAL"
FUTURE_READING = "FUTURE_READING"
NEGATIVE_KM = "NEGATIVE_KM"
ROLLBACK_UNLESS_REPLACED = "ROLLBACK_UNLESS_REPLACED"  # a ROLLBACK finding's params
CODES = (MISSING, NEGATIVE_TOTAL, FUTURE_READING, NEGATIVE_KM, ROLLBACK_UNLESS_REPLACED)

# Every field key `missing_fields` and `problems` name, in screen order.
FIELDS = (
    "vin",
    "odometer_km",
    "work",
    "job_lines",
    "total_incl_vat",
    "reading_at",
    *(f"vehicle.{name}" for name in MANDATORY_VEHICLE_FIELDS),
)


def missing_fields(draft: JobDraft, vehicle: RegistryVehicle | None) -> list[str]:
    """Keys of every mandatory field still empty, in screen order."""
    missing = []
    if not draft.vin.strip():
        missing.append("vin")
    if draft.odometer_km is None:
        missing.append("odometer_km")
    if not draft.work:
        missing.append("work")
    if not [line for line in draft.job_lines if line.strip()]:
        missing.append("job_lines")
    if draft.total_incl_vat is None:
        missing.append("total_incl_vat")
    for name in MANDATORY_VEHICLE_FIELDS:
        if vehicle is None or getattr(vehicle, name) in (None, ""):
            missing.append(f"vehicle.{name}")
    return missing


def vehicle_facts(vehicle: RegistryVehicle) -> VehicleFacts:
    return VehicleFacts(
        category=vehicle.category or "",
        max_mass_kg=vehicle.max_mass_kg,
        registered_in_belgium=vehicle.registered_in_belgium is not False,
    )


def job_facts(draft: JobDraft, vehicle: RegistryVehicle) -> JobFacts:
    """The rules' view of a complete draft (call after `problems` found nothing missing)."""
    if draft.total_incl_vat is None:
        raise ValueError("job_facts needs a complete draft: `problems` reports the missing total")
    return JobFacts(
        work=draft.work,
        total_incl_vat=draft.total_incl_vat,
        customer_vat_registered=draft.customer_vat_registered,
        vehicle=vehicle_facts(vehicle),
        role=draft.role,
    )


def problems(draft: JobDraft, vehicle: RegistryVehicle | None, history: list[Reading], now: datetime) -> list[Finding]:
    """Everything that stops this draft from being recorded and sent, all at once."""
    found = [Finding(MISSING, Severity.BLOCK, key, {"field": key}) for key in missing_fields(draft, vehicle)]
    if draft.vin.strip():
        found.extend(check_vin(draft.vin, now.date()).errors)
    if draft.total_incl_vat is not None and draft.total_incl_vat < 0:
        found.append(Finding(NEGATIVE_TOTAL, Severity.BLOCK, "total_incl_vat"))
    reading_at = draft.reading_at or now
    if reading_at > now:
        found.append(Finding(FUTURE_READING, Severity.BLOCK, "reading_at"))
    if draft.odometer_km is not None:
        if draft.odometer_km < 0:
            found.append(Finding(NEGATIVE_KM, Severity.BLOCK, "odometer_km"))
        else:
            new = Reading(
                on=reading_at.date(),
                km=draft.odometer_km,
                odometer_replaced=draft.odometer_replaced,
                five_digit_odometer=draft.five_digit_odometer,
            )
            found.extend(
                Finding(ROLLBACK_UNLESS_REPLACED, Severity.BLOCK, "odometer_km", f.params)
                for f in check_reading(history, new)
                if f.code == ROLLBACK
            )
    return found
