"""The renderer words the core's codes in each language, with that language's formats."""

from datetime import date, datetime
from decimal import Decimal

from scanners.camera import Status, StatusCode
from workshop_tui.domain import codes, rules
from workshop_tui.domain.checks import problems
from workshop_tui.domain.findings import Finding, Severity
from workshop_tui.domain.models import JobDraft
from workshop_tui.translations import activate, translations
from workshop_tui.translations.formats import formats
from workshop_tui.translations.render import TEMPLATES, finding_text, reference_text, render, status_text

NOW_ROLLBACK = {"km": 41_000, "last_km": 52_000, "on": date(2026, 3, 1)}


def test_kilometres_and_dates_take_the_language_formats():
    text = render("ROLLBACK", NOW_ROLLBACK, "nl")
    assert formats("nl").km(41_000) in text and formats("nl").km(52_000) in text
    assert "01/03/2026" in text


def test_amounts_take_the_language_formats():
    params = {"amount": Decimal("50.00"), "limit": rules.PRIVATE_EXEMPTION_MAX_EUR}
    assert "50,00\xa0€" in render(codes.PRIVATE_AT_MOST_125, params, "fr")
    assert "€125.00" in render(codes.PRIVATE_AT_MOST_125, params, "en")


def test_work_kinds_and_field_names_are_translated():
    kinds = render(codes.REPORTABLE_WORK, {"kinds": ["tyres", "maintenance"]}, "nl")
    assert translations("nl").gettext("Tyres") in kinds and "Tyres" not in kinds
    found = problems(JobDraft(vin=""), None, [], datetime(2026, 1, 1))
    [missing] = [p for p in found if p.field == "vin"]
    assert finding_text(missing, "fr").startswith(translations("fr").gettext("VIN"))


def test_legal_references_are_translated():
    assert reference_text(codes.ROYAL_DECREE_ART_2_FAQ_ALWAYS, "fr").startswith("Arrêté royal du 26 août 2006")
    assert reference_text(codes.ROYAL_DECREE_ART_2_FAQ_ALWAYS, "nl").startswith(
        "Koninklijk besluit van 26 augustus 2006"
    )
    assert reference_text(codes.ROYAL_DECREE_ART_2_FAQ_ALWAYS, "en").startswith("Royal Decree of 26 August 2006")


def test_a_camera_status_names_its_kind_of_source_in_the_language():
    status = Status(StatusCode.SCANNING, {"kind": "camera_stream", "target": "rtsp://cam", "size": "640x480"})
    kind = translations("fr").gettext("camera stream {target}").format(target="rtsp://cam")
    assert kind in status_text(status, "fr")


def test_the_active_language_is_the_default():
    finding = Finding("FUTURE_READING", Severity.BLOCK, "reading_at")
    try:
        activate("nl")
        assert finding_text(finding) == translations("nl").gettext(TEMPLATES["FUTURE_READING"])
    finally:
        activate("en")


def test_an_unknown_date_in_a_lookup_note_shows_a_question_mark():
    assert "?" in render("LOOKUP_UNKNOWN_CACHED", {"when": None}, "en")
