"""The cars for sale and the standing of each one's Car-Pass, for the stock view (issue 10).

A Car-Pass covers a sale to a non-trader up to `carpass_valid_until(issued)` (two calendar
months). The view shows it RED once that day has passed, AMBER while it still covers a sale
but expires within `AMBER_DAYS` days (the last covered day is less than 14 days away), GREEN
before that, and NONE when the car has no Car-Pass. Pure: dates in, states out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from .sale_checks import carpass_valid_until

AMBER_DAYS = 14


class CarPassState(StrEnum):
    RED = "red"  # older than two months: a sale to a non-trader needs a new one
    AMBER = "amber"  # expires within AMBER_DAYS days
    GREEN = "green"
    NONE = "none"  # no Car-Pass recorded for the car


@dataclass(frozen=True)
class CarPassStanding:
    """`days_left`: days after `today` the Car-Pass still covers a sale (0 on its last day, negative once RED)."""

    state: CarPassState
    valid_until: date | None = None
    days_left: int | None = None


@dataclass(frozen=True)
class StockCar:
    """A car for sale and the Car-Pass kept for it."""

    vin: str
    carpass_id: str | None
    carpass_issued: date | None
    carpass_last_km: int | None
    added_at: datetime
    sold: bool = False


@dataclass(frozen=True)
class StockEntry:
    car: StockCar
    standing: CarPassStanding


def carpass_standing(issued: date | None, today: date) -> CarPassStanding:
    """The standing on `today` of a Car-Pass issued on `issued` (None: no Car-Pass)."""
    if issued is None:
        return CarPassStanding(CarPassState.NONE)
    valid_until = carpass_valid_until(issued)
    days_left = (valid_until - today).days
    if days_left < 0:
        state = CarPassState.RED
    elif days_left < AMBER_DAYS:
        state = CarPassState.AMBER
    else:
        state = CarPassState.GREEN
    return CarPassStanding(state, valid_until, days_left)


# Cars that cannot be sold to a non-trader today come first, then those about to expire.
_RANK = {CarPassState.RED: 0, CarPassState.NONE: 1, CarPassState.AMBER: 2, CarPassState.GREEN: 3}


def stock_view(cars: Iterable[StockCar], today: date) -> list[StockEntry]:
    """Each car with its standing: red, then no Car-Pass, then amber, then green; by expiry within a state, then VIN."""
    entries = [StockEntry(car, carpass_standing(car.carpass_issued, today)) for car in cars]
    return sorted(entries, key=lambda e: (_RANK[e.standing.state], e.standing.valid_until or date.max, e.car.vin))
