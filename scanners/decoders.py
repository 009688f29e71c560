"""Barcode decoding backends behind one small interface: zxing-cpp (primary) and pyzbar.

zxing-cpp is a self-contained wheel. pyzbar needs the system library zbar, so it is imported
only when asked for: a missing libzbar never breaks zxing-cpp, and `available_backends` says
what to install. Both are restricted to the symbologies a workshop needs (Code 39, Code 128,
DataMatrix, QR), which gives the same reads faster and rules out EAN/UPC misreads on VIN labels.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np
import zxingcpp

DEFAULT = "zxing"
CODE39, CODE128, DATAMATRIX, QRCODE = "CODE39", "CODE128", "DATAMATRIX", "QRCODE"
ALL = frozenset({CODE39, CODE128, DATAMATRIX, QRCODE})
LINEAR = frozenset({CODE39, CODE128})
MATRIX = frozenset({DATAMATRIX, QRCODE})
_PYZBAR_MISSING = "install the system library libzbar0 (apt-get install libzbar0) to enable pyzbar"


class DecoderUnavailable(RuntimeError):
    """A backend cannot run on this machine; the message says what to install."""


@dataclass(frozen=True)
class Symbol:
    """A code a backend found: symbology name (as in CodeRead) and decoded text."""

    symbology: str
    text: str


class Decoder(Protocol):
    """A decoding backend."""

    name: str
    symbologies: frozenset[str]  # what it can read, among ALL

    def decode(self, image: np.ndarray, symbologies: frozenset[str] = ALL) -> list[Symbol]:
        """Codes of the given symbologies found in `image`, 8-bit greyscale."""
        ...


class ZxingDecoder:
    """zxing-cpp, tuned for camera frames.

    No 90° retry and no inverted pass: together they triple the time per frame, and the
    preparation stage straightens rotated 1D codes instead (QR codes read at any angle anyway;
    DataMatrix is retried on the frame turned a quarter).
    """

    name = "zxing"
    symbologies = ALL
    _FORMATS = {
        CODE39: zxingcpp.BarcodeFormat.Code39,
        CODE128: zxingcpp.BarcodeFormat.Code128,
        DATAMATRIX: zxingcpp.BarcodeFormat.DataMatrix,
        QRCODE: zxingcpp.BarcodeFormat.QRCode,
    }
    _NAMES = {fmt: name for name, fmt in _FORMATS.items()}

    def decode(self, image: np.ndarray, symbologies: frozenset[str] = ALL) -> list[Symbol]:
        formats = tuple(self._FORMATS[name] for name in sorted(symbologies & self.symbologies))
        if not formats:
            return []
        found = zxingcpp.read_barcodes(
            image, formats=zxingcpp.BarcodeFormats(formats), try_rotate=False, try_invert=False
        )
        return [Symbol(self._NAMES[code.format], code.text) for code in found if code.format in self._NAMES]


class PyzbarDecoder:
    """zbar through pyzbar: reads no DataMatrix; imported lazily because it needs libzbar."""

    name = "pyzbar"
    symbologies = frozenset({CODE39, CODE128, QRCODE})

    def __init__(self) -> None:
        try:
            from pyzbar import pyzbar
        except (ImportError, OSError) as exc:  # the wrapper raises ImportError when libzbar is missing
            raise DecoderUnavailable(_PYZBAR_MISSING) from exc
        self._decode = pyzbar.decode
        self._symbols = {name: getattr(pyzbar.ZBarSymbol, name) for name in self.symbologies}

    def decode(self, image: np.ndarray, symbologies: frozenset[str] = ALL) -> list[Symbol]:
        wanted = [self._symbols[name] for name in sorted(symbologies & self.symbologies)]
        if not wanted:
            return []
        found = self._decode(image, symbols=wanted)
        return [Symbol(code.type, code.data.decode("utf-8", errors="replace")) for code in found]


BACKENDS: dict[str, type[Decoder]] = {"zxing": ZxingDecoder, "pyzbar": PyzbarDecoder}


def get_decoder(name: str) -> Decoder:
    """The backend called `name`; DecoderUnavailable says what to install, ValueError if unknown."""
    try:
        backend = BACKENDS[name]
    except KeyError:
        raise ValueError(f"unknown decoder {name!r}; choose one of {', '.join(BACKENDS)}") from None
    return backend()


def available_backends() -> dict[str, str | None]:
    """Each backend name -> None when usable, else the message saying what to install."""
    status: dict[str, str | None] = {}
    for name in BACKENDS:
        try:
            get_decoder(name)
        except DecoderUnavailable as exc:
            status[name] = str(exc)
        else:
            status[name] = None
    return status
