"""UI test fixtures: an in-memory implementation of the services Protocol, a frozen clock, one app factory.

The in-memory services live here only (never in the package); tests are written against the
`WorkshopServices` Protocol (one small service per use case) so the `services` fixture can later
hand out the sandbox-backed ones.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from workshop_tui.config import Company, Settings
from workshop_tui.domain import checks
from workshop_tui.domain.data_quality import DataQuality
from workshop_tui.domain.findings import Finding, Severity
from workshop_tui.domain.models import (
    Customer,
    CustomerKind,
    JobDraft,
    Reading,
    RegistryVehicle,
    Source,
    SubmissionState,
    SubmissionView,
    Verdict,
)
from workshop_tui.domain.rules import decide
from workshop_tui.domain.work import Role, WorkKind
from workshop_tui.services.api import (
    LOOKUP_UNKNOWN,
    CarPassCertificate,
    ConfirmationNeeded,
    CorrectionRefused,
    HistoryRow,
    OpenRecall,
    SubmissionRefused,
    VehicleLookup,
)
from workshop_tui.storage.views import JobRecord
from workshop_tui.translations import activate

HOLD_S = 30  # a held service call gives up after this long
NOW = datetime(2026, 11, 23, 10, 30, tzinfo=timezone(timedelta(hours=1)))
GOLF_VIN = "WVWZZZ1KZAW000001"  # complete registry record, clean history
CLIO_VIN = "VF1RFB00X51234567"  # registry record lacking mandatory fields, history with a rollback
UNKNOWN_VIN = "YV1MS382262123456"  # not in the registry
CLIO_CARPASS = "00MBEG3THDUX5W"  # the Car-Pass of the Clio: an open recall

VEHICLES = {
    GOLF_VIN: RegistryVehicle(
        vin=GOLF_VIN,
        make="VOLKSWAGEN",
        first_registration=date(2019, 3, 1),
        version="1.5 TSI",
        type_code="AU",
        commercial_name="GOLF",
        genre="PASSENGER CAR",
        category="M1",
        max_mass_kg=1_790,
        fuel="PETROL",
        colour="GREY",
        model_year=2019,
        registered_in_belgium=True,
    ),
    CLIO_VIN: RegistryVehicle(vin=CLIO_VIN, make="RENAULT", category="M1", max_mass_kg=1_550, fuel="DIESEL"),
}
READINGS = {
    GOLF_VIN: [Reading(on=date(2024, 11, 4), km=41_200), Reading(on=date(2025, 11, 10), km=56_900)],
    CLIO_VIN: [
        Reading(on=date(2022, 5, 2), km=88_000),
        Reading(on=date(2023, 5, 8), km=104_500),
        Reading(on=date(2024, 5, 6), km=97_300),
    ],
}

HISTORY = [
    HistoryRow(1, GOLF_VIN, "Jan Peeters", date(2026, 11, 20), 71_900, "189.90", True, "acknowledged"),
    HistoryRow(2, CLIO_VIN, None, date(2026, 10, 2), 120_400, "95.50", False, None),
    HistoryRow(3, GOLF_VIN, "Taxi Brussel BV", date(2025, 11, 10), 56_900, "410.00", True, "acknowledged"),
]


class FakeClock:
    """A frozen wall clock; the monotonic clock moves `step` seconds each time it is read."""

    def __init__(self, now: datetime = NOW, step: float = 0.12):
        self._now = now
        self._t = 1000.0
        self.step = step

    def now(self) -> datetime:
        return self._now

    def monotonic(self) -> float:
        self._t += self.step
        return self._t

    def stamp(self, message) -> float:
        return self.monotonic()


@dataclass
class MemoryServices:
    """The WorkshopServices Protocol in memory: the use cases below share this state.

    `outcome` says how Car-Pass answers submissions: "ack", "queued" (offline), "reject" (the
    first time) or "reject_always"; `refusal` makes `submit` refuse with those (problems,
    fields); `hold` (an Event) makes every call wait."""

    sandbox: bool = True
    outcome: str = "ack"
    hold: threading.Event | None = None
    refusal: tuple[list[Finding | str], list[str]] | None = None
    vehicle_records: dict[str, RegistryVehicle] = field(default_factory=lambda: dict(VEHICLES))
    readings_by_vin: dict[str, list[Reading]] = field(default_factory=lambda: {k: list(v) for k, v in READINGS.items()})
    customer_list: list[Customer] = field(
        default_factory=lambda: [
            Customer(id=1, name="Jan Peeters"),
            Customer(id=2, name="Taxi Brussel BV", kind=CustomerKind.PROFESSIONAL, vat_number="0403170701"),
        ]
    )
    kept_drafts: dict[str, JobDraft] = field(default_factory=dict)
    views: dict[int, SubmissionView] = field(default_factory=dict)
    submitted: list[JobDraft] = field(default_factory=list)
    saved_vehicles: list[tuple[RegistryVehicle, set[str]]] = field(default_factory=list)
    retried: list[int] = field(default_factory=list)
    papers: list[int] = field(default_factory=list)
    confirmed: list[list[str]] = field(default_factory=list)  # the codes confirmed at each send
    cancelled: list[tuple[int, str]] = field(default_factory=list)
    settings_saved: int = 0
    quality: DataQuality | None = None  # what `history.data_quality` answers (else nothing refused)
    history_rows: list[HistoryRow] = field(default_factory=lambda: list(HISTORY))

    def __post_init__(self) -> None:
        self.ids = itertools.count(1)
        self.vehicles = MemoryVehicles(self)
        self.customers = MemoryCustomers(self)
        self.drafts = MemoryDrafts(self)
        self.submissions = MemorySubmissions(self)
        self.history = MemoryHistory(self)

    def wait(self) -> None:
        if self.hold is not None:
            self.hold.wait(timeout=HOLD_S)


@dataclass
class MemoryVehicles:
    s: MemoryServices

    def lookup(self, vin: str) -> VehicleLookup:
        self.s.wait()
        record = self.s.vehicle_records.get(vin)
        if record is None:
            return VehicleLookup(vin, None, origin="none", message=Finding(LOOKUP_UNKNOWN, Severity.WARN))
        sources = {name: Source.REGISTRY for name, value in record if value is not None and name != "vin"}
        return VehicleLookup(vin, record, sources, origin="registry")

    def record(self, vin: str) -> RegistryVehicle | None:
        return self.s.vehicle_records.get(vin)

    def certificate(self, carpass_id: str) -> CarPassCertificate | None:
        self.s.wait()
        if carpass_id != CLIO_CARPASS:
            return None
        return CarPassCertificate(CLIO_VIN, carpass_id, open_recalls=(OpenRecall("RC-22-118", "airbag control unit"),))

    def save(self, record: RegistryVehicle, typed_fields: set[str]) -> None:
        self.s.wait()
        self.s.saved_vehicles.append((record, typed_fields))
        self.s.vehicle_records[record.vin] = record

    def readings(self, vin: str) -> list[Reading]:
        self.s.wait()
        return list(self.s.readings_by_vin.get(vin, []))


@dataclass
class MemoryCustomers:
    s: MemoryServices

    def find(self, query: str) -> list[Customer]:
        self.s.wait()
        q = query.strip().lower()
        return [c for c in self.s.customer_list if q in c.name.lower() or q in (c.vat_number or "")]

    def add(self, customer: Customer) -> Customer:
        self.s.wait()
        created = customer.model_copy(update={"id": len(self.s.customer_list) + 1})
        self.s.customer_list.append(created)
        return created


@dataclass
class MemoryDrafts:
    s: MemoryServices

    def save(self, key: str, draft: JobDraft) -> None:
        self.s.wait()
        self.s.kept_drafts[key] = draft

    def load(self, key: str) -> JobDraft | None:
        self.s.wait()
        return self.s.kept_drafts.get(key)

    def drop(self, key: str) -> None:
        self.s.wait()
        self.s.kept_drafts.pop(key, None)

    def recent(self) -> list[JobDraft]:
        return list(reversed(self.s.kept_drafts.values()))


@dataclass
class MemorySubmissions:
    s: MemoryServices

    def _check(self, draft: JobDraft, confirmed: Sequence[str]) -> None:
        s = self.s
        history = s.readings_by_vin.get(draft.vin, [])
        found = checks.problems(draft, s.vehicle_records.get(draft.vin), history, NOW, confirmed)
        fields = [p.field for p in found if p.field]
        if codes := checks.to_confirm(found):
            raise ConfirmationNeeded(list(found), fields, codes)
        if found:
            raise SubmissionRefused(list(found), fields)
        s.confirmed.append(list(confirmed))

    def submit(self, draft: JobDraft, *, confirmed: Sequence[str] = ()) -> SubmissionView | None:
        s = self.s
        s.wait()
        self._check(draft, confirmed)
        if s.refusal:
            raise SubmissionRefused(*s.refusal)
        s.submitted.append(draft)
        if not decide(checks.job_facts(draft, s.vehicle_records[draft.vin])).must_report:
            return None  # recorded, nothing to send
        view = SubmissionView(
            id=next(s.ids),
            job_id=len(s.submitted),
            vin=draft.vin,
            odometer_km=draft.odometer_km or 0,
            state=SubmissionState.SENT,
            attempts=1,
            created_at=NOW,
        )
        if s.outcome == "queued":
            view = view.model_copy(
                update={
                    "state": SubmissionState.PENDING,
                    "next_attempt_at": NOW + timedelta(seconds=42),
                    "last_error": "connection refused",
                }
            )
        s.views[view.id] = view
        return view

    def get(self, submission_id: int) -> SubmissionView:
        s = self.s
        s.wait()
        view = s.views[submission_id]
        if view.state is SubmissionState.SENT:
            if s.outcome == "reject_always" or (s.outcome == "reject" and view.corrections_used == 0):
                update = {
                    "state": SubmissionState.REJECTED,
                    "error_number": "E-4711",
                    "issues": ["odometer lower than the last reading"],
                }
            else:
                update = {"state": SubmissionState.ACKNOWLEDGED, "ack_number": f"CP-{2026_000 + submission_id}"}
            view = s.views[submission_id] = view.model_copy(update=update)
        return view

    def outbox(self) -> list[SubmissionView]:
        return list(self.s.views.values())

    def retry(self, submission_id: int) -> None:
        self.s.wait()
        self.s.retried.append(submission_id)

    def correct(self, submission_id: int, draft: JobDraft, *, confirmed: Sequence[str] = ()) -> SubmissionView:
        s = self.s
        s.wait()
        view = s.views[submission_id]
        if view.corrections_used >= 1:
            s.views[submission_id] = view.model_copy(update={"state": SubmissionState.PAPER_REQUIRED})
            raise CorrectionRefused("the electronic correction is used")
        s.submitted.append(draft)
        view = view.model_copy(
            update={"state": SubmissionState.SENT, "corrections_used": 1, "odometer_km": draft.odometer_km}
        )
        s.views[submission_id] = view
        return view

    def records(self, submission_id: int) -> tuple[SubmissionView, JobRecord, RegistryVehicle | None]:
        view = self.s.views[submission_id]
        draft = self.s.submitted[view.job_id - 1]
        job = job_record(view.job_id, draft.vin, view.odometer_km, draft.total_incl_vat or Decimal(0), submission_id)
        return view, job, self.s.vehicle_records.get(draft.vin)

    def paper_chosen(self, submission_id: int) -> None:
        self.s.papers.append(submission_id)

    def fix_and_resend(self, submission_id: int, draft: JobDraft, *, confirmed: Sequence[str] = ()) -> SubmissionView:
        s = self.s
        s.wait()
        self._check(draft, confirmed)
        s.submitted.append(draft)
        update = {"state": SubmissionState.PENDING, "odometer_km": draft.odometer_km, "problem_code": None}
        view = s.views[submission_id] = s.views[submission_id].model_copy(update=update)
        return view

    def cancel(self, submission_id: int, reason: str) -> None:
        self.s.wait()
        self.s.cancelled.append((submission_id, reason))
        self.s.views[submission_id] = self.s.views[submission_id].model_copy(
            update={"state": SubmissionState.CANCELLED}
        )

    def settings_changed(self) -> None:
        self.s.settings_saved += 1


@dataclass
class MemoryHistory:
    s: MemoryServices

    def search(self, query: str = "", since: date | None = None, until: date | None = None) -> list[HistoryRow]:
        q = query.strip().lower()
        return [
            row
            for row in self.s.history_rows
            if (q in row.vin.lower() or q in (row.customer or "").lower())
            and (since is None or row.on >= since)
            and (until is None or row.on <= until)
        ]

    def reported_jobs(
        self, since: date | None = None, until: date | None = None, vin: str | None = None
    ) -> list[tuple[JobRecord, SubmissionView]]:
        return [
            (
                job_record(row.job_id, row.vin, row.odometer_km, Decimal(row.total_incl_vat), row.job_id, row.customer),
                SubmissionView(
                    id=row.job_id,
                    job_id=row.job_id,
                    vin=row.vin,
                    odometer_km=row.odometer_km,
                    state=SubmissionState(row.state),
                    created_at=NOW,
                ),
            )
            for row in self.s.history_rows
            if row.state is not None and vin in (None, row.vin)
        ]

    def data_quality(self) -> DataQuality:
        if self.s.quality is not None:
            return self.s.quality
        return DataQuality(since=NOW - timedelta(days=365), readings=len(self.s.views), discrepancies=0)


def job_record(
    job_id: int, vin: str, km: int, total: Decimal, submission_id: int, customer: str | None = None
) -> JobRecord:
    """A recorded job as the documents read it."""
    return JobRecord(
        id=job_id,
        vin=vin,
        customer=Customer(id=job_id, name=customer) if customer else None,
        job_reference=f"J-{job_id}",
        work=(WorkKind.MAINTENANCE,),
        job_lines=("Oil change",),
        total_incl_vat=total,
        done_on=NOW.date(),
        reading_at=NOW,
        odometer_km=km,
        odometer_replaced=False,
        five_digit_odometer=False,
        customer_vat_registered=False,
        role=Role.MAIN,
        verdict=Verdict(must_report=True, reporter="workshop", reasons=[]),
        terminal="test",
        created_at=NOW,
        submission_id=submission_id,
    )


@pytest.fixture(autouse=True)
def english_after_each_test():
    """An app activates its language for the whole process: every test starts from English."""
    activate("en")
    yield
    activate("en")


@pytest.fixture
def services(tmp_path) -> MemoryServices:
    return MemoryServices()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def settings(tmp_path, monkeypatch) -> Settings:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return Settings(language="en", company=Company(name="Garage Dupont", nace_code="45201"), camera_source="")


@pytest.fixture
def make_app(services, settings, clock):
    """The one app factory of the UI tests and snapshots: pinned clock, no animation."""
    from workshop_tui.ui.app import WorkshopApp

    def make(language: str = "en", **overrides) -> WorkshopApp:
        app = WorkshopApp(
            overrides.pop("services", services),
            settings.model_copy(update={"language": language}),
            clock=overrides.pop("clock", clock),
            **overrides,
        )
        app.animation_level = "none"
        return app

    return make


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(autouse=True)
def brussels_time(monkeypatch):
    """Times are shown in the terminal's local time: pin it to Belgium's for repeatable screens."""
    import time

    monkeypatch.setenv("TZ", "Europe/Brussels")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()
