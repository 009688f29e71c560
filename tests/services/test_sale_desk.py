"""The sale desk against the sandbox on loopback and a real store (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from workshop_tui.config import Company
from workshop_tui.domain.checklist import CheckState
from workshop_tui.domain.models import CustomerKind
from workshop_tui.domain.sale import (
    Buyer,
    BuyerKind,
    CarPass,
    Documents,
    DocumentStatus,
    PointCheck,
    Sale,
)
from workshop_tui.domain.stock import CarPassState
from workshop_tui.sandbox.server import SANDBOX_ENTERPRISE_NUMBER, SANDBOX_ESTABLISHMENT_NUMBER
from workshop_tui.services.outbox import Deliverer
from workshop_tui.services.sale_api import (
    DocumentKind,
    RenderedDocument,
    SaleConflict,
    SaleDeskError,
    SaleNotReady,
    SaleState,
)
from workshop_tui.services.sale_desk import SaleDesk, shipped_checklist
from workshop_tui.services.workshop import Workshop

SALE_DATE = date(2026, 11, 20)
TODAY = date(2026, 12, 1)
CONTRACT = RenderedDocument(DocumentKind.CONTRACT, "fr", b"%PDF contrat", b"<html>contrat</html>")
CHECKLIST = RenderedDocument(DocumentKind.CHECKLIST, "fr", b"%PDF liste", b"<html>liste</html>")
COMPANY = Company(
    name="Garage Sandbox",
    enterprise_number=SANDBOX_ENTERPRISE_NUMBER,
    establishment_number=SANDBOX_ESTABLISHMENT_NUMBER,
)
VALID_VAT = "BE 0403.170.701"


def make_desk(store, registry, carpass, tmp_path):
    deliverer = Deliverer(store, carpass, worker="test")  # never started: the desk only looks things up
    workshop = Workshop(store, registry, carpass, deliverer, COMPANY.nace_code, sandbox=True)
    return SaleDesk(store, workshop.vehicles, shipped_checklist(), today=lambda: TODAY), deliverer


@pytest.fixture
def desk(store, registry, carpass, tmp_path):
    made, deliverer = make_desk(store, registry, carpass, tmp_path)
    yield made
    deliverer.close()


def complete(sale: Sale, desk: SaleDesk, **changes) -> Sale:
    """`sale` with every mandatory field of a consumer sale filled, a Car-Pass fresh on SALE_DATE."""
    typed = {"engine": "1.5 TSI 110 kW", "colour_code": "LC9X", "displayed_km": 250_000, "type": "AW1"}
    gaps = {"make": "typed", "model": "typed", "colour": "typed", "first_entry_into_service": date(2019, 5, 3)}
    vehicle = sale.vehicle.model_copy(
        update={**{k: v for k, v in gaps.items() if getattr(sale.vehicle, k) is None}, **typed}
    )
    fields = {
        "sale_date": SALE_DATE,
        "signature_place": "Namur",
        "buyer": Buyer(
            kind=BuyerKind.CONSUMER,
            first_name="Hélène",
            last_name="Dupont",
            address="Rue de Fer 1, 5000 Namur",
            phone="+32 81 00 00 00",
            email="helene@example.org",
            language="fr",
        ),
        "vehicle": vehicle,
        "carpass": CarPass(id="CP12345678", issued=date(2026, 11, 2), vin=vehicle.vin, last_km=200_000),
        "price_incl_vat": Decimal("12500.00"),
        "delivery_on": date(2026, 11, 27),
        "documents": Documents(
            registration_request_form=DocumentStatus.HANDED_OVER,
            certificate_of_conformity=DocumentStatus.NOT_REQUIRED_IMPORTED,
        ),
        "checklist": {p.id: PointCheck(state=CheckState.OK) for p in desk.checklist.points},
    }
    return sale.model_copy(update={**fields, **changes})


def test_a_sale_starts_from_the_registry_and_is_resumed_as_it_was_left(desk, fleet):
    vin = fleet.plain.vin
    started = desk.start_sale(vin.lower())
    assert (started.resumed, started.lookup.origin, started.stock_car) == (False, "registry", None)
    registry = fleet.plain.registry
    vehicle = started.record.sale.vehicle
    assert (vehicle.vin, vehicle.make, vehicle.model) == (vin, registry.make, registry.commercial_name)
    assert vehicle.first_entry_into_service == registry.first_registration
    assert (vehicle.engine, vehicle.colour_code, vehicle.displayed_km) == (None, None, None)  # typed at the desk

    typed = started.record.sale.model_copy(update={"signature_place": "Namur"})
    desk.save_sale(started.record.id, typed)
    again = desk.start_sale(vin)
    assert (again.resumed, again.lookup, again.record.id, again.record.sale) == (True, None, started.record.id, typed)


def test_a_stock_car_opens_with_its_carpass(desk, fleet):
    vin = fleet.plain.vin
    desk.add_stock_car(vin, CarPass(id="CP12345678", issued=date(2026, 11, 2), last_km=70_000))
    started = desk.start_sale(vin)
    assert started.stock_car.vin == vin
    assert started.record.sale.carpass == CarPass(id="CP12345678", issued=date(2026, 11, 2), vin=vin, last_km=70_000)


@pytest.mark.parametrize("vin", ["", "WVWZZZ1JZ3W38675", "1HGCM82633A00435X"], ids=["empty", "short", "check-digit"])
def test_an_invalid_vin_starts_nothing(desk, vin):
    with pytest.raises(SaleDeskError) as refused:
        desk.start_sale(vin)
    assert (refused.value.code, refused.value.field) == ("INVALID_VIN", "vehicle.vin")
    assert desk.sales() == []


def test_a_carpass_fetched_by_id_fills_id_vin_and_last_reading_never_the_issue_date(desk, fleet):
    plain = fleet.plain
    fetched = desk.fetch_carpass(plain.carpass_id.lower())
    latest = max(plain.mileage_history, key=lambda m: m.on)
    assert fetched.problem is None
    assert fetched.filled == ("id", "vin", "last_km")
    carpass = fetched.carpass
    assert (carpass.id, carpass.vin, carpass.last_km) == (plain.carpass_id, plain.vin, latest.km)
    typed = CarPass(id="typo", issued=date(2026, 11, 2))
    assert fetched.applied_to(typed) == CarPass(
        id=plain.carpass_id, issued=date(2026, 11, 2), vin=plain.vin, last_km=latest.km
    )
    assert latest.km in [r.km for r in desk.store.vehicles.readings(plain.vin)]  # the history joined the readings


def test_a_carpass_id_that_cannot_be_fetched_leaves_the_rest_to_type(desk, store, registry, make_carpass, tmp_path):
    invalid = desk.fetch_carpass("12-ab")
    assert (invalid.problem.code, invalid.filled) == ("CARPASS_ID_INVALID", ())
    unknown = desk.fetch_carpass("ZZ99999999")
    assert (unknown.problem.code, unknown.filled) == ("CARPASS_NOT_FOUND", ("id",))
    assert unknown.carpass == CarPass(id="ZZ99999999")
    offline, deliverer = make_desk(store, registry, make_carpass(base_url="http://127.0.0.1:1"), tmp_path)
    try:
        down = offline.fetch_carpass("CP 1234-5678")
    finally:
        deliverer.close()
    assert (down.problem.code, down.problem.field, down.carpass) == (
        "CARPASS_FETCH_FAILED",
        "carpass.id",
        CarPass(id="CP12345678"),
    )
    assert down.problem.params["error"]


def test_a_consumer_sale_with_a_fresh_carpass_prints_as_version_one_and_sells_the_stock_car(desk, store, fleet):
    vin = fleet.plain.vin
    desk.add_stock_car(vin, CarPass(id="CP12345678", issued=date(2026, 11, 2), last_km=70_000))
    started = desk.start_sale(vin)
    sale = complete(started.record.sale, desk)
    desk.save_sale(started.record.id, sale)
    review = desk.review(sale)
    assert (review.missing, review.findings, review.printable) == ((), (), True)

    printed = desk.record_print(started.record.id, [CONTRACT, CHECKLIST])
    assert (printed.version, printed.sale, printed.documents) == (1, sale, (CONTRACT, CHECKLIST))
    assert desk.stock() == []
    assert store.stock.get(vin).sold is True
    [row] = desk.sales("dupont")
    assert (row.id, row.state, row.version) == (started.record.id, SaleState.PRINTED, 1)
    with pytest.raises(SaleConflict) as again:
        desk.record_print(started.record.id, [CONTRACT, CHECKLIST])
    assert again.value.code == "SALE_ALREADY_PRINTED"

    desk.save_sale(started.record.id, sale.model_copy(update={"price_incl_vat": Decimal("12000.00")}))
    second = desk.record_print(started.record.id, [CONTRACT, CHECKLIST])
    assert [v.version for v in desk.printed_versions(started.record.id)] == [1, second.version] == [1, 2]


def test_printing_is_refused_listing_every_missing_field_and_blocking_finding_at_once(desk, fleet):
    started = desk.start_sale(fleet.plain.vin)
    sale = complete(
        started.record.sale,
        desk,
        carpass=CarPass(id="CP12345678", issued=date(2026, 9, 19), vin="VF1RFB00X56123456", last_km=300_000),
        signature_place=None,
        legal_warranty_months=18,
    )
    desk.save_sale(started.record.id, sale)
    with pytest.raises(SaleNotReady) as refused:
        desk.record_print(started.record.id, [CONTRACT])
    error = refused.value
    assert error.code == "SALE_NOT_READY"
    assert error.missing == ("signature_place", "printout.checklist")
    assert error.codes == ("CARPASS_TOO_OLD", "CARPASS_VIN_MISMATCH", "KM_BELOW_CARPASS")  # the warning does not block
    assert error.fields == (
        "signature_place",
        "printout.checklist",
        "carpass.issued",
        "carpass.vin",
        "vehicle.displayed_km",
    )
    assert "WARRANTY_REDUCED" in [f.code for f in desk.review(sale).findings]
    assert desk.printed_versions(started.record.id) == []
    assert desk.sale(started.record.id).state is SaleState.DRAFT


def test_a_trader_buys_without_carpass_and_without_checklist(desk, fleet):
    started = desk.start_sale(fleet.plain.vin)
    sale = started.record.sale.model_copy(
        update={
            "sale_date": SALE_DATE,
            "buyer": Buyer(kind=BuyerKind.TRADER, company_name="Autos Lambert", vat_number=VALID_VAT),
            "vehicle": started.record.sale.vehicle.model_copy(update={"displayed_km": 250_000}),
            "price_incl_vat": Decimal("8000.00"),
            "documents": Documents(
                registration_request_form=DocumentStatus.HANDED_OVER,
                certificate_of_conformity=DocumentStatus.HANDED_OVER,
            ),
        }
    )
    desk.save_sale(started.record.id, sale)
    assert desk.review(sale).printable
    assert desk.record_print(started.record.id, [CONTRACT]).version == 1


def test_a_company_buyer_needs_a_valid_vat_number_and_becomes_a_customer(desk):
    buyer = Buyer(kind=BuyerKind.COMPANY, company_name="Boulangerie Hélène", vat_number="BE 0403.170.702")
    review = desk.review(Sale(buyer=buyer))
    assert [(f.code, f.field) for f in review.findings] == [
        ("CARPASS_MISSING", "carpass"),
        ("VAT_NUMBER_INVALID", "buyer.vat_number"),
    ]
    assert not review.printable
    with pytest.raises(SaleDeskError) as refused:
        desk.customer_from_buyer(buyer)
    assert (refused.value.code, refused.value.params) == ("VAT_NUMBER_INVALID", {"vat_number": "BE 0403.170.702"})

    customer = desk.customer_from_buyer(buyer.model_copy(update={"vat_number": VALID_VAT}))
    assert (customer.name, customer.kind) == ("Boulangerie Hélène", CustomerKind.PROFESSIONAL)
    assert customer.vat_number == "0403170701"
    assert desk.find_customers("helene") == [customer]
    consumer = desk.customer_from_buyer(Buyer(kind=BuyerKind.CONSUMER, first_name="Jan", last_name="Peeters"))
    assert (consumer.name, consumer.kind) == ("Jan Peeters", CustomerKind.PRIVATE)
    with pytest.raises(SaleDeskError, match="BUYER_KIND_MISSING"):
        desk.customer_from_buyer(Buyer(first_name="Jan"))


def test_a_trade_in_is_filled_from_the_registry(desk, fleet):
    found = desk.lookup_trade_in(fleet.plain.vin)
    registry = fleet.plain.registry
    assert (found.trade_in.vin, found.trade_in.make, found.trade_in.model) == (
        fleet.plain.vin,
        registry.make,
        registry.commercial_name,
    )
    assert found.lookup.origin in ("registry", "cache")


def test_the_stock_view_puts_cars_needing_a_carpass_first(desk, fleet):
    red, amber, green, bare = fleet.plain.vin, fleet.rollback.vin, fleet.motorcycle.vin, fleet.heavy_van.vin
    desk.add_stock_car(green, CarPass(id="CP00000001", issued=date(2026, 11, 20)))
    desk.add_stock_car(amber, CarPass(id="CP00000002", issued=date(2026, 10, 10), vin=amber))
    desk.add_stock_car(bare)
    desk.add_stock_car(red, CarPass(id="CP00000003", issued=date(2026, 9, 30)))
    view = desk.stock()
    assert [(e.car.vin, e.standing.state) for e in view] == [
        (red, CarPassState.RED),
        (bare, CarPassState.NONE),
        (amber, CarPassState.AMBER),
        (green, CarPassState.GREEN),
    ]
    assert view[2].standing.days_left == 9
    with pytest.raises(SaleDeskError) as mismatch:
        desk.add_stock_car(green, CarPass(id="CP00000004", vin=red))
    assert mismatch.value.code == "CARPASS_VIN_MISMATCH"
    assert desk.remove_stock_car(bare) is True
    assert [e.car.vin for e in desk.stock()] == [red, amber, green]
