"""RegistryClient against the sandbox registry over loopback."""

from __future__ import annotations

import pytest

from workshop_tui.domain.models import RegistryVehicle
from workshop_tui.services.http import InvalidRequest, NotFound, ServiceUnavailable, VehicleNotFound


def test_known_vin_maps_every_certificate_field(registry, fleet):
    seeded = fleet.plain.registry
    vehicle = registry.vehicle(fleet.plain.vin.lower())
    assert isinstance(vehicle, RegistryVehicle)
    assert vehicle.model_dump(exclude={"fetched_at", "category"}) == seeded.model_dump(
        by_alias=False, exclude={"eu_category"}
    )
    assert vehicle.category == "M1" == seeded.eu_category
    assert vehicle.registered_in_belgium is True and vehicle.fetched_at is not None


@pytest.mark.parametrize("gap", ["no_commercial_name", "no_model_year"])
def test_registry_gaps_come_back_as_none(registry, fleet, gap):
    vehicle = registry.vehicle(getattr(fleet, gap).vin)
    assert vehicle.make
    assert (vehicle.commercial_name if gap == "no_commercial_name" else vehicle.model_year) is None


def test_motorcycles_heavy_vans_and_foreign_cars_are_described_as_such(registry, fleet):
    assert registry.vehicle(fleet.motorcycle.vin).category == "L3e"
    van = registry.vehicle(fleet.heavy_van.vin)
    assert van.category == "N2" and van.max_mass_kg > 3500
    foreign = registry.vehicle(fleet.not_belgian.vin)
    assert foreign.registered_in_belgium is False and foreign.first_belgian_registration is None


def test_unknown_vin_is_vehicle_not_found(registry, admin, fleet):
    with pytest.raises(VehicleNotFound, match="does not know") as raised:
        registry.vehicle(fleet.waiting_for_div.vin)
    assert isinstance(raised.value, NotFound) and raised.value.status == 404
    assert len(admin.requests()) == 1


def test_invalid_vin_is_refused_before_anything_is_sent(registry, admin):
    with pytest.raises(InvalidRequest, match="VIN_LETTER"):
        registry.vehicle("WVWZZZCDZMWO17853")
    assert admin.request_count() == 0


def test_registry_unavailable_after_retries(registry, admin, fleet, fast_retry):
    admin.inject("503", count=fast_retry.attempts)
    with pytest.raises(ServiceUnavailable):
        registry.vehicle(fleet.plain.vin)
    assert admin.request_count() == fast_retry.attempts
