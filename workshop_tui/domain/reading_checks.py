"""The pre-send checks of the approved peers on one odometer reading (issue 9 B).

Pure: `today` is passed in, findings carry codes and typed params (see CODES.md), never
sentences. The same checks serve the job screen as you type, the send path and
`workshop-tui check`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from .findings import Finding, Severity
from .models import Reading
from .vin import check as check_vin

MAX_DAYS_BACK = 5  # a reading dated exactly 5 days ago is fine
FIVE_DIGIT_MAX_KM = 99_999
MAX_KM_PER_DAY = 1_000


def previous_reading(history: Iterable[Reading], on: date) -> Reading | None:
    """The history reading a reading dated `on` is compared with: the latest dated on or before it.

    Only the latest counts, so a reading with `odometer_replaced` starts a new baseline: the
    readings before it are never compared. Readings sharing the latest date are ranked
    replacement first, then highest km, so the answer never depends on the history's order.
    """
    earlier = [r for r in history if r.on <= on]
    return max(earlier, key=lambda r: (r.on, r.odometer_replaced, r.km), default=None)


def _date_findings(on: date, today: date) -> list[Finding]:
    if on > today:
        return [Finding("FUTURE_DATE", Severity.BLOCK, "reading_date", {"date": on, "today": today})]
    days = (today - on).days
    if days > MAX_DAYS_BACK:
        return [Finding("DATE_MORE_THAN_5_DAYS_AGO", Severity.WARN, "reading_date", {"date": on, "days": days})]
    return []


def _history_findings(reading: Reading, previous: Reading) -> list[Finding]:
    if reading.km < previous.km:
        return [
            Finding(
                "KM_BELOW_PREVIOUS",
                Severity.CONFIRM,
                "odometer_km",
                {"km": reading.km, "previous_km": previous.km, "previous_date": previous.on},
            )
        ]
    driven = reading.km - previous.km
    days = (reading.on - previous.on).days
    if driven > MAX_KM_PER_DAY * max(1, days):
        params = {
            "km_per_day": driven // max(1, days),
            "previous_km": previous.km,
            "previous_date": previous.on,
            "days": days,
        }
        return [Finding("OVER_1000_KM_PER_DAY", Severity.WARN, "odometer_km", params)]
    return []


def reading_findings(vin: str, reading: Reading, history: Iterable[Reading], today: date) -> list[Finding]:
    """Every finding on `reading` of vehicle `vin`, given its earlier readings in any order.

    Order: VIN, date, then km findings. With `reading.odometer_replaced` the reading is not
    compared with the history (no KM_BELOW_PREVIOUS, no OVER_1000_KM_PER_DAY), but a reading
    already reported is still found.
    """
    history = list(history)
    findings: list[Finding] = []
    report = check_vin(vin, today)
    if not report.valid:
        findings.append(Finding("INVALID_VIN", Severity.BLOCK, "vin", {"vin": report.vin}))
    findings.extend(_date_findings(reading.on, today))
    if reading.five_digit_odometer and reading.km > FIVE_DIGIT_MAX_KM:
        findings.append(Finding("FIVE_DIGIT_OVER_99999", Severity.BLOCK, "odometer_km", {"km": reading.km}))
    previous = None if reading.odometer_replaced else previous_reading(history, reading.on)
    if previous is not None:
        findings.extend(_history_findings(reading, previous))
    if any(r.on == reading.on and r.km == reading.km for r in history):
        params = {"km": reading.km, "date": reading.on}
        findings.append(Finding("SAME_READING_ALREADY_REPORTED", Severity.CONFIRM, "odometer_km", params))
    return findings
