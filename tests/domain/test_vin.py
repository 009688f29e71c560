"""VIN normalisation, validation, check digit and decoding."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workshop_tui.domain.findings import Finding, Severity
from workshop_tui.domain.vin import (
    candidate_model_years,
    check,
    compute_check_digit,
    normalise,
)

TODAY = date(2026, 11, 23)


def test_normalise_trims_uppercases_and_drops_spaces():
    assert normalise("  wvw zzz1jz-xw000001 \n") == "WVWZZZ1JZXW000001"


@given(st.text())
def test_normalise_is_idempotent(raw):
    assert normalise(normalise(raw)) == normalise(raw)


@pytest.mark.parametrize(
    "raw, code, params",
    [
        ("WVWZZZ1JZXW0000", "VIN_LENGTH", {"count": 15, "expected": 17}),
        ("WVWZZZ1JZXW00000O", "VIN_LETTER", {"char": "O", "position": 17}),
        ("IVWZZZ1JZXW000001", "VIN_LETTER", {"char": "I", "position": 1}),
        ("WVWZZZ1JZXWQ00001", "VIN_LETTER", {"char": "Q", "position": 12}),
        ("WVWZZZ1JZXW00000*", "VIN_CHARACTER", {"char": "*", "position": 17}),
    ],
)
def test_every_error_has_a_code_and_params(raw, code, params):
    report = check(raw, TODAY)
    assert not report.valid
    assert Finding(code, Severity.BLOCK, "vin", params) in report.errors


def test_all_errors_are_listed_not_only_the_first():
    report = check("OVWZZZ1JZXWQ0", TODAY)
    assert [(e.code, dict(e.params)) for e in report.errors] == [
        ("VIN_LENGTH", {"count": 13, "expected": 17}),
        ("VIN_LETTER", {"char": "O", "position": 1}),
        ("VIN_LETTER", {"char": "Q", "position": 12}),
    ]


def test_north_american_check_digit_is_enforced():
    good = check("1HGCM82633A004352", TODAY)
    assert good.valid and good.check_digit == "valid"
    bad = check("1HGCM82643A004352", TODAY)
    assert not bad.valid and bad.check_digit == "invalid"
    assert bad.errors == [Finding("VIN_CHECK_DIGIT", Severity.BLOCK, "vin", {"found": "4", "expected": "3"})]


def test_european_check_digit_mismatch_is_not_an_error():
    report = check("WVWZZZ1JZXW000001", TODAY)
    assert compute_check_digit("WVWZZZ1JZXW000001") != "Z"
    assert report.valid and report.check_digit == "not_applicable"


def test_check_digit_x_for_remainder_ten():
    # A known VIN whose weighted sum leaves 10 -> 'X'.
    assert compute_check_digit("1M8GDM9AXKP042788") == "X"


def test_wmi_decodes_manufacturer_and_country():
    report = check("VF1RFA00067123456", TODAY)
    assert (report.wmi, report.manufacturer, report.country) == ("VF1", "Renault", "France")


def test_unknown_wmi_is_not_an_error():
    report = check("ZZZ11111111111111", TODAY)
    assert report.valid
    assert report.manufacturer is None


def test_model_year_candidates_are_limited_to_next_year():
    assert candidate_model_years("A", TODAY) == [2010, 1980]
    assert candidate_model_years("T", TODAY) == [2026, 1996]
    assert candidate_model_years("V", TODAY) == [2027, 1997]
    assert candidate_model_years("W", TODAY) == [1998]
    assert candidate_model_years("U", TODAY) == []


_VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"


@given(st.text(alphabet=_VIN_CHARS, min_size=17, max_size=17).filter(lambda v: v[0] not in "12345"))
def test_any_17_allowed_characters_outside_north_america_is_valid(vin):
    assert check(vin, TODAY).valid


@given(st.text(alphabet=_VIN_CHARS, min_size=16, max_size=16).map(lambda v: "1" + v[1:8] + "0" + v[8:]))
def test_north_american_vin_valid_iff_check_digit_matches(vin):
    assert len(vin) == 17
    assert check(vin, TODAY).valid == (vin[8] == compute_check_digit(vin))


@given(st.text(max_size=30))
def test_check_never_raises_and_valid_means_17_characters(raw):
    report = check(raw, TODAY)
    assert report.valid == (not report.errors)
    if report.valid:
        assert len(report.vin) == 17
