"""Jobs with their reading, recorded together with their outbox row; the job history."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, cast
from uuid import uuid4

from peewee import JOIN

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
        with self._session.transaction():
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
            )
            for job_id, vin, customer, on, km, total, must_report, state in rows
        ]


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
