"""`workshop-tui document receipt|correction|history`: documents filled from the records, in the
customer's language, PDF or HTML, never overwriting a file."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from .jobs import PLATE, VIN, call, job, submit


@pytest.fixture
def submitted(private_home, monkeypatch, capsys) -> int:
    _, out, _ = submit(monkeypatch, capsys, job())
    return out["submission_id"]


def document(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    return call(monkeypatch, capsys, "document", *args)


@pytest.mark.parametrize(
    "language, words",
    [("fr", ["Entretien", "71 900 km"]), ("nl", ["Onderhoud", "71.900 km"]), ("en", ["Maintenance", "71,900 km"])],
)
def test_receipt_in_the_customers_language(submitted, monkeypatch, capsys, tmp_path, language, words):
    status, out, err = document(
        monkeypatch,
        capsys,
        "receipt",
        str(submitted),
        "--lang",
        language,
        "--format",
        "html",
        "-o",
        str(tmp_path / "r.html"),
    )
    assert (status, err) == (0, "")
    html = open(out.strip(), encoding="utf-8").read()
    for text in [
        *words,
        VIN,
        PLATE.replace("-", ""),
        "Jan [/] Peeters",
        "SANDBOX",
        "Garage Sandbox (demo)",
        "Oil and filter",
    ]:
        assert text in html.replace("\u202f", " ").replace("\u00a0", " "), text


def test_receipt_as_pdf(submitted, monkeypatch, capsys, tmp_path):
    status, out, _ = document(monkeypatch, capsys, "receipt", str(submitted), "-o", str(tmp_path / "r.pdf"))
    data = open(out.strip(), "rb").read()
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert status == 0 and data.startswith(b"%PDF") and VIN in text and "SANDBOX" in text


def test_correction_form_and_history_report(submitted, monkeypatch, capsys, tmp_path):
    status, out, _ = document(
        monkeypatch, capsys, "correction", str(submitted), "--format", "html", "-o", str(tmp_path / "c.html")
    )
    assert status == 0 and VIN in open(out.strip(), encoding="utf-8").read()
    status, out, _ = document(
        monkeypatch, capsys, "history", VIN.lower(), "--lang", "nl", "-o", str(tmp_path / "h.pdf")
    )
    assert status == 0 and open(out.strip(), "rb").read().startswith(b"%PDF")


def test_an_existing_file_is_never_overwritten(submitted, monkeypatch, capsys, tmp_path):
    target = tmp_path / "r.html"
    target.write_text("keep me")
    status, out, _ = document(monkeypatch, capsys, "receipt", str(submitted), "--format", "html", "-o", str(target))
    assert status == 0 and out.strip() == str(tmp_path / "r (2).html")
    assert target.read_text() == "keep me"


@pytest.mark.parametrize(
    "args, message",
    [
        (["receipt", "999"], "no submission 999"),
        (["receipt", "abc"], "'abc' is not a submission number"),
        (["receipt", "٣"], "is not a submission number"),
        (["correction", "-1"], "is not a submission number"),
        (["history", "WVWZZZ1JZXW000001"], "no reported reading of WVWZZZ1JZXW000001"),
        (["invoice", "1"], "invalid choice: 'invoice'"),
        (["receipt", "1", "--format", "docx"], "invalid choice: 'docx'"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(submitted, monkeypatch, capsys, tmp_path, args, message):
    status: int | str | None  # SystemExit.code
    try:
        status, _out, err = document(monkeypatch, capsys, *args, "-o", str(tmp_path / "x.pdf"))
    except SystemExit as exit_:  # argparse's own refusals
        status, err = exit_.code, capsys.readouterr().err
    assert status == 2 and len(err.strip().splitlines()) == 1 and message in err, err


def test_an_unwritable_folder_exits_2(submitted, monkeypatch, capsys, tmp_path):
    status, _, err = document(
        monkeypatch, capsys, "receipt", str(submitted), "-o", str(tmp_path / "no" / "such" / "r.pdf")
    )
    assert status == 2 and "No such file or directory" in err
