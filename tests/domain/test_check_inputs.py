"""Strict reading of the `check` and `sale-check` JSON objects: the field's path and a problem code."""

import json
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workshop_tui.domain.check_inputs import InputError, parse_reading_check, parse_sale_check
from workshop_tui.domain.models import Reading
from workshop_tui.domain.sale import BuyerKind, CarPass

VIN = "WVWZZZ1JZXW000001"
READING = {"vin": VIN, "date": "2026-11-30", "km": 72_000}
SALE = {"sale_date": "2026-11-20", "buyer": "consumer", "vehicle": {"vin": VIN, "displayed_km": 80_000}}
CARPASS = {"id": "CP-1", "issued": "2026-11-02", "vin": VIN, "last_km": 79_000}


def test_the_smallest_reading_check_takes_the_defaults():
    request = parse_reading_check(READING)
    assert request.vin == VIN
    assert request.reading == Reading(on=date(2026, 11, 30), km=72_000)
    assert (request.today, request.history) == (None, ())


def test_a_full_reading_check():
    request = parse_reading_check(
        {
            **READING,
            "odometer_replaced": True,
            "five_digit_odometer": True,
            "today": "2026-12-01",
            "history": [
                {"date": "2026-06-01", "km": 70_000},
                {"date": "2025-06-01", "km": 60_000, "odometer_replaced": True},
            ],
        }
    )
    assert request.reading == Reading(
        on=date(2026, 11, 30), km=72_000, odometer_replaced=True, five_digit_odometer=True
    )
    assert request.today == date(2026, 12, 1)
    assert request.history == (  # in the order given
        Reading(on=date(2026, 6, 1), km=70_000),
        Reading(on=date(2025, 6, 1), km=60_000, odometer_replaced=True),
    )


def test_null_optional_fields_are_absent():
    request = parse_reading_check({**READING, "today": None, "history": None, "odometer_replaced": None})
    assert (request.today, request.history, request.reading.odometer_replaced) == (None, (), False)


@pytest.mark.parametrize("km", [0, 9_999_999])
def test_km_bounds_are_accepted(km):
    assert parse_reading_check({**READING, "km": km}).reading.km == km


@pytest.mark.parametrize(
    "change, path, problem",
    [
        ({"km": -1}, "km", "out_of_range"),
        ({"km": 10_000_000}, "km", "out_of_range"),
        ({"km": 1e3}, "km", "not_integer"),
        ({"km": 72000.0}, "km", "not_integer"),
        ({"km": "72000"}, "km", "not_integer"),
        ({"km": True}, "km", "not_integer"),  # a boolean is not an integer
        ({"km": None}, "km", "missing"),
        ({"vin": 123}, "vin", "not_string"),
        ({"vin": "W" * 1001}, "vin", "too_long"),
        ({"date": "2026-02-30"}, "date", "not_date"),
        ({"date": "30/11/2026"}, "date", "not_date"),
        ({"date": "20261130"}, "date", "not_date"),  # ISO basic format: not YYYY-MM-DD
        ({"date": "2026-W48-1"}, "date", "not_date"),
        ({"date": "2026-11-30T10:00"}, "date", "not_date"),
        ({"date": "２０２６-11-30"}, "date", "not_date"),  # full-width digits
        ({"date": 20261130}, "date", "not_date"),
        ({"today": "tomorrow"}, "today", "not_date"),
        ({"odometer_replaced": "false"}, "odometer_replaced", "not_boolean"),
        ({"five_digit_odometer": 0}, "five_digit_odometer", "not_boolean"),
        ({"history": {}}, "history", "not_list"),
        ({"history": [{"date": "2026-01-01", "km": 1}, "x"]}, "history[1]", "not_object"),
        (
            {
                "history": [
                    {"date": "2026-01-01", "km": 1},
                    {"date": "2026-01-01", "km": 1},
                    {"date": "2026-13-01", "km": 1},
                ]
            },
            "history[2].date",
            "not_date",
        ),
        ({"history": [{"date": "2026-01-01"}]}, "history[0].km", "missing"),
        (
            {"history": [{"date": "2026-01-01", "km": 1, "odometer_replaced": 1}]},
            "history[0].odometer_replaced",
            "not_boolean",
        ),
        ({"history": [{"date": "2026-01-01", "km": 1, "note": "x"}]}, "history[0].note", "unknown_field"),
        ({"odometer_replace": True}, "odometer_replace", "unknown_field"),
        ({"x\ny[/]": 1}, '"x\\ny[/]"', "unknown_field"),  # quoted: the message stays one line
        ({"k" * 100: 1}, '"' + "k" * 40 + '..."', "unknown_field"),
    ],
)
def test_bad_reading_check_names_the_field(change, path, problem):
    with pytest.raises(InputError) as caught:
        parse_reading_check({**READING, **change})
    assert (caught.value.path, caught.value.problem) == (path, problem)


@pytest.mark.parametrize("missing", ["vin", "date", "km"])
def test_every_required_reading_field(missing):
    with pytest.raises(InputError) as caught:
        parse_reading_check({k: v for k, v in READING.items() if k != missing})
    assert (caught.value.path, caught.value.problem) == (missing, "missing")


@pytest.mark.parametrize("parse", [parse_reading_check, parse_sale_check])
@pytest.mark.parametrize("obj", [[], "x", 1, None])
def test_the_input_must_be_an_object(parse, obj):
    with pytest.raises(InputError) as caught:
        parse(obj)
    assert (caught.value.path, caught.value.problem) == ("", "not_object")


def test_the_smallest_sale_check_has_no_carpass_and_two_years_of_warranty():
    sale = parse_sale_check(SALE)
    assert sale.sale_date == date(2026, 11, 20) and sale.buyer.kind is BuyerKind.CONSUMER
    assert (sale.vehicle.vin, sale.vehicle.displayed_km) == (VIN, 80_000)
    assert (sale.carpass, sale.legal_warranty_months) == (None, 24)
    assert parse_sale_check({**SALE, "carpass": None}).carpass is None


def test_a_full_sale_check():
    sale = parse_sale_check({**SALE, "buyer": "trader", "carpass": CARPASS, "legal_warranty_months": 12})
    assert sale.buyer.kind is BuyerKind.TRADER and sale.legal_warranty_months == 12
    assert sale.carpass == CarPass(id="CP-1", issued=date(2026, 11, 2), vin=VIN, last_km=79_000)


@pytest.mark.parametrize(
    "change, path, problem",
    [
        ({"buyer": "dealer"}, "buyer", "unknown_value"),
        ({"buyer": "Consumer"}, "buyer", "unknown_value"),
        ({"buyer": 1}, "buyer", "not_string"),
        ({"sale_date": "2026-11-31"}, "sale_date", "not_date"),
        ({"vehicle": [VIN]}, "vehicle", "not_object"),
        ({"vehicle": {"vin": VIN}}, "vehicle.displayed_km", "missing"),
        ({"vehicle": {"vin": VIN, "displayed_km": 1.5}}, "vehicle.displayed_km", "not_integer"),
        ({"vehicle": {"vin": VIN, "displayed_km": False}}, "vehicle.displayed_km", "not_integer"),
        ({"vehicle": {"vin": VIN, "displayed_km": 10_000_000}}, "vehicle.displayed_km", "out_of_range"),
        ({"vehicle": {"vin": None, "displayed_km": 1}}, "vehicle.vin", "missing"),
        ({"vehicle": {"vin": VIN, "displayed_km": 1, "make": "VW"}}, "vehicle.make", "unknown_field"),
        ({"carpass": "CP-1"}, "carpass", "not_object"),
        ({"carpass": {**CARPASS, "issued": "2026-11-02 "}}, "carpass.issued", "not_date"),
        ({"carpass": {**CARPASS, "last_km": -5}}, "carpass.last_km", "out_of_range"),
        ({"carpass": {**CARPASS, "id": " "}}, "carpass.id", "empty"),
        ({"carpass": {**CARPASS, "vin": None}}, "carpass.vin", "missing"),
        ({"legal_warranty_months": "24"}, "legal_warranty_months", "not_integer"),
        ({"legal_warranty_months": True}, "legal_warranty_months", "not_integer"),
        ({"legal_warranty_months": -1}, "legal_warranty_months", "out_of_range"),
        ({"legal_warranty_months": 121}, "legal_warranty_months", "out_of_range"),
        ({"warranty": 24}, "warranty", "unknown_field"),
    ],
)
def test_bad_sale_check_names_the_field(change, path, problem):
    with pytest.raises(InputError) as caught:
        parse_sale_check({**SALE, **change})
    assert (caught.value.path, caught.value.problem) == (path, problem)


@pytest.mark.parametrize("missing", ["sale_date", "buyer", "vehicle"])
def test_every_required_sale_field(missing):
    with pytest.raises(InputError) as caught:
        parse_sale_check({k: v for k, v in SALE.items() if k != missing})
    assert (caught.value.path, caught.value.problem) == (missing, "missing")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=20,
)
reading_keys = st.sampled_from(["vin", "date", "km", "odometer_replaced", "five_digit_odometer", "today", "history"])
sale_keys = st.sampled_from(["sale_date", "buyer", "vehicle", "carpass", "legal_warranty_months"])


@given(changes=st.dictionaries(reading_keys, json_values, max_size=3))
def test_any_json_reading_check_is_parsed_or_refused_with_a_path(changes):
    try:
        parse_reading_check({**READING, **json.loads(json.dumps(changes))})
    except InputError as error:
        assert error.path.split("[")[0].split(".")[0] in changes


@given(changes=st.dictionaries(sale_keys, json_values, max_size=3))
def test_any_json_sale_check_is_parsed_or_refused_with_a_path(changes):
    try:
        parse_sale_check({**SALE, **json.loads(json.dumps(changes))})
    except InputError as error:
        assert error.path.split("[")[0].split(".")[0] in changes
