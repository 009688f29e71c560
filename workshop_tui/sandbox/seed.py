"""The sandbox's seeded vehicles (data/sandbox_vehicles.json), read once per process."""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from pydantic import Field

from ..services.contract import MileageRecord, Model, Recall, RegistryRecord, compact_plate, normalise_carpass_id

SEED_FILE = "sandbox_vehicles.json"


class CarPassBehaviour(Model):
    """How the sandbox's Car-Pass treats readings of this vehicle."""

    div_polls: int = Field(0, ge=0, description="Status reads answered WAITING_FOR_DIV before the verdict")
    destroyed: bool = Field(False, description="Declared destroyed: every reading is rejected")


class SeedVehicle(Model):
    vin: str
    license_plate: str | None = None
    carpass_id: str | None = None
    registry: RegistryRecord | None = Field(None, description="None: unknown to the registry (404)")
    euro_norm: str | None = None
    co2_grams_per_km: int | None = None
    post_accident_inspection_pending: bool = False
    open_recalls: list[Recall] = []
    mileage_history: list[MileageRecord] = []
    carpass: CarPassBehaviour = CarPassBehaviour()

    @property
    def accepted_as_is(self) -> bool:
        """A complete Belgian M1 car with a clean history: Car-Pass accepts a higher reading at once."""
        r, km = self.registry, [m.km for m in self.mileage_history]
        return bool(
            r and r.eu_category == "M1" and r.registered_in_belgium and r.commercial_name and r.model_year
            and km and km == sorted(km) and not self.carpass.destroyed and not self.carpass.div_polls
        )  # fmt: skip


class Seed(Model):
    vehicles: list[SeedVehicle]

    def clean_cars(self) -> list[SeedVehicle]:
        """The vehicles whose readings are accepted as is (for demos, tests and benchmarks)."""
        return [v for v in self.vehicles if v.accepted_as_is]

    def by_vin(self) -> dict[str, SeedVehicle]:
        return {v.vin: v for v in self.vehicles}

    def by_plate(self) -> dict[str, SeedVehicle]:
        return {compact_plate(v.license_plate): v for v in self.vehicles if v.license_plate}

    def by_carpass_id(self) -> dict[str, SeedVehicle]:
        return {normalise_carpass_id(v.carpass_id): v for v in self.vehicles if v.carpass_id}


@cache
def load_seed() -> Seed:
    """The seed shipped in the package's data directory."""
    return Seed.model_validate_json(files("workshop_tui.data").joinpath(SEED_FILE).read_bytes())
