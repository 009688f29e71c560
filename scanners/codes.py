"""What a scanned code means: a VIN, a Car-Pass identification number, or something else.

Pure functions, no I/O. Every reader (camera, image, keyboard-wedge scanner) reports a
`CodeRead` built by `classify`, so every screen reacts to every source the same way.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Literal
from urllib.parse import parse_qsl, unquote, urlsplit

from workshop_tui.domain.vin import VIN_LENGTH, check, normalise

Kind = Literal["vin", "carpass", "other"]

QRCODE = "QRCODE"
WEDGE = "WEDGE"  # a keyboard-wedge scanner does not say which symbology it read

# Text a VIN label may carry before the VIN itself: "VIN:" or the German "FIN:" on printed labels.
_VIN_PREFIX = re.compile(rf"^(?:VIN|FIN)[:#.=]?(?=[A-Z0-9]{{{VIN_LENGTH},{VIN_LENGTH + 1}}}$)")
# ANSI MH10.8.2 data identifier "I" (Vehicle Identification Number) that Code 39 VIN labels
# (AIAG B-10) put before the VIN. "I" never occurs in a VIN, so stripping it is unambiguous.
_IMPORT_MARKER = "I"

CARPASS_HOSTS = ("car-pass.be", "carpass.be")
_CARPASS_ID = re.compile(r"(?=(?:[A-Z]*\d){4})[A-Z0-9]{8,16}")
_CARPASS_SEPARATORS = re.compile(r"(?<=[A-Z0-9])[ .\-](?=[A-Z0-9])")
_CARPASS_QUERY_KEYS = frozenset({"id", "carpassid", "carpass", "nr", "number", "code"})


@dataclass(frozen=True)
class CodeRead:
    """One code read by a camera, an image or a keyboard-wedge scanner."""

    symbology: str  # "CODE39", "CODE128", "DATAMATRIX", "QRCODE" or "WEDGE" (upper case)
    text: str  # exactly what the code holds
    kind: Kind
    value: str  # the normalised VIN, the Car-Pass ID, or `text` for "other"
    ms: float  # time spent decoding the frame that gave this read

    def as_dict(self) -> dict:
        """The `workshop-tui scan --json` line."""
        return {**asdict(self), "ms": round(self.ms, 1)}


def extract_vin(text: str) -> str | None:
    """The VIN a code holds, or None when it holds no valid VIN.

    Accepted: the 17 characters alone (spaces, dashes and case do not matter), the same behind a
    `VIN`/`FIN` prefix, Code 39 start/stop asterisks a scanner may pass on, and the 18-character
    Code 39 form with the leading `I` data identifier of import/AIAG labels. The result is checked
    with the core VIN module, North-American check digit included.
    """
    candidate = _VIN_PREFIX.sub("", normalise(text).strip("*"))
    if len(candidate) == VIN_LENGTH + 1 and candidate.startswith(_IMPORT_MARKER):
        candidate = candidate[1:]
    return candidate if check(candidate).valid else None


def carpass_id(text: str) -> str | None:
    """A bare Car-Pass identification number, normalised, or None.

    The identification number printed on a Car-Pass (beside its QR code) is accepted as 8 to 16
    upper-case letters and digits, at least 4 of them digits, optionally printed in groups
    separated by single spaces, dots or dashes: `4823-1190-7756` gives `482311907756`.
    Lower case is upper-cased; anything else (other characters, 17 characters like a VIN) is refused.
    """
    compact = _CARPASS_SEPARATORS.sub("", text.strip().upper())
    return compact if _CARPASS_ID.fullmatch(compact) else None


def carpass_id_from_url(text: str) -> str | None:
    """The Car-Pass ID in a verification URL on car-pass.be or carpass.be (any subdomain), or None.

    The ID is taken from a query parameter (`id`, `carpassId`, `carpass`, `nr`, `number` or `code`,
    any case) or else from the last path segment, and must have the shape `carpass_id` accepts.
    The scheme may be missing (`www.car-pass.be/...`); lookalike hosts (`car-pass.be.example.com`)
    are refused.
    """
    text = text.strip()
    if "://" not in text:
        text = "https://" + text
    try:
        url = urlsplit(text)
        host = (url.hostname or "").lower()
    except ValueError:
        return None
    if url.scheme.lower() not in ("http", "https"):
        return None
    if not any(host == known or host.endswith("." + known) for known in CARPASS_HOSTS):
        return None
    for key, value in parse_qsl(url.query):
        if re.sub(r"[-_]", "", key.lower()) in _CARPASS_QUERY_KEYS:
            return carpass_id(value)
    segments = [unquote(part) for part in url.path.split("/") if part]
    return carpass_id(segments[-1]) if segments else None


def _in_capitals(text: str) -> bool:
    """Whether a decoded code is written in capitals, as every VIN label is. A decoder's misread
    of a Code 128 label can give lower-case letters (`WDDNSlzd8VX908577` for `WDDNSY0L8VX908577`,
    seen in a tilted frame) that upper-case into another valid VIN. A keyboard-wedge scan is exempt:
    a scanner typing while Caps Lock is on swaps the case."""
    return text == text.upper()


def classify(symbology: str, text: str, ms: float = 0.0) -> CodeRead:
    """Say what a decoded code is.

    A valid VIN wins (from a camera, only in capitals: see `_in_capitals`); then a Car-Pass
    verification URL (any symbology); then a bare Car-Pass ID, but only from a QR code or a
    keyboard-wedge scan, since a 1D or DataMatrix label holding 8-16 letters and digits is far more
    often a part or job number than a Car-Pass.
    Everything else is "other", with the raw text as value.
    """
    symbology = symbology.upper()
    vin = extract_vin(text)
    if vin and (symbology == WEDGE or _in_capitals(text)):
        return CodeRead(symbology, text, "vin", vin, ms)
    found = carpass_id_from_url(text)
    if found is None and symbology in (QRCODE, WEDGE):
        found = carpass_id(text)
    if found:
        return CodeRead(symbology, text, "carpass", found, ms)
    return CodeRead(symbology, text, "other", text, ms)
