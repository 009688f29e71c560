"""The sale desk's codes in the active language: findings, refusals, missing fields."""

from __future__ import annotations

from collections.abc import Mapping

from ...domain.findings import Finding
from ...translations import N_, _
from ...translations.render import TEMPLATES, render
from .fields import LABELS, STEP_TITLES, step_of

SALE_CODES = {  # codes of the sale desk services that the shared catalogue does not word
    "CARPASS_ID_INVALID": N_("This is not a Car-Pass ID: type the ID printed on the certificate."),
    "CARPASS_NOT_FOUND": N_("Car-Pass knows no certificate with this ID: type its fields."),
    "VAT_NUMBER_INVALID": N_("{vat_number} is not a valid Belgian VAT number."),
    "BUYER_KIND_MISSING": N_("Say first whether the buyer is a consumer, a company or a trader."),
    "SALE_ALREADY_PRINTED": N_("Nothing changed since the last print: the printed version stands."),
    "SALE_CHANGED": N_("The sale was changed meanwhile: review it and print again."),
}
MISSING = N_("Missing: {field}")


def code_text(code: str, params: Mapping[str, object] | None = None) -> str:
    """The sentence for a sale desk code in the active language."""
    if code in TEMPLATES:
        return render(code, params)
    values = {name: "" if value is None else str(value) for name, value in (params or {}).items()}
    return _(SALE_CODES.get(code, code)).format_map(_Blank(values))


def finding_line(finding: Finding) -> str:
    return code_text(finding.code, finding.params)


def field_label(key: str) -> str:
    if key.startswith("checklist."):
        return _("Checklist") + ": " + key.removeprefix("checklist.")
    return _(LABELS.get(key, key))


def missing_line(key: str) -> str:
    """ "Missing: Car-Pass › Issued on": the step, then the field."""
    return _(MISSING).format(field=f"{_(STEP_TITLES[step_of(key)])} › {field_label(key)}")


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return "?"
