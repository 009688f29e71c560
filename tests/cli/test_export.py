"""`workshop-tui export history`: the reported readings as CSV for Belgian Excel, in a new file."""

from __future__ import annotations

import csv
import io

import pytest

from .jobs import VIN, call, days_ago, job, submit


def export(monkeypatch, capsys, tmp_path, *args: str, name: str = "history.csv") -> tuple[int, str, str]:
    return call(monkeypatch, capsys, "export", "history", *args, "-o", str(tmp_path / name))


def read(path: str) -> list[list[str]]:
    data = open(path.strip(), "rb").read()
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline=""), delimiter=";"))


@pytest.fixture
def two_jobs(private_home, monkeypatch, capsys):
    submit(monkeypatch, capsys, job(reference="A", date=days_ago(3), km=71_000, customer={"name": "=HYPERLINK(1)"}))
    submit(monkeypatch, capsys, job(reference="B", km=71_900, total_incl_vat="1234.5"))


def test_belgian_excel_csv_in_the_chosen_language(two_jobs, monkeypatch, capsys, tmp_path):
    status, out, err = export(monkeypatch, capsys, tmp_path, "--lang", "nl")
    assert (status, err) == (0, "")
    header, *rows = read(out)
    assert header[:3] == ["Datum", "Nummerplaat", "VIN"]
    assert [r[2] for r in rows] == [VIN, VIN]
    assert rows[0][1] == "1FUC552" and rows[0][3] == "'=HYPERLINK(1)"  # formula injection neutralised
    assert rows[1][7] == "1234,50"  # decimal comma
    assert rows[1][8] == "wacht op verzending"  # the state in words


def test_from_and_to_bound_the_days(two_jobs, monkeypatch, capsys, tmp_path):
    _, out, _ = export(monkeypatch, capsys, tmp_path, "--from", days_ago(1))
    assert [r[4] for r in read(out)[1:]] == ["71900"]
    _, out, _ = export(monkeypatch, capsys, tmp_path, "--to", days_ago(1), name="older.csv")
    assert [r[4] for r in read(out)[1:]] == ["71000"]


def test_every_export_is_a_new_file(two_jobs, monkeypatch, capsys, tmp_path):
    first = export(monkeypatch, capsys, tmp_path)[1].strip()
    second = export(monkeypatch, capsys, tmp_path)[1].strip()
    assert (first, second) == (str(tmp_path / "history.csv"), str(tmp_path / "history (2).csv"))


@pytest.mark.parametrize(
    "args, message",
    [
        (["--from", "2026-12-01", "--to", "2026-11-01"], "--from 2026-12-01 is after --to 2026-11-01"),
        (["--from", "2026-02-30"], "a day is written YYYY-MM-DD, not '2026-02-30'"),
        (["--to", "1/12/2026"], "a day is written YYYY-MM-DD"),
        (["--lang", "de"], "invalid choice: 'de'"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(private_home, monkeypatch, capsys, tmp_path, args, message):
    status: int | str | None  # SystemExit.code
    try:
        status, _, err = export(monkeypatch, capsys, tmp_path, *args)
    except SystemExit as exit_:
        status, err = exit_.code, capsys.readouterr().err
    assert status == 2 and len(err.strip().splitlines()) == 1 and message in err, err
