"""Compiling the `.po` catalogs into the `.mo` files gettext reads (Babel)."""

from __future__ import annotations

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po


def ensure_compiled(locale_dir: Path, domain: str) -> None:
    """Write `<domain>.mo` beside every `<domain>.po` that has none or an older one.

    `./dev i18n` compiles too; this covers a fresh clone, `./dev start/test` and the wheel build.
    """
    for po in locale_dir.glob(f"*/LC_MESSAGES/{domain}.po"):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as source:
            catalog = read_po(source)
        with mo.open("wb") as target:
            write_mo(target, catalog)
