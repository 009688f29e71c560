"""The services' records for documents, exports and the data quality, end to end against the sandbox."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from workshop_tui import paperwork
from workshop_tui.config import Company
from workshop_tui.documents import models as doc
from workshop_tui.domain.models import JobDraft, SubmissionState

from .conftest import seed_vehicle, wait_for


def job(vin, km, **kw):
    return JobDraft(vin=vin, odometer_km=km, work=["maintenance"], job_lines=["Oil and filter"],
                    total_incl_vat=Decimal("189.00"), customer_vat_registered=True, **kw)  # fmt: skip


def test_a_rejected_reading_counts_against_the_data_quality_and_its_form_is_filled(services):
    car = seed_vehicle(lambda v: v.accepted_as_is)
    services.vehicles.lookup(car.vin)
    ok = services.submissions.submit(job(car.vin, car.mileage_history[-1].km + 800, license_plate=car.license_plate))
    wait_for(lambda: services.submissions.get(ok.id).state is SubmissionState.ACKNOWLEDGED)
    other = seed_vehicle(lambda v: v.accepted_as_is and v.vin != car.vin)
    services.vehicles.lookup(other.vin)
    low = services.submissions.submit(job(other.vin, other.mileage_history[-1].km - 5000))
    rejected = wait_for(lambda: (s := services.submissions.get(low.id)).state is SubmissionState.REJECTED and s)

    quality = services.history.data_quality()
    assert (quality.readings, quality.discrepancies, quality.within_threshold) == (2, 1, False)
    assert sum(quality.by_cause.values()) >= 1 and all(c.startswith("CARPASS_") for c in quality.by_cause)

    garage = paperwork.garage_of(services.company, sandbox=services.sandbox)
    form = paperwork.correction_form(services, garage, low.id)
    assert isinstance(form, doc.CorrectionForm) and form.garage.sandbox
    assert (form.submission.error_number, form.vehicle.vin) == (rejected.error_number, other.vin)
    services.submissions.paper_chosen(low.id)
    assert services.submissions.get(low.id).state is SubmissionState.PAPER_REQUIRED

    receipt = paperwork.receipt(services, garage, ok.id)
    assert receipt.submission.ack_number and receipt.vehicle.plate == car.license_plate.replace("-", "")
    assert receipt.vehicle.make == car.registry.make and receipt.reading.km == ok.odometer_km

    history = paperwork.history_report(services, garage, car.vin, date(2026, 12, 1))
    assert [e.reading.km for e in history.entries] == [ok.odometer_km]
    assert len(paperwork.history_entries(services)) == 2
    assert [(j.vin, v.id) for j, v in services.history.reported_jobs(vin=other.vin)] == [(other.vin, low.id)]


def test_the_documents_carry_the_configured_address_phone_and_e_mail():
    company = Company(
        name="Garage [/] Dupont",
        enterprise_number="0403170701",
        address="Rue de la Loi 16, 1000 Bruxelles",
        phone="+32 2 123 45 67",
        email="info@dupont.example",
    )
    garage = paperwork.garage_of(company, sandbox=True)
    assert (garage.name, garage.address, garage.phone, garage.email, garage.sandbox) == (
        "Garage [/] Dupont",
        "Rue de la Loi 16, 1000 Bruxelles",
        "+32 2 123 45 67",
        "info@dupont.example",
        True,
    )
    assert garage.enterprise_number == "0403.170.701"
