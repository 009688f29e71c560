"""Render a document model to HTML or PDF in the customer's language, from the same Jinja2 template.

The PDF is drawn by fpdf2 (pure Python) from the HTML with `write_html`, in an embedded DejaVu Sans
subset so that every Latin name prints. The VIN barcode is the Code 39 SVG of `scanners.labels`.

fpdf2, Jinja2 and the barcode library are imported by the first document (fpdf2 with numpy and
Pillow: 300-400 ms of CPU), not with this module: the terminal loads its screens in the background
after start-up, and a scan would wait for them.
"""

from __future__ import annotations

import base64
import re
import warnings
from functools import lru_cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from ..translations import labels as work_labels
from . import labels
from .formats import Formats, Translations
from .models import Document
from .text import clean

if TYPE_CHECKING:
    from jinja2 import Environment

_PAGE_BREAK = "<!--page-->"  # written by _base.html between the two copies, never by data (autoescaped)
_FONT = "dejavu"
_BARCODE_URI = "data:image/svg+xml;base64,"


def _clean_output(value: object) -> object:
    """Every `{{ }}` output without control characters, also from a model built without validation."""
    if isinstance(value, Markup):
        return Markup(clean(str(value)))
    return clean(value)


@lru_cache(maxsize=8)  # one per translations object in use: templates compile once per language
def _environment(translations: Translations) -> Environment:
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=PackageLoader("workshop_tui.documents", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_clean_output,
    )
    env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]  # from jinja2.ext.i18n
    env.filters["work_label"] = lambda kind: translations.gettext(work_labels.WORK[kind])
    env.filters["state_label"] = lambda state: translations.gettext(labels.SUBMISSION_STATE[state])
    env.filters["tick_label"] = lambda state: translations.gettext(labels.CHECKLIST_STATE[state])
    return env


def _barcode(doc: Document) -> bytes | None:
    """The VIN as a Code 39 SVG label, or None for a VIN that cannot be one (its text still prints)."""
    from scanners.labels import vin_label_svg

    try:
        return vin_label_svg(doc.vehicle.vin)
    except ValueError:
        return None


def _render(
    doc: Document, language: str, translations: Translations, formats: Formats, barcode: bytes | None, pdf: bool
) -> str:
    context: dict[str, Any] = {
        "doc": doc,
        "language": language,
        "formats": formats,
        "pdf": pdf,
        "barcode_src": _BARCODE_URI + base64.b64encode(barcode).decode("ascii") if barcode else "",
    }
    # One environment per catalog object (hashed by identity; the stubs do not say so).
    return _environment(translations).get_template(doc.template).render(context)  # type: ignore[arg-type]


def render_html(doc: Document, *, language: str, translations: Translations, formats: Formats) -> str:
    """The document as a standalone HTML page, the VIN barcode inline as an SVG data URI."""
    return _render(doc, language, translations, formats, _barcode(doc), pdf=False)


def render_pdf(doc: Document, *, language: str, translations: Translations, formats: Formats) -> bytes:
    """The document as an A4 PDF; the two copies of a sale document start on a page each."""
    from fpdf import FPDF, FontFace

    svg = _barcode(doc)
    html = _render(doc, language, translations, formats, svg, pdf=True)
    tag_styles = {
        "h1": FontFace(color="#000000", size_pt=16, emphasis="BOLD"),
        "h2": FontFace(color="#000000", size_pt=12, emphasis="BOLD"),
    }
    pdf = FPDF(format="A4")
    pdf.set_lang(language)
    fonts = files("workshop_tui.documents") / "fonts"
    pdf.add_font(_FONT, "", str(fonts / "DejaVuSans.ttf"))
    pdf.add_font(_FONT, "B", str(fonts / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(auto=True, margin=15)
    for page in html.split(_PAGE_BREAK):
        pdf.add_page()
        # Each table is written on its own from a regular font: fpdf2 would otherwise draw its
        # cells in the style of the last fragment before it (bold after a bold line).
        for part in re.split(r"(?=<table\b)", page):
            pdf.set_font(_FONT, size=10)
            with warnings.catch_warnings():  # the barcode SVG has a size but no viewBox: fpdf2 says so, and copes
                warnings.simplefilter("ignore", UserWarning)
                pdf.write_html(
                    part,
                    font_family=_FONT,
                    image_map=lambda src: _only_barcode(src, svg),
                    warn_on_tags_not_matching=False,  # a part may close a <div> another part opened
                    tag_styles=tag_styles,
                )
    return bytes(pdf.output())


def _only_barcode(src: str, svg: bytes | None) -> bytes:
    """The one image a document holds is its VIN barcode: nothing else is ever loaded."""
    if svg is None or not src.startswith(_BARCODE_URI):
        raise ValueError(f"unexpected image in a document: {src[:40]!r}")
    return svg
