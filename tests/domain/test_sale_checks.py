"""Sale checks (issue 10, `sale-check` codes): every code and every boundary, from tables."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workshop_tui.domain.findings import Finding, Severity
from workshop_tui.domain.sale import Buyer, BuyerKind, CarPass, Sale, SaleVehicle
from workshop_tui.domain.sale_checks import add_months, carpass_valid_until, sale_findings

VIN = "WVWZZZ1JZXW000001"
OTHER_VIN = "WVWZZZ1JZXW000002"
SALE_DATE = date(2026, 11, 20)


def sale(buyer="consumer", sale_date=SALE_DATE, vin=VIN, km=80_000, carpass="fresh", months=24):
    if carpass == "fresh":
        carpass = CarPass(id="CP-1", issued=date(2026, 11, 2), vin=VIN, last_km=79_000)
    return Sale(
        sale_date=sale_date,
        buyer=Buyer(kind=buyer),
        vehicle=SaleVehicle(vin=vin, displayed_km=km),
        carpass=carpass,
        legal_warranty_months=months,
    )


def codes(s):
    return [f.code for f in sale_findings(s)]


@pytest.mark.parametrize("buyer", ["consumer", "company", "trader"])
def test_a_clean_sale_has_no_finding(buyer):
    assert sale_findings(sale(buyer)) == []


@pytest.mark.parametrize(
    "day, months, expected",
    [
        (date(2026, 10, 1), 2, date(2026, 12, 1)),
        (date(2026, 12, 31), 2, date(2027, 2, 28)),
        (date(2027, 12, 31), 2, date(2028, 2, 29)),  # leap year
        (date(2026, 12, 30), 2, date(2027, 2, 28)),
        (date(2026, 8, 31), 2, date(2026, 10, 31)),
        (date(2026, 6, 30), 2, date(2026, 8, 30)),
        (date(2026, 11, 15), 2, date(2027, 1, 15)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2026, 5, 31), 13, date(2027, 6, 30)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
    ],
)
def test_add_months_clamps_month_ends(day, months, expected):
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    "issued, sale_date, too_old",
    [
        (date(2026, 10, 1), date(2026, 12, 1), False),  # fine up to 1 December
        (date(2026, 10, 1), date(2026, 12, 2), True),
        (date(2025, 12, 31), date(2026, 2, 28), False),
        (date(2025, 12, 31), date(2026, 3, 1), True),
        (date(2027, 12, 31), date(2028, 2, 29), False),  # 29 February in a leap year
        (date(2027, 12, 31), date(2028, 3, 1), True),
        (date(2026, 11, 20), date(2026, 11, 20), False),  # issued on the day of the sale
    ],
)
@pytest.mark.parametrize("buyer", ["consumer", "company"])
def test_carpass_too_old(issued, sale_date, too_old, buyer):
    found = sale_findings(sale(buyer, sale_date=sale_date, carpass=CarPass(id="CP", issued=issued, vin=VIN, last_km=0)))
    params = {"issued": issued, "valid_until": carpass_valid_until(issued), "sale_date": sale_date}
    assert found == ([Finding("CARPASS_TOO_OLD", Severity.BLOCK, "carpass.issued", params)] if too_old else [])


def test_a_trader_may_take_an_old_carpass_or_none():
    old = CarPass(id="CP", issued=date(2020, 1, 1), vin=VIN, last_km=0)
    assert sale_findings(sale("trader", carpass=old)) == []
    assert sale_findings(sale("trader", carpass=None)) == []


@pytest.mark.parametrize("buyer, missing", [("consumer", True), ("company", True), ("trader", False), (None, False)])
def test_carpass_missing(buyer, missing):
    found = sale_findings(sale(buyer, carpass=None))
    assert found == ([Finding("CARPASS_MISSING", Severity.BLOCK, "carpass")] if missing else [])


@pytest.mark.parametrize("buyer", ["consumer", "company", "trader"])
def test_carpass_issued_after_sale(buyer):
    later = CarPass(id="CP", issued=date(2026, 11, 21), vin=VIN, last_km=0)
    params = {"issued": date(2026, 11, 21), "sale_date": SALE_DATE}
    assert sale_findings(sale(buyer, carpass=later)) == [
        Finding("CARPASS_ISSUED_AFTER_SALE", Severity.BLOCK, "carpass.issued", params)
    ]


@pytest.mark.parametrize("buyer", ["consumer", "company", "trader"])
def test_carpass_vin_mismatch_whatever_the_buyer(buyer):
    other = CarPass(id="CP", issued=SALE_DATE, vin=OTHER_VIN, last_km=0)
    assert sale_findings(sale(buyer, carpass=other)) == [
        Finding("CARPASS_VIN_MISMATCH", Severity.BLOCK, "carpass.vin", {"carpass_vin": OTHER_VIN, "vin": VIN})
    ]


def test_vins_are_compared_normalised():
    typed = CarPass(id="CP", issued=SALE_DATE, vin="wvw zzz 1jz xw000001", last_km=0)
    assert sale_findings(sale(carpass=typed)) == []


@pytest.mark.parametrize("km, below", [(78_999, True), (79_000, False), (79_001, False)])
@pytest.mark.parametrize("buyer", ["consumer", "company", "trader"])
def test_km_below_carpass_whatever_the_buyer(km, below, buyer):
    found = sale_findings(sale(buyer, km=km))
    expected = Finding("KM_BELOW_CARPASS", Severity.BLOCK, "vehicle.displayed_km", {"km": km, "carpass_km": 79_000})
    assert found == ([expected] if below else [])


@pytest.mark.parametrize(
    "months, expected",
    [
        (0, [Finding("WARRANTY_BELOW_MINIMUM", Severity.BLOCK, "legal_warranty_months", {"months": 0, "minimum": 12})]),
        (
            11,
            [Finding("WARRANTY_BELOW_MINIMUM", Severity.BLOCK, "legal_warranty_months", {"months": 11, "minimum": 12})],
        ),
        (12, [Finding("WARRANTY_REDUCED", Severity.WARN, "legal_warranty_months", {"months": 12})]),
        (23, [Finding("WARRANTY_REDUCED", Severity.WARN, "legal_warranty_months", {"months": 23})]),
        (24, []),
        (36, []),
    ],
)
def test_legal_warranty_for_a_consumer(months, expected):
    assert sale_findings(sale("consumer", months=months)) == expected


@pytest.mark.parametrize("buyer", ["company", "trader"])
@pytest.mark.parametrize("months", [0, 11, 12, 23])
def test_legal_warranty_concerns_consumers_only(buyer, months):
    assert sale_findings(sale(buyer, months=months)) == []


@pytest.mark.parametrize("vin", ["WVWZZZ1JZXW00000O", "", "1M8GDM9A1KP042788"])
def test_invalid_vin_blocks(vin):
    carpass = CarPass(id="CP", issued=SALE_DATE, vin=vin, last_km=0)
    found = sale_findings(sale(vin=vin, carpass=carpass))
    assert found == [Finding("INVALID_VIN", Severity.BLOCK, "vehicle.vin", {"vin": vin})]


def test_checks_without_their_inputs_are_skipped_as_you_type():
    assert sale_findings(Sale()) == []
    partial = Sale(buyer=Buyer(kind="consumer"), carpass=CarPass(issued=date(2020, 1, 1), last_km=10))
    assert sale_findings(partial) == []


def test_every_finding_at_once_in_order():
    bad = CarPass(id="CP", issued=date(2026, 1, 1), vin=OTHER_VIN, last_km=90_000)
    assert codes(sale("consumer", vin="WVWZZZ1JZXW00000O", carpass=bad, months=6)) == [
        "INVALID_VIN",
        "CARPASS_TOO_OLD",
        "CARPASS_VIN_MISMATCH",
        "KM_BELOW_CARPASS",
        "WARRANTY_BELOW_MINIMUM",
    ]


issued_dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))
carpasses = st.none() | st.builds(
    CarPass,
    id=st.just("CP"),
    issued=issued_dates,
    vin=st.sampled_from([VIN, OTHER_VIN]),
    last_km=st.integers(0, 200_000),
)


@given(carpass=carpasses, sale_date=issued_dates, km=st.integers(0, 200_000), months=st.integers(0, 60))
def test_a_trader_never_needs_a_recent_carpass_nor_a_warranty(carpass, sale_date, km, months):
    found = codes(sale("trader", sale_date=sale_date, km=km, carpass=carpass, months=months))
    assert not {"CARPASS_MISSING", "CARPASS_TOO_OLD", "WARRANTY_BELOW_MINIMUM", "WARRANTY_REDUCED"} & set(found)


@given(issued=issued_dates, days=st.integers(0, 120))
def test_a_carpass_is_too_old_exactly_after_its_validity(issued, days):
    sale_date = date.fromordinal(issued.toordinal() + days)
    found = "CARPASS_TOO_OLD" in codes(
        sale(sale_date=sale_date, carpass=CarPass(id="CP", issued=issued, vin=VIN, last_km=0))
    )
    assert found == (sale_date > carpass_valid_until(issued))
    assert 59 <= (carpass_valid_until(issued) - issued).days <= 62


@given(carpass=carpasses, sale_date=issued_dates, km=st.integers(0, 200_000), buyer=st.sampled_from(list(BuyerKind)))
def test_with_the_full_warranty_every_sale_finding_blocks(carpass, sale_date, km, buyer):
    for finding in sale_findings(sale(buyer, sale_date=sale_date, km=km, carpass=carpass)):
        assert finding.severity is Severity.BLOCK
