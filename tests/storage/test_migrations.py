"""Schema migrations: applied once, recorded, matching the models, safe when terminals start together."""

from __future__ import annotations

import threading
from types import ModuleType, SimpleNamespace
from typing import cast

import pytest
from peewee import DatabaseError

from workshop_tui.domain.lifecycle import SubmissionState
from workshop_tui.storage import Refused, StorageUnavailable, Store, migrations
from workshop_tui.storage.database import connect
from workshop_tui.storage.migrations import Step, applied_versions, migrate, steps
from workshop_tui.storage.models import MODELS

from .factories import audit_entries, draft, verdict


def test_steps_are_numbered_from_one_without_gaps():
    assert [step.version for step in steps()] == list(range(1, len(steps()) + 1))


def test_migrations_are_applied_once_and_recorded(store_url):
    db = connect(store_url)
    try:
        assert migrate(db) == [step.version for step in steps()]
        assert migrate(db) == []
        with db.connection_context():
            assert applied_versions(db) == {step.version for step in steps()}
    finally:
        db.close_all()


def test_a_failing_step_leaves_the_database_as_it_was(store_url, monkeypatch):
    broken_module = cast(ModuleType, SimpleNamespace(apply=lambda db: db.execute_sql("CREATE TABLE broken (")))
    broken = Step(99, "m0099_broken", broken_module)
    released = steps()
    monkeypatch.setattr(migrations, "steps", lambda: [*released, broken])
    db = connect(store_url)
    try:
        with pytest.raises(DatabaseError):
            migrate(db)
        with db.connection_context():
            assert db.get_tables() == []
    finally:
        db.close_all()


def test_reopening_a_store_keeps_its_data(store_url):
    with Store.open(store_url) as first:
        first.audit.append("test.marker", {"n": 1})
    with Store.open(store_url) as second:
        assert [entry.action for entry in audit_entries(second)] == ["test.marker"]


def test_every_model_column_exists_in_the_migrated_schema(store):
    db = store.session.db
    with store.connection_context():
        for model in MODELS:
            columns = {column.name for column in db.get_columns(model._meta.table_name)}
            assert {field.column_name for field in model._meta.sorted_fields} <= columns, model.__name__


def test_terminals_starting_together_migrate_once(store_url):
    errors, stores = [], []

    def start():
        try:
            stores.append(Store.open(store_url))
        except Exception as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for opened in stores:
        opened.close()
    assert errors == []
    db = connect(store_url)
    try:
        with db.connection_context():
            count = db.execute_sql("SELECT COUNT(*) FROM schema_version").fetchone()[0]
    finally:
        db.close_all()
    assert count == len(steps())


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://root@localhost/db", "unsupported database URL scheme"),
        ("sqlite:///:memory:", "in-memory"),
        ("postgresql://postgres@127.0.0.1:1/test", "cannot open the database"),
    ],
)
def test_bad_urls_are_refused_with_a_clear_message(url, message):
    with pytest.raises(StorageUnavailable, match=message):
        Store.open(url)


def test_passwords_are_not_shown_in_errors():
    with pytest.raises(StorageUnavailable) as caught:
        Store.open("postgresql://postgres:s3cret@127.0.0.1:1/test")
    assert "s3cret" not in str(caught.value)


def test_m0002_keeps_the_outbox_and_drops_the_company_table(store_url, monkeypatch):
    released = steps()
    monkeypatch.setattr(migrations, "steps", lambda: released[:1])
    with Store.open(store_url) as old:
        _, view = old.jobs.record(draft(), verdict())
    monkeypatch.setattr(migrations, "steps", lambda: released)
    with Store.open(store_url) as new:
        kept = new.outbox.submission(view.id)
        assert (kept.state, kept.odometer_km, kept.problem_code) == (SubmissionState.PENDING, 123_456, None)
        with new.connection_context():
            assert "company" not in new.session.db.get_tables()
        new.outbox.record_one(
            Refused(view.id, SubmissionState.NEEDS_FIXING, "VALIDATION_ERROR", "too high", "odometer_km")
        )
        assert new.outbox.submission(view.id).problem_field == "odometer_km"
        assert new.outbox.claim_due("w2") == []  # waits for a person
