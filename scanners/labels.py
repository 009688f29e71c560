"""VIN labels for job cards and receipts (Code 39 or Code 128, SVG or PNG) with python-barcode.

Bars are 0.254 mm (1/100 inch: exactly 3 pixels in the 300 dpi PNG) with the VIN written under
them. A Code 39 label is about 82 mm wide (job cards, A5/A4); Code 128 is about 61 mm and fits
80 mm receipt paper. The label holds the bare VIN, which the app's own scanner reads back.
"""

from __future__ import annotations

import io

import barcode
from barcode.writer import BaseWriter, ImageWriter, SVGWriter

from .codes import extract_vin

SYMBOLOGIES = ("code39", "code128")
PNG_DPI = 300
_OPTIONS = {
    "module_width": 0.254,  # mm
    "module_height": 10.0,  # mm
    "quiet_zone": 2.54,  # mm, 10 narrow bars
    "font_size": 10,
    "text_distance": 4.0,
}


def _barcode(vin: str, symbology: str, writer: BaseWriter) -> barcode.base.Barcode:
    valid = extract_vin(vin)
    if valid is None:
        raise ValueError(f"not a valid VIN: {vin!r}")
    if symbology not in SYMBOLOGIES:
        raise ValueError(f"unknown symbology {symbology!r}; choose {' or '.join(SYMBOLOGIES)}")
    extra = {"add_checksum": False} if symbology == "code39" else {}  # VIN labels carry no check character
    return barcode.get_barcode_class(symbology)(valid, writer=writer, **extra)


def vin_label_svg(vin: str, symbology: str = "code39") -> bytes:
    """The label as an SVG document; ValueError for an invalid VIN or an unknown symbology."""
    return _barcode(vin, symbology, SVGWriter()).render(_OPTIONS)


def vin_label_png(vin: str, symbology: str = "code39") -> bytes:
    """The label as a 300 dpi greyscale PNG; ValueError for an invalid VIN or an unknown symbology."""
    image = _barcode(vin, symbology, ImageWriter(mode="L", dpi=PNG_DPI)).render(_OPTIONS)
    out = io.BytesIO()
    image.save(out, "PNG", dpi=(PNG_DPI, PNG_DPI))  # so that it prints at its true size
    return out.getvalue()
