"""How the sandbox's Car-Pass judges a reading: deterministic rules on the seed and the history.

Issue numbers are the sandbox's own; the production service documents its list in the Inflow
specification ("Issue List"). Clients should branch on the status, never on an issue number.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import IntEnum
from zoneinfo import ZoneInfo

from ..domain.rules import IN_SCOPE_CATEGORIES
from ..services.contract import Issue, MileageRecord, ObservationStatus, Reading
from .seed import SeedVehicle

BRUSSELS = ZoneInfo("Europe/Brussels")
# More than this since the previous reading is an anomaly Car-Pass staff review (one status read).
MAX_KM_PER_DAY = 1000


class IssueNumber(IntEnum):
    READING_BELOW_PREVIOUS = 1001
    READING_IN_FUTURE = 1002
    DUPLICATE_READING = 1003
    VEHICLE_DESTROYED = 1004
    NOT_REGISTERED_IN_BELGIUM = 1005
    CATEGORY_OUT_OF_SCOPE = 1006
    UNKNOWN_LICENSE_PLATE = 1007


@dataclass(frozen=True)
class Assessment:
    """The verdict on a reading, and the statuses successive status reads show before it."""

    interim: tuple[ObservationStatus, ...] = ()
    issues: tuple[Issue, ...] = ()

    @property
    def accepted(self) -> bool:
        return not self.issues

    @property
    def verdict(self) -> ObservationStatus:
        return ObservationStatus.ACCEPTED if self.accepted else ObservationStatus.REJECTED


class MileageHistory:
    """One vehicle's readings ordered by (date, km), with logarithmic look-ups."""

    def __init__(self, records: Iterable[MileageRecord] = ()):
        self._records = sorted(records, key=self._key)
        self._keys = [self._key(r) for r in self._records]

    @staticmethod
    def _key(record: MileageRecord) -> tuple[date, int]:
        return record.on, record.km

    def add(self, record: MileageRecord) -> None:
        index = bisect_right(self._keys, self._key(record))
        self._keys.insert(index, self._key(record))
        self._records.insert(index, record)

    def remove(self, record: MileageRecord) -> None:
        index = self._records.index(record, bisect_left(self._keys, self._key(record)))
        del self._keys[index], self._records[index]

    def previous(self, day: date) -> MileageRecord | None:
        """The last reading on or before `day` (the highest one of that day)."""
        index = bisect_right(self._keys, (day, float("inf")))
        return self._records[index - 1] if index else None

    def has(self, day: date, km: int) -> bool:
        index = bisect_left(self._keys, (day, km))
        return index < len(self._keys) and self._keys[index] == (day, km)

    def records(self) -> list[MileageRecord]:
        return list(self._records)


def _issue(number: IssueNumber, message: str) -> Issue:
    return Issue(issue_number=number, message=message)


def reading_day(reading: Reading) -> date:
    """The Belgian calendar day of the reading (a time without offset is Belgian local time)."""
    at = reading.observation_date
    return (at.astimezone(BRUSSELS) if at.tzinfo else at).date()


def _vehicle_issues(vehicle: SeedVehicle | None) -> list[Issue]:
    if vehicle is None:
        return []
    issues = []
    if vehicle.carpass.destroyed:
        issues.append(_issue(IssueNumber.VEHICLE_DESTROYED, "The vehicle has been declared destroyed."))
    record = vehicle.registry
    if record and record.registered_in_belgium is False:
        issues.append(
            _issue(IssueNumber.NOT_REGISTERED_IN_BELGIUM, "The vehicle has never been registered in Belgium.")
        )
    if record and record.eu_category and record.eu_category not in IN_SCOPE_CATEGORIES:
        issues.append(
            _issue(
                IssueNumber.CATEGORY_OUT_OF_SCOPE,
                f"Category {record.eu_category} is outside Car-Pass (M1 and N1 only).",
            )
        )
    return issues


def _odometer_issues(reading: Reading, day: date, history: MileageHistory) -> tuple[list[Issue], bool]:
    """Issues of the value itself, and whether it is an anomaly to review."""
    previous = history.previous(day)
    if previous is None:
        return [], False
    km = reading.odometer_value
    if history.has(day, km):
        return [_issue(IssueNumber.DUPLICATE_READING, f"{km} km on {day} has already been reported.")], False
    if km < previous.km:
        message = f"{km} km is lower than the {previous.km} km reported on {previous.on}."
        return [_issue(IssueNumber.READING_BELOW_PREVIOUS, message)], False
    days = max((day - previous.on).days, 1)
    return [], km - previous.km > MAX_KM_PER_DAY * days


def assess(
    reading: Reading, vin: str | None, vehicle: SeedVehicle | None, history: MileageHistory, now: datetime
) -> Assessment:
    """Judge one reading of `vin` (None: the plate named no known vehicle) against its history."""
    if vin is None:
        return Assessment(issues=(_issue(IssueNumber.UNKNOWN_LICENSE_PLATE, "No vehicle has this license plate."),))
    day = reading_day(reading)
    issues = _vehicle_issues(vehicle)
    if day > now.astimezone(BRUSSELS).date():
        issues.append(_issue(IssueNumber.READING_IN_FUTURE, f"The reading date {day} is in the future."))
    review = reading.odometer_replaced or reading.five_digit_odometer
    if not review:  # a new or wrapping odometer cannot be compared with the history: staff review it
        value_issues, review = _odometer_issues(reading, day, history)
        issues.extend(value_issues)
    interim = (ObservationStatus.WAITING_FOR_DIV,) * (vehicle.carpass.div_polls if vehicle else 0)
    if review and not issues:
        interim += (ObservationStatus.REVIEWING,)
    return Assessment(interim=interim, issues=tuple(issues))
