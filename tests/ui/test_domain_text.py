"""The domain's English sentences are shown in the mechanic's language."""

from datetime import date, datetime

import pytest

from workshop_tui.domain import rules
from workshop_tui.domain.checks import problems
from workshop_tui.domain.identifiers import (
    enterprise_number_error,
    establishment_number_error,
)
from workshop_tui.domain.mileage import check_reading
from workshop_tui.domain.models import JobDraft, Reading
from workshop_tui.domain.vin import check
from workshop_tui.i18n import Translator
from workshop_tui.ui.domain_text import localize

HISTORY = [Reading(on=date(2025, 3, 10), km=71_000)]


def domain_sentences() -> list[str]:
    sentences = []
    for vin in ("WVWZZZ1KZAW00000", "WVWZZZ1KZAW0000O1", "WVWZZZ1KZAW0000_1", "1HGCM82633A004353"):
        sentences += check(vin, date(2026, 11, 23)).errors
    sentences += [f.text for f in check_reading(HISTORY, Reading(on=date(2026, 3, 1), km=65_000))]
    sentences += [f.text for f in check_reading(HISTORY, Reading(on=date(2025, 3, 20), km=99_000))]
    sentences += [
        f.text for f in check_reading(HISTORY, Reading(on=date(2026, 3, 1), km=9_000, five_digit_odometer=True))
    ]
    now = datetime(2026, 11, 23, 10, 0)
    late = JobDraft(vin="WVWZZZ1KZAW000001", odometer_km=60_000, reading_at=datetime(2027, 1, 1))
    sentences += [p.text for p in problems(late, None, HISTORY, now)]
    sentences += [enterprise_number_error(n) for n in ("12345", "2403170701", "0403170702")]
    sentences += [establishment_number_error(n) for n in ("12345", "1403170701", "2403170702")]
    sentences.append(rules.nace_warning("4520"))
    return sentences


@pytest.mark.parametrize("sentence", domain_sentences())
@pytest.mark.parametrize("language", ["fr", "nl"])
def test_every_domain_sentence_is_translated(sentence, language):
    assert sentence
    assert localize(sentence, Translator(language)) != sentence


def test_parameters_are_reformatted_for_the_language():
    finding = check_reading(HISTORY, Reading(on=date(2026, 3, 1), km=65_000))[0].text
    assert localize(finding, Translator("fr")) == (
        "65\u202f000 km est plus bas que 71\u202f000 km relevé le 10/03/2025 : possible manipulation."
    )


def test_missing_field_names_are_translated():
    assert localize("commercial name (D.3) is missing", Translator("nl")) == "Handelsbenaming ontbreekt."


def test_an_unknown_sentence_is_shown_as_it_is():
    assert localize("the registry is down", Translator("fr")) == "the registry is down"


def camera_and_lookup_sentences() -> list[str]:
    from scanners import capture, pipeline

    sentences = [pipeline.MOVE_CLOSER]
    for bad in ("ftp://camera", "/no/such/video.mp4"):
        with pytest.raises(capture.SourceError) as error:
            capture.parse_source(bad)
        sentences.append(str(error.value))
    for source in (capture.Source("device", 0), capture.Source("url", "rtsp://10.0.0.5/live")):
        sentences.append(f"Scanning {source.describe()} (640x480).")
    sentences.append(f"End of {capture.Source('video', 'demo.mp4').describe()}.")
    sentences += [
        "The vehicle registry does not know this VIN. Type the vehicle fields.",
        "Vehicle registry unreachable (timed out). Cached record of 20/11/2026 shown.",
    ]
    return sentences


@pytest.mark.parametrize("sentence", camera_and_lookup_sentences())
def test_camera_and_lookup_sentences_are_translated(sentence):
    assert localize(sentence, Translator("nl")) != sentence


def test_the_kind_of_camera_source_is_translated():
    assert localize("Scanning camera stream rtsp://x/live (640x480).", Translator("fr")) == (
        "● Lecture des codes : flux caméra rtsp://x/live (640x480)."
    )
