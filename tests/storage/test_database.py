"""Opening databases: URLs, the background WAL checkpoint of SQLite, a server lost mid-run."""

from __future__ import annotations

import socket
import threading
import time
from urllib.parse import urlsplit, urlunsplit

import pytest

from workshop_tui.storage import StorageUnavailable, Store
from workshop_tui.storage.database import redacted
from workshop_tui.storage.errors import DATABASE_UNAVAILABLE

from .factories import draft, verdict


def test_redacted_urls_hide_only_the_password():
    assert redacted("postgresql://app:s3cret@db.example:5432/garage") == "postgresql://app:***@db.example:5432/garage"
    assert redacted("sqlite:////var/lib/workshop.db") == "sqlite:////var/lib/workshop.db"


def checkpoint_threads() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name == "sqlite-wal-checkpoint"]


def test_sqlite_commits_reach_the_database_file_in_the_background(tmp_path):
    path = tmp_path / "workshop.db"
    running = len(checkpoint_threads())
    with Store.open(f"sqlite:///{path}") as store:
        size = path.stat().st_size
        for km in range(50):  # new pages, far below the 10 000 a commit would checkpoint itself
            store.jobs.record(draft(odometer_km=km), verdict())
        deadline = time.monotonic() + 5
        while path.stat().st_size == size and time.monotonic() < deadline:
            time.sleep(0.05)
        assert path.stat().st_size > size
        assert len(checkpoint_threads()) == running + 1
    assert len(checkpoint_threads()) == running


class Forwarder:
    """A TCP relay to the PostgreSQL server on a port of its own; `cut()` is the server going away."""

    def __init__(self, host: str, port: int):
        self.target = (host, port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.sockets: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client = self.listener.accept()[0]
            except OSError:  # cut
                return
            server = socket.create_connection(self.target)
            self.sockets += [client, server]
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass

    def cut(self) -> None:
        for sock in [self.listener, *self.sockets]:
            sock.shutdown(socket.SHUT_RDWR)
            sock.close()


@pytest.mark.postgres
def test_a_server_gone_mid_run_is_storage_unavailable(postgres_url):
    """The PostgreSQL server stops mid-run: the call fails with a problem the UI words (never
    the driver's English)."""
    url = urlsplit(postgres_url)
    relay = Forwarder(url.hostname or "127.0.0.1", url.port or 5432)
    with Store.open(urlunsplit(url._replace(netloc=f"{url.username}@127.0.0.1:{relay.port}"))) as store:
        store.jobs.record(draft(), verdict())
        relay.cut()
        with pytest.raises(StorageUnavailable) as failed:
            store.jobs.record(draft(), verdict())
        assert failed.value.problem.code == DATABASE_UNAVAILABLE
