"""Checks before a reading is sent: what Car-Pass asks dealer software to stop at the source.

All problems are returned at once as findings (code, field key, typed params), so the UI can
list every missing field in one message and highlight each of them.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime

from .codes import FUTURE_READING, MISSING, NEGATIVE_KM, NEGATIVE_TOTAL
from .findings import Finding, Severity
from .models import MANDATORY_VEHICLE_FIELDS, JobDraft, JobFacts, Reading, RegistryVehicle, VehicleFacts
from .reading_checks import reading_findings
from .vin import check as check_vin

# Reading findings `problems` leaves to its own checks: the VIN's detailed codes, FUTURE_READING.
_OWN = frozenset({"INVALID_VIN", "FUTURE_DATE"})

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


def draft_reading_findings(draft: JobDraft, history: list[Reading], today: date) -> list[Finding]:
    """The pre-send checks of `reading_checks` on the draft's reading (dated `today` when undated),
    all severities, without INVALID_VIN (the VIN's own checks say more); none while the km is not typed."""
    if draft.odometer_km is None or draft.odometer_km < 0:
        return []
    new = Reading(
        on=draft.reading_at.date() if draft.reading_at else today,
        km=draft.odometer_km,
        odometer_replaced=draft.odometer_replaced,
        five_digit_odometer=draft.five_digit_odometer,
    )
    return [f for f in reading_findings(draft.vin, new, history, today) if f.code != "INVALID_VIN"]


def problems(
    draft: JobDraft,
    vehicle: RegistryVehicle | None,
    history: list[Reading],
    now: datetime,
    confirmed: Collection[str] = (),
) -> list[Finding]:
    """Everything that stops this draft from being recorded and sent, all at once: the blocks, and
    the findings to confirm whose code is not in `confirmed`. Warnings never stop it."""
    found = [Finding(MISSING, Severity.BLOCK, key, {"field": key}) for key in missing_fields(draft, vehicle)]
    if draft.vin.strip():
        found.extend(check_vin(draft.vin, now.date()).errors)
    if draft.total_incl_vat is not None and draft.total_incl_vat < 0:
        found.append(Finding(NEGATIVE_TOTAL, Severity.BLOCK, "total_incl_vat"))
    if (draft.reading_at or now) > now:
        found.append(Finding(FUTURE_READING, Severity.BLOCK, "reading_at"))
    if draft.odometer_km is not None and draft.odometer_km < 0:
        found.append(Finding(NEGATIVE_KM, Severity.BLOCK, "odometer_km"))
    found.extend(
        f
        for f in draft_reading_findings(draft, history, now.date())
        if f.code not in _OWN
        and (f.severity is Severity.BLOCK or (f.severity is Severity.CONFIRM and f.code not in confirmed))
    )
    return found


def to_confirm(found: list[Finding]) -> list[str]:
    """The codes of `found` a confirmation would let through, when nothing else stops it; else []."""
    if found and all(f.severity is Severity.CONFIRM for f in found):
        return list(dict.fromkeys(f.code for f in found))
    return []
