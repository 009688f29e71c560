"""What the UI may ask of the services, one small Protocol per use case. Screens see only this.

Every method may block (database, HTTP): the UI calls them from Textual thread workers. What
comes back is domain data or the small records below: no HTTP status and no wire model
(`services.contract`) reaches the UI.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal, Protocol

from ..domain.data_quality import DataQuality
from ..domain.findings import Finding
from ..domain.models import Customer, JobDraft, Reading, RegistryVehicle, Source, SubmissionView
from ..storage import CorrectionRefused, HistoryRow, SearchRefused
from ..storage.views import JobRecord

__all__ = [
    "CarPassCertificate",
    "CorrectionRefused",
    "CustomerService",
    "DraftService",
    "HistoryRow",
    "HistoryService",
    "OpenRecall",
    "SearchRefused",
    "SubmissionRefused",
    "SubmissionService",
    "VehicleLookup",
    "VehicleService",
    "WorkshopServices",
]

# Notes of a vehicle lookup that fell back; `error` is the service's problem (a Finding, see
# `services.problems`), `when` the cached record's date.
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


@dataclass(frozen=True)
class OpenRecall:
    reference: str
    description: str


@dataclass(frozen=True)
class CarPassCertificate:
    """What a scanned Car-Pass says about its vehicle (its readings join the vehicle's history)."""

    vin: str
    carpass_id: str | None
    post_accident_inspection_pending: bool = False
    open_recalls: tuple[OpenRecall, ...] = ()


class SubmissionRefused(Exception):
    """The job cannot be submitted as it is; `problems` lists every reason, for one message."""

    def __init__(self, problems: list[Finding | str], fields: list[str]):
        super().__init__("; ".join(p if isinstance(p, str) else p.code for p in problems))
        self.problems = problems
        self.fields = fields


class ConfirmationNeeded(SubmissionRefused):
    """Only findings to confirm stop the job: sent once the mechanic confirms `codes`."""

    def __init__(self, problems: list[Finding | str], fields: list[str], codes: list[str]):
        super().__init__(problems, fields)
        self.codes = codes


class VehicleService(Protocol):
    def lookup(self, vin: str) -> VehicleLookup:
        """The vehicle by VIN: a fresh cached record, else the registry, else the cache (with a note)."""
        ...

    def save(self, record: RegistryVehicle, typed_fields: set[str]) -> None:
        """Keep the record, `typed_fields` marked as typed by the mechanic."""
        ...

    def readings(self, vin: str) -> list[Reading]:
        """The vehicle's odometer readings, ours and Car-Pass's."""
        ...

    def certificate(self, carpass_id: str) -> CarPassCertificate | None:
        """The Car-Pass read off its QR code; None when Car-Pass knows no such certificate.

        Raises:
            ServiceError: Car-Pass could not answer (the message is safe to show).
        """
        ...

    def record(self, vin: str) -> RegistryVehicle | None:
        """The cached registry record of `vin`, or None."""
        ...


class CustomerService(Protocol):
    def find(self, query: str) -> list[Customer]: ...
    def add(self, customer: Customer) -> Customer: ...


class DraftService(Protocol):
    """The job typed so far, by VIN, kept across restarts until it is submitted."""

    def save(self, key: str, draft: JobDraft) -> None: ...
    def load(self, key: str) -> JobDraft | None: ...
    def drop(self, key: str) -> None: ...
    def recent(self) -> list[JobDraft]:
        """The open drafts (jobs typed, not submitted), the most recently changed first."""


class SubmissionService(Protocol):
    def submit(self, draft: JobDraft, *, confirmed: Sequence[str] = ()) -> SubmissionView | None:
        """Check, record the job and queue its reading; None when nothing must be reported.
        `confirmed`: codes of findings the mechanic confirmed (written to the audit log).

        Raises:
            ConfirmationNeeded: only findings to confirm stop it (their codes in `codes`).
            SubmissionRefused: the job fails the checks before sending (every problem at once).
        """
        ...

    def get(self, submission_id: int) -> SubmissionView: ...
    def outbox(self) -> list[SubmissionView]: ...
    def retry(self, submission_id: int) -> None: ...

    def correct(self, submission_id: int, draft: JobDraft, *, confirmed: Sequence[str] = ()) -> SubmissionView:
        """Use the one electronic correction; CorrectionRefused once it is used."""
        ...

    def fix_and_resend(self, submission_id: int, draft: JobDraft, *, confirmed: Sequence[str] = ()) -> SubmissionView:
        """Send a reading that needs fixing again with the edited `draft` (a changed body gets a new
        idempotency key); SubmissionRefused when the edited job fails the checks."""
        ...

    def cancel(self, submission_id: int, reason: str) -> None:
        """Withdraw a reading that needs fixing or settings, with the reason (kept in the audit log)."""
        ...

    def settings_changed(self) -> None:
        """Send again at once the readings that waited for the settings, and every due one."""
        ...

    def records(self, submission_id: int) -> tuple[SubmissionView, JobRecord, RegistryVehicle | None]:
        """A submission, its job and its vehicle's cached record: what its documents are made of."""
        ...

    def paper_chosen(self, submission_id: int) -> None:
        """The signed correction form was printed: the electronic correction is given up."""
        ...


class HistoryService(Protocol):
    def search(self, query: str = "", since: date | None = None, until: date | None = None) -> list[HistoryRow]: ...

    def reported_jobs(
        self, since: date | None = None, until: date | None = None, vin: str | None = None
    ) -> list[tuple[JobRecord, SubmissionView]]:
        """Jobs whose reading went to the outbox, oldest first: what exports and history reports list."""
        ...

    def data_quality(self) -> DataQuality:
        """This site's share of readings refused or corrected over the last 12 months, by cause."""
        ...


class WorkshopServices(Protocol):
    """The use cases of one terminal; `sandbox`: everything they return is SANDBOX data.

    Read-only members, so an implementation may hold any conforming service (a protocol's
    settable attribute would have to be of exactly the declared type)."""

    @property
    def sandbox(self) -> bool: ...
    @property
    def vehicles(self) -> VehicleService: ...
    @property
    def customers(self) -> CustomerService: ...
    @property
    def drafts(self) -> DraftService: ...
    @property
    def submissions(self) -> SubmissionService: ...
    @property
    def history(self) -> HistoryService: ...
