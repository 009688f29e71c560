"""Why a service call failed, worded in the reader's language: the renderer for every problem code
in fr, nl and en, a failing worker's toast (the database failing too), and what the outbox kept,
worded again after the language changes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.widgets import DataTable

from workshop_tui.domain.models import SubmissionState
from workshop_tui.services import problems
from workshop_tui.services.http import ServiceUnavailable
from workshop_tui.services.problems import CARPASS, REGISTRY, problem, stored
from workshop_tui.storage import StorageUnavailable
from workshop_tui.translations import LANGUAGES
from workshop_tui.translations.render import error_text, render
from workshop_tui.ui.screens.outbox import OutboxScreen
from workshop_tui.ui.screens.submit import SubmitScreen

from .conftest import GOLF_VIN, NOW
from .helpers import SIZE, settle, text_of
from .test_outbox import recorded

pytestmark = pytest.mark.anyio

PARAMS: dict[str, dict[str, str | int]] = {  # typical parameters of each code besides `service`
    problems.ANSWER_TOO_LARGE: {"limit": 2_000_000},
    problems.BUSY: {"status": 429},
    problems.SERVER_ERROR: {"status": 500},
    problems.MAINTENANCE: {"status": 503},
    problems.REFUSED: {"status": 409, "code": "IDEMPOTENCY_KEY_REUSED", "words": "key reused"},
    problems.AUTHENTICATION_FAILED: {"status": 401, "code": ""},
    problems.NOT_FOUND: {"status": 404, "code": ""},
    problems.CORRECTION_LIMIT: {"status": 409, "code": "CORRECTION_LIMIT", "words": ""},
    problems.INVALID_REQUEST: {"details": "odometerValue: at most 99999"},
    problems.SETTINGS: {"setting": "timeouts"},
}
ENGLISH_SERVICE = {REGISTRY: "The vehicle registry", CARPASS: "Car-Pass", None: "The service"}


@pytest.mark.parametrize("service", [REGISTRY, CARPASS, None])
@pytest.mark.parametrize("code", problems.CODES)
def test_every_problem_is_worded_in_each_language_naming_its_service(code, service):
    found = problem(code, service, **PARAMS.get(code, {}))
    english = render(found.code, found.params, "en")
    assert english.startswith(ENGLISH_SERVICE[service]) and "{" not in english
    for language in ("fr", "nl"):
        worded = render(found.code, found.params, language)
        assert worded != english and "{" not in worded, (language, worded)
        assert "The vehicle registry" not in worded and "The service" not in worded
        assert ("Car-Pass" in worded) is (service == CARPASS)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_services_own_words_and_the_details_are_shown_as_they_are(language):
    refused = problem(problems.REFUSED, CARPASS, status=400, code="VALIDATION_ERROR", words="vin: [b]17[/b] {x}")
    assert render(refused.code, refused.params, language).endswith("vin: [b]17[/b] {x}")
    invalid = problem(problems.INVALID_REQUEST, CARPASS, details="odometerValue: at most 99999")
    assert "odometerValue: at most 99999" in render(invalid.code, invalid.params, language)


def test_a_lookup_note_words_the_registry_problem_in_the_language():
    note = {"error": problem(problems.UNREACHABLE, REGISTRY), "when": None}
    assert render("LOOKUP_DOWN", note, "nl") == "Het voertuigregister is onbereikbaar: typ de voertuiggegevens."
    assert render("LOOKUP_DOWN_CACHED", note, "fr") == (
        "Le répertoire des véhicules est injoignable\xa0: copie du ? affichée."
    )
    fetch = {"error": problem(problems.TIMEOUT, CARPASS)}
    assert (
        render("CARPASS_FETCH_FAILED", fetch, "nl")
        == "Car-Pass antwoordde niet op tijd: typ de gegevens van het certificaat."
    )


def test_error_text_words_a_service_problem_and_keeps_the_first_line_of_any_other_error():
    from workshop_tui.translations import activate

    unreachable = ServiceUnavailable(
        "vehicle registry (GET /vehicles) cannot be reached", problem=problems.UNREACHABLE, service=REGISTRY
    )
    try:
        activate("nl")
        assert error_text(unreachable) == "Het voertuigregister is onbereikbaar"
    finally:
        activate("en")
    assert error_text(OSError("database is locked.\nsecond line")) == "database is locked"
    assert error_text(OSError()) == "OSError"


async def test_a_failing_service_call_is_reported_in_the_language(make_app, services):
    def down(vin: str):
        raise ServiceUnavailable(
            "vehicle registry (GET /vehicles/{vin}) cannot be reached (ConnectError)",
            problem=problems.UNREACHABLE,
            service=REGISTRY,
        )

    services.vehicles.lookup = down
    app = make_app("nl")
    async with app.run_test(size=SIZE) as pilot:
        app.open_vehicle(GOLF_VIN)
        await settle(pilot)
        toasts = [str(n.message) for n in app._notifications]
        assert "Het voertuigregister is onbereikbaar. Wat u typte blijft bewaard; probeer opnieuw." in toasts
        assert not any("ConnectError" in toast or "cannot be reached" in toast for toast in toasts)


@pytest.mark.parametrize(
    ("language", "toast"),
    [
        ("nl", "De databank is momenteel niet bruikbaar. Wat u typte blijft bewaard; probeer opnieuw."),
        (
            "fr",
            "La base de données est indisponible pour le moment. Ce que vous avez tapé est conservé\xa0; réessayez.",
        ),
    ],
)
async def test_a_failing_database_is_reported_in_the_language(make_app, services, language, toast):
    def lost(vin: str):
        raise StorageUnavailable.failed("the database failed: server closed the connection unexpectedly")

    services.vehicles.lookup = lost
    app = make_app(language)
    async with app.run_test(size=SIZE) as pilot:
        app.open_vehicle(GOLF_VIN)
        await settle(pilot)
        toasts = [str(n.message) for n in app._notifications]
        assert toast in toasts
        assert not any("server closed" in toast for toast in toasts)


def cells(app) -> list[str]:
    table = app.screen.query_one(DataTable)
    return [str(cell) for index in range(table.row_count) for cell in table.get_row_at(index)]


async def test_what_the_outbox_kept_is_worded_again_after_a_language_switch(make_app, services):
    queued = recorded(
        services,
        state=SubmissionState.PENDING,
        last_error=stored(problem(problems.TIMEOUT, CARPASS)),
        next_attempt_at=NOW + timedelta(seconds=42),
    )
    recorded(
        services,
        state=SubmissionState.NEEDS_FIXING,
        problem_code="INVALID_REQUEST",
        problem_message=stored(problem(problems.INVALID_REQUEST, CARPASS, details="body: five-digit odometer")),
    )
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        app.action_outbox()
        await settle(pilot)
        assert isinstance(app.screen, OutboxScreen)
        assert "Car-Pass did not answer in time" in cells(app)
        await pilot.press("f12", "f12")  # EN -> FR -> NL
        await settle(pilot)
        assert app.language == "nl"
        shown = cells(app)
        assert "Car-Pass antwoordde niet op tijd" in shown
        assert (
            "Car-Pass: de gegevens vormen geen geldige aanvraag (body: five-digit odometer), er werd niets verzonden"
            in shown
        )
        assert not any("\x1f" in cell or "SERVICE_" in cell for cell in shown)
        app.inspect_submission(services.views[queued])
        await settle(pilot)
        assert isinstance(app.screen, SubmitScreen)
        assert "Car-Pass antwoordde niet op tijd" in text_of(pilot, "#submit-detail")


async def test_an_error_kept_before_problems_were_stored_is_shown_as_it_is(make_app, services):
    recorded(services, state=SubmissionState.PENDING, last_error="Car-Pass (POST /observation) did not answer in time")
    app = make_app("nl")
    async with app.run_test(size=SIZE) as pilot:
        app.action_outbox()
        await settle(pilot)
        assert "Car-Pass (POST /observation) did not answer in time" in cells(app)
