"""The sale as data, and every mandatory field still empty listed at once, by buyer kind."""

from datetime import date
from decimal import Decimal

import pytest
from pydantic import ValidationError

from workshop_tui.domain.checklist import parse_checklist
from workshop_tui.domain.sale import (
    Buyer,
    CarPass,
    CommercialWarranty,
    Documents,
    PointCheck,
    Sale,
    SaleVehicle,
    TradeIn,
    missing_fields,
)

VIN = "WVWZZZ1JZXW000001"
VEHICLE = SaleVehicle(
    vin=VIN,
    make="Volkswagen",
    model="Golf",
    type="1J",
    engine="1.6 TDI 77 kW",
    colour="blue",
    colour_code="LA5A",
    first_entry_into_service=date(2019, 3, 1),
    displayed_km=80_000,
)
CARPASS = CarPass(id="CP-1", issued=date(2026, 11, 2), vin=VIN, last_km=79_000)
DOCUMENTS = Documents(registration_request_form="handed_over", certificate_of_conformity="not_required_imported")
CONSUMER = Buyer(
    kind="consumer",
    first_name="Jan",
    last_name="Peeters",
    address="Kerkstraat 1, 2000 Antwerpen",
    phone="+32 3 123 45 67",
    email="jan@example.be",
)
COMPANY = Buyer(kind="company", company_name="Bouw NV", vat_number="BE0403170701", address="Industrieweg 2, 9000 Gent")
TRADER = Buyer(kind="trader", company_name="Auto Handel BV", vat_number="BE0403170701")
CHECKLIST = parse_checklist(
    "# status: official\n# source: test\ngroup,group_fr,group_nl,group_en,point,label_fr,label_nl,label_en\n"
    "tyres,Pneus,Banden,Tyres,t1,a,b,c\ntyres,Pneus,Banden,Tyres,t2,a,b,c\n"
)


def complete(buyer=CONSUMER, **kw):
    base = dict(
        sale_date=date(2026, 11, 20),
        signature_place="Antwerpen",
        buyer=buyer,
        vehicle=VEHICLE,
        carpass=CARPASS,
        price_incl_vat=Decimal("12500.00"),
        delivery_on=date(2026, 11, 27),
        documents=DOCUMENTS,
    )
    return Sale(**{**base, **kw})


@pytest.mark.parametrize("buyer", [CONSUMER, COMPANY, TRADER])
def test_a_complete_sale_misses_nothing(buyer):
    assert missing_fields(complete(buyer)) == []


def test_an_empty_sale_lists_what_every_sale_needs():
    assert missing_fields(Sale()) == [
        "sale_date",
        "buyer.kind",
        "vehicle.vin",
        "vehicle.make",
        "vehicle.model",
        "vehicle.displayed_km",
        "carpass.id",
        "carpass.issued",
        "carpass.vin",
        "carpass.last_km",
        "price_incl_vat",
        "documents.registration_request_form",
        "documents.certificate_of_conformity",
    ]


def test_an_empty_consumer_sale_lists_the_whole_contract_in_screen_order():
    assert missing_fields(Sale(buyer=Buyer(kind="consumer")), CHECKLIST) == [
        "sale_date",
        "signature_place",
        "buyer.first_name",
        "buyer.last_name",
        "buyer.address",
        "buyer.phone",
        "buyer.email",
        "vehicle.vin",
        "vehicle.make",
        "vehicle.model",
        "vehicle.displayed_km",
        "vehicle.type",
        "vehicle.engine",
        "vehicle.colour",
        "vehicle.colour_code",
        "vehicle.first_entry_into_service",
        "carpass.id",
        "carpass.issued",
        "carpass.vin",
        "carpass.last_km",
        "price_incl_vat",
        "delivery",
        "documents.registration_request_form",
        "documents.certificate_of_conformity",
        "checklist.t1",
        "checklist.t2",
    ]


@pytest.mark.parametrize(
    "kind, expected",
    [
        ("company", ["buyer.company_name", "buyer.vat_number", "buyer.address", "carpass.id"]),
        ("trader", ["buyer.company_name", "buyer.vat_number"]),  # no Car-Pass due
    ],
)
def test_consumer_contract_fields_are_for_consumers_only(kind, expected):
    bare_vehicle = SaleVehicle(vin=VIN, make="Volkswagen", model="Golf", displayed_km=80_000)
    sale = complete(
        Buyer(kind=kind),
        vehicle=bare_vehicle,
        signature_place=None,
        delivery_on=None,
        carpass=CarPass(issued=date(2026, 11, 2), vin=VIN, last_km=1) if kind == "company" else None,
        trade_in=TradeIn(),
        commercial_warranty=CommercialWarranty(),
    )
    assert missing_fields(sale, CHECKLIST) == expected


def test_blank_text_counts_as_missing():
    sale = complete(buyer=CONSUMER.model_copy(update={"email": "  ", "phone": ""}))
    assert missing_fields(sale) == ["buyer.phone", "buyer.email"]


def test_a_delivery_deadline_is_as_good_as_a_date():
    assert missing_fields(complete(delivery_on=None, delivery_by=date(2026, 12, 31))) == []


def test_a_trade_in_and_a_commercial_warranty_must_be_described_in_full():
    sale = complete(
        trade_in=TradeIn(make="Opel", model="Corsa", vin="W0L000000000001"),
        commercial_warranty=CommercialWarranty(scope="engine and gearbox", duration_months=12),
    )
    assert missing_fields(sale) == [
        "trade_in.type",
        "trade_in.engine",
        "trade_in.colour",
        "trade_in.first_entry_into_service",
        "commercial_warranty.conditions",
        "commercial_warranty.giver",
        "commercial_warranty.contact",
    ]


def test_every_checklist_point_needs_a_tick_a_remark_alone_is_not_one():
    sale = complete(checklist={"t1": PointCheck(state="wear", remark="scratched rim"), "t2": PointCheck(remark="?")})
    assert missing_fields(sale, CHECKLIST) == ["checklist.t2"]
    sale.checklist["t2"] = PointCheck(state="repair")
    assert missing_fields(sale, CHECKLIST) == []


def test_the_legal_warranty_defaults_to_two_years_and_the_price_is_never_a_float():
    assert Sale().legal_warranty_months == 24
    with pytest.raises(ValidationError):
        Sale(price_incl_vat=12500.0)
    with pytest.raises(ValidationError):
        Sale(price_incl_vat=Decimal("-1"))
    assert Sale(price_incl_vat="12500.00").price_incl_vat == Decimal("12500.00")


def test_drafts_do_not_share_their_parts():
    first, second = Sale(), Sale()
    first.vehicle.vin = VIN
    first.checklist["t1"] = PointCheck(state="ok")
    assert second.vehicle.vin is None and second.checklist == {}
