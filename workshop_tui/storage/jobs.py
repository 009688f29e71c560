"""Jobs with their reading, recorded together with their outbox row; the job history."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, cast
from uuid import uuid4

from peewee import JOIN, IntegrityError

from ..domain.lifecycle import SubmissionState
from ..domain.models import JobDraft, SubmissionView, Verdict
from ..domain.vin import normalise
from . import models as tables
from . import records, values
from .database import tuples
from .errors import InvalidValue, NotFound
from .session import Session
from .vehicles import WORKSHOP, vehicle_id
from .views import HistoryRow, JobRecord

S, J, V, C, R = tables.Submission, tables.Job, tables.Vehicle, tables.Customer, tables.Reading


class Jobs:
    def __init__(self, session: Session):
        self._session = session

    def record(
        self, draft: JobDraft, verdict: Verdict, terminal: str | None = None, *, external_key: str | None = None
    ) -> tuple[int, SubmissionView | None]:
        """Write the job, its reading and, when it must be reported, its outbox row, in one transaction.

        The outbox row gets its idempotency key here, once; every later send reuses it.
        `draft.reading_at` (now when None) must be aware; its own calendar date is the job date.
        With `external_key` (another program's reference for the job), a job already recorded
        under that key is returned instead of a second one, also when two calls race.
        """
        values.complete_job(draft)
        vin = values.vin(draft.vin)
        plate = values.plate(draft.license_plate)
        key = values.external_key(external_key) if external_key is not None else None
        reading_at = values.instant(draft.reading_at or datetime.now().astimezone(), "reading_at")
        now = values.utcnow()
        try:
            return self._record(draft, verdict, terminal, vin, plate, key, reading_at, now)
        except IntegrityError:
            known = self.by_external_key(key) if key is not None else None
            if known is None:
                raise
            return known, self._view(known)

    def _view(self, job_id: int) -> SubmissionView | None:
        query = S.select(S, J, V).join(J).join(V).where(S.job == job_id)
        with self._session.connection():
            row = query.get_or_none()
        return records.submission_view(row) if row is not None else None

    def by_external_key(self, key: str) -> int | None:
        """The id of the job recorded under another program's reference `key`, or None."""
        with self._session.connection():
            return J.select(J.id).where(J.external_key == key).scalar()

    def _record(
        self,
        draft: JobDraft,
        verdict: Verdict,
        terminal: str | None,
        vin: str,
        plate: str,
        key: str | None,
        reading_at: datetime,
        now: datetime,
    ) -> tuple[int, SubmissionView | None]:
        with self._session.transaction():
            known = J.select(J.id).where(J.external_key == key).scalar() if key is not None else None
            if known is not None:
                return known, self._view(known)
            vehicle = vehicle_id(vin)
            _check_customer(draft.customer_id)
            job_id = J.insert(
                vehicle=vehicle,
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
                terminal=terminal or self._session.terminal,
                created_at=now,
                **_unless_empty(license_plate=plate, external_key=key),
            ).execute()
            R.insert(
                vehicle=vehicle,
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
            self._session.audit(
                "job.recorded",
                {
                    "job_id": job_id,
                    "vin": vin,
                    "odometer_km": draft.odometer_km,
                    "total_incl_vat": draft.total_incl_vat,
                    "must_report": verdict.must_report,
                    "reasons": verdict.codes,
                    "submission_id": submission_id,
                    "external_key": key,
                },
                terminal,
            )
        if submission_id is None:
            return job_id, None
        view = SubmissionView(
            id=submission_id,
            job_id=job_id,
            vin=vin,
            odometer_km=cast(int, draft.odometer_km),  # complete_job refused a draft without it
            state=SubmissionState.PENDING,
            next_attempt_at=now,
            created_at=now,
        )
        return job_id, view

    def get(self, job_id: int) -> JobRecord:
        query = J.select(J, V.vin, C).join(V).switch(J).join(C, JOIN.LEFT_OUTER).where(J.id == job_id)
        with self._session.connection():
            row = query.get_or_none()
            submission_id = S.select(S.id).where(S.job == job_id).scalar()
        if row is None:
            raise NotFound(f"no job {job_id}")
        return records.job(row, submission_id)

    def records(
        self, since: date | None = None, until: date | None = None, vin: str | None = None
    ) -> list[tuple[JobRecord, SubmissionView | None]]:
        """Every job done between `since` and `until` (both included), of vehicle `vin` when given,
        oldest first, each with its submission (None when nothing had to be reported)."""
        jobs = J.select(J, V, C).join(V).switch(J).join(C, JOIN.LEFT_OUTER).order_by(J.done_on, J.id)
        submissions = S.select(S, J, V).join(J).join(V)
        if vin is not None:
            jobs, submissions = jobs.where(V.vin == normalise(vin)), submissions.where(V.vin == normalise(vin))
        if since is not None:
            jobs, submissions = jobs.where(J.done_on >= since), submissions.where(J.done_on >= since)
        if until is not None:
            jobs, submissions = jobs.where(J.done_on <= until), submissions.where(J.done_on <= until)
        with self._session.connection():
            views = {row.job_id: records.submission_view(row) for row in submissions}
            rows = list(jobs)
        return [(records.job(row, views[row.id].id if row.id in views else None), views.get(row.id)) for row in rows]

    def history(
        self, query: str = "", since: date | None = None, until: date | None = None, limit: int = 500
    ) -> list[HistoryRow]:
        """Jobs, newest first, whose VIN, plate, customer name or job reference contains `query`, done
        between `since` and `until` (both included). SearchRefused for a query too long or holding
        control characters."""
        text = values.search_text(query)
        select = (
            J.select(
                J.id, V.vin, C.name, J.done_on, J.odometer_km, J.total_incl_vat, J.must_report, S.state, J.license_plate
            )
            .join(V)
            .switch(J)
            .join(C, JOIN.LEFT_OUTER)
            .switch(J)
            .join(S, JOIN.LEFT_OUTER, on=(S.job == J.id))
            .order_by(J.done_on.desc(), J.id.desc())
            .limit(limit)
        )
        if text:
            condition = (
                V.vin.contains(normalise(text))
                | C.search_key.contains(values.fold(text))
                | J.job_reference.contains(text)
            )
            compacted = values.compact_plate(text)
            if compacted:
                condition |= J.license_plate.contains(compacted)
            select = select.where(condition)
        if since is not None:
            select = select.where(J.done_on >= since)
        if until is not None:
            select = select.where(J.done_on <= until)
        with self._session.connection():
            rows = tuples(select)
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
                license_plate=plate,
            )
            for job_id, vin, customer, on, km, total, must_report, state, plate in rows
        ]


def _unless_empty(**columns: object) -> dict[str, object]:
    """Columns of later migrations, written only when they hold something (their database default
    is empty), so a job recorded on an older schema still goes in."""
    return {name: value for name, value in columns.items() if value}


def _check_customer(customer_id: int | None) -> None:
    if customer_id is not None and not C.select().where(C.id == customer_id).exists():
        raise InvalidValue(f"customer {customer_id} does not exist", "customer_id")


def rewrite(job_id: int, draft: JobDraft) -> tuple[dict[str, Any], dict[str, Any]]:
    """Give the job and its reading the VIN, reading, flags and work of `draft` (in the caller's
    transaction); returns what was sent before and what will be sent now."""
    values.complete_job(draft)
    vin = values.vin(draft.vin)
    corrected_at = None if draft.reading_at is None else values.instant(draft.reading_at, "reading_at")
    job = J.select(J, V.vin).join(V).where(J.id == job_id).get()
    vehicle = vehicle_id(vin)
    reading_at, done_on = (corrected_at, corrected_at.date()) if corrected_at else (job.reading_at, job.done_on)
    flags = {"odometer_replaced": draft.odometer_replaced, "five_digit_odometer": draft.five_digit_odometer}
    J.update(
        vehicle=vehicle,
        reading_at=reading_at,
        done_on=done_on,
        odometer_km=draft.odometer_km,
        work=[kind.value for kind in draft.work],
        job_lines=draft.job_lines,
        job_reference=draft.job_reference,
        **flags,
    ).where(J.id == job.id).execute()
    R.update(vehicle=vehicle, read_on=done_on, taken_at=reading_at, km=draft.odometer_km, **flags).where(
        R.job == job.id
    ).execute()
    before = {
        "vin": job.vehicle.vin,
        "odometer_km": job.odometer_km,
        "reading_at": job.reading_at,
        "odometer_replaced": job.odometer_replaced,
        "five_digit_odometer": job.five_digit_odometer,
        "job_reference": job.job_reference,
    }
    after = {"vin": vin, "odometer_km": draft.odometer_km, "reading_at": reading_at, **flags,
             "job_reference": draft.job_reference}  # fmt: skip
    return before, after
