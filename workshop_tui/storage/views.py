"""Read-only results of the store besides the domain models: outbox work, job records, history rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from ..domain.models import Customer, SubmissionState, Verdict
from ..domain.work import Role, WorkKind


@dataclass(frozen=True)
class SubmissionWork:
    """Everything a sender needs to (re)send one claimed submission to Car-Pass."""

    id: int
    job_id: int
    state: SubmissionState
    idempotency_key: str  # made once when the job was recorded
    correction_key: str | None  # made once when the one correction was recorded
    request_guid: str | None  # the last request the service accepted (a pending correction: the rejected one)
    error_number: str | None  # the rejection a correction answers
    attempts: int  # this claim included
    vin: str
    odometer_km: int
    odometer_replaced: bool
    five_digit_odometer: bool
    reading_at: datetime
    job_reference: str
    work: tuple[WorkKind, ...]
    job_lines: tuple[str, ...]
    role: Role
    claimed_until: datetime

    @property
    def is_correction(self) -> bool:
        return self.correction_key is not None

    @property
    def request_key(self) -> str:
        """The idempotency key to send with this request: the correction's, else the original."""
        return self.correction_key or self.idempotency_key


@dataclass(frozen=True)
class JobRecord:
    """A recorded job as stored (for receipts, correction forms and the history detail)."""

    id: int
    vin: str
    customer: Customer | None
    job_reference: str
    work: tuple[WorkKind, ...]
    job_lines: tuple[str, ...]
    total_incl_vat: Decimal
    done_on: date
    reading_at: datetime
    odometer_km: int
    odometer_replaced: bool
    five_digit_odometer: bool
    customer_vat_registered: bool
    role: Role
    verdict: Verdict
    terminal: str
    created_at: datetime
    submission_id: int | None
    license_plate: str = ""


@dataclass(frozen=True)
class HistoryRow:
    """One line of the job history."""

    job_id: int
    vin: str
    customer: str | None
    on: date
    odometer_km: int
    total_incl_vat: str
    must_report: bool
    state: str | None
    license_plate: str = ""
