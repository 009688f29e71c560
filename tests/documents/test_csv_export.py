"""The CSV export opens right in Belgian Excel and never runs a formula or overwrites a file."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest

from workshop_tui.documents import models as m
from workshop_tui.documents.csv_export import cell, export_csv, fresh_path
from workshop_tui.translations import translations
from workshop_tui.translations.formats import formats as app_formats

from .conftest import history

STATES = {"acknowledged": "Acknowledged (test label)", "rejected": "Refused (test label)"}


def export(tmp_path: Path, language: str = "fr", entries=None, name: str = "history.csv") -> Path:
    return export_csv(
        history().entries if entries is None else entries,
        tmp_path / name,
        translations=translations(language),
        formats=app_formats(language),
        state_label=lambda state: STATES[state],
    )


def read(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads the accents right
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline=""), delimiter=";"))


@pytest.mark.parametrize(
    ("language", "header"),
    [("fr", "Compteur (km)"), ("nl", "Kilometerstand"), ("en", "Odometer (km)")],
)
def test_headers_in_the_language_semicolons_and_a_decimal_comma(tmp_path, language, header):
    path = export(tmp_path, language)
    raw = path.read_bytes()[3:].decode()
    assert raw.splitlines()[0].count(";") == 10 and "\r\n" in raw
    head, first, second = read(path)
    assert header in head
    assert first[head.index(header)] == "98000"
    amount = head[7]
    assert first[7] == "89,00" and second[7] == "1234,50", amount
    assert first[1:3] == ["1-ABC-123", "WVWZZZ1JZXW000001"]
    assert first[8] == "Refused (test label)" and first[10] == "ERR-1122"
    assert second[8] == "Acknowledged (test label)" and second[9] == "ACK-778899"
    assert first[0] == app_formats(language).date(date(2025, 10, 2))


def test_work_is_written_in_words_in_the_language(tmp_path):
    _, first, _ = read(export(tmp_path, "nl"))
    assert first[6] == "Nazicht"


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("+32 2 123 45 67", "'+32 2 123 45 67"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "' =1+1"),
        ("\r=1+1", "' =1+1"),
        ("Jan\x00 Pee\x07ters", "Jan Peeters"),
        ("\x00=1", "'=1"),
        ("Jan [/] Peeters", "Jan [/] Peeters"),
        ("1-ABC-123", "1-ABC-123"),
    ],
)
def test_cells_never_run_as_formulas_and_carry_no_control_characters(value, written):
    assert cell(value) == written


def test_hostile_customer_is_neutralised_in_the_file(tmp_path):
    entry = history().entries[0].model_dump() | {"customer": "=cmd|' /C calc'!A0", "job_lines": ["@evil"]}
    _, row = read(export(tmp_path, "en", [m.HistoryEntry(**entry)]))
    assert row[3] == "'=cmd|' /C calc'!A0"
    assert row[6] == "Inspection; @evil"  # inside the cell, not at its start: harmless


def test_every_export_is_a_new_file_never_an_overwrite(tmp_path):
    existing = tmp_path / "history.csv"
    existing.write_text("keep me")
    first = export(tmp_path)
    second = export(tmp_path)
    assert existing.read_text() == "keep me"
    assert first.name == "history (2).csv" and second.name == "history (3).csv"
    assert read(first) == read(second)


def test_fresh_path_is_the_path_itself_when_free(tmp_path):
    assert fresh_path(tmp_path / "x.csv") == tmp_path / "x.csv"


def test_an_empty_export_still_has_its_headers(tmp_path):
    assert len(read(export(tmp_path, "fr", []))) == 1


def test_amount_missing_is_an_empty_cell(tmp_path):
    entry = history().entries[0].model_dump() | {"total_incl_vat": None}
    _, row = read(export(tmp_path, "fr", [m.HistoryEntry(**entry)]))
    assert row[7] == ""
