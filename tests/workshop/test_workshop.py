"""The services the UI calls, end to end against the sandbox: lookup, gaps, verdicts, delivery, corrections."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from workshop_tui import paperwork
from workshop_tui.domain.models import JobDraft, Source, SubmissionState
from workshop_tui.services.api import (
    LOOKUP_DOWN,
    LOOKUP_UNKNOWN,
    ConfirmationNeeded,
    CorrectionRefused,
    SubmissionRefused,
)
from workshop_tui.storage import models as tables

from .conftest import seed_vehicle, wait_for


def plain(v):
    return v.accepted_as_is


def job(vin, km, total="189.00", vat=True, **kw):
    return JobDraft(vin=vin, odometer_km=km, work=["maintenance"], job_lines=["Oil and filter"],
                    total_incl_vat=Decimal(total), customer_vat_registered=vat, **kw)  # fmt: skip


def test_known_vehicle_comes_from_the_registry_then_from_the_cache(services):
    car = seed_vehicle(plain)
    first = services.vehicles.lookup(car.vin.lower())
    assert first.origin == "registry" and first.record.make == car.registry.make
    assert first.sources["make"] is Source.REGISTRY
    again = services.vehicles.lookup(car.vin)
    assert again.origin == "cache" and again.record == first.record
    assert again.sources["make"] is Source.CACHE


def test_unknown_vin_asks_for_the_fields(services):
    lookup = services.vehicles.lookup("VF1RFA00067123456")
    assert lookup.record is None and lookup.origin == "none"
    assert lookup.message.code == LOOKUP_UNKNOWN


def test_registry_down_falls_back_to_manual_entry(services, monkeypatch):
    car = seed_vehicle(plain)
    monkeypatch.setattr(services.vehicles.registry._service, "_transport", _dead_transport())
    lookup = services.vehicles.lookup(car.vin)
    assert lookup.record is None and lookup.message.code == LOOKUP_DOWN


def _dead_transport():
    import httpx

    def refuse(request):
        raise httpx.ConnectError("refused", request=request)

    return httpx.MockTransport(refuse)


def test_gaps_are_listed_at_once_then_typed_fields_are_kept(services):
    car = seed_vehicle(lambda v: v.registry and v.registry.make and not v.registry.commercial_name
                       and v.registry.eu_category == "M1" and not v.carpass.div_polls)  # fmt: skip
    lookup = services.vehicles.lookup(car.vin)
    assert lookup.record.commercial_name is None
    with pytest.raises(SubmissionRefused) as refused:
        services.submissions.submit(JobDraft(vin=car.vin, work=["tyres"]))
    assert {"odometer_km", "job_lines", "total_incl_vat", "vehicle.commercial_name"} <= set(refused.value.fields)
    assert len(refused.value.problems) >= 4
    typed = lookup.record.model_copy(update={"commercial_name": "Clio", "model_year": lookup.record.model_year or 2019})
    services.vehicles.save(
        typed, {"commercial_name", "model_year"} if not lookup.record.model_year else {"commercial_name"}
    )
    again = services.vehicles.lookup(car.vin)
    assert again.record.commercial_name == "Clio" and again.sources["commercial_name"] is Source.TYPED


def test_private_job_up_to_125_is_recorded_not_reported(services):
    car = seed_vehicle(plain)
    services.vehicles.lookup(car.vin)
    assert services.submissions.submit(job(car.vin, car.mileage_history[-1].km + 10, total="99.00", vat=False)) is None
    [row] = services.history.search(car.vin)
    assert row.must_report is False and row.state is None and row.total_incl_vat == "99.00"
    assert services.submissions.outbox() == []


def test_reportable_job_is_acknowledged_with_receipt_and_history(services, tmp_path):
    car = seed_vehicle(plain)
    services.vehicles.lookup(car.vin)
    view = services.submissions.submit(job(car.vin, car.mileage_history[-1].km + 800))
    assert view.state is SubmissionState.PENDING
    done = wait_for(lambda: (s := services.submissions.get(view.id)).state is SubmissionState.ACKNOWLEDGED and s)
    assert done.ack_number and done.request_guid
    garage = paperwork.garage_of(services.company, sandbox=services.sandbox)
    receipt = paperwork.write_document(paperwork.receipt(services, garage, view.id), "en", "html", tmp_path / "r.html")
    text = receipt.read_text()
    assert car.vin in text and done.ack_number in text and 'class="barcode"' in text and "SANDBOX" in text
    kms = [r.km for r in services.vehicles.readings(car.vin)]  # Car-Pass's history joins ours
    assert car.mileage_history[0].km in kms and view.odometer_km in kms
    path = paperwork.write_export(paperwork.history_entries(services), "nl", tmp_path / "history.csv")
    assert car.vin in path.read_text(encoding="utf-8-sig")


def test_reading_below_the_last_known_is_sent_only_once_confirmed_and_audited(services):
    car = seed_vehicle(plain)
    services.vehicles.lookup(car.vin)
    view = services.submissions.submit(job(car.vin, car.mileage_history[-1].km + 800))
    wait_for(lambda: services.submissions.get(view.id).state is SubmissionState.ACKNOWLEDGED)
    lower = job(car.vin, view.odometer_km - 100)
    with pytest.raises(ConfirmationNeeded) as refused:
        services.submissions.submit(lower)
    assert refused.value.codes == ["KM_BELOW_PREVIOUS"] and refused.value.fields == ["odometer_km"]
    with pytest.raises(ConfirmationNeeded):  # confirming another code does not let it through
        services.submissions.submit(lower, confirmed=["SAME_READING_ALREADY_REPORTED"])
    sent = services.submissions.submit(lower, confirmed=["KM_BELOW_PREVIOUS"])
    assert sent is not None and sent.odometer_km == view.odometer_km - 100
    with services.store.connection_context():
        confirmed = [
            row.details for row in tables.AuditLog.select().where(tables.AuditLog.action == "reading.confirmed")
        ]
    assert confirmed == [{"job_id": sent.job_id, "codes": ["KM_BELOW_PREVIOUS"]}]


def test_future_date_is_stopped(services):
    car = seed_vehicle(plain)
    services.vehicles.lookup(car.vin)
    with pytest.raises(SubmissionRefused) as refused:
        services.submissions.submit(job(car.vin, 999_000, reading_at=datetime.now(UTC) + timedelta(days=2)))
    assert refused.value.fields == ["reading_at"]


def test_rejected_then_corrected_once_then_paper_form(services, tmp_path):
    car = seed_vehicle(plain)
    services.vehicles.lookup(car.vin)
    low = car.mileage_history[-1].km - 5000  # Car-Pass knows a higher reading; we do not yet
    view = services.submissions.submit(job(car.vin, low))
    rejected = wait_for(lambda: (s := services.submissions.get(view.id)).state is SubmissionState.REJECTED and s)
    assert rejected.error_number and rejected.issues
    services.submissions.correct(view.id, job(car.vin, low + 1))  # still too low: rejected again
    wait_for(lambda: services.submissions.get(view.id).state is SubmissionState.PAPER_REQUIRED)
    with pytest.raises(CorrectionRefused):
        services.submissions.correct(view.id, job(car.vin, car.mileage_history[-1].km + 100))
    paper = services.submissions.get(view.id)
    assert paper.error_number != rejected.error_number  # each rejection has its own number
    garage = paperwork.garage_of(services.company, sandbox=services.sandbox)
    form = paperwork.write_document(
        paperwork.correction_form(services, garage, view.id), "en", "html", tmp_path / "f.html"
    )
    text = form.read_text()
    assert paper.error_number in text and car.vin in text and "signature" in text.lower()


def _queued_unchecked(services, car, km, **flags):
    """A reading recorded as an older terminal or another program might have: past the pre-send checks."""
    from workshop_tui.domain.models import Reason, Verdict

    reportable = Verdict(must_report=True, reporter="workshop", reasons=[Reason(code="MAINTENANCE", reference="")])
    draft = job(car.vin, km, reading_at=datetime.now(UTC), **flags)
    _, view = services.store.jobs.record(draft, reportable)
    services.deliverer.wake.set()
    return view


def test_a_refused_reading_is_fixed_and_resent_or_cancelled(services):
    car, other = [v for v in load_seed_plain()][:2]
    services.vehicles.lookup(car.vin)
    services.vehicles.lookup(other.vin)
    fixing = _queued_unchecked(services, car, 123_456, five_digit_odometer=True)
    cancelling = _queued_unchecked(services, other, 123_456, five_digit_odometer=True)
    for view in (fixing, cancelling):
        wait_for(lambda v=view: services.submissions.get(v.id).state is SubmissionState.NEEDS_FIXING)
    with pytest.raises(SubmissionRefused):  # the edit is checked like a new reading
        services.submissions.fix_and_resend(
            fixing.id, job(car.vin, 123_456, reading_at=datetime.now(UTC) + timedelta(days=2))
        )
    services.submissions.fix_and_resend(fixing.id, job(car.vin, car.mileage_history[-1].km + 300))
    done = wait_for(lambda: (s := services.submissions.get(fixing.id)).state is SubmissionState.ACKNOWLEDGED and s)
    assert done.odometer_km == car.mileage_history[-1].km + 300
    services.submissions.cancel(cancelling.id, "typed on the wrong car")
    assert services.submissions.get(cancelling.id).state is SubmissionState.CANCELLED
    assert [v.id for v in services.submissions.outbox()] == []


def test_settings_changed_sends_what_waited_for_them(services):
    car = seed_vehicle(plain)
    services.vehicles.lookup(car.vin)
    view = _queued_unchecked(services, car, car.mileage_history[-1].km + 300)
    wait_for(lambda: services.submissions.get(view.id).state is SubmissionState.ACKNOWLEDGED)
    from workshop_tui.storage import Refused

    later = _queued_unchecked(services, car, car.mileage_history[-1].km + 600)
    services.store.outbox.record_one(Refused(later.id, SubmissionState.NEEDS_SETTINGS, "AUTHENTICATION_FAILED", "no"))
    services.submissions.settings_changed()
    wait_for(lambda: services.submissions.get(later.id).state is SubmissionState.ACKNOWLEDGED)


def load_seed_plain():
    from workshop_tui.sandbox.seed import load_seed

    return (v for v in load_seed().vehicles if plain(v))


def test_a_scanned_carpass_is_a_certificate_or_none_when_car_pass_does_not_know_it(services):
    car = seed_vehicle(lambda v: v.carpass_id and v.mileage_history)
    certificate = services.vehicles.certificate(car.carpass_id)
    assert certificate.vin == car.vin and certificate.carpass_id == car.carpass_id
    assert {r.km for r in services.vehicles.readings(car.vin)} >= {m.km for m in car.mileage_history}
    assert services.vehicles.certificate("00ZZ1234ZZ5678") is None
