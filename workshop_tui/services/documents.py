"""Printable documents: the customer receipt and the prefilled Car-Pass correction form (HTML)."""

from __future__ import annotations

from html import escape
from string import Template

from ..config import Company
from ..domain.models import RegistryVehicle, SubmissionView
from ..storage.views import JobRecord

_PAGE = Template(
    """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>$title</title>
<style>
body { font-family: sans-serif; max-width: 46em; margin: 2em auto; }
h1 { font-size: 1.4em; } table { border-collapse: collapse; width: 100%; }
td, th { border: 1px solid #999; padding: .3em .5em; text-align: left; vertical-align: top; }
.barcode svg { height: 5em; } .sign { height: 5em; } .sandbox { color: #b00; font-weight: bold; }
</style></head><body>
$sandbox<h1>$title</h1>
<p>$company</p>
<table>$rows</table>
$extra
</body></html>
"""
)


def _rows(pairs: list[tuple[str, str]]) -> str:
    return "\n".join(f"<tr><th>{escape(k)}</th><td>{v}</td></tr>" for k, v in pairs)


def _company_line(company: Company) -> str:
    parts = [company.name, f"Enterprise no. {company.enterprise_number}" if company.enterprise_number else ""]
    return escape(" · ".join(p for p in parts if p))


def _common_rows(job: JobRecord, vehicle: RegistryVehicle | None, submission: SubmissionView) -> list[tuple[str, str]]:
    make_model = " ".join(x for x in (vehicle.make, vehicle.commercial_name) if x) if vehicle else ""
    reading_at = job.reading_at.astimezone().strftime("%d/%m/%Y %H:%M")
    flags = [f for f, on in (("odometer replaced", job.odometer_replaced), ("5-digit odometer", job.five_digit_odometer)) if on]
    return [
        ("VIN", escape(submission.vin)),
        ("Vehicle", escape(make_model)),
        ("Reading", escape(f"{submission.odometer_km} km" + (f" ({', '.join(flags)})" if flags else ""))),
        ("Date", escape(reading_at)),
        ("Work", escape(", ".join(job.work))),
        ("Job lines", "<br>".join(escape(line) for line in job.job_lines)),
        ("Total incl. VAT", escape(f"EUR {job.total_incl_vat}")),
    ]


def receipt_html(
    company: Company,
    job: JobRecord,
    vehicle: RegistryVehicle | None,
    submission: SubmissionView,
    vin_barcode_svg: str,
    sandbox: bool,
) -> str:
    """The receipt handed to the customer, with the VIN as a Code 39 barcode."""
    rows = _common_rows(job, vehicle, submission) + [
        ("Car-Pass status", escape(submission.state.value)),
        ("Acknowledgement", escape(submission.ack_number or "pending")),
    ]
    return _PAGE.substitute(
        title="Odometer reading receipt",
        sandbox='<p class="sandbox">SANDBOX: not sent to Car-Pass</p>' if sandbox else "",
        company=_company_line(company),
        rows=_rows(rows),
        extra=f'<div class="barcode">{vin_barcode_svg}</div>',
    )


def correction_form_html(
    company: Company,
    job: JobRecord,
    vehicle: RegistryVehicle | None,
    submission: SubmissionView,
    sandbox: bool,
) -> str:
    """The correction form Car-Pass wants signed once the electronic correction is used."""
    rows = _common_rows(job, vehicle, submission) + [
        ("Establishment no.", escape(company.establishment_number)),
        ("Request", escape(submission.request_guid or "")),
        ("Error number", escape(submission.error_number or "")),
        ("Issues", "<br>".join(escape(i) for i in submission.issues)),
        ("Corrected values", '<div class="sign"></div>'),
    ]
    extra = (
        "<p>The electronic correction of this reading has already been used. "
        "Complete, sign and send this form to Car-Pass.</p>"
        '<table><tr><th>Name and function</th><td class="sign"></td></tr>'
        '<tr><th>Date and signature</th><td class="sign"></td></tr></table>'
    )
    return _PAGE.substitute(
        title="Car-Pass correction form",
        sandbox='<p class="sandbox">SANDBOX</p>' if sandbox else "",
        company=_company_line(company),
        rows=_rows(rows),
        extra=extra,
    )
