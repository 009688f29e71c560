"""Every message exists in French, Dutch and English, with the same parameters, and every key the
UI asks for exists."""

import re
import string
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from workshop_tui.domain import rules
from workshop_tui.domain.checks import FIELD_LABELS
from workshop_tui.domain.models import Source, SubmissionState
from workshop_tui.domain.work import Role, WorkKind
from workshop_tui.i18n import LANGUAGES, MESSAGES, Translator, default_language
from workshop_tui.ui.screens.settings import PASSWORDS, TEXT_FIELDS
from workshop_tui.ui.visit import VEHICLE_FIELDS

UI = Path(__file__).resolve().parents[2] / "workshop_tui" / "ui"
# t("key"), tr(..., attr="key"), f-string families are checked separately below.
LITERAL_KEY = re.compile(r"""(?:\bt\(|self\.t\(|\w+=)\s*["']([a-z_]+(?:\.[A-Za-z0-9_]+)+)["']""")


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_has_all_three_languages_with_the_same_parameters(key):
    entry = MESSAGES[key]
    assert set(entry) == set(LANGUAGES)
    assert all(entry[lang].strip() for lang in LANGUAGES)
    assert placeholders(entry["fr"]) == placeholders(entry["en"]) == placeholders(entry["nl"])


def test_every_literal_key_in_the_ui_exists():
    used = {key for path in UI.rglob("*.py") for key in LITERAL_KEY.findall(path.read_text())}
    assert used, "the pattern found no key: it is broken"
    assert sorted(k for k in used if k not in MESSAGES) == []


def test_every_key_built_from_the_domain_exists():
    families = (
        [f"work.{k.value}" for k in WorkKind]
        + [f"role.{r.value}" for r in Role]
        + [f"reporter.{r}" for r in set(rules.REPORTERS.values())]
        + [f"source.{s.value}" for s in Source]
        + [f"field.{name}" for name in FIELD_LABELS]
        + [f"field.vehicle.{name}" for name, _ in VEHICLE_FIELDS]
        + [f"submit.{s.value}" for s in SubmissionState if s.value in ("pending", "sent")]
        + [f"lookup.origin.{o}" for o in ("registry", "cache", "none")]
        + [f"code.kind.{k}" for k in ("vin", "carpass", "other")]
        + [f"scan.read.{k}" for k in ("vin", "carpass", "other")]
        + [f"outbox.state.{s.value}" for s in SubmissionState]
        + [f"settings.{path}" for path, _ in TEXT_FIELDS]
        + [f"settings.{path}" for path in PASSWORDS]
    )
    assert sorted(k for k in families if k not in MESSAGES) == []


def test_every_reason_code_of_the_rules_has_a_sentence():
    source = (Path(rules.__file__)).read_text()
    codes = set(re.findall(r'_reason\(\s*"([A-Z_0-9]+)"', source))
    assert codes >= {"PRIVATE_AT_MOST_125", "REPORTABLE_WORK"}
    assert sorted(c for c in codes if f"reason.{c}" not in MESSAGES) == []


def test_every_binding_of_every_screen_has_an_id_and_a_localized_name():
    from workshop_tui.ui.app import WorkshopApp
    from workshop_tui.ui.screens.customer import CustomerScreen
    from workshop_tui.ui.screens.history import HistoryScreen
    from workshop_tui.ui.screens.job import JobScreen
    from workshop_tui.ui.screens.outbox import OutboxScreen
    from workshop_tui.ui.screens.scan import ScanScreen
    from workshop_tui.ui.screens.settings import SettingsScreen
    from workshop_tui.ui.screens.submit import SubmitScreen
    from workshop_tui.ui.screens.vehicle import VehicleScreen

    screens = (
        ScanScreen,
        VehicleScreen,
        JobScreen,
        CustomerScreen,
        SubmitScreen,
        OutboxScreen,
        HistoryScreen,
        SettingsScreen,
    )
    for owner in (WorkshopApp, *screens):
        for binding in owner.BINDINGS:
            assert binding.id, (owner.__name__, binding.key)
            assert f"binding.{binding.id}" in MESSAGES, binding.id


def test_language_switches_at_run_time():
    t = Translator("fr")
    assert t("binding.submit") == "Envoyer"
    t.language = "nl"
    assert t("binding.submit") == "Verzenden"


def test_parameters_are_filled_in():
    assert Translator("nl")("scan.already_open", vin="X") == "X is al open."


def test_unknown_key_shows_itself_rather_than_crashing():
    assert Translator("en")("no.such.key") == "no.such.key"


@pytest.mark.parametrize(
    ("language", "amount", "km", "day"),
    [
        ("fr", "1\u202f234,50 €", "72\u202f000 km", "23/11/2026"),
        ("nl", "€ 1.234,50", "72.000 km", "23-11-2026"),
        ("en", "€1,234.50", "72,000 km", "2026-11-23"),
    ],
)
def test_numbers_amounts_and_dates_are_written_the_local_way(language, amount, km, day):
    t = Translator(language)
    assert t.amount(Decimal("1234.5")) == amount
    assert t.km(72_000) == km
    assert t.date(date(2026, 11, 23)) == day


def test_lists_are_joined_with_the_local_word():
    assert Translator("fr").join(["a", "b", "c"]) == "a, b et c"
    assert Translator("nl").join(["a", "b"], "word.or") == "a of b"
    assert Translator("en").join(["a"]) == "a"


def test_default_language_comes_from_settings_then_locale():
    assert default_language("NL") == "nl"
    assert default_language("de") in LANGUAGES
