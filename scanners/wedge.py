"""Keyboard-wedge barcode scanners: tell a scan from a person typing.

A USB scanner in keyboard mode types the whole code as a burst, typically 1-15 ms between
characters (USB HID polls every 1-8 ms), and ends it with Enter. A person leaves 80-200 ms
between keys; key rollover can make one or two gaps short, never a run of eight.

Thresholds (constructor arguments):
- `max_gap_ms` = 35: a longer pause ends a burst. More than twice the slowest scanner's gap,
  under half the gap of a very fast typist.
- `min_length` = 8: shorter bursts are typing (or shortcuts); a VIN has 17 characters and a
  Car-Pass ID at least 8.
A burst is a scan only when it has `min_length` characters, every gap (Enter included) is at
most `max_gap_ms`, and it ends with Enter ("\\n", "\\r" or "enter").

While a burst may still be a scan, its characters should not reach the focused field: the UI
holds each printable key while `is_buffering(now)` is True (at most `max_gap_ms` after the last
one), drops the held keys when `feed` returns a scan, and lets them through otherwise.
"""

from __future__ import annotations

ENTER_KEYS = frozenset({"\n", "\r", "enter"})


class WedgeDetector:
    """Recognises keyboard-wedge scans in a stream of key presses; pure, no clock of its own."""

    def __init__(self, max_gap_ms: float = 35, min_length: int = 8) -> None:
        self.max_gap = max_gap_ms / 1000
        self.min_length = min_length
        self._held: list[str] = []
        self._last: float | None = None

    @property
    def buffered(self) -> str:
        """The characters of the current burst (a possible scan), oldest first."""
        return "".join(self._held)

    def is_buffering(self, t: float) -> bool:
        """True while characters are held as a possible scan at time `t`: do not insert them yet."""
        return bool(self._held) and self._last is not None and t - self._last <= self.max_gap

    def feed(self, char: str, t: float) -> str | None:
        """Take one key at monotonic time `t` (seconds): a character, "\n", "\r" or a key name
        such as "enter" or "tab". Return the scanned text when Enter ends a scan, else None."""
        if not self.is_buffering(t):
            self.reset()  # a pause: whatever was held was typed by a person
        if len(char) == 1 and char.isprintable():
            self._held.append(char)
            self._last = t
            return None
        burst = self.buffered
        self.reset()  # Enter ends the burst; any other key (Tab, arrows...) is never part of one
        return burst if char in ENTER_KEYS and len(burst) >= self.min_length else None

    def reset(self) -> None:
        """Forget the current burst."""
        self._held, self._last = [], None
