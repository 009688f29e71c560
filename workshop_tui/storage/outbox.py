"""The outbox: submissions leased to deliverers, what became of them, and what the workshop
does about a refused one (correct it once, fix and re-send it, cancel it, choose paper).

PostgreSQL terminals skip rows another terminal is claiming (FOR UPDATE SKIP LOCKED); SQLite
claims in an immediate transaction. Every state change is checked against the outcome's
`allowed` states, so a late answer never overwrites a newer one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any
from uuid import uuid4

from peewee import Case, Field, Value

from ..domain.lifecycle import IN_FLIGHT, SubmissionState
from ..domain.models import JobDraft, SubmissionView
from . import models as tables
from . import records, values
from .database import tuples
from .deliveries import NO_LEASE, Cancelled, DueNow, Outcome, PaperChosen
from .errors import CorrectionRefused, InvalidValue, NotFound, StateConflict
from .jobs import rewrite
from .session import Session
from .views import SubmissionWork

S, J, V = tables.Submission, tables.Job, tables.Vehicle
_ROWS_PER_UPDATE = 200  # keeps one statement's parameters well under SQLite's limit
_IN_FLIGHT = [state.value for state in IN_FLIGHT]
_RESENT = {"server_status": None, "last_error": None, "problem_code": None, "problem_message": None,
           "problem_field": None, **NO_LEASE}  # fmt: skip


class Outbox:
    def __init__(self, session: Session):
        self._session = session

    # Delivering

    def claim_due(
        self, worker: str, limit: int = 10, lease_seconds: float = 60.0, now: datetime | None = None
    ) -> list[SubmissionWork]:
        """Lease up to `limit` submissions due for sending (or polling) to `worker`, oldest due first.

        A row is due when in flight, its next attempt time has come and no live lease holds
        it; a lease left by a crashed worker expires after `lease_seconds`. Each claim counts
        as an attempt.
        """
        now = values.instant(now, "now")
        until = now + timedelta(seconds=lease_seconds)
        query = (
            S.select(S, J, V.vin)
            .join(J)
            .join(V)
            .where(
                S.state.in_(_IN_FLIGHT),
                S.next_attempt_at <= now,
                S.claimed_until.is_null() | (S.claimed_until <= now),
            )
            .order_by(S.next_attempt_at, S.id)
            .limit(limit)
        )
        if self._session.db.for_update:
            query = query.for_update(of=S, skip_locked=True)
        with self._session.transaction():
            rows = list(query)
            if rows:
                S.update(claimed_by=worker, claimed_until=until, attempts=S.attempts + 1, updated_at=now).where(
                    S.id.in_([row.id for row in rows])
                ).execute()
        return [records.submission_work(row, until) for row in rows]

    def renew_leases(self, worker: str, ids: Iterable[int], until: datetime, now: datetime | None = None) -> set[int]:
        """Extend `worker`'s leases on `ids` still live at `now` to `until`; returns the ids it still holds."""
        ids = list(ids)
        now = values.instant(now, "now")
        held = (S.claimed_by == worker) & (S.claimed_until > now) & S.id.in_(ids)
        with self._session.transaction():
            S.update(claimed_until=values.instant(until, "until")).where(held).execute()
            return {row_id for (row_id,) in tuples(S.select(S.id).where(held))}

    def record(self, outcomes: Sequence[Outcome]) -> list[Outcome]:
        """Record the outcomes of many submissions in one short transaction, with their audit entries.

        Returns the outcomes not recorded because their submission is gone or no longer in an
        allowed state (e.g. another terminal finished it after this one's lease ran out).
        """
        if not outcomes:
            return []
        with self._session.transaction():
            return self._apply(outcomes)

    def record_one(self, outcome: Outcome) -> None:
        """Record one outcome, or raise NotFound / StateConflict and change nothing."""
        with self._session.transaction():
            if self._apply([outcome]):
                state = S.select(S.state).where(S.id == outcome.submission_id).scalar()
                if state is None:
                    raise NotFound(f"no submission {outcome.submission_id}")
                raise StateConflict(
                    f"submission {outcome.submission_id} is {state}: cannot record {type(outcome).__name__}"
                )

    def retry_now(self, submission_id: int) -> None:
        """Make a pending or sent submission due at once (the user pressed "retry")."""
        self.record_one(DueNow(submission_id))

    def retry_all(self) -> int:
        """Make every in-flight submission due at once, and send again those that waited for the
        settings (at start, and when the settings change). Returns how many rows changed."""
        now = values.utcnow()
        with self._session.transaction():
            settings = (
                S.update(state=SubmissionState.PENDING.value, next_attempt_at=now, updated_at=now, **_RESENT)
                .where(S.state == SubmissionState.NEEDS_SETTINGS.value)
                .execute()
            )
            due = (
                S.update(next_attempt_at=now, updated_at=now)
                .where(
                    S.state.in_(_IN_FLIGHT),
                    S.next_attempt_at > now,
                    S.claimed_until.is_null() | (S.claimed_until <= now),
                )
                .execute()
            )
        return settings + due

    # What the workshop does about a refused submission

    def choose_paper(self, submission_id: int) -> None:
        """The workshop chose the signed paper form for a rejected submission."""
        self.record_one(PaperChosen(submission_id))

    def cancel(self, submission_id: int, reason: str) -> None:
        """Withdraw a submission the service never accepted (it needs fixing or settings), saying why."""
        reason = reason.strip()
        if not reason:
            raise InvalidValue("say why the reading is cancelled", "reason")
        self.record_one(Cancelled(submission_id, reason))

    def correct(self, submission_id: int, draft: JobDraft) -> SubmissionView:
        """Use the one electronic correction of a rejected submission: the job takes the corrected
        VIN, reading, flags and work from `draft`, and the submission is pending again under its
        own correction key. Raises `CorrectionRefused` when the correction is already used.
        """
        now = values.utcnow()
        with self._session.transaction():
            corrected = (
                S.update(
                    state=SubmissionState.PENDING.value,
                    corrections_used=S.corrections_used + 1,
                    correction_key=str(uuid4()),
                    next_attempt_at=now,
                    updated_at=now,
                    **_RESENT,
                )
                .where(S.id == submission_id, S.state == SubmissionState.REJECTED.value, S.corrections_used == 0)
                .execute()
            )
            if not corrected:
                self._refuse_correction(submission_id)
            job_id = S.select(S.job).where(S.id == submission_id).scalar()
            before, after = rewrite(job_id, draft)
            shown = ("vin", "odometer_km", "reading_at")
            self._session.audit(
                "submission.corrected",
                {
                    "submission_id": submission_id,
                    "job_id": job_id,
                    "before": {key: before[key] for key in shown},
                    "after": {key: after[key] for key in shown},
                },
            )
            return self._views(S.id == submission_id)[0]

    def resend_fixed(self, submission_id: int, draft: JobDraft) -> SubmissionView:
        """Send a submission that needs fixing again with the data of `draft`.

        When what is sent changes, the request gets a new idempotency key (the service would
        answer the old one with its earlier refusal); the audit entry keeps both keys.
        """
        now = values.utcnow()
        with self._session.transaction():
            row = self._locked(submission_id)
            if row.state != SubmissionState.NEEDS_FIXING:
                raise StateConflict(f"submission {submission_id} is {row.state}: only one that needs fixing is re-sent")
            before, after = rewrite(row.job_id, draft)
            key_column = "correction_key" if row.correction_key else "idempotency_key"
            old_key = getattr(row, key_column)
            new_key = old_key if before == after else str(uuid4())
            S.update(
                state=SubmissionState.PENDING.value, next_attempt_at=now, updated_at=now, **{key_column: new_key},
                **_RESENT,
            ).where(S.id == submission_id).execute()  # fmt: skip
            self._session.audit(
                "submission.fixed",
                {"submission_id": submission_id, "before": before, "after": after,
                 "old_key": old_key, "new_key": new_key},
            )  # fmt: skip
            return self._views(S.id == submission_id)[0]

    def _locked(self, submission_id: int) -> tables.Submission:
        query = S.select().where(S.id == submission_id)
        if self._session.db.for_update:
            query = query.for_update()
        row = query.get_or_none()
        if row is None:
            raise NotFound(f"no submission {submission_id}")
        return row

    def _refuse_correction(self, submission_id: int) -> None:
        row = S.get_or_none(S.id == submission_id)
        if row is None:
            raise NotFound(f"no submission {submission_id}")
        if row.corrections_used or row.state == SubmissionState.PAPER_REQUIRED:
            raise CorrectionRefused(
                f"submission {submission_id}: the one electronic correction is used; the signed paper form is needed"
            )
        raise StateConflict(f"submission {submission_id} is {row.state}: only a rejected submission can be corrected")

    # Reading

    def submission(self, submission_id: int) -> SubmissionView:
        with self._session.connection():
            found = self._views(S.id == submission_id)
        if not found:
            raise NotFound(f"no submission {submission_id}")
        return found[0]

    def unfinished(self) -> list[SubmissionView]:
        """Every submission not acknowledged (nor cancelled) yet, oldest first."""
        done = [SubmissionState.ACKNOWLEDGED.value, SubmissionState.CANCELLED.value]
        with self._session.connection():
            return self._views(S.state.not_in(done))

    def latest_request_guid(self, vin: str) -> str | None:
        """The Car-Pass request GUID of the vehicle's latest acknowledged reading, if any."""
        query = (
            S.select(S.request_guid)
            .join(J)
            .join(V)
            .where(V.vin == values.vin(vin), S.state == SubmissionState.ACKNOWLEDGED.value)
            .order_by(J.reading_at.desc(), S.id.desc())
            .limit(1)
        )
        with self._session.connection():
            return query.scalar()

    def in_flight(self) -> int:
        """How many submissions are pending or sent (the outbox still has work to do)."""
        with self._session.connection():
            return S.select().where(S.state.in_(_IN_FLIGHT)).count()

    def _views(self, condition) -> list[SubmissionView]:
        query = S.select(S, J.id, J.odometer_km, V.vin).join(J).join(V).where(condition).order_by(S.created_at, S.id)
        return [records.submission_view(row) for row in query]

    def _apply(self, outcomes: Sequence[Outcome]) -> list[Outcome]:
        """Apply each outcome whose submission is in an allowed state (rows locked on PostgreSQL); return the others."""
        locked = S.select(S.id, S.state, S.corrections_used).where(S.id.in_([o.submission_id for o in outcomes]))
        if self._session.db.for_update:
            locked = locked.for_update()
        current = {row_id: (state, used) for row_id, state, used in tuples(locked)}
        skipped: list[Outcome] = []
        changes: dict[int, dict[str, Any]] = {}
        audits: list[tuple[str, dict[str, Any]]] = []
        for outcome in outcomes:
            state, used = current.get(outcome.submission_id, (None, 0))
            if state not in outcome.allowed:
                skipped.append(outcome)
                continue
            changes[outcome.submission_id], audit = outcome.changes(used)
            if audit:
                audits.append(audit)
        ids = list(changes)
        for start in range(0, len(ids), _ROWS_PER_UPDATE):
            _update_each(ids[start : start + _ROWS_PER_UPDATE], changes)
        self._session.audit_many(audits)
        return skipped


def _update_each(ids: list[int], changes: Mapping[int, Mapping[str, Any]]) -> None:
    """One UPDATE giving each submission in `ids` its own `changes` (columns it does not name keep their value)."""
    assignments: dict[Field, Any] = {S.updated_at: values.utcnow()}
    for name in dict.fromkeys(name for row_id in ids for name in changes[row_id]):
        field = S._meta.fields[name]
        given = [(row_id, changes[row_id][name]) for row_id in ids if name in changes[row_id]]
        if len(given) == len(ids) and all(value == given[0][1] for _, value in given):
            assignments[field] = given[0][1]  # the same for every row
        else:
            cases = [(row_id, Value(value, converter=field.db_value, unpack=False)) for row_id, value in given]
            assignments[field] = Case(S.id, cases, field)
    S.update(assignments).where(S.id.in_(ids)).execute()
