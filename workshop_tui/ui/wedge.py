"""Keeping a keyboard-wedge scanner's burst out of the focused input.

A USB wedge scanner types the code as keystrokes a few milliseconds apart, then Enter. A
character cannot be known to be part of a scan until the next one arrives, so the gate holds
printable keys for at most one inter-key gap: a burst ended by Enter becomes a scan and its
keys are dropped; anything else is released, in order, to the focused widget. A human typist
never notices the 35 ms of delay.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, Protocol, TypeVar

K = TypeVar("K")

ENTER = "\r"


class Detector(Protocol):
    def feed(self, char: str, t: float) -> str | None: ...
    def reset(self) -> None: ...


@dataclass
class Decision(Generic[K]):
    """What to do with the keys so far: let `release` through in order; `scanned` is a scan, typed
    as the keys `held` (Enter last), for the caller to let through after all when the scan was
    meant for the focused field (a part number into a job line)."""

    release: list[K] = field(default_factory=list)
    scanned: str | None = None
    held: list[K] = field(default_factory=list)


class WedgeGate(Generic[K]):
    """Holds keys while they may still be a scanner burst; `K` is the UI's key event type."""

    def __init__(self, detector: Detector, max_gap_s: float):
        self._detector = detector
        self.max_gap_s = max_gap_s
        self._held: list[K] = []
        self._last_t: float | None = None

    @property
    def holding(self) -> bool:
        return bool(self._held)

    def character(self, key: K, char: str, t: float) -> Decision[K]:
        """A printable key: hold it, releasing first what a gap showed to be human typing."""
        stale = self._last_t is not None and t - self._last_t > self.max_gap_s
        release = self._take() if stale else []
        self._detector.feed(char, t)
        self._held.append(key)
        self._last_t = t
        return Decision(release)

    def enter(self, key: K, t: float) -> Decision[K]:
        """Enter ends a burst: a scan holds back its keys, otherwise everything goes through."""
        scanned = self._detector.feed(ENTER, t)
        self._last_t = None
        if scanned:
            return Decision(scanned=scanned, held=[*self._take(), key])
        return Decision([*self._take(), key])

    def other(self, key: K) -> Decision[K]:
        """Any other key (arrows, F-keys, ctrl+...) is never part of a scan."""
        self._detector.reset()
        self._last_t = None
        return Decision([*self._take(), key])

    def expire(self, t: float) -> Decision[K] | None:
        """Asked when a gap may have passed: release what a human typed, None while a burst may go on."""
        if self._last_t is not None and t - self._last_t <= self.max_gap_s:
            return None
        self._last_t = None
        return Decision(self._take())

    def _take(self) -> list[K]:
        held, self._held = self._held, []
        return held
