"""Leaving asks first: quitting with readings not sent yet, leaving the settings with unsaved edits.
The settings' camera test shows the frame rate delivered and the share of frames decoded."""

import pytest
from textual.widgets import Input

from scanners.capture import FrameStats
from workshop_tui.domain.work import WorkKind
from workshop_tui.ui.screens.outbox import OutboxScreen
from workshop_tui.ui.screens.scan import ScanScreen
from workshop_tui.ui.screens.settings import SettingsScreen
from workshop_tui.ui.widgets.choice_dialog import ChoiceDialog
from workshop_tui.ui.widgets.work_kinds import WorkKindList

from .conftest import GOLF_VIN
from .helpers import SIZE, fill, open_job, settle, text_of

pytestmark = pytest.mark.anyio


async def submit_one(pilot) -> None:
    await open_job(pilot, GOLF_VIN)
    pilot.app.screen.query_one(WorkKindList).select(WorkKind.MAINTENANCE)
    await fill(pilot, {"#odometer": "72000", "#total": "189,90"})
    await pilot.press("f10")
    await settle(pilot)


async def test_quitting_with_a_reading_not_sent_asks_first(make_app, services):
    services.outcome = "queued"  # Car-Pass offline: the reading waits in the outbox
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await submit_one(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        assert text_of(pilot, "#choice-question").startswith("1 reading(s) not sent to Car-Pass yet.")
        await pilot.press("escape")  # stay
        await settle(pilot)
        assert app.is_running and not isinstance(app.screen, ChoiceDialog)

        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.click("#choice-outbox")
        await settle(pilot)
        assert isinstance(app.screen, OutboxScreen)

        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.click("#choice-quit")
        await pilot.pause()
        assert not app.is_running


async def test_quitting_with_everything_sent_asks_nothing(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await submit_one(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert not app.is_running


async def open_settings(pilot) -> None:
    await pilot.press("ctrl+g")
    await settle(pilot)
    assert isinstance(pilot.app.screen, SettingsScreen)


async def test_leaving_the_settings_unchanged_asks_nothing(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_settings(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ScanScreen)


@pytest.mark.parametrize(
    ("choice", "left", "name"),
    [("stay", False, "Garage Dupont"), ("discard", True, "Garage Dupont"), ("save", True, "Garage Martin")],
)
async def test_leaving_the_settings_with_unsaved_edits_asks_first(make_app, choice, left, name):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_settings(pilot)
        await fill(pilot, {"#set-company-name": "Garage Martin"})
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.click(f"#choice-{choice}")
        await settle(pilot)
        assert isinstance(app.screen, ScanScreen) is left
        assert isinstance(app.screen, SettingsScreen) is not left
        assert app.settings.company.name == name


class MeasuredCamera:
    """A camera loop that runs until stopped and reports fixed figures."""

    def __init__(self, **_callbacks):
        pass

    def run(self, stop) -> None:
        stop.wait(5)

    def stats(self) -> FrameStats:
        return FrameStats(delivered_fps=14.84, decoded_share=0.625)


async def test_the_camera_test_shows_the_frame_rate_and_the_share_decoded(make_app):
    app = make_app("fr", camera=MeasuredCamera)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.1)
        await open_settings(pilot)
        assert (
            text_of(pilot, "#camera-test")
            == "Test de la caméra\xa0: 14,8 images par seconde reçues, dont 62 % décodées."
        )


async def test_without_a_camera_the_camera_test_says_so(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_settings(pilot)
        assert text_of(pilot, "#camera-test") == "Camera test: no camera running."
        assert app.screen.query_one("#camera-test").region.width > 0
        assert isinstance(app.screen.query_one("#set-company-name"), Input)


async def test_quitting_works_when_the_outbox_cannot_be_read(make_app, services):
    def broken():
        raise RuntimeError("database unreachable")

    services.submissions.outbox = broken
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert not app.is_running
