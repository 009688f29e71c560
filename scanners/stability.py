"""Accept camera reads only when they are stable, and only once per vehicle.

A single frame can misread (a Code 39 label carries no check character), so a value is accepted
when the same read comes from `agree` of the last `window` processed frames within
`window_s` seconds, or at once for a VIN
whose North-American check digit (position 9) is valid, since that already guards against
misreads. The frames need not be consecutive: a hand-held phone smears every other frame, and
the sharp ones between still add up.
The same value is not accepted again while it keeps being seen: it must have been out of sight
for `quiet_s` seconds first (the label held in front of the camera fires once).
"""

from __future__ import annotations

from collections import deque

from workshop_tui.domain.vin import check

from .codes import CodeRead

AGREEING_FRAMES = 2
WINDOW_FRAMES = 4
WINDOW_SECONDS = 1.0
QUIET_SECONDS = 5.0


def has_valid_check_digit(read: CodeRead) -> bool:
    """True for a VIN whose check digit (mandatory in North America) is present and right."""
    return read.kind == "vin" and check(read.value).check_digit == "valid"


class StabilityFilter:
    """Feed it every processed frame's read (or None); it returns the reads to report."""

    def __init__(
        self,
        agree: int = AGREEING_FRAMES,
        window: int = WINDOW_FRAMES,
        window_s: float = WINDOW_SECONDS,
        quiet_s: float = QUIET_SECONDS,
    ) -> None:
        self.agree = agree
        self.window_s = window_s
        self.quiet_s = quiet_s
        self._recent: deque[tuple[float, str | None]] = deque(maxlen=window)  # (time, read as a key) of the last frames
        self._last_seen: dict[str, float] = {}  # accepted value -> last time it was in a frame

    def feed(self, read: CodeRead | None, now: float) -> CodeRead | None:
        """The read if it is to be reported now, else None. `now` is monotonic seconds."""
        self._last_seen = {value: t for value, t in self._last_seen.items() if now - t < self.quiet_s}
        if read is None:
            self._recent.append((now, None))
            return None
        key = f"{read.kind}:{read.value}"
        self._recent.append((now, key))
        if key in self._last_seen:
            self._last_seen[key] = now
            return None
        agreeing = sum(1 for t, seen in self._recent if seen == key and now - t < self.window_s)
        if agreeing >= self.agree or has_valid_check_digit(read):
            self._last_seen[key] = now
            return read
        return None

    def reset(self) -> None:
        """Forget recent frames and recently accepted values."""
        self._recent.clear()
        self._last_seen.clear()
