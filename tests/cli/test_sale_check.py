"""`workshop-tui sale-check`: the codes of issue 10 item 2 at their boundaries, bad input, three languages."""

from __future__ import annotations

import io
import json

import pytest

from workshop_tui.cli import main

VIN = "WVWZZZ1JZXW000001"
OTHER_VIN = "WVWZZZ1JZXW000002"
CARPASS = {"id": "12345678901", "issued": "2026-10-01", "vin": VIN, "last_km": 40000}
SALE = {
    "sale_date": "2026-11-15",
    "buyer": "consumer",
    "vehicle": {"vin": VIN, "displayed_km": 50000},
    "carpass": CARPASS,
}


def sale(**changes: object) -> dict:
    return {**SALE, **changes}


def carpass(**changes: object) -> dict:
    return {**CARPASS, **changes}


def run(capsys, monkeypatch, stdin: str, *argv: str) -> tuple[int, str, str]:
    """`workshop-tui ARGV` (default: `sale-check`) with `stdin`: exit status, stdout, stderr."""
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    status = main(list(argv) or ["sale-check"])
    out, err = capsys.readouterr()
    return status, out, err


CASES = [
    # (input, codes, exit status)
    (SALE, [], 0),
    (sale(vehicle={"vin": "WVWZZZ1JZXW00000I", "displayed_km": 50000}), ["INVALID_VIN", "CARPASS_VIN_MISMATCH"], 1),
    (sale(vehicle={"vin": "", "displayed_km": 50000}), ["INVALID_VIN", "CARPASS_VIN_MISMATCH"], 1),
    (sale(carpass=None), ["CARPASS_MISSING"], 1),
    (sale(buyer="company", carpass=None), ["CARPASS_MISSING"], 1),
    (sale(buyer="trader", carpass=None), [], 0),
    ({k: v for k, v in SALE.items() if k != "carpass"}, ["CARPASS_MISSING"], 1),
    # two calendar months: issued 1 October covers a sale up to 1 December
    (sale(sale_date="2026-12-01"), [], 0),
    (sale(sale_date="2026-12-02"), ["CARPASS_TOO_OLD"], 1),
    (sale(buyer="company", sale_date="2026-12-02"), ["CARPASS_TOO_OLD"], 1),
    (sale(buyer="trader", sale_date="2026-12-02"), [], 0),
    # a month end is clamped: issued 31 December covers up to 28 February (29 in a leap year)
    (sale(sale_date="2027-02-28", carpass=carpass(issued="2026-12-31")), [], 0),
    (sale(sale_date="2027-03-01", carpass=carpass(issued="2026-12-31")), ["CARPASS_TOO_OLD"], 1),
    (sale(sale_date="2028-02-29", carpass=carpass(issued="2027-12-31")), [], 0),
    (sale(sale_date="2028-03-01", carpass=carpass(issued="2027-12-31")), ["CARPASS_TOO_OLD"], 1),
    (sale(sale_date="2026-11-15", carpass=carpass(issued="2026-11-15")), [], 0),
    (sale(sale_date="2026-11-15", carpass=carpass(issued="2026-11-16")), ["CARPASS_ISSUED_AFTER_SALE"], 1),
    (sale(buyer="trader", carpass=carpass(issued="2026-11-16")), ["CARPASS_ISSUED_AFTER_SALE"], 1),
    (sale(carpass=carpass(vin=OTHER_VIN)), ["CARPASS_VIN_MISMATCH"], 1),
    (sale(buyer="trader", carpass=carpass(vin=OTHER_VIN)), ["CARPASS_VIN_MISMATCH"], 1),
    (sale(carpass=carpass(vin=VIN.lower())), [], 0),
    (sale(vehicle={"vin": VIN, "displayed_km": 40000}), [], 0),
    (sale(vehicle={"vin": VIN, "displayed_km": 39999}), ["KM_BELOW_CARPASS"], 1),
    (sale(buyer="trader", vehicle={"vin": VIN, "displayed_km": 39999}), ["KM_BELOW_CARPASS"], 1),
    (sale(legal_warranty_months=24), [], 0),
    (sale(legal_warranty_months=23), ["WARRANTY_REDUCED"], 0),
    (sale(legal_warranty_months=12), ["WARRANTY_REDUCED"], 0),
    (sale(legal_warranty_months=11), ["WARRANTY_BELOW_MINIMUM"], 1),
    (sale(legal_warranty_months=0), ["WARRANTY_BELOW_MINIMUM"], 1),
    (sale(legal_warranty_months=None), [], 0),
    (sale(buyer="company", legal_warranty_months=0), [], 0),
    (sale(buyer="trader", legal_warranty_months=6), [], 0),
    (
        sale(sale_date="2027-01-01", carpass=carpass(vin=OTHER_VIN, last_km=60000), legal_warranty_months=6),
        ["CARPASS_TOO_OLD", "CARPASS_VIN_MISMATCH", "KM_BELOW_CARPASS", "WARRANTY_BELOW_MINIMUM"],
        1,
    ),
]


@pytest.mark.parametrize(("data", "codes", "status"), CASES)
def test_codes_and_exit_status(capsys, monkeypatch, data, codes, status):
    code, out, err = run(capsys, monkeypatch, json.dumps(data))
    assert (code, err) == (status, "")
    answer = json.loads(out)
    assert [f["code"] for f in answer["findings"]] == codes
    assert answer["ok"] is (status == 0)
    severities = {f["code"]: f["severity"] for f in answer["findings"]}
    assert all(s == ("warn" if c == "WARRANTY_REDUCED" else "block") for c, s in severities.items())


BAD = [
    ("", "input is not JSON"),
    ("{", "input is not JSON"),
    ("[]", "input must be one JSON object"),
    ("null", "input must be one JSON object"),
    ('"text"', "input must be one JSON object"),
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ('{"sale_date": ' + '{"a": ' * 50_000 + "1" + "}" * 50_001, "nested too deeply"),
    ('{"legal_warranty_months": ' + "9" * 5000 + "}", "a number in the input is too long"),
    (json.dumps(sale(sale_date=None)), "sale_date: is missing"),
    (json.dumps(sale(sale_date="2026-02-30")), "sale_date: must be a date"),
    (json.dumps(sale(sale_date="15/11/2026")), "sale_date: must be a date"),
    (json.dumps(sale(buyer="dealer")), "buyer: is not one of the known values (consumer, company, trader)"),
    (json.dumps(sale(buyer=1)), "buyer: must be a string"),
    (json.dumps(sale(vehicle=None)), "vehicle: is missing"),
    (json.dumps(sale(vehicle=[])), "vehicle: must be a JSON object"),
    (json.dumps(sale(vehicle={"vin": VIN})), "vehicle.displayed_km: is missing"),
    (json.dumps(sale(vehicle={"vin": VIN, "displayed_km": 1e400})), "input holds Infinity, which is not a JSON number"),
    (json.dumps(sale(vehicle={"vin": VIN, "displayed_km": 1.5})), "vehicle.displayed_km: must be an integer"),
    (json.dumps(sale(vehicle={"vin": VIN, "displayed_km": True})), "vehicle.displayed_km: must be an integer"),
    (
        json.dumps(sale(vehicle={"vin": VIN, "displayed_km": -1})),
        "vehicle.displayed_km: is out of range (km 0 to 9,999,999, warranty 0 to 120 months)",
    ),
    (
        json.dumps(sale(vehicle={"vin": VIN, "displayed_km": 10**7})),
        "vehicle.displayed_km: is out of range (km 0 to 9,999,999, warranty 0 to 120 months)",
    ),
    (
        json.dumps(sale(vehicle={"vin": VIN, "displayed_km": 10**30})),
        "vehicle.displayed_km: is out of range (km 0 to 9,999,999, warranty 0 to 120 months)",
    ),
    (json.dumps(sale(vehicle={"vin": 7, "displayed_km": 1})), "vehicle.vin: must be a string"),
    (
        json.dumps(sale(vehicle={"vin": "V" * 1001, "displayed_km": 1})),
        "vehicle.vin: is too long (at most 1,000 characters)",
    ),
    (json.dumps(sale(vehicle={"vin": VIN, "displayed_km": 1, "km": 2})), "vehicle.km: is not a known field"),
    (json.dumps(sale(carpass=carpass(id=" "))), "carpass.id: is empty"),
    (json.dumps(sale(carpass=carpass(issued="2026-13-01"))), "carpass.issued: must be a date"),
    (json.dumps(sale(carpass={"id": "1"})), "carpass.issued: is missing"),
    (json.dumps(sale(carpass="12345678901")), "carpass: must be a JSON object"),
    (json.dumps(sale(legal_warranty_months="24")), "legal_warranty_months: must be an integer"),
    (json.dumps(sale(legal_warranty_months=121)), "legal_warranty_months: is out of range"),
    (json.dumps(sale(saledate="2026-11-15")), "saledate: is not a known field"),
    (json.dumps({"evil\nkey": 1}), '"evil\\nkey": is not a known field'),
]


@pytest.mark.parametrize(("stdin", "message"), BAD)
def test_bad_input_is_one_line_and_exit_2(capsys, monkeypatch, stdin, message):
    code, out, err = run(capsys, monkeypatch, stdin)
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1 and err.startswith("workshop-tui: ")
    assert message in err


def test_invalid_utf8_is_bad_input(home):
    out = home.run("sale-check", stdin=b'{"sale_date": "\xff"}')
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr.splitlines() == ["workshop-tui: standard input is not UTF-8 text (byte 0xff)"]


DATES = {"en": "01/12/2026", "fr": "01/12/2026", "nl": "1/12/2026"}  # valid_until in each language's format


@pytest.mark.parametrize("where", ["before", "after"])
@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_text_in_the_chosen_language(capsys, monkeypatch, language, where):
    data = json.dumps(sale(sale_date="2026-12-02", legal_warranty_months=18))
    argv = ["--lang", language, "sale-check"] if where == "before" else ["sale-check", "--lang", language]
    code, out, _ = run(capsys, monkeypatch, data, *argv)
    texts = [f["text"] for f in json.loads(out)["findings"]]
    assert code == 1 and len(texts) == 2
    assert DATES[language] in texts[0] and "18" in texts[1]
    _, english, _ = run(capsys, monkeypatch, data)
    assert (texts == [f["text"] for f in json.loads(english)["findings"]]) is (language == "en")
