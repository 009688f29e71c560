"""Storage: peewee on SQLite or PostgreSQL behind one `Store`; nothing else touches SQL."""

from .errors import InvalidValue, NotFound, StateConflict, StorageError, StorageUnavailable
from .store import CARPASS, WORKSHOP, Store
from .views import AuditEntry, JobRecord, SubmissionWork

__all__ = [
    "CARPASS",
    "WORKSHOP",
    "AuditEntry",
    "InvalidValue",
    "JobRecord",
    "NotFound",
    "StateConflict",
    "StorageError",
    "StorageUnavailable",
    "Store",
    "SubmissionWork",
]
