"""Opening databases: URLs, the background WAL checkpoint of SQLite."""

from __future__ import annotations

import threading
import time

from workshop_tui.storage import Store
from workshop_tui.storage.database import redacted

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
