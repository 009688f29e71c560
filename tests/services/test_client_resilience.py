"""Transport trouble over real sockets: nothing listening, slow, 5xx, dropped, garbled, maintenance."""

from __future__ import annotations

import logging
import socket
import ssl
import threading
import time
import uuid
from datetime import datetime
from http.server import BaseHTTPRequestHandler, HTTPServer

import httpx
import pytest

from workshop_tui.sandbox.app import SANDBOX_PASSWORD
from workshop_tui.sandbox.server import SANDBOX_ENTERPRISE_NUMBER, SANDBOX_ESTABLISHMENT_NUMBER
from workshop_tui.services.carpass_client import CarPassClient
from workshop_tui.services.contract import POST_OBSERVATION, Operation, RequestReference, Service
from workshop_tui.services.http import (
    ClientError,
    JsonService,
    MalformedResponse,
    ServiceUnavailable,
    environment_proxy,
    parse_retry_after,
)
from workshop_tui.services.policies import HttpPolicy
from workshop_tui.services.problems import CARPASS, REGISTRY
from workshop_tui.services.registry_client import RegistryClient


def post(client: CarPassClient, fleet, key: str | None = None) -> str:
    return client.post_observation(
        idempotency_key=key or str(uuid.uuid4()), vin=fleet.plain.vin, reading_at=fleet.today(),
        odometer_km=fleet.next_km(fleet.plain), job_reference="INV-1",
    )  # fmt: skip


def statuses(admin) -> list[int | None]:
    return [r["status"] for r in admin.requests()]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_nothing_listening_gives_service_unavailable_after_bounded_retries(caplog, fast_retry):
    url = f"http://127.0.0.1:{free_port()}"
    client = CarPassClient(url, SANDBOX_ESTABLISHMENT_NUMBER, SANDBOX_PASSWORD, SANDBOX_ENTERPRISE_NUMBER,
                           connect_timeout=0.5, policy=fast_retry)  # fmt: skip
    started = time.monotonic()
    with (
        caplog.at_level(logging.WARNING, logger="workshop_tui.services.http"),
        client,
        pytest.raises(ServiceUnavailable, match="cannot be reached") as raised,
    ):
        client.status(str(uuid.uuid4()))
    assert time.monotonic() - started < 3
    assert raised.value.retry_after is None and not raised.value.maintenance
    assert len(caplog.records) == fast_retry.attempts - 1


def test_registry_down_too(fleet, fast_retry):
    registry = RegistryClient(f"http://127.0.0.1:{free_port()}", connect_timeout=0.5, policy=fast_retry)
    with registry, pytest.raises(ServiceUnavailable):
        registry.vehicle(fleet.plain.vin)


def test_answer_slower_than_the_read_timeout_is_service_unavailable(make_carpass, admin, fast_retry):
    client = make_carpass(read_timeout=0.3)
    admin.inject("timeout=3", count=fast_retry.attempts)
    started = time.monotonic()
    with pytest.raises(ServiceUnavailable, match="did not answer in time"):
        client.status(str(uuid.uuid4()))
    assert time.monotonic() - started < 2.5
    assert statuses(admin) == [None] * fast_retry.attempts


def test_a_sandbox_answer_dribbled_byte_by_byte_ends_at_the_exchange_deadline(make_carpass, admin):
    client = make_carpass(read_timeout=5.0, policy=HttpPolicy(deadline=1.0, attempts=2, budget=2.5, initial_wait=0.01))
    admin.inject("dribble=0.05", count=2)  # each byte well within the read timeout
    started = time.monotonic()
    with pytest.raises(ServiceUnavailable, match="did not answer in time"):
        client.status(str(uuid.uuid4()))
    assert time.monotonic() - started < 4.0  # two deadlines, not 2 x 5 s of reads
    assert len(admin.requests()) == 2


def test_late_answer_to_a_post_is_retried_with_the_same_key_and_counted_once(make_carpass, admin, fleet):
    client = make_carpass(read_timeout=0.3)
    admin.inject("latency=1")  # the sandbox records the observation, the client gives up waiting
    guid = post(client, fleet, key="late-1")
    (arrived,) = admin.observations()
    assert arrived["requestGuid"] == guid
    assert statuses(admin) == [201, 201]


def test_server_errors_then_success_is_retried_into_one_observation(carpass, admin, fleet):
    admin.inject("500", count=2)
    guid = post(carpass, fleet)
    assert [o["requestGuid"] for o in admin.observations()] == [guid]
    assert statuses(admin) == [500, 500, 201]


def test_server_errors_beyond_the_attempts_give_service_unavailable(carpass, admin, fleet, fast_retry):
    admin.inject("500", count=10)
    with pytest.raises(ServiceUnavailable, match="HTTP 500") as raised:
        post(carpass, fleet)
    assert raised.value.code == "INTERNAL_ERROR"
    assert statuses(admin) == [500] * fast_retry.attempts
    assert admin.observations() == []


def test_dropped_connection_is_retried(carpass, admin, fleet):
    admin.inject("drop")
    post(carpass, fleet)
    assert statuses(admin) == [None, 201]
    assert len(admin.observations()) == 1


def test_lost_answer_after_the_work_is_done_counts_once(carpass, admin, fleet):
    admin.inject("drop-after")
    guid = post(carpass, fleet, key="lost-1")
    assert [o["requestGuid"] for o in admin.observations()] == [guid]
    assert statuses(admin) == [None, 201]


@pytest.mark.parametrize("call", ["status", "registry"])
def test_malformed_body_is_a_typed_error_and_not_retried(carpass, registry, admin, fleet, call):
    guid = post(carpass, fleet)
    admin.inject("malformed")
    with pytest.raises(MalformedResponse, match="does not follow the contract"):
        if call == "status":
            carpass.status(guid)
        else:
            registry.vehicle(fleet.plain.vin)
    assert statuses(admin) == [201, 200]


def test_maintenance_window_gives_retry_after_at_once(carpass, registry, admin, fleet):
    admin.maintenance(True, retry_after=3600)
    with pytest.raises(ServiceUnavailable) as raised:
        post(carpass, fleet)
    assert raised.value.maintenance and raised.value.retry_after == 3600
    assert statuses(admin) == [503]  # a wait longer than the policy allows is the caller's to schedule
    assert registry.vehicle(fleet.plain.vin).vin == fleet.plain.vin  # the registry is another service
    admin.maintenance(False)
    post(carpass, fleet)


def test_short_retry_after_is_honoured(carpass, admin, fleet):
    admin.inject("maintenance=0.3")
    started = time.monotonic()
    post(carpass, fleet)
    assert time.monotonic() - started >= 0.3
    assert statuses(admin) == [503, 201]


def test_too_many_requests_is_retried_after_the_announced_delay(carpass, admin, fleet):
    admin.inject("429=0.2", service=Service.CARPASS)
    started = time.monotonic()
    post(carpass, fleet)
    assert time.monotonic() - started >= 0.2
    assert statuses(admin) == [429, 201]


def test_client_errors_are_not_retried(carpass, admin):
    admin.inject("400")
    with pytest.raises(ClientError) as raised:
        carpass.status(str(uuid.uuid4()))
    assert raised.value.status == 400
    assert statuses(admin) == [400]


def test_a_post_without_idempotency_is_never_repeated(sandbox, admin, fast_retry):
    unsafe = Operation("unsafe", Service.CARPASS, "POST", "/observation", "test", RequestReference)
    assert not unsafe.retry_safe and POST_OBSERVATION.retry_safe
    service = JsonService(CARPASS, sandbox.carpass_url, connect_timeout=1, read_timeout=2, policy=fast_retry)
    admin.inject("503", count=3)
    with pytest.raises(ServiceUnavailable):
        service.call(unsafe, RequestReference)
    service.close()
    assert statuses(admin) == [503]


def test_retry_policy_attempts_are_configurable(make_carpass, admin):
    client = make_carpass(policy=HttpPolicy(attempts=5, initial_wait=0.001, max_wait=0.01, jitter=0))
    admin.inject("502", count=10)
    with pytest.raises(ServiceUnavailable):
        client.activities()
    assert statuses(admin) == [502] * 5


@pytest.mark.parametrize(
    ("header", "seconds"),
    [("120", 120.0), ("0.5", 0.5), ("-3", 0.0), ("Mon, 23 Nov 2026 19:00:30 GMT", 30.0),
     ("Mon, 23 Nov 2026 18:00:00 GMT", 0.0), ("soon", None), ("", None), (None, None)],
)  # fmt: skip
def test_retry_after_header_forms(header, seconds):
    now = datetime.fromisoformat("2026-11-23T19:00:00+00:00")
    assert parse_retry_after(header, now) == seconds


def test_undecodable_body_is_malformed():
    class GarbledGzip(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", "5")
            self.end_headers()
            self.wfile.write(b"xxxxx")

        def log_message(self, *_):
            pass

    server = HTTPServer(("127.0.0.1", 0), GarbledGzip)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        registry = RegistryClient(f"http://127.0.0.1:{server.server_address[1]}")
        with registry, pytest.raises(MalformedResponse, match="cannot be decoded"):
            registry.vehicle("WVWZZZCDZMW517853")
    finally:
        server.shutdown()
        server.server_close()


PROXY_VARIABLES = ("http_proxy", "https_proxy", "all_proxy", "no_proxy")


@pytest.fixture
def proxy_environment(monkeypatch):
    """No proxy variable from the machine; the test sets the ones it needs."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    return monkeypatch


def test_the_environment_names_the_proxy_unless_no_proxy_exempts_the_host(proxy_environment):
    proxy_environment.setenv("HTTPS_PROXY", "proxy.garage.lan:3128")
    proxy_environment.setenv("NO_PROXY", "registry.example")
    assert environment_proxy(httpx.URL("https://car-pass.example/inflow")).url == "http://proxy.garage.lan:3128"
    assert environment_proxy(httpx.URL("https://registry.example/")) is None
    assert environment_proxy(httpx.URL("http://car-pass.example/")) is None  # no HTTP_PROXY


def test_requests_go_through_the_environment_proxy(proxy_environment):
    asked = []
    vin = "WVWZZZCDZMW517853"

    class Proxy(BaseHTTPRequestHandler):
        def do_GET(self):
            asked.append(self.path)  # a proxy is asked for the absolute URL
            body = f'{{"vin": "{vin}"}}'.encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_):
            pass

    server = HTTPServer(("127.0.0.1", 0), Proxy)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    proxy_environment.setenv("HTTP_PROXY", f"http://127.0.0.1:{server.server_address[1]}")
    try:
        with RegistryClient("http://registry.example/div", policy=HttpPolicy(attempts=1)) as registry:
            assert registry.vehicle(vin).vin == vin
    finally:
        server.shutdown()
        server.server_close()
    assert asked == [f"http://registry.example/div/vehicles/{vin}"]


@pytest.mark.parametrize(
    ("url", "trusted"),
    [("https://car-pass.example/inflow", True), ("http://127.0.0.1:8000/registry", False)],  # sandbox: 20-30 ms less
)
def test_the_ca_bundle_is_loaded_only_where_tls_is_spoken(url, trusted):
    service = JsonService(REGISTRY, url, connect_timeout=1, read_timeout=1, policy=HttpPolicy(attempts=1))
    context = service._transport._pool._ssl_context  # type: ignore[attr-defined]
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname  # never unverified
    assert bool(context.get_ca_certs()) == trusted  # without CAs, any TLS handshake fails
    service.close()
