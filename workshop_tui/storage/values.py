"""Checking and normalising values before they are written; each refusal names its field."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from datetime import UTC, datetime

from ..domain.identifiers import compact_customer_vat, customer_vat_error
from ..domain.models import Customer, CustomerKind, JobDraft, RegistryVehicle, Source
from ..domain.vin import VIN_LENGTH, normalise
from .errors import InvalidValue, SearchRefused

VEHICLE_FIELDS = tuple(name for name in RegistryVehicle.model_fields if name != "vin")
_VIN_CHARACTERS = re.compile(r"^[A-Z0-9]+$")


def utcnow() -> datetime:
    return datetime.now(UTC)


def instant(value: datetime | None, field: str) -> datetime:
    """`value` (now when None) as an aware datetime; naive ones are refused, their zone is unknown."""
    if value is None:
        return utcnow()
    if value.utcoffset() is None:
        raise InvalidValue(f"{field}: {value} has no time zone; pass an aware datetime", field)
    return value


def vin(raw: str) -> str:
    """The VIN as stored: trimmed, upper case, no spaces or dashes, 1 to 17 letters and digits."""
    value = normalise(raw)
    if not value or len(value) > VIN_LENGTH or not _VIN_CHARACTERS.match(value):
        raise InvalidValue(f"{raw!r} is not a VIN (1 to {VIN_LENGTH} letters and digits)", "vin")
    return value


MAX_PLATE = 12
_NOT_PLATE = re.compile(r"[\s.\-]")


def compact_plate(raw: str) -> str:
    """A license plate without spaces, dots or dashes, upper case: '1-abc-123' -> '1ABC123'."""
    return _NOT_PLATE.sub("", raw).upper()


def plate(raw: str) -> str:
    """A license plate as stored (compacted), or InvalidValue: more than 12 characters, or not letters and digits."""
    value = compact_plate(raw)
    if len(value) > MAX_PLATE or not _VIN_CHARACTERS.match(value or "A"):
        raise InvalidValue(
            f"{raw[:40]!r} is not a license plate (up to {MAX_PLATE} letters and digits)", "license_plate"
        )
    return value


MAX_EXTERNAL_KEY = 100


def external_key(raw: str) -> str:
    """Another program's reference for a job: 1 to 100 printable characters, trimmed."""
    value = raw.strip()
    if not value or len(value) > MAX_EXTERNAL_KEY or not value.isprintable():
        raise InvalidValue(f"the reference must be 1 to {MAX_EXTERNAL_KEY} printable characters", "reference")
    return value


MAX_SEARCH = 200  # longer than any name, VIN, plate or reference someone types to find it
SEARCH_TOO_LONG = "SEARCH_TOO_LONG"
SEARCH_CONTROL_CHARACTER = "SEARCH_CONTROL_CHARACTER"


def search_text(query: str) -> str:
    """`query` trimmed, or SearchRefused: longer than MAX_SEARCH, or holding a NUL or other control character."""
    if len(query) > MAX_SEARCH:
        raise SearchRefused(SEARCH_TOO_LONG, MAX_SEARCH)
    if any(unicodedata.category(ch) == "Cc" for ch in query.replace("\t", " ")):
        raise SearchRefused(SEARCH_CONTROL_CHARACTER)
    return query.strip()


def fold(text: str) -> str:
    """Case- and accent-blind search key: 'Hélène Müller' -> 'helene muller'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


def customer_vat_number(raw: str, field: str = "vat_number") -> str:
    """A checked customer VAT number (Belgian, or another EU member state's) as stored, or InvalidValue."""
    error = customer_vat_error(raw)
    if error:
        raise InvalidValue(f"{field.replace('_', ' ')} {raw!r}: {error.code}", field)
    return compact_customer_vat(raw)


def customer(value: Customer) -> Customer:
    """A customer ready to store: trimmed name; VAT number (Belgian or another EU member state's)
    checked, required for professionals."""
    name = value.name.strip()
    if not name:
        raise InvalidValue("customer name is empty", "name")
    number = (value.vat_number or "").strip()
    if value.kind is CustomerKind.PROFESSIONAL and not number:
        raise InvalidValue(
            "a professional customer needs a Belgian VAT/enterprise number or another EU member state's VAT number",
            "vat_number",
        )
    return value.model_copy(update={"name": name, "vat_number": customer_vat_number(number) if number else None})


def sources(value: Mapping[str, Source | str]) -> dict[str, str]:
    """Field -> source, limited to registry fields and known sources."""
    unknown = set(value) - set(VEHICLE_FIELDS)
    if unknown:
        raise InvalidValue(f"sources name fields a vehicle does not have: {sorted(unknown)}", "sources")
    try:
        return {field: Source(source).value for field, source in value.items()}
    except ValueError as exc:
        raise InvalidValue(f"unknown source: {exc}", "sources") from None


def complete_job(draft: JobDraft) -> None:
    """Refuse a draft missing what a stored job must have, naming every missing field at once."""
    missing = [
        name
        for name, present in (
            ("vin", bool(draft.vin.strip())),
            ("odometer_km", draft.odometer_km is not None),
            ("work", bool(draft.work)),
            ("total_incl_vat", draft.total_incl_vat is not None),
        )
        if not present
    ]
    if missing:
        raise InvalidValue(f"the job cannot be recorded without: {', '.join(missing)}", *missing)
    if draft.odometer_km is not None and draft.odometer_km < 0:
        raise InvalidValue("the odometer reading cannot be negative", "odometer_km")
