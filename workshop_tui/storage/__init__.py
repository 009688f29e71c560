"""Storage: peewee on SQLite or PostgreSQL behind one `Store`; nothing else touches SQL.

Open with `Store.open(url, terminal=...)` (it migrates). Its repositories: `vehicles`,
`customers`, `drafts`, `jobs` (`jobs.record` writes job, reading and outbox row in one
transaction), `outbox` (lease due submissions with `claim_due`, send each under
`work.request_key`, then `record` what happened) and `audit`.
"""

from .deliveries import (
    Acknowledged,
    Cancelled,
    Delivery,
    DueNow,
    Failed,
    Outcome,
    PaperChosen,
    Refused,
    Rejected,
    Released,
    Sent,
    Undecided,
)
from .errors import (
    CorrectionRefused,
    InvalidValue,
    NotFound,
    SearchRefused,
    StateConflict,
    StorageError,
    StorageUnavailable,
)
from .store import Store
from .vehicles import CARPASS, WORKSHOP
from .views import HistoryRow, JobRecord, SubmissionWork

__all__ = [
    "CARPASS",
    "WORKSHOP",
    "Acknowledged",
    "Cancelled",
    "CorrectionRefused",
    "Delivery",
    "DueNow",
    "Failed",
    "HistoryRow",
    "InvalidValue",
    "JobRecord",
    "NotFound",
    "Outcome",
    "PaperChosen",
    "Refused",
    "Rejected",
    "Released",
    "SearchRefused",
    "Sent",
    "StateConflict",
    "StorageError",
    "StorageUnavailable",
    "Store",
    "SubmissionWork",
    "Undecided",
]
