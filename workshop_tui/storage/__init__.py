"""Storage: peewee on SQLite or PostgreSQL behind one `Store`; nothing else touches SQL.

    store = Store.open(settings.db_url or None, terminal=settings.terminal_name)  # migrates
    job_id, submission = store.record_job(draft, verdict)       # job + reading + outbox row
    for work in store.claim_due("sender-1", limit=10, lease_seconds=60):
        ...  # send with work.request_key, then store.mark_sent / mark_acknowledged / mark_retry ...
    store.close()
"""

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
