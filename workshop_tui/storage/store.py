"""The store: the only way services read and write the database (SQLite or PostgreSQL).

Every method is safe to call from Textual thread workers: each thread gets its own pooled
connection for the duration of a call, or of a `connection_context()` block that groups
several calls. Writes are single transactions. Instants are timezone-aware datetimes in
and aware UTC datetimes out; naive datetimes are refused.
"""

from __future__ import annotations

import socket
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from typing import Any
from uuid import uuid4

from peewee import JOIN, Case, Database, Field, OperationalError, Value
from pydantic_core import to_jsonable_python
from tenacity import retry, retry_if_exception, stop_after_delay, wait_random

from ..config import Company
from ..domain import models as domain
from ..domain.identifiers import compact
from ..domain.models import JobDraft, SubmissionState, SubmissionView, Verdict
from ..domain.vin import normalise
from ..locations import default_db_url
from ..services.api import CorrectionRefused, HistoryRow
from . import models as tables
from . import records, values
from .database import WalCheckpointer, binding, connect, is_postgres, redacted
from .deliveries import (
    IN_FLIGHT,
    NO_LEASE,
    Acknowledged,
    Delivery,  # noqa: F401 - services.outbox imports the outcome types from here
    DueNow,
    Failed,
    Outcome,
    PaperChosen,
    Rejected,
    Released,
    Sent,
    Undecided,
)
from .errors import InvalidValue, NotFound, StateConflict, StorageUnavailable
from .migrations import migrate
from .views import AuditEntry, JobRecord, SubmissionWork

WORKSHOP = "workshop"  # source of the readings we take
CARPASS = "carpass"  # source of readings from the Car-Pass history


S, J, V, C = tables.Submission, tables.Job, tables.Vehicle, tables.Customer
_ROWS_PER_UPDATE = 200  # keeps one statement's parameters well under SQLite's limit


class Store:
    """Company, vehicles, readings, customers, drafts, jobs with their outbox, and the audit log."""

    def __init__(self, db: Database, terminal: str):
        self._db = db
        self.terminal = terminal  # named in every audit entry this store writes
        self._checkpointer = None if is_postgres(db) else WalCheckpointer(db).start()

    @classmethod
    def open(cls, url: str | None = None, *, terminal: str | None = None) -> Store:
        """Open the database at `url` (default: SQLite in the user data directory) and migrate it."""
        url = url or default_db_url()
        db = connect(url)
        try:
            _migrate_when_free(db)
        except OperationalError as exc:
            db.close_all()
            raise StorageUnavailable(f"cannot open the database {redacted(url)}: {exc}".strip()) from exc
        except BaseException:
            db.close_all()
            raise
        return cls(db, terminal or socket.gethostname())

    def close(self) -> None:
        """Close every pooled connection; the store is unusable afterwards."""
        if self._checkpointer is not None:
            self._checkpointer.stop()
        self._db.close_all()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextmanager
    def connection_context(self) -> Iterator[None]:
        """Keep one connection for this thread across several calls (a worker's whole task)."""
        with binding.bound(self._db), self._db.connection_context():
            yield

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        with self.connection_context(), self._db.atomic():
            yield

    # Company

    def company(self) -> Company | None:
        with self.connection_context():
            row = tables.Company.get_or_none(tables.Company.id == 1)
        return None if row is None else records.company(row)

    def save_company(self, company: Company) -> Company:
        """Check and save the company profile; returns it with its numbers compacted."""
        company = values.company(company)
        fields = company.model_dump()
        with self._transaction():
            preserve = [*_columns(tables.Company, fields), tables.Company.updated_at]
            tables.Company.insert(id=1, **fields, updated_at=values.utcnow()).on_conflict(
                conflict_target=[tables.Company.id], preserve=preserve
            ).execute()
            self._audit("company.saved", fields)
        return company

    # Vehicles and readings

    def upsert_vehicle(self, record: domain.RegistryVehicle, sources: Mapping[str, domain.Source]) -> None:
        """Store `record` as the vehicle's registry data (replacing what was there) and each field's source."""
        vin = values.vin(record.vin)
        fields = {name: getattr(record, name) for name in values.VEHICLE_FIELDS}
        fields["sources"] = values.sources(sources)
        fields["updated_at"] = values.utcnow()
        with self._transaction():
            V.insert(vin=vin, **fields).on_conflict(conflict_target=[V.vin], preserve=_columns(V, fields)).execute()

    def get_vehicle(self, vin: str) -> tuple[domain.RegistryVehicle, dict[str, domain.Source]] | None:
        with self.connection_context():
            row = V.get_or_none(V.vin == values.vin(vin))
        return None if row is None else records.vehicle(row)

    def readings(self, vin: str) -> list[domain.Reading]:
        """Every reading of the vehicle, ours and Car-Pass's, oldest first."""
        R = tables.Reading
        query = (
            R.select(R).join(V).where(V.vin == values.vin(vin)).order_by(R.read_on, R.taken_at.asc(nulls="first"), R.id)
        )
        with self.connection_context():
            return [records.reading(row) for row in query]

    def add_history_readings(self, vin: str, readings: Iterable[domain.Reading]) -> int:
        """Add readings from the Car-Pass history (source "carpass"), skipping ones already known."""
        R = tables.Reading
        with self._transaction():
            vehicle_id = self._vehicle_id(values.vin(vin))
            known = set(
                R.select(R.read_on, R.km, R.odometer_replaced)
                .where(R.vehicle == vehicle_id, R.source == CARPASS)
                .tuples()
            )
            new = {}
            for reading in readings:
                new.setdefault((reading.on, reading.km, reading.odometer_replaced), reading)
            rows = [
                {
                    "vehicle": vehicle_id,
                    "read_on": reading.on,
                    "km": reading.km,
                    "odometer_replaced": reading.odometer_replaced,
                    "five_digit_odometer": reading.five_digit_odometer,
                    "source": CARPASS,
                }
                for key, reading in new.items()
                if key not in known
            ]
            if rows:
                R.insert_many(rows).execute()
        return len(rows)

    def _vehicle_id(self, vin: str) -> int:
        """The id of the vehicle with this (normalised) VIN, adding a bare row when it is new."""
        vehicle_id = V.select(V.id).where(V.vin == vin).scalar()
        if vehicle_id is None:
            V.insert(vin=vin, updated_at=values.utcnow()).on_conflict_ignore().execute()
            vehicle_id = V.select(V.id).where(V.vin == vin).scalar()
        return vehicle_id

    # Customers

    def add_customer(self, customer: domain.Customer) -> domain.Customer:
        """Check and add a customer (a professional needs a valid Belgian VAT number); returns it with its id."""
        customer = values.customer(customer)
        with self._transaction():
            customer_id = C.insert(
                name=customer.name,
                search_key=values.fold(customer.name),
                kind=customer.kind.value,
                vat_number=customer.vat_number,
                created_at=values.utcnow(),
            ).execute()
            self._audit("customer.added", {"customer_id": customer_id, **customer.model_dump(exclude={"id"})})
        return customer.model_copy(update={"id": customer_id})

    def get_customer(self, customer_id: int) -> domain.Customer | None:
        with self.connection_context():
            row = C.get_or_none(C.id == customer_id)
        return None if row is None else records.customer(row)

    def find_customers(self, query: str, limit: int = 20) -> list[domain.Customer]:
        """Customers whose name contains `query` (ignoring case and accents) or whose VAT number contains its digits."""
        select = C.select().order_by(C.search_key, C.id).limit(limit)
        text = query.strip()
        if text:
            condition = C.search_key.contains(values.fold(text))
            digits = compact(text)
            if len(digits) >= 3:
                condition |= C.vat_number.contains(digits)
            select = select.where(condition)
        with self.connection_context():
            return [records.customer(row) for row in select]

    # Drafts

    def save_draft(self, key: str, draft: JobDraft) -> None:
        """Save the job being typed under `key`, replacing the previous version."""
        D = tables.Draft
        if not 0 < len(key) <= D.key.max_length:
            raise InvalidValue(f"a draft key has 1 to {D.key.max_length} characters", "key")
        with self._transaction():
            D.insert(key=key, body=draft.model_dump_json(), updated_at=values.utcnow()).on_conflict(
                conflict_target=[D.key], preserve=[D.body, D.updated_at]
            ).execute()

    def load_draft(self, key: str) -> JobDraft | None:
        D = tables.Draft
        with self.connection_context():
            body = D.select(D.body).where(D.key == key).scalar()
        return None if body is None else JobDraft.model_validate_json(body)

    def drop_draft(self, key: str) -> None:
        D = tables.Draft
        with self._transaction():
            D.delete().where(D.key == key).execute()

    # Jobs and the outbox

    def record_job(
        self, draft: JobDraft, verdict: Verdict, terminal: str | None = None
    ) -> tuple[int, SubmissionView | None]:
        """Write the job, its reading and, when it must be reported, its outbox row, in one transaction.

        The outbox row gets its idempotency key here, once; every later send reuses it.
        `draft.reading_at` (now when None) must be aware; its own calendar date is the job date.
        """
        values.complete_job(draft)
        vin = values.vin(draft.vin)
        reading_at = values.instant(draft.reading_at or datetime.now().astimezone(), "reading_at")
        now = values.utcnow()
        with self._transaction():
            vehicle_id = self._vehicle_id(vin)
            self._check_customer(draft.customer_id)
            job_id = J.insert(
                vehicle=vehicle_id,
                customer=draft.customer_id,
                job_reference=draft.job_reference,
                work=[kind.value for kind in draft.work],
                job_lines=draft.job_lines,
                total_incl_vat=draft.total_incl_vat,
                done_on=reading_at.date(),
                reading_at=reading_at,
                odometer_km=draft.odometer_km,
                odometer_replaced=draft.odometer_replaced,
                five_digit_odometer=draft.five_digit_odometer,
                customer_vat_registered=draft.customer_vat_registered,
                role=draft.role.value,
                must_report=verdict.must_report,
                verdict=verdict.model_dump(mode="json"),
                terminal=terminal or self.terminal,
                created_at=now,
            ).execute()
            tables.Reading.insert(
                vehicle=vehicle_id,
                job=job_id,
                read_on=reading_at.date(),
                taken_at=reading_at,
                km=draft.odometer_km,
                odometer_replaced=draft.odometer_replaced,
                five_digit_odometer=draft.five_digit_odometer,
                source=WORKSHOP,
            ).execute()
            submission_id = None
            if verdict.must_report:
                submission_id = S.insert(
                    job=job_id,
                    idempotency_key=str(uuid4()),
                    state=SubmissionState.PENDING.value,
                    next_attempt_at=now,
                    created_at=now,
                    updated_at=now,
                ).execute()
            self._audit(
                "job.recorded",
                {
                    "job_id": job_id,
                    "vin": vin,
                    "odometer_km": draft.odometer_km,
                    "total_incl_vat": draft.total_incl_vat,
                    "must_report": verdict.must_report,
                    "reasons": verdict.codes,
                    "submission_id": submission_id,
                },
                terminal,
            )
        if submission_id is None:
            return job_id, None
        view = SubmissionView(
            id=submission_id,
            job_id=job_id,
            vin=vin,
            odometer_km=draft.odometer_km,
            state=SubmissionState.PENDING,
            next_attempt_at=now,
            created_at=now,
        )
        return job_id, view

    def _check_customer(self, customer_id: int | None) -> None:
        if customer_id is not None and not C.select().where(C.id == customer_id).exists():
            raise InvalidValue(f"customer {customer_id} does not exist", "customer_id")

    def job(self, job_id: int) -> JobRecord:
        query = J.select(J, V.vin, C).join(V).switch(J).join(C, JOIN.LEFT_OUTER).where(J.id == job_id)
        with self.connection_context():
            row = query.get_or_none()
            submission_id = S.select(S.id).where(S.job == job_id).scalar()
        if row is None:
            raise NotFound(f"no job {job_id}")
        return records.job(row, submission_id)

    def claim_due(
        self, worker: str, limit: int = 10, lease_seconds: float = 60.0, now: datetime | None = None
    ) -> list[SubmissionWork]:
        """Lease up to `limit` submissions due for sending (or polling) to `worker`, oldest due first.

        A row is due when pending or sent, its next attempt time has come and no live lease
        holds it; a lease left by a crashed worker expires after `lease_seconds`. PostgreSQL
        terminals skip rows another terminal is claiming (FOR UPDATE SKIP LOCKED); SQLite
        claims in an immediate transaction. Each claim counts as an attempt.
        """
        now = values.instant(now, "now")
        until = now + timedelta(seconds=lease_seconds)
        query = (
            S.select(S, J, V.vin)
            .join(J)
            .join(V)
            .where(
                S.state.in_([state.value for state in IN_FLIGHT]),
                S.next_attempt_at <= now,
                S.claimed_until.is_null() | (S.claimed_until <= now),
            )
            .order_by(S.next_attempt_at, S.id)
            .limit(limit)
        )
        if self._db.for_update:
            query = query.for_update(of=S, skip_locked=True)
        with self._transaction():
            rows = list(query)
            if rows:
                S.update(claimed_by=worker, claimed_until=until, attempts=S.attempts + 1, updated_at=now).where(
                    S.id.in_([row.id for row in rows])
                ).execute()
        return [records.submission_work(row, until) for row in rows]

    def mark_sent(self, submission_id: int, request_guid: str) -> None:
        """The service accepted the request under `request_guid`; its final status is not known yet."""
        self._record(Sent(submission_id, request_guid), "mark it sent")

    def mark_acknowledged(self, submission_id: int, ack_number: str, server_status: str, request_guid: str) -> None:
        """Car-Pass accepted the reading (sent as `request_guid`) under `ack_number`."""
        self._record(Acknowledged(submission_id, request_guid, ack_number, server_status), "acknowledge it")

    def mark_rejected(
        self, submission_id: int, error_number: str, issues: list[str], server_status: str, request_guid: str
    ) -> None:
        """Car-Pass refused the data sent as `request_guid`. With the one correction used, a paper form is required."""
        self._record(Rejected(submission_id, request_guid, error_number, tuple(issues), server_status), "reject it")

    def mark_waiting(self, submission_id: int, server_status: str, next_attempt_at: datetime) -> None:
        """Sent, but Car-Pass has not decided yet: ask again at `next_attempt_at`."""
        outcome = Undecided(submission_id, None, server_status, next_attempt_at, sent_now=False)
        self._record(outcome, "wait for its status")

    def mark_retry(self, submission_id: int, error: str, next_attempt_at: datetime) -> None:
        """The attempt failed in transit (`error`); try again at `next_attempt_at` with the same key."""
        self._record(Failed(submission_id, error, next_attempt_at), "retry it")

    def mark_paper_required(self, submission_id: int) -> None:
        """The workshop chose the signed paper form for a rejected submission."""
        self._record(PaperChosen(submission_id), "require the paper form")

    def release(self, submission_id: int) -> None:
        """Give the lease back without a result (e.g. the worker is stopping)."""
        self._record(Released(submission_id), "release it")

    def retry_now(self, submission_id: int) -> None:
        """Make a pending or sent submission due at once (the user pressed "retry")."""
        self._record(DueNow(submission_id), "retry it")

    def record_deliveries(self, deliveries: Sequence[Outcome]) -> list[Outcome]:
        """Record the outcomes of many claimed submissions in one short transaction.

        The same changes and audit entries as the mark_* methods, in a few statements. Returns
        the deliveries not recorded because their submission is gone or no longer in an allowed
        state (e.g. another terminal finished it after this one's lease ran out).
        """
        if not deliveries:
            return []
        with self._transaction():
            return self._apply(deliveries)

    def _record(self, outcome: Outcome, action: str) -> None:
        """Record one outcome, or raise NotFound / StateConflict (naming `action`) and change nothing."""
        with self._transaction():
            if self._apply([outcome]):
                state = S.select(S.state).where(S.id == outcome.submission_id).scalar()
                if state is None:
                    raise NotFound(f"no submission {outcome.submission_id}")
                raise StateConflict(f"submission {outcome.submission_id} is {state}: cannot {action}")

    def _apply(self, outcomes: Sequence[Outcome]) -> list[Outcome]:
        """Apply each outcome whose submission is in an allowed state (rows locked on PostgreSQL); return the others."""
        locked = S.select(S.id, S.state, S.corrections_used).where(S.id.in_([o.submission_id for o in outcomes]))
        if self._db.for_update:
            locked = locked.for_update()
        current = {row_id: (state, used) for row_id, state, used in locked.tuples()}
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
        if audits:
            at = values.utcnow()
            tables.AuditLog.insert_many(
                [
                    {
                        "at": at,
                        "terminal": self.terminal,
                        "actor": None,
                        "action": action,
                        "details": to_jsonable_python(details),
                    }
                    for action, details in audits
                ]
            ).execute()
        return skipped

    def record_correction(self, submission_id: int, draft: JobDraft) -> SubmissionView:
        """Use the one electronic correction of a rejected submission: the job takes the corrected VIN,
        reading, flags and work from `draft`, and the submission is pending again under its own
        correction key. Raises `CorrectionRefused` when the correction is already used.
        """
        values.complete_job(draft)
        vin = values.vin(draft.vin)
        corrected_at = None if draft.reading_at is None else values.instant(draft.reading_at, "reading_at")
        now = values.utcnow()
        with self._transaction():
            corrected = (
                S.update(
                    state=SubmissionState.PENDING.value,
                    corrections_used=S.corrections_used + 1,
                    correction_key=str(uuid4()),
                    server_status=None,
                    last_error=None,
                    next_attempt_at=now,
                    updated_at=now,
                    **NO_LEASE,
                )
                .where(S.id == submission_id, S.state == SubmissionState.REJECTED.value, S.corrections_used == 0)
                .execute()
            )
            if not corrected:
                self._refuse_correction(submission_id)
            job_id = S.select(S.job).where(S.id == submission_id).scalar()
            job = J.select(J, V.vin).join(V).where(J.id == job_id).get()
            vehicle_id = self._vehicle_id(vin)
            reading_at, done_on = (corrected_at, corrected_at.date()) if corrected_at else (job.reading_at, job.done_on)
            flags = {"odometer_replaced": draft.odometer_replaced, "five_digit_odometer": draft.five_digit_odometer}
            J.update(
                vehicle=vehicle_id,
                reading_at=reading_at,
                done_on=done_on,
                odometer_km=draft.odometer_km,
                work=[kind.value for kind in draft.work],
                job_lines=draft.job_lines,
                job_reference=draft.job_reference,
                **flags,
            ).where(J.id == job.id).execute()
            R = tables.Reading
            R.update(vehicle=vehicle_id, read_on=done_on, taken_at=reading_at, km=draft.odometer_km, **flags).where(
                R.job == job.id
            ).execute()
            self._audit(
                "submission.corrected",
                {
                    "submission_id": submission_id,
                    "job_id": job.id,
                    "before": {"vin": job.vehicle.vin, "odometer_km": job.odometer_km, "reading_at": job.reading_at},
                    "after": {"vin": vin, "odometer_km": draft.odometer_km, "reading_at": reading_at},
                },
            )
            return self._submission_views(S.id == submission_id)[0]

    def _refuse_correction(self, submission_id: int) -> None:
        row = S.get_or_none(S.id == submission_id)
        if row is None:
            raise NotFound(f"no submission {submission_id}")
        if row.corrections_used or row.state == SubmissionState.PAPER_REQUIRED:
            raise CorrectionRefused(
                f"submission {submission_id}: the one electronic correction is used; the signed paper form is needed"
            )
        raise StateConflict(f"submission {submission_id} is {row.state}: only a rejected submission can be corrected")

    # Views

    def submission(self, submission_id: int) -> SubmissionView:
        with self.connection_context():
            found = self._submission_views(S.id == submission_id)
        if not found:
            raise NotFound(f"no submission {submission_id}")
        return found[0]

    def outbox(self) -> list[SubmissionView]:
        """Every submission not acknowledged yet, oldest first."""
        with self.connection_context():
            return self._submission_views(S.state != SubmissionState.ACKNOWLEDGED.value)

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
        with self.connection_context():
            return query.scalar()

    def in_flight(self) -> int:
        """How many submissions are pending or sent (the outbox still has work to do)."""
        with self.connection_context():
            return S.select().where(S.state.in_([state.value for state in IN_FLIGHT])).count()

    def _submission_views(self, condition) -> list[SubmissionView]:
        query = S.select(S, J.id, J.odometer_km, V.vin).join(J).join(V).where(condition).order_by(S.created_at, S.id)
        return [records.submission_view(row) for row in query]

    def history(
        self, query: str = "", since: date | None = None, until: date | None = None, limit: int = 500
    ) -> list[HistoryRow]:
        """Jobs, newest first, whose VIN, customer name or job reference contains `query`, done between
        `since` and `until` (both included)."""
        select = (
            J.select(J.id, V.vin, C.name, J.done_on, J.odometer_km, J.total_incl_vat, J.must_report, S.state)
            .join(V)
            .switch(J)
            .join(C, JOIN.LEFT_OUTER)
            .switch(J)
            .join(S, JOIN.LEFT_OUTER, on=(S.job == J.id))
            .order_by(J.done_on.desc(), J.id.desc())
            .limit(limit)
        )
        text = query.strip()
        if text:
            select = select.where(
                V.vin.contains(normalise(text))
                | C.search_key.contains(values.fold(text))
                | J.job_reference.contains(text)
            )
        if since is not None:
            select = select.where(J.done_on >= since)
        if until is not None:
            select = select.where(J.done_on <= until)
        with self.connection_context():
            rows = list(select.tuples())
        return [
            HistoryRow(
                job_id=job_id,
                vin=vin,
                customer=customer,
                on=on,
                odometer_km=km,
                total_incl_vat=str(total),
                must_report=must_report,
                state=state,
            )
            for job_id, vin, customer, on, km, total, must_report, state in rows
        ]

    # Audit log

    def append_audit(self, action: str, details: Mapping[str, Any], actor: str | None = None) -> None:
        """Add an entry to the audit log (there is no way to change or remove one)."""
        with self._transaction():
            self._audit(action, details, actor=actor)

    def audit(self, limit: int = 100) -> list[AuditEntry]:
        """The latest audit entries, newest first."""
        A = tables.AuditLog
        with self.connection_context():
            rows = list(A.select().order_by(A.id.desc()).limit(limit))
        return [AuditEntry(row.id, row.at, row.terminal, row.actor, row.action, row.details) for row in rows]

    def _audit(
        self, action: str, details: Mapping[str, Any], terminal: str | None = None, actor: str | None = None
    ) -> None:
        tables.AuditLog.insert(
            at=values.utcnow(),
            terminal=terminal or self.terminal,
            actor=actor,
            action=action,
            details=to_jsonable_python(dict(details)),
        ).execute()


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


# SQLite can answer "database is locked" at once, without waiting, to a terminal opening the
# file while another one creates it or switches it to WAL: such a start is tried again.
_migrate_when_free = retry(
    retry=retry_if_exception(lambda exc: isinstance(exc, OperationalError) and "locked" in str(exc)),
    stop=stop_after_delay(10),
    wait=wait_random(0.05, 0.25),
    reraise=True,
)(migrate)


def _columns(model: type[tables.Base], fields: Mapping[str, Any]) -> list:
    """The model's columns named by `fields`, for ON CONFLICT ... DO UPDATE (take the new values)."""
    return [model._meta.fields[name] for name in fields]
