"""The job form's judgement of a draft, without the screen: verdict, findings, the one message."""

from datetime import date
from decimal import Decimal

from workshop_tui.domain.findings import Finding, Severity
from workshop_tui.domain.models import JobDraft, Reading
from workshop_tui.domain.work import WorkKind
from workshop_tui.translations.formats import formats
from workshop_tui.translations.render import render
from workshop_tui.ui.job_review import decision, odometer_findings, review
from workshop_tui.ui.visit import Visit

from .conftest import GOLF_VIN, NOW, VEHICLES

T = formats("en")


def visit(**record_changes) -> Visit:
    v = Visit(GOLF_VIN, record=VEHICLES[GOLF_VIN].model_copy(update=record_changes))
    v.readings = [Reading(on=date(2025, 11, 10), km=56_900)]
    return v


def draft(**kw) -> JobDraft:
    base = dict(
        vin=GOLF_VIN, odometer_km=72_000, work=[WorkKind.MAINTENANCE], job_lines=["Oil"], total_incl_vat=Decimal("95")
    )
    return JobDraft(**{**base, **kw})


def test_the_verdict_waits_for_the_facts_it_needs():
    assert decision(draft(work=[], total_incl_vat=None), visit(category=None), None).needed == [
        "work",
        "total_incl_vat",
        "vehicle.category",
    ]


def test_a_complete_draft_is_decided():
    found = decision(draft(), visit(), "45201")
    assert found.verdict is not None and not found.verdict.must_report
    assert found.facts.total_incl_vat == Decimal("95.00")


def test_findings_come_as_soon_as_a_reading_is_typed():
    assert odometer_findings(draft(odometer_km=None), visit(), NOW.date()) == []
    assert [f.code for f in odometer_findings(draft(odometer_km=50_000), visit(), NOW.date())] == ["KM_BELOW_PREVIOUS"]
    assert odometer_findings(draft(odometer_km=50_000, odometer_replaced=True), visit(), NOW.date()) == []


def test_one_sentence_names_every_missing_field_then_the_other_problems_follow():
    found = review(
        draft(odometer_km=50_000, work=[], job_lines=[], total_incl_vat=None),
        {"total_incl_vat": "Not an amount: type e.g. 125,50 or 125.50."},
        visit(model_year=None),
        NOW,
        T,
        refused=(["vin"], [Finding("VIN_LENGTH", Severity.BLOCK, "vin", {"count": 16, "expected": 17})]),
    )
    assert found.texts == [
        "Missing before sending: Work done, Job lines and Model year.",
        "Not an amount: type e.g. 125,50 or 125.50.",
        render("KM_BELOW_PREVIOUS", {"km": 50_000, "previous_km": 56_900, "previous_date": date(2025, 11, 10)}, "en"),
        render("VIN_LENGTH", {"count": 16, "expected": 17}, "en"),
    ]
    assert found.fields == ["work", "job_lines", "vehicle.model_year", "total_incl_vat", "odometer_km", "vin"]


def test_a_lower_reading_alone_asks_for_a_confirmation():
    found = review(draft(odometer_km=50_000), {}, visit(), NOW, T)
    assert found.confirm == ["KM_BELOW_PREVIOUS"] and found.fields == ["odometer_km"]
    assert review(draft(odometer_km=50_000, work=[]), {}, visit(), NOW, T).confirm == []


def test_nothing_stops_a_complete_draft():
    assert review(draft(), {}, visit(), NOW, T).texts == []
