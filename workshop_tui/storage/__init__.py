"""Storage: peewee on SQLite or PostgreSQL behind one `Store`; nothing else touches SQL.

Open with `Store.open(url, terminal=...)` (it migrates), record a job with `record_job` (job,
reading and outbox row in one transaction), lease due submissions with `claim_due`, send each
under `work.request_key`, then record what happened with `mark_*` or `record_deliveries`.
"""

from .deliveries import Acknowledged, Delivery, Failed, Outcome, Rejected, Sent, Undecided
from .errors import InvalidValue, NotFound, StateConflict, StorageError, StorageUnavailable
from .store import CARPASS, WORKSHOP, Store
from .views import AuditEntry, JobRecord, SubmissionWork

__all__ = [
    "CARPASS",
    "WORKSHOP",
    "Acknowledged",
    "AuditEntry",
    "Delivery",
    "Failed",
    "InvalidValue",
    "JobRecord",
    "NotFound",
    "Outcome",
    "Rejected",
    "Sent",
    "StateConflict",
    "StorageError",
    "StorageUnavailable",
    "Store",
    "SubmissionWork",
    "Undecided",
]
