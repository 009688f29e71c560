"""Mileage plausibility: rollbacks, implausible yearly distances, 5-digit odometers.

Readings are judged, never corrected: a 5-digit odometer's displayed value is kept as is.
"""

from __future__ import annotations

from .codes import FIVE_DIGIT, IMPLAUSIBLE_DISTANCE, ROLLBACK
from .findings import Finding, Severity
from .models import Reading

# A car doing more than this per year is rare enough to ask the mechanic to check the digits
# (Belgian average is about 15 000 km/year; taxis and long-distance reps reach 100 000).
MAX_PLAUSIBLE_KM_PER_YEAR = 150_000
# Below this many days apart, the yearly rate is meaningless; compare with a flat allowance.
MIN_DAYS_FOR_RATE = 30
SHORT_GAP_ALLOWANCE_KM = 15_000


def baseline(history: list[Reading]) -> Reading | None:
    """The reading a new one is compared with: the latest, counting only readings taken
    since the last odometer replacement (a replacement resets the baseline)."""
    ordered = sorted(history, key=lambda r: r.on)
    last_replacement = max((i for i, r in enumerate(ordered) if r.odometer_replaced), default=None)
    relevant = ordered if last_replacement is None else ordered[last_replacement:]
    return relevant[-1] if relevant else None


def check_reading(history: list[Reading], new: Reading) -> list[Finding]:
    """Findings about `new` given the vehicle's earlier readings (any order)."""
    findings: list[Finding] = []
    if new.five_digit_odometer:
        findings.append(Finding(FIVE_DIGIT, Severity.WARN, "odometer_km", {"km": new.km}))
    last = None if new.odometer_replaced else baseline([r for r in history if r.on <= new.on])
    if last is None or new.five_digit_odometer or last.five_digit_odometer:
        return findings
    if new.km < last.km:
        findings.append(
            Finding(ROLLBACK, Severity.BLOCK, "odometer_km", {"km": new.km, "last_km": last.km, "on": last.on})
        )
        return findings
    days = (new.on - last.on).days
    driven = new.km - last.km
    if days < MIN_DAYS_FOR_RATE:
        implausible = driven > SHORT_GAP_ALLOWANCE_KM
    else:
        implausible = driven * 365 / days > MAX_PLAUSIBLE_KM_PER_YEAR
    if implausible:
        findings.append(
            Finding(
                IMPLAUSIBLE_DISTANCE, Severity.WARN, "odometer_km", {"driven_km": driven, "on": last.on, "days": days}
            )
        )
    return findings


def rollbacks(history: list[Reading]) -> list[Reading]:
    """Readings of a history that are lower than the one before them (no replacement between)."""
    flagged = []
    ordered = sorted(history, key=lambda r: r.on)
    for i, reading in enumerate(ordered):
        if any(f.code == ROLLBACK for f in check_reading(ordered[:i], reading)):
            flagged.append(reading)
    return flagged
