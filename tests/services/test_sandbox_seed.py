"""The committed sandbox seed holds every situation the tests and demos rely on."""

from __future__ import annotations

from collections import Counter
from datetime import date
from itertools import pairwise

from workshop_tui.domain.vin import check
from workshop_tui.sandbox.seed import load_seed
from workshop_tui.services.contract import carpass_id_error

VEHICLES = load_seed().vehicles
REGISTERED = [v for v in VEHICLES if v.registry]


def test_at_least_fifty_vehicles_with_valid_unique_vins():
    assert len(VEHICLES) >= 50
    assert all(check(v.vin).valid and check(v.vin).vin == v.vin for v in VEHICLES)
    assert len({v.vin for v in VEHICLES}) == len(VEHICLES)
    assert all(v.registry.vin == v.vin for v in REGISTERED)


def test_north_american_vins_carry_a_valid_check_digit():
    american = [v for v in VEHICLES if v.vin[0] in "12345"]
    assert american and all(check(v.vin).check_digit == "valid" for v in american)


def test_makes_seen_on_belgian_roads():
    makes = {v.registry.make for v in REGISTERED}
    assert {"VOLKSWAGEN", "RENAULT", "PEUGEOT", "BMW", "MERCEDES-BENZ", "TOYOTA", "SKODA", "CITROEN",
            "OPEL", "FORD", "AUDI", "VOLVO", "KIA", "DACIA"} <= makes  # fmt: skip


def test_special_situations_are_present():
    categories = Counter(v.registry.eu_category for v in REGISTERED)
    assert categories["L3e"] >= 2 and categories["N2"] >= 2
    assert all((v.registry.max_mass_kg or 0) > 3500 for v in REGISTERED if v.registry.eu_category == "N2")
    assert len([v for v in REGISTERED if v.registry.make and not v.registry.commercial_name]) >= 2
    assert len([v for v in REGISTERED if v.registry.make and not v.registry.model_year]) >= 2
    assert len([v for v in REGISTERED if v.registry.registered_in_belgium is False]) == 1
    assert [v.carpass.div_polls > 0 for v in VEHICLES if v.registry is None] == [True]
    assert sum(1 for v in VEHICLES if v.carpass.destroyed) == 1


def test_some_histories_show_a_rollback_and_all_lie_in_the_past():
    def rolled_back(v):
        km = [r.km for r in v.mileage_history]
        return any(b < a for a, b in pairwise(km))

    assert sum(1 for v in VEHICLES if rolled_back(v)) >= 2
    assert all(r.on < date(2026, 11, 1) for v in VEHICLES for r in v.mileage_history)
    assert all(v.mileage_history == sorted(v.mileage_history, key=lambda r: r.on) for v in VEHICLES)


def test_carpass_ids_and_plates_are_well_formed_and_unique():
    ids = [v.carpass_id for v in VEHICLES if v.carpass_id]
    assert len(ids) >= 10 and len(set(ids)) == len(ids)
    assert all(carpass_id_error(i) is None for i in ids)
    plates = [v.license_plate for v in VEHICLES if v.license_plate]
    assert len(set(plates)) == len(plates)
