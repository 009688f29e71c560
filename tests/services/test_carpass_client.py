"""CarPassClient against the sandbox over loopback: credentials, idempotency, workflow, corrections, reports."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from workshop_tui.domain.work import WorkKind
from workshop_tui.sandbox.app import SANDBOX_PASSWORD
from workshop_tui.sandbox.server import (
    SANDBOX_ENTERPRISE_NUMBER,
    SANDBOX_ESTABLISHMENT_NUMBER,
    SandboxServer,
)
from workshop_tui.sandbox.workflow import BRUSSELS, IssueNumber
from workshop_tui.services.carpass_client import CarPassClient
from workshop_tui.services.contract import DescriptionResult, ObservationStatus, StatusResult, activity_codes_for
from workshop_tui.services.http import (
    AuthenticationFailed,
    ClientError,
    ConfigurationError,
    CorrectionLimitReached,
    InvalidRequest,
    MalformedResponse,
    NotFound,
)
from workshop_tui.services.policies import HttpPolicy


@contextmanager
def answering(body: bytes) -> Iterator[str]:
    """A server on loopback answering every request with `body` (200, JSON); yields its URL."""

    class Fixed(BaseHTTPRequestHandler):
        def do_POST(self):
            self.rfile.read(int(self.headers["Content-Length"]))
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_):
            pass

    server = HTTPServer(("127.0.0.1", 0), Fixed)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def carpass_on(url: str) -> CarPassClient:
    return CarPassClient(url, SANDBOX_ESTABLISHMENT_NUMBER, SANDBOX_PASSWORD, SANDBOX_ENTERPRISE_NUMBER,
                         policy=HttpPolicy(attempts=1))  # fmt: skip


def report(client, vehicle, km, *, key=None, at=None, describe=True, **extra) -> str:
    """Post an observation (and by default its description); return the requestGuid."""
    guid = client.post_observation(
        idempotency_key=key or str(uuid.uuid4()),
        vin=vehicle.vin,
        reading_at=at or datetime.now(BRUSSELS),
        odometer_km=km,
        job_reference="INV-2026-0042",
        **extra,
    )
    if describe:
        client.post_description(
            guid, activity_codes_for([WorkKind.MAINTENANCE, WorkKind.TYRES]), ["Oil service", "4 tyres"]
        )
    return guid


# -- credentials and settings ------------------------------------------------------------------


def test_wrong_password_is_refused_once_without_retry(make_carpass, admin, fleet):
    client = make_carpass(password="not-the-password")
    with pytest.raises(AuthenticationFailed) as raised:
        client.activities()
    assert raised.value.status == 401
    assert admin.request_count() == 1


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("establishment_number", "2123456792", "ESTABLISHMENT_CHECK"),
        ("establishment_number", "0403170701", "ESTABLISHMENT_START"),
        ("enterprise_number", "0412345615", "ENTERPRISE_CHECK"),
        ("enterprise_number", "2123456791", "ENTERPRISE_START"),
        ("password", "", "PASSWORD_MISSING"),
    ],
)
def test_invalid_identity_is_refused_before_anything_is_sent(make_carpass, admin, fleet, field, value, problem):
    client = make_carpass(**{field: value})
    with pytest.raises(ConfigurationError, match=problem):
        report(client, fleet.plain, fleet.next_km(fleet.plain))
    with pytest.raises(ConfigurationError):
        client.status(str(uuid.uuid4()))
    assert admin.request_count() == 0


def test_invalid_vin_is_refused_before_anything_is_sent(carpass, admin):
    with pytest.raises(InvalidRequest, match="VIN_LENGTH"):
        carpass.post_observation(
            idempotency_key="k",
            vin="WVWZZZCDZMW51785",
            reading_at=datetime.now(BRUSSELS),
            odometer_km=1,
            job_reference="J",
        )
    assert admin.request_count() == 0


# -- idempotency ---------------------------------------------------------------------------------


def test_same_idempotency_key_twice_makes_one_observation(carpass, admin, fleet):
    at, km = fleet.today(), fleet.next_km(fleet.plain)
    first = report(carpass, fleet.plain, km, key="outbox-17", at=at)
    second = report(carpass, fleet.plain, km, key="outbox-17", at=at)
    assert first == second
    assert len(admin.observations()) == 1


def test_reused_key_with_other_values_is_refused(carpass, admin, fleet):
    report(carpass, fleet.plain, fleet.next_km(fleet.plain), key="outbox-18")
    with pytest.raises(ClientError) as raised:
        report(carpass, fleet.plain, fleet.next_km(fleet.plain, 900), key="outbox-18")
    assert raised.value.status == 422 and raised.value.code == "IDEMPOTENCY_KEY_REUSED"
    assert len(admin.observations()) == 1


def test_what_arrived_is_what_was_sent(carpass, admin, fleet):
    guid = report(carpass, fleet.plain, 71000, key="outbox-19", odometer_replaced=True)
    (arrived,) = admin.observations()
    assert arrived["requestGuid"] == guid
    assert arrived["idempotencyKey"] == "outbox-19"
    assert arrived["observation"]["vin"] == fleet.plain.vin
    assert arrived["observation"]["odometerValue"] == 71000
    assert arrived["observation"]["odometerReplaced"] is True
    assert arrived["observation"]["enterpriseNumber"] == "0412345614"
    assert arrived["description"]["activityCodes"] == ["MAINTENANCE", "TYRES"]
    assert arrived["description"]["jobLines"] == ["Oil service", "4 tyres"]


# -- status workflow -----------------------------------------------------------------------------


def test_plain_reading_is_ongoing_until_described_then_accepted(carpass, fleet):
    guid = report(carpass, fleet.plain, fleet.next_km(fleet.plain), describe=False)
    assert carpass.status(guid).status is ObservationStatus.ONGOING
    carpass.post_description(guid, ["MAINTENANCE"], ["Oil service"])
    result = carpass.status(guid)
    assert result.status is ObservationStatus.ACCEPTED
    assert result.acknowledgement_number and not result.issues and result.error_number is None


def test_the_description_answer_carries_the_verdict(carpass, admin, fleet):
    guid = report(carpass, fleet.plain, fleet.next_km(fleet.plain), describe=False)
    result = carpass.post_description(guid, ["MAINTENANCE"], ["Oil service"])
    assert result.request_guid == guid and result.status is ObservationStatus.ACCEPTED
    assert result == carpass.status(guid)
    assert [r["method"] for r in admin.requests()] == ["POST", "POST", "GET"]


def test_the_description_answer_is_not_a_status_read(carpass, fleet):
    guid = report(carpass, fleet.waiting_for_div, 12, describe=False)
    assert carpass.post_description(guid, ["MAINTENANCE"], ["Service"]).status is ObservationStatus.WAITING_FOR_DIV
    polls = fleet.waiting_for_div.carpass.div_polls
    statuses = [carpass.status(guid).status for _ in range(polls + 1)]
    assert statuses == [ObservationStatus.WAITING_FOR_DIV] * polls + [ObservationStatus.ACCEPTED]


def test_a_service_without_the_status_in_the_description_answer(fleet):
    with SandboxServer(status_in_description=False) as plain, carpass_on(plain.carpass_url) as client:
        guid = report(client, fleet.plain, fleet.next_km(fleet.plain), describe=False)
        assert client.post_description(guid, ["MAINTENANCE"], ["Oil service"]) is None
        assert client.status(guid).status is ObservationStatus.ACCEPTED


def test_a_status_about_another_observation_is_malformed(fleet):
    guid, other = str(uuid.uuid4()), str(uuid.uuid4())
    answer = DescriptionResult(request_guid=guid, current_status=StatusResult(request_guid=other, status="ACCEPTED"))
    with answering(answer.model_dump_json().encode()) as url, carpass_on(url) as client:
        with pytest.raises(MalformedResponse, match=f"about {other}, not {guid}"):
            client.post_description(guid, ["MAINTENANCE"], ["Oil service"])


def test_description_can_be_repeated(carpass, admin, fleet):
    guid = report(carpass, fleet.plain, fleet.next_km(fleet.plain))
    carpass.post_description(guid, ["BRAKES"], ["Front brake pads"])
    (arrived,) = admin.observations()
    assert arrived["description"] == {"activityCodes": ["BRAKES"], "jobLines": ["Front brake pads"]}


def test_unknown_activity_code_is_refused(carpass, fleet):
    guid = report(carpass, fleet.plain, fleet.next_km(fleet.plain), describe=False)
    with pytest.raises(ClientError) as raised:
        carpass.post_description(guid, ["NOT_A_CODE"], ["Something"])
    assert raised.value.status == 400 and raised.value.details == ["activityCodes: NOT_A_CODE"]


def test_vin_unknown_to_div_waits_then_is_accepted(carpass, fleet):
    guid = report(carpass, fleet.waiting_for_div, 12)
    polls = fleet.waiting_for_div.carpass.div_polls
    statuses = [carpass.status(guid).status for _ in range(polls + 1)]
    assert statuses == [ObservationStatus.WAITING_FOR_DIV] * polls + [ObservationStatus.ACCEPTED]


def test_replaced_odometer_is_reviewed_then_accepted(carpass, fleet):
    guid = report(carpass, fleet.plain, 15, odometer_replaced=True)
    assert [carpass.status(guid).status for _ in range(2)] == [ObservationStatus.REVIEWING, ObservationStatus.ACCEPTED]


def test_reading_below_the_last_one_is_rejected_with_issue_and_error_number(carpass, fleet):
    last = fleet.rollback.mileage_history[-1]
    result = carpass.status(report(carpass, fleet.rollback, last.km - 1000))
    assert result.status is ObservationStatus.REJECTED
    assert [i.issue_number for i in result.issues] == [IssueNumber.READING_BELOW_PREVIOUS]
    assert str(last.km) in result.issues[0].message
    assert result.error_number and result.acknowledgement_number is None
    assert result.correction_allowed


def test_error_numbers_are_unique(carpass, fleet):
    numbers = {carpass.status(report(carpass, fleet.destroyed, 10 + i)).error_number for i in range(3)}
    assert len(numbers) == 3


@pytest.mark.parametrize(
    ("situation", "issue"),
    [
        ("destroyed", IssueNumber.VEHICLE_DESTROYED),
        ("not_belgian", IssueNumber.NOT_REGISTERED_IN_BELGIUM),
        ("motorcycle", IssueNumber.CATEGORY_OUT_OF_SCOPE),
        ("heavy_van", IssueNumber.CATEGORY_OUT_OF_SCOPE),
    ],
)
def test_seeded_vehicles_outside_car_pass_are_rejected(carpass, fleet, situation, issue):
    vehicle = getattr(fleet, situation)
    result = carpass.status(report(carpass, vehicle, fleet.next_km(vehicle)))
    assert result.status is ObservationStatus.REJECTED
    assert issue in [i.issue_number for i in result.issues]


def test_reading_in_the_future_is_rejected(carpass, fleet):
    guid = report(carpass, fleet.plain, fleet.next_km(fleet.plain), at=fleet.today() + timedelta(days=2))
    assert [i.issue_number for i in carpass.status(guid).issues] == [IssueNumber.READING_IN_FUTURE]


def test_plate_is_a_fallback_for_the_vin(carpass, fleet):
    guid = carpass.post_observation(
        idempotency_key="plate-1", vin=None, license_plate=fleet.plain.license_plate,
        reading_at=fleet.today(), odometer_km=fleet.next_km(fleet.plain), job_reference="J",
    )  # fmt: skip
    carpass.post_description(guid, ["TYRES"], ["2 tyres"])
    assert carpass.status(guid).status is ObservationStatus.ACCEPTED
    assert carpass.vehicle_history(guid).vin == fleet.plain.vin


def test_status_of_an_unknown_observation_is_not_found(carpass):
    with pytest.raises(NotFound):
        carpass.status(str(uuid.uuid4()))


# -- correction ----------------------------------------------------------------------------------


def test_one_correction_then_a_signed_form_is_required(carpass, admin, fleet):
    vehicle = fleet.rollback
    guid = report(carpass, vehicle, vehicle.mileage_history[-1].km - 1000)
    assert carpass.status(guid).status is ObservationStatus.REJECTED

    carpass.correct(guid, idempotency_key="fix-1", reading_at=fleet.today(), odometer_km=fleet.next_km(vehicle))
    carpass.correct(guid, idempotency_key="fix-1", reading_at=fleet.today(), odometer_km=fleet.next_km(vehicle))
    result = carpass.status(guid)
    assert result.status is ObservationStatus.ACCEPTED and result.corrections_used == 1
    assert not result.correction_allowed

    with pytest.raises(CorrectionLimitReached, match="signed correction form") as raised:
        carpass.correct(
            guid, idempotency_key="fix-2", reading_at=fleet.today(), odometer_km=fleet.next_km(vehicle, 200)
        )
    assert raised.value.status == 409 and raised.value.code == "CORRECTION_LIMIT"
    (arrived,) = admin.observations()
    assert len(arrived["corrections"]) == 1


# -- vehicle history reports ---------------------------------------------------------------------


def test_vehicle_history_by_guid_includes_the_new_reading(carpass, fleet):
    vehicle = fleet.plain
    guid = report(carpass, vehicle, fleet.next_km(vehicle))
    carpass.status(guid)
    vhr = carpass.vehicle_history(guid)
    assert vhr.vin == vehicle.vin and vhr.make == vehicle.registry.make
    assert vhr.model == vehicle.registry.commercial_name
    assert vhr.euro_norm == vehicle.euro_norm and vhr.co2_grams_per_km == vehicle.co2_grams_per_km
    assert [(r.on, r.km) for r in vhr.mileage_history[:-1]] == [(r.on, r.km) for r in vehicle.mileage_history]
    assert (vhr.mileage_history[-1].on, vhr.mileage_history[-1].km) == (fleet.today().date(), fleet.next_km(vehicle))


def test_vehicle_history_waits_for_acceptance(carpass, fleet):
    guid = report(carpass, fleet.plain, fleet.next_km(fleet.plain), describe=False)
    with pytest.raises(ClientError) as raised:
        carpass.vehicle_history(guid)
    assert raised.value.status == 409 and raised.value.code == "REPORT_NOT_AVAILABLE"


def test_vehicle_history_by_carpass_id_shows_recalls_accidents_and_rollback(carpass, fleet):
    from workshop_tui.sandbox.seed import load_seed

    with_id = [v for v in load_seed().vehicles if v.carpass_id]
    assert len(with_id) >= 5
    for vehicle in with_id:
        vhr = carpass.carpass_report(vehicle.carpass_id.lower())
        assert vhr.vin == vehicle.vin and vhr.carpass_id == vehicle.carpass_id
        assert vhr.open_recalls == vehicle.open_recalls
        assert vhr.post_accident_inspection_pending == vehicle.post_accident_inspection_pending
        assert vhr.first_belgian_registration == vehicle.registry.first_belgian_registration
        assert vhr.mileage_history == vehicle.mileage_history


def test_unknown_carpass_id_is_not_found_and_a_malformed_one_is_not_sent(carpass, admin):
    with pytest.raises(NotFound):
        carpass.carpass_report("ZZZZ9999ZZZZ9999")
    with pytest.raises(InvalidRequest, match="8 to 16"):
        carpass.carpass_report("SHORT")
    assert admin.request_count() == 1


def test_activities_list_the_standard_codes(carpass):
    codes = {a.code for a in carpass.activities()}
    assert {"MAINTENANCE", "TYRES", "BODYWORK", "GLAZING"} <= codes
    assert all(set(a.description) == {"en", "fr", "nl"} for a in carpass.activities())
