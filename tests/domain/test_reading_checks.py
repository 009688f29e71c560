"""Pre-send reading checks (issue 9 B): every code, every boundary, from tables."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workshop_tui.domain.findings import Finding, Severity
from workshop_tui.domain.models import Reading
from workshop_tui.domain.reading_checks import previous_reading, reading_findings

TODAY = date(2026, 12, 1)
VIN = "WVWZZZ1JZXW000001"
US_VIN = "1M8GDM9AXKP042788"  # a valid North-American check digit (X)


def read(on=TODAY, km=50_000, **flags):
    return Reading(on=on, km=km, **flags)


def codes(reading, history=(), vin=VIN, today=TODAY):
    return [f.code for f in reading_findings(vin, reading, history, today)]


def test_a_clean_reading_has_no_finding():
    assert reading_findings(VIN, read(), [read(TODAY - timedelta(days=200), 40_000)], TODAY) == []


@pytest.mark.parametrize(
    "vin, invalid",
    [
        (VIN, False),
        ("wvw zzz 1jz-xw000001", False),  # normalised as `workshop-tui vin` does
        ("WVWZZZ1JZXW00000O", True),  # letter O
        ("WVWZZZ1JZXW00001", True),  # 16 characters
        ("", True),
        (US_VIN, False),
        ("1M8GDM9A1KP042788", True),  # North-American: check digit enforced
        ("WVWZZZ1J1XW000001", False),  # European: no check digit
    ],
)
def test_invalid_vin_blocks(vin, invalid):
    found = [f for f in reading_findings(vin, read(), [], TODAY) if f.code == "INVALID_VIN"]
    if invalid:
        assert found == [Finding("INVALID_VIN", Severity.BLOCK, "vin", {"vin": vin})]
    else:
        assert found == []


@pytest.mark.parametrize(
    "days_before, expected",
    [
        (-1, [Finding("FUTURE_DATE", Severity.BLOCK, "reading_date", {"date": date(2026, 12, 2), "today": TODAY})]),
        (0, []),
        (5, []),  # exactly 5 days is fine
        (
            6,
            [
                Finding(
                    "DATE_MORE_THAN_5_DAYS_AGO", Severity.WARN, "reading_date", {"date": date(2026, 11, 25), "days": 6}
                )
            ],
        ),
        (
            400,
            [
                Finding(
                    "DATE_MORE_THAN_5_DAYS_AGO",
                    Severity.WARN,
                    "reading_date",
                    {"date": date(2025, 10, 27), "days": 400},
                )
            ],
        ),
    ],
)
def test_reading_date(days_before, expected):
    assert reading_findings(VIN, read(on=TODAY - timedelta(days=days_before)), [], TODAY) == expected


@pytest.mark.parametrize(
    "km, five_digit, blocked",
    [(99_999, True, False), (100_000, True, True), (123_456, True, True), (123_456, False, False)],
)
def test_five_digit_odometer_over_99999_blocks(km, five_digit, blocked):
    found = reading_findings(VIN, read(km=km, five_digit_odometer=five_digit), [], TODAY)
    expected = [Finding("FIVE_DIGIT_OVER_99999", Severity.BLOCK, "odometer_km", {"km": km})] if blocked else []
    assert found == expected


D = TODAY - timedelta(days=100)


@pytest.mark.parametrize(
    "new, history, expected",
    [
        # lower than the latest earlier reading: confirm, with what it was compared with
        (
            read(km=49_999),
            [read(D, 50_000)],
            [("KM_BELOW_PREVIOUS", {"km": 49_999, "previous_km": 50_000, "previous_date": D})],
        ),
        (read(km=50_000), [read(D, 50_000)], []),  # equal is fine
        # the latest earlier reading counts, not the highest and not a later one
        (read(km=55_000), [read(D, 60_000), read(D + timedelta(days=10), 54_000)], []),
        (read(on=D + timedelta(days=5), km=55_000), [read(D, 50_000), read(D + timedelta(days=10), 70_000)], []),
        # a history reading with a replaced odometer starts a new baseline
        (read(km=1_000), [read(D, 150_000), read(D + timedelta(days=1), 10, odometer_replaced=True)], []),
        (
            read(km=5),
            [read(D, 150_000), read(D + timedelta(days=1), 10, odometer_replaced=True)],
            [("KM_BELOW_PREVIOUS", {"km": 5, "previous_km": 10, "previous_date": D + timedelta(days=1)})],
        ),
        # the new reading itself replaced: nothing compared
        (read(km=10, odometer_replaced=True), [read(D, 150_000)], []),
        (read(km=999_000, odometer_replaced=True), [read(D, 150_000)], []),
        # a replacement on the same day as an old-odometer reading is the baseline, whatever the order
        (read(km=500), [read(D, 10, odometer_replaced=True), read(D, 150_000)], []),
        (read(km=500), [read(D, 150_000), read(D, 10, odometer_replaced=True)], []),
    ],
)
def test_km_against_the_previous_reading(new, history, expected):
    found = [f for f in reading_findings(VIN, new, history, TODAY) if f.field == "odometer_km"]
    assert [(f.code, f.params) for f in found] == expected
    assert all(f.severity is Severity.CONFIRM for f in found if f.code == "KM_BELOW_PREVIOUS")


@pytest.mark.parametrize(
    "days, driven, km_per_day",
    [
        (10, 10_000, None),  # exactly 1,000 a day is fine
        (10, 10_001, 1_000),  # above 1,000 a day (1,000.1), reported rounded down
        (10, 25_000, 2_500),
        (1, 1_000, None),
        (1, 1_001, 1_001),
        (0, 1_000, None),  # same day: divided by 1
        (0, 1_001, 1_001),
    ],
)
def test_over_1000_km_per_day(days, driven, km_per_day):
    previous = read(TODAY - timedelta(days=days), 40_000)
    found = reading_findings(VIN, read(km=40_000 + driven), [previous], TODAY)
    if km_per_day is None:
        assert found == []
    else:
        params = {"km_per_day": km_per_day, "previous_km": 40_000, "previous_date": previous.on, "days": days}
        assert found == [Finding("OVER_1000_KM_PER_DAY", Severity.WARN, "odometer_km", params)]


def test_over_1000_km_per_day_is_not_judged_on_a_replaced_odometer():
    assert codes(read(km=900_000, odometer_replaced=True), [read(TODAY - timedelta(days=1), 1_000)]) == []


@pytest.mark.parametrize(
    "history, duplicate",
    [
        ([read(TODAY, 50_000)], True),
        ([read(TODAY - timedelta(days=1), 50_000)], False),
        ([read(TODAY, 49_000)], False),
        ([read(TODAY, 50_000), read(TODAY, 60_000)], True),  # and KM_BELOW_PREVIOUS against the highest that day
    ],
)
def test_same_reading_already_reported(history, duplicate):
    found = [f for f in reading_findings(VIN, read(), history, TODAY) if f.code == "SAME_READING_ALREADY_REPORTED"]
    expected = [
        Finding("SAME_READING_ALREADY_REPORTED", Severity.CONFIRM, "odometer_km", {"km": 50_000, "date": TODAY})
    ]
    assert found == (expected if duplicate else [])


def test_same_reading_is_found_even_when_the_odometer_was_replaced():
    assert codes(read(km=10, odometer_replaced=True), [read(TODAY, 10, odometer_replaced=True)]) == [
        "SAME_READING_ALREADY_REPORTED"
    ]


def test_every_finding_at_once_in_field_order():
    bad = read(on=TODAY + timedelta(days=1), km=100_000, five_digit_odometer=True)
    history = [read(TODAY + timedelta(days=1), 100_000), read(TODAY + timedelta(days=1), 120_000)]
    assert codes(bad, history, vin="X") == [
        "INVALID_VIN",
        "FUTURE_DATE",
        "FIVE_DIGIT_OVER_99999",
        "KM_BELOW_PREVIOUS",
        "SAME_READING_ALREADY_REPORTED",
    ]


def test_previous_reading_ignores_later_readings():
    assert previous_reading([read(TODAY, 1)], TODAY - timedelta(days=1)) is None
    assert previous_reading([], TODAY) is None


dates = st.dates(min_value=date(2020, 1, 1), max_value=date(2026, 12, 1))
readings = st.builds(Reading, on=dates, km=st.integers(0, 9_999_999), odometer_replaced=st.booleans())


@given(history=st.lists(readings, max_size=8), new=readings, extra=st.integers(1, 1_000_000))
def test_raising_km_never_adds_km_below_previous(history, new, extra):
    higher = new.model_copy(update={"km": new.km + extra})
    assert "KM_BELOW_PREVIOUS" not in codes(higher, history) or "KM_BELOW_PREVIOUS" in codes(new, history)


@given(history=st.lists(readings, max_size=8), new=readings, seed=st.randoms())
def test_history_order_never_matters(history, new, seed):
    shuffled = list(history)
    seed.shuffle(shuffled)
    assert reading_findings(VIN, new, shuffled, TODAY) == reading_findings(VIN, new, history, TODAY)
