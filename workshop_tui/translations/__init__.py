"""Translations: gettext catalogs (English msgids, `locale/<lang>/LC_MESSAGES/messages.po`).

    from workshop_tui.translations import _, gettext_noop, activate
    activate("nl")
    _("Saved.")                      # 'Opgeslagen.'
    translations("fr").gettext(...)  # an explicit language, for documents and the CLI

The `.mo` files are built from the `.po` files, never committed (`catalogs.load`).
"""

from __future__ import annotations

import gettext
import locale
from functools import cache
from pathlib import Path

LANGUAGES = ("fr", "nl", "en")
LANGUAGE_NAMES = {"fr": "Français", "nl": "Nederlands", "en": "English"}
LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "messages"

_active = "en"


def default_language(configured: str | None = None) -> str:
    """The configured language if we have it, else the system locale's, else English."""
    for candidate in (configured, (locale.getlocale()[0] or "")[:2]):
        if candidate and candidate.lower() in LANGUAGES:
            return candidate.lower()
    return "en"


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The catalog of `language` (English msgids are their own translation)."""
    if language == "en":
        return gettext.NullTranslations()
    from .catalogs import load

    return load(LOCALE_DIR, DOMAIN, language)


def activate(language: str) -> None:
    """Make `language` the one `_` answers in."""
    global _active
    _active = default_language(language)


def active_language() -> str:
    return _active


def _(message: str) -> str:
    """`message` (an English msgid) in the active language."""
    return translations(_active).gettext(message)


def gettext_noop(message: str) -> str:
    """Marks a constant for extraction; translate it later with `_`."""
    return message


N_ = gettext_noop
