"""Every wait is bounded, over real loopback sockets: a server that dribbles its answer, a gzip
bomb, a 10 MB error message, a registry that does not answer within 3 s."""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from workshop_tui.services.http import ClientError, MalformedResponse, ServiceUnavailable, truncated
from workshop_tui.services.policies import REGISTRY_HTTP, HttpPolicy
from workshop_tui.services.registry_client import RegistryClient

VIN = "WVWZZZCDZMW517853"
ONE_TRY = HttpPolicy(deadline=1.0, attempts=1, budget=1.0)


@contextmanager
def serving(answer: Callable[[BaseHTTPRequestHandler], None]) -> Iterator[str]:
    """A loopback server answering every GET with `answer`; yields its base URL."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            try:
                answer(self)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up, as it should
                pass

        def log_message(self, *_):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def dribble(handler: BaseHTTPRequestHandler) -> None:
    """Headers at once, then one byte of the body every 0.1 s for 30 s."""
    handler.send_response(200)
    handler.send_header("Content-Length", "300")
    handler.end_headers()
    for _ in range(300):
        handler.wfile.write(b" ")
        handler.wfile.flush()
        time.sleep(0.1)


def dribble_headers(handler: BaseHTTPRequestHandler) -> None:
    """The status line and headers one byte every 0.1 s: never a complete head within the deadline."""
    for byte in b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Slow: " + b"x" * 200:
        handler.wfile.write(bytes([byte]))
        handler.wfile.flush()
        time.sleep(0.1)


@pytest.mark.parametrize("answer", [dribble, dribble_headers], ids=["body", "headers"])
def test_a_server_dribbling_bytes_cannot_hold_a_call_beyond_its_deadline(answer):
    with serving(answer) as url, RegistryClient(url, read_timeout=5.0, policy=ONE_TRY) as registry:
        started = time.monotonic()
        with pytest.raises(ServiceUnavailable, match="did not answer in time"):
            registry.vehicle(VIN)
        assert time.monotonic() - started < 1.5


def test_a_gzip_bomb_is_refused_without_inflating_it():
    bomb = gzip.compress(b"{" + b" " * 50_000_000 + b"}", compresslevel=9)  # 50 MB in about 50 KB
    assert len(bomb) < 100_000

    def send(handler):
        handler.send_response(200)
        handler.send_header("Content-Encoding", "gzip")
        handler.send_header("Content-Length", str(len(bomb)))
        handler.end_headers()
        handler.wfile.write(bomb)

    policy = HttpPolicy(deadline=5.0, attempts=1, budget=5.0, max_body=1_000_000)
    with serving(send) as url, RegistryClient(url, policy=policy) as registry:
        with pytest.raises(MalformedResponse, match="larger than 1000000 bytes"):
            registry.vehicle(VIN)


def test_an_answer_longer_than_the_bound_is_refused():
    body = b'{"vin": "' + VIN.encode() + b'", "make": "' + b"x" * 3_000_000 + b'"}'

    def send(handler):
        handler.send_response(200)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    with serving(send) as url, RegistryClient(url, policy=HttpPolicy(attempts=1)) as registry:
        with pytest.raises(MalformedResponse, match="larger than"):
            registry.vehicle(VIN)


def refusing(status: int, body: bytes) -> Callable[[BaseHTTPRequestHandler], None]:
    def send(handler):
        handler.send_response(status)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return send


def refusal(status: int, body: bytes) -> ClientError:
    with serving(refusing(status, body)) as url, RegistryClient(url, policy=HttpPolicy(attempts=1)) as registry:
        with pytest.raises(ClientError) as raised:
            registry.vehicle(VIN)
    return raised.value


def test_a_10_mb_error_message_becomes_a_short_error():
    error = refusal(400, b'{"code": "VALIDATION_ERROR", "message": "' + b"A" * 10_000_000 + b'"}')
    assert error.status == 400 and len(str(error)) < 500


def test_the_service_words_are_truncated_and_stripped_of_control_characters():
    error = refusal(
        422, b'{"code": "VALIDATION_ERROR", "message": "odometer\\u001b[31m too high ' + b"x" * 1000 + b'"}'
    )
    assert error.code == "VALIDATION_ERROR"
    assert error.words.startswith("odometer [31m too high") and len(error.words) == 300
    assert truncated("short") == "short"


def test_a_registry_that_does_not_answer_gives_up_within_3_s():
    def silent(handler):
        time.sleep(10)

    with serving(silent) as url, RegistryClient(url, read_timeout=10.0) as registry:
        assert registry._service.policy is REGISTRY_HTTP
        started = time.monotonic()
        with pytest.raises(ServiceUnavailable):
            registry.vehicle(VIN)
        assert time.monotonic() - started < 3.3


@pytest.mark.parametrize(
    "changes",
    [{"deadline": 0}, {"budget": -1}, {"deadline": float("nan")}, {"attempts": 0}, {"max_wait": float("inf")}],
)
def test_a_policy_refuses_values_that_cannot_bound_a_wait(changes):
    with pytest.raises(ValueError):
        HttpPolicy(**changes)


def test_a_transport_given_replaces_the_network():
    import httpx

    answered = httpx.MockTransport(lambda request: httpx.Response(200, json={"vin": VIN, "make": "Volkswagen"}))
    with RegistryClient("http://registry.example/div", transport=answered) as registry:
        assert registry.vehicle(VIN).make == "Volkswagen"
