"""What the mechanic types: dates, registry fields (km and amounts: tests/domain/test_typed_numbers.py)."""

from datetime import date

import pytest

from workshop_tui.ui.parsing import ParseError, parse_date
from workshop_tui.ui.visit import parse_vehicle_field


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
