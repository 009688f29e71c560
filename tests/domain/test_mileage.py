"""Mileage plausibility: rollback, odometer replacement, implausible distance, 5-digit odometers."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from workshop_tui.domain.findings import Severity
from workshop_tui.domain.mileage import baseline, check_reading, rollbacks
from workshop_tui.domain.models import Reading


def r(day, km, **kw):
    return Reading(on=date.fromisoformat(day), km=km, **kw)


HISTORY = [r("2023-03-01", 40_000), r("2024-03-04", 55_000), r("2025-03-10", 71_000)]


def codes(findings):
    return [f.code for f in findings]


def test_normal_reading_has_no_finding():
    assert check_reading(HISTORY, r("2026-03-01", 86_500)) == []


def test_lower_reading_is_a_possible_rollback():
    findings = check_reading(HISTORY, r("2026-03-01", 65_000))
    assert codes(findings) == ["ROLLBACK"]
    assert findings[0].severity is Severity.BLOCK
    assert findings[0].params == {"km": 65_000, "last_km": 71_000, "on": date(2025, 3, 10)}


def test_replaced_odometer_resets_the_baseline():
    assert check_reading(HISTORY, r("2026-03-01", 12, odometer_replaced=True)) == []
    after = [*HISTORY, r("2025-06-01", 10, odometer_replaced=True)]
    assert baseline(after).km == 10
    assert check_reading(after, r("2026-03-01", 9_000)) == []
    assert codes(check_reading(after, r("2026-03-01", 5))) == ["ROLLBACK"]


def test_history_order_does_not_matter():
    assert codes(check_reading(list(reversed(HISTORY)), r("2026-03-01", 70_000))) == ["ROLLBACK"]


def test_implausible_yearly_distance_is_a_warning():
    findings = check_reading(HISTORY, r("2025-09-10", 171_000))
    assert codes(findings) == ["IMPLAUSIBLE_DISTANCE"]
    assert findings[0].severity is Severity.WARN
    assert set(findings[0].params) == {"driven_km", "on", "days"}


def test_short_gap_uses_a_flat_allowance():
    assert check_reading(HISTORY, r("2025-03-20", 75_000)) == []
    assert codes(check_reading(HISTORY, r("2025-03-20", 90_000))) == ["IMPLAUSIBLE_DISTANCE"]


def test_five_digit_odometer_is_flagged_never_corrected():
    reading = r("2026-03-01", 2_345, five_digit_odometer=True)
    findings = check_reading(HISTORY, reading)
    assert codes(findings) == ["FIVE_DIGIT"]
    assert reading.km == 2_345


def test_rollbacks_in_a_history():
    history = [*HISTORY, r("2025-09-01", 52_000), r("2026-01-01", 80_000)]
    assert [x.km for x in rollbacks(history)] == [52_000]


@given(st.lists(st.integers(0, 999_999), min_size=1, max_size=10), st.integers(0, 999_999))
def test_rollback_iff_below_the_latest_reading(kms, new_km):
    history = [Reading(on=date(2020, 1, 1 + i), km=km) for i, km in enumerate(kms)]
    found = "ROLLBACK" in codes(check_reading(history, Reading(on=date(2021, 1, 1), km=new_km)))
    assert found == (new_km < kms[-1])
