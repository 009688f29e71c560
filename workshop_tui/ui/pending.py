"""Values handed between threads and the UI: writes that must not be lost nor reordered (the newest
value per key, written one at a time), and the newest camera frame."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class PendingWrites(Generic[T]):
    """`put` from the UI thread; `write_all` and `discard` from worker threads.

    A value being written when a newer one arrives is followed by the newer one; a failed write
    keeps its value pending (unless a newer one arrived) so the next attempt still has it.
    """

    def __init__(self) -> None:
        self._pending: dict[str, T] = {}
        self._pending_lock = threading.Lock()  # held only for dictionary operations
        self._write_lock = threading.Lock()  # held while the services write

    def put(self, key: str, value: T) -> None:
        with self._pending_lock:
            self._pending[key] = value

    def __bool__(self) -> bool:
        with self._pending_lock:
            return bool(self._pending)

    def write_all(self, write: Callable[[str, T], None]) -> None:
        with self._write_lock:
            while True:
                with self._pending_lock:
                    if not self._pending:
                        return
                    key, value = self._pending.popitem()
                try:
                    write(key, value)
                except BaseException:
                    with self._pending_lock:
                        self._pending.setdefault(key, value)
                    raise

    def discard(self, key: str, then: Callable[[str], None]) -> None:
        """Forget `key`'s pending value and run `then(key)` after any write in progress."""
        with self._write_lock:
            with self._pending_lock:
                self._pending.pop(key, None)
            then(key)


class NewestOnly(Generic[T]):
    """A one-value mailbox between a producer thread and the UI: `put` keeps only the newest value and
    says whether the box was empty (then one message must tell the UI); `take` empties it."""

    def __init__(self) -> None:
        self._value: T | None = None
        self._lock = threading.Lock()

    def put(self, value: T) -> bool:
        with self._lock:
            was_empty, self._value = self._value is None, value
        return was_empty

    def take(self) -> T | None:
        with self._lock:
            value, self._value = self._value, None
        return value
