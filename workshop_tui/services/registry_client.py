"""Client of the vehicle registry (DIV): the registration-certificate fields of a VIN.

In Belgium the plate belongs to the owner, so the VIN is the key.
"""

from __future__ import annotations

from datetime import UTC, datetime

import httpx

from ..domain.models import RegistryVehicle
from ..domain.vin import check as check_vin
from ..domain.vin import normalise as normalise_vin
from .contract import REGISTRY_VEHICLE, RegistryRecord
from .http import InvalidRequest, JsonService, MalformedResponse
from .policies import REGISTRY_HTTP, HttpPolicy
from .problems import LOG_NAMES, REGISTRY


class RegistryClient:
    """`vehicle(vin)` raises VehicleNotFound (unknown VIN), ServiceUnavailable, MalformedResponse.

    A lookup gives up within the policy's budget (3 s by default: the mechanic then types the fields).
    """

    def __init__(self, base_url: str, *, connect_timeout: float = 3.0, read_timeout: float = 10.0,
                 policy: HttpPolicy = REGISTRY_HTTP, transport: httpx.BaseTransport | None = None):  # fmt: skip
        self._service = JsonService(REGISTRY, base_url, connect_timeout=connect_timeout, read_timeout=read_timeout,
                                    policy=policy, transport=transport)  # fmt: skip

    def vehicle(self, vin: str) -> RegistryVehicle:
        """The registry record of `vin`; any field may be missing."""
        report = check_vin(vin)
        if not report.valid:
            raise InvalidRequest(f"not a valid VIN: {'; '.join(e.code for e in report.errors)}", service=REGISTRY)
        record = self._service.call(REGISTRY_VEHICLE, RegistryRecord, path_values={"vin": report.vin})
        if normalise_vin(record.vin) != report.vin:
            raise MalformedResponse(
                f"{LOG_NAMES[REGISTRY]} answered for VIN {record.vin} when asked for {report.vin}", service=REGISTRY
            )
        return record.to_vehicle(fetched_at=datetime.now(UTC))

    def close(self) -> None:
        self._service.close()

    def __enter__(self) -> RegistryClient:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"RegistryClient(base_url={self._service.base_url!r})"
