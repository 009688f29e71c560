"""The company profile lives in config.json only: its table goes. Submissions get the states a
refused or withdrawn reading can be in (needs fixing, needs settings, cancelled) and the
service's words about the refusal.

SQLite cannot change a CHECK constraint in place: the submission table is rebuilt there.
"""

from __future__ import annotations

from peewee import Database

from ..database import is_postgres

STATES = (
    "'pending', 'sent', 'acknowledged', 'rejected', 'paper_required', 'needs_fixing', 'needs_settings', 'cancelled'"
)
NEW_COLUMNS = ("problem_code", "problem_message", "problem_field", "cancel_reason")
KEPT_COLUMNS = (
    "id, job_id, idempotency_key, correction_key, state, request_guid, ack_number, server_status, error_number,"
    " issues, attempts, next_attempt_at, last_error, corrections_used, claimed_by, claimed_until, created_at,"
    " updated_at"
)

SQLITE = [
    f"""CREATE TABLE submission_new (
    id INTEGER PRIMARY KEY,
    job_id INTEGER NOT NULL UNIQUE REFERENCES job (id),
    idempotency_key VARCHAR(36) NOT NULL UNIQUE,
    correction_key VARCHAR(36) UNIQUE,
    state VARCHAR(16) NOT NULL CHECK (state IN ({STATES})),
    request_guid TEXT,
    ack_number TEXT,
    server_status TEXT,
    error_number TEXT,
    issues TEXT NOT NULL DEFAULT '[]',
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    last_error TEXT,
    corrections_used INTEGER NOT NULL DEFAULT 0 CHECK (corrections_used BETWEEN 0 AND 1),
    claimed_by TEXT,
    claimed_until TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    problem_code TEXT,
    problem_message TEXT,
    problem_field TEXT,
    cancel_reason TEXT
)""",
    f"INSERT INTO submission_new ({KEPT_COLUMNS}) SELECT {KEPT_COLUMNS} FROM submission",
    "DROP TABLE submission",
    "ALTER TABLE submission_new RENAME TO submission",
    "CREATE INDEX submission_due ON submission (state, next_attempt_at)",
]

POSTGRES = [
    "ALTER TABLE submission DROP CONSTRAINT submission_state_check",
    f"ALTER TABLE submission ADD CONSTRAINT submission_state_check CHECK (state IN ({STATES}))",
    *(f"ALTER TABLE submission ADD COLUMN {column} TEXT" for column in NEW_COLUMNS),
]


def apply(db: Database) -> None:
    db.execute_sql("DROP TABLE company")
    for statement in POSTGRES if is_postgres(db) else SQLITE:
        db.execute_sql(statement)
