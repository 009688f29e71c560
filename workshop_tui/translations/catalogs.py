"""Loading a catalog: the compiled `.mo` when it is current, else the `.po` compiled by Babel.

`./dev i18n` and the install step of `./dev` compile the `.mo` files; a fresh clone or a wheel
built without them still works, compiling in memory (and writing the `.mo` when it can).
Babel's message tools are imported only then: reading a current `.mo` needs gettext alone.
"""

from __future__ import annotations

import gettext
import io
from pathlib import Path


def _compiled(po: Path) -> bytes:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as source:
        catalog = read_po(source)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def load(locale_dir: Path, domain: str, language: str) -> gettext.GNUTranslations:
    """The translations of `language` from `<locale_dir>/<language>/LC_MESSAGES/<domain>.po`."""
    po = locale_dir / language / "LC_MESSAGES" / f"{domain}.po"
    mo = po.with_suffix(".mo")
    if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
        data = mo.read_bytes()
    else:
        data = _compiled(po)
        try:
            mo.write_bytes(data)
        except OSError:  # a read-only install: the compiled catalog stays in memory
            pass
    return gettext.GNUTranslations(io.BytesIO(data))
