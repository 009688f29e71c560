"""Car-Pass reporting obligation: law of 11 June 2004 and the Car-Pass FAQ, as pure functions.

Each rule is a small function returning a `Reason` or None; `decide` applies them in the
order of precedence: scope and role exclusions, then the kind of work, then customer/amount.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from .codes import (
    FAQ_ALWAYS,
    FAQ_SUBCONTRACTING,
    FAQ_VEHICLES,
    GARAGE_REPORTS,
    LAW_ART_2_FAQ_LETTERING,
    LAW_ART_2_FAQ_VEHICLES,
    LAW_ART_6,
    NACE_NOT_CARPASS,
    NO_REPORTABLE_WORK,
    NOT_REGISTERED_IN_BELGIUM,
    PRIVATE_AT_MOST_125,
    REPORTABLE_WORK,
    ROYAL_DECREE_ART_2_FAQ_ALWAYS,
    VAT_REGISTERED_ALWAYS,
    VEHICLE_OUT_OF_SCOPE,
)
from .findings import Finding, Severity
from .models import JobFacts, Reason, VehicleFacts, Verdict
from .work import REPORTABLE, Role

# Threshold for private customers, incl. VAT (Royal Decree of 26 August 2006, art. 2, as
# stated in the Car-Pass FAQ "Must I always report?"). In force since 1 December 2006.
PRIVATE_EXEMPTION_MAX_EUR = Decimal("125.00")
PRIVATE_EXEMPTION_SINCE = date(2006, 12, 1)

# B-licence vehicles: EU categories M1 and N1, maximum authorised mass up to 3 500 kg.
MAX_MASS_KG = 3500
IN_SCOPE_CATEGORIES = frozenset({"M1", "N1"})

# Companies Car-Pass contacts (Crossroads Bank for Enterprises NACE-BEL codes), the 2008 codes
# and the NACE-BEL 2025 codes Car-Pass lists beside them; written without dots.
NACE_2008_CODES = frozenset({"45113", "45201", "45203", "45204", "45205", "45209", "45320"})
NACE_2025_CODES = frozenset({"47811", "95311", "95313", "95314", "95315", "95319", "47820"})
NACE_CODES = NACE_2008_CODES | NACE_2025_CODES

REPORTERS = {
    Role.MAIN: "workshop",
    Role.SUBCONTRACTOR: "workshop_and_main_contractor",
    Role.INDEPENDENT_IN_GARAGE: "host_garage",
    Role.INDEPENDENT_ELSEWHERE: "workshop",
}


def _reason(code: str, reference: str, **params: object) -> Reason:
    return Reason(code=code, params=params, reference=reference)


def vehicle_out_of_scope(vehicle: VehicleFacts) -> Reason | None:
    """Motorcycles, heavy trucks, buses, agricultural vehicles and anything over 3.5 t are out."""
    if vehicle.category not in IN_SCOPE_CATEGORIES:
        return _reason(VEHICLE_OUT_OF_SCOPE, LAW_ART_2_FAQ_VEHICLES, category=vehicle.category)
    if vehicle.max_mass_kg is not None and vehicle.max_mass_kg > MAX_MASS_KG:
        return _reason(
            VEHICLE_OUT_OF_SCOPE, LAW_ART_2_FAQ_VEHICLES, max_mass_kg=vehicle.max_mass_kg, limit_kg=MAX_MASS_KG
        )
    return None


def not_registered_in_belgium(vehicle: VehicleFacts) -> Reason | None:
    """Vehicles never registered in Belgium have no Car-Pass record."""
    if vehicle.registered_in_belgium:
        return None
    return _reason(NOT_REGISTERED_IN_BELGIUM, FAQ_VEHICLES)


def garage_reports(role: Role) -> Reason | None:
    """An independent working inside a garage: the garage reports, not the independent."""
    if role is not Role.INDEPENDENT_IN_GARAGE:
        return None
    return _reason(GARAGE_REPORTS, FAQ_SUBCONTRACTING)


def no_reportable_work(job: JobFacts) -> Reason | None:
    """Car wash, towing without repair and lettering alone are not reportable."""
    if REPORTABLE.intersection(job.work):
        return None
    return _reason(NO_REPORTABLE_WORK, LAW_ART_2_FAQ_LETTERING)


def private_at_most_125(job: JobFacts) -> Reason | None:
    """Private customer (not VAT-registered) and the whole job at most EUR 125.00 incl. VAT."""
    if job.customer_vat_registered or job.total_incl_vat > PRIVATE_EXEMPTION_MAX_EUR:
        return None
    return _reason(
        PRIVATE_AT_MOST_125,
        ROYAL_DECREE_ART_2_FAQ_ALWAYS,
        amount=job.total_incl_vat,
        limit=PRIVATE_EXEMPTION_MAX_EUR,
    )


def _reportable_work(job: JobFacts) -> Reason:
    kinds = sorted(k.value for k in REPORTABLE.intersection(job.work))
    return _reason(REPORTABLE_WORK, LAW_ART_6, kinds=kinds)


def _vat_registered_always() -> Reason:
    return _reason(VAT_REGISTERED_ALWAYS, FAQ_ALWAYS)


def nace_warning(nace_code: str | None) -> Finding | None:
    """A company outside the Car-Pass NACE codes (2008 or 2025, dotted or not) gets a warning, never a refusal."""
    if nace_code is None or nace_code.replace(".", "").strip() in NACE_CODES:
        return None
    return Finding(NACE_NOT_CARPASS, Severity.WARN, "nace_code", {"code": nace_code, "codes": sorted(NACE_CODES)})


def decide(job: JobFacts, nace_code: str | None = None) -> Verdict:
    """The verdict for one job, reasons in order of precedence, the deciding one first."""
    warnings = [w for w in (nace_warning(nace_code),) if w]
    for exclusion in (
        vehicle_out_of_scope(job.vehicle),
        not_registered_in_belgium(job.vehicle),
        garage_reports(job.role),
        no_reportable_work(job),
        private_at_most_125(job),
    ):
        if exclusion is not None:
            reporter = REPORTERS[job.role] if exclusion.code == GARAGE_REPORTS else None
            return Verdict(must_report=False, reporter=reporter, reasons=[exclusion], warnings=warnings)
    reasons = [_reportable_work(job)]
    if job.customer_vat_registered:
        reasons.append(_vat_registered_always())
    return Verdict(must_report=True, reporter=REPORTERS[job.role], reasons=reasons, warnings=warnings)
