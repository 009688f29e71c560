"""Sales saved as typed, printed versions that never change, the audit of each print, the stock."""

from __future__ import annotations

import hashlib
import signal
import subprocess
import sys
import threading
from datetime import date
from decimal import Decimal

import pytest
from peewee import DatabaseError, IntegrityError

from workshop_tui.domain.checklist import CheckState
from workshop_tui.domain.sale import Buyer, BuyerKind, CarPass, PointCheck, Sale, SaleVehicle, TradeIn
from workshop_tui.storage import InvalidValue, NotFound, Store
from workshop_tui.storage.sales import MODELS, DocumentKind, RenderedDocument, SaleConflict, Sales, SaleState

from .factories import OTHER_VIN, VIN, audit_entries

CONTRACT_FR = RenderedDocument(DocumentKind.CONTRACT, "fr", b"%PDF-1.7 contrat", b"<html>contrat</html>")
CHECKLIST_FR = RenderedDocument(DocumentKind.CHECKLIST, "fr", b"%PDF-1.7 liste", b"<html>liste</html>")


def typed_sale(**changes) -> Sale:
    fields = {
        "sale_date": date(2026, 11, 20),
        "buyer": Buyer(kind=BuyerKind.CONSUMER, first_name="Hélène", last_name="Dupont", language="fr"),
        "vehicle": SaleVehicle(vin=VIN.lower(), make="Volkswagen", displayed_km=80_000),
        "carpass": CarPass(id="CP12345678", issued=date(2026, 11, 2), vin=VIN, last_km=79_000),
        "trade_in": TradeIn(make="Renault", vin=OTHER_VIN),
        "price_incl_vat": Decimal("12500.00"),
        "options": ["towbar"],
        "checklist": {"brakes.pads": PointCheck(state=CheckState.WEAR, remark="60 %")},
    }
    return Sale(**{**fields, **changes})


def test_a_sale_is_saved_whole_as_typed_and_read_back_by_another_terminal(store, store_url):
    record = store.sales.create(Sale(vehicle=SaleVehicle(vin=VIN)))
    assert (record.state, record.version, record.printed_versions) == (SaleState.DRAFT, 1, 0)
    sale = typed_sale()
    saved = store.sales.save(record.id, sale)
    assert saved.sale == sale and saved.updated_at >= record.updated_at
    with Store.open(store_url, terminal="other") as other:  # as after a crash: only committed data counts
        assert other.sales.get(record.id).sale == sale
        assert other.sales.draft_for(VIN).id == record.id


def test_the_latest_draft_of_a_vin_is_resumed_and_printed_sales_are_not(store):
    first = store.sales.create(typed_sale())
    second = store.sales.create(typed_sale())
    store.sales.create(typed_sale(vehicle=SaleVehicle(vin=OTHER_VIN)))
    assert store.sales.draft_for(f" {VIN.lower()} ").id == second.id
    store.sales.record_print(second.id, typed_sale(), [CONTRACT_FR])
    assert store.sales.draft_for(VIN).id == first.id
    assert store.sales.draft_for("VF1AAAAAAAA000000") is None


def test_history_lists_newest_first_and_finds_by_vin_or_buyer(store):
    a = store.sales.create(typed_sale())
    b = store.sales.create(typed_sale(vehicle=SaleVehicle(vin=OTHER_VIN), buyer=Buyer(company_name="Garage Lambert")))
    assert [row.id for row in store.sales.history()] == [b.id, a.id]
    assert [row.id for row in store.sales.history("lambert")] == [b.id]
    assert [row.id for row in store.sales.history(VIN[-6:])] == [a.id]
    row = store.sales.history("dupont")[0]
    assert (row.vin, row.buyer_name, row.state, row.version) == (VIN, "Hélène Dupont", SaleState.DRAFT, 1)


def test_printing_stores_the_documents_as_version_one_and_audits_it(store):
    record = store.sales.create(typed_sale())
    printed = store.sales.record_print(record.id, typed_sale(), [CONTRACT_FR, CHECKLIST_FR])
    assert (printed.version, printed.sale, printed.terminal) == (1, typed_sale(), "test-terminal")
    assert printed.documents == (CONTRACT_FR, CHECKLIST_FR)
    assert store.sales.printed(record.id) == [printed]
    after = store.sales.get(record.id)
    assert (after.state, after.version, after.printed_versions) == (SaleState.PRINTED, 1, 1)
    entry = audit_entries(store, 1)[0]
    assert entry.action == "sale.printed"
    assert entry.details["version"] == 1 and entry.details["vin"] == VIN
    assert entry.details["documents"][0] == {
        "kind": "contract",
        "language": "fr",
        "pdf_sha256": hashlib.sha256(CONTRACT_FR.pdf).hexdigest(),
        "html_sha256": hashlib.sha256(CONTRACT_FR.html).hexdigest(),
    }


def test_a_change_after_printing_makes_a_new_version_and_keeps_the_printed_one(store):
    record = store.sales.create(typed_sale())
    store.sales.record_print(record.id, typed_sale(), [CONTRACT_FR])
    unchanged = store.sales.save(record.id, typed_sale())
    assert (unchanged.state, unchanged.version) == (SaleState.PRINTED, 1)
    assert audit_entries(store, 1)[0].action == "sale.printed"

    changed = typed_sale(price_incl_vat=Decimal("12000.00"), options=["towbar", "winter tyres"])
    reopened = store.sales.save(record.id, changed)
    assert (reopened.state, reopened.version, reopened.printed_versions) == (SaleState.DRAFT, 2, 1)
    entry = audit_entries(store, 1)[0]
    assert (entry.action, entry.details) == (
        "sale.changed_after_print",
        {"sale_id": record.id, "printed_version": 1, "version": 2, "changed": ["price_incl_vat", "options"]},
    )
    store.sales.save(record.id, changed)  # a draft again: further saves are not audited
    assert audit_entries(store, 1)[0].action == "sale.changed_after_print"

    contract_nl = RenderedDocument(DocumentKind.CONTRACT, "nl", b"%PDF nl", b"<html>nl</html>")
    second = store.sales.record_print(record.id, changed, [contract_nl])
    versions = store.sales.printed(record.id)
    assert [(v.version, v.sale.price_incl_vat, v.documents) for v in versions] == [
        (1, Decimal("12500.00"), (CONTRACT_FR,)),
        (2, Decimal("12000.00"), (contract_nl,)),
    ]
    assert second == versions[1]
    assert [e.action for e in audit_entries(store, 3)] == ["sale.printed", "sale.changed_after_print", "sale.printed"]


def test_a_print_is_refused_when_nothing_changed_or_the_sale_is_not_the_one_rendered(store):
    record = store.sales.create(typed_sale())
    with pytest.raises(SaleConflict) as stale:
        store.sales.record_print(record.id, typed_sale(price_incl_vat=Decimal("1.00")), [CONTRACT_FR])
    assert stale.value.code == "SALE_CHANGED"
    assert store.sales.printed(record.id) == []
    store.sales.record_print(record.id, typed_sale(), [CONTRACT_FR])
    with pytest.raises(SaleConflict) as again:
        store.sales.record_print(record.id, typed_sale(), [CONTRACT_FR])
    assert again.value.code == "SALE_ALREADY_PRINTED"
    assert len(store.sales.printed(record.id)) == 1


@pytest.mark.parametrize(
    "documents, code",
    [
        ([], "PRINT_WITHOUT_DOCUMENTS"),
        ([CONTRACT_FR, CONTRACT_FR], "PRINT_DOCUMENT_TWICE"),
        ([RenderedDocument(DocumentKind.CONTRACT, "de", b"%PDF", b"<html/>")], "PRINT_DOCUMENT_INCOMPLETE"),
        ([RenderedDocument(DocumentKind.CONTRACT, "fr", b"", b"<html/>")], "PRINT_DOCUMENT_INCOMPLETE"),
    ],
    ids=["none", "twice", "language", "empty-pdf"],
)
def test_a_print_needs_well_formed_documents(store, documents, code):
    record = store.sales.create(typed_sale())
    with pytest.raises(InvalidValue, match=code) as refused:
        store.sales.record_print(record.id, typed_sale(), documents)
    assert refused.value.fields == ("documents",)
    assert store.sales.get(record.id).state is SaleState.DRAFT


def test_unknown_sales_are_not_found(store):
    for call in (lambda: store.sales.get(999), lambda: store.sales.save(999, Sale()), lambda: store.sales.printed(999)):
        with pytest.raises(NotFound):
            call()


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE sale_version SET body = '{}'",
        "DELETE FROM sale_version",
        "UPDATE sale_document SET pdf = html",
        "DELETE FROM sale_document",
    ],
)
def test_the_database_refuses_to_change_a_printed_version(store, statement):
    record = store.sales.create(typed_sale())
    store.sales.record_print(record.id, typed_sale(), [CONTRACT_FR])
    with store.connection_context(), pytest.raises(DatabaseError, match="immutable"):
        store.session.db.execute_sql(statement)
    assert store.sales.printed(record.id)[0].documents == (CONTRACT_FR,)


def test_a_printed_sale_cannot_be_deleted(store):
    record = store.sales.create(typed_sale())
    store.sales.record_print(record.id, typed_sale(), [CONTRACT_FR])
    with store.connection_context(), pytest.raises(IntegrityError):
        store.session.db.execute_sql(f"DELETE FROM sale WHERE id = {record.id}")


def test_the_repository_offers_no_way_to_change_or_delete_a_printed_version():
    public = sorted(name for name in dir(Sales) if not name.startswith("_"))
    assert public == ["create", "draft_for", "get", "history", "printed", "record_print", "save"]


def test_every_sales_column_exists_in_the_migrated_schema(store):
    with store.connection_context():
        for model in MODELS:
            columns = {column.name for column in store.session.db.get_columns(model._meta.table_name)}
            assert {field.column_name for field in model._meta.sorted_fields} <= columns, model.__name__


def test_stock_cars_are_added_their_carpass_replaced_and_removed(store):
    old = CarPass(id="CP11111111", issued=date(2026, 9, 1), last_km=50_000)
    car = store.stock.add(VIN.lower(), old)
    assert (car.vin, car.carpass_id, car.carpass_issued, car.carpass_last_km, car.sold) == (
        VIN,
        "CP11111111",
        date(2026, 9, 1),
        50_000,
        False,
    )
    renewed = store.stock.add(VIN, CarPass(id="CP22222222", issued=date(2026, 11, 30), last_km=50_100))
    assert (renewed.carpass_id, renewed.carpass_issued) == ("CP22222222", date(2026, 11, 30))
    assert renewed.added_at == car.added_at
    store.stock.add(OTHER_VIN)
    assert [(c.vin, c.carpass_id) for c in store.stock.cars()] == [(VIN, "CP22222222"), (OTHER_VIN, None)]
    assert store.stock.remove(OTHER_VIN) is True
    assert store.stock.remove(OTHER_VIN) is False
    assert store.stock.get(OTHER_VIN) is None
    with pytest.raises(InvalidValue):
        store.stock.add("not a vin!")


def test_printing_a_sale_of_a_stock_car_marks_it_sold(store):
    store.stock.add(VIN, CarPass(id="CP12345678", issued=date(2026, 11, 2), last_km=79_000))
    store.stock.add(OTHER_VIN)
    record = store.sales.create(typed_sale())
    store.sales.record_print(record.id, typed_sale(), [CONTRACT_FR])
    assert [c.vin for c in store.stock.cars()] == [OTHER_VIN]
    assert store.stock.get(VIN).sold is True
    assert [c.vin for c in store.stock.cars(include_sold=True)] == [VIN, OTHER_VIN]
    assert audit_entries(store, 1)[0].details["stock_car_sold"] is True
    store.stock.add(VIN)  # bought back: for sale again
    assert store.stock.get(VIN).sold is False


CHILD = """
import sys
from workshop_tui.domain.sale import Sale, SaleVehicle
from workshop_tui.storage import Store

store = Store.open(sys.argv[1], terminal="crashing")
sale_id = store.sales.create(Sale(vehicle=SaleVehicle(vin="{vin}"))).id
for km in range(1, 100_000):
    store.sales.save(sale_id, Sale(vehicle=SaleVehicle(vin="{vin}", displayed_km=km)))
    print(sale_id, km, flush=True)
"""


def test_a_sale_being_typed_survives_a_killed_process(store_url):
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD.format(vin=VIN), store_url], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        for _ in range(25):
            sale_id, km = map(int, child.stdout.readline().split())
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    with Store.open(store_url) as reopened:
        saved = reopened.sales.get(sale_id).sale
    assert saved.vehicle.vin == VIN and (saved.vehicle.displayed_km or 0) >= km  # every save reported was committed


def test_two_terminals_printing_one_sale_at_once_make_one_version(store, store_url):
    record = store.sales.create(typed_sale())
    start, outcomes = threading.Barrier(2), list[int | str]()

    def print_it(terminal: Store) -> None:
        start.wait()
        try:
            outcomes.append(terminal.sales.record_print(record.id, typed_sale(), [CONTRACT_FR]).version)
        except SaleConflict as exc:
            outcomes.append(exc.code)

    with Store.open(store_url, terminal="a") as a, Store.open(store_url, terminal="b") as b:
        threads = [threading.Thread(target=print_it, args=(t,)) for t in (a, b)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert len(outcomes) == 2 and outcomes.count(1) == 1
    assert set(outcomes) - {1} <= {"SALE_ALREADY_PRINTED", "SALE_CHANGED"}
    assert [v.version for v in store.sales.printed(record.id)] == [1]
