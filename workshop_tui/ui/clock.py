"""Time as the UI sees it, injectable so tests and screenshots are deterministic."""

from __future__ import annotations

import time
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from textual.message import Message


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware."""
        ...

    def monotonic(self) -> float:
        """Seconds on a clock that never goes back (key timings of the wedge scanner)."""
        ...

    def stamp(self, message: Message) -> float:
        """When `message` was made, on the `monotonic` clock."""
        ...


class SystemClock:
    """The real clock of this terminal."""

    def now(self) -> datetime:
        return datetime.now().astimezone()

    def monotonic(self) -> float:
        return time.monotonic()

    def stamp(self, message: Message) -> float:
        """Textual's own stamp (`time.monotonic` on Linux), set as the driver's thread reads the
        terminal: a busy main thread does not stretch the gaps between a scanner's keys."""
        return message.time


def seconds_until(when: datetime, now: datetime) -> int:
    """Whole seconds from `now` until `when`, never negative; a naive `when` is local time."""
    return max(0, int((when.astimezone() - now).total_seconds() + 0.999))
