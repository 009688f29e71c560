"""The sale desk: sales as typed, their printed versions with the documents, and the stock.

A printed version and its documents never change: the database refuses UPDATE and DELETE
(and on PostgreSQL, TRUNCATE) on `sale_version` and `sale_document`, as for the audit log.
"""

from __future__ import annotations

from peewee import Database

from ..database import is_postgres
from .m0001_initial import ID, REF

BYTES = {"sqlite": "BLOB", "postgresql": "BYTEA"}

TABLES = """
CREATE TABLE sale (
    id {id},
    vin TEXT,
    buyer_name TEXT NOT NULL DEFAULT '',
    state VARCHAR(8) NOT NULL CHECK (state IN ('draft', 'printed')),
    version INTEGER NOT NULL CHECK (version >= 1),
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX sale_vin ON sale (vin);
CREATE INDEX sale_updated_at ON sale (updated_at);
CREATE TABLE sale_version (
    id {id},
    sale_id {ref} NOT NULL REFERENCES sale (id),
    version INTEGER NOT NULL CHECK (version >= 1),
    body TEXT NOT NULL,
    printed_at TIMESTAMP NOT NULL,
    terminal TEXT NOT NULL,
    UNIQUE (sale_id, version)
);
CREATE TABLE sale_document (
    id {id},
    version_id {ref} NOT NULL REFERENCES sale_version (id),
    kind VARCHAR(16) NOT NULL CHECK (kind IN ('contract', 'checklist')),
    language VARCHAR(2) NOT NULL CHECK (language IN ('fr', 'nl', 'en')),
    pdf {bytes} NOT NULL,
    html {bytes} NOT NULL,
    UNIQUE (version_id, kind, language)
);
CREATE TABLE stock_car (
    id {id},
    vin VARCHAR(17) NOT NULL UNIQUE,
    carpass_id TEXT,
    carpass_issued DATE,
    carpass_last_km INTEGER CHECK (carpass_last_km >= 0),
    added_at TIMESTAMP NOT NULL,
    sold BOOLEAN NOT NULL DEFAULT FALSE,
    sale_id {ref} REFERENCES sale (id)
)
"""

IMMUTABLE = ("sale_version", "sale_document")

APPEND_ONLY = {
    "sqlite": [
        f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table}"
        f" BEGIN SELECT RAISE(ABORT, '{table}: a printed sale is immutable'); END"
        for table in IMMUTABLE
        for verb in ("UPDATE", "DELETE")
    ],
    "postgresql": [
        (
            "CREATE FUNCTION printed_sale_immutable() RETURNS trigger LANGUAGE plpgsql AS"
            " $$ BEGIN RAISE EXCEPTION USING MESSAGE = TG_TABLE_NAME || ': a printed sale is immutable'; END $$"
        ),
        *(
            f"CREATE TRIGGER {table}_immutable BEFORE UPDATE OR DELETE OR TRUNCATE ON {table}"
            " FOR EACH STATEMENT EXECUTE FUNCTION printed_sale_immutable()"
            for table in IMMUTABLE
        ),
    ],
}


def apply(db: Database) -> None:
    dialect = "postgresql" if is_postgres(db) else "sqlite"
    ddl = TABLES.format(id=ID[dialect], ref=REF[dialect], bytes=BYTES[dialect])
    for statement in [*ddl.split(";"), *APPEND_ONLY[dialect]]:
        db.execute_sql(statement.strip())
