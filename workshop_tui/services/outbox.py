"""The outbox deliverer: sends recorded readings to Car-Pass and follows them until final.

The job, its reading and its outbox row were written in one transaction (`Store.record_job`).
The deliverer claims due rows under a lease, sends each with the idempotency key made when
the job was recorded (so a resend after a crash never doubles a reading at Car-Pass), sends
the work description (whose answer usually carries the verdict), polls the status while it is
not final, and records the outcomes. While Car-Pass is down or in its maintenance window the
row simply waits for its next attempt; nothing is ever dropped.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ALL_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from ..domain.models import SubmissionState
from ..storage import Acknowledged, Delivery, Failed, Rejected, Store, Undecided
from ..storage.values import utcnow
from ..storage.views import SubmissionWork
from .carpass_client import CarPassClient
from .contract import ObservationStatus, StatusResult, activity_codes_for
from .http import ClientError, ConfigurationError, InvalidRequest, MalformedResponse, ServiceUnavailable

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Backoff:
    """Exponential delay with full jitter between `base` and `cap` seconds."""

    base: float
    cap: float
    rng: random.Random = field(default_factory=random.Random, compare=False)

    def delay(self, attempt: int) -> float:
        ceiling = min(self.cap, self.base * 2 ** max(attempt - 1, 0))
        return self.rng.uniform(ceiling / 2, ceiling)


# While the service is down: 2 s, 4 s, 8 s ... at most 5 minutes between attempts.
RETRY = Backoff(base=2.0, cap=300.0)
# While Car-Pass processes a reading: ask again after 0.5 s, 1 s, 2 s ... at most a minute.
POLL = Backoff(base=0.5, cap=60.0)
# The request itself was refused (settings, data): the user must act; look again rarely.
REFUSED_DELAY = timedelta(minutes=15)


def observation(work: SubmissionWork) -> dict:
    """The arguments of `CarPassClient.post_observation` for a submission: the same on every resend."""
    return dict(
        idempotency_key=work.idempotency_key,
        vin=work.vin,
        reading_at=work.reading_at,
        odometer_km=work.odometer_km,
        job_reference=work.job_reference or f"JOB-{work.job_id}",
        odometer_replaced=work.odometer_replaced,
        five_digit_odometer=work.five_digit_odometer,
    )


@dataclass(frozen=True)
class Outcome:
    """What one exchange with Car-Pass gave; written to the store by the delivering thread."""

    work: SubmissionWork
    guid: str | None = None
    status: StatusResult | None = None
    error: str | None = None
    wait_seconds: float = 0.0


class Deliverer:
    """Drains the outbox of one database; several may run against one PostgreSQL database.

    The exchanges of a claimed batch run on `concurrency` threads (the car is still on site,
    and Car-Pass answers in milliseconds); the store is written from the calling thread only,
    so SQLite never sees two writers of ours: every `record_every` seconds, the outcomes finished
    by then in one short transaction (never held across a network call).
    """

    def __init__(
        self,
        store: Store,
        carpass: CarPassClient,
        *,
        worker: str,
        batch: int = 20,
        concurrency: int = 4,
        lease_seconds: float = 60.0,
        record_every: float = 0.05,
        retry: Backoff = RETRY,
        poll: Backoff = POLL,
        clock: Callable[[], datetime] = utcnow,
    ):
        self.store = store
        self.carpass = carpass
        self.worker = worker
        self.batch = batch
        self.lease_seconds = lease_seconds
        self.record_every = record_every
        self.retry = retry
        self.poll = poll
        self.clock = clock
        self.wake = threading.Event()
        self._pool = ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix=f"outbox-{worker}")

    def deliver_due(self) -> int:
        """Handle every row due now (one claimed batch); return how many were claimed."""
        claimed = self.store.claim_due(self.worker, self.batch, self.lease_seconds, self.clock())
        running = {self._pool.submit(self.exchange, work) for work in claimed}
        while running:
            done, running = wait(running, timeout=self.record_every, return_when=ALL_COMPLETED)
            self.apply(future.result() for future in done)
        return len(claimed)

    def run(self, stop: threading.Event, idle_seconds: float = 1.0) -> None:
        """Deliver until `stop` is set; sleep `idle_seconds` when nothing is due, or until woken."""
        while not stop.is_set():
            try:
                handled = self.deliver_due()
            except Exception:  # the database may be briefly unreachable: keep the loop alive
                log.exception("outbox: delivering failed")
                handled = 0
            if not handled:
                self.wake.wait(idle_seconds)
                self.wake.clear()

    def close(self) -> None:
        self._pool.shutdown(wait=True)

    def handle(self, work: SubmissionWork) -> None:
        """Exchange and record one claimed submission."""
        self.apply([self.exchange(work)])

    def exchange(self, work: SubmissionWork) -> Outcome:
        """Advance one submission at Car-Pass as far as it goes now (network only, no database)."""
        guid, status = work.request_guid, None
        try:
            if work.state is SubmissionState.PENDING:
                guid, status = self._send(work)
            return Outcome(work, guid, status or self.carpass.status(guid))
        except (ServiceUnavailable, MalformedResponse) as exc:
            delay = max(self.retry.delay(work.attempts), getattr(exc, "retry_after", None) or 0.0)
            return Outcome(work, guid, error=str(exc), wait_seconds=delay)
        except (ClientError, ConfigurationError, InvalidRequest) as exc:
            log.warning("outbox: submission %s refused: %s", work.id, exc)
            return Outcome(work, guid, error=str(exc), wait_seconds=REFUSED_DELAY.total_seconds())

    def _send(self, work: SubmissionWork) -> tuple[str, StatusResult | None]:
        """Send the observation (or the one correction) and its description.

        Returns the GUID and the status the description's answer carried, if it did.
        """
        if work.is_correction:
            guid = work.request_guid
            self.carpass.correct(
                guid,
                idempotency_key=work.correction_key,
                reading_at=work.reading_at,
                odometer_km=work.odometer_km,
                odometer_replaced=work.odometer_replaced,
                five_digit_odometer=work.five_digit_odometer,
                vin=work.vin,
            )
        else:
            guid = self.carpass.post_observation(**observation(work))
        return guid, self.carpass.post_description(guid, activity_codes_for(work.work), work.job_lines)

    def apply(self, outcomes: Iterable[Outcome]) -> None:
        """Record outcomes in one transaction. One whose lease has run out is left alone (another
        terminal may own it now); a reading sent but not recorded as sent is resent with its key.
        """
        now = self.clock()
        deliveries = [self._delivery(outcome, now) for outcome in outcomes if now < outcome.work.claimed_until]
        for skipped in self.store.record_deliveries(deliveries):  # finished by another terminal meanwhile
            log.info("outbox: submission %s changed meanwhile; %s not recorded", skipped.submission_id, skipped)

    def _delivery(self, outcome: Outcome, now: datetime) -> Delivery:
        work, status = outcome.work, outcome.status
        if status is None:
            return Failed(work.id, outcome.error or "", now + timedelta(seconds=outcome.wait_seconds))
        guid = outcome.guid or ""
        if status.status is ObservationStatus.ACCEPTED:
            return Acknowledged(work.id, guid, status.acknowledgement_number or "", status.status.value)
        if status.status is ObservationStatus.REJECTED:
            issues = tuple(f"{i.issue_number}: {i.message}" for i in status.issues)
            return Rejected(work.id, guid, status.error_number or "", issues, status.status.value)
        next_at = now + timedelta(seconds=self.poll.delay(work.attempts))
        return Undecided(work.id, guid, status.status.value, next_at, sent_now=work.state is SubmissionState.PENDING)
