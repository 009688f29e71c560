"""Belgian enterprise and establishment numbers."""

import pytest

from workshop_tui.domain.identifiers import (
    compact,
    enterprise_number_error,
    establishment_number_error,
    format_enterprise_number,
)


@pytest.mark.parametrize("raw", ["0403170701", "BE0403.170.701", "be 0403 170 701", "403170701"])
def test_valid_enterprise_numbers(raw):
    assert enterprise_number_error(raw) is None


@pytest.mark.parametrize(
    "raw, error",
    [
        ("0403170702", "enterprise number check digits (last two) do not match"),
        ("04031707", "enterprise number has 8 digits, 10 expected"),
        ("2403170701", "enterprise number starts with 0 or 1"),
    ],
)
def test_invalid_enterprise_numbers(raw, error):
    assert enterprise_number_error(raw) == error


def test_establishment_numbers():
    assert establishment_number_error("2000000042") is None  # 97 - (20000000 % 97) == 42
    assert establishment_number_error("2.000.000.042") is None
    assert establishment_number_error("0403170701") == "establishment number starts with a digit from 2 to 8"
    assert establishment_number_error("2000000043") == "establishment number check digits (last two) do not match"
    assert establishment_number_error("20000000") == "establishment number has 8 digits, 10 expected"


def test_compact_and_format():
    assert compact(" BE 0403.170.701 ") == "0403170701"
    assert format_enterprise_number("403170701") == "0403.170.701"
