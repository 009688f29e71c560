"""The sale's fields as the screens show them: key (as `missing_fields` names it), label, kind.

`text_of` shows a field's value as typed text; `with_text` puts typed text back into the sale,
raising `parsing.ParseError` when it is not a value of the field's kind. Pure: no Textual.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from ...domain import typed_numbers
from ...domain.sale import Sale
from ...translations import N_
from ...translations.formats import Formats
from ..parsing import NOT_A_DATE, NOT_A_NUMBER, ParseError, parse_date, parse_int, parse_typed

NOT_IN_RANGE = N_("Out of range.")
MAX_MONTHS = 120


class Kind(StrEnum):
    TEXT = "text"
    DATE = "date"
    KM = "km"
    AMOUNT = "amount"
    MONTHS = "months"
    LINES = "lines"  # a list, one item per ";"
    CHOICE = "choice"


@dataclass(frozen=True)
class Field:
    key: str
    label: str  # msgid
    kind: Kind = Kind.TEXT


CHOICES: dict[str, list[tuple[str, str]]] = {  # key -> [(value, msgid)]
    "buyer.kind": [
        ("consumer", N_("Consumer")),
        ("company", N_("Company (not in the car trade)")),
        ("trader", N_("Car trader")),
    ],
    "buyer.language": [("fr", N_("French")), ("nl", N_("Dutch")), ("en", N_("English"))],
    "off_premises": [("no", N_("No")), ("yes", N_("Yes"))],
    "documents.registration_request_form": [
        ("handed_over", N_("Handed over")),
        ("not_required_imported", N_("Not required (imported)")),
    ],
}
CHOICES["documents.certificate_of_conformity"] = CHOICES["documents.registration_request_form"]

STEPS: dict[str, tuple[str, tuple[Field, ...]]] = {
    "vehicle": (
        N_("Vehicle"),
        (
            Field("vehicle.vin", N_("VIN")),
            Field("vehicle.make", N_("Make")),
            Field("vehicle.model", N_("Model")),
            Field("vehicle.type", N_("Type")),
            Field("vehicle.engine", N_("Engine")),
            Field("vehicle.colour", N_("Colour")),
            Field("vehicle.colour_code", N_("Colour code")),
            Field("vehicle.first_entry_into_service", N_("First entry into service"), Kind.DATE),
            Field("vehicle.displayed_km", N_("Odometer as displayed (km)"), Kind.KM),
        ),
    ),
    "carpass": (
        N_("Car-Pass"),
        (
            Field("carpass.id", N_("Car-Pass ID")),
            Field("carpass.issued", N_("Issued on"), Kind.DATE),
            Field("carpass.vin", N_("VIN on the Car-Pass")),
            Field("carpass.last_km", N_("Last reading on the Car-Pass (km)"), Kind.KM),
        ),
    ),
    "trade_in": (
        N_("Trade-in"),
        (
            Field("trade_in.vin", N_("VIN")),
            Field("trade_in.make", N_("Make")),
            Field("trade_in.model", N_("Model")),
            Field("trade_in.type", N_("Type")),
            Field("trade_in.engine", N_("Engine")),
            Field("trade_in.colour", N_("Colour")),
            Field("trade_in.first_entry_into_service", N_("First entry into service"), Kind.DATE),
        ),
    ),
    "buyer": (
        N_("Buyer"),
        (
            Field("buyer.kind", N_("Buyer is"), Kind.CHOICE),
            Field("buyer.language", N_("Language of the documents"), Kind.CHOICE),
            Field("buyer.first_name", N_("First name")),
            Field("buyer.last_name", N_("Name")),
            Field("buyer.company_name", N_("Company name")),
            Field("buyer.vat_number", N_("VAT number")),
            Field("buyer.address", N_("Address")),
            Field("buyer.phone", N_("Phone")),
            Field("buyer.email", N_("E-mail")),
        ),
    ),
    "terms": (
        N_("Terms"),
        (
            Field("sale_date", N_("Date of signature"), Kind.DATE),
            Field("signature_place", N_("Place of signature")),
            Field("price_incl_vat", N_("Total price incl. VAT"), Kind.AMOUNT),
            Field("delivery_on", N_("Delivery on"), Kind.DATE),
            Field("delivery_by", N_("Delivery at the latest on"), Kind.DATE),
            Field("legal_warranty_months", N_("Legal warranty (months)"), Kind.MONTHS),
            Field("commercial_warranty.scope", N_("Commercial warranty: scope")),
            Field("commercial_warranty.duration_months", N_("Commercial warranty: months"), Kind.MONTHS),
            Field("commercial_warranty.conditions", N_("Commercial warranty: conditions")),
            Field("commercial_warranty.giver", N_("Commercial warranty: given by")),
            Field("commercial_warranty.contact", N_("Commercial warranty: contact")),
            Field("options", N_("Options agreed (separate with ;)"), Kind.LINES),
            Field("accessories", N_("Accessories and equipment (separate with ;)"), Kind.LINES),
            Field("essential_characteristics", N_("Essential specific characteristics (separate with ;)"), Kind.LINES),
            Field("off_premises", N_("Sold off premises or at a distance"), Kind.CHOICE),
            Field("documents.registration_request_form", N_("Registration request form (pink)"), Kind.CHOICE),
            Field("documents.certificate_of_conformity", N_("Certificate of conformity"), Kind.CHOICE),
        ),
    ),
}
STEP_ORDER = ("vehicle", "carpass", "trade_in", "buyer", "terms", "checklist", "review")
STEP_TITLES = {
    **{name: title for name, (title, _fields) in STEPS.items()},
    "checklist": N_("Checklist"),
    "review": N_("Review and print"),
}
FIELDS = {f.key: f for _title, fields in STEPS.values() for f in fields}
LABELS = {  # keys `missing_fields` and the findings name beyond the form's fields
    **{key: f.label for key, f in FIELDS.items()},
    "buyer": N_("Buyer"),
    "carpass": N_("Car-Pass"),
    "delivery": N_("Delivery date or deadline"),
    "printout.contract": N_("Contract"),
    "printout.checklist": N_("Checklist"),
}


def step_of(key: str) -> str:
    """The step where the field `key` is typed."""
    if key.startswith("checklist."):
        return "checklist"
    if key in FIELDS:
        return next(name for name, (_title, fields) in STEPS.items() if any(f.key == key for f in fields))
    head = key.split(".")[0]
    return {"delivery": "terms", "printout": "review"}.get(head, head if head in STEPS else "review")


_POSITION = {key: index for index, key in enumerate(FIELDS)} | {"delivery": list(FIELDS).index("delivery_on")}


def in_screen_order(keys: Iterable[str]) -> list[str]:
    """`keys` sorted as the screens show them: by step, then by the field's place on its step."""
    return sorted(keys, key=lambda key: (STEP_ORDER.index(step_of(key)), _POSITION.get(key, len(_POSITION))))


def _get(sale: Sale, key: str) -> Any:
    value: Any = sale
    for part in key.split("."):
        value = getattr(value, part) if value is not None else None
    return value


def text_of(sale: Sale, key: str, t: Formats) -> str:
    """The value of `key` as it is shown in its field ('' when not given)."""
    value, kind = _get(sale, key), FIELDS[key].kind
    if value is None:
        return ""
    if kind is Kind.DATE:
        return t.date(value)
    if kind is Kind.KM:
        return str(value)
    if kind is Kind.AMOUNT:
        return f"{value:.2f}".replace(".", ",")
    if kind is Kind.LINES:
        return "; ".join(value)
    if key == "off_premises":
        return "yes" if value else "no"
    return str(value)


_NUMBER_KINDS = {Kind.MONTHS: NOT_A_NUMBER, Kind.DATE: NOT_A_DATE}


def _parse(kind: Kind, text: str) -> Any:
    if kind in _NUMBER_KINDS and not text.isascii():  # "15²", Arabic-Indic digits: refused, never read
        # (km and amounts: typed_numbers refuses them itself, with its own words)
        raise ParseError(_NUMBER_KINDS[kind])
    if kind is Kind.DATE:
        return parse_date(text)
    if kind is Kind.KM:
        return parse_typed(typed_numbers.parse_km, text)  # 0 to 9,999,999
    if kind is Kind.AMOUNT:
        return parse_typed(typed_numbers.parse_amount, text)  # within typed_numbers.MAX_AMOUNT
    if kind is Kind.MONTHS:
        months = parse_int(text)
        if months is not None and months > MAX_MONTHS:
            raise ParseError(NOT_IN_RANGE)
        return months
    if kind is Kind.LINES:
        return [item.strip() for item in text.split(";") if item.strip()]
    return text.strip() or None


def with_text(sale: Sale, key: str, text: str) -> Sale:
    """`sale` with the field `key` set from `text` (ParseError when it is not such a value).

    A field of a part that is not there yet (Car-Pass, trade-in, commercial warranty) creates
    it; a part whose fields are all emptied is removed again. An empty legal warranty means 24.
    """
    value = _parse(FIELDS[key].kind, text)
    if key == "off_premises":
        value = value == "yes"
    if key == "legal_warranty_months" and value is None:
        value = Sale.model_fields["legal_warranty_months"].default
    data = sale.model_dump()
    *parents, name = key.split(".")
    node = data
    for part in parents:
        node[part] = node.get(part) or {}
        node = node[part]
    node[name] = value
    if (
        parents
        and parents[0] in ("carpass", "trade_in", "commercial_warranty")
        and not any(v not in (None, "", []) for v in data[parents[0]].values())
    ):
        data[parents[0]] = None
    return Sale.model_validate(data)
