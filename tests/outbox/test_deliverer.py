"""The deliverer against the sandbox over real sockets: success, outages, faults, rejections, corrections."""

from __future__ import annotations

import socket
import time
from datetime import timedelta

import pytest
from sandbox_admin import SandboxAdmin

from workshop_tui.domain.models import JobDraft, SubmissionState
from workshop_tui.sandbox.server import SandboxServer
from workshop_tui.services.api import CorrectionRefused
from workshop_tui.services.outbox import Deliverer, observation
from workshop_tui.services.problems import CARPASS, TIMEOUT, UNREACHABLE, from_stored, problem
from workshop_tui.storage import Released
from workshop_tui.storage.values import utcnow

from .conftest import TINY, carpass_for, drain, plain_vehicles, record


def test_recorded_reading_is_sent_described_and_acknowledged(store, deliverer, admin):
    view = record(store, next(plain_vehicles()))
    assert view.state is SubmissionState.PENDING
    drain(deliverer)
    done = store.outbox.submission(view.id)
    assert done.state is SubmissionState.ACKNOWLEDGED and done.ack_number
    [observation] = admin.observations()
    assert observation["idempotencyKey"] and observation["status"] == "ACCEPTED"
    assert observation["observation"]["odometerValue"] == view.odometer_km
    assert observation["observation"]["vin"] == view.vin
    assert observation["description"] == {"activityCodes": ["MAINTENANCE"], "jobLines": ["Oil and filter change"]}
    assert done.ack_number


def test_an_accepted_reading_takes_two_requests(store, deliverer, admin):
    view = record(store, next(plain_vehicles()))
    deliverer.deliver_due()
    assert store.outbox.submission(view.id).state is SubmissionState.ACKNOWLEDGED
    assert [(r["method"], r["path"].rsplit("/", 1)[-1]) for r in admin.requests()] == [
        ("POST", "observation"),
        ("POST", "description"),
    ]


def test_an_undecided_reading_is_polled_until_final(store, deliverer, admin):
    view = record(store, next(plain_vehicles()), odometer_replaced=True)  # Car-Pass staff review it first
    deliverer.deliver_due()
    waiting = store.outbox.submission(view.id)
    assert (waiting.state, waiting.server_status) == (SubmissionState.SENT, "REVIEWING")
    drain(deliverer)
    assert store.outbox.submission(view.id).state is SubmissionState.ACKNOWLEDGED
    polls = [r for r in admin.requests() if r["path"].endswith("/status")]
    assert len(polls) == 2 and len(admin.observations()) == 1  # REVIEWING once more, then ACCEPTED


def test_without_the_status_in_the_description_answer_the_status_is_polled(store):
    with SandboxServer(status_in_description=False) as plain, carpass_for(plain.carpass_url) as client:
        deliverer = Deliverer(store, client, worker="test", retry=TINY, poll=TINY)
        view = record(store, next(plain_vehicles()))
        deliverer.deliver_due()
        assert store.outbox.submission(view.id).state is SubmissionState.ACKNOWLEDGED
        with SandboxAdmin(plain.url) as admin:
            assert [r["method"] for r in admin.requests()] == ["POST", "POST", "GET"]


def test_outcomes_finished_together_are_recorded_in_one_transaction(store, carpass, admin):
    deliverer = Deliverer(store, carpass, worker="test", batch=6, record_every=30.0, retry=TINY, poll=TINY)
    cars = list(plain_vehicles())[:6]
    views = [record(store, car) for car in cars]
    recorded = []
    record_deliveries = store.outbox.record

    def counted(deliveries):
        recorded.append(len(deliveries))
        return record_deliveries(deliveries)

    store.outbox.record = counted
    assert deliverer.deliver_due() == 6
    assert recorded == [6]
    assert {store.outbox.submission(v.id).state for v in views} == {SubmissionState.ACKNOWLEDGED}


def test_an_outcome_past_its_lease_is_left_to_the_next_claim(store, carpass, admin):
    late = utcnow() + timedelta(minutes=5)  # the exchange outlived its lease
    deliverer = Deliverer(store, carpass, worker="slow", lease_seconds=60, retry=TINY, poll=TINY, clock=lambda: late)
    view = record(store, next(plain_vehicles()))
    [work] = store.outbox.claim_due("slow", now=utcnow())
    deliverer.apply([deliverer.exchange(work)])
    assert store.outbox.submission(view.id).state is SubmissionState.PENDING  # nothing recorded
    assert len(admin.observations()) == 1  # but Car-Pass has it: the next claim resends with the same key
    store.outbox.record_one(Released(view.id))
    drain(Deliverer(store, carpass, worker="test", retry=TINY, poll=TINY))
    assert store.outbox.submission(view.id).state is SubmissionState.ACKNOWLEDGED
    assert len(admin.observations()) == 1


def test_service_down_for_the_whole_test_keeps_the_reading_queued(store):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}"
    with carpass_for(dead) as client:
        deliverer = Deliverer(store, client, worker="test", retry=TINY, poll=TINY)
        view = record(store, next(plain_vehicles()))
        for _ in range(3):
            deliverer.deliver_due()
            store.outbox.retry_now(view.id)
    queued = store.outbox.submission(view.id)
    assert queued.state is SubmissionState.PENDING
    assert queued.attempts == 3
    assert from_stored(queued.last_error) == problem(UNREACHABLE, CARPASS)  # worded when shown
    assert store.outbox.unfinished() == [queued]


def test_server_errors_then_success_deliver_once(store, deliverer, admin):
    admin.inject("500", count=3)
    view = record(store, next(plain_vehicles()))
    drain(deliverer)
    assert store.outbox.submission(view.id).state is SubmissionState.ACKNOWLEDGED
    assert len(admin.observations()) == 1


def test_slow_answers_beyond_the_timeout_are_retried_later(sandbox, store, admin):
    with carpass_for(sandbox.carpass_url, read_timeout=0.2) as client:
        deliverer = Deliverer(store, client, worker="test", retry=TINY, poll=TINY)
        admin.inject("latency=0.5", count=2)
        view = record(store, next(plain_vehicles()))
        deliverer.deliver_due()
        assert store.outbox.submission(view.id).state is SubmissionState.PENDING
        assert from_stored(store.outbox.submission(view.id).last_error) == problem(TIMEOUT, CARPASS)
        drain(deliverer)
    assert store.outbox.submission(view.id).state is SubmissionState.ACKNOWLEDGED
    assert len(admin.observations()) == 1


def test_malformed_answers_and_dropped_connections_are_retried(store, deliverer, admin):
    admin.inject("malformed", count=1)
    admin.inject("drop", count=1)
    view = record(store, next(plain_vehicles()))
    drain(deliverer)
    assert store.outbox.submission(view.id).state is SubmissionState.ACKNOWLEDGED
    assert len(admin.observations()) == 1


def test_maintenance_window_is_waited_out_with_retry_after(store, deliverer, admin):
    admin.maintenance(True, retry_after=120)
    view = record(store, next(plain_vehicles()))
    before = utcnow()
    deliverer.deliver_due()
    waiting = store.outbox.submission(view.id)
    assert waiting.state is SubmissionState.PENDING
    assert waiting.next_attempt_at >= before + timedelta(seconds=119)
    assert deliverer.deliver_due() == 0  # not due before Retry-After
    admin.maintenance(False)
    store.outbox.retry_now(view.id)
    drain(deliverer)
    assert store.outbox.submission(view.id).state is SubmissionState.ACKNOWLEDGED


def test_a_crash_after_sending_never_doubles_the_reading(store, deliverer, carpass, admin):
    view = record(store, next(plain_vehicles()))
    [work] = store.outbox.claim_due("crashed-terminal", lease_seconds=0.01, now=utcnow())
    carpass.post_observation(**observation(work))  # sent, then the terminal died before writing the answer down
    time.sleep(0.05)  # the crashed terminal's lease runs out
    drain(deliverer)
    assert store.outbox.submission(view.id).state is SubmissionState.ACKNOWLEDGED
    assert len(admin.observations()) == 1


def rejected_reading(store, deliverer):
    view = record(store, next(plain_vehicles()), km_more=-1000)  # below the last reading Car-Pass knows
    drain(deliverer)
    rejected = store.outbox.submission(view.id)
    assert rejected.state is SubmissionState.REJECTED
    assert rejected.error_number and rejected.issues and "lower" in rejected.issues[0]
    return rejected


def corrected_draft(store, view, km_delta):
    job = store.jobs.get(view.job_id)
    return JobDraft(
        vin=job.vin, odometer_km=job.odometer_km + km_delta, work=list(job.work), job_lines=list(job.job_lines),
        total_incl_vat=job.total_incl_vat, reading_at=job.reading_at,
    )  # fmt: skip


def test_rejection_then_one_electronic_correction(store, deliverer, admin):
    rejected = rejected_reading(store, deliverer)
    store.outbox.correct(rejected.id, corrected_draft(store, rejected, 2000))
    drain(deliverer)
    corrected = store.outbox.submission(rejected.id)
    assert corrected.state is SubmissionState.ACKNOWLEDGED and corrected.corrections_used == 1
    [observation] = admin.observations()
    assert [c["odometerValue"] for c in observation["corrections"]] == [rejected.odometer_km + 2000]


def test_a_rejected_correction_needs_the_paper_form(store, deliverer, admin):
    rejected = rejected_reading(store, deliverer)
    store.outbox.correct(rejected.id, corrected_draft(store, rejected, 1))  # still too low
    drain(deliverer)
    assert store.outbox.submission(rejected.id).state is SubmissionState.PAPER_REQUIRED
    with pytest.raises(CorrectionRefused):
        store.outbox.correct(rejected.id, corrected_draft(store, rejected, 5000))
    assert len(admin.observations()[0]["corrections"]) == 1


@pytest.mark.parametrize("fault", ["503", "429"])
def test_retryable_statuses_wait_and_succeed(store, deliverer, admin, fault):
    admin.inject(fault, count=2)
    view = record(store, next(plain_vehicles()))
    drain(deliverer)
    assert store.outbox.submission(view.id).state is SubmissionState.ACKNOWLEDGED
