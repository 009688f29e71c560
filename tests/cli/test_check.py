"""`workshop-tui check`: every code and boundary of issue 9 B, bad input, three languages."""

from __future__ import annotations

import io
import json
import sys
from typing import Any

import pytest

from workshop_tui.cli import main

VIN = "WVWZZZ1JZXW000001"  # a valid European VIN
TODAY = "2026-06-15"


def check(payload: dict | str | bytes, *args: str, monkeypatch, capsys) -> tuple[int, Any, str]:
    """`workshop-tui check ARGS` with `payload` on stdin: exit status, the JSON printed (None if nothing), stderr."""
    text = payload if isinstance(payload, str) else json.dumps(payload)
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))
    status = main(["check", *args])
    out, err = capsys.readouterr()
    return status, (json.loads(out) if out else None), err


def reading(**fields) -> dict:
    return {"vin": VIN, "date": TODAY, "km": 50_000, "today": TODAY, **fields}


def codes(out: dict) -> list[tuple[str, str]]:
    return [(f["code"], f["severity"]) for f in out["findings"]]


CASES = [
    ("clean", reading(), 0, []),
    ("invalid VIN", reading(vin="WVWZZZ1JZXW00000"), 1, [("INVALID_VIN", "block")]),
    ("North-American check digit", reading(vin="1HGCM82633A004353"), 1, [("INVALID_VIN", "block")]),
    ("future date", reading(date="2026-06-16"), 1, [("FUTURE_DATE", "block")]),
    ("today", reading(date=TODAY), 0, []),
    ("exactly 5 days ago", reading(date="2026-06-10"), 0, []),
    ("6 days ago", reading(date="2026-06-09"), 0, [("DATE_MORE_THAN_5_DAYS_AGO", "warn")]),
    ("5-digit at 99,999", reading(km=99_999, five_digit_odometer=True), 0, []),
    ("5-digit at 100,000", reading(km=100_000, five_digit_odometer=True), 1, [("FIVE_DIGIT_OVER_99999", "block")]),
    (
        "below previous",
        reading(history=[{"date": "2026-06-01", "km": 60_000}]),
        0,
        [("KM_BELOW_PREVIOUS", "confirm")],
    ),
    (
        "below an older reading, above the replacement baseline",
        reading(
            history=[{"date": "2026-01-01", "km": 90_000}, {"date": "2026-03-01", "km": 10, "odometer_replaced": True}]
        ),
        0,
        [],
    ),
    (
        "the new reading replaces the odometer",
        reading(km=5, odometer_replaced=True, history=[{"date": "2026-06-01", "km": 60_000}]),
        0,
        [],
    ),
    (
        "a later history reading is not the baseline",
        reading(history=[{"date": "2026-06-14", "km": 49_000}, {"date": "2026-06-20", "km": 70_000}]),
        0,
        [],
    ),
    (
        "same reading already reported",
        reading(history=[{"date": TODAY, "km": 50_000}]),
        0,
        [("SAME_READING_ALREADY_REPORTED", "confirm")],
    ),
    ("exactly 1000 km a day", reading(history=[{"date": "2026-06-13", "km": 48_000}]), 0, []),
    (
        "1001 km a day",
        reading(km=50_002, history=[{"date": "2026-06-13", "km": 48_000}]),
        0,
        [("OVER_1000_KM_PER_DAY", "warn")],
    ),
    (
        "same day counts as one day",
        reading(history=[{"date": TODAY, "km": 48_999}]),
        0,
        [("OVER_1000_KM_PER_DAY", "warn")],
    ),
]


@pytest.mark.parametrize("name, payload, status, expected", CASES, ids=[c[0] for c in CASES])
def test_every_code_and_boundary(name, payload, status, expected, monkeypatch, capsys):
    got_status, out, err = check(payload, monkeypatch=monkeypatch, capsys=capsys)
    assert (got_status, codes(out), err) == (status, expected, "")
    assert out["ok"] is (status == 0)


@pytest.mark.parametrize(
    "lang, words",
    [("en", "confirm"), ("fr", "confirmez"), ("nl", "bevestig")],
)
def test_text_in_the_chosen_language_before_or_after_the_subcommand(lang, words, monkeypatch, capsys):
    payload = reading(history=[{"date": "2026-06-01", "km": 60_000}])
    _, after, _ = check(payload, "--lang", lang, monkeypatch=monkeypatch, capsys=capsys)
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(payload)))
    main(["--lang", lang, "check"])
    before = json.loads(capsys.readouterr().out)
    assert after == before
    assert words in after["findings"][0]["text"].lower()
    assert "60" in after["findings"][0]["text"]


def test_today_defaults_to_today_in_belgium(monkeypatch, capsys):
    from workshop_tui.commands import clock

    monkeypatch.setattr(clock, "today_in_belgium", lambda: __import__("datetime").date(2026, 6, 15))
    status, out, _ = check({"vin": VIN, "date": "2026-06-16", "km": 1}, monkeypatch=monkeypatch, capsys=capsys)
    assert status == 1 and codes(out) == [("FUTURE_DATE", "block")]


BAD = [
    ("not json", "input is not JSON"),
    ("[]", "input must be one JSON object"),
    ("[" * 100_000, "nested too deeply"),
    ('{"km": ' + "9" * 5000 + "}", "too long"),
    ('{"vin": "x", "date": "2026-01-01", "km": NaN}', "NaN"),
    (json.dumps({"date": TODAY, "km": 1}), "vin: is missing"),
    (json.dumps(reading(km=-1)), "km: is out of range (0 to 9,999,999)"),
    (json.dumps(reading(km=10_000_000)), "km: is out of range"),
    (json.dumps(reading(km=12.5)), "km: must be an integer"),
    (f'{{"vin": "{VIN}", "date": "{TODAY}", "km": 1e308}}', "km: must be an integer"),
    (json.dumps(reading(km=True)), "km: must be an integer"),
    (json.dumps(reading(km="1000")), "km: must be an integer"),
    (json.dumps(reading(date="2026-02-30")), "date: must be a date written YYYY-MM-DD"),
    (json.dumps(reading(date="15/06/2026")), "date: must be a date"),
    (json.dumps(reading(today="2026-6-1")), "today: must be a date"),
    (json.dumps(reading(history=[{"date": TODAY, "km": -5}])), "history[0].km: is out of range"),
    (json.dumps(reading(history={})), "history: must be a list"),
    (json.dumps(reading(odometer_replace=True)), "odometer_replace: is not a known field"),
    (json.dumps(reading(five_digit_odometer="yes")), "five_digit_odometer: must be true or false"),
]


@pytest.mark.parametrize("stdin, message", BAD, ids=[b[1] for b in BAD])
def test_bad_input_exits_2_with_one_line_naming_the_field(stdin, message, monkeypatch, capsys):
    status, out, err = check(stdin, monkeypatch=monkeypatch, capsys=capsys)
    assert status == 2 and out is None
    assert len(err.strip().splitlines()) == 1 and message in err


def test_invalid_utf8_is_bad_input(home):
    out = home.run("check", stdin=b'{"vin": "\xff"}')
    assert out.returncode == 2 and out.stdout == ""
    assert "not UTF-8" in out.stderr and "Traceback" not in out.stderr


def test_contract_as_a_subprocess(home):
    out = home.run("check", "--lang", "nl", stdin=json.dumps(reading(date="2026-06-16")).encode())
    assert out.returncode == 1
    assert json.loads(out.stdout)["findings"][0]["code"] == "FUTURE_DATE"
