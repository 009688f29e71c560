"""The workshop's use cases (`services.api`): vehicles, customers, drafts, submissions, history."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date, timedelta

from ..domain import checks
from ..domain.data_quality import DataQuality
from ..domain.findings import Finding, Severity
from ..domain.models import Customer, JobDraft, Reading, RegistryVehicle, Source, SubmissionState, SubmissionView
from ..domain.rules import decide
from ..domain.vin import normalise
from ..storage import InvalidValue, Store
from ..storage.values import VEHICLE_FIELDS, utcnow
from ..storage.views import JobRecord
from .api import (
    LOOKUP_DOWN,
    LOOKUP_DOWN_CACHED,
    LOOKUP_UNKNOWN,
    LOOKUP_UNKNOWN_CACHED,
    CarPassCertificate,
    ConfirmationNeeded,
    HistoryRow,
    OpenRecall,
    SubmissionRefused,
    VehicleLookup,
)
from .carpass_client import CarPassClient
from .contract import VehicleHistoryReport
from .http import MalformedResponse, NotFound, ServiceError, ServiceUnavailable, VehicleNotFound
from .outbox import Deliverer
from .registry_client import RegistryClient

log = logging.getLogger(__name__)

# A cached registry record younger than this is used without asking the registry again.
CACHE_FRESH_FOR = timedelta(days=30)


class Vehicles:
    """Vehicles: the registry lookup with its cache, typed fields, readings, a scanned Car-Pass."""

    def __init__(self, store: Store, registry: RegistryClient, carpass: CarPassClient):
        self.store = store
        self.registry = registry
        self.carpass = carpass

    def lookup(self, vin: str) -> VehicleLookup:
        """The vehicle by VIN: a fresh cached record at once, else the registry, else the cache."""
        vin = normalise(vin)
        cached = self.store.vehicles.get(vin)
        if cached and cached[0].fetched_at and utcnow() - cached[0].fetched_at < CACHE_FRESH_FOR:
            return VehicleLookup(vin, cached[0], _as_cache(cached[1]), "cache")
        try:
            fetched = self.registry.vehicle(vin)
        except VehicleNotFound:
            return self._fallback(vin, cached, LOOKUP_UNKNOWN, LOOKUP_UNKNOWN_CACHED, {})
        except (ServiceUnavailable, MalformedResponse) as exc:
            return self._fallback(vin, cached, LOOKUP_DOWN, LOOKUP_DOWN_CACHED, {"error": exc.problem})
        record, sources = _merge(fetched, cached)
        self.store.vehicles.upsert(record, sources)
        return VehicleLookup(vin, record, sources, "registry")

    def _fallback(self, vin: str, cached, uncached: str, cached_code: str, params: dict) -> VehicleLookup:
        if cached is None:
            return VehicleLookup(vin, None, {}, "none", Finding(uncached, Severity.WARN, None, params))
        record, sources = cached
        when = record.fetched_at.astimezone().date() if record.fetched_at else None
        note = Finding(cached_code, Severity.WARN, None, {**params, "when": when})
        return VehicleLookup(vin, record, _as_cache(sources), "cache", note)

    def save(self, record: RegistryVehicle, typed_fields: set[str]) -> None:
        cached = self.store.vehicles.get(record.vin)
        sources = dict(cached[1]) if cached else {}
        sources.update({name: Source.TYPED for name in typed_fields})
        self.store.vehicles.upsert(record, {k: v for k, v in sources.items() if getattr(record, k) is not None})

    def readings(self, vin: str) -> list[Reading]:
        """Our readings and Car-Pass's, refreshed from the history report of our latest accepted one."""
        guid = self.store.outbox.latest_request_guid(vin)
        if guid:
            try:
                self._import_history(self.carpass.vehicle_history(guid))
            except ServiceError as exc:  # the history is a help, not a condition: show what we have
                log.info("history of %s not refreshed: %s", vin, exc)
        return self.store.vehicles.readings(vin)

    def carpass_report(self, carpass_id: str) -> VehicleHistoryReport:
        """The Car-Pass service's report (for other services); NotFound for an unknown ID."""
        report = self.carpass.carpass_report(carpass_id)
        self._import_history(report)
        return report

    def certificate(self, carpass_id: str) -> CarPassCertificate | None:
        """The Car-Pass read off its QR code, None when Car-Pass does not know it; its mileage
        history joins the vehicle's readings."""
        try:
            report = self.carpass_report(carpass_id)
        except NotFound:
            return None
        recalls = tuple(OpenRecall(r.reference, r.description) for r in report.open_recalls)
        return CarPassCertificate(report.vin, report.carpass_id, report.post_accident_inspection_pending, recalls)

    def record(self, vin: str) -> RegistryVehicle | None:
        """The cached registry record of `vin`, or None."""
        cached = self.store.vehicles.get(normalise(vin))
        return cached[0] if cached else None

    def _import_history(self, report: VehicleHistoryReport) -> None:
        if self.store.vehicles.get(report.vin) is None:
            self.store.vehicles.upsert(RegistryVehicle(vin=report.vin), {})
        self.store.vehicles.add_history_readings(
            report.vin, [Reading(on=m.on, km=m.km, source="carpass") for m in report.mileage_history]
        )


class Customers:
    def __init__(self, store: Store):
        self.store = store

    def find(self, query: str) -> list[Customer]:
        return self.store.customers.find(query)

    def add(self, customer: Customer) -> Customer:
        return self.store.customers.add(customer)


class Drafts:
    def __init__(self, store: Store):
        self.store = store

    def save(self, key: str, draft: JobDraft) -> None:
        self.store.drafts.save(key, draft)

    def load(self, key: str) -> JobDraft | None:
        return self.store.drafts.load(key)

    def drop(self, key: str) -> None:
        self.store.drafts.drop(key)

    def recent(self) -> list[JobDraft]:
        return self.store.drafts.recent()


class Submissions:
    """Submissions: check and record a job, follow its reading through the outbox, correct it."""

    def __init__(self, store: Store, deliverer: Deliverer, nace_code: str | None):
        self.store = store
        self.deliverer = deliverer
        self.nace_code = nace_code

    def submit(
        self, draft: JobDraft, *, confirmed: Sequence[str] = (), external_key: str | None = None
    ) -> SubmissionView | None:
        """Check the draft, record job + reading + outbox row in one transaction, wake the deliverer.
        `confirmed`: the codes of the findings the mechanic confirmed, kept in the audit log (an
        unconfirmed one raises ConfirmationNeeded). `external_key`: another program's reference;
        a job already recorded under it is kept."""
        draft = self._prepared(draft)
        vehicle = self._checked_vehicle(draft, self.store.vehicles.readings(draft.vin), confirmed)
        verdict = decide(checks.job_facts(draft, vehicle), nace_code=self.nace_code)
        try:
            job_id, view = self.store.jobs.record(draft, verdict, external_key=external_key)
        except InvalidValue as exc:
            raise SubmissionRefused([str(exc)], list(exc.fields)) from None
        self._audit_confirmed({"job_id": job_id}, confirmed)
        self.deliverer.wake.set()
        return view

    def _audit_confirmed(self, subject: dict[str, int], confirmed: Sequence[str]) -> None:
        if confirmed:
            self.store.audit.append("reading.confirmed", {**subject, "codes": list(dict.fromkeys(confirmed))})

    def _checked_vehicle(
        self, draft: JobDraft, history: list[Reading], confirmed: Sequence[str] = ()
    ) -> RegistryVehicle:
        """The draft's vehicle, once the draft passed every check before sending: else
        ConfirmationNeeded when only unconfirmed findings stop it, SubmissionRefused otherwise."""
        cached = self.store.vehicles.get(draft.vin)
        vehicle = cached[0] if cached else None
        found = checks.problems(draft, vehicle, history, utcnow(), confirmed)
        fields = list(dict.fromkeys(p.field for p in found if p.field))
        if codes := checks.to_confirm(found):
            raise ConfirmationNeeded(list(found), fields, codes)
        if found:
            raise SubmissionRefused(list(found), fields)
        assert vehicle is not None  # without a record `problems` lists every vehicle field
        return vehicle

    def _prepared(self, draft: JobDraft) -> JobDraft:
        now = utcnow()
        reading_at = draft.reading_at or now
        if reading_at.utcoffset() is None:
            reading_at = reading_at.astimezone()
        return draft.model_copy(update={"vin": normalise(draft.vin), "reading_at": reading_at})

    def get(self, submission_id: int) -> SubmissionView:
        return self.store.outbox.submission(submission_id)

    def outbox(self) -> list[SubmissionView]:
        return self.store.outbox.unfinished()

    def retry(self, submission_id: int) -> None:
        self.store.outbox.retry_now(submission_id)
        self.deliverer.wake.set()

    def correct(self, submission_id: int, draft: JobDraft, *, confirmed: Sequence[str] = ()) -> SubmissionView:
        """Use the one electronic correction; CorrectionRefused once it is used."""
        draft = self._checked_again(submission_id, draft, confirmed)
        corrected = self.store.outbox.correct(submission_id, draft)
        self._audit_confirmed({"submission_id": submission_id}, confirmed)
        self.deliverer.wake.set()
        return corrected

    def fix_and_resend(self, submission_id: int, draft: JobDraft, *, confirmed: Sequence[str] = ()) -> SubmissionView:
        """Send a reading that needs fixing again with the edited `draft` (a changed body gets a new
        idempotency key; the audit log keeps both); SubmissionRefused when the edit fails the checks."""
        draft = self._checked_again(submission_id, draft, confirmed)
        try:
            resent = self.store.outbox.resend_fixed(submission_id, draft)
        except InvalidValue as exc:
            raise SubmissionRefused([str(exc)], list(exc.fields)) from None
        self._audit_confirmed({"submission_id": submission_id}, confirmed)
        self.deliverer.wake.set()
        return resent

    def _checked_again(self, submission_id: int, draft: JobDraft, confirmed: Sequence[str]) -> JobDraft:
        """`draft`, prepared and checked as a new version of the submission's reading."""
        draft = self._prepared(draft)
        view = self.store.outbox.submission(submission_id)
        history = self.store.vehicles.readings(draft.vin)
        if view.vin == draft.vin:  # the reading being replaced is no baseline for its new version
            wrong = next((r for r in history if r.km == view.odometer_km), None)
            history = [r for r in history if r is not wrong]
        self._checked_vehicle(draft, history, confirmed)
        return draft

    def cancel(self, submission_id: int, reason: str) -> None:
        """Withdraw a reading that needs fixing or settings, saying why (kept in the audit log)."""
        self.store.outbox.cancel(submission_id, reason)

    def settings_changed(self) -> None:
        """Send again at once the readings that waited for the settings, and every due one."""
        self.store.outbox.retry_all()
        self.deliverer.wake.set()

    def records(self, submission_id: int) -> tuple[SubmissionView, JobRecord, RegistryVehicle | None]:
        """A submission, its job and its vehicle's cached record (NotFound for an unknown id)."""
        view = self.store.outbox.submission(submission_id)
        job = self.store.jobs.get(view.job_id)
        cached = self.store.vehicles.get(job.vin)
        return view, job, cached[0] if cached else None

    def paper_chosen(self, submission_id: int) -> None:
        """The paper correction form of a rejected reading is printed: its electronic correction is given up."""
        if self.store.outbox.submission(submission_id).state is SubmissionState.REJECTED:
            self.store.outbox.choose_paper(submission_id)

    def job_by_reference(self, reference: str) -> JobRecord | None:
        """The job another program recorded under `reference` (see `submit_once`), or None."""
        found = self.store.jobs.by_external_key(reference.strip())
        return self.store.jobs.get(found) if found is not None else None

    def submit_once(self, draft: JobDraft, reference: str, confirmed: Sequence[str] = ()) -> tuple[JobRecord, bool]:
        """`submit` for invoicing and shop software: the same checks and transaction, once per
        `reference`. Returns the job and True, or the job recorded earlier under `reference`
        and False (then nothing is checked or recorded again). `confirmed`: the codes of the
        findings the sender confirmed, kept in the audit log."""
        known = self.job_by_reference(reference)
        if known is not None:
            return known, False
        self.submit(draft, confirmed=confirmed, external_key=reference)
        recorded = self.job_by_reference(reference)
        assert recorded is not None  # just recorded under `reference`
        return recorded, True


class History:
    """The jobs recorded at this terminal."""

    def __init__(self, store: Store):
        self.store = store

    def search(self, query: str = "", since: date | None = None, until: date | None = None) -> list[HistoryRow]:
        return self.store.jobs.history(query, since, until)

    def reported_jobs(
        self, since: date | None = None, until: date | None = None, vin: str | None = None
    ) -> list[tuple[JobRecord, SubmissionView]]:
        """Jobs done between `since` and `until` (of `vin` when given) whose reading went to the outbox, oldest first."""
        return [(job, view) for job, view in self.store.jobs.records(since, until, vin) if view is not None]

    def data_quality(self) -> DataQuality:
        """This site's share of readings refused or corrected over the last 12 months, by cause."""
        return self.store.quality.data_quality()


class Workshop:
    """One terminal's use cases. Every method may block: the UI calls them from workers."""

    def __init__(
        self,
        store: Store,
        registry: RegistryClient,
        carpass: CarPassClient,
        deliverer: Deliverer,
        nace_code: str | None,
        *,
        sandbox: bool,
    ):
        self.sandbox = sandbox
        self.store = store
        self.deliverer = deliverer
        self.vehicles = Vehicles(store, registry, carpass)
        self.customers = Customers(store)
        self.drafts = Drafts(store)
        self.submissions = Submissions(store, deliverer, nace_code)
        self.history = History(store)


def _as_cache(sources: dict[str, Source]) -> dict[str, Source]:
    """Registry fields read back from the local cache are shown as 'cache'; typed ones stay 'typed'."""
    return {k: (Source.CACHE if v in (Source.REGISTRY, Source.SANDBOX) else v) for k, v in sources.items()}


def _merge(fetched: RegistryVehicle, cached) -> tuple[RegistryVehicle, dict[str, Source]]:
    """The registry's answer, completed by what the user typed earlier for fields it leaves empty."""
    old, old_sources = cached if cached else (None, {})
    values, sources = {}, {}
    for name in VEHICLE_FIELDS:
        value = getattr(fetched, name)
        if value is not None:
            values[name] = value
            if name != "fetched_at":
                sources[name] = Source.REGISTRY
        elif old is not None and old_sources.get(name) == Source.TYPED:
            values[name] = getattr(old, name)
            sources[name] = Source.TYPED
    return RegistryVehicle(vin=fetched.vin, **values), sources
