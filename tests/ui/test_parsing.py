"""What the mechanic types: amounts with comma or dot, kilometres, dates, registry fields."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workshop_tui.ui.parsing import NOT_AN_AMOUNT, ParseError, parse_amount, parse_date, parse_km
from workshop_tui.ui.visit import parse_vehicle_field


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("125", "125.00"),
        ("125,5", "125.50"),
        ("125.50", "125.50"),
        ("1.234,56", "1234.56"),
        ("1,234.56", "1234.56"),
        ("1 234,56", "1234.56"),
        ("€ 89", "89.00"),
        ("1.250", "1250.00"),
        ("125,", "125.00"),
        ("0,99", "0.99"),
    ],
)
def test_amounts_accept_comma_or_dot(typed, amount):
    assert parse_amount(typed) == Decimal(amount)


@pytest.mark.parametrize("typed", ["abc", "1..2", ",5", "1.2345", "1.234.56", "12,3,4"])
def test_what_is_not_an_amount_is_refused(typed):
    with pytest.raises(ParseError) as error:
        parse_amount(typed)
    assert error.value.key == NOT_AN_AMOUNT


def test_nothing_typed_is_no_amount():
    assert parse_amount("  ") is None


cents = st.decimals(min_value=0, max_value=10_000_000, places=2, allow_nan=False, allow_infinity=False)


@given(cents, st.sampled_from([(".", ","), (",", "."), (",", " "), (",", "")]))
def test_any_amount_written_the_belgian_or_english_way_reads_back(value, style):
    decimal_mark, grouping = style
    whole, fraction = f"{value:.2f}".split(".")
    grouped = f"{int(whole):,}".replace(",", grouping)
    assert parse_amount(f"{grouped}{decimal_mark}{fraction}") == value


def test_kilometres_may_be_grouped():
    assert parse_km("72 000") == 72_000
    assert parse_km("72.000") == 72_000
    assert parse_km("") is None
    with pytest.raises(ParseError):
        parse_km("72k")


def test_dates_day_first_or_iso():
    assert parse_date("01/03/2019") == date(2019, 3, 1)
    assert parse_date("1-3-2019") == date(2019, 3, 1)
    assert parse_date("2019-03-01") == date(2019, 3, 1)
    for wrong in ("31/02/2019", "2019/03", "yesterday"):
        with pytest.raises(ParseError):
            parse_date(wrong)


def test_registry_fields_are_typed_by_their_kind():
    assert parse_vehicle_field("max_mass_kg", "1790") == 1790
    assert parse_vehicle_field("first_registration", "01/03/2019") == date(2019, 3, 1)
    assert parse_vehicle_field("category", " m1 ") == "M1"
    assert parse_vehicle_field("commercial_name", "  ") is None
    with pytest.raises(ParseError):
        parse_vehicle_field("model_year", "20x9")
