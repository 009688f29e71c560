"""What every repository shares: the database, this terminal's name, transactions and the audit write."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from peewee import InterfaceError, OperationalError
from playhouse.pool import PooledDatabase
from pydantic_core import to_jsonable_python

from . import models as tables
from . import values
from .database import binding
from .errors import StorageUnavailable


class Session:
    """One open database as the repositories see it; safe to share between threads."""

    def __init__(self, db: PooledDatabase, terminal: str):
        self.db = db
        self.terminal = terminal  # named in every audit entry written here

    @contextmanager
    def connection(self) -> Iterator[None]:
        """Keep one connection for this thread across several calls (a worker's whole task).

        The database failing meanwhile (server gone, connection lost, file locked or full)
        raises StorageUnavailable, whatever the driver said.
        """
        try:
            with binding.bound(self.db), self.db.connection_context():
                yield
        except (OperationalError, InterfaceError) as exc:
            raise StorageUnavailable.failed(f"the database failed: {exc}".strip()) from exc

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self.connection(), self.db.atomic():
            yield

    def audit(self, action: str, details: Mapping[str, Any], terminal: str | None = None, actor: str | None = None):
        """Add an audit entry inside the caller's transaction."""
        self.audit_many([(action, details)], terminal, actor)

    def audit_many(
        self, entries: Sequence[tuple[str, Mapping[str, Any]]], terminal: str | None = None, actor: str | None = None
    ) -> None:
        at = values.utcnow()
        rows = [
            {
                "at": at,
                "terminal": terminal or self.terminal,
                "actor": actor,
                "action": action,
                "details": to_jsonable_python(dict(details)),
            }
            for action, details in entries
        ]
        if rows:
            tables.AuditLog.insert_many(rows).execute()
