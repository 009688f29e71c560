"""The sandbox application: routing, authentication, faults and admin endpoints, without sockets.

Car-Pass is mounted at the root, the vehicle registry under /registry, admin under /_admin.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import json
import logging
import re
import threading
from collections import deque
from collections.abc import Callable
from datetime import UTC, datetime
from functools import cached_property
from typing import TypeVar
from urllib.parse import unquote, urlsplit

from pydantic import Field, ValidationError, model_validator

from ..domain.identifiers import compact, establishment_number_error
from ..domain.vin import check as check_vin
from ..services.contract import (
    ACTIVITIES,
    CARPASS_REPORT,
    IDEMPOTENCY_HEADER,
    OBSERVATION_STATUS,
    OPERATIONS,
    POST_CORRECTION,
    POST_DESCRIPTION,
    POST_OBSERVATION,
    REGISTRY_VEHICLE,
    VEHICLE_HISTORY,
    ActivityList,
    CorrectionRequest,
    DescriptionRequest,
    DescriptionResult,
    ErrorCode,
    Model,
    ObservationRequest,
    Operation,
    RequestReference,
    Service,
    carpass_id_error,
    standard_activities,
    validation_problems,
)
from .carpass import CarPassLedger
from .faults import DEFAULT_MAINTENANCE_RETRY_AFTER_S, Fault, FaultBoard, FaultKind
from .openapi import openapi_document
from .protocol import JSON, ApiError, Request, Response, json_response
from .seed import Seed

logger = logging.getLogger(__name__)

SANDBOX_PASSWORD = "sandbox"
FAULT_HEADER = "X-Sandbox-Fault"
MOUNTS = {Service.CARPASS: "", Service.REGISTRY: "/registry"}
ADMIN_PREFIX = "/_admin/"
REQUEST_LOG_SIZE = 10_000
_MAX_IDEMPOTENCY_KEY = 255
M = TypeVar("M", bound=Model)


class FaultOrder(Model):
    """POST /_admin/faults: either a fault for the next `count` requests, or the maintenance switch."""

    fault: str | None = None
    count: int = Field(1, ge=1)
    service: Service | None = None
    maintenance: bool | None = None
    retry_after: float | None = Field(None, ge=0)

    @model_validator(mode="after")
    def _one_order(self) -> FaultOrder:
        if (self.fault is None) == (self.maintenance is None):
            raise ValueError('give either "fault" or "maintenance"')
        return self


def _route(op: Operation) -> re.Pattern[str]:
    return re.compile(re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", MOUNTS[op.service] + op.path))


def _parse(model: type[M], body: bytes) -> M:
    try:
        return model.model_validate_json(body or b"null")
    except ValidationError as exc:
        raise ApiError(
            400, ErrorCode.VALIDATION_ERROR, "The request body is not valid.", validation_problems(exc)
        ) from None


def _unauthorised(message: str) -> ApiError:
    return ApiError(
        401, ErrorCode.AUTHENTICATION_FAILED, message, headers={"WWW-Authenticate": 'Basic realm="Car-Pass sandbox"'}
    )


class SandboxApp:
    """Answers one request at a time; safe to call from many threads.

    `status_in_description=False` answers POST …/description without `currentStatus`, as the
    Inflow specification does, so that clients can be tried on both answers (docs/api.md).
    """

    def __init__(
        self,
        seed: Seed,
        password: str = SANDBOX_PASSWORD,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        *,
        status_in_description: bool = True,
    ):
        self.ledger = CarPassLedger(seed, clock)
        self.status_in_description = status_in_description
        self.faults = FaultBoard()
        self._seed_registry = {v.vin: v.registry for v in seed.vehicles if v.registry}
        self._password = password.encode()
        self._routes = [(_route(op), op) for op in OPERATIONS]
        self._handlers: dict[str, Callable[[Request, dict[str, str], str], Response]] = {
            POST_OBSERVATION.name: self._post_observation,
            OBSERVATION_STATUS.name: self._status,
            POST_DESCRIPTION.name: self._post_description,
            POST_CORRECTION.name: self._post_correction,
            VEHICLE_HISTORY.name: self._vehicle_history,
            CARPASS_REPORT.name: self._carpass_report,
            ACTIVITIES.name: self._activities,
            REGISTRY_VEHICLE.name: self._registry_vehicle,
        }
        self._activity_list = json_response(ActivityList(activities=[row.activity for row in standard_activities()]))
        self._log_lock = threading.Lock()
        self._log: deque[dict] = deque(maxlen=REQUEST_LOG_SIZE)
        self._received = 0

    @cached_property
    def _openapi(self) -> Response:
        """Built on first request, not while the terminal starts (some 20 ms of pydantic schemas)."""
        return Response(200, json.dumps(openapi_document(MOUNTS)).encode(), {"Content-Type": JSON})

    def handle(self, request: Request) -> Response:
        """The answer to `request`; a bug in the sandbox becomes a logged 500, never a dropped line."""
        try:
            return self._handle(request)
        except Exception:
            logger.exception("sandbox: %s %s failed", request.method, request.path)
            return ApiError(500, ErrorCode.INTERNAL_ERROR, "The sandbox failed on this request.").response()

    def _handle(self, request: Request) -> Response:
        path = unquote(urlsplit(request.path).path)
        if path.startswith(ADMIN_PREFIX):
            return self._guard(lambda: self._admin(request, path))
        if path == "/openapi.json":
            return self._openapi
        response, fault = self._guard_service(request, path)
        self._record(request, path, response, fault)
        return response

    @staticmethod
    def _guard(answer: Callable[[], Response]) -> Response:
        try:
            return answer()
        except ApiError as exc:
            return exc.response()

    def _guard_service(self, request: Request, path: str) -> tuple[Response, Fault | None]:
        service = Service.REGISTRY if path.startswith(MOUNTS[Service.REGISTRY] + "/") else Service.CARPASS
        try:
            header = request.header(FAULT_HEADER)
            fault = Fault.parse(header) if header else self.faults.take(service)
        except ValueError as exc:
            return ApiError(400, ErrorCode.VALIDATION_ERROR, f"{FAULT_HEADER}: {exc}").response(), None
        return self._guard(lambda: self._with_fault(fault, lambda: self._dispatch(request, path))), fault

    @staticmethod
    def _with_fault(fault: Fault | None, answer: Callable[[], Response]) -> Response:
        if fault is None:
            return answer()
        kind = fault.kind
        if kind is FaultKind.TIMEOUT:
            return Response(0, delay=fault.seconds or 0.0, drop=True)
        if kind is FaultKind.DROP:
            return Response(0, drop=True)
        retry_after = {"Retry-After": f"{fault.seconds:g}"} if fault.seconds is not None else {}
        if kind is FaultKind.MAINTENANCE:
            raise ApiError(503, ErrorCode.MAINTENANCE, "Car-Pass is in its maintenance window.", headers=retry_after)
        if kind is FaultKind.STATUS:
            code = ErrorCode.SERVICE_UNAVAILABLE if fault.status == 503 else ErrorCode.INTERNAL_ERROR
            raise ApiError(fault.status or 500, code, f"Injected fault {fault}.", headers=retry_after)
        try:
            response = answer()
        except ApiError as exc:
            response = exc.response()
        if kind is FaultKind.LATENCY:
            return response.delayed(fault.seconds or 0.0)
        if kind is FaultKind.DRIBBLE:
            return response.dribbled(fault.seconds or 0.0)
        return response.dropped() if kind is FaultKind.DROP_AFTER else response.garbled()

    def _dispatch(self, request: Request, path: str) -> Response:
        allowed = []
        for pattern, op in self._routes:
            match = pattern.fullmatch(path)
            if match is None:
                continue
            if op.method != request.method:
                allowed.append(op.method)
                continue
            establishment = self._authenticate(request) if op.authenticated else ""
            return self._handlers[op.name](request, match.groupdict(), establishment)
        if allowed:
            raise ApiError(
                405,
                ErrorCode.METHOD_NOT_ALLOWED,
                f"Use {', '.join(allowed)} on {path}.",
                headers={"Allow": ", ".join(allowed)},
            )
        raise ApiError(404, ErrorCode.NOT_FOUND, f"No route {path}.")

    def _authenticate(self, request: Request) -> str:
        """The establishment number of a valid basic-auth header, else 401."""
        scheme, _, token = (request.header("Authorization") or "").partition(" ")
        if scheme.lower() != "basic":
            raise _unauthorised("Basic authentication is required.")
        try:
            user, _, password = base64.b64decode(token, validate=True).partition(b":")
            establishment = user.decode("ascii")
        except (binascii.Error, UnicodeDecodeError):
            raise _unauthorised("The Authorization header is not valid basic authentication.") from None
        if establishment_number_error(establishment) or not hmac.compare_digest(password, self._password):
            raise _unauthorised("Unknown establishment number or wrong password.")
        return compact(establishment)

    @staticmethod
    def _idempotency_key(request: Request) -> str | None:
        key = request.header(IDEMPOTENCY_HEADER)
        if key is not None and not 0 < len(key) <= _MAX_IDEMPOTENCY_KEY:
            raise ApiError(400, ErrorCode.VALIDATION_ERROR, f"{IDEMPOTENCY_HEADER} must have 1 to 255 characters.")
        return key

    # -- Car-Pass ------------------------------------------------------------------------------

    def _post_observation(self, request: Request, _: dict[str, str], establishment: str) -> Response:
        observation = _parse(ObservationRequest, request.body)
        guid = self.ledger.submit(establishment, self._idempotency_key(request), observation)
        return json_response(RequestReference(request_guid=guid), POST_OBSERVATION.success)

    def _status(self, _: Request, params: dict[str, str], establishment: str) -> Response:
        return json_response(self.ledger.read_status(establishment, params["requestGuid"]))

    def _post_description(self, request: Request, params: dict[str, str], establishment: str) -> Response:
        guid = params["requestGuid"]
        status = self.ledger.describe(establishment, guid, _parse(DescriptionRequest, request.body))
        if not self.status_in_description:
            return json_response(RequestReference(request_guid=guid))
        return json_response(DescriptionResult(request_guid=guid, current_status=status))

    def _post_correction(self, request: Request, params: dict[str, str], establishment: str) -> Response:
        guid = params["requestGuid"]
        correction = _parse(CorrectionRequest, request.body)
        self.ledger.correct(establishment, guid, self._idempotency_key(request), correction)
        return json_response(RequestReference(request_guid=guid))

    def _vehicle_history(self, _: Request, params: dict[str, str], establishment: str) -> Response:
        return json_response(self.ledger.report(establishment, params["requestGuid"]))

    def _carpass_report(self, _: Request, params: dict[str, str], __: str) -> Response:
        error = carpass_id_error(params["carpassId"])
        if error:
            raise ApiError(400, ErrorCode.VALIDATION_ERROR, error)
        return json_response(self.ledger.report_by_carpass_id(params["carpassId"]))

    def _activities(self, *_: object) -> Response:
        return self._activity_list

    # -- vehicle registry ----------------------------------------------------------------------

    def _registry_vehicle(self, _: Request, params: dict[str, str], __: str) -> Response:
        report = check_vin(params["vin"])
        if not report.valid:
            raise ApiError(400, ErrorCode.VALIDATION_ERROR, "Not a valid VIN.", [e.code for e in report.errors])
        record = self._seed_registry.get(report.vin)
        if record is None:
            raise ApiError(404, ErrorCode.VEHICLE_NOT_FOUND, f"The registry does not know {report.vin}.")
        return json_response(record)

    # -- admin ---------------------------------------------------------------------------------

    def _record(self, request: Request, path: str, response: Response, fault: Fault | None) -> None:
        entry = {"method": request.method, "path": path, "status": None if response.drop else response.status,
                 "fault": str(fault) if fault else None}  # fmt: skip
        with self._log_lock:
            self._log.append(entry)
            self._received += 1

    def _admin(self, request: Request, path: str) -> Response:
        action = (request.method, path.removeprefix(ADMIN_PREFIX).rstrip("/"))
        if action == ("GET", "observations"):
            observations = [o.model_dump(mode="json") for o in self.ledger.observations()]
            return self._admin_json({"count": len(observations), "observations": observations})
        if action == ("GET", "requests"):
            with self._log_lock:
                return self._admin_json({"count": self._received, "requests": list(self._log)})
        if action == ("POST", "reset"):
            self.reset()
            return self._admin_json({"reset": True})
        if action == ("GET", "faults"):
            return self._admin_json(self.faults.snapshot())
        if action == ("DELETE", "faults"):
            self.faults.clear()
            return self._admin_json(self.faults.snapshot())
        if action == ("POST", "faults"):
            self._order_fault(_parse(FaultOrder, request.body))
            return self._admin_json(self.faults.snapshot())
        raise ApiError(404, ErrorCode.NOT_FOUND, f"No admin route {request.method} {path}.")

    def _order_fault(self, order: FaultOrder) -> None:
        if order.maintenance is not None:
            retry_after = DEFAULT_MAINTENANCE_RETRY_AFTER_S if order.retry_after is None else order.retry_after
            self.faults.maintenance(retry_after if order.maintenance else None)
            return
        try:
            fault = Fault.parse(order.fault or "")
        except ValueError as exc:
            raise ApiError(400, ErrorCode.VALIDATION_ERROR, str(exc)) from None
        self.faults.inject(fault, order.count, order.service)

    @staticmethod
    def _admin_json(data: dict) -> Response:
        return Response(200, json.dumps(data).encode(), {"Content-Type": JSON})

    def reset(self) -> None:
        """Back to the seed: no observations, no faults, an empty request log."""
        self.ledger.reset()
        self.faults.clear()
        with self._log_lock:
            self._log.clear()
            self._received = 0
