"""Errors the storage layer raises, each with a message fit to show to the user."""

from __future__ import annotations

from ..domain.findings import Finding, Severity

DATABASE_UNAVAILABLE = "DATABASE_UNAVAILABLE"  # the database failed (a problem the UI words)


class StorageError(Exception):
    """Base class of every storage error."""


class StorageUnavailable(StorageError):
    """The database cannot be opened (wrong URL, server down, file not writable) or used.

    `problem` is set when the database itself failed (server gone, file locked or full), for the
    UI to word; a URL refused before connecting has none (its message says what to fix).
    """

    def __init__(self, message: str, *, problem: Finding | None = None):
        super().__init__(message)
        self.problem = problem

    @classmethod
    def failed(cls, message: str) -> StorageUnavailable:
        return cls(message, problem=Finding(DATABASE_UNAVAILABLE, Severity.WARN, None, {}))


class InvalidValue(StorageError, ValueError):
    """A value was refused before anything was written; `fields` names the culprits."""

    def __init__(self, message: str, *fields: str):
        super().__init__(message)
        self.fields = fields


class SearchRefused(InvalidValue):
    """A search text refused before it reaches the database: `code` is SEARCH_TOO_LONG (with
    `limit`) or SEARCH_CONTROL_CHARACTER (a NUL or another control character)."""

    def __init__(self, code: str, limit: int | None = None):
        super().__init__(code if limit is None else f"{code} (at most {limit} characters)", "query")
        self.code = code
        self.limit = limit


class NotFound(StorageError, LookupError):
    """No row with that id."""


class StateConflict(StorageError):
    """The submission is not in a state that allows this step (e.g. acknowledging a rejected one)."""


class CorrectionRefused(StateConflict):
    """The one electronic correction is used: the signed paper form is needed."""
