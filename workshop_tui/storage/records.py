"""Turning rows into the domain models and views the store hands out."""

from __future__ import annotations

from datetime import datetime

from ..domain import models as domain
from ..domain.work import Role, WorkKind
from . import models as tables
from .values import VEHICLE_FIELDS
from .views import JobRecord, SubmissionWork


def vehicle(row: tables.Vehicle) -> tuple[domain.RegistryVehicle, dict[str, domain.Source]]:
    record = domain.RegistryVehicle(vin=row.vin, **{name: getattr(row, name) for name in VEHICLE_FIELDS})
    return record, {field: domain.Source(source) for field, source in row.sources.items()}


def reading(row: tables.Reading) -> domain.Reading:
    return domain.Reading(
        on=row.read_on,
        km=row.km,
        odometer_replaced=row.odometer_replaced,
        five_digit_odometer=row.five_digit_odometer,
        source=row.source,
    )


def customer(row: tables.Customer) -> domain.Customer:
    return domain.Customer(id=row.id, name=row.name, kind=domain.CustomerKind(row.kind), vat_number=row.vat_number)


def submission_view(row: tables.Submission) -> domain.SubmissionView:
    """`row` selected with its job's odometer_km and vehicle's vin joined in."""
    return domain.SubmissionView(
        id=row.id,
        job_id=row.job.id,
        vin=row.job.vehicle.vin,
        odometer_km=row.job.odometer_km,
        state=domain.SubmissionState(row.state),
        server_status=row.server_status,
        request_guid=row.request_guid,
        ack_number=row.ack_number,
        error_number=row.error_number,
        issues=row.issues,
        attempts=row.attempts,
        next_attempt_at=row.next_attempt_at,
        last_error=row.last_error,
        corrections_used=row.corrections_used,
        created_at=row.created_at,
        problem_code=row.problem_code,
        problem_message=row.problem_message,
        problem_field=row.problem_field,
        cancel_reason=row.cancel_reason,
    )


def submission_work(row: tables.Submission, claimed_until: datetime) -> SubmissionWork:
    """`row` selected with its job and vehicle's vin joined in, before this claim was counted."""
    job = row.job
    return SubmissionWork(
        id=row.id,
        job_id=job.id,
        state=domain.SubmissionState(row.state),
        idempotency_key=row.idempotency_key,
        correction_key=row.correction_key,
        request_guid=row.request_guid,
        error_number=row.error_number,
        attempts=row.attempts + 1,
        vin=job.vehicle.vin,
        odometer_km=job.odometer_km,
        odometer_replaced=job.odometer_replaced,
        five_digit_odometer=job.five_digit_odometer,
        reading_at=job.reading_at,
        job_reference=job.job_reference,
        work=tuple(WorkKind(kind) for kind in job.work),
        job_lines=tuple(job.job_lines),
        role=Role(job.role),
        claimed_until=claimed_until,
    )


def job(row: tables.Job, submission_id: int | None) -> JobRecord:
    """`row` selected with its vehicle's vin and its customer (or None) joined in."""
    return JobRecord(
        id=row.id,
        vin=row.vehicle.vin,
        customer=customer(row.customer) if row.customer is not None else None,
        job_reference=row.job_reference,
        work=tuple(WorkKind(kind) for kind in row.work),
        job_lines=tuple(row.job_lines),
        total_incl_vat=row.total_incl_vat,
        done_on=row.done_on,
        reading_at=row.reading_at,
        odometer_km=row.odometer_km,
        odometer_replaced=row.odometer_replaced,
        five_digit_odometer=row.five_digit_odometer,
        customer_vat_registered=row.customer_vat_registered,
        role=Role(row.role),
        verdict=domain.Verdict.model_validate(row.verdict),
        terminal=row.terminal,
        created_at=row.created_at,
        submission_id=submission_id,
        license_plate=row.license_plate,
    )
