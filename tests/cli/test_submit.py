"""`workshop-tui submit`: one job on stdin, recorded through the terminal's path once per reference,
against the real sandbox."""

from __future__ import annotations

import json

import pytest

from .jobs import VIN, call, days_ago, job, submit


@pytest.fixture(autouse=True)
def _home(private_home):
    return private_home


def _rows(monkeypatch, capsys, tmp_path) -> list[str]:
    status, out, _ = call(monkeypatch, capsys, "export", "history", "-o", str(tmp_path / "all.csv"))
    assert status == 0
    return open(out.strip(), encoding="utf-8-sig").read().splitlines()[1:]


def test_records_the_job_and_queues_its_reading(monkeypatch, capsys):
    status, out, err = submit(monkeypatch, capsys, job(), "--lang", "nl")
    assert (status, err) == (0, "")
    assert out["state"] == "pending" and out["must_report"] is True and out["repeated"] is False
    assert isinstance(out["submission_id"], int) and isinstance(out["job_id"], int)
    assert [r["code"] for r in out["reasons"]] == ["REPORTABLE_WORK"]
    assert "Onderhoud" in out["reasons"][0]["text"]


def test_a_repeated_reference_returns_the_same_submission(monkeypatch, capsys, tmp_path):
    _, first, _ = submit(monkeypatch, capsys, job())
    status, again, _ = submit(monkeypatch, capsys, job(km=99_999))  # a retry never records a second job
    assert status == 0 and again["repeated"] is True
    assert (again["job_id"], again["submission_id"]) == (first["job_id"], first["submission_id"])
    assert len(_rows(monkeypatch, capsys, tmp_path)) == 1
    _, other, _ = submit(monkeypatch, capsys, job(reference="INV-2026-0002", km=72_000))
    assert other["submission_id"] != first["submission_id"]
    assert len(_rows(monkeypatch, capsys, tmp_path)) == 2


def test_a_job_without_reportable_work_is_recorded_without_a_submission(monkeypatch, capsys):
    status, out, _ = submit(monkeypatch, capsys, job(work=["car_wash"], total_incl_vat="20"))
    assert status == 0
    assert (out["must_report"], out["submission_id"], out["state"]) == (False, None, None)


@pytest.mark.parametrize(
    "changes, code",
    [
        ({"date": days_ago(-1)}, "FUTURE_DATE"),
        ({"vin": "1HGCM82633A004353"}, "INVALID_VIN"),
        ({"five_digit_odometer": True, "km": 123_456}, "FIVE_DIGIT_OVER_99999"),
    ],
)
def test_a_blocking_finding_exits_1_and_records_nothing(monkeypatch, capsys, tmp_path, changes, code):
    status, out, err = submit(monkeypatch, capsys, job(**changes))
    assert (status, err) == (1, "")
    assert out["ok"] is False and code in [f["code"] for f in out["findings"]]
    assert _rows(monkeypatch, capsys, tmp_path) == []


def test_a_finding_to_confirm_is_sent_only_when_confirmed(monkeypatch, capsys, tmp_path):
    submit(monkeypatch, capsys, job())
    same = job(reference="INV-2026-0002")
    status, out, _ = submit(monkeypatch, capsys, same, "--lang", "fr")
    assert status == 1
    assert [(f["code"], f["severity"]) for f in out["findings"]] == [("SAME_READING_ALREADY_REPORTED", "confirm")]
    assert "confirmez" in out["findings"][0]["text"]
    status, out, _ = submit(monkeypatch, capsys, {**same, "confirm": ["SAME_READING_ALREADY_REPORTED"]})
    assert status == 0 and out["findings"][0]["code"] == "SAME_READING_ALREADY_REPORTED"
    assert len(_rows(monkeypatch, capsys, tmp_path)) == 2


BAD = [
    ("not json", "input is not JSON"),
    ("[1]", "input must be one JSON object"),
    ("[" * 50_000, "nested too deeply"),
    ('{"km": ' + "9" * 5000 + "}", "too long"),
    (json.dumps({k: v for k, v in job().items() if k != "reference"}), "reference: field is missing"),
    (json.dumps(job(km=-1)), "km: must not be negative"),
    (json.dumps(job(km=10_000_000)), "km: must be at most 9999999"),
    (json.dumps(job(km="71900")), "km: Input should be a valid integer"),
    (json.dumps(job()).replace('"km": 71900', '"km": 1e308'), "km: Input should be a valid integer"),
    (json.dumps(job(total_incl_vat="1" * 27)), "total_incl_vat: must be at most 1000000.00"),
    (json.dumps(job(total_incl_vat=1e308)), "total_incl_vat: must be at most 1000000.00"),
    (json.dumps(job(total_incl_vat="12.555")), "total_incl_vat: at most 2 decimals"),
    (json.dumps(job(total_incl_vat=True)), "total_incl_vat"),
    (json.dumps(job(date="2026-02-30")), "date:"),
    (json.dumps(job(date="01/12/2026")), "date: Value error, must be a date written YYYY-MM-DD"),
    (json.dumps(job(work=["polishing"])), "work.0: unknown value 'polishing'"),
    (json.dumps(job(work=[])), "work: the list is empty"),
    (json.dumps(job(odometer_replace=True)), "odometer_replace: is not a known field"),
    (json.dumps(job(customer={"name": ""})), "customer.name"),
    (json.dumps(job(role="boss")), "role: unknown value 'boss'"),
]


@pytest.mark.parametrize("stdin, message", BAD, ids=[b[1] for b in BAD])
def test_bad_input_exits_2_with_one_line(monkeypatch, capsys, stdin, message):
    status, out, err = call(monkeypatch, capsys, "submit", stdin=stdin)
    assert (status, out) == (2, "")
    assert len(err.strip().splitlines()) == 1 and message in err, err


def test_a_wrong_customer_vat_number_is_bad_input(monkeypatch, capsys):
    status, out, err = submit(monkeypatch, capsys, job(customer={"name": "Lease SA", "vat_number": "FR40303265046"}))
    assert status == 2 and out is None and "VAT_CHECK" in err


def test_invalid_utf8_as_a_subprocess(home):
    out = home.run("submit", stdin=b'{"vin": "\xff"}')
    assert out.returncode == 2 and "not UTF-8" in out.stderr and "Traceback" not in out.stderr


def test_the_contract_as_a_subprocess_with_an_eu_lease_company(home):
    payload = job(customer={"name": "Lease Europe SA", "vat_number": "FR 40 303 265 045"})
    out = home.run("submit", stdin=json.dumps(payload).encode())
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["state"] == "pending"
    again = home.run("submit", stdin=json.dumps(payload).encode())
    assert json.loads(again.stdout)["repeated"] is True
    exported = home.run("export", "history", "-o", str(home.root / "x.csv"))
    assert VIN in (home.root / "x.csv").read_text(encoding="utf-8-sig") and exported.returncode == 0
