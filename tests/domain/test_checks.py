"""Checks before sending: every missing field at once, and Car-Pass's stop-at-the-source rules."""

from datetime import date, datetime
from decimal import Decimal

from workshop_tui.domain.checks import (
    FIELDS,
    draft_reading_findings,
    job_facts,
    missing_fields,
    problems,
    to_confirm,
)
from workshop_tui.domain.findings import Finding, Severity
from workshop_tui.domain.models import JobDraft, Reading, RegistryVehicle
from workshop_tui.domain.rules import decide

NOW = datetime(2026, 11, 23, 10, 30)
VIN = "WVWZZZ1JZXW000001"
GOLF = RegistryVehicle(
    vin=VIN, make="Volkswagen", commercial_name="Golf", category="M1", max_mass_kg=1700, model_year=2019
)
HISTORY = [Reading(on=date(2025, 11, 2), km=61_000)]


def complete(**kw):
    base = dict(
        vin=VIN,
        odometer_km=72_000,
        work=["maintenance"],
        job_lines=["Oil and filter"],
        total_incl_vat=Decimal("189.00"),
    )
    return JobDraft(**{**base, **kw})


def test_complete_draft_has_no_problem_and_feeds_the_rules():
    draft = complete()
    assert problems(draft, GOLF, HISTORY, NOW) == []
    assert decide(job_facts(draft, GOLF)).must_report


def test_every_missing_field_is_listed_at_once_in_screen_order():
    gappy = GOLF.model_copy(update={"commercial_name": None, "model_year": None})
    assert missing_fields(JobDraft(vin=VIN), gappy) == [
        "odometer_km",
        "work",
        "job_lines",
        "total_incl_vat",
        "vehicle.commercial_name",
        "vehicle.model_year",
    ]
    found = problems(JobDraft(vin=VIN), gappy, HISTORY, NOW)
    assert [(p.code, p.field, p.params["field"]) for p in found][:2] == [
        ("MISSING", "odometer_km", "odometer_km"),
        ("MISSING", "work", "work"),
    ]
    assert all(p.severity is Severity.BLOCK for p in found)
    assert {p.field for p in found} <= set(FIELDS)


def test_blank_job_lines_do_not_count_as_a_description():
    assert missing_fields(complete(job_lines=["  ", ""]), GOLF) == ["job_lines"]


def test_unknown_vehicle_lists_every_vehicle_field():
    assert [k for k in missing_fields(complete(), None) if k.startswith("vehicle.")] == [
        "vehicle.make",
        "vehicle.commercial_name",
        "vehicle.category",
        "vehicle.max_mass_kg",
        "vehicle.model_year",
    ]


def test_invalid_vin_is_stopped():
    found = problems(complete(vin="WVWZZZ1JZXW00000O"), GOLF, HISTORY, NOW)
    assert found == [Finding("VIN_LETTER", Severity.BLOCK, "vin", {"char": "O", "position": 17})]


def test_reading_below_last_known_is_to_confirm_unless_confirmed_or_odometer_replaced():
    found = problems(complete(odometer_km=50_000), GOLF, HISTORY, NOW)
    below = Finding(
        "KM_BELOW_PREVIOUS",
        Severity.CONFIRM,
        "odometer_km",
        {"km": 50_000, "previous_km": 61_000, "previous_date": date(2025, 11, 2)},
    )
    assert found == [below] and to_confirm(found) == ["KM_BELOW_PREVIOUS"]
    assert problems(complete(odometer_km=50_000), GOLF, HISTORY, NOW, confirmed=["KM_BELOW_PREVIOUS"]) == []
    assert problems(complete(odometer_km=50, odometer_replaced=True), GOLF, HISTORY, NOW) == []


def test_a_block_beside_a_confirm_is_no_confirmation_to_ask():
    found = problems(complete(odometer_km=50_000, total_incl_vat=None), GOLF, HISTORY, NOW)
    assert [f.code for f in found] == ["MISSING", "KM_BELOW_PREVIOUS"] and to_confirm(found) == []


def test_a_block_cannot_be_confirmed_away():
    draft = complete(odometer_km=123_456, five_digit_odometer=True)
    assert [f.code for f in problems(draft, GOLF, HISTORY, NOW, confirmed=["FIVE_DIGIT_OVER_99999"])] == [
        "FIVE_DIGIT_OVER_99999"
    ]


def test_warnings_never_stop_the_draft_but_are_found():
    draft = complete(odometer_km=500_000)
    assert problems(draft, GOLF, HISTORY, NOW) == []
    assert [f.code for f in draft_reading_findings(draft, HISTORY, NOW.date())] == ["OVER_1000_KM_PER_DAY"]


def test_future_date_is_stopped():
    found = problems(complete(reading_at=datetime(2026, 11, 24, 8, 0)), GOLF, HISTORY, NOW)
    assert [(p.code, p.field) for p in found] == [("FUTURE_READING", "reading_at")]
