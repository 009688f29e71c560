"""Every failure of a service call carries a problem code and parameters for the UI to word (the
English message stays for the logs); the outbox keeps a problem as text and reads it back."""

from __future__ import annotations

import socket

import httpx
import pytest

from workshop_tui.domain.findings import Finding
from workshop_tui.services import problems
from workshop_tui.services.contract import REGISTRY_VEHICLE, RegistryRecord
from workshop_tui.services.http import (
    AuthenticationFailed,
    ClientError,
    ConfigurationError,
    InvalidRequest,
    JsonService,
    MalformedResponse,
    NotFound,
    ServiceError,
    ServiceUnavailable,
    truncated,
)
from workshop_tui.services.policies import HttpPolicy
from workshop_tui.services.problems import CARPASS, REGISTRY, from_stored, problem, stored
from workshop_tui.services.registry_client import RegistryClient

ONE_TRY = HttpPolicy(deadline=1.0, attempts=1, budget=2.0, max_body=1_000)
VIN = "WVWZZZ1KZAW000001"
RECORD = b'{"vin": "WVWZZZ1KZAW000001"}'


def answered(status: int, body: bytes = b"", **headers: str) -> httpx.MockTransport:
    return httpx.MockTransport(lambda request: httpx.Response(status, content=body, headers=headers))


def failing(exc: Exception) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        raise exc

    return httpx.MockTransport(handler)


def call(transport: httpx.BaseTransport, service: str = REGISTRY) -> ServiceError:
    registry = JsonService(
        service, "http://127.0.0.1:9", connect_timeout=1, read_timeout=1, policy=ONE_TRY, transport=transport
    )
    with pytest.raises(ServiceError) as raised:
        registry.call(REGISTRY_VEHICLE, RegistryRecord, path_values={"vin": VIN})
    return raised.value


@pytest.mark.parametrize(
    ("transport", "kind", "code", "params"),
    [
        (failing(httpx.ConnectError("refused")), ServiceUnavailable, problems.UNREACHABLE, {}),
        (failing(httpx.ReadTimeout("slow")), ServiceUnavailable, problems.TIMEOUT, {}),
        (answered(200, b"x" * 2_000), MalformedResponse, problems.ANSWER_TOO_LARGE, {"limit": 1_000}),
        (answered(200, b"not gzip", **{"Content-Encoding": "gzip"}), MalformedResponse, problems.UNDECODABLE, {}),
        (answered(200, b"[]"), MalformedResponse, problems.MALFORMED, {}),
        (answered(429), ServiceUnavailable, problems.BUSY, {"status": 429}),
        (answered(502), ServiceUnavailable, problems.SERVER_ERROR, {"status": 502}),
        (
            answered(503, b'{"code": "MAINTENANCE", "message": "back at 6"}', **{"Retry-After": "60"}),
            ServiceUnavailable,
            problems.MAINTENANCE,
            {"status": 503},
        ),
        (
            answered(400, b'{"code": "VALIDATION_ERROR", "message": "vin: 17 characters"}'),
            ClientError,
            problems.REFUSED,
            {"status": 400, "code": "VALIDATION_ERROR", "words": "vin: 17 characters"},
        ),
        (answered(401), AuthenticationFailed, problems.AUTHENTICATION_FAILED, {"status": 401, "code": ""}),
        (answered(404), NotFound, problems.NOT_FOUND, {"status": 404, "code": ""}),
    ],
)
def test_each_failure_names_its_problem_and_the_service(transport, kind, code, params):
    error = call(transport)
    assert isinstance(error, kind)
    assert error.problem.code == code
    assert {"service": REGISTRY, **params}.items() <= error.problem.params.items()


def test_the_english_message_stays_for_the_logs():
    error = call(failing(httpx.ConnectError("refused")))
    assert str(error) == "vehicle registry (GET /vehicles/{vin}) cannot be reached (ConnectError)"


def test_a_closed_port_is_unreachable_for_the_registry_client():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{s.getsockname()[1]}"
    with RegistryClient(url, connect_timeout=0.5, policy=ONE_TRY) as registry:
        with pytest.raises(ServiceUnavailable) as raised:
            registry.vehicle(VIN)
    assert raised.value.problem == problem(problems.UNREACHABLE, REGISTRY)


@pytest.mark.parametrize(
    ("url", "credentials", "code"),
    [
        ("ftp://example.be", False, problems.URL_INVALID),
        ("https://user:secret@carpass.be", False, problems.URL_WITH_CREDENTIALS),
        ("http://carpass.be", True, problems.URL_PLAIN_HTTP),
    ],
)
def test_settings_that_cannot_work_name_their_problem(url, credentials, code):
    with pytest.raises(ConfigurationError) as raised:
        JsonService(
            CARPASS, url, connect_timeout=1, read_timeout=1, policy=ONE_TRY,
            authorization="Basic x" if credentials else None,
        )  # fmt: skip
    assert raised.value.problem == problem(code, CARPASS, setting=None)


def test_an_invalid_request_keeps_its_details_as_found():
    error = InvalidRequest("observation is not valid", ["odometerValue: at most 99999", "vin: missing"])
    assert error.details == ["odometerValue: at most 99999", "vin: missing"]
    assert error.problem.params == {"service": None, "details": "odometerValue: at most 99999; vin: missing"}


def test_a_stored_problem_reads_back_the_same():
    kept = problem(problems.REFUSED, CARPASS, status=409, code="IDEMPOTENCY_KEY_REUSED", words="déjà reçu")
    assert from_stored(stored(kept)) == kept


@pytest.mark.parametrize(
    "text",
    [
        None,
        "",
        "Car-Pass (POST /observation) did not answer in time",  # kept before problems were stored
        '{"code": "SERVICE_TIMEOUT", "params": {"service": "carpass"}}',  # no mark: someone's words
        truncated('\x1f{"code": "SERVICE_TIMEOUT", "params": {"service": "carpass"}}'),  # the service's words
        '\x1f{"code": "NO_SUCH_PROBLEM", "params": {}}',
        '\x1f{"code": "SERVICE_TIMEOUT", "params": []}',
        "\x1f[1, 2]",
        "\x1f{not json",
    ],
)
def test_anything_else_is_not_a_stored_problem(text):
    assert from_stored(text) is None


def test_every_problem_is_a_finding_with_the_service():
    assert all(isinstance(problem(code, CARPASS), Finding) for code in problems.CODES)
    assert len(set(problems.CODES)) == len(problems.CODES)
