"""Client of Car-Pass's Inflow web service: report readings, follow them, correct them once.

Typical delivery of one reading (the outbox makes the idempotency key once and reuses it):

    guid = client.post_observation(idempotency_key=key, vin=vin, reading_at=at, odometer_km=km, job_reference=ref)
    result = client.post_description(guid, activity_codes_for(job.work), job.job_lines)
    result = result or client.status(guid)  # then poll status(guid) until result.status.is_final

Errors: ConfigurationError and InvalidRequest (nothing sent), ServiceUnavailable (try later,
honour `retry_after`), MalformedResponse, AuthenticationFailed, NotFound,
CorrectionLimitReached and other ClientErrors (see services/http.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Protocol, TypeVar

import httpx
from pydantic import BaseModel, SecretStr, ValidationError

from ..domain.identifiers import compact, enterprise_number_error, establishment_number_error
from .contract import (
    ACTIVITIES,
    CARPASS_REPORT,
    IDEMPOTENCY_HEADER,
    OBSERVATION_STATUS,
    POST_CORRECTION,
    POST_DESCRIPTION,
    POST_OBSERVATION,
    VEHICLE_HISTORY,
    Activity,
    ActivityList,
    CorrectionRequest,
    DescriptionRequest,
    DescriptionResult,
    ObservationRequest,
    Operation,
    RequestReference,
    StatusResult,
    VehicleHistoryReport,
    carpass_id_error,
    normalise_carpass_id,
    validation_problems,
)
from .http import ConfigurationError, InvalidRequest, JsonService, MalformedResponse, basic_credentials
from .policies import CARPASS_HTTP, HttpPolicy
from .problems import CARPASS, LOG_NAMES

MAX_IDEMPOTENCY_KEY = 255

T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)


class _AboutRequest(Protocol):
    @property
    def request_guid(self) -> str: ...


A = TypeVar("A", bound=_AboutRequest)


def _build(what: str, make: Callable[[], T]) -> T:
    """Build a request model; a validation error becomes one readable InvalidRequest."""
    try:
        return make()
    except ValidationError as exc:
        problems = validation_problems(exc)
        raise InvalidRequest(f"{what} is not valid: {'; '.join(problems)}", problems, service=CARPASS) from None


def _check_key(key: str) -> dict[str, str]:
    if not 0 < len(key) <= MAX_IDEMPOTENCY_KEY or not key.isascii() or not key.isprintable():
        raise InvalidRequest(
            f"the idempotency key must be 1 to {MAX_IDEMPOTENCY_KEY} printable ASCII characters", service=CARPASS
        )
    return {IDEMPOTENCY_HEADER: key}


class CarPassClient:
    """One workshop's connection to Car-Pass; thread-safe (one keep-alive connection pool)."""

    def __init__(
        self,
        base_url: str,
        establishment_number: str,
        password: SecretStr | str,
        enterprise_number: str,
        *,
        connect_timeout: float = 3.0,
        read_timeout: float = 10.0,
        policy: HttpPolicy = CARPASS_HTTP,
        transport: httpx.BaseTransport | None = None,
    ):
        self._establishment_number = compact(establishment_number)
        self._enterprise_number = enterprise_number
        secret = password if isinstance(password, SecretStr) else SecretStr(password)
        identity = (  # (setting, finding or None)
            ("establishment_number", establishment_number_error(self._establishment_number)),
            ("enterprise_number", enterprise_number_error(enterprise_number)),
        )
        self._problems = [(finding.code, setting) for setting, finding in identity if finding]
        if not secret.get_secret_value():
            self._problems.append(("PASSWORD_MISSING", "password"))
        self._service = JsonService(
            CARPASS,
            base_url,
            connect_timeout=connect_timeout,
            read_timeout=read_timeout,
            policy=policy,
            authorization=basic_credentials(self._establishment_number, secret.get_secret_value()),
            transport=transport,
        )

    def check_configuration(self) -> None:
        """Raise ConfigurationError naming every problem of the workshop's identity, if any."""
        if self._problems:
            code, setting = self._problems[0]
            codes = ", ".join(code for code, _ in self._problems)
            raise ConfigurationError(f"Car-Pass settings: {codes}", code, setting, service=CARPASS)

    def post_observation(
        self,
        *,
        idempotency_key: str,
        vin: str | None,
        reading_at: datetime,
        odometer_km: int,
        job_reference: str,
        odometer_replaced: bool = False,
        five_digit_odometer: bool = False,
        license_plate: str | None = None,
    ) -> str:
        """Report a reading; return its requestGuid. The same key again returns the same GUID."""
        self.check_configuration()
        observation = _build(
            "observation",
            lambda: ObservationRequest(
                vin=vin,
                license_plate=license_plate,
                observation_date=reading_at,
                odometer_value=odometer_km,
                odometer_replaced=odometer_replaced,
                five_digit_odometer=five_digit_odometer,
                reference=job_reference,
                enterprise_number=self._enterprise_number,
            ),
        )
        answer = self._service.call(
            POST_OBSERVATION, RequestReference, body=observation, headers=_check_key(idempotency_key)
        )
        return answer.request_guid

    def post_description(
        self, request_guid: str, activity_codes: Sequence[str], job_lines: Sequence[str]
    ) -> StatusResult | None:
        """Describe the work (standard activity codes and invoice lines); repeating it is harmless.

        Returns the observation's status when the answer carries it (`currentStatus`, see
        docs/api.md), else None: then ask `status(request_guid)`.
        """
        self.check_configuration()
        description = _build(
            "description", lambda: DescriptionRequest(activity_codes=list(activity_codes), job_lines=list(job_lines))
        )
        answer = self._expect(
            request_guid, self._call(POST_DESCRIPTION, DescriptionResult, request_guid, body=description)
        )
        return None if answer.current_status is None else self._expect(request_guid, answer.current_status)

    def status(self, request_guid: str) -> StatusResult:
        """Where the observation stands: ONGOING, WAITING_FOR_DIV, REVIEWING, ACCEPTED or REJECTED."""
        self.check_configuration()
        return self._expect(request_guid, self._call(OBSERVATION_STATUS, StatusResult, request_guid))

    def correct(
        self,
        request_guid: str,
        *,
        idempotency_key: str,
        reading_at: datetime,
        odometer_km: int,
        odometer_replaced: bool = False,
        five_digit_odometer: bool = False,
        vin: str | None = None,
    ) -> None:
        """Send the one electronic correction; a second raises CorrectionLimitReached."""
        self.check_configuration()
        correction = _build(
            "correction",
            lambda: CorrectionRequest(
                vin=vin,
                observation_date=reading_at,
                odometer_value=odometer_km,
                odometer_replaced=odometer_replaced,
                five_digit_odometer=five_digit_odometer,
            ),
        )
        answer = self._call(
            POST_CORRECTION, RequestReference, request_guid, body=correction, headers=_check_key(idempotency_key)
        )
        self._expect(request_guid, answer)

    def vehicle_history(self, request_guid: str) -> VehicleHistoryReport:
        """The vehicle history report of an accepted observation."""
        self.check_configuration()
        return self._call(VEHICLE_HISTORY, VehicleHistoryReport, request_guid)

    def carpass_report(self, carpass_id: str) -> VehicleHistoryReport:
        """The vehicle history report from the Car-Pass ID under a certificate's QR code."""
        self.check_configuration()
        error = carpass_id_error(carpass_id)
        if error:
            raise InvalidRequest(error, service=CARPASS)
        path_values = {"carpassId": normalise_carpass_id(carpass_id)}
        return self._service.call(CARPASS_REPORT, VehicleHistoryReport, path_values=path_values)

    def activities(self) -> list[Activity]:
        """Car-Pass's current list of standard activity codes."""
        self.check_configuration()
        return self._service.call(ACTIVITIES, ActivityList).activities

    def _call(
        self,
        operation: Operation,
        model: type[M],
        request_guid: str,
        *,
        body: BaseModel | None = None,
        headers: dict[str, str] | None = None,
    ) -> M:
        path_values = {"requestGuid": request_guid}
        return self._service.call(operation, model, path_values=path_values, body=body, headers=headers)

    @staticmethod
    def _expect(request_guid: str, answer: A) -> A:
        if answer.request_guid != request_guid:
            raise MalformedResponse(
                f"{LOG_NAMES[CARPASS]} answered about {answer.request_guid}, not {request_guid}", service=CARPASS
            )
        return answer

    def close(self) -> None:
        self._service.close()

    def __enter__(self) -> CarPassClient:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return (
            f"CarPassClient(base_url={self._service.base_url!r}, establishment_number={self._establishment_number!r})"
        )
