"""The sandbox over real sockets: standard-library HTTP/1.1 with keep-alive, one thread per connection.

with SandboxServer() as sandbox:        # a free port on 127.0.0.1
    client = CarPassClient(sandbox.carpass_url, ...)
    registry = RegistryClient(sandbox.registry_url)
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import socket
import socketserver
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from ..domain.identifiers import format_enterprise_number
from ..services.contract import Service
from .app import MOUNTS, SANDBOX_PASSWORD, SandboxApp
from .protocol import Request, Response
from .seed import Seed, load_seed

logger = logging.getLogger(__name__)

# A valid establishment number and enterprise number for demos (fictitious, correct check digits).
SANDBOX_ESTABLISHMENT_NUMBER = "2123456791"
SANDBOX_ENTERPRISE_NUMBER = "0412345614"
IDLE_TIMEOUT_S = 60.0  # an idle keep-alive connection is closed after this
MAX_BODY_BYTES = 1_000_000
_LOOPBACK = {"127.0.0.1", "::1", "localhost"}


_Request = socket.socket | tuple[bytes, socket.socket]  # what socketserver hands over (TCP: the socket)


def _socket(request: _Request) -> socket.socket:
    return request if isinstance(request, socket.socket) else request[1]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "workshop-tui-sandbox/1.0"
    sys_version = ""
    disable_nagle_algorithm = True
    timeout = IDLE_TIMEOUT_S
    server: _HTTPServer

    def do_GET(self) -> None:
        self._serve()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_GET

    def log_message(self, format: str, *args: object) -> None:
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug("%s " + format, self.address_string(), *args)

    def _serve(self) -> None:
        if self.headers.get("Transfer-Encoding"):
            self.send_error(411, "Send a Content-Length, not a chunked body")
            return
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            self.send_error(400, "Content-Length is not a number")
            return
        if length > MAX_BODY_BYTES:
            self.send_error(413, f"Bodies are limited to {MAX_BODY_BYTES} bytes")
            return
        body = self.rfile.read(length) if length > 0 else b""
        headers = {name.lower(): value for name, value in self.headers.items()}
        response = self.server.app.handle(Request(self.command, self.path, headers, body))
        if response.delay and self.server.stopping.wait(response.delay):
            response = response.dropped()  # the server is stopping: give up waiting
        if response.drop:
            self.close_connection = True
            return
        self._send(response)

    def _send(self, response: Response) -> None:
        """Status line, headers and body in one write (no Nagle/delayed-ACK stalls)."""
        reason = self.responses.get(response.status, ("",))[0]
        lines = [
            f"HTTP/1.1 {response.status} {reason}",
            f"Server: {self.server_version}",
            f"Date: {self.date_time_string()}",
            f"Content-Length: {len(response.body)}",
            *(f"{name}: {value}" for name, value in response.headers.items()),
        ]
        if self.close_connection:
            lines.append("Connection: close")
        answer = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + response.body
        if response.dribble:
            self._dribble(answer, response.dribble)
        else:
            self.wfile.write(answer)
        self.log_request(response.status, len(response.body))

    def _dribble(self, answer: bytes, seconds: float) -> None:
        """One byte every `seconds` (a hostile or broken server); stops when the server stops or
        the client hangs up."""
        self.close_connection = True
        try:
            for byte in answer:
                self.wfile.write(bytes([byte]))
                if self.server.stopping.wait(seconds):
                    return
        except OSError:
            return


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], app: SandboxApp):
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self.app = app
        self.stopping = threading.Event()
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        super().__init__(address, _Handler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind resolves the host's FQDN, which can stall on DNS; it is not needed.
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name, self.server_port = str(host), int(port)

    def process_request(self, request: _Request, client_address: object) -> None:
        with self._connections_lock:
            self._connections.add(_socket(request))
        super().process_request(request, client_address)

    def shutdown_request(self, request: _Request) -> None:
        with self._connections_lock:
            self._connections.discard(_socket(request))
        super().shutdown_request(request)

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that went away (reset, broken pipe, idle timeout) is routine; anything else is logged."""
        if isinstance(sys.exc_info()[1], OSError):
            logger.debug("connection from %s ended: %s", client_address, sys.exc_info()[1])
        else:
            logger.exception("sandbox: error on the connection from %s", client_address)

    def close_connections(self) -> None:
        """Cut every open keep-alive connection (their threads then end)."""
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):  # already closed by its client
                connection.shutdown(socket.SHUT_RDWR)


class SandboxServer:
    """The sandbox Car-Pass and vehicle registry on one port, served from a background thread."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0, *, seed: Seed | None = None,
                 password: str = SANDBOX_PASSWORD, status_in_description: bool = True):  # fmt: skip
        self.app = SandboxApp(seed or load_seed(), password, status_in_description=status_in_description)
        self._address = (host, port)
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> str:
        """Listen and serve in a daemon thread; return the base URL (the bound port if port was 0)."""
        if self._httpd is not None:
            raise RuntimeError("the sandbox is already running")
        self._httpd = _HTTPServer(self._address, self.app)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, name="sandbox-http", daemon=True
        )
        self._thread.start()
        return self.url

    def stop(self) -> None:
        """Stop listening, cut open connections and wait for the serving thread."""
        httpd, thread = self._httpd, self._thread
        if httpd is None or thread is None:
            return
        httpd.stopping.set()
        httpd.shutdown()
        httpd.close_connections()
        httpd.server_close()
        thread.join()
        self._httpd = self._thread = None

    @property
    def url(self) -> str:
        if self._httpd is None:
            raise RuntimeError("the sandbox is not running")
        host, port = (str(part) for part in self._httpd.server_address[:2])
        return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"

    @property
    def carpass_url(self) -> str:
        return self.url + MOUNTS[Service.CARPASS]

    @property
    def registry_url(self) -> str:
        return self.url + MOUNTS[Service.REGISTRY]

    def __enter__(self) -> SandboxServer:
        self.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()


def cli(args: argparse.Namespace) -> int:
    """`workshop-tui sandbox --host H --port P`: serve until Ctrl-C; 2 when it cannot listen there."""
    server = SandboxServer(args.host, args.port)
    try:
        server.start()
    except (OSError, OverflowError, ValueError, TypeError) as exc:  # busy port, unknown host, a name IDNA cannot encode
        reason = getattr(exc, "strerror", None) or str(exc).splitlines()[0]
        print(f"workshop-tui: cannot listen on {args.host!r} port {args.port}: {reason}", file=sys.stderr)
        return 2
    if args.host not in _LOOPBACK:
        print("warning: the sandbox has no TLS and open admin endpoints; keep it on a trusted network")
    print(f"Sandbox running on {server.url}  (Ctrl-C stops it)")
    print(f"  Car-Pass:         {server.carpass_url}")
    print(f"  vehicle registry: {server.registry_url}")
    print(f"  OpenAPI:          {server.url}/openapi.json   admin: {server.url}/_admin/observations")
    print(f"  log in with any valid establishment number (e.g. {SANDBOX_ESTABLISHMENT_NUMBER}), "
          f"password '{SANDBOX_PASSWORD}'; enterprise number e.g. "
          f"{format_enterprise_number(SANDBOX_ENTERPRISE_NUMBER)}", flush=True)  # fmt: skip
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0
