"""The sandbox's Car-Pass rules, as pure functions: scenarios named after real situations."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workshop_tui.sandbox.seed import CarPassBehaviour, SeedVehicle
from workshop_tui.sandbox.workflow import IssueNumber, MileageHistory, assess, reading_day
from workshop_tui.services.contract import MileageRecord, ObservationStatus, Reading, RegistryRecord

NOW = datetime(2026, 11, 23, 12, tzinfo=UTC)
VIN = "WVWZZZCDZMW517853"
HISTORY = MileageHistory(
    [MileageRecord(on=date(2025, 10, 18), km=60214, source="workshop"),
     MileageRecord(on=date(2026, 9, 13), km=70554, source="workshop")]
)  # fmt: skip


def car(category="M1", belgian=True, **carpass) -> SeedVehicle:
    registry = RegistryRecord(vin=VIN, eu_category=category, registered_in_belgium=belgian)
    return SeedVehicle(vin=VIN, registry=registry, carpass=CarPassBehaviour(**carpass))


def reading(km: int, on: str = "2026-11-20T10:00:00", **flags) -> Reading:
    return Reading(observation_date=datetime.fromisoformat(on), odometer_value=km, **flags)


def issues(assessment) -> list[int]:
    return [i.issue_number for i in assessment.issues]


def test_routine_service_is_accepted_at_once():
    result = assess(reading(71000), VIN, car(), HISTORY, NOW)
    assert result.accepted and result.interim == () and result.verdict is ObservationStatus.ACCEPTED


def test_vin_unknown_to_the_sandbox_is_an_ordinary_car_without_history():
    assert assess(reading(12), VIN, None, MileageHistory(), NOW).accepted


def test_rolled_back_odometer_is_rejected_naming_the_last_reading():
    result = assess(reading(65000), VIN, car(), HISTORY, NOW)
    assert issues(result) == [IssueNumber.READING_BELOW_PREVIOUS]
    assert "70554 km reported on 2026-09-13" in result.issues[0].message


def test_late_report_is_compared_with_the_reading_before_it():
    assert assess(reading(65000, "2026-01-10T08:00:00"), VIN, car(), HISTORY, NOW).accepted


def test_same_reading_twice_is_a_duplicate():
    assert issues(assess(reading(70554, "2026-09-13T16:00:00"), VIN, car(), HISTORY, NOW)) == [
        IssueNumber.DUPLICATE_READING
    ]


def test_taxi_mileage_is_reviewed_then_accepted():
    result = assess(reading(70554 + 1000 * 68 + 1), VIN, car(), HISTORY, NOW)
    assert result.accepted and result.interim == (ObservationStatus.REVIEWING,)


@pytest.mark.parametrize("flag", ["odometer_replaced", "five_digit_odometer"])
def test_new_or_wrapping_odometer_skips_the_rollback_check_and_is_reviewed(flag):
    result = assess(reading(5).model_copy(update={flag: True}), VIN, car(), HISTORY, NOW)
    assert result.accepted and result.interim == (ObservationStatus.REVIEWING,)


def test_reading_dated_tomorrow_is_rejected():
    assert issues(assess(reading(71000, "2026-11-24T08:00:00"), VIN, car(), HISTORY, NOW)) == [
        IssueNumber.READING_IN_FUTURE
    ]


def test_reading_time_with_an_offset_counts_in_belgian_days():
    assert reading_day(reading(1, "2026-11-23T23:30:00+00:00")) == date(2026, 11, 24)
    assert reading_day(reading(1, "2026-11-23T23:30:00")) == date(2026, 11, 23)


def test_new_import_waits_for_div_then_gets_its_verdict():
    result = assess(reading(12), VIN, car(div_polls=2), MileageHistory(), NOW)
    assert result.accepted and result.interim == (ObservationStatus.WAITING_FOR_DIV,) * 2


@pytest.mark.parametrize(
    ("vehicle", "issue"),
    [
        (car(destroyed=True), IssueNumber.VEHICLE_DESTROYED),
        (car(belgian=False), IssueNumber.NOT_REGISTERED_IN_BELGIUM),
        (car(category="L3e"), IssueNumber.CATEGORY_OUT_OF_SCOPE),
        (car(category="N2"), IssueNumber.CATEGORY_OUT_OF_SCOPE),
    ],
)
def test_vehicles_outside_car_pass_are_rejected(vehicle, issue):
    assert issues(assess(reading(71000), VIN, vehicle, HISTORY, NOW)) == [issue]


def test_plate_nobody_has_is_rejected():
    assert issues(assess(reading(71000), None, None, MileageHistory(), NOW)) == [IssueNumber.UNKNOWN_LICENSE_PLATE]


records = st.builds(
    MileageRecord,
    on=st.dates(date(2020, 1, 1), date(2020, 1, 20)),
    km=st.integers(0, 30),
    source=st.sampled_from(["workshop", "dealer"]),
)


@given(st.lists(records, max_size=25), st.dates(date(2019, 12, 25), date(2020, 1, 25)), st.integers(0, 30))
def test_history_lookups_agree_with_a_plain_scan(entries, day, km):
    history = MileageHistory(entries)
    earlier = [r for r in entries if r.on <= day]
    expected = max(earlier, key=lambda r: (r.on, r.km)) if earlier else None
    found = history.previous(day)
    assert (found.on, found.km) == (expected.on, expected.km) if expected else found is None
    assert history.has(day, km) == any(r.on == day and r.km == km for r in entries)
    assert [(r.on, r.km) for r in history.records()] == sorted((r.on, r.km) for r in entries)


@given(st.lists(records, min_size=1, max_size=25), st.data())
def test_history_removes_exactly_the_record_given(entries, data):
    history = MileageHistory(entries)
    gone = data.draw(st.sampled_from(entries))
    history.remove(gone)
    remaining = list(entries)
    remaining.remove(gone)
    assert sorted((r.on, r.km, r.source) for r in history.records()) == sorted(
        (r.on, r.km, r.source) for r in remaining
    )
