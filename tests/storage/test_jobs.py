"""Recording jobs: one transaction (job, reading, outbox row, audit), exact money, history search."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop_tui.domain.models import Customer, SubmissionState
from workshop_tui.domain.work import Role, WorkKind
from workshop_tui.storage import InvalidValue, Store
from workshop_tui.storage import models as tables

from .factories import NOON, OTHER_VIN, VIN, audit_entries, draft, verdict


def row_counts(store: Store) -> dict[str, int]:
    with store.connection_context():
        return {model.__name__: model.select().count() for model in tables.MODELS}


def test_a_reportable_job_writes_job_reading_outbox_row_and_audit_entry(store):
    customer = store.customers.add(Customer(name="Jan Peeters"))
    before = row_counts(store)
    job_id, submission = store.jobs.record(draft(customer_id=customer.id, role=Role.SUBCONTRACTOR), verdict())
    after = row_counts(store)
    assert {name: after[name] - before[name] for name in after} == {
        "Vehicle": 1,
        "Customer": 0,
        "Job": 1,
        "Reading": 1,
        "Submission": 1,
        "Draft": 0,
        "AuditLog": 1,
    }
    assert submission == store.outbox.submission(submission.id)
    assert (submission.job_id, submission.vin, submission.odometer_km) == (job_id, VIN, 123_456)
    assert (submission.state, submission.attempts, submission.corrections_used) == (SubmissionState.PENDING, 0, 0)
    job = store.jobs.get(job_id)
    assert (job.customer, job.role, job.verdict, job.submission_id) == (
        customer,
        Role.SUBCONTRACTOR,
        verdict(),
        submission.id,
    )
    assert (job.work, job.job_lines, job.reading_at, job.done_on) == (
        (WorkKind.MAINTENANCE,),
        ("Oil and filter",),
        NOON,
        NOON.date(),
    )
    assert audit_entries(store, 1)[0].details["submission_id"] == submission.id


def test_a_job_that_needs_no_report_has_no_outbox_row(store):
    job_id, submission = store.jobs.record(draft(), verdict(must_report=False))
    assert submission is None
    assert store.jobs.get(job_id).submission_id is None
    assert store.outbox.unfinished() == []


def test_a_failure_inside_record_job_leaves_nothing_behind(store, monkeypatch):
    before = row_counts(store)

    def audit_fails(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(store.session, "audit", audit_fails)  # the last step, after job, reading and outbox row
    with pytest.raises(RuntimeError, match="disk full"):
        store.jobs.record(draft(), verdict())
    assert row_counts(store) == before


def test_the_job_date_is_the_local_date_of_the_reading(store):
    brussels_night = datetime(2026, 3, 3, 0, 30, tzinfo=timezone(timedelta(hours=1)))  # 2 March 23:30 UTC
    job_id, _ = store.jobs.record(draft(reading_at=brussels_night), verdict())
    job = store.jobs.get(job_id)
    assert job.done_on == date(2026, 3, 3)
    assert job.reading_at == brussels_night and job.reading_at.tzinfo is UTC


@given(cents=st.integers(min_value=0, max_value=10**12 - 1))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_totals_round_trip_exactly(store, cents):
    total = Decimal(cents).scaleb(-2)
    job_id, _ = store.jobs.record(draft(total_incl_vat=total), verdict(must_report=False))
    stored = store.jobs.get(job_id).total_incl_vat
    assert (stored, str(stored)) == (total, str(total))


@pytest.mark.parametrize(
    ("total", "message"),
    [(Decimal("10.005"), "euros and cents"), (Decimal("10000000000.00"), "euros and cents"), (19.99, "not float")],
)
def test_amounts_that_are_not_exact_cents_are_refused(store, total, message):
    job = draft().model_copy(update={"total_incl_vat": total})  # a float slips past pydantic this way
    with pytest.raises(InvalidValue, match=message):
        store.jobs.record(job, verdict())
    assert store.jobs.history() == []


def test_incomplete_or_inconsistent_jobs_are_refused(store):
    with pytest.raises(InvalidValue) as caught:
        store.jobs.record(draft(vin=" ", odometer_km=None, work=[]), verdict())
    assert caught.value.fields == ("vin", "odometer_km", "work")
    with pytest.raises(InvalidValue, match="time zone"):
        store.jobs.record(draft(reading_at=datetime(2026, 3, 2, 12, 0)), verdict())
    with pytest.raises(InvalidValue, match="customer 999 does not exist"):
        store.jobs.record(draft(customer_id=999), verdict())
    assert store.jobs.history() == []


def test_history_searches_vin_customer_reference_and_dates(store):
    peeters = store.customers.add(Customer(name="Jan Peeters"))
    first, _ = store.jobs.record(draft(customer_id=peeters.id, reading_at=NOON - timedelta(days=30)), verdict())
    second, _ = store.jobs.record(draft(vin=OTHER_VIN, job_reference="WO-77"), verdict(must_report=False))
    third, _ = store.jobs.record(draft(customer_id=peeters.id, total_incl_vat=Decimal("80.00")), verdict())

    def ids(**kwargs):
        return [row.job_id for row in store.jobs.history(**kwargs)]

    assert ids() == [third, second, first]  # newest first (same day: latest recorded first)
    assert ids(query="vf1 rfb") == [second]
    assert ids(query="peeters") == [third, first]
    assert ids(query="wo-77") == [second]
    assert ids(since=NOON.date()) == [third, second]
    assert ids(until=NOON.date() - timedelta(days=1)) == [first]
    assert ids(query="peeters", since=NOON.date(), until=NOON.date()) == [third]
    row = store.jobs.history(query="peeters")[0]
    assert (row.customer, row.on, row.total_incl_vat, row.must_report, row.state) == (
        "Jan Peeters",
        NOON.date(),
        "80.00",
        True,
        SubmissionState.PENDING,
    )
    assert store.jobs.history(query=OTHER_VIN)[0].state is None
