"""Jobs get the license plate the vehicle carried (in Belgium the plate follows the owner) and
the reference another program recorded them under (`workshop-tui submit`: one job per
reference, enforced by a unique index); customers' VAT numbers may be another EU member
state's, prefix included (up to 16 characters)."""

from __future__ import annotations

from peewee import Database

from ..database import is_postgres

STEPS = [
    "ALTER TABLE job ADD COLUMN license_plate TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE job ADD COLUMN external_key VARCHAR(100)",
    "CREATE UNIQUE INDEX job_external_key ON job (external_key)",
    "CREATE INDEX job_license_plate ON job (license_plate)",
]


def apply(db: Database) -> None:
    if is_postgres(db):  # SQLite does not enforce a VARCHAR length
        db.execute_sql("ALTER TABLE customer ALTER COLUMN vat_number TYPE VARCHAR(16)")
    for statement in STEPS:
        db.execute_sql(statement)
