"""VIN labels: what the app prints, the app's own scanner reads back."""

import io
import re
import xml.etree.ElementTree as ET
from argparse import Namespace

import cv2
import numpy as np
import pytest
from PIL import Image

from scanners.labels import vin_label_png, vin_label_svg
from workshop_tui.commands.label import run as label_command

VINS = ["WVWZZZ1JZXW000001", "1HGCM82633A004352", "VF1BXBA01T8861354"]
SVG = "{http://www.w3.org/2000/svg}"


def rasterise_svg(document: bytes, px_per_mm: float = 8.0) -> np.ndarray:
    """Draw python-barcode's SVG (white background, black mm rectangles) as a grey image."""
    root = ET.fromstring(document)
    width, height = (float(root.get(k).removesuffix("mm")) for k in ("width", "height"))
    image = np.full((round(height * px_per_mm), round(width * px_per_mm)), 255, np.uint8)
    for rect in root.iter(f"{SVG}rect"):
        if "black" not in rect.get("style", ""):
            continue
        x, y, w, h = (float(rect.get(k).removesuffix("mm")) * px_per_mm for k in ("x", "y", "width", "height"))
        image[round(y) : round(y + h), round(x) : round(x + w)] = 0
    return image


def on_a_desk(label: np.ndarray, roll: float) -> np.ndarray:
    """The label as a camera would see it: on a grey surface, turned, slightly blurred."""
    canvas = np.full((label.shape[0] + 400, label.shape[1] + 200), 90, np.uint8)
    canvas[200 : 200 + label.shape[0], 100 : 100 + label.shape[1]] = label
    centre = (canvas.shape[1] / 2, canvas.shape[0] / 2)
    turned = cv2.warpAffine(canvas, cv2.getRotationMatrix2D(centre, roll, 1.0), canvas.shape[::-1], borderValue=90)
    return cv2.GaussianBlur(turned, (0, 0), 0.8)


@pytest.mark.parametrize("vin", VINS)
@pytest.mark.parametrize("symbology", ["code39", "code128"])
def test_png_label_reads_back(reader, vin, symbology):
    png = Image.open(io.BytesIO(vin_label_png(vin, symbology)))
    assert png.info["dpi"][0] == pytest.approx(300, abs=0.01)  # prints at its true size
    label = np.asarray(png.convert("L"))
    read = reader.read(label).read
    assert (read.kind, read.value, read.symbology) == ("vin", vin, symbology.upper())
    assert reader.read(on_a_desk(label, roll=15)).read.value == vin


@pytest.mark.parametrize("symbology", ["code39", "code128"])
def test_svg_label_reads_back(reader, symbology):
    document = vin_label_svg(VINS[0], symbology)
    assert document.startswith(b"<?xml") and VINS[0].encode() in document  # human-readable line
    read = reader.read(rasterise_svg(document)).read
    assert (read.kind, read.value) == ("vin", VINS[0])


def test_label_sizes_fit_job_cards_and_receipts():
    widths = {
        s: float(re.search(rb'width="([\d.]+)mm"', vin_label_svg(VINS[0], s)).group(1)) for s in ("code39", "code128")
    }
    assert 70 < widths["code39"] < 90 and widths["code128"] < 72  # 80 mm receipt paper


def test_printed_vin_is_normalised(reader):
    png = vin_label_png(" wvwzzz1jzxw000001 ")
    assert reader.read(np.asarray(Image.open(io.BytesIO(png)).convert("L"))).read.text == VINS[0]


@pytest.mark.parametrize("bad", ["WVWZZZ1JZXW00000", "1HGCM82633A004353", "WVWZZZ1JZXWO00001"])
def test_invalid_vin_gets_no_label(bad):
    with pytest.raises(ValueError, match="not a valid VIN"):
        vin_label_png(bad)
    with pytest.raises(ValueError):
        vin_label_svg(bad)


def test_unknown_symbology():
    with pytest.raises(ValueError, match="code39 or code128"):
        vin_label_svg(VINS[0], "qrcode")


def test_cli_writes_the_file(tmp_path, capsys, reader):
    output = tmp_path / "label.png"
    assert label_command(Namespace(vin=VINS[1], symbology="code128", output=str(output))) == 0
    assert capsys.readouterr().out.strip() == str(output)
    assert reader.read(cv2.imread(str(output))).read.value == VINS[1]
    svg = tmp_path / "label.SVG"
    assert label_command(Namespace(vin=VINS[1], symbology="code39", output=str(svg))) == 0
    assert svg.read_bytes().startswith(b"<?xml")


def test_cli_errors(tmp_path, capsys):
    assert label_command(Namespace(vin="nope", symbology="code39", output=str(tmp_path / "x.png"))) == 1
    assert label_command(Namespace(vin=VINS[0], symbology="code39", output=str(tmp_path / "x.pdf"))) == 2
    assert label_command(Namespace(vin=VINS[0], symbology="code39", output=str(tmp_path / "missing" / "x.png"))) == 2
    errors = capsys.readouterr().err.splitlines()
    assert (
        len(errors) == 3
        and "not a valid VIN" in errors[0]
        and ".svg or .png" in errors[1]
        and "cannot write" in errors[2]
    )
    assert not list(tmp_path.iterdir())


def test_label_command_says_why_a_vin_is_invalid_in_the_lang_language(tmp_path, capsys):
    args = Namespace(vin="WVWZZZ1JZXW00000", symbology="code39", output=str(tmp_path / "x.svg"), lang="nl")
    assert label_command(args) == 1
    assert capsys.readouterr().err.startswith("workshop-tui: WVWZZZ1JZXW00000 is geen geldig VIN. ")
    assert not list(tmp_path.iterdir())
