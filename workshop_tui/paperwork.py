"""The documents a garage hands over, filled from the records the services keep (issue 9 H).

The services return records (job, submission, vehicle) and never import the documents; this
module, above them beside the UI and the CLI, maps those records into `documents.models`, and
writes them in the customer's language: a receipt, a correction form, a vehicle's history
report (PDF or HTML), and the CSV export of the reported readings.

    garage = garage_of(settings.company, sandbox=services.sandbox)
    path = write_document(receipt(services, garage, submission_id), "fr", "pdf", Path("receipt.pdf"))
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal

from .config import Company
from .documents import export_csv, render_html, render_pdf
from .documents import models as doc
from .documents.csv_export import write_new
from .domain.identifiers import format_enterprise_number
from .domain.models import RegistryVehicle, SubmissionState, SubmissionView
from .services.api import WorkshopServices
from .storage.views import JobRecord
from .translations import translations
from .translations.formats import formats
from .translations.labels import OUTBOX_STATE

Format = Literal["pdf", "html"]


WorkshopServices = WorkshopServices  # what this module reads the records from


def garage_of(company: Company, *, sandbox: bool) -> doc.Garage:
    """The firm printed on the documents: the configured identity, marked SANDBOX in sandbox mode."""
    enterprise = company.enterprise_number
    return doc.Garage(
        name=company.name,
        enterprise_number=format_enterprise_number(enterprise) if enterprise else "",
        establishment_number=company.establishment_number,
        address=company.address,
        phone=company.phone,
        email=company.email,
        sandbox=sandbox,
    )


def _vehicle(job: JobRecord, record: RegistryVehicle | None) -> doc.Vehicle:
    return doc.Vehicle(
        vin=job.vin,
        plate=job.license_plate,
        make=(record.make or "") if record else "",
        model=(record.commercial_name or "") if record else "",
    )


def _submission(view: SubmissionView) -> doc.Submission:
    return doc.Submission(
        state=view.state,
        ack_number=view.ack_number or "",
        error_number=view.error_number or "",
        request_id=view.request_guid or "",
        issues=view.issues,
    )


def _entry(job: JobRecord, view: SubmissionView, record: RegistryVehicle | None) -> doc.HistoryEntry:
    return doc.HistoryEntry(
        customer=job.customer.name if job.customer else "",
        vehicle=_vehicle(job, record),
        reading=doc.Reading(
            km=job.odometer_km,
            on=job.done_on,
            odometer_replaced=job.odometer_replaced,
            five_digit_odometer=job.five_digit_odometer,
        ),
        work=list(job.work),
        job_lines=list(job.job_lines),
        total_incl_vat=job.total_incl_vat,
        submission=_submission(view),
    )


def receipt(services: WorkshopServices, garage: doc.Garage, submission_id: int) -> doc.Receipt:
    """The receipt of the job whose reading is submission `submission_id`."""
    view, job, record = services.submissions.records(submission_id)
    return doc.Receipt(garage=garage, **dict(_entry(job, view, record)))


def correction_form(services: WorkshopServices, garage: doc.Garage, submission_id: int) -> doc.CorrectionForm:
    """The paper correction form of submission `submission_id`, prefilled with what was sent."""
    view, job, record = services.submissions.records(submission_id)
    return doc.CorrectionForm(garage=garage, **dict(_entry(job, view, record)))


def history_report(services: WorkshopServices, garage: doc.Garage, vin: str, printed_on: date) -> doc.HistoryReport:
    """Every reported reading of vehicle `vin`, oldest first (LookupError when there is none)."""
    jobs = services.history.reported_jobs(vin=vin)
    if not jobs:
        raise LookupError(f"no reported reading of {vin}")
    record = services.vehicles.record(vin)
    entries = [_entry(job, view, record) for job, view in jobs]
    return doc.HistoryReport(
        garage=garage,
        customer=entries[-1].customer,
        vehicle=entries[-1].vehicle,
        entries=entries,
        printed_on=printed_on,
    )


def history_entries(
    services: WorkshopServices,
    since: date | None = None,
    until: date | None = None,
    job_ids: set[int] | None = None,
) -> list[doc.HistoryEntry]:
    """The reported readings done between `since` and `until` (both included), oldest first;
    only the jobs `job_ids` when given (what a history search found)."""
    return [
        _entry(job, view, services.vehicles.record(job.vin))
        for job, view in services.history.reported_jobs(since, until)
        if job_ids is None or job.id in job_ids
    ]


def rendered(document: doc.Document, language: str, fmt: Format) -> bytes:
    """`document` in `language` as PDF or HTML (UTF-8) bytes."""
    said, shown = translations(language), formats(language)
    if fmt == "pdf":
        return render_pdf(document, language=language, translations=said, formats=shown)
    return render_html(document, language=language, translations=said, formats=shown).encode("utf-8")


def write_document(document: doc.Document, language: str, fmt: Format, path: Path) -> Path:
    """Render `document` in `language` as PDF or HTML into a new file at `path` (or beside it); returns where."""
    return write_new(path, rendered(document, language, fmt))


def write_export(entries: list[doc.HistoryEntry], language: str, path: Path) -> Path:
    """The CSV export of `entries` in `language` (Belgian Excel) in a new file at `path` (or beside it)."""
    gettext = translations(language).gettext
    return export_csv(
        entries,
        path,
        translations=translations(language),
        formats=formats(language),
        state_label=lambda state: gettext(OUTBOX_STATE[SubmissionState(state).value]),
    )
