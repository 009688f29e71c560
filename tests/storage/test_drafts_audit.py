"""Drafts saved as the user types, the append-only audit log, several stores side by side."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from peewee import DatabaseError

from workshop_tui.domain.models import JobDraft
from workshop_tui.domain.work import Role, WorkKind
from workshop_tui.storage import InvalidValue, Store

from .factories import audit_entries, draft, verdict


def test_drafts_round_trip_and_are_replaced_and_dropped(store):
    typed = draft(
        odometer_replaced=True,
        five_digit_odometer=True,
        work=[WorkKind.TYRES, WorkKind.BODY_REPAIR],
        total_incl_vat=Decimal("1234.50"),
        customer_id=7,
        customer_vat_registered=True,
        role=Role.INDEPENDENT_ELSEWHERE,
    )
    assert store.drafts.load("terminal-1") is None
    store.drafts.save("terminal-1", JobDraft(vin="WVW"))
    store.drafts.save("terminal-1", typed)
    store.drafts.save("terminal-2", JobDraft())
    assert store.drafts.load("terminal-1") == typed
    store.drafts.drop("terminal-1")
    assert store.drafts.load("terminal-1") is None
    assert store.drafts.load("terminal-2") == JobDraft()
    with pytest.raises(InvalidValue, match="1 to 200 characters"):
        store.drafts.save("k" * 201, typed)


def test_audit_entries_are_listed_newest_first(store):
    store.audit.append("settings.changed", {"language": "nl", "when": datetime(2026, 3, 2, tzinfo=UTC)}, actor="Els")
    store.audit.append("vehicle.typed", {"fields": ["make"]})
    newest, oldest = audit_entries(store)
    assert (newest.action, oldest.action, oldest.actor, oldest.terminal) == (
        "vehicle.typed",
        "settings.changed",
        "Els",
        "test-terminal",
    )
    assert oldest.details == {"language": "nl", "when": "2026-03-02T00:00:00Z"}
    assert [entry.action for entry in audit_entries(store, 1)] == ["vehicle.typed"]


@pytest.mark.parametrize(
    "statement", ["UPDATE audit_log SET action = 'forged'", "DELETE FROM audit_log"], ids=["update", "delete"]
)
def test_the_database_refuses_to_change_the_audit_log(store, statement):
    store.audit.append("job.recorded", {"job_id": 1})
    with store.connection_context(), pytest.raises(DatabaseError, match="append-only"):
        store.session.db.execute_sql(statement)
    assert [entry.action for entry in audit_entries(store)] == ["job.recorded"]


def test_the_store_offers_no_way_to_change_the_audit_log(store):
    assert [name for name in dir(store.audit) if not name.startswith("_")] == ["append"]


def test_two_stores_used_at_once_from_two_threads_keep_their_data_apart(tmp_path):
    with Store.open(f"sqlite:///{tmp_path / 'a.db'}") as a, Store.open(f"sqlite:///{tmp_path / 'b.db'}") as b:
        start = threading.Barrier(2)

        def record(store: Store, km: int) -> None:
            start.wait()
            for _ in range(20):
                store.jobs.record(draft(odometer_km=km), verdict())

        threads = [threading.Thread(target=record, args=args) for args in ((a, 1000), (b, 2000))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert {row.odometer_km for row in a.jobs.history()} == {1000}
        assert {row.odometer_km for row in b.jobs.history()} == {2000}
        assert len(a.jobs.history()) == len(b.jobs.history()) == 20
