"""HTTP plumbing shared by the service clients: deadlines, retries, typed errors, parsed answers.

Each exchange ends within its deadline, however slowly the server sends; bodies are bounded,
decompressed size included; error texts are truncated before anything stores or logs them.
Retries (`policies.HttpPolicy`) happen only for requests that are safe to repeat (GET,
idempotent, or carrying an Idempotency-Key), and only after a transport error or an HTTP 408,
429 or 5xx, within the call's budget. A Retry-After the service sends is honoured; one longer
than the policy's `max_wait` ends the retries at once, so the caller (the outbox) can schedule
the next attempt. No message, log line or repr made here ever contains a credential.
"""

from __future__ import annotations

import base64
import logging
import ssl
import threading
import time
import zlib
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from typing import Any, ClassVar, TypeVar
from urllib.request import getproxies, proxy_bypass

import httpcore
import httpx
from pydantic import BaseModel, ValidationError
from tenacity import RetryCallState, Retrying, retry_if_exception_type, stop_after_attempt, stop_any, stop_before_delay
from tenacity.stop import stop_base

from . import problems
from .contract import ErrorBody, ErrorCode, Operation, validation_problems
from .policies import HttpPolicy

logger = logging.getLogger(__name__)

M = TypeVar("M", bound=BaseModel)
RETRYABLE_STATUSES = frozenset({408, 429})
MAX_ERROR_BODY = 64_000  # bytes of an error answer read; the rest is not wanted
MAX_ERROR_TEXT = 300  # characters of the service's words kept in an error message
MAX_DETAILS = 20
_LOOPBACK_HOSTS = {"127.0.0.1", "::1", "localhost"}


class ServiceError(Exception):
    """Base of every error the service clients raise. The message is English, safe to show and
    log; `problem` says the same as a code and parameters for the UI to word (`problems`).

    `problem` overrides the class's code (`PROBLEM`), `service` names the service called
    (`problems.SERVICES`, None when not known) and `params` are the code's other parameters.
    """

    PROBLEM: ClassVar[str]

    def __init__(self, message: str, *, problem: str | None = None, service: str | None = None, **params: Any):
        super().__init__(message)
        self.problem = problems.problem(problem or self.PROBLEM, service, **params)


class ConfigurationError(ServiceError):
    """The client's settings cannot work (establishment or enterprise number, URL): nothing was sent.

    `code` names the first setting at fault (e.g. PASSWORD_MISSING), `setting` the setting itself.
    """

    PROBLEM = problems.SETTINGS

    def __init__(
        self,
        message: str,
        code: str = "CONFIGURATION",
        setting: str | None = None,
        *,
        problem: str | None = None,
        service: str | None = None,
    ):
        super().__init__(message, problem=problem, service=service, setting=setting)
        self.code = code
        self.setting = setting


class InvalidRequest(ServiceError):
    """The arguments cannot make a valid request (e.g. a bad VIN): nothing was sent.

    `details` has one 'field: problem' line per problem found.
    """

    PROBLEM = problems.INVALID_REQUEST

    def __init__(self, message: str, details: list[str] | None = None, *, service: str | None = None):
        super().__init__(message, service=service, details=truncated("; ".join(details or [])))
        self.details = details or []


class ServiceUnavailable(ServiceError):
    """No usable answer (transport error, timeout, 408/429/5xx, maintenance): try again later.

    `retry_after` is the delay the service asked for, in seconds, when it named one.
    """

    PROBLEM = problems.UNREACHABLE

    def __init__(
        self,
        message: str,
        retry_after: float | None = None,
        code: str | None = None,
        *,
        problem: str | None = None,
        service: str | None = None,
        **params: Any,
    ):
        super().__init__(message, problem=problem, service=service, **params)
        self.retry_after = retry_after
        self.code = code

    @property
    def maintenance(self) -> bool:
        return self.code == ErrorCode.MAINTENANCE


class MalformedResponse(ServiceError):
    """The service answered something that does not follow the contract.

    For a POST the service may have acted on it: repeat later with the same Idempotency-Key.
    """

    PROBLEM = problems.MALFORMED


class ClientError(ServiceError):
    """The service refused the request (4xx other than 408/429); repeating it as is will not help."""

    PROBLEM = problems.REFUSED

    def __init__(
        self,
        message: str,
        status: int,
        code: str | None = None,
        details: list[str] | None = None,
        words: str = "",
        *,
        service: str | None = None,
    ):
        super().__init__(message, service=service, status=status, code=code or "", words=words)
        self.status = status
        self.code = code
        self.details = details or []
        self.words = words  # the service's own message, truncated


class AuthenticationFailed(ClientError):
    """Wrong establishment number or password (HTTP 401/403)."""

    PROBLEM = problems.AUTHENTICATION_FAILED


class NotFound(ClientError):
    """HTTP 404: no such observation, Car-Pass ID or route."""

    PROBLEM = problems.NOT_FOUND


class VehicleNotFound(NotFound):
    """The vehicle registry does not know this VIN."""


class CorrectionLimitReached(ClientError):
    """The one electronic correction is used: a signed correction form is required."""

    PROBLEM = problems.CORRECTION_LIMIT


_BY_CODE: dict[str, type[ClientError]] = {
    ErrorCode.CORRECTION_LIMIT: CorrectionLimitReached,
    ErrorCode.VEHICLE_NOT_FOUND: VehicleNotFound,
}
_BY_STATUS: dict[int, type[ClientError]] = {401: AuthenticationFailed, 403: AuthenticationFailed, 404: NotFound}


def truncated(text: str, limit: int = MAX_ERROR_TEXT) -> str:
    """`text` cut to `limit` characters (an ellipsis marks the cut), control characters made spaces."""
    text = "".join(ch if ch.isprintable() else " " for ch in text[: limit + 1])
    return text if len(text) <= limit else text[: limit - 1] + "…"


_exchange = threading.local()  # .end: when the running exchange of this thread must be over (time.monotonic())


def _cut(timeout: float | None, expired: type[Exception]) -> float | None:
    """`timeout`, shortened to what is left of this thread's exchange; `expired` once nothing is left."""
    end = getattr(_exchange, "end", None)
    if end is None:
        return timeout
    left = end - time.monotonic()
    if left <= 0:
        raise expired("the exchange's deadline passed")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read, write and TLS handshake ends by the exchange's deadline,
    so a server sending one byte at a time (in its headers or its body) cannot hold a call."""

    def __init__(self, stream: httpcore.NetworkStream):
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _cut(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _cut(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(self, ssl_context, server_hostname=None, timeout=None) -> httpcore.NetworkStream:
        return _DeadlineStream(
            self._stream.start_tls(ssl_context, server_hostname, _cut(timeout, httpcore.ConnectTimeout))
        )

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    """Opens connections that keep the exchange's deadline (`_DeadlineStream`)."""

    def __init__(self, backend: httpcore.NetworkBackend):
        self._backend = backend

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None) -> httpcore.NetworkStream:
        timeout = _cut(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._backend.connect_tcp(host, port, timeout, local_address, socket_options))

    def connect_unix_socket(self, path, timeout=None, socket_options=None) -> httpcore.NetworkStream:
        timeout = _cut(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._backend.connect_unix_socket(path, timeout, socket_options))

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


class _BodyTooLarge(Exception):
    pass


def _read_body(response: httpx.Response, limit: int) -> bytes:
    """The decoded body, refusing more than `limit` bytes on the wire or once decompressed."""
    encoding = response.headers.get("Content-Encoding", "identity").strip().lower()
    if encoding in ("gzip", "x-gzip"):
        decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
    elif encoding == "deflate":
        decoder = zlib.decompressobj()
    elif encoding in ("", "identity"):
        decoder = None
    else:
        raise httpx.DecodingError(f"unsupported Content-Encoding {truncated(encoding, 40)!r}")
    body, received = bytearray(), 0
    in_memory = isinstance(response.stream, httpx.ByteStream)  # a test transport's answer, already read
    for chunk in [response.content] if in_memory else response.iter_raw():
        received += len(chunk)
        if received > limit:
            raise _BodyTooLarge
        if decoder is None:
            body += chunk
            continue
        try:
            body += decoder.decompress(chunk, limit + 1 - len(body))
        except zlib.error as exc:
            raise httpx.DecodingError(str(exc)) from None
        if len(body) > limit or decoder.unconsumed_tail:
            raise _BodyTooLarge
    return bytes(body)


@cache
def _user_agent() -> str:
    """Asked once per process: each look-up of the installed version reads the packages' metadata (2-4 ms)."""
    try:
        return f"workshop-tui/{version('workshop-tui')}"
    except PackageNotFoundError:
        return "workshop-tui"


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or HTTP-date); None when absent or unreadable."""
    if not value:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max((when - (now or datetime.now(UTC))).total_seconds(), 0.0)


def check_base_url(base_url: str, *, carries_credentials: bool, service: str | None = None) -> httpx.URL:
    """Refuse URLs that would leak credentials: userinfo in the URL, or plain HTTP off this machine."""
    try:
        url = httpx.URL(base_url)
    except httpx.InvalidURL as exc:
        raise ConfigurationError(
            f"service URL is not valid: {exc}", problem=problems.URL_INVALID, service=service
        ) from None
    if url.scheme not in ("http", "https") or not url.host:
        raise ConfigurationError(
            "service URL must start with https:// and name a host", problem=problems.URL_INVALID, service=service
        )
    if url.userinfo:
        raise ConfigurationError(
            "service URL must not contain a user name or password; use the settings",
            problem=problems.URL_WITH_CREDENTIALS,
            service=service,
        )
    if carries_credentials and url.scheme == "http" and url.host not in _LOOPBACK_HOSTS:
        raise ConfigurationError(
            "credentials are only sent over https:// (plain http is for the local sandbox)",
            problem=problems.URL_PLAIN_HTTP,
            service=service,
        )
    return url


def environment_proxy(url: httpx.URL) -> httpx.Proxy | None:
    """The proxy that HTTPS_PROXY, HTTP_PROXY or ALL_PROXY name for `url`, unless NO_PROXY exempts its host."""
    proxies = getproxies()
    proxy = proxies.get(url.scheme) or proxies.get("all")
    if not proxy or proxy_bypass(url.host):
        return None
    return httpx.Proxy(proxy if "://" in proxy else f"http://{proxy}")


@cache
def _tls(needed: bool) -> ssl.SSLContext:
    """The TLS context every service shares: loading the CA bundle takes some 20-30 ms each time.
    Plain HTTP (the sandbox on loopback) needs none: one that trusts nobody. (A proxy's own TLS is httpx's.)"""
    return httpx.create_ssl_context() if needed else ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


def basic_credentials(user: str, password: str) -> str:
    """The value of an HTTP basic Authorization header (RFC 7617, UTF-8)."""
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode("ascii")


class _RetryAfterTooLong(stop_base):
    """Stop retrying when the service asks to wait longer than `max_wait` seconds (Retry-After)."""

    def __init__(self, max_wait: float) -> None:
        self.max_wait = max_wait

    def __call__(self, retry_state: RetryCallState) -> bool:
        error = retry_state.outcome.exception() if retry_state.outcome else None
        return isinstance(error, ServiceUnavailable) and (error.retry_after or 0.0) > self.max_wait


class JsonService:
    """One JSON web service: a keep-alive connection pool with explicit deadlines, plus the retry policy.

    Requests go straight to an httpx transport (pool, TLS verification, the environment's proxy):
    no cookies, redirects or event hooks are needed here, and skipping httpx.Client's handling of
    them saves a fifth of the CPU time of a call, which the outbox drain is bound by.
    `service` is the service called (`problems.SERVICES`), in the errors' problems and, by its
    English name, in their messages; `authorization` is the Authorization header value, if the
    service needs one; `transport` replaces the network (tests).
    """

    def __init__(
        self,
        service: str,
        base_url: str,
        *,
        connect_timeout: float,
        read_timeout: float,
        policy: HttpPolicy,
        authorization: str | None = None,
        transport: httpx.BaseTransport | None = None,
    ):
        self.name = name = problems.LOG_NAMES[service]
        self.service = service
        url = check_base_url(base_url, carries_credentials=authorization is not None, service=service)
        for what, seconds in (("connect", connect_timeout), ("read", read_timeout)):
            if not 0 < seconds < float("inf"):
                raise ConfigurationError(
                    f"{name} {what} timeout must be a positive number of seconds", setting="timeouts", service=service
                )
        self.policy = policy
        self._backoff = policy.backoff()
        # One controller for every call: tenacity keeps each thread's retry state apart.
        self._retrying = Retrying(
            stop=stop_any(
                stop_after_attempt(policy.attempts),
                stop_before_delay(policy.budget),
                _RetryAfterTooLong(policy.max_wait),
            ),
            wait=self._wait,
            retry=retry_if_exception_type(ServiceUnavailable),
            before_sleep=self._log_retry,
            reraise=True,
            sleep=time.sleep,
        )
        if transport is None:
            transport = httpx.HTTPTransport(verify=_tls(url.scheme == "https"), proxy=environment_proxy(url))
            pool = transport._pool  # httpx takes no network backend: wrap the one its pool uses
            pool._network_backend = _DeadlineBackend(pool._network_backend)
        self._transport: httpx.BaseTransport = transport
        self._headers = {"Accept": "application/json", "User-Agent": _user_agent()}
        if authorization is not None:
            self._headers["Authorization"] = authorization
        self._extensions = {"timeout": httpx.Timeout(read_timeout, connect=connect_timeout).as_dict()}
        self._base = str(url).rstrip("/") + "/"  # operation paths are relative to it
        self._fixed_urls: dict[Operation, httpx.URL] = {}

    @property
    def base_url(self) -> str:
        return self._base

    def close(self) -> None:
        self._transport.close()

    def call(
        self,
        operation: Operation,
        response_model: type[M],
        *,
        path_values: dict[str, str] | None = None,
        body: BaseModel | None = None,
        headers: dict[str, str] | None = None,
    ) -> M:
        """Send `operation`, retrying when it is safe, and parse the answer into `response_model`.

        The whole call, its tries and waits included, ends within the policy's budget.
        """
        url = self._url(operation, path_values)
        content = body.model_dump_json().encode() if body is not None else None
        request_headers = {"Content-Type": "application/json", **(headers or {})} if content is not None else headers
        end = time.monotonic() + self.policy.budget
        if operation.retry_safe:
            response = self._retrying(self._send, operation, url, content, request_headers, end)
        else:
            response = self._send(operation, url, content, request_headers, end)
        return self._parse(operation, response, response_model)

    def _url(self, operation: Operation, path_values: dict[str, str] | None) -> httpx.URL:
        """The absolute URL of `operation`: parsed once per call at most, never merged with the base again."""
        if not operation.parameters:
            url = self._fixed_urls.get(operation)
            if url is None:
                url = self._fixed_urls[operation] = self._absolute(operation.url())
            return url
        return self._absolute(operation.url(**(path_values or {})))

    def _absolute(self, path: str) -> httpx.URL:
        return httpx.URL(self._base + path.lstrip("/"))

    def _send(
        self,
        operation: Operation,
        url: httpx.URL,
        content: bytes | None,
        headers: dict[str, str] | None,
        call_end: float,
    ) -> tuple[int, bytes]:
        """One exchange, ended by the policy's deadline or the call's end, whichever comes first."""
        what = f"{self.name} ({operation.method} {operation.path})"
        request = httpx.Request(
            operation.method, url, content=content, headers={**self._headers, **(headers or {})},
            extensions=self._extensions,
        )  # fmt: skip
        _exchange.end = min(time.monotonic() + self.policy.deadline, call_end)
        try:
            response = self._transport.handle_request(request)
            try:
                error = response.status_code >= 400
                limit = min(self.policy.max_body, MAX_ERROR_BODY) if error else self.policy.max_body
                try:
                    body = _read_body(response, limit)
                except _BodyTooLarge:
                    if not error:
                        raise MalformedResponse(
                            f"{what} sent an answer larger than {limit} bytes",
                            problem=problems.ANSWER_TOO_LARGE,
                            service=self.service,
                            limit=limit,
                        ) from None
                    body = b""  # an error's words are not worth more: the status says enough
            finally:
                response.close()
        except httpx.TimeoutException as exc:
            raise ServiceUnavailable(
                f"{what} did not answer in time", problem=problems.TIMEOUT, service=self.service
            ) from exc
        except httpx.TransportError as exc:
            raise ServiceUnavailable(
                f"{what} cannot be reached ({type(exc).__name__})", problem=problems.UNREACHABLE, service=self.service
            ) from exc
        except httpx.DecodingError as exc:
            raise MalformedResponse(
                f"{what} sent a body that cannot be decoded", problem=problems.UNDECODABLE, service=self.service
            ) from exc
        finally:
            _exchange.end = None
        if response.status_code >= 400:
            raise self._error(what, response, body)
        return response.status_code, body

    def _error(self, what: str, response: httpx.Response, body: bytes) -> ServiceError:
        status = response.status_code
        try:
            error = ErrorBody.model_validate_json(body)
        except ValidationError:
            error = ErrorBody(code="", message=response.reason_phrase)
        code, words = truncated(error.code, 60), truncated(error.message)
        details = [truncated(detail) for detail in error.details[:MAX_DETAILS]]
        message = f"{what} answered HTTP {status}" + (f" {code}" if code else "") + f": {words}"
        if status in RETRYABLE_STATUSES or status >= 500:
            retry_after = parse_retry_after(response.headers.get("Retry-After"))
            if code == ErrorCode.MAINTENANCE:
                problem = problems.MAINTENANCE
            else:
                problem = problems.BUSY if status in RETRYABLE_STATUSES else problems.SERVER_ERROR
            return ServiceUnavailable(
                message, retry_after, code or None, problem=problem, service=self.service, status=status
            )
        kind = _BY_CODE.get(code) or _BY_STATUS.get(status, ClientError)
        return kind(message, status, code or None, details, words, service=self.service)

    def _parse(self, operation: Operation, response: tuple[int, bytes], model: type[M]) -> M:
        try:
            return model.model_validate_json(response[1])
        except ValidationError as exc:
            raise MalformedResponse(
                f"{self.name} ({operation.method} {operation.path}) sent an answer that does not follow the contract: "
                f"{truncated(validation_problems(exc)[0])}",
                service=self.service,
            ) from None

    def _wait(self, state: RetryCallState) -> float:
        error = state.outcome.exception() if state.outcome else None
        if isinstance(error, ServiceUnavailable) and error.retry_after is not None:
            return error.retry_after
        return self._backoff(state)

    def _log_retry(self, state: RetryCallState) -> None:
        error = state.outcome.exception() if state.outcome else None
        delay = state.next_action.sleep if state.next_action else 0.0
        logger.warning("%s; attempt %d failed, retrying in %.2f s", error, state.attempt_number, delay)
