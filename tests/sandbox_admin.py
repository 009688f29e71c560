"""Client of the sandbox's admin endpoints, for tests and demos: what arrived, faults, reset."""

from __future__ import annotations

import httpx

from workshop_tui.services.contract import Service


class SandboxAdmin:
    """Talks to /_admin on a running sandbox (no credentials, no retries)."""

    def __init__(self, base_url: str, timeout: float = 5.0):
        self._http = httpx.Client(base_url=base_url.rstrip("/") + "/_admin", timeout=timeout)

    def _json(self, method: str, path: str, body: dict | None = None) -> dict:
        response = self._http.request(method, path, json=body)
        response.raise_for_status()
        return response.json()

    def observations(self) -> list[dict]:
        """Every observation received since the last reset, as the sandbox recorded it."""
        return self._json("GET", "/observations")["observations"]

    def requests(self) -> list[dict]:
        """The latest service requests (method, path, status, fault), oldest first."""
        return self._json("GET", "/requests")["requests"]

    def request_count(self) -> int:
        """How many service requests (admin ones excluded) arrived since the last reset."""
        return self._json("GET", "/requests")["count"]

    def reset(self) -> None:
        self._json("POST", "/reset")

    def inject(self, fault: str, count: int = 1, service: Service | None = None) -> None:
        """The next `count` requests meet `fault` (see sandbox/faults.py for the spelling)."""
        self._json("POST", "/faults", {"fault": fault, "count": count, "service": service})

    def maintenance(self, enabled: bool, retry_after: float | None = None) -> None:
        self._json("POST", "/faults", {"maintenance": enabled, "retryAfter": retry_after})

    def clear_faults(self) -> None:
        self._json("DELETE", "/faults")

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> SandboxAdmin:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
