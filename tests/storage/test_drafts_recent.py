"""The open drafts, listed for the terminal: the most recently changed first."""

from __future__ import annotations

from workshop_tui.domain.models import JobDraft


def test_recent_drafts_come_newest_first_and_a_dropped_one_is_gone(store):
    store.drafts.save("WVWZZZ1KZAW000001", JobDraft(vin="WVWZZZ1KZAW000001", odometer_km=1))
    store.drafts.save("VF1RFB00X51234567", JobDraft(vin="VF1RFB00X51234567"))
    store.drafts.save("WVWZZZ1KZAW000001", JobDraft(vin="WVWZZZ1KZAW000001", odometer_km=2))
    assert [(d.vin, d.odometer_km) for d in store.drafts.recent()] == [
        ("WVWZZZ1KZAW000001", 2),
        ("VF1RFB00X51234567", None),
    ]
    store.drafts.drop("VF1RFB00X51234567")
    assert [d.vin for d in store.drafts.recent()] == ["WVWZZZ1KZAW000001"]
