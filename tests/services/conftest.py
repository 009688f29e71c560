"""Fixtures: one sandbox per test module over real loopback sockets, reset before every test."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise
from typing import Any

import pytest
from sandbox_admin import SandboxAdmin

from workshop_tui.sandbox.app import SANDBOX_PASSWORD
from workshop_tui.sandbox.seed import SeedVehicle, load_seed
from workshop_tui.sandbox.server import (
    SANDBOX_ENTERPRISE_NUMBER,
    SANDBOX_ESTABLISHMENT_NUMBER,
    SandboxServer,
)
from workshop_tui.sandbox.workflow import BRUSSELS
from workshop_tui.services.carpass_client import CarPassClient
from workshop_tui.services.policies import HttpPolicy
from workshop_tui.services.registry_client import RegistryClient

# Short waits so that retry tests stay fast; generous read timeouts so a busy CI machine is no fault.
FAST_RETRY = HttpPolicy(attempts=3, initial_wait=0.01, max_wait=0.5, jitter=0.01)
TIMEOUTS: dict[str, Any] = {"connect_timeout": 2.0, "read_timeout": 5.0}


@pytest.fixture(scope="session")
def fast_retry() -> HttpPolicy:
    return FAST_RETRY


@pytest.fixture(scope="module")
def sandbox():
    with SandboxServer() as server:
        yield server


@pytest.fixture(scope="module")
def _admin(sandbox: SandboxServer):
    with SandboxAdmin(sandbox.url) as admin:
        yield admin


@pytest.fixture
def admin(_admin: SandboxAdmin) -> SandboxAdmin:
    """The sandbox's admin endpoints, after a reset to the seed."""
    _admin.reset()
    return _admin


def _carpass_client(sandbox: SandboxServer, **overrides) -> CarPassClient:
    options = {
        "base_url": sandbox.carpass_url,
        "establishment_number": SANDBOX_ESTABLISHMENT_NUMBER,
        "password": SANDBOX_PASSWORD,
        "enterprise_number": SANDBOX_ENTERPRISE_NUMBER,
        "policy": FAST_RETRY,
        **TIMEOUTS,
        **overrides,
    }
    return CarPassClient(**options)


@pytest.fixture
def make_carpass(sandbox: SandboxServer, admin: SandboxAdmin):
    """CarPassClient factory on the sandbox; keyword arguments override the defaults."""
    clients: list[CarPassClient] = []

    def make(**overrides) -> CarPassClient:
        clients.append(_carpass_client(sandbox, **overrides))
        return clients[-1]

    yield make
    for client in clients:
        client.close()


@pytest.fixture(scope="module")
def _carpass(sandbox: SandboxServer):
    with _carpass_client(sandbox) as client:
        yield client


@pytest.fixture
def carpass(_carpass: CarPassClient, admin: SandboxAdmin) -> CarPassClient:
    return _carpass


@pytest.fixture(scope="module")
def _registry(sandbox: SandboxServer):
    with RegistryClient(sandbox.registry_url, policy=FAST_RETRY, **TIMEOUTS) as client:
        yield client


@pytest.fixture
def registry(_registry: RegistryClient, admin: SandboxAdmin) -> RegistryClient:
    return _registry


@dataclass(frozen=True)
class Fleet:
    """Seed vehicles by the situation they stand for."""

    plain: SeedVehicle
    rollback: SeedVehicle
    waiting_for_div: SeedVehicle
    destroyed: SeedVehicle
    not_belgian: SeedVehicle
    motorcycle: SeedVehicle
    heavy_van: SeedVehicle
    no_commercial_name: SeedVehicle
    no_model_year: SeedVehicle

    @staticmethod
    def next_km(vehicle: SeedVehicle, more: int = 150) -> int:
        """A plausible reading today: a little above the last one known."""
        return (vehicle.mileage_history[-1].km if vehicle.mileage_history else 0) + more

    @staticmethod
    def today(hour: int = 9) -> datetime:
        """This morning in Belgium."""
        return datetime.now(BRUSSELS).replace(hour=hour, minute=0, second=0, microsecond=0)


def _first(predicate) -> SeedVehicle:
    return next(v for v in load_seed().vehicles if predicate(v))


def _plain(v: SeedVehicle) -> bool:
    r = v.registry
    return bool(r and r.eu_category == "M1" and r.registered_in_belgium and r.commercial_name and r.model_year
                and v.carpass_id and not v.carpass.destroyed and not v.carpass.div_polls)  # fmt: skip


def _rolled_back(v: SeedVehicle) -> bool:
    km = [r.km for r in v.mileage_history]
    return any(b < a for a, b in pairwise(km))


@pytest.fixture(scope="session")
def fleet() -> Fleet:
    return Fleet(
        plain=_first(lambda v: _plain(v) and not _rolled_back(v)),
        rollback=_first(_rolled_back),
        waiting_for_div=_first(lambda v: v.carpass.div_polls > 0),
        destroyed=_first(lambda v: v.carpass.destroyed),
        not_belgian=_first(lambda v: v.registry and v.registry.registered_in_belgium is False),
        motorcycle=_first(lambda v: v.registry and v.registry.eu_category == "L3e"),
        heavy_van=_first(lambda v: v.registry and v.registry.eu_category == "N2"),
        no_commercial_name=_first(lambda v: v.registry and v.registry.make and not v.registry.commercial_name),
        no_model_year=_first(lambda v: v.registry and v.registry.commercial_name and not v.registry.model_year),
    )
