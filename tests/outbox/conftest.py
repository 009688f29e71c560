"""Fixtures for the outbox: a sandbox on loopback, a store (SQLite and PostgreSQL), a deliverer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sandbox_admin import SandboxAdmin

from workshop_tui.domain.checks import job_facts
from workshop_tui.domain.models import JobDraft, RegistryVehicle
from workshop_tui.domain.rules import decide
from workshop_tui.sandbox.app import SANDBOX_PASSWORD
from workshop_tui.sandbox.seed import load_seed
from workshop_tui.sandbox.server import (
    SANDBOX_ENTERPRISE_NUMBER,
    SANDBOX_ESTABLISHMENT_NUMBER,
    SandboxServer,
)
from workshop_tui.services.carpass_client import CarPassClient
from workshop_tui.services.outbox import Deliverer
from workshop_tui.services.policies import Backoff, HttpPolicy

FAST = HttpPolicy(attempts=2, initial_wait=0.01, max_wait=0.05, jitter=0.01)
TINY = Backoff(base=0.01, cap=0.05)


@pytest.fixture(scope="module")
def sandbox():
    with SandboxServer() as server:
        yield server


@pytest.fixture
def admin(sandbox):
    with SandboxAdmin(sandbox.url) as client:
        client.reset()
        yield client


def carpass_for(url: str, **overrides) -> CarPassClient:
    options: dict[str, Any] = dict(connect_timeout=1.0, read_timeout=2.0, policy=FAST) | overrides
    return CarPassClient(url, SANDBOX_ESTABLISHMENT_NUMBER, SANDBOX_PASSWORD, SANDBOX_ENTERPRISE_NUMBER, **options)


@pytest.fixture
def carpass(sandbox, admin):
    with carpass_for(sandbox.carpass_url) as client:
        yield client


@pytest.fixture
def deliverer(store, carpass):
    return Deliverer(store, carpass, worker="test", retry=TINY, poll=TINY)


def plain_vehicles():
    """Seed cars Car-Pass accepts without fuss."""
    return iter(load_seed().clean_cars())


def record(store, seed_vehicle, km_more: int = 500, **draft_fields):
    """Record a reportable job for a seed vehicle through the same Store call the app uses."""
    reg = seed_vehicle.registry
    vehicle = RegistryVehicle(
        vin=seed_vehicle.vin, make=reg.make, commercial_name=reg.commercial_name, category=reg.eu_category,
        max_mass_kg=reg.max_mass_kg, model_year=reg.model_year, registered_in_belgium=True,
    )  # fmt: skip
    store.vehicles.upsert(vehicle, {})
    last = seed_vehicle.mileage_history[-1].km if seed_vehicle.mileage_history else 0
    draft = JobDraft(
        vin=seed_vehicle.vin,
        odometer_km=last + km_more,
        work=["maintenance"],
        job_lines=["Oil and filter change"],
        total_incl_vat=Decimal("189.00"),
        customer_vat_registered=True,
        reading_at=datetime.now(UTC) - timedelta(minutes=5),
        **draft_fields,
    )
    _, view = store.jobs.record(draft, decide(job_facts(draft, vehicle)))
    return view


def drain(deliverer, rounds: int = 50):
    """Deliver until nothing is due, waiting for short retry/poll delays."""
    import time

    for _ in range(rounds):
        if not deliverer.store.outbox.unfinished() or all(
            v.state.value in ("rejected", "paper_required") for v in deliverer.store.outbox.unfinished()
        ):
            return
        deliverer.deliver_due()
        time.sleep(0.06)
