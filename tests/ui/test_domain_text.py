"""The domain's English sentences are shown in the mechanic's language."""

from datetime import date, datetime

import pytest

from workshop_tui.domain import rules
from workshop_tui.domain.checks import problems
from workshop_tui.domain.identifiers import enterprise_number_error, establishment_number_error
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
    sentences += [f.text for f in check_reading(HISTORY, Reading(on=date(2026, 3, 1), km=9_000, five_digit_odometer=True))]
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
