"""Schema migrations: numbered modules `mNNNN_name.py`, each with `apply(db)`, run in order at start-up.

Applied versions are recorded in `schema_version`. All pending steps run in one transaction
under a lock (PostgreSQL advisory lock, SQLite immediate transaction), so two terminals
starting together apply each step once, and a failing step leaves the schema as it was.
A step is never edited once released: later changes are new steps.
"""

from __future__ import annotations

import pkgutil
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import import_module
from types import ModuleType

from peewee import Database

from ..database import is_postgres

_STEP_NAME = re.compile(r"^m(\d{4})_\w+$")
# Arbitrary 64-bit key naming "workshop-tui schema migrations" for pg_advisory_xact_lock.
_PG_LOCK_KEY = 0x5753_4D49_4752


@dataclass(frozen=True)
class Step:
    version: int
    name: str
    module: ModuleType


def steps() -> list[Step]:
    """Every migration module of this package, oldest first."""
    found = []
    for info in pkgutil.iter_modules(__path__):
        match = _STEP_NAME.match(info.name)
        if match:
            found.append(Step(int(match.group(1)), info.name, import_module(f"{__name__}.{info.name}")))
    found.sort(key=lambda step: step.version)
    versions = [step.version for step in found]
    if len(set(versions)) != len(versions):
        raise RuntimeError(f"two migrations share a number: {versions}")
    return found


def applied_versions(db: Database) -> set[int]:
    if "schema_version" not in db.get_tables():
        return set()
    return {version for (version,) in db.execute_sql("SELECT version FROM schema_version")}


def migrate(db: Database) -> list[int]:
    """Apply the pending steps; return the versions applied now (empty when up to date)."""
    with db.connection_context(), db.atomic():
        if is_postgres(db):
            db.execute_sql(f"SELECT pg_advisory_xact_lock({_PG_LOCK_KEY})")
        db.execute_sql(
            "CREATE TABLE IF NOT EXISTS schema_version ("
            " version INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL, applied_at TIMESTAMP NOT NULL)"
        )
        done = applied_versions(db)
        applied = []
        for step in steps():
            if step.version in done:
                continue
            step.module.apply(db)
            db.execute_sql(
                f"INSERT INTO schema_version (version, name, applied_at) VALUES ({db.param}, {db.param}, {db.param})",
                (step.version, step.name, datetime.now(UTC).replace(tzinfo=None)),
            )
            applied.append(step.version)
        return applied
