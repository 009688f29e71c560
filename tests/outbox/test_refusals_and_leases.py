"""A typo is not an outage, and every wait is bounded: refusals wait for a person (needs fixing,
needs settings), fixed readings go out under a new key, leases outlive slow exchanges."""

from __future__ import annotations

import math
import threading
import time
from datetime import timedelta

import pytest
from storage.factories import audit_entries

from workshop_tui.domain.lifecycle import Status, SubmissionState, status
from workshop_tui.sandbox.server import SANDBOX_ENTERPRISE_NUMBER, SANDBOX_ESTABLISHMENT_NUMBER
from workshop_tui.services.carpass_client import CarPassClient
from workshop_tui.services.outbox import Deliverer
from workshop_tui.services.problems import INVALID_REQUEST, from_stored
from workshop_tui.storage import Failed, InvalidValue, StateConflict
from workshop_tui.storage.values import utcnow

from .conftest import FAST, TINY, carpass_for, drain, plain_vehicles, record


def deliverer_for(store, client, **options) -> Deliverer:
    return Deliverer(store, client, worker="test", retry=TINY, poll=TINY, **options)


def test_a_refused_reading_needs_fixing_and_is_not_retried(store, carpass, admin):
    view = record(store, next(plain_vehicles()), km_more=200_000, five_digit_odometer=True)
    deliverer = deliverer_for(store, carpass)
    deliverer.deliver_due()
    refused = store.outbox.submission(view.id)
    assert refused.state is SubmissionState.NEEDS_FIXING and refused.status is Status.NEEDS_FIXING
    assert refused.problem_code == "INVALID_REQUEST"
    kept = from_stored(refused.problem_message)  # our problem, worded when shown; the details as found
    assert kept is not None and kept.code == INVALID_REQUEST and "five-digit" in str(kept.params["details"])
    assert refused.last_error is None
    assert deliverer.deliver_due() == 0  # never retried on its own
    assert admin.observations() == []


def test_a_fixed_reading_is_sent_under_a_new_key_and_the_audit_log_keeps_both(store, carpass, admin):
    car = next(plain_vehicles())
    view = record(store, car, km_more=200_000, five_digit_odometer=True)
    deliverer = deliverer_for(store, carpass)
    deliverer.deliver_due()
    job = store.jobs.get(view.job_id)
    fixed = store.outbox.resend_fixed(view.id, _draft(job, five_digit_odometer=False))
    assert fixed.state is SubmissionState.PENDING and fixed.problem_code is None
    drain(deliverer)
    assert store.outbox.submission(view.id).state is SubmissionState.ACKNOWLEDGED
    [entry] = [e for e in audit_entries(store) if e.action == "submission.fixed"]
    assert entry.details["old_key"] != entry.details["new_key"]
    assert [o["idempotencyKey"] for o in admin.observations()] == [entry.details["new_key"]]


def test_an_unchanged_resend_keeps_its_key(store, carpass):
    view = record(store, next(plain_vehicles()), km_more=200_000, five_digit_odometer=True)
    deliverer_for(store, carpass).deliver_due()
    job = store.jobs.get(view.job_id)
    store.outbox.resend_fixed(view.id, _draft(job))
    [entry] = [e for e in audit_entries(store) if e.action == "submission.fixed"]
    assert entry.details["old_key"] == entry.details["new_key"]
    with pytest.raises(StateConflict, match="only one that needs fixing"):
        store.outbox.resend_fixed(view.id, _draft(job))


def test_a_reading_that_needs_fixing_can_be_cancelled_with_a_reason(store, carpass):
    view = record(store, next(plain_vehicles()), km_more=200_000, five_digit_odometer=True)
    pending = record(store, list(plain_vehicles())[1])
    deliverer = deliverer_for(store, carpass)
    with pytest.raises(InvalidValue):
        store.outbox.cancel(view.id, "  ")
    with pytest.raises(StateConflict):
        store.outbox.cancel(pending.id, "typed twice")  # may be on its way to Car-Pass
    deliverer.deliver_due()
    store.outbox.cancel(view.id, "customer's car, wrong odometer type")
    cancelled = store.outbox.submission(view.id)
    assert cancelled.state is SubmissionState.CANCELLED and cancelled.cancel_reason.startswith("customer")
    assert view.id not in [v.id for v in store.outbox.unfinished()]
    assert audit_entries(store, 1)[0].details["reason"] == "customer's car, wrong odometer type"


def test_a_wrong_password_waits_for_the_settings_then_goes_out(store, sandbox, admin):
    view = record(store, next(plain_vehicles()))
    with CarPassClient(sandbox.carpass_url, SANDBOX_ESTABLISHMENT_NUMBER, "wrong", SANDBOX_ENTERPRISE_NUMBER,
                       policy=FAST) as wrong:  # fmt: skip
        deliverer_for(store, wrong).deliver_due()
    waiting = store.outbox.submission(view.id)
    assert waiting.state is SubmissionState.NEEDS_SETTINGS and waiting.status is Status.NEEDS_SETTINGS
    assert (waiting.problem_code, waiting.problem_field) == ("AUTHENTICATION_FAILED", "credentials")
    assert store.outbox.in_flight() == 0
    assert store.outbox.retry_all() == 1  # the settings changed
    with carpass_for(sandbox.carpass_url) as right:
        drain(deliverer_for(store, right))
    assert store.outbox.submission(view.id).state is SubmissionState.ACKNOWLEDGED


def test_a_missing_password_is_named_and_nothing_is_sent(store, sandbox, admin):
    view = record(store, next(plain_vehicles()))
    with CarPassClient(sandbox.carpass_url, SANDBOX_ESTABLISHMENT_NUMBER, "", SANDBOX_ENTERPRISE_NUMBER,
                       policy=FAST) as unset:  # fmt: skip
        deliverer_for(store, unset).deliver_due()
    waiting = store.outbox.submission(view.id)
    assert (waiting.state, waiting.problem_code, waiting.problem_field) == (
        SubmissionState.NEEDS_SETTINGS,
        "PASSWORD_MISSING",
        "password",
    )
    assert admin.requests() == []


def test_a_restart_retries_waiting_rows_at_once(store, carpass):
    view = record(store, next(plain_vehicles()))
    store.outbox.record_one(Failed(view.id, "Car-Pass cannot be reached", utcnow() + timedelta(minutes=15)))
    assert store.outbox.submission(view.id).status is Status.OFFLINE
    deliverer, stop = deliverer_for(store, carpass), threading.Event()
    thread = threading.Thread(target=deliverer.run, args=(stop, 0.05))
    thread.start()
    try:
        deadline = time.monotonic() + 5
        while store.outbox.submission(view.id).state is not SubmissionState.ACKNOWLEDGED:
            assert time.monotonic() < deadline, "the waiting row was not retried at start"
            time.sleep(0.05)
    finally:
        stop.set()
        deliverer.wake.set()
        thread.join(5)


def test_an_exchange_longer_than_its_lease_is_sent_once(store, carpass, admin):
    view = record(store, next(plain_vehicles()))
    admin.inject("latency=1.5")  # the observation's answer comes three leases late
    deliverer = deliverer_for(store, carpass, lease_seconds=0.5)
    other = deliverer_for(store, carpass)
    stolen = []
    running = threading.Thread(target=deliverer.deliver_due)
    running.start()
    while store.outbox.submission(view.id).attempts == 0:  # wait for its claim
        time.sleep(0.01)
    while running.is_alive():
        stolen += store.outbox.claim_due("other", now=utcnow())
        time.sleep(0.05)
    running.join()
    assert stolen == []
    drain(other)
    assert store.outbox.submission(view.id).state is SubmissionState.ACKNOWLEDGED
    assert len(admin.observations()) == 1
    assert [r["method"] for r in admin.requests()].count("POST") == 2  # observation and description, once each


def test_one_slow_answer_does_not_hold_the_others(store, carpass, admin):
    cars = list(plain_vehicles())[:4]
    views = [record(store, car) for car in cars]
    admin.inject("latency=3")  # the first request of the batch
    deliverer = deliverer_for(store, carpass, concurrency=2)
    started = time.monotonic()
    running = threading.Thread(target=deliverer.deliver_due)
    running.start()
    try:
        while sum(store.outbox.submission(v.id).state is SubmissionState.ACKNOWLEDGED for v in views) < 3:
            assert time.monotonic() - started < 2.5, "the others waited for the slow answer"
            time.sleep(0.05)
    finally:
        running.join()


@pytest.mark.parametrize("option", ["lease_seconds", "batch"])
@pytest.mark.parametrize("value", [0, -1, math.nan, math.inf, True])
def test_the_deliverer_refuses_a_lease_or_batch_that_cannot_work(store, carpass, option, value):
    with pytest.raises(ValueError, match=r"lease|batch"):
        deliverer_for(store, carpass, **{option: value})
    deliverer = deliverer_for(store, carpass)
    with pytest.raises(ValueError):
        setattr(deliverer, option, value)
    assert deliverer.lease_seconds == 60.0 and deliverer.batch == 20


@pytest.mark.parametrize(
    ("state", "server_status", "last_error", "shown"),
    [
        (SubmissionState.PENDING, None, None, Status.SENDING),
        (SubmissionState.PENDING, None, "Car-Pass cannot be reached", Status.OFFLINE),
        (SubmissionState.SENT, "ONGOING", None, Status.PROCESSING),
        (SubmissionState.SENT, "WAITING_FOR_DIV", None, Status.WAITING_FOR_DIV),
        (SubmissionState.SENT, "REVIEWING", None, Status.REVIEWING),
        (SubmissionState.SENT, "REVIEWING", "timeout", Status.OFFLINE),
        (SubmissionState.NEEDS_FIXING, None, None, Status.NEEDS_FIXING),
        (SubmissionState.NEEDS_SETTINGS, None, None, Status.NEEDS_SETTINGS),
        (SubmissionState.ACKNOWLEDGED, "ACCEPTED", None, Status.ACKNOWLEDGED),
        (SubmissionState.CANCELLED, None, None, Status.CANCELLED),
    ],
)
def test_the_status_shown_names_what_is_happening(state, server_status, last_error, shown):
    assert status(state, server_status, last_error) is shown


def _draft(job, **changes):
    from workshop_tui.domain.models import JobDraft

    fields = dict(
        vin=job.vin, odometer_km=job.odometer_km, odometer_replaced=job.odometer_replaced,
        five_digit_odometer=job.five_digit_odometer, work=list(job.work), job_lines=list(job.job_lines),
        total_incl_vat=job.total_incl_vat, reading_at=job.reading_at, job_reference=job.job_reference,
    )  # fmt: skip
    return JobDraft(**(fields | changes))


def test_a_correction_past_the_limit_leads_to_the_paper_form(store, carpass):
    from workshop_tui.services.http import CorrectionLimitReached
    from workshop_tui.storage import Rejected

    view = record(store, next(plain_vehicles()))
    store.outbox.record_one(Rejected(view.id, "guid-1", "E-1", ("too low",), "REJECTED"))
    job = store.jobs.get(view.job_id)
    store.outbox.correct(view.id, _draft(job, odometer_km=job.odometer_km + 1))

    class LimitReached:
        def correct(self, *args, **kwargs):
            raise CorrectionLimitReached("Car-Pass answered HTTP 409", 409, "CORRECTION_LIMIT", [], "used")

    deliverer = Deliverer(store, LimitReached(), worker="test", retry=TINY, poll=TINY)  # type: ignore[arg-type]  # a stand-in client
    [work] = store.outbox.claim_due("test", now=utcnow())
    deliverer.apply([deliverer.exchange(work)])
    assert store.outbox.submission(view.id).state is SubmissionState.PAPER_REQUIRED
