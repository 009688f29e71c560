"""Errors the storage layer raises, each with a message fit to show to the user."""

from __future__ import annotations


class StorageError(Exception):
    """Base class of every storage error."""


class StorageUnavailable(StorageError):
    """The database cannot be opened (wrong URL, server down, file not writable)."""


class InvalidValue(StorageError, ValueError):
    """A value was refused before anything was written; `fields` names the culprits."""

    def __init__(self, message: str, *fields: str):
        super().__init__(message)
        self.fields = fields


class NotFound(StorageError, LookupError):
    """No row with that id."""


class StateConflict(StorageError):
    """The submission is not in a state that allows this step (e.g. acknowledging a rejected one)."""


class CorrectionRefused(StateConflict):
    """The one electronic correction is used: the signed paper form is needed."""
