"""Opening a database from its URL, and binding the models to it one thread at a time."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from peewee import Database, DatabaseError, DatabaseProxy, OperationalError, PostgresqlDatabase
from playhouse import db_url
from playhouse.pool import PooledDatabase

from .errors import StorageUnavailable

log = logging.getLogger(__name__)

# Every connection: write-ahead log so readers never wait for the writer, foreign keys on,
# wait up to 5 s for a lock instead of failing, fsync at checkpoints only (safe in WAL mode).
# Checkpoints run in the background (`WalCheckpointer`); a commit checkpoints by itself only
# when the log has grown past 40 MB, e.g. if no checkpointer runs.
SQLITE_PRAGMAS = {
    "busy_timeout": 5000,  # first: the switch to WAL below may have to wait for another terminal
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "normal",
    "wal_autocheckpoint": 10_000,  # pages
    "journal_size_limit": 64 * 1024 * 1024,  # bytes kept after a checkpoint
    "cache_size": -32_000,  # KiB
    "mmap_size": 1 << 30,  # read pages straight from the OS page cache (bytes)
    "temp_store": "memory",
}
CHECKPOINT_INTERVAL_S = 1.0
POSTGRES_CONNECT_TIMEOUT_S = 5
POOL = {"max_connections": 20, "stale_timeout": 300, "timeout": 10}  # wait up to 10 s for a free connection


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


def tuples(query: Any) -> list[tuple[Any, ...]]:
    """The rows of a peewee query as tuples (peewee's stubs type the rows of `.tuples()` as models)."""
    return list(query.tuples())


def connect(url: str) -> PooledDatabase:
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


def is_busy(exc: BaseException) -> bool:
    """SQLite answered "database is locked" (another terminal is creating or migrating the file)."""
    return isinstance(exc, OperationalError) and "locked" in str(exc)


def is_postgres(db: Database) -> bool:
    return isinstance(db, PostgresqlDatabase)


class WalCheckpointer:
    """Copies SQLite's write-ahead log into the database file from a background thread.

    A checkpoint waits for an fsync; done by a committing writer it would add milliseconds
    to every seventieth job recorded. PASSIVE checkpoints never block readers or writers.
    """

    def __init__(self, db: Database, interval_s: float = CHECKPOINT_INTERVAL_S):
        self._db = db
        self._interval_s = interval_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="sqlite-wal-checkpoint", daemon=True)

    def start(self) -> WalCheckpointer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(self._interval_s):
            try:
                with self._db.connection_context():
                    self._db.execute_sql("PRAGMA wal_checkpoint(PASSIVE)")
            except DatabaseError:  # e.g. disk full: the next commit past the limit checkpoints instead
                log.warning("background WAL checkpoint failed", exc_info=True)


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
