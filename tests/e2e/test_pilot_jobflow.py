"""The reading checks and a reading that needs fixing, in the real app against the sandbox."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from workshop_tui.domain.models import SubmissionState
from workshop_tui.storage import models as tables
from workshop_tui.ui.screens.job import JobScreen
from workshop_tui.ui.screens.submit import SubmitScreen
from workshop_tui.ui.widgets.confirm_send import ConfirmSend

from .test_pilot_sandbox import SIZE, admin, app_for, plain, scan_vin, seed, services, shown, type_job, until

__all__ = ["admin", "services"]  # the fixtures, shared with the sandbox tests
pytestmark = pytest.mark.anyio


def confirmations(services) -> list[dict]:
    A = tables.AuditLog
    with services.store.connection_context():
        return [row.details for row in A.select().where(A.action == "reading.confirmed")]


async def test_a_lower_reading_is_sent_once_confirmed_and_audited(services, admin):
    car = seed(plain)
    first = car.mileage_history[-1].km + 900
    async with app_for(services).run_test(size=SIZE) as pilot:
        await scan_vin(pilot, car.vin)
        await type_job(pilot, first, "189")
        await pilot.press("f10")
        await until(pilot, lambda: isinstance(pilot.app.screen, SubmitScreen)
                    and "ACKNOWLEDGED" in shown(pilot, "#submit-state"))  # fmt: skip
        await pilot.press("escape")  # next vehicle
        await scan_vin(pilot, car.vin)
        await type_job(pilot, first - 400, "189")
        assert shown(pilot, "#odometer-findings").startswith("? ")
        await pilot.press("f10")
        await until(pilot, lambda: isinstance(pilot.app.screen, ConfirmSend))
        await pilot.press("f10")  # confirm and send
        await until(pilot, lambda: isinstance(pilot.app.screen, SubmitScreen))
    kms = [v.odometer_km for v in services.submissions.outbox()] + [
        o["observation"]["odometerValue"] for o in admin.observations()
    ]
    assert first - 400 in kms
    assert [c["codes"] for c in confirmations(services)] == [["KM_BELOW_PREVIOUS"]]


async def test_a_reading_the_service_refuses_needs_fixing_then_is_edited_and_resent(services, admin):
    car = seed(plain)
    km = car.mileage_history[-1].km + 700
    admin.inject("400", service="carpass")
    async with app_for(services).run_test(size=SIZE) as pilot:
        await scan_vin(pilot, car.vin)
        await type_job(pilot, km, "250")
        await pilot.press("f10")
        await until(pilot, lambda: isinstance(pilot.app.screen, SubmitScreen)
                    and "NEEDS FIXING" in shown(pilot, "#submit-state"))  # fmt: skip
        assert "f6" in pilot.app.screen.active_bindings
        await pilot.press("f6")  # edit: back to the job with the reading's data
        await until(pilot, lambda: isinstance(pilot.app.screen, JobScreen))
        assert pilot.app.screen.query_one("#odometer", Input).value == str(km)
        pilot.app.screen.query_one("#odometer", Input).value = str(km + 10)
        await pilot.pause(0.2)
        await pilot.press("f10")
        await until(pilot, lambda: isinstance(pilot.app.screen, SubmitScreen)
                    and "ACKNOWLEDGED" in shown(pilot, "#submit-state"))  # fmt: skip
    [observation] = admin.observations()
    assert observation["observation"]["odometerValue"] == km + 10
    assert services.submissions.get(1).state is SubmissionState.ACKNOWLEDGED
