"""The msgids the documents use (extracted as Babel would) and the pending fr/nl catalogs."""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from workshop_tui import documents

PACKAGE = Path(documents.__file__).parent
METHODS = [("templates/**.html", "jinja2.ext:babel_extract"), ("**.py", "python")]
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}
OPTIONS = {"templates/**.html": {"extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true"}}


def msgids() -> set[str]:
    found = extract_from_dir(PACKAGE, METHODS, OPTIONS, keywords=KEYWORDS)
    return {message if isinstance(message, str) else message[0] for _f, _l, message, _c, _x in found}


def catalog(language: str):
    with open(PACKAGE / "pending" / f"{language}.po", "rb") as f:
        return read_po(f, locale=language)


def translations(language: str) -> Translations:
    if language == "en":
        return Translations()
    mo = io.BytesIO()
    write_mo(mo, catalog(language))
    mo.seek(0)
    return Translations(mo)
