"""The catalogs are complete and current, every code the core emits has a template in the three
languages, and numbers, amounts, dates and lists are written the Belgian way (CLDR)."""

import ast
import re
import shutil
import string
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from textual.binding import Binding
from textual.content import Content

from scanners.camera import StatusCode
from workshop_tui.domain import checks, codes, identifiers, rules, vin
from workshop_tui.domain.models import Source, SubmissionState
from workshop_tui.domain.work import Role, WorkKind
from workshop_tui.services import api, problems
from workshop_tui.translations import LANGUAGES, LOCALE_DIR, _, activate, default_language, translations
from workshop_tui.translations.catalogs import load
from workshop_tui.translations.formats import formats
from workshop_tui.translations.labels import BINDING, FIELD, FIELD_SOURCE, OUTBOX_STATE, REPORTER, ROLE, WORK
from workshop_tui.translations.render import TEMPLATES, _template
from workshop_tui.ui.visit import VEHICLE_FIELDS

ROOT = Path(__file__).resolve().parents[2]
CATALOGS = ("fr", "nl")


def catalog(language: str):
    with (LOCALE_DIR / language / "LC_MESSAGES" / "messages.po").open("rb") as po:
        return read_po(po)


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("language", CATALOGS)
def test_no_untranslated_and_no_fuzzy_entry(language):
    entries = [m for m in catalog(language) if m.id]
    assert len(entries) > 200
    assert [m.id for m in entries if not m.string or m.fuzzy] == []
    assert [m.id for m in entries if placeholders(m.id) != placeholders(m.string)] == []


# French sets a space before : ; ? ! and inside « »; a breaking one lets the sign start a line.
BREAKABLE_FRENCH_SPACE = re.compile(r"[^\S\xa0](?=[:;?!»])|«[^\S\xa0]|\bart\.[^\S\xa0]\d")


def test_french_signs_never_start_a_line():
    """Every fr msgstr has U+00A0 (never a breaking space, nor U+202F of disputed width) before : ; ? !
    and », after «, and in 'art. 2'."""
    found = [
        text
        for message in catalog("fr")
        if message.id
        for text in (message.string if isinstance(message.string, tuple) else (message.string,))
        if BREAKABLE_FRENCH_SPACE.search(text) or "\u202f" in text
    ]
    assert found == []


def test_the_terminal_does_not_break_at_a_no_break_space():
    """Textual wraps at U+00A0 and U+202F only with ui.textual_fixes, which the app imports."""
    import workshop_tui.ui.textual_fixes  # noqa: F401

    text = Content(f"Total {formats('fr').amount(Decimal('1234.5'))}\xa0: pas de déclaration.")
    assert [str(line) for line in text.wrap(16)] == ["Total", "1\u202f234,50\xa0€\xa0: pas", "de déclaration."]


def test_the_catalogs_hold_every_message_of_the_code():
    """What `./dev i18n` would extract is in both catalogs (no forgotten update)."""
    with (ROOT / "babel.cfg").open() as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    keywords = {"_": None, "N_": None, "gettext_noop": None}
    extracted = {m[2] for m in extract_from_dir(ROOT, method_map, options_map, keywords=keywords)}
    assert len(extracted) > 200
    for language in CATALOGS:
        assert sorted(extracted - {m.id for m in catalog(language)}) == [], language


def _literal_finding_codes() -> set[str]:
    """Codes the domain writes literally: `Finding("CODE", ...)` in any domain module (the reading
    and sale checks do so)."""
    codes: set[str] = set()
    for path in (ROOT / "workshop_tui" / "domain").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Finding" and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    codes.add(first.value)
    return codes


CORE_CODES = sorted(
    {
        *vin.CODES,
        *codes.CHECK_CODES,
        *codes.MILEAGE_CODES,
        *identifiers.CODES,
        *codes.REASON_CODES,
        *codes.REFERENCE_CODES,
        codes.NACE_NOT_CARPASS,
        *api.LOOKUP_CODES,
        "CARPASS_FETCH_FAILED",
        *problems.CODES,
        *(str(c) for c in StatusCode),
        *_literal_finding_codes(),
    }
)


@pytest.mark.parametrize("code", CORE_CODES)
def test_every_code_the_core_emits_has_a_template_in_three_languages(code):
    template = TEMPLATES[code]
    for language in CATALOGS:
        translated = translations(language).gettext(template)
        assert translated != template, (language, code)
        assert placeholders(translated) == placeholders(template)


def test_an_out_of_scope_mass_has_its_own_template():
    assert (
        _template(codes.VEHICLE_OUT_OF_SCOPE, {"max_mass_kg": 4200, "limit_kg": 3500})
        != TEMPLATES[codes.VEHICLE_OUT_OF_SCOPE]
    )


def test_every_name_the_core_uses_has_a_label():
    assert set(WORK) == {k.value for k in WorkKind}
    assert set(ROLE) == {r.value for r in Role}
    assert set(REPORTER) == set(rules.REPORTERS.values())
    assert set(OUTBOX_STATE) == {s.value for s in SubmissionState}
    assert {s.value for s in Source} <= set(FIELD_SOURCE)
    assert set(checks.FIELDS) | {f"vehicle.{name}" for name, _ in VEHICLE_FIELDS} <= set(FIELD)


def test_every_binding_of_every_screen_has_an_id_and_a_label():
    from workshop_tui.ui.app import WorkshopApp
    from workshop_tui.ui.screens.customer import CustomerScreen
    from workshop_tui.ui.screens.drafts import DraftsScreen
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
        DraftsScreen,
    )
    for owner in (WorkshopApp, *screens):
        for binding in owner.BINDINGS:
            assert isinstance(binding, Binding) and binding.id in BINDING, (owner.__name__, binding)


def test_language_switches_at_run_time():
    try:
        activate("fr")
        assert _(BINDING["submit"]) == "Envoyer"
        activate("nl")
        assert _(BINDING["submit"]) == "Verzenden"
    finally:
        activate("en")
    assert _(BINDING["submit"]) == "Submit"


def test_a_fresh_clone_compiles_its_catalogs_on_first_use(tmp_path):
    copy = tmp_path / "locale"
    shutil.copytree(LOCALE_DIR, copy, ignore=shutil.ignore_patterns("*.mo"))
    assert load(copy, "messages", "nl").gettext(BINDING["submit"]) == "Verzenden"
    assert (copy / "nl" / "LC_MESSAGES" / "messages.mo").exists()


def test_a_read_only_install_compiles_in_memory(tmp_path, monkeypatch):
    copy = tmp_path / "locale"
    shutil.copytree(LOCALE_DIR, copy, ignore=shutil.ignore_patterns("*.mo"))

    def read_only(self, data):
        raise PermissionError(self)

    monkeypatch.setattr(Path, "write_bytes", read_only)
    assert load(copy, "messages", "fr").gettext(BINDING["submit"]) == "Envoyer"
    assert not (copy / "fr" / "LC_MESSAGES" / "messages.mo").exists()


@pytest.mark.parametrize(
    ("language", "amount", "decimal", "km", "day", "first_of_march"),
    [
        ("fr", "1\u202f234,50\xa0€", "125,00", "72\u202f000 km", "23/11/2026", "01/03/2026"),
        ("nl", "€\xa01.234,50", "125,00", "72.000 km", "23/11/2026", "01/03/2026"),
        ("en", "€1,234.50", "125.00", "72,000 km", "23/11/2026", "01/03/2026"),
    ],
)
def test_numbers_amounts_and_dates_are_written_the_belgian_way(language, amount, decimal, km, day, first_of_march):
    f = formats(language)
    assert f.amount(Decimal("1234.5")) == amount
    assert f.decimal(Decimal("125")) == decimal
    assert f.km(72_000) == km
    assert f.date(date(2026, 11, 23)) == day
    assert f.date(date(2026, 3, 1)) == first_of_march


def test_lists_are_joined_with_the_local_word():
    assert formats("fr").list(["a", "b", "c"]) == "a, b et c"
    assert formats("nl").list(["a", "b"], "or") == "a of b"
    assert formats("en").list(["a"]) == "a"


@pytest.mark.parametrize(
    ("language", "names"),
    [
        ("fr", ["Allemagne", "Tchéquie", "Turquie", "Serbia & Montenegro"]),
        ("nl", ["Duitsland", "Tsjechië", "Turkije", "Serbia & Montenegro"]),
        ("en", ["Germany", "Czechia", "Türkiye", "Serbia & Montenegro"]),
    ],
)
def test_the_vin_decoders_countries_are_named_in_the_language(language, names):
    """The VIN decoder names countries in English; CLDR's unknown ones are kept as they come."""
    decoded = ["Germany", "Czech Republic", "Turkey", "Serbia & Montenegro"]
    assert [formats(language).country(name) for name in decoded] == names


def test_default_language_comes_from_settings_then_locale():
    assert default_language("NL") == "nl"
    assert default_language("de") in LANGUAGES


def test_every_setting_on_the_form_has_a_label():
    from workshop_tui.ui.screens.settings import LABELS, PASSWORDS, TEXT_FIELDS

    assert {path for path, _ in TEXT_FIELDS} | set(PASSWORDS) == set(LABELS)
