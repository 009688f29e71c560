"""Time as the UI sees it, injectable so tests and screenshots are deterministic."""

from __future__ import annotations

import time
from datetime import datetime
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware."""
        ...

    def monotonic(self) -> float:
        """Seconds on a clock that never goes back (key timings of the wedge scanner)."""
        ...


class SystemClock:
    """The real clock of this terminal."""

    def now(self) -> datetime:
        return datetime.now().astimezone()

    def monotonic(self) -> float:
        return time.monotonic()


def seconds_until(when: datetime, now: datetime) -> int:
    """Whole seconds from `now` until `when`, never negative; a naive `when` is local time."""
    return max(0, int((when.astimezone() - now).total_seconds() + 0.999))
