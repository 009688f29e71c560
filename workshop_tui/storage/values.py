"""Checking and normalising values before they are written; each refusal names its field."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from datetime import UTC, datetime

from ..domain.identifiers import compact, enterprise_number_error
from ..domain.models import Customer, CustomerKind, JobDraft, RegistryVehicle, Source
from ..domain.vin import VIN_LENGTH, normalise
from .errors import InvalidValue

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


def fold(text: str) -> str:
    """Case- and accent-blind search key: 'Hélène Müller' -> 'helene muller'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


def enterprise_number(raw: str, field: str = "vat_number") -> str:
    """A checked Belgian enterprise/VAT number as 10 digits, or InvalidValue saying what is wrong."""
    error = enterprise_number_error(raw)
    if error:
        raise InvalidValue(f"{field.replace('_', ' ')} {raw!r}: {error.code}", field)
    return compact(raw).zfill(10)


def customer(value: Customer) -> Customer:
    """A customer ready to store: trimmed name; VAT number checked, required for professionals."""
    name = value.name.strip()
    if not name:
        raise InvalidValue("customer name is empty", "name")
    number = (value.vat_number or "").strip()
    if value.kind is CustomerKind.PROFESSIONAL and not number:
        raise InvalidValue("a professional customer needs a Belgian VAT/enterprise number", "vat_number")
    return value.model_copy(update={"name": name, "vat_number": enterprise_number(number) if number else None})


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
