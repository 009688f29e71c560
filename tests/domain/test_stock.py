"""The stock view's Car-Pass standing at every boundary, and its order."""

from datetime import UTC, date, datetime

import pytest

from workshop_tui.domain.stock import CarPassState, StockCar, carpass_standing, stock_view

RED, AMBER, GREEN, NONE = CarPassState.RED, CarPassState.AMBER, CarPassState.GREEN, CarPassState.NONE
ADDED = datetime(2026, 9, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    "issued, today, state, valid_until, days_left",
    [
        (None, date(2026, 12, 1), NONE, None, None),
        # issued 1 October: covers sales up to 1 December
        (date(2026, 10, 1), date(2026, 10, 1), GREEN, date(2026, 12, 1), 61),
        (date(2026, 10, 1), date(2026, 11, 16), GREEN, date(2026, 12, 1), 15),
        (date(2026, 10, 1), date(2026, 11, 17), GREEN, date(2026, 12, 1), 14),
        (date(2026, 10, 1), date(2026, 11, 18), AMBER, date(2026, 12, 1), 13),
        (date(2026, 10, 1), date(2026, 12, 1), AMBER, date(2026, 12, 1), 0),
        (date(2026, 10, 1), date(2026, 12, 2), RED, date(2026, 12, 1), -1),
        # a month end is clamped: issued 31 December covers up to 28 February
        (date(2026, 12, 31), date(2027, 2, 14), GREEN, date(2027, 2, 28), 14),
        (date(2026, 12, 31), date(2027, 2, 15), AMBER, date(2027, 2, 28), 13),
        (date(2026, 12, 31), date(2027, 2, 28), AMBER, date(2027, 2, 28), 0),
        (date(2026, 12, 31), date(2027, 3, 1), RED, date(2027, 2, 28), -1),
        # leap year: issued 31 December 2027 covers up to 29 February 2028
        (date(2027, 12, 31), date(2028, 2, 29), AMBER, date(2028, 2, 29), 0),
        (date(2027, 12, 31), date(2028, 3, 1), RED, date(2028, 2, 29), -1),
    ],
)
def test_standing_at_the_boundaries(issued, today, state, valid_until, days_left):
    standing = carpass_standing(issued, today)
    assert (standing.state, standing.valid_until, standing.days_left) == (state, valid_until, days_left)


def car(vin: str, issued: date | None) -> StockCar:
    return StockCar(vin, "CP12345678" if issued else None, issued, 50_000 if issued else None, ADDED)


def test_the_view_lists_red_then_no_carpass_then_amber_then_green_each_by_expiry():
    today = date(2026, 12, 1)
    cars = [
        car("GREEN2", date(2026, 11, 20)),
        car("AMBER2", date(2026, 10, 10)),
        car("NONE1", None),
        car("RED2", date(2026, 9, 30)),
        car("GREEN1", date(2026, 11, 1)),
        car("AMBER1", date(2026, 10, 1)),
        car("RED1", date(2026, 8, 1)),
        car("NONE0", None),
    ]
    view = stock_view(cars, today)
    assert [e.car.vin for e in view] == ["RED1", "RED2", "NONE0", "NONE1", "AMBER1", "AMBER2", "GREEN1", "GREEN2"]
    assert [e.standing.state for e in view] == [RED, RED, NONE, NONE, AMBER, AMBER, GREEN, GREEN]


def test_an_empty_stock_gives_an_empty_view():
    assert stock_view([], date(2026, 12, 1)) == []
