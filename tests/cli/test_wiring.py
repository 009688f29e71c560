"""The composition root: what it builds from the settings, and the seams tests replace."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from workshop_tui import wiring
from workshop_tui.config import Endpoint, Settings
from workshop_tui.services.http import ServiceUnavailable
from workshop_tui.services.policies import HttpPolicy

VIN = "WVWZZZ1JZXW000001"


pytestmark = pytest.mark.usefixtures("private_home")


def test_the_seams_replace_the_network_the_clock_and_the_http_policies(tmp_path):
    asked: list[httpx.Request] = []

    def unavailable(request: httpx.Request) -> httpx.Response:
        asked.append(request)
        return httpx.Response(503, json={"code": "UNAVAILABLE", "message": "down"})

    def clock() -> datetime:
        return datetime(2026, 12, 1, 9, 0, tzinfo=UTC)

    settings = Settings(
        db_url=f"sqlite:///{tmp_path / 'bay.db'}",
        registry=Endpoint(url="https://registry.example"),
        carpass=Endpoint(url="https://carpass.example"),
    )
    quick = HttpPolicy(attempts=3, initial_wait=0, max_wait=0, jitter=0)
    seams = wiring.Seams(
        transport=httpx.MockTransport(unavailable), clock=clock, registry_http=quick, carpass_http=quick
    )
    services = wiring.start(settings, deliver=False, seams=seams)
    try:
        assert services.sandbox is False
        with pytest.raises(ServiceUnavailable):
            services.vehicles.registry.vehicle(VIN)
        assert [request.url.host for request in asked] == ["registry.example"] * 3  # never the real network
        assert services.deliverer.clock() == clock()
    finally:
        services.close()


def test_empty_urls_start_the_sandbox_on_its_own_private_database():
    services = wiring.start(Settings(), deliver=False)
    try:
        assert services.sandbox is True
        database = Path(Settings().database_url().removeprefix("sqlite:///"))
        assert database.name == "sandbox.db"
        for path in database.parent.glob("sandbox.db*"):  # the database and its WAL files
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
        assert stat.S_IMODE(database.parent.stat().st_mode) == 0o700
    finally:
        services.close()


def test_a_terminal_with_real_services_never_loads_the_sandbox(tmp_path):
    code = (
        "import sys; from workshop_tui import wiring; from workshop_tui.config import Endpoint, Settings; "
        "urls = {name: Endpoint(url=f'https://{name}.example') for name in ('registry', 'carpass')}; "
        "wiring.start(Settings(**urls), deliver=False).close(); "
        "print(sorted(name for name in sys.modules if name.startswith('workshop_tui.sandbox')))"
    )
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
