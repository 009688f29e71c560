"""Issue 9 J and K in the store: EU VAT customers, plates and bounded searches in the history,
one job per external reference, and the site's data quality (SQLite and PostgreSQL)."""

from __future__ import annotations

import threading
from datetime import timedelta
from decimal import Decimal

import pytest

from workshop_tui.domain.models import Customer, CustomerKind, SubmissionState
from workshop_tui.storage import InvalidValue, Refused, Rejected, SearchRefused, Store
from workshop_tui.storage.values import MAX_SEARCH, SEARCH_CONTROL_CHARACTER, SEARCH_TOO_LONG

from .factories import OTHER_VIN, draft, verdict


@pytest.mark.parametrize(
    "typed, stored",
    [("FR40303265045", "FR40303265045"), ("de 136 695 976", "DE136695976"), ("ATU13585627", "ATU13585627"),
     ("EL094259216", "EL094259216"), ("BE 0403.170.701", "0403170701")],
)  # fmt: skip
def test_vat_registered_customers_from_other_eu_countries(store: Store, typed, stored):
    added = store.customers.add(Customer(name="Lease NV", kind=CustomerKind.PROFESSIONAL, vat_number=typed))
    assert added.vat_number == stored
    assert store.customers.find(typed) == [added]


@pytest.mark.parametrize("typed, code", [("FR40303265046", "VAT_CHECK"), ("US123456789", "VAT_COUNTRY"),
                                         ("BE0403170702", "ENTERPRISE_CHECK")])  # fmt: skip
def test_a_wrong_eu_vat_number_is_refused_with_its_code(store: Store, typed, code):
    with pytest.raises(InvalidValue, match=code):
        store.customers.add(Customer(name="X", kind=CustomerKind.PROFESSIONAL, vat_number=typed))


@pytest.mark.parametrize("query, code", [("x" * 100_000, SEARCH_TOO_LONG), ("ab\x00c", SEARCH_CONTROL_CHARACTER),
                                         ("a\nb", SEARCH_CONTROL_CHARACTER)])  # fmt: skip
def test_search_inputs_are_bounded(store: Store, query, code):
    for search in (store.customers.find, store.jobs.history):
        with pytest.raises(SearchRefused) as refused:
            search(query)
        assert (refused.value.code, refused.value.fields) == (code, ("query",))
    assert store.jobs.history("x" * MAX_SEARCH) == []


def test_history_search_by_plate(store: Store):
    store.jobs.record(draft(license_plate="1-abc-123"), verdict())
    store.jobs.record(draft(vin=OTHER_VIN, license_plate="2XYZ987"), verdict())
    found = store.jobs.history("1-ABC-123")
    assert [(row.vin, row.license_plate) for row in found] == [(draft().vin, "1ABC123")]
    assert store.jobs.get(found[0].job_id).license_plate == "1ABC123"
    assert [row.license_plate for row in store.jobs.history("xyz 98")] == ["2XYZ987"]


def test_a_plate_that_is_not_one_is_refused(store: Store):
    with pytest.raises(InvalidValue) as refused:
        store.jobs.record(draft(license_plate="1-ABC-123-456-789"), verdict())
    assert refused.value.fields == ("license_plate",)


def test_one_job_per_external_reference(store: Store):
    first_id, first = store.jobs.record(draft(), verdict(), external_key="INV-2026-0042")
    again_id, again = store.jobs.record(draft(odometer_km=1), verdict(), external_key="INV-2026-0042")
    assert (again_id, again.id) == (first_id, first.id)
    assert store.jobs.get(first_id).odometer_km == 123_456
    assert store.jobs.by_external_key("INV-2026-0042") == first_id
    assert store.jobs.by_external_key("INV-2026-0043") is None
    other_id, _ = store.jobs.record(draft(), verdict(), external_key="INV-2026-0043")
    assert other_id != first_id


def test_racing_calls_with_one_reference_record_one_job(store_url):
    results, stores = [], [Store.open(store_url) for _ in range(4)]
    try:
        barrier = threading.Barrier(len(stores))

        def submit(s: Store) -> None:
            barrier.wait()
            results.append(s.jobs.record(draft(), verdict(), external_key="INV-RACE")[0])

        threads = [threading.Thread(target=submit, args=(s,)) for s in stores]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        assert len(results) == len(stores) and len(set(results)) == 1
        assert len(stores[0].jobs.history()) == 1
    finally:
        for s in stores:
            s.close()


def _reject(store: Store, submission_id: int, *issues: str) -> None:
    store.outbox.record_one(Rejected(submission_id, "guid", "E-1", issues, "REJECTED"))


def test_data_quality_counts_refused_and_corrected_readings_by_cause(store: Store):
    ids = [store.jobs.record(draft(odometer_km=100_000 + i), verdict())[1].id for i in range(5)]
    empty = store.quality.data_quality()
    assert (empty.readings, empty.discrepancies, empty.by_cause) == (5, 0, {})
    _reject(store, ids[0], "1003: lower than the previous reading", "1010: too far in the past")
    store.outbox.correct(ids[0], draft(odometer_km=100_500))
    _reject(store, ids[1], "1003: lower than the previous reading")
    store.outbox.record_one(
        Refused(ids[2], SubmissionState.NEEDS_FIXING, "VALIDATION_ERROR", "too high", "odometer_km")
    )
    store.outbox.record_one(Refused(ids[3], SubmissionState.NEEDS_SETTINGS, "AUTHENTICATION_FAILED", "password"))
    quality = store.quality.data_quality()
    assert (quality.readings, quality.discrepancies) == (5, 3)
    assert quality.by_cause == {"CARPASS_ISSUE_1003": 2, "CARPASS_ISSUE_1010": 1, "VALIDATION_ERROR": 1}
    assert quality.share == Decimal("0.6") and not quality.within_threshold


def test_data_quality_looks_back_12_months(store: Store):
    _, view = store.jobs.record(draft(), verdict())
    _reject(store, view.id, "1003: lower")
    assert store.quality.data_quality(view.created_at + timedelta(days=364)).discrepancies == 1
    later = store.quality.data_quality(view.created_at + timedelta(days=366))
    assert (later.readings, later.discrepancies, later.share, later.within_threshold) == (0, 0, None, True)
