"""Vehicles (the registry's fields and where each came from) and their odometer readings."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from ..domain import models as domain
from . import models as tables
from . import records, values
from .database import tuples
from .session import Session

WORKSHOP = "workshop"  # source of the readings we take
CARPASS = "carpass"  # source of readings from the Car-Pass history

V, R = tables.Vehicle, tables.Reading


class Vehicles:
    def __init__(self, session: Session):
        self._session = session

    def upsert(self, record: domain.RegistryVehicle, sources: Mapping[str, domain.Source]) -> None:
        """Store `record` as the vehicle's registry data (replacing what was there) and each field's source."""
        vin = values.vin(record.vin)
        fields = {name: getattr(record, name) for name in values.VEHICLE_FIELDS}
        fields["sources"] = values.sources(sources)
        fields["updated_at"] = values.utcnow()
        with self._session.transaction():
            V.insert(vin=vin, **fields).on_conflict(conflict_target=[V.vin], preserve=_columns(V, fields)).execute()

    def get(self, vin: str) -> tuple[domain.RegistryVehicle, dict[str, domain.Source]] | None:
        with self._session.connection():
            row = V.get_or_none(V.vin == values.vin(vin))
        return None if row is None else records.vehicle(row)

    def readings(self, vin: str) -> list[domain.Reading]:
        """Every reading of the vehicle, ours and Car-Pass's, oldest first."""
        query = (
            R.select(R).join(V).where(V.vin == values.vin(vin)).order_by(R.read_on, R.taken_at.asc(nulls="first"), R.id)
        )
        with self._session.connection():
            return [records.reading(row) for row in query]

    def add_history_readings(self, vin: str, readings: Iterable[domain.Reading]) -> int:
        """Add readings from the Car-Pass history (source "carpass"), skipping ones already known."""
        with self._session.transaction():
            vehicle = vehicle_id(values.vin(vin))
            known = set(
                tuples(R.select(R.read_on, R.km, R.odometer_replaced).where(R.vehicle == vehicle, R.source == CARPASS))
            )
            new: dict[tuple[date, int, bool], domain.Reading] = {}
            for reading in readings:
                new.setdefault((reading.on, reading.km, reading.odometer_replaced), reading)
            rows = [
                {
                    "vehicle": vehicle,
                    "read_on": reading.on,
                    "km": reading.km,
                    "odometer_replaced": reading.odometer_replaced,
                    "five_digit_odometer": reading.five_digit_odometer,
                    "source": CARPASS,
                }
                for key, reading in new.items()
                if key not in known
            ]
            if rows:
                R.insert_many(rows).execute()
        return len(rows)


def vehicle_id(vin: str) -> int:
    """The id of the vehicle with this (normalised) VIN, adding a bare row when it is new (in a transaction)."""
    found = V.select(V.id).where(V.vin == vin).scalar()
    if found is None:
        V.insert(vin=vin, updated_at=values.utcnow()).on_conflict_ignore().execute()
        found = V.select(V.id).where(V.vin == vin).scalar()
    return found


def _columns(model: type[tables.Base], fields: Mapping[str, Any]) -> list:
    """The model's columns named by `fields`, for ON CONFLICT ... DO UPDATE (take the new values)."""
    return [model._meta.fields[name] for name in fields]
