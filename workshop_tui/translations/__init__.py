"""Translations: gettext catalogs (English msgids, `locale/<lang>/LC_MESSAGES/messages.po`).

    from workshop_tui.translations import _, gettext_noop, activate
    activate("nl")
    _("Saved.")                      # 'Opgeslagen.'
    translations("fr").gettext(...)  # an explicit language, for documents and the CLI

The `.mo` files are built from the `.po` files, never committed (`catalogs.load`).
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping
from functools import cache
from pathlib import Path

LANGUAGES = ("fr", "nl", "en")
LANGUAGE_NAMES = {"fr": "Français", "nl": "Nederlands", "en": "English"}
LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "messages"

_active = "en"


def environment_language(environ: Mapping[str, str] = os.environ) -> str:
    """The language of the messages the environment asks for: the first of LC_ALL, LC_MESSAGES
    and LANG that is set (`fr_BE.UTF-8` is French); English when it is none of ours."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if value := environ.get(name):
            language = value[:2].lower()
            return language if language in LANGUAGES else "en"
    return "en"


def default_language(configured: str | None = None) -> str:
    """The configured language if we have it, else the environment's."""
    if configured and configured.lower() in LANGUAGES:
        return configured.lower()
    return environment_language()


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
