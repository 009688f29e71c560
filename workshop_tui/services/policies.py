"""Every retry, backoff, poll and deadline policy of the services, named in one place (tenacity).

- `HttpPolicy` (`CARPASS_HTTP`, `REGISTRY_HTTP`): one call to a web service. Each exchange
  (connect, send, headers and body) ends within `deadline` seconds; a retry-safe request is
  tried again after a transport error, 408, 429 or 5xx, while the call's `budget` lasts.
- `Backoff` (`OUTBOX_RETRY`, `OUTBOX_POLL`): when the outbox tries a submission again after a
  failed attempt, and how soon it asks Car-Pass again about an undecided one.
- `database_open`: a start that SQLite answers "database is locked" is tried again.
- The outbox's lease on a submission is renewed while its exchange runs (`services/outbox.py`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_delay,
    wait_exponential,
    wait_random,
    wait_random_exponential,
)
from tenacity.wait import wait_base

from ..storage.database import is_busy


@dataclass(frozen=True)
class HttpPolicy:
    """One call to a web service (tests use tiny values).

    Each exchange ends within `deadline` s, however slowly the server sends (connect, headers
    and body together). A retry-safe request is tried up to `attempts` times, waiting
    `initial_wait`·2^(n−1) s (at most `max_wait`) plus up to `jitter` s before try n+1; the
    whole call, tries and waits included, ends within `budget` s. Bodies longer than
    `max_body` bytes, compressed or decompressed, are refused.
    """

    deadline: float = 13.0
    attempts: int = 4
    initial_wait: float = 0.5
    max_wait: float = 8.0
    jitter: float = 0.5
    budget: float = 30.0
    max_body: int = 2_000_000

    def __post_init__(self) -> None:
        for name in ("deadline", "budget", "initial_wait", "max_wait", "jitter"):
            value = getattr(self, name)
            if not value >= 0 or value == float("inf"):  # NaN fails both
                raise ValueError(f"{name} must be a finite number of seconds, not {value!r}")
        if self.deadline <= 0 or self.budget <= 0 or self.attempts < 1 or self.max_body < 1:
            raise ValueError("deadline, budget, attempts and max_body must be positive")

    def backoff(self) -> wait_base:
        """The wait before the next try (a Retry-After the service names is taken instead)."""
        return wait_exponential(multiplier=self.initial_wait, max=self.max_wait) + wait_random(0, self.jitter)


# Car-Pass: the outbox sends in the background and can wait.
CARPASS_HTTP = HttpPolicy()
# The registry answers while the mechanic waits at the vehicle screen: give up within 3 s
# so that they can type the fields.
REGISTRY_HTTP = HttpPolicy(deadline=3.0, budget=3.0, max_wait=1.0, jitter=0.1)


@dataclass(frozen=True)
class Backoff:
    """Before attempt n+1: between half and all of min(`cap`, `base`·2^(n−1)) seconds, at random."""

    base: float
    cap: float

    def wait(self) -> wait_base:
        half = {"multiplier": self.base / 2, "max": self.cap / 2}
        return wait_exponential(**half) + wait_random_exponential(**half)

    def delay(self, attempt: int) -> float:
        """The delay after attempt number `attempt` (1 for the first) failed or left it undecided."""
        state = RetryCallState(retry_object=None, fn=None, args=(), kwargs={})  # type: ignore[arg-type]
        state.attempt_number = max(attempt, 1)
        return self.wait()(state)


# While Car-Pass is unreachable: 1-2 s, 2-4 s, 4-8 s ... at most 5 minutes between attempts.
OUTBOX_RETRY = Backoff(base=2.0, cap=300.0)
# While Car-Pass processes a reading: ask again after 0.25-0.5 s, 0.5-1 s ... at most a minute.
OUTBOX_POLL = Backoff(base=0.5, cap=60.0)


# SQLite can answer "database is locked" at once, without waiting, to a terminal opening the
# file while another one creates it or switches it to WAL: such a start is tried again for up to 10 s.
def database_open() -> Retrying:
    """The policy `Store.open` runs its migration under (tenacity)."""
    return Retrying(
        retry=retry_if_exception(is_busy), stop=stop_after_delay(10), wait=wait_random(0.05, 0.25), reraise=True,
        sleep=time.sleep,
    )  # fmt: skip
