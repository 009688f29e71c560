"""The outbox deliverer: sends recorded readings to Car-Pass and follows them until final.

The job, its reading and its outbox row were written in one transaction (`Jobs.record`).
The deliverer claims due rows under a lease, sends each with the idempotency key made when
the job was recorded (so a resend after a crash never doubles a reading at Car-Pass), sends
the work description (whose answer usually carries the verdict), polls the status while it is
not final, and records the outcomes. While Car-Pass is down or in its maintenance window the
row waits for its next attempt (`policies.OUTBOX_RETRY`); nothing is ever dropped. A refusal
of the data (4xx) waits for someone to fix or cancel it, a refusal of the terminal's
credentials for the settings to change: neither is retried on its own.
"""

from __future__ import annotations

import logging
import math
import threading
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ALL_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from datetime import datetime, timedelta

from ..domain.lifecycle import SubmissionState
from ..storage import Acknowledged, Delivery, Failed, Refused, Rejected, Store, Undecided
from ..storage.values import utcnow
from ..storage.views import SubmissionWork
from .carpass_client import CarPassClient
from .contract import ObservationStatus, StatusResult, activity_codes_for, draft_field
from .http import (
    AuthenticationFailed,
    ClientError,
    ConfigurationError,
    CorrectionLimitReached,
    InvalidRequest,
    MalformedResponse,
    ServiceError,
    ServiceUnavailable,
    truncated,
)
from .policies import OUTBOX_POLL, OUTBOX_RETRY, Backoff
from .problems import stored

log = logging.getLogger(__name__)


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
    """What one exchange with Car-Pass gave; written to the store by the delivering thread.

    `error`: why the exchange failed in transit (`problems.stored`); `refused`: what the refusal
    of the request leads to (needs fixing or settings; paper once the correction is used), with
    the service's words.
    """

    work: SubmissionWork
    guid: str | None = None
    status: StatusResult | None = None
    error: str | None = None
    wait_seconds: float = 0.0
    refused: Refused | Rejected | None = None


def _words(error: ServiceError) -> str:
    """What a refusal keeps to show: the service's own words, else our problem (`problems.stored`),
    worded in the reader's language when shown."""
    return getattr(error, "words", "") or stored(error.problem)


def _positive(name: str, value: float, *, whole: bool = False) -> None:
    kinds = (int,) if whole else (int, float)
    if isinstance(value, bool) or not isinstance(value, kinds) or not (value > 0 and math.isfinite(value)):
        kind = "a whole number" if whole else "a number of seconds"
        raise ValueError(f"{name} must be {kind} greater than 0, not {value!r}")


def _accepted_guid(work: SubmissionWork) -> str:
    """The GUID Car-Pass gave the submission (followed, or corrected); InvalidRequest for a row without one."""
    if work.request_guid is None:
        raise InvalidRequest(f"submission {work.id} has no request GUID to follow or correct")
    return work.request_guid


class Deliverer:
    """Drains the outbox of one database; several may run against one PostgreSQL database.

    The exchanges run on `concurrency` threads (the car is still on site, and Car-Pass answers
    in milliseconds); a slow one holds its thread only, and free threads take the next due rows
    meanwhile. The store is written from the calling thread only, so SQLite never sees two
    writers of ours: every `record_every` seconds (or as soon as all running exchanges are
    done), the outcomes finished by then in one short transaction (never held across a network
    call), and the leases of exchanges still running renewed once half of them is spent.
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
        retry: Backoff = OUTBOX_RETRY,
        poll: Backoff = OUTBOX_POLL,
        clock: Callable[[], datetime] = utcnow,
    ):
        _positive("concurrency", concurrency, whole=True)
        _positive("record_every", record_every)
        self.store = store
        self.carpass = carpass
        self.worker = worker
        self.concurrency = concurrency
        self.record_every = record_every
        self.batch = batch
        self.lease_seconds = lease_seconds
        self.retry = retry
        self.poll = poll
        self.clock = clock
        self.wake = threading.Event()
        self._pool = ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix=f"outbox-{worker}")

    @property
    def batch(self) -> int:
        """How many rows one claim takes at most (ValueError unless a whole number above 0)."""
        return self._batch

    @batch.setter
    def batch(self, value: int) -> None:
        _positive("batch", value, whole=True)
        self._batch = value

    @property
    def lease_seconds(self) -> float:
        """How long a claim holds a row before another deliverer may take it; renewed while its
        exchange runs (ValueError unless a finite number of seconds over `record_every`)."""
        return self._lease_seconds

    @lease_seconds.setter
    def lease_seconds(self, value: float) -> None:
        _positive("lease", value)
        if value <= self.record_every:
            raise ValueError(f"the lease must be longer than {self.record_every} s, not {value!r}")
        self._lease_seconds = float(value)

    def deliver_due(self) -> int:
        """Handle the rows due now, and those falling due while a slow exchange still runs; return
        how many were claimed."""
        running: dict[Future[Outcome], SubmissionWork] = {}
        leases: dict[int, datetime] = {}
        claimed = self._claim(running, leases, self.batch)
        while running:
            done, _ = wait(running, timeout=self.record_every, return_when=ALL_COMPLETED)
            finished = {running.pop(future).id: future.result() for future in done}
            if finished:
                self.apply(finished.values(), leases={row_id: leases.pop(row_id) for row_id in finished})
            self._renew(running, leases)
            if 0 < len(running) < self.concurrency and (done or self.wake.is_set()):  # a slow one runs on
                self.wake.clear()
                claimed += self._claim(running, leases, self.batch - len(running))
        return claimed

    def _claim(self, running: dict, leases: dict[int, datetime], limit: int) -> int:
        works = self.store.outbox.claim_due(self.worker, limit, self.lease_seconds, self.clock())
        for work in works:
            running[self._pool.submit(self.exchange, work)] = work
            leases[work.id] = work.claimed_until
        return len(works)

    def _renew(self, running: Mapping[Future, SubmissionWork], leases: dict[int, datetime]) -> None:
        """Extend the leases of exchanges still running once half of their lease is spent."""
        now = self.clock()
        halfway = now + timedelta(seconds=self.lease_seconds / 2)
        expiring = [work.id for work in running.values() if leases[work.id] <= halfway]
        if not expiring:
            return
        until = now + timedelta(seconds=self.lease_seconds)
        held = self.store.outbox.renew_leases(self.worker, expiring, until, now)
        for submission_id in expiring:
            leases[submission_id] = until if submission_id in held else now  # lost: its result is not recorded

    def run(self, stop: threading.Event, idle_seconds: float = 1.0) -> None:
        """Deliver until `stop` is set; sleep `idle_seconds` when nothing is due, or until woken.

        Rows waiting for a later attempt are made due at once first: a restart retries them.
        """
        try:
            self.store.outbox.retry_all()
        except Exception:  # the database may be briefly unreachable: the loop still starts
            log.exception("outbox: making waiting rows due failed")
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

    def exchange(self, work: SubmissionWork) -> Outcome:
        """Advance one submission at Car-Pass as far as it goes now (network only, no database)."""
        guid, status = work.request_guid, None
        try:
            if work.state is SubmissionState.PENDING:
                guid, status = self._send(work)
            else:
                guid = _accepted_guid(work)
            return Outcome(work, guid, status or self.carpass.status(guid))
        except (ServiceUnavailable, MalformedResponse) as exc:
            delay = max(self.retry.delay(work.attempts), getattr(exc, "retry_after", None) or 0.0)
            log.info("outbox: submission %s waits %.0f s: %s", work.id, delay, exc)
            return Outcome(work, guid, error=stored(exc.problem), wait_seconds=delay)
        except (AuthenticationFailed, ConfigurationError) as exc:
            log.warning("outbox: submission %s waits for the settings: %s", work.id, exc)
            setting = (
                exc.setting if isinstance(exc, ConfigurationError) else "credentials"
            )  # 401/403: number or password
            code = exc.code or "AUTHENTICATION_FAILED"
            refused = Refused(work.id, SubmissionState.NEEDS_SETTINGS, code, _words(exc), setting)
            return Outcome(work, guid, refused=refused)
        except CorrectionLimitReached as exc:  # the one electronic correction is used: paper
            return Outcome(work, guid, refused=Rejected(work.id, guid or "", exc.code or "", (exc.words,), "REJECTED"))
        except (ClientError, InvalidRequest) as exc:
            log.warning("outbox: submission %s needs fixing: %s", work.id, exc)
            code = getattr(exc, "code", None) or ("INVALID_REQUEST" if isinstance(exc, InvalidRequest) else "REFUSED")
            refused = Refused(work.id, SubmissionState.NEEDS_FIXING, code, _words(exc), draft_field(exc.details))
            return Outcome(work, guid, refused=refused)

    def _send(self, work: SubmissionWork) -> tuple[str, StatusResult | None]:
        """Send the observation (or the one correction) and its description.

        Returns the GUID and the status the description's answer carried, if it did.
        """
        if work.is_correction:
            guid = _accepted_guid(work)
            self.carpass.correct(
                guid,
                idempotency_key=work.request_key,
                reading_at=work.reading_at,
                odometer_km=work.odometer_km,
                odometer_replaced=work.odometer_replaced,
                five_digit_odometer=work.five_digit_odometer,
                vin=work.vin,
            )
        else:
            guid = self.carpass.post_observation(**observation(work))
        return guid, self.carpass.post_description(guid, activity_codes_for(work.work), work.job_lines)

    def apply(self, outcomes: Iterable[Outcome], leases: Mapping[int, datetime] | None = None) -> None:
        """Record outcomes in one transaction. One whose lease has run out (as renewed in `leases`)
        is left alone (another terminal may own it now); a reading sent but not recorded as sent is
        resent with its key.
        """
        now = self.clock()
        leases = leases or {}
        deliveries = [
            self._delivery(outcome, now)
            for outcome in outcomes
            if now < leases.get(outcome.work.id, outcome.work.claimed_until)
        ]
        for skipped in self.store.outbox.record(deliveries):  # finished by another terminal meanwhile
            log.info("outbox: submission %s changed meanwhile; %s not recorded", skipped.submission_id, skipped)

    def _delivery(self, outcome: Outcome, now: datetime) -> Delivery:
        work, status = outcome.work, outcome.status
        if outcome.refused is not None:
            return outcome.refused
        if status is None:
            return Failed(work.id, outcome.error or "", now + timedelta(seconds=outcome.wait_seconds))
        guid = outcome.guid or ""
        if status.status is ObservationStatus.ACCEPTED:
            return Acknowledged(work.id, guid, status.acknowledgement_number or "", status.status.value)
        if status.status is ObservationStatus.REJECTED:
            issues = tuple(truncated(f"{i.issue_number}: {i.message}") for i in status.issues)
            return Rejected(work.id, guid, status.error_number or "", issues, status.status.value)
        next_at = now + timedelta(seconds=self.poll.delay(work.attempts))
        return Undecided(work.id, guid, status.status.value, next_at, sent_now=work.state is SubmissionState.PENDING)
