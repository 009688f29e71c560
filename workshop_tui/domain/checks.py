"""Checks before a reading is sent: what Car-Pass asks dealer software to stop at the source.

All problems are returned at once (field key + sentence), so the UI can list every missing
field in one message and highlight each of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .mileage import check_reading
from .models import MANDATORY_VEHICLE_FIELDS, JobDraft, JobFacts, Reading, RegistryVehicle, VehicleFacts
from .vin import check as check_vin

FIELD_LABELS = {
    "vin": "VIN",
    "odometer_km": "odometer reading",
    "work": "work done",
    "job_lines": "job lines (work description)",
    "total_incl_vat": "total incl. VAT",
    "reading_at": "reading date",
    "vehicle.make": "make (D.1)",
    "vehicle.commercial_name": "commercial name (D.3)",
    "vehicle.category": "category",
    "vehicle.max_mass_kg": "maximum mass",
    "vehicle.model_year": "model year",
}


@dataclass(frozen=True)
class Problem:
    field: str
    text: str


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
    return JobFacts(
        work=draft.work,
        total_incl_vat=draft.total_incl_vat,
        customer_vat_registered=draft.customer_vat_registered,
        vehicle=vehicle_facts(vehicle),
        role=draft.role,
    )


def problems(
    draft: JobDraft, vehicle: RegistryVehicle | None, history: list[Reading], now: datetime
) -> list[Problem]:
    """Everything that stops this draft from being recorded and sent, all at once."""
    found = [Problem(key, f"{FIELD_LABELS[key]} is missing") for key in missing_fields(draft, vehicle)]
    if draft.vin.strip():
        report = check_vin(draft.vin, now.date())
        found.extend(Problem("vin", error) for error in report.errors)
    if draft.total_incl_vat is not None and draft.total_incl_vat < 0:
        found.append(Problem("total_incl_vat", "total incl. VAT must not be negative"))
    reading_at = draft.reading_at or now
    if reading_at > now:
        found.append(Problem("reading_at", "the reading date lies in the future"))
    if draft.odometer_km is not None:
        if draft.odometer_km < 0:
            found.append(Problem("odometer_km", "the odometer reading must not be negative"))
        else:
            new = Reading(
                on=reading_at.date(),
                km=draft.odometer_km,
                odometer_replaced=draft.odometer_replaced,
                five_digit_odometer=draft.five_digit_odometer,
            )
            found.extend(
                Problem("odometer_km", f.text + " Tick 'odometer replaced' if it was.")
                for f in check_reading(history, new)
                if f.severity == "error"
            )
    return found
