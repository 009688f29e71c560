"""The submission outbox: claims and leases, one idempotency key per submission, the state machine."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

import pytest

from workshop_tui.domain.models import SubmissionState
from workshop_tui.services.api import CorrectionRefused
from workshop_tui.storage import (
    Acknowledged,
    Failed,
    NotFound,
    Rejected,
    Released,
    Sent,
    StateConflict,
    Store,
    Undecided,
)

from .factories import NOON, OTHER_VIN, audit_entries, draft, verdict

LATER = datetime.now(UTC) + timedelta(hours=1)  # after every row these tests write


def pending(store: Store, count: int = 1) -> list[int]:
    return [store.jobs.record(draft(odometer_km=1000 + n), verdict())[1].id for n in range(count)]


def test_a_claim_carries_what_the_sender_needs(store):
    [submission_id] = pending(store)
    [work] = store.outbox.claim_due("w1", limit=5, lease_seconds=30, now=LATER)
    assert (work.id, work.state, work.vin, work.odometer_km, work.job_reference) == (
        submission_id,
        SubmissionState.PENDING,
        draft().vin,
        1000,
        "WO-1",
    )
    assert (work.reading_at, work.work, work.job_lines, work.attempts) == (
        NOON,
        tuple(draft().work),
        ("Oil and filter",),
        1,
    )
    assert (work.request_key, work.request_guid, work.claimed_until) == (
        work.idempotency_key,
        None,
        LATER + timedelta(seconds=30),
    )


def test_the_idempotency_key_is_made_once_and_reused_on_every_retry(store):
    [submission_id] = pending(store)
    first = store.outbox.claim_due("w1", now=LATER)[0]
    store.outbox.record_one(Failed(submission_id, "connection reset", LATER + timedelta(seconds=5)))
    assert store.outbox.submission(submission_id).last_error == "connection reset"
    assert store.outbox.claim_due("w1", now=LATER) == []  # not due yet
    second = store.outbox.claim_due("w2", now=LATER + timedelta(seconds=5))[0]
    store.outbox.record_one(Sent(submission_id, "guid-1"))
    store.outbox.record_one(Undecided(submission_id, None, "PROCESSING", LATER + timedelta(seconds=10), sent_now=False))
    third = store.outbox.claim_due("w1", now=LATER + timedelta(seconds=10))[0]
    assert first.idempotency_key == second.idempotency_key == third.idempotency_key
    assert (third.state, third.request_guid, third.attempts) == (SubmissionState.SENT, "guid-1", 3)
    view = store.outbox.submission(submission_id)
    assert (view.last_error, view.server_status, view.attempts) == (None, "PROCESSING", 3)


def test_each_submission_has_its_own_key(store):
    pending(store, 3)
    assert len({work.idempotency_key for work in store.outbox.claim_due("w1", now=LATER)}) == 3


def test_a_live_lease_blocks_other_workers_until_it_expires(store):
    [submission_id] = pending(store)
    assert [w.id for w in store.outbox.claim_due("crashed", lease_seconds=60, now=LATER)] == [submission_id]
    assert store.outbox.claim_due("w2", lease_seconds=60, now=LATER + timedelta(seconds=59)) == []
    [reclaimed] = store.outbox.claim_due("w2", lease_seconds=60, now=LATER + timedelta(seconds=60))
    assert (reclaimed.id, reclaimed.attempts) == (submission_id, 2)


def test_release_gives_the_row_back_at_once(store):
    [submission_id] = pending(store)
    store.outbox.claim_due("w1", now=LATER)
    store.outbox.record_one(Released(submission_id))
    assert [w.id for w in store.outbox.claim_due("w2", now=LATER)] == [submission_id]


def test_claims_come_oldest_due_first_and_respect_the_limit(store):
    ids = pending(store, 5)
    store.outbox.record_one(Failed(ids[0], "timeout", LATER - timedelta(minutes=5)))
    first = [w.id for w in store.outbox.claim_due("w1", limit=3, now=LATER)]
    second = [w.id for w in store.outbox.claim_due("w2", limit=3, now=LATER)]
    assert first == ids[1:4] and second == [ids[4], ids[0]]


def test_concurrent_workers_never_get_the_same_row(store):
    ids = set(pending(store, 40))
    claimed: dict[str, list[int]] = {}
    start = threading.Barrier(4)

    def worker(name: str) -> None:
        start.wait()
        mine = claimed.setdefault(name, [])
        while batch := store.outbox.claim_due(name, limit=3, lease_seconds=600, now=LATER):
            mine.extend(work.id for work in batch)

    threads = [threading.Thread(target=worker, args=(f"w{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    every_claim = [submission_id for batch in claimed.values() for submission_id in batch]
    assert sorted(every_claim) == sorted(ids)  # each row exactly once


@pytest.mark.postgres
def test_postgres_terminals_skip_rows_another_terminal_is_claiming(postgres_url):
    """While terminal A's claim transaction is still open, terminal B takes other rows at once."""
    with Store.open(postgres_url, terminal="a") as a, Store.open(postgres_url, terminal="b") as b:
        ids = pending(a, 4)
        a_claimed, b_may_finish, a_rows = threading.Event(), threading.Event(), list[int]()

        def terminal_a():
            with a.connection_context(), a.session.db.atomic():  # the claim's row locks stay until this commits
                a_rows.extend(work.id for work in a.outbox.claim_due("a", limit=2, now=LATER))
                a_claimed.set()
                b_may_finish.wait(timeout=10)

        thread = threading.Thread(target=terminal_a)
        thread.start()
        assert a_claimed.wait(timeout=10)
        started = time.monotonic()
        b_rows = [work.id for work in b.outbox.claim_due("b", limit=4, now=LATER)]
        waited = time.monotonic() - started
        b_may_finish.set()
        thread.join()
    assert waited < 2 and a_rows == ids[:2] and b_rows == ids[2:]


def test_acknowledged_submissions_leave_the_outbox(store):
    first, second = pending(store, 2)
    store.outbox.claim_due("w1", now=LATER)
    store.outbox.record_one(Sent(first, "guid-1"))
    store.outbox.record_one(Acknowledged(first, "guid-1", "ACK-42", "ACCEPTED"))
    assert [view.id for view in store.outbox.unfinished()] == [second]
    view = store.outbox.submission(first)
    assert (view.state, view.ack_number, view.server_status, view.request_guid) == (
        SubmissionState.ACKNOWLEDGED,
        "ACK-42",
        "ACCEPTED",
        "guid-1",
    )
    after_the_lease = store.outbox.claim_due("w2", now=LATER + timedelta(hours=1))
    assert [work.id for work in after_the_lease] == [second]  # the acknowledged one is done


def test_one_correction_then_the_paper_form(store):
    [submission_id] = pending(store)
    original = store.outbox.claim_due("w1", now=LATER)[0]
    store.outbox.record_one(
        Rejected(submission_id, "guid-1", "E-17", tuple(["odometer lower than last reading"]), "REJECTED")
    )
    rejected = store.outbox.submission(submission_id)
    assert (rejected.state, rejected.error_number, rejected.issues) == (
        SubmissionState.REJECTED,
        "E-17",
        ["odometer lower than last reading"],
    )

    corrected = store.outbox.correct(submission_id, draft(vin=OTHER_VIN, odometer_km=1100))
    assert (corrected.state, corrected.corrections_used, corrected.vin, corrected.odometer_km) == (
        SubmissionState.PENDING,
        1,
        OTHER_VIN,
        1100,
    )
    work = store.outbox.claim_due("w1", now=LATER + timedelta(seconds=1))[0]
    assert work.is_correction and work.request_key == work.correction_key != original.idempotency_key
    assert (work.idempotency_key, work.error_number, work.reading_at) == (original.idempotency_key, "E-17", NOON)
    assert [reading.km for reading in store.vehicles.readings(OTHER_VIN)] == [1100]

    store.outbox.record_one(Rejected(submission_id, "guid-1", "E-18", tuple(["still wrong"]), "REJECTED"))
    assert store.outbox.submission(submission_id).state is SubmissionState.PAPER_REQUIRED
    with pytest.raises(CorrectionRefused, match="paper form"):
        store.outbox.correct(submission_id, draft(odometer_km=1200))
    assert store.outbox.submission(submission_id).odometer_km == 1100


def test_the_user_may_choose_the_paper_form_after_a_rejection(store):
    [submission_id] = pending(store)
    store.outbox.record_one(Rejected(submission_id, "guid-1", "E-3", tuple([]), "REJECTED"))
    store.outbox.choose_paper(submission_id)
    assert store.outbox.submission(submission_id).state is SubmissionState.PAPER_REQUIRED
    with pytest.raises(CorrectionRefused):
        store.outbox.correct(submission_id, draft())


def test_steps_out_of_order_are_refused(store):
    [submission_id] = pending(store)
    with pytest.raises(StateConflict, match="only a rejected submission"):
        store.outbox.correct(submission_id, draft())
    with pytest.raises(StateConflict, match="is pending: cannot record Undecided"):
        store.outbox.record_one(Undecided(submission_id, None, "PROCESSING", LATER, sent_now=False))
    with pytest.raises(StateConflict, match="is pending: cannot record PaperChosen"):
        store.outbox.choose_paper(submission_id)
    store.outbox.record_one(Acknowledged(submission_id, "guid-1", "ACK-1", "ACCEPTED"))
    for step in (
        lambda: store.outbox.record_one(Sent(submission_id, "guid")),
        lambda: store.outbox.record_one(Rejected(submission_id, "guid-1", "E-1", tuple([]), "REJECTED")),
        lambda: store.outbox.record_one(Failed(submission_id, "timeout", LATER)),
        lambda: store.outbox.retry_now(submission_id),
    ):
        with pytest.raises(StateConflict, match="is acknowledged"):
            step()
    with pytest.raises(NotFound):
        store.outbox.record_one(Sent(999, "guid"))
    with pytest.raises(NotFound):
        store.outbox.submission(999)


def test_retry_now_makes_a_waiting_submission_due(store):
    [submission_id] = pending(store)
    store.outbox.record_one(Failed(submission_id, "timeout", LATER + timedelta(days=1)))
    store.outbox.retry_now(submission_id)
    assert [w.id for w in store.outbox.claim_due("w1")] == [submission_id]


def test_state_changes_are_audited(store):
    [submission_id] = pending(store)
    store.outbox.record_one(Sent(submission_id, "guid-1"))
    store.outbox.record_one(Rejected(submission_id, "guid-1", "E-1", tuple(["bad"]), "REJECTED"))
    store.outbox.correct(submission_id, draft(odometer_km=999))
    actions = [entry.action for entry in reversed(audit_entries(store))]
    assert actions == ["job.recorded", "submission.sent", "submission.rejected", "submission.corrected"]
    assert audit_entries(store, 1)[0].details["before"]["odometer_km"] == 1000


def test_many_outcomes_are_recorded_at_once_and_stale_ones_are_skipped(store):
    acked, rejected, failed, waiting, done = pending(store, 5)
    store.outbox.claim_due("w1", now=LATER)
    store.outbox.record_one(Acknowledged(done, "guid-0", "ACK-0", "ACCEPTED"))
    stale = Acknowledged(done, "guid-0", "ACK-0", "ACCEPTED")  # another terminal finished it meanwhile
    skipped = store.outbox.record(
        [
            Acknowledged(acked, "guid-1", "ACK-1", "ACCEPTED"),
            Rejected(rejected, "guid-2", "E-2", ("bad km",), "REJECTED"),
            Failed(failed, "timeout", LATER + timedelta(minutes=1)),
            Undecided(waiting, "guid-4", "PROCESSING", LATER + timedelta(minutes=2), sent_now=True),
            stale,
            Failed(999, "gone", LATER),
        ]
    )
    assert skipped == [stale, Failed(999, "gone", LATER)]
    views = {view.id: view for view in map(store.outbox.submission, (acked, rejected, failed, waiting))}
    assert (views[acked].state, views[acked].ack_number, views[acked].request_guid) == (
        SubmissionState.ACKNOWLEDGED,
        "ACK-1",
        "guid-1",
    )
    assert (views[rejected].state, views[rejected].error_number, views[rejected].issues) == (
        SubmissionState.REJECTED,
        "E-2",
        ["bad km"],
    )
    assert (views[failed].state, views[failed].last_error, views[failed].next_attempt_at) == (
        SubmissionState.PENDING,
        "timeout",
        LATER + timedelta(minutes=1),
    )
    assert (views[waiting].state, views[waiting].request_guid, views[waiting].next_attempt_at) == (
        SubmissionState.SENT,
        "guid-4",
        LATER + timedelta(minutes=2),
    )
    actions = [entry.action for entry in audit_entries(store, 4)]
    assert actions == ["submission.sent", "submission.rejected", "submission.acknowledged", "submission.acknowledged"]
    assert store.outbox.claim_due("w2", now=LATER) == []  # every lease was given back, none is due yet


def test_in_flight_counts_what_is_left_to_send_and_latest_guid_names_the_last_accepted_reading(store):
    first, second, third = pending(store, 3)
    assert store.outbox.in_flight() == 3
    assert store.outbox.latest_request_guid(draft().vin) is None
    store.outbox.record_one(Acknowledged(first, "guid-1", "ACK-1", "ACCEPTED"))
    store.outbox.record_one(Acknowledged(second, "guid-2", "ACK-2", "ACCEPTED"))
    store.outbox.record_one(Rejected(third, "guid-3", "E-3", tuple([]), "REJECTED"))
    assert store.outbox.in_flight() == 0
    assert store.outbox.latest_request_guid(draft().vin) == "guid-2"
    assert store.outbox.latest_request_guid(OTHER_VIN) is None


def test_a_live_lease_is_renewed_only_by_its_holder(store):
    [submission_id] = pending(store)
    store.outbox.claim_due("w1", lease_seconds=30, now=LATER)
    assert store.outbox.renew_leases("w2", [submission_id], LATER + timedelta(seconds=90), LATER) == set()
    held = store.outbox.renew_leases(
        "w1", [submission_id], LATER + timedelta(seconds=90), LATER + timedelta(seconds=10)
    )
    assert held == {submission_id}
    assert store.outbox.claim_due("w2", now=LATER + timedelta(seconds=60)) == []
    late = LATER + timedelta(seconds=91)  # expired: another terminal may own it now
    assert store.outbox.renew_leases("w1", [submission_id], late + timedelta(seconds=30), late) == set()
