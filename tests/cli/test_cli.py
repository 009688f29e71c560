"""The stable CLI contract: `vin` and `obligation`, run as a real subprocess."""

import json
import os
import subprocess
import sys

import pytest

from workshop_tui.domain.rules import NACE_CODES
from workshop_tui.translations.render import render


def run(*args, stdin=""):
    return subprocess.run(
        [sys.executable, "-m", "workshop_tui", *args], input=stdin, capture_output=True, text=True, timeout=60
    )


def test_vin_json_valid():
    out = run("vin", " wvwzzz1jzxw000001 ", "--json")
    assert out.returncode == 0
    data = json.loads(out.stdout)
    assert set(data) == {
        "input",
        "vin",
        "valid",
        "errors",
        "check_digit",
        "wmi",
        "manufacturer",
        "country",
        "model_years",
    }
    assert data["vin"] == "WVWZZZ1JZXW000001" and data["valid"] is True
    assert data["manufacturer"] == "Volkswagen" and data["country"] == "Germany"
    assert data["check_digit"] == "not_applicable"


def test_vin_json_invalid_exits_1():
    out = run("vin", "1HGCM82643A00435", "--json")
    assert out.returncode == 1
    data = json.loads(out.stdout)
    assert data["valid"] is False
    assert data["errors"] == [render("VIN_LENGTH", {"count": 16, "expected": 17}, "en")]


def test_vin_text_follows_lang():
    out = run("--lang", "nl", "vin", "1HGCM82643A00435")
    assert out.returncode == 1
    assert out.stdout.splitlines() == [
        "1HGCM82643A00435: ONGELDIG",
        "  - " + render("VIN_LENGTH", {"count": 16, "expected": 17}, "nl"),
    ]


JOB = {
    "work": ["maintenance"],
    "total_incl_vat": "125.00",
    "customer_vat_registered": False,
    "vehicle": {"category": "M1", "max_mass_kg": 1600, "registered_in_belgium": True},
    "role": "main",
}


def test_obligation_exempt_at_125():
    out = run("obligation", stdin=json.dumps(JOB))
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["must_report"] is False
    assert data["reasons"][0]["code"] == "PRIVATE_AT_MOST_125"
    assert set(data["reasons"][0]) == {"code", "text", "reference"}
    assert data["warnings"] == []


def test_obligation_vat_registered():
    out = run("obligation", "--nace", "47300", stdin=json.dumps({**JOB, "customer_vat_registered": True}))
    data = json.loads(out.stdout)
    assert data["must_report"] is True and data["reporter"] == "workshop"
    assert [r["code"] for r in data["reasons"]] == ["REPORTABLE_WORK", "VAT_REGISTERED_ALWAYS"]
    assert data["warnings"] == [render("NACE_NOT_CARPASS", {"code": "47300", "codes": sorted(NACE_CODES)}, "en")]


@pytest.mark.parametrize(
    ("lang", "amount", "reference"),
    [
        ("fr", "125,00", "Arrêté royal du 26 août 2006, art.\xa02"),
        ("nl", "125,00", "Koninklijk besluit van 26 augustus 2006, art. 2"),
        ("en", "125.00", "Royal Decree of 26 August 2006, art. 2"),
    ],
)
def test_obligation_reasons_and_references_follow_lang(lang, amount, reference):
    out = run("--lang", lang, "obligation", stdin=json.dumps(JOB))
    reason = json.loads(out.stdout)["reasons"][0]
    assert reason["text"].count(amount) == 2  # the total and the limit
    assert reason["reference"].startswith(reference)


@pytest.mark.parametrize(
    "stdin, message",
    [
        ("not json", "input is not JSON"),
        ("[]", "input must be one JSON object"),
        (json.dumps({**JOB, "work": ["polishing"]}), "work.0: unknown value 'polishing'"),
        (json.dumps({**JOB, "work": []}), "work: the list is empty"),
        (json.dumps({**JOB, "total_incl_vat": "-3"}), "total_incl_vat: must not be negative"),
        (json.dumps({**JOB, "total_incl_vat": "twelve"}), "total_incl_vat: 'twelve' is not an amount"),
        (json.dumps({k: v for k, v in JOB.items() if k != "vehicle"}), "vehicle: field is missing"),
        (json.dumps({**JOB, "role": "boss"}), "role: unknown value 'boss'"),
    ],
)
def test_obligation_bad_input_exits_2_with_one_line(stdin, message):
    out = run("obligation", stdin=stdin)
    assert out.returncode == 2
    assert out.stdout == ""
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0]
    assert "Traceback" not in out.stderr


def test_deliver_refuses_to_send_real_readings_to_the_sandbox(tmp_path, monkeypatch):
    for name in [n for n in os.environ if n.startswith("WORKSHOP_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    out = run("deliver", "--until-done")
    assert out.returncode == 2
    assert "no Car-Pass URL is configured" in out.stderr and "Traceback" not in out.stderr
