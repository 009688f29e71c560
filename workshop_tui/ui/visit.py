"""The vehicle on the lift: its registry record, what the mechanic typed, its readings."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, get_args

from ..domain.models import (
    MANDATORY_VEHICLE_FIELDS,
    JobDraft,
    Reading,
    RegistryVehicle,
    Source,
    SubmissionView,
)
from .parsing import parse_date, parse_int

if TYPE_CHECKING:  # the service models load with the services, after the first screen is drawn
    from ..services.api import CarPassCertificate, VehicleLookup

# Registry fields in the order of the registration certificate, with the certificate's code.
VEHICLE_FIELDS: tuple[tuple[str, str], ...] = (
    ("make", "D.1"),
    ("first_registration", "B"),
    ("version", "D.2"),
    ("type_code", "D.2.1"),
    ("commercial_name", "D.3"),
    ("genre", "J.1"),
    ("category", "J"),
    ("max_mass_kg", "F.2"),
    ("fuel", "P.3"),
    ("colour", "R"),
    ("model_year", ""),
)


def _field_type(name: str) -> type:
    annotation = RegistryVehicle.model_fields[name].annotation
    return next(a for a in get_args(annotation) if a is not type(None))


def parse_vehicle_field(name: str, text: str) -> object:
    """The typed text as the field's value (None when empty); ParseError when it is not one."""
    kind = _field_type(name)
    if kind is date:
        return parse_date(text)
    if kind is int:
        return parse_int(text)
    return text.strip().upper() if name == "category" else (text.strip() or None)


@dataclass
class Visit:
    """State shared by the vehicle, job and submit screens for one VIN."""

    vin: str
    lookup: VehicleLookup | None = None
    record: RegistryVehicle | None = None
    typed: set[str] = field(default_factory=set)
    readings: list[Reading] = field(default_factory=list)
    draft: JobDraft | None = None
    correcting: SubmissionView | None = None
    carpass: CarPassCertificate | None = None  # when the Car-Pass itself was scanned

    @property
    def loaded(self) -> bool:
        return self.lookup is not None

    def take_lookup(self, lookup: VehicleLookup) -> None:
        """Keep the registry's answer; fields typed meanwhile win over it."""
        record = lookup.record or RegistryVehicle(vin=self.vin)
        if self.record is not None:
            record = record.model_copy(update={name: getattr(self.record, name) for name in self.typed})
        self.lookup, self.record = lookup, record

    def source(self, name: str) -> Source | None:
        if name in self.typed:
            return Source.TYPED
        if self.record is None or getattr(self.record, name) in (None, ""):
            return None
        return self.lookup.sources.get(name) if self.lookup else None

    def set_field(self, name: str, value: object) -> None:
        """A field typed by the mechanic (None clears it)."""
        base = self.record or RegistryVehicle(vin=self.vin)
        self.record = base.model_copy(update={name: value})
        if value is None:
            self.typed.discard(name)
        else:
            self.typed.add(name)

    def editable(self, name: str) -> bool:
        """Fields the registry left empty, or the mechanic typed, can be edited."""
        return name in self.typed or self.record is None or getattr(self.record, name) in (None, "")

    def missing_mandatory(self) -> list[str]:
        return [n for n in MANDATORY_VEHICLE_FIELDS if self.record is None or getattr(self.record, n) in (None, "")]
