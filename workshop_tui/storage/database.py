"""Opening a database from its URL, and binding the models to it one thread at a time."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from peewee import Database, DatabaseProxy, PostgresqlDatabase
from playhouse import db_url

from .errors import StorageUnavailable

# Every connection: write-ahead log so readers never wait for the writer, foreign keys on,
# wait up to 5 s for a lock instead of failing, fsync at checkpoints only (safe in WAL mode).
SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": 5000,
    "synchronous": "normal",
    "cache_size": -32000,  # KiB
    "temp_store": "memory",
}
POSTGRES_CONNECT_TIMEOUT_S = 5
POOL = {"max_connections": 20, "stale_timeout": 300}


def redacted(url: str) -> str:
    """The URL without its password, fit for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
    return urlunsplit(parts._replace(netloc=netloc))


def _pooled_scheme(scheme: str) -> str:
    base = scheme.removesuffix("+pool")
    pooled = f"{base}+pool"
    if base not in ("sqlite", "postgres", "postgresql") or pooled not in db_url.schemes:
        raise StorageUnavailable(f"unsupported database URL scheme {scheme!r}: use sqlite:/// or postgresql://")
    return pooled


def connect(url: str) -> Database:
    """A pooled peewee database for `sqlite:///path` or `postgresql://user@host:port/name`.

    Nothing is opened yet. Connections are per thread and go back to the pool when a
    `connection_context()` ends. SQLite write transactions begin IMMEDIATE, so two writers
    queue on the busy timeout instead of deadlocking on a lock upgrade.
    """
    given = urlsplit(url).scheme
    scheme = _pooled_scheme(given)
    pooled_url = scheme + url[len(given) :]
    if scheme == "sqlite+pool":
        path = db_url.parse(pooled_url)["database"]
        if path == ":memory:":
            raise StorageUnavailable("an in-memory SQLite database cannot be shared between threads: give a file path")
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        return db_url.connect(
            pooled_url, pragmas=SQLITE_PRAGMAS, lock_type="IMMEDIATE", check_same_thread=False, **POOL
        )
    params = db_url.parse(pooled_url)
    timeout = {} if "connect_timeout" in params else {"connect_timeout": POSTGRES_CONNECT_TIMEOUT_S}
    return db_url.connect(pooled_url, **timeout, **POOL)


def is_postgres(db: Database) -> bool:
    return isinstance(db, PostgresqlDatabase)


class ThreadBinding(DatabaseProxy):
    """A `DatabaseProxy` whose target is chosen per thread.

    The models are declared once against this proxy; each `Store` binds its own database
    around its calls, so several stores (tests, a sandbox next to the real one) can be used
    at the same time from different threads without seeing each other's data.
    """

    def __init__(self) -> None:
        object.__setattr__(self, "_local", threading.local())
        super().__init__()

    @property
    def obj(self) -> Database | None:
        return getattr(self._local, "database", None)

    @obj.setter
    def obj(self, database: Database | None) -> None:
        self._local.database = database

    @contextmanager
    def bound(self, database: Database) -> Iterator[None]:
        """Route this thread's model queries to `database` until the block ends."""
        previous = self.obj
        self.initialize(database)
        try:
            yield
        finally:
            self.initialize(previous)


binding = ThreadBinding()
