"""Backends: zxing-cpp always, pyzbar when libzbar is installed, and a clear message when not."""

import builtins
import io
import subprocess
import sys

import barcode
import numpy as np
import pytest
from barcode.writer import ImageWriter
from PIL import Image

from scanners.decoders import LINEAR, DecoderUnavailable, PyzbarDecoder, ZxingDecoder, available_backends, get_decoder
from scanners.labels import vin_label_png
from scanners.pipeline import build_reader

VIN = "WVWZZZ1JZXW000001"


def label_image(symbology: str = "code39") -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(vin_label_png(VIN, symbology))).convert("L"))


@pytest.fixture
def without_libzbar(monkeypatch):
    """pyzbar's import fails the way it does when the zbar shared library is missing."""
    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name.startswith("pyzbar"):
            raise ImportError("Unable to find zbar shared library")
        return real_import(name, *args, **kwargs)

    for module in [m for m in sys.modules if m.startswith("pyzbar")]:
        monkeypatch.delitem(sys.modules, module)
    monkeypatch.setattr(builtins, "__import__", fake_import)


def test_both_backends_are_available_here():
    assert available_backends() == {"zxing": None, "pyzbar": None}


@pytest.mark.parametrize("backend", [ZxingDecoder, PyzbarDecoder])
@pytest.mark.parametrize("symbology", ["code39", "code128"])
def test_backends_read_vin_labels(backend, symbology):
    found = backend().decode(label_image(symbology))
    assert [(s.symbology, s.text) for s in found] == [(symbology.upper(), VIN)]


def test_restricted_to_the_symbologies_asked_for():
    ean = barcode.get("ean13", "5410000000004", writer=ImageWriter())
    image = np.asarray(ean.render({"write_text": False}).convert("L"))
    assert ZxingDecoder().decode(image) == []  # EAN is never read, so never mistaken for a VIN
    assert ZxingDecoder().decode(label_image(), frozenset({"QRCODE"})) == []
    assert PyzbarDecoder().decode(label_image(), frozenset({"DATAMATRIX"})) == []
    assert ZxingDecoder().decode(label_image(), LINEAR)[0].text == VIN


def test_missing_libzbar_says_what_to_install(without_libzbar):
    status = available_backends()
    assert status["zxing"] is None
    assert "libzbar0" in (status["pyzbar"] or "") and "apt-get install libzbar0" in (status["pyzbar"] or "")
    with pytest.raises(DecoderUnavailable):
        get_decoder("pyzbar")


def test_missing_libzbar_never_breaks_zxing(without_libzbar):
    reader, note = build_reader("zxing")
    assert note is None and reader.secondary is None
    assert reader.read(label_image()).read.value == VIN


def test_pyzbar_chosen_but_missing_falls_back_to_zxing(without_libzbar):
    reader, note = build_reader("pyzbar")
    assert reader.primary.name == "zxing" and "libzbar0" in (note or "")


def test_pyzbar_as_primary_keeps_zxing_second():
    reader, note = build_reader("pyzbar")
    assert (reader.primary.name, reader.secondary.name, note) == ("pyzbar", "zxing", None)


def test_unknown_backend():
    with pytest.raises(ValueError, match="zxing, pyzbar"):
        get_decoder("cv2.barcode")


def test_zxing_users_never_load_pyzbar_or_textual():
    """pyzbar (which needs libzbar) loads only when asked for; nothing loads the UI toolkit."""
    code = (
        "import sys, scanners.camera, scanners.labels, scanners.wedge, workshop_tui.commands.scan;"
        "from scanners.decoders import get_decoder; get_decoder('zxing');"
        "print(sorted(m for m in ('pyzbar', 'textual', 'rich') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
