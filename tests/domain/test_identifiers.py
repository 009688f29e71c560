"""Belgian enterprise and establishment numbers."""

import pytest

from workshop_tui.domain.findings import Finding, Severity
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
    "raw, code, params",
    [
        ("0403170702", "ENTERPRISE_CHECK", {}),
        ("04031707", "ENTERPRISE_LENGTH", {"count": 8}),
        ("2403170701", "ENTERPRISE_START", {}),
    ],
)
def test_invalid_enterprise_numbers(raw, code, params):
    assert enterprise_number_error(raw) == Finding(code, Severity.BLOCK, None, params)


def test_establishment_numbers():
    assert establishment_number_error("2000000042") is None  # 97 - (20000000 % 97) == 42
    assert establishment_number_error("2.000.000.042") is None
    assert establishment_number_error("0403170701").code == "ESTABLISHMENT_START"
    assert establishment_number_error("2000000043").code == "ESTABLISHMENT_CHECK"
    assert establishment_number_error("20000000") == Finding("ESTABLISHMENT_LENGTH", Severity.BLOCK, None, {"count": 8})


def test_compact_and_format():
    assert compact(" BE 0403.170.701 ") == "0403170701"
    assert format_enterprise_number("403170701") == "0403.170.701"
