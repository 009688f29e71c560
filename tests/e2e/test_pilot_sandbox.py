"""The whole path in the real app against the real services: sandbox over loopback, SQLite, outbox thread.

Keys are pressed with Pilot; codes arrive as the scanner's `CodeScanned` message or as a burst of keys.
"""

from __future__ import annotations

import asyncio
import socket
import time

import pytest
from sandbox_admin import SandboxAdmin
from textual import events
from textual.widgets import Input

from scanners.codes import classify
from workshop_tui import wiring
from workshop_tui.config import Settings
from workshop_tui.domain.models import SubmissionState
from workshop_tui.sandbox.seed import load_seed
from workshop_tui.services.policies import HttpPolicy
from workshop_tui.services.registry_client import RegistryClient
from workshop_tui.ui.app import WorkshopApp
from workshop_tui.ui.messages import CodeScanned
from workshop_tui.ui.screens.job import JobScreen
from workshop_tui.ui.screens.submit import SubmitScreen
from workshop_tui.ui.screens.vehicle import VehicleScreen

pytestmark = pytest.mark.anyio
SIZE = (120, 40)


def seed(predicate):
    return next(v for v in load_seed().vehicles if predicate(v))


def plain(v):
    return v.accepted_as_is


@pytest.fixture
def services(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    opened = wiring.start(Settings(db_url=f"sqlite:///{tmp_path / 'bay.db'}", camera_source="", language="en"))
    yield opened
    opened.close()


@pytest.fixture
def admin(services):
    with SandboxAdmin(services.vehicles.carpass._service.base_url) as client:
        yield client


def app_for(services) -> WorkshopApp:
    return WorkshopApp(services, Settings(camera_source="", language="en"))


async def until(pilot, condition, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the app did not get there in time"
        await pilot.pause(0.05)


def shown(pilot, selector: str) -> str:
    return str(pilot.app.screen.query_one(selector).render())


async def scan_vin(pilot, vin: str) -> None:
    pilot.app.post_message(CodeScanned(classify("CODE39", vin), "camera"))
    await until(pilot, lambda: isinstance(screen := pilot.app.screen, VehicleScreen)
                and screen.is_mounted and screen.visit.loaded)  # fmt: skip


async def type_job(pilot, km: int, total: str) -> None:
    await pilot.press("enter")  # vehicle -> job
    await until(pilot, lambda: isinstance(pilot.app.screen, JobScreen))
    await pilot.pause(0.1)
    await pilot.press(*str(km), "enter", *total, "enter", "space")  # km, total, tick maintenance
    await pilot.pause(0.2)


async def test_known_vehicle_scanned_typed_and_acknowledged(services, admin):
    car = seed(plain)
    async with app_for(services).run_test(size=SIZE) as pilot:
        await scan_vin(pilot, car.vin)
        await type_job(pilot, car.mileage_history[-1].km + 900, "189,50")
        assert shown(pilot, "#verdict-headline") == "REPORT TO CAR-PASS"
        await pilot.press("f10")
        await until(pilot, lambda: isinstance(pilot.app.screen, SubmitScreen)
                    and "ACKNOWLEDGED" in shown(pilot, "#submit-state"))  # fmt: skip
    [observation] = admin.observations()
    assert observation["observation"]["vin"] == car.vin
    assert observation["observation"]["odometerValue"] == car.mileage_history[-1].km + 900
    assert observation["description"]["jobLines"] == ["Maintenance"]


async def test_private_job_up_to_125_is_recorded_and_says_why(services, admin):
    car = seed(plain)
    async with app_for(services).run_test(size=SIZE) as pilot:
        await scan_vin(pilot, car.vin)
        await type_job(pilot, car.mileage_history[-1].km + 300, "95,00")
        assert shown(pilot, "#verdict-headline") == "NO REPORT NEEDED"
        assert "125" in shown(pilot, "#verdict-reasons")
        await pilot.press("f10")
        await until(pilot, lambda: isinstance(pilot.app.screen, SubmitScreen)
                    and "RECORDED" in shown(pilot, "#submit-state"))  # fmt: skip
    assert admin.observations() == []
    assert services.history.search(car.vin)[0].must_report is False


async def test_unknown_vehicle_gaps_are_typed_then_submitted(services, admin):
    car = seed(lambda v: v.registry and v.registry.make and not v.registry.commercial_name
               and v.registry.eu_category == "M1" and v.registry.model_year and not v.carpass.div_polls)  # fmt: skip
    async with app_for(services).run_test(size=SIZE) as pilot:
        await scan_vin(pilot, car.vin)
        assert pilot.app.focused.id == "vehicle-commercial_name"  # the first missing field has the focus
        await pilot.press(*"CLIO", "enter")
        await until(pilot, lambda: isinstance(pilot.app.screen, JobScreen))
        await pilot.pause(0.1)
        await pilot.press(*str((car.mileage_history[-1].km if car.mileage_history else 0) + 500), "enter",
                          *"240", "enter", "space", "f10")  # fmt: skip
        await until(pilot, lambda: isinstance(pilot.app.screen, SubmitScreen)
                    and "ACKNOWLEDGED" in shown(pilot, "#submit-state"))  # fmt: skip
    record, sources = services.store.vehicles.get(car.vin)
    assert record.commercial_name == "CLIO" and sources["commercial_name"] == "typed"


async def test_missing_fields_are_listed_at_once_and_nothing_typed_is_lost(services):
    car = seed(plain)
    async with app_for(services).run_test(size=SIZE) as pilot:
        await scan_vin(pilot, car.vin)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(pilot.app.screen, JobScreen))
        await pilot.pause(0.1)
        await pilot.press(*"71234", "f10")
        await pilot.pause(0.3)
        problems = shown(pilot, "#job-problems")
        assert "Work done" in problems and "Total incl. VAT" in problems
        assert pilot.app.screen.query_one("#odometer", Input).value == "71234"
        assert pilot.app.screen.query_one("#total").has_class("-missing")
    assert services.submissions.outbox() == []


async def test_rejected_then_corrected_once(services, admin):
    car = seed(plain)
    async with app_for(services).run_test(size=SIZE) as pilot:
        await scan_vin(pilot, car.vin)
        await type_job(pilot, car.mileage_history[-1].km - 3000, "310")  # Car-Pass knows a higher reading
        await pilot.press("f10")
        await until(pilot, lambda: isinstance(pilot.app.screen, SubmitScreen)
                    and "REJECTED" in shown(pilot, "#submit-state"))  # fmt: skip
        await pilot.press("f6")  # correct: back to the job, values kept
        await until(pilot, lambda: isinstance(pilot.app.screen, JobScreen))
        odometer = pilot.app.screen.query_one("#odometer", Input)
        odometer.value = str(car.mileage_history[-1].km + 3000)
        await pilot.pause(0.2)
        await pilot.press("f10")
        await until(pilot, lambda: isinstance(pilot.app.screen, SubmitScreen)
                    and "ACKNOWLEDGED" in shown(pilot, "#submit-state"))  # fmt: skip
    [observation] = admin.observations()
    assert [c["odometerValue"] for c in observation["corrections"]] == [car.mileage_history[-1].km + 3000]


async def test_offline_reading_is_queued_then_delivered(services, admin):
    car = seed(plain)
    admin.maintenance(True, retry_after=1)
    async with app_for(services).run_test(size=SIZE) as pilot:
        await scan_vin(pilot, car.vin)
        await type_job(pilot, car.mileage_history[-1].km + 700, "410")
        await pilot.press("f10")
        await until(pilot, lambda: isinstance(pilot.app.screen, SubmitScreen)
                    and "QUEUED" in shown(pilot, "#submit-state"))  # fmt: skip
        assert services.submissions.outbox()[0].state is SubmissionState.PENDING
        admin.maintenance(False)
        await pilot.press("f8")  # retry now
        await until(pilot, lambda: "ACKNOWLEDGED" in shown(pilot, "#submit-state"))
    assert len(admin.observations()) == 1


async def test_a_registry_at_a_closed_port_is_reported_in_dutch(services):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}"
    services.vehicles.registry = RegistryClient(dead, connect_timeout=0.5, policy=HttpPolicy(attempts=1, budget=2))
    with services.vehicles.registry:
        app = WorkshopApp(services, Settings(camera_source="", language="nl"))
        async with app.run_test(size=SIZE) as pilot:
            await scan_vin(pilot, seed(plain).vin)
            assert shown(pilot, "#vehicle-origin") == "Het voertuigregister is onbereikbaar: typ de voertuiggegevens."


async def test_a_reading_queued_during_maintenance_says_why_in_dutch(services, admin):
    car = seed(plain)
    admin.maintenance(True, retry_after=60)
    app = WorkshopApp(services, Settings(camera_source="", language="nl"))
    async with app.run_test(size=SIZE) as pilot:
        await scan_vin(pilot, car.vin)
        await type_job(pilot, car.mileage_history[-1].km + 700, "410")
        await pilot.press("f10")
        await until(pilot, lambda: isinstance(pilot.app.screen, SubmitScreen)
                    and "Car-Pass is in onderhoud" in shown(pilot, "#submit-detail"))  # fmt: skip
        assert "MAINTENANCE" not in shown(pilot, "#submit-detail")
    admin.maintenance(False)


async def test_wedge_scan_opens_the_vehicle_from_the_job_screen(services):
    first, second = [v for v in load_seed().vehicles if plain(v)][:2]
    async with app_for(services).run_test(size=SIZE) as pilot:
        await scan_vin(pilot, first.vin)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(pilot.app.screen, JobScreen))
        await pilot.pause(0.1)
        for char in second.vin:  # a USB scanner types the code in one fast burst, then Enter
            pilot.app.post_message(events.Key(char.lower(), char))
        pilot.app.post_message(events.Key("enter", "\r"))
        await until(
            pilot, lambda: isinstance(pilot.app.screen, VehicleScreen) and pilot.app.screen.visit.vin == second.vin
        )
        await asyncio.sleep(0)


# -- a hostile Car-Pass: numbers and words that would be markup ------------------------------------

HOSTILE_ACK = "[@click=app.quit]0001[/]"
HOSTILE_ERROR = "E[/]0001"
HOSTILE_ISSUE = "[bold red]lower[/bold red] than [link=https://evil.example]before[/link]"


@pytest.fixture
def hostile_carpass(monkeypatch):
    """The sandbox answers the contract, with markup in its acknowledgement and error numbers and issues."""
    from workshop_tui.sandbox.carpass import Observation

    answer = Observation.status_result

    def hostile(self):
        result = answer(self)
        issues = [issue.model_copy(update={"message": HOSTILE_ISSUE}) for issue in result.issues]
        return result.model_copy(update={
            "acknowledgement_number": result.acknowledgement_number and HOSTILE_ACK,
            "error_number": result.error_number and HOSTILE_ERROR,
            "issues": issues,
        })  # fmt: skip

    monkeypatch.setattr(Observation, "status_result", hostile)


async def test_a_hostile_acknowledgement_number_is_shown_literally(services, hostile_carpass):
    car = seed(plain)
    app = app_for(services)
    async with app.run_test(size=SIZE) as pilot:
        await scan_vin(pilot, car.vin)
        await type_job(pilot, car.mileage_history[-1].km + 900, "189,50")
        await pilot.press("f10")
        await until(pilot, lambda: isinstance(pilot.app.screen, SubmitScreen)
                    and "ACKNOWLEDGED" in shown(pilot, "#submit-state"))  # fmt: skip
        assert HOSTILE_ACK in shown(pilot, "#submit-state")
        await pilot.click("#submit-state")
        await pilot.pause(0.1)
        assert app.is_running


async def test_a_hostile_rejection_is_shown_literally_on_the_submission_and_in_the_outbox(services, hostile_carpass):
    from textual.widgets import DataTable

    car = seed(plain)
    app = app_for(services)
    async with app.run_test(size=SIZE) as pilot:
        await scan_vin(pilot, car.vin)
        await type_job(pilot, car.mileage_history[-1].km - 3000, "310")  # Car-Pass knows a higher reading
        await pilot.press("f10")
        await until(pilot, lambda: isinstance(pilot.app.screen, SubmitScreen)
                    and "REJECTED" in shown(pilot, "#submit-state"))  # fmt: skip
        assert HOSTILE_ERROR in shown(pilot, "#submit-state")
        assert HOSTILE_ISSUE in shown(pilot, "#submit-detail")
        await pilot.press("ctrl+o")
        await until(
            pilot, lambda: pilot.app.screen.query(DataTable) and pilot.app.screen.query_one(DataTable).row_count
        )
        table = pilot.app.screen.query_one(DataTable)
        assert HOSTILE_ERROR in " ".join(str(cell) for cell in table.get_row_at(0))
        assert app.is_running
