"""Vehicles with per-field sources, readings, customers with checked VAT numbers."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from peewee import IntegrityError

from workshop_tui.domain.models import Customer, CustomerKind, Reading, RegistryVehicle, Source
from workshop_tui.storage import InvalidValue
from workshop_tui.storage import models as tables
from workshop_tui.storage.database import binding

from .factories import OTHER_VIN, VIN, draft, verdict

FETCHED = datetime(2026, 3, 1, 8, 30, 15, 123456, tzinfo=UTC)


def golf(**changes) -> RegistryVehicle:
    fields = {
        "vin": VIN,
        "make": "VOLKSWAGEN",
        "commercial_name": "GOLF",
        "category": "M1",
        "max_mass_kg": 1760,
        "model_year": 2003,
        "first_registration": date(2003, 5, 12),
        "registered_in_belgium": True,
        "fetched_at": FETCHED,
    }
    return RegistryVehicle(**{**fields, **changes})


def test_vehicle_round_trips_with_its_sources(store):
    sources = {"make": Source.REGISTRY, "max_mass_kg": Source.TYPED}
    store.vehicles.upsert(golf(vin=" wvwzzz1jz3w-386752 "), sources)
    assert store.vehicles.get(VIN.lower()) == (golf(), sources)


def test_upsert_replaces_the_record_and_keeps_one_row_per_vin(store):
    store.vehicles.upsert(golf(), {"make": Source.REGISTRY})
    store.vehicles.upsert(golf(colour="RED", make=None), {"colour": Source.TYPED})
    record, sources = store.vehicles.get(VIN)
    assert (record.colour, record.make, sources) == ("RED", None, {"colour": Source.TYPED})
    with store.connection_context():
        assert tables.Vehicle.select().count() == 1


def test_the_database_refuses_a_second_row_with_the_same_vin(store):
    store.vehicles.upsert(golf(), {})
    with store.connection_context(), binding.bound(store.session.db), pytest.raises(IntegrityError):
        tables.Vehicle.insert(vin=VIN, updated_at=FETCHED).execute()


def test_unknown_vehicles_and_bad_sources(store):
    assert store.vehicles.get(OTHER_VIN) is None
    with pytest.raises(InvalidValue, match="does not have"):
        store.vehicles.upsert(golf(), {"wheels": Source.TYPED})
    with pytest.raises(InvalidValue, match="unknown source"):
        store.vehicles.upsert(golf(), {"make": "guessed"})
    with pytest.raises(InvalidValue, match="not a VIN"):
        store.vehicles.get("WVW*")


def test_readings_merge_ours_and_carpass_history_oldest_first(store):
    store.jobs.record(draft(odometer_km=150_000), verdict())
    history = [Reading(on=date(2020, 1, 5), km=90_000), Reading(on=date(2024, 6, 1), km=130_000)]
    assert store.vehicles.add_history_readings(VIN, history) == 2
    assert store.vehicles.add_history_readings(VIN, [*history, history[0]]) == 0  # known ones are skipped
    readings = store.vehicles.readings(VIN)
    assert [(r.on, r.km, r.source) for r in readings] == [
        (date(2020, 1, 5), 90_000, "carpass"),
        (date(2024, 6, 1), 130_000, "carpass"),
        (date(2026, 3, 2), 150_000, "workshop"),
    ]
    assert store.vehicles.readings(OTHER_VIN) == []


def test_professional_customer_with_a_valid_vat_number(store):
    added = store.customers.add(
        Customer(name=" Garage Dupont ", kind=CustomerKind.PROFESSIONAL, vat_number="BE 403.170.701")
    )
    assert (added.name, added.vat_number) == ("Garage Dupont", "0403170701")
    assert store.customers.find("dupont") == [added]


@pytest.mark.parametrize(
    ("vat_number", "message"),
    [
        ("BE0403170702", "ENTERPRISE_CHECK"),
        ("BE12345", "ENTERPRISE_LENGTH"),
        ("2403170701", "ENTERPRISE_START"),
        (None, "needs a Belgian VAT"),
    ],
)
def test_invalid_vat_numbers_are_refused_with_the_reason(store, vat_number, message):
    customer = Customer(name="Fleet NV", kind=CustomerKind.PROFESSIONAL, vat_number=vat_number)
    with pytest.raises(InvalidValue, match=message) as caught:
        store.customers.add(customer)
    assert caught.value.fields == ("vat_number",)
    assert store.customers.find("Fleet") == []


def test_find_customers_ignores_case_and_accents_and_matches_vat_digits(store):
    helene = store.customers.add(Customer(name="Hélène Lefèvre"))
    fleet = store.customers.add(Customer(name="Fleet 100%", kind=CustomerKind.PROFESSIONAL, vat_number="0403170701"))
    store.customers.add(Customer(name="Fleet 1000"))
    assert store.customers.find("HELENE") == [helene]
    assert store.customers.find("lefevre") == [helene]
    assert store.customers.find("403.170") == [fleet]
    assert store.customers.find("100%") == [fleet]  # % is a character, not a wildcard
    assert len(store.customers.find("")) == 3
    assert len(store.customers.find("", limit=2)) == 2
