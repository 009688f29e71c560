"""What the UI may ask of the services. Screens see only this; they never touch SQL or sockets.

Every method may block (database, HTTP): the UI calls them from Textual thread workers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal, Protocol

from .contract import VehicleHistoryReport
from ..domain.findings import Finding
from ..domain.models import Customer, JobDraft, Reading, RegistryVehicle, Source, SubmissionView
from ..storage import CorrectionRefused, HistoryRow

__all__ = ["CorrectionRefused", "HistoryRow", "SubmissionRefused", "VehicleLookup", "WorkshopServices"]

# Notes of a vehicle lookup that fell back; `error` is the service's, `when` the cached record's date.
LOOKUP_UNKNOWN = "LOOKUP_UNKNOWN"  # the registry does not know the VIN; type the fields
LOOKUP_UNKNOWN_CACHED = "LOOKUP_UNKNOWN_CACHED"  # when
LOOKUP_DOWN = "LOOKUP_DOWN"  # error
LOOKUP_DOWN_CACHED = "LOOKUP_DOWN_CACHED"  # error, when
LOOKUP_CODES = (LOOKUP_UNKNOWN, LOOKUP_UNKNOWN_CACHED, LOOKUP_DOWN, LOOKUP_DOWN_CACHED)


@dataclass(frozen=True)
class VehicleLookup:
    """A vehicle record and where each field came from."""

    vin: str
    record: RegistryVehicle | None
    sources: dict[str, Source] = field(default_factory=dict)
    origin: Literal["registry", "cache", "none"] = "none"
    message: Finding | None = None  # a note: one of LOOKUP_CODES, e.g. LOOKUP_DOWN_CACHED{error, when}


class SubmissionRefused(Exception):
    """The job cannot be submitted as it is; `problems` lists every reason, for one message."""

    def __init__(self, problems: list[Finding | str], fields: list[str]):
        super().__init__("; ".join(p if isinstance(p, str) else p.code for p in problems))
        self.problems = problems
        self.fields = fields


class WorkshopServices(Protocol):
    sandbox: bool  # everything the services return is SANDBOX data

    def lookup_vehicle(self, vin: str) -> VehicleLookup: ...
    def save_vehicle(self, record: RegistryVehicle, typed_fields: set[str]) -> None: ...
    def readings(self, vin: str) -> list[Reading]: ...
    def carpass_report(self, carpass_id: str) -> VehicleHistoryReport: ...

    def find_customers(self, query: str) -> list[Customer]: ...
    def add_customer(self, customer: Customer) -> Customer: ...

    def save_draft(self, key: str, draft: JobDraft) -> None: ...
    def load_draft(self, key: str) -> JobDraft | None: ...
    def drop_draft(self, key: str) -> None: ...

    def submit(self, draft: JobDraft) -> SubmissionView | None:
        """Check, record the job and queue its reading; None when nothing must be reported."""
        ...

    def submission(self, submission_id: int) -> SubmissionView: ...
    def outbox(self) -> list[SubmissionView]: ...
    def retry(self, submission_id: int) -> None: ...
    def correct(self, submission_id: int, draft: JobDraft) -> SubmissionView: ...

    def fix_and_resend(self, submission_id: int, draft: JobDraft) -> SubmissionView:
        """Send a reading that needs fixing again with the edited `draft` (a changed body gets a new
        idempotency key); SubmissionRefused when the edited job fails the checks."""
        ...

    def cancel(self, submission_id: int, reason: str) -> None:
        """Withdraw a reading that needs fixing or settings, with the reason (kept in the audit log)."""
        ...

    def settings_changed(self) -> None:
        """Send again at once the readings that waited for the settings, and every due one."""
        ...

    def correction_form(self, submission_id: int) -> Path: ...
    def receipt(self, submission_id: int) -> Path: ...

    def history(self, query: str = "", since: date | None = None, until: date | None = None) -> list[HistoryRow]: ...
    def export_csv(self, rows: list[HistoryRow], path: Path) -> Path: ...
