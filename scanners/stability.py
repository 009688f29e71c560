"""Accept camera reads only when they are stable, and only once per vehicle.

A single frame can misread (a Code 39 label carries no check character), so a value is accepted
when the same read comes from `frames` consecutive decoded frames, or at once for a VIN whose
North-American check digit (position 9) is valid, since that already guards against misreads.
The same value is not accepted again while it keeps being seen: it must have been out of sight
for `quiet_s` seconds first (the label held in front of the camera fires once).
"""

from __future__ import annotations

from workshop_tui.domain.vin import check

from .codes import CodeRead

CONSECUTIVE_FRAMES = 2
QUIET_SECONDS = 5.0


def has_valid_check_digit(read: CodeRead) -> bool:
    """True for a VIN whose check digit (mandatory in North America) is present and right."""
    return read.kind == "vin" and check(read.value).check_digit == "valid"


class StabilityFilter:
    """Feed it every processed frame's read (or None); it returns the reads to report."""

    def __init__(self, frames: int = CONSECUTIVE_FRAMES, quiet_s: float = QUIET_SECONDS) -> None:
        self.frames = frames
        self.quiet_s = quiet_s
        self._streak: tuple[str, int] | None = None  # (value, consecutive frames)
        self._last_seen: dict[str, float] = {}  # accepted value -> last time it was in a frame

    def feed(self, read: CodeRead | None, now: float) -> CodeRead | None:
        """The read if it is to be reported now, else None. `now` is monotonic seconds."""
        self._last_seen = {value: t for value, t in self._last_seen.items() if now - t < self.quiet_s}
        if read is None:
            self._streak = None
            return None
        key = f"{read.kind}:{read.value}"
        count = self._streak[1] + 1 if self._streak and self._streak[0] == key else 1
        self._streak = (key, count)
        if key in self._last_seen:
            self._last_seen[key] = now
            return None
        if count >= self.frames or has_valid_check_digit(read):
            self._last_seen[key] = now
            return read
        return None

    def reset(self) -> None:
        """Forget streaks and recently accepted values."""
        self._streak = None
        self._last_seen.clear()
