"""The store: opens the database (SQLite or PostgreSQL), migrates it, and hands out one
repository per concern. Services reach the database only through these.

Every repository method is safe to call from Textual thread workers: each thread gets its own
pooled connection for the duration of a call, or of a `connection_context()` block that groups
several calls. Writes are single transactions. Instants are timezone-aware datetimes in and
aware UTC datetimes out; naive datetimes are refused.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from contextlib import AbstractContextManager
from functools import cached_property
from typing import TYPE_CHECKING, Any

from peewee import OperationalError

from .audit import AuditLog
from .customers import Customers
from .database import WalCheckpointer, connect, is_postgres, redacted
from .drafts import Drafts
from .errors import StorageUnavailable
from .jobs import Jobs
from .migrations import migrate
from .outbox import Outbox
from .quality import Quality
from .session import Session
from .vehicles import Vehicles

if TYPE_CHECKING:
    from .sales import Sales, Stock

Retrying = Callable[..., Any]  # runs fn(*args) under a retry policy, e.g. tenacity.Retrying


def _once(fn: Callable[..., Any], *args: Any) -> Any:
    return fn(*args)


class Store:
    """One open database: `vehicles`, `customers`, `drafts`, `jobs`, `outbox` and `audit`."""

    def __init__(self, session: Session):
        self.session = session
        self.vehicles = Vehicles(session)
        self.customers = Customers(session)
        self.drafts = Drafts(session)
        self.jobs = Jobs(session)
        self.outbox = Outbox(session)
        self.audit = AuditLog(session)
        self.quality = Quality(session)
        db = session.db
        self._checkpointer = None if is_postgres(db) else WalCheckpointer(db).start()

    # The sale desk's repositories are imported when first used: with the sale models, some 20 ms that
    # the terminal's first vehicle lookup would otherwise wait for.
    @cached_property
    def sales(self) -> Sales:
        from .sales import Sales

        return Sales(self.session)

    @cached_property
    def stock(self) -> Stock:
        from .sales import Stock

        return Stock(self.session)

    @classmethod
    def open(cls, url: str, *, terminal: str | None = None, retrying: Retrying = _once) -> Store:
        """Open the database at `url` (the settings choose it: `config.Settings.database_url`) and migrate it.

        The migration runs under `retrying` (the services pass `policies.database_open()`, which
        waits out a terminal that is creating the same SQLite file).
        """
        db = connect(url)
        try:
            retrying(migrate, db)
        except OperationalError as exc:
            db.close_all()
            raise StorageUnavailable.failed(f"cannot open the database {redacted(url)}: {exc}".strip()) from exc
        except BaseException:
            db.close_all()
            raise
        return cls(Session(db, terminal or socket.gethostname()))

    def connection_context(self) -> AbstractContextManager[None]:
        """Keep one connection for this thread across several calls (a worker's whole task)."""
        return self.session.connection()

    def close(self) -> None:
        """Close every pooled connection; the store is unusable afterwards."""
        if self._checkpointer is not None:
            self._checkpointer.stop()
        self.session.db.close_all()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
