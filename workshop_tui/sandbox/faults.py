"""Fault injection: what goes wrong with the next requests, chosen per request or in advance.

A fault is written `name[=seconds]`:

    latency=S        answer normally, S seconds late
    timeout[=S]      say nothing for S seconds (default 30), then close the connection
    drop             close the connection without answering, before doing anything
    drop-after       do the work, then close the connection without answering (a lost answer)
    malformed        do the work, then send a JSON body cut in half
    dribble=S        do the work, then send the answer one byte every S seconds
    maintenance[=S]  503 MAINTENANCE with Retry-After: S (default 3600); Car-Pass routes only
    NNN[=S]          answer HTTP status NNN (400-599), with Retry-After: S when given
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from enum import StrEnum

from ..services.contract import Service

DEFAULT_TIMEOUT_S = 30.0
DEFAULT_MAINTENANCE_RETRY_AFTER_S = 3600.0


class FaultKind(StrEnum):
    LATENCY = "latency"
    TIMEOUT = "timeout"
    DROP = "drop"
    DROP_AFTER = "drop-after"
    MALFORMED = "malformed"
    DRIBBLE = "dribble"
    MAINTENANCE = "maintenance"
    STATUS = "status"


_DEFAULT_SECONDS = {FaultKind.TIMEOUT: DEFAULT_TIMEOUT_S, FaultKind.MAINTENANCE: DEFAULT_MAINTENANCE_RETRY_AFTER_S}
_NEEDS_SECONDS = {FaultKind.LATENCY, FaultKind.DRIBBLE}
_TAKES_SECONDS = {FaultKind.LATENCY, FaultKind.TIMEOUT, FaultKind.MAINTENANCE, FaultKind.STATUS, FaultKind.DRIBBLE}


@dataclass(frozen=True)
class Fault:
    kind: FaultKind
    seconds: float | None = (
        None  # duration (latency, timeout), byte interval (dribble), Retry-After (maintenance, status)
    )
    status: int | None = None

    @classmethod
    def parse(cls, text: str) -> Fault:
        """Read `name[=seconds]`; raise ValueError naming what is wrong."""
        name, _, value = text.strip().lower().partition("=")
        status = int(name) if name.isdigit() else None
        if status is not None and not 400 <= status <= 599:
            raise ValueError(f"fault status {status} is not an HTTP error status (400-599)")
        try:
            kind = FaultKind.STATUS if status is not None else FaultKind(name)
        except ValueError:
            raise ValueError(f"unknown fault {name!r}") from None
        if kind is FaultKind.STATUS and name == FaultKind.STATUS:
            raise ValueError("give the status itself, e.g. 503")
        seconds = _seconds(value, kind) if value else _DEFAULT_SECONDS.get(kind)
        if kind in _NEEDS_SECONDS and seconds is None:
            raise ValueError(f"{kind} needs seconds, e.g. {kind}=0.5")
        return cls(kind, seconds, status)

    def __str__(self) -> str:
        name = str(self.status) if self.kind is FaultKind.STATUS else self.kind.value
        return name if self.seconds is None else f"{name}={self.seconds:g}"


def _seconds(value: str, kind: FaultKind) -> float:
    if kind not in _TAKES_SECONDS:
        raise ValueError(f"{kind} takes no value")
    try:
        seconds = float(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a number of seconds") from None
    if not 0 <= seconds <= 3600 * 24:
        raise ValueError("seconds must be between 0 and 86400")
    return seconds


@dataclass
class _Order:
    fault: Fault
    remaining: int
    service: Service | None


class FaultBoard:
    """Faults ordered in advance (admin endpoint) and the maintenance switch; thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.clear()

    def clear(self) -> None:
        with self._lock:
            self._orders: list[_Order] = []
            self._maintenance: Fault | None = None

    def inject(self, fault: Fault, count: int = 1, service: Service | None = None) -> None:
        """The next `count` requests (to `service`, or to any) meet `fault`, after earlier orders."""
        with self._lock:
            self._orders.append(_Order(fault, count, service))

    def maintenance(self, retry_after: float | None) -> None:
        """Start (retry_after seconds announced) or end (None) the Car-Pass maintenance window."""
        with self._lock:
            self._maintenance = None if retry_after is None else Fault(FaultKind.MAINTENANCE, retry_after)

    def take(self, service: Service) -> Fault | None:
        """The fault the next request to `service` meets, if any."""
        with self._lock:
            if self._maintenance and service is Service.CARPASS:
                return self._maintenance
            for order in self._orders:
                if order.service in (None, service):
                    order.remaining -= 1
                    if not order.remaining:
                        self._orders.remove(order)
                    return order.fault
            return None

    def snapshot(self) -> dict:
        with self._lock:
            return {
                "maintenance": self._maintenance.seconds if self._maintenance else None,
                "queued": [
                    {"fault": str(o.fault), "remaining": o.remaining, "service": o.service} for o in self._orders
                ],
            }
