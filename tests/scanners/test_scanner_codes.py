"""What a decoded text means: VIN, Car-Pass ID or other."""

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scanners.codes import CodeRead, carpass_id, carpass_id_from_url, classify, extract_vin
from workshop_tui.domain.vin import check

EUROPEAN = "WVWZZZ1JZXW000001"
NORTH_AMERICAN = "1HGCM82633A004352"  # check digit 3 is right


@pytest.mark.parametrize(
    "text",
    [
        EUROPEAN,
        "I" + EUROPEAN,  # Code 39 import/AIAG label: data identifier I + VIN, 18 characters
        "VIN:" + EUROPEAN,
        "FIN " + EUROPEAN,
        "*I" + EUROPEAN + "*",  # a scanner passing on Code 39 start/stop characters
        " " + EUROPEAN + " ",
        "WVW-ZZZ1JZ-XW000001",
    ],
)
def test_vin_is_extracted_from_label_forms(text):
    read = classify("CODE39", text)
    assert (read.kind, read.value, read.text) == ("vin", EUROPEAN, text)


@pytest.mark.parametrize(
    "text",
    [
        "1HGCM82633A004353",  # North-American VIN with a wrong check digit
        "WVWZZZ1JZXW00000",  # 16 characters
        "WVWZZZ1JZXW0000012",  # 18 characters without the I marker
        "XWVWZZZ1JZXW000001",  # another leading character is not an import marker
        "IWVWZZZ1JZXWO00001",  # letter O inside
        "II" + "WVWZZZ1JZXW000001",
        "VIN:1HGCM82633A004353",
    ],
)
def test_invalid_vins_are_other(text):
    read = classify("CODE39", text)
    assert read.kind == "other" and read.value == text


@given(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -*:", max_size=24))
def test_a_vin_read_is_always_a_valid_vin(text):
    read = classify("CODE39", text)
    if read.kind == "vin":
        assert check(read.value).valid and read.value in text.upper().replace(" ", "").replace("-", "")
    assert extract_vin(text) in (None, read.value)


def test_north_american_vin_with_valid_check_digit():
    assert classify("DATAMATRIX", NORTH_AMERICAN).value == NORTH_AMERICAN


@pytest.mark.parametrize(
    "url",
    [
        "https://www.car-pass.be/verify?id=482311907756",
        "https://car-pass.be/nl/controle/482311907756",
        "http://carpass.be/fr/verifier?carpassId=482311907756&lang=fr",
        "https://verify.car-pass.be/?CARPASS_ID=4823-1190-7756",
        "www.car-pass.be/check/482311907756",
        "https://WWW.CAR-PASS.BE/Verify?Nr=482311907756",
    ],
)
def test_carpass_verification_urls(url):
    read = classify("QRCODE", url)
    assert (read.kind, read.value) == ("carpass", "482311907756")
    assert classify("CODE128", url).kind == "carpass"  # a URL is unambiguous in any symbology


@pytest.mark.parametrize(
    "url",
    [
        "https://car-pass.be.example.com/verify?id=482311907756",  # lookalike host
        "https://evilcar-pass.be/verify?id=482311907756",
        "ftp://car-pass.be/482311907756",
        "https://www.car-pass.be/",  # no ID
        "https://www.car-pass.be/verify?id=12AB",  # too short
        "https://www.car-pass.be/nl/faq",
        "https://[broken/482311907756",
    ],
)
def test_other_urls_are_not_carpass(url):
    assert carpass_id_from_url(url) is None
    assert classify("QRCODE", url).kind == "other"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("482311907756", "482311907756"),
        ("4823-1190-7756", "482311907756"),
        ("4823 1190 7756", "482311907756"),
        ("cp12.3456.7890", "CP1234567890"),
        ("AB12CD34", "AB12CD34"),
        ("ABCDEFG1234567890", None),  # 17 characters
        ("ABCDEFG123", None),  # 3 digits only
        ("1234-", None),
        ("1234--5678-9012", None),  # separators are single
        ("hello world", None),
    ],
)
def test_bare_carpass_id_shape(text, expected):
    assert carpass_id(text) == expected


def test_bare_id_counts_only_from_qr_codes_and_wedge_scans():
    assert classify("QRCODE", "4823-1190-7756").kind == "carpass"
    assert classify("wedge", "482311907756").kind == "carpass"
    assert classify("CODE128", "482311907756").kind == "other"
    assert classify("DATAMATRIX", "482311907756").kind == "other"


def test_symbology_is_upper_cased_and_json_line_has_the_contract_fields():
    read = classify("wedge", "I" + EUROPEAN, ms=3.14159)
    assert read == CodeRead("WEDGE", "I" + EUROPEAN, "vin", EUROPEAN, 3.14159)
    line = json.loads(json.dumps(read.as_dict()))
    assert line == {"symbology": "WEDGE", "text": "I" + EUROPEAN, "kind": "vin", "value": EUROPEAN, "ms": 3.1}


def test_code_read_is_frozen():
    read = classify("QRCODE", "x")
    with pytest.raises(AttributeError):
        read.value = "y"  # type: ignore[misc]  # the point: it cannot be set


def test_a_camera_read_in_lower_case_is_no_vin_but_a_wedge_scan_may_be():
    """zxing-cpp misread a tilted Code 128 label `WDDNSY0L8VX908577` as `WDDNSlzd8VX908577`: upper-cased,
    another valid VIN (bench seed 71100). Labels print VINs in capitals; Caps Lock swaps a wedge's case."""
    assert classify("CODE128", "WDDNSlzd8VX908577").kind == "other"
    assert classify("DATAMATRIX", "wvwzzzcdzmw517853").kind == "other"
    assert classify("CODE128", "WDDNSY0L8VX908577").value == "WDDNSY0L8VX908577"
    assert classify("WEDGE", "wvwzzzcdzmw517853").value == "WVWZZZCDZMW517853"
