"""The sandbox server itself: OpenAPI, routing, authentication, per-request faults, lifecycle, CLI."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import threading
import time

import httpx
import pytest

from workshop_tui.sandbox.app import MOUNTS, SANDBOX_PASSWORD
from workshop_tui.sandbox.server import SANDBOX_ESTABLISHMENT_NUMBER, SandboxServer
from workshop_tui.services.contract import OPERATIONS, Service

AUTH = (SANDBOX_ESTABLISHMENT_NUMBER, SANDBOX_PASSWORD)


@pytest.fixture
def http(sandbox, admin):
    with httpx.Client(base_url=sandbox.url, timeout=5) as client:
        yield client


def test_openapi_document_lists_every_operation_with_its_models(http):
    document = http.get("/openapi.json").json()
    assert document["openapi"].startswith("3.")
    for op in OPERATIONS:
        entry = document["paths"][MOUNTS[op.service] + op.path][op.method.lower()]
        assert entry["operationId"] == op.name
        success = entry["responses"][str(op.success)]["content"]["application/json"]["schema"]["$ref"]
        assert success.endswith("/" + op.response.__name__)
        assert op.response.__name__ in document["components"]["schemas"]
        if op.request:
            assert entry["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith(op.request.__name__)
        headers = [p["name"] for p in entry["parameters"] if p["in"] == "header"]
        assert headers == (["Idempotency-Key"] if op.idempotency_key else [])
        assert bool(entry["security"]) == op.authenticated
    observation = document["components"]["schemas"]["ObservationRequest"]["properties"]
    assert {"vin", "licensePlate", "observationDate", "odometerValue", "odometerReplaced", "fiveDigitOdometer",
            "reference", "enterpriseNumber"} <= set(observation)  # fmt: skip
    described = document["components"]["schemas"]["DescriptionResult"]
    assert described["required"] == ["requestGuid"]
    assert {"$ref": "#/components/schemas/StatusResult"} in described["properties"]["currentStatus"]["anyOf"]


def test_missing_credentials_get_a_basic_auth_challenge(http):
    response = http.get("/activities")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Basic")
    assert response.json()["code"] == "AUTHENTICATION_FAILED"


def test_an_invalid_establishment_number_cannot_log_in(http):
    assert http.get("/activities", auth=("2123456792", SANDBOX_PASSWORD)).status_code == 401
    assert http.get("/activities", auth=AUTH).status_code == 200


def test_unknown_route_and_wrong_method(http):
    assert http.get("/nowhere").json()["code"] == "NOT_FOUND"
    response = http.delete("/activities", auth=AUTH)
    assert response.status_code == 405 and response.headers["Allow"] == "GET"


def test_invalid_body_is_explained_field_by_field(http):
    response = http.post("/observation", auth=AUTH, content=b'{"vin": "X", "odometerValue": -1}')
    body = response.json()
    assert response.status_code == 400 and body["code"] == "VALIDATION_ERROR"
    fields = {d.split(":")[0] for d in body["details"]}
    assert {"vin", "odometerValue", "observationDate", "reference", "enterpriseNumber"} <= fields
    assert http.post("/observation", auth=AUTH, content=b"{not json").json()["code"] == "VALIDATION_ERROR"


def test_fault_chosen_per_request_by_header(http):
    response = http.get("/activities", auth=AUTH, headers={"X-Sandbox-Fault": "503=7"})
    assert response.status_code == 503 and response.headers["Retry-After"] == "7"
    assert http.get("/activities", auth=AUTH).status_code == 200
    bad = http.get("/activities", auth=AUTH, headers={"X-Sandbox-Fault": "explode"})
    assert bad.status_code == 400 and "unknown fault" in bad.json()["message"]


def test_faults_ordered_in_advance_target_one_service_and_run_out(http, admin):
    admin.inject("500", count=2, service=Service.REGISTRY)
    assert http.get("/activities", auth=AUTH).status_code == 200
    vin = "WVWZZZCDZMW517853"
    codes = [http.get(f"/registry/vehicles/{vin}").status_code for _ in range(3)]
    assert codes == [500, 500, 200]


def test_admin_lists_clears_and_resets(http, admin):
    admin.inject("drop", count=4)
    assert http.get("/_admin/faults").json()["queued"] == [{"fault": "drop", "remaining": 4, "service": None}]
    admin.clear_faults()
    assert http.get("/_admin/faults").json()["queued"] == []
    http.get("/activities", auth=AUTH)
    assert admin.request_count() == 1
    admin.reset()
    assert admin.request_count() == 0
    assert http.post("/_admin/faults", json={"fault": "500", "maintenance": True}).status_code == 400


def test_many_requests_share_one_keep_alive_connection(sandbox, admin):
    host, port = sandbox.url.removeprefix("http://").split(":")
    request = f"GET /openapi.json HTTP/1.1\r\nHost: {host}\r\n\r\n".encode()
    with socket.create_connection((host, int(port)), timeout=5) as connection:
        reader = connection.makefile("rb")
        for _ in range(3):
            connection.sendall(request)
            assert reader.readline().startswith(b"HTTP/1.1 200")
            headers = dict(line.decode().strip().split(": ", 1) for line in iter(reader.readline, b"\r\n"))
            assert len(reader.read(int(headers["Content-Length"]))) == int(headers["Content-Length"])


def test_each_server_gets_its_own_port_and_stop_frees_it():
    with SandboxServer() as first, SandboxServer() as second:
        assert first.url != second.url
        url = first.url
        assert httpx.get(url + "/openapi.json").status_code == 200
    with pytest.raises(httpx.ConnectError):
        httpx.get(url + "/openapi.json", timeout=1)


def test_stop_does_not_wait_for_a_hanging_request():
    server = SandboxServer()
    server.start()
    failures = []

    def hang():
        try:
            httpx.get(server.url + "/activities", headers={"X-Sandbox-Fault": "timeout=60"}, timeout=30)
        except httpx.TransportError as exc:
            failures.append(exc)

    caller = threading.Thread(target=hang)
    caller.start()
    time.sleep(0.2)
    started = time.monotonic()
    server.stop()
    caller.join(5)
    assert time.monotonic() - started < 2
    assert failures and not caller.is_alive()


def test_cli_serves_until_interrupted():
    process = subprocess.Popen(
        [sys.executable, "-m", "workshop_tui", "sandbox", "--port", "0"], stdout=subprocess.PIPE, text=True
    )
    try:
        first_line = process.stdout.readline()
        url = first_line.split()[3]
        assert httpx.get(url + "/openapi.json", timeout=5).status_code == 200
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(10) == 0
        process.stdout.close()


def test_chunked_and_oversized_bodies_are_refused_and_the_connection_closed(sandbox, admin):
    host, port = sandbox.url.removeprefix("http://").split(":")
    for headers, status in (("Transfer-Encoding: chunked", b"411"), ("Content-Length: 2000000", b"413")):
        with socket.create_connection((host, int(port)), timeout=5) as connection:
            connection.sendall(f"POST /observation HTTP/1.1\r\nHost: x\r\n{headers}\r\n\r\n".encode())
            answer = b"".join(iter(lambda: connection.recv(4096), b""))  # ends: the server closed
        assert answer.split()[1] == status and b"Connection: close" in answer


def test_a_sandbox_bug_is_a_logged_500(sandbox, admin, http, monkeypatch, caplog):
    def broken(*_):
        raise RuntimeError("bug")

    monkeypatch.setattr(sandbox.app.ledger, "read_status", broken)
    response = http.get("/observation/x/status", auth=AUTH)
    assert response.status_code == 500 and response.json()["code"] == "INTERNAL_ERROR"
    assert "RuntimeError: bug" in caplog.text
