"""The checks on a sale before its contract is printed (issue 10, `workshop-tui sale-check`).

- Car-Pass (law of 11 June 2004 art. 4 §3; Royal Decree of 1 July 2006 art. 4): due when the
  buyer is not a professional of the vehicle trade (consumers and companies), at most two
  calendar months old at the sale; whoever buys, a Car-Pass handed over must not post-date the
  sale and its VIN and last reading must match the car.
- Legal warranty (Civil Code art. 1649quater): two years for a consumer; for a used vehicle it
  may be reduced in writing, never below one year.

Pure: findings carry codes and typed params (see CODES.md). A check whose inputs are not
given yet (None) is skipped, so the same function serves as-you-type and the print gate.
"""

from __future__ import annotations

import calendar
from datetime import date

from .findings import Finding, Severity
from .sale import BuyerKind, Sale
from .vin import check as check_vin
from .vin import normalise

CARPASS_VALIDITY_MONTHS = 2
MINIMUM_WARRANTY_MONTHS = 12
FULL_WARRANTY_MONTHS = 24
CARPASS_DUE = frozenset({BuyerKind.CONSUMER, BuyerKind.COMPANY})


def add_months(day: date, months: int) -> date:
    """`day` plus `months` calendar months, a day past the month's end clamped to its last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def carpass_valid_until(issued: date) -> date:
    """The last sale date a Car-Pass issued on `issued` covers (issued 31 December: 28/29 February)."""
    return add_months(issued, CARPASS_VALIDITY_MONTHS)


def _vin_findings(sale: Sale) -> list[Finding]:
    vin = sale.vehicle.vin
    if vin is None:
        return []
    report = check_vin(vin, sale.sale_date or date.min)  # the date only dates model years, not validity
    return [] if report.valid else [Finding("INVALID_VIN", Severity.BLOCK, "vehicle.vin", {"vin": report.vin})]


def _carpass_date_findings(issued: date | None, sale_date: date | None, buyer: BuyerKind | None) -> list[Finding]:
    if issued is None or sale_date is None:
        return []
    if issued > sale_date:
        params: dict[str, object] = {"issued": issued, "sale_date": sale_date}
        return [Finding("CARPASS_ISSUED_AFTER_SALE", Severity.BLOCK, "carpass.issued", params)]
    valid_until = carpass_valid_until(issued)
    if buyer in CARPASS_DUE and sale_date > valid_until:
        params = {"issued": issued, "valid_until": valid_until, "sale_date": sale_date}
        return [Finding("CARPASS_TOO_OLD", Severity.BLOCK, "carpass.issued", params)]
    return []


def _carpass_findings(sale: Sale) -> list[Finding]:
    carpass, vehicle = sale.carpass, sale.vehicle
    if carpass is None:
        return [Finding("CARPASS_MISSING", Severity.BLOCK, "carpass")] if sale.buyer.kind in CARPASS_DUE else []
    findings = _carpass_date_findings(carpass.issued, sale.sale_date, sale.buyer.kind)
    if carpass.vin is not None and vehicle.vin is not None:
        carpass_vin, vin = normalise(carpass.vin), normalise(vehicle.vin)
        if carpass_vin != vin:
            params = {"carpass_vin": carpass_vin, "vin": vin}
            findings.append(Finding("CARPASS_VIN_MISMATCH", Severity.BLOCK, "carpass.vin", params))
    if vehicle.displayed_km is not None and carpass.last_km is not None and vehicle.displayed_km < carpass.last_km:
        km_params = {"km": vehicle.displayed_km, "carpass_km": carpass.last_km}
        findings.append(Finding("KM_BELOW_CARPASS", Severity.BLOCK, "vehicle.displayed_km", km_params))
    return findings


def _warranty_findings(sale: Sale) -> list[Finding]:
    months = sale.legal_warranty_months
    if sale.buyer.kind is not BuyerKind.CONSUMER or months >= FULL_WARRANTY_MONTHS:
        return []
    if months < MINIMUM_WARRANTY_MONTHS:
        params = {"months": months, "minimum": MINIMUM_WARRANTY_MONTHS}
        return [Finding("WARRANTY_BELOW_MINIMUM", Severity.BLOCK, "legal_warranty_months", params)]
    return [Finding("WARRANTY_REDUCED", Severity.WARN, "legal_warranty_months", {"months": months})]


def sale_findings(sale: Sale) -> list[Finding]:
    """Every finding on `sale`: VIN, then Car-Pass, then warranty.

    A VIN of None is not typed yet; an empty string is a VIN typed empty, and invalid.
    """
    return _vin_findings(sale) + _carpass_findings(sale) + _warranty_findings(sale)
