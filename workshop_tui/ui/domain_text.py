"""The core speaks English; this shows its sentences in the mechanic's language.

Each known sentence of the domain (VIN errors, mileage findings, pre-send problems, company
identifier errors, the NACE warning), of the services (vehicle lookup) and of the camera loop
is matched by a pattern that names its parameters; the
parameters are re-formatted for the language (kilometres, dates). An unknown sentence is shown
as it is, never dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from ..domain.checks import FIELD_LABELS
from ..i18n import Translator

_FIELD_BY_LABEL = {label: key for key, label in FIELD_LABELS.items()}


@dataclass(frozen=True)
class _Sentence:
    pattern: re.Pattern[str]
    key: str
    formats: dict[str, str] = field(default_factory=dict)  # group name -> "km" | "date" | "field"


def _s(pattern: str, key: str, **formats: str) -> _Sentence:
    return _Sentence(re.compile(pattern + r"$"), key, formats)


_ROLLBACK_HINT = r"(?P<hint> Tick 'odometer replaced' if it was\.)?"

SENTENCES = (
    _s(r"VIN has (?P<count>\d+) characters, (?P<expected>\d+) expected", "vin.error.length"),
    _s(r"letter (?P<char>\S) is not allowed in a VIN, position (?P<position>\d+)", "vin.error.letter"),
    _s(r"character (?P<char>.+) is not allowed in a VIN, position (?P<position>\d+)", "vin.error.character"),
    _s(r"check digit \(position 9\) is (?P<found>\S), (?P<expected>\S) expected for this VIN", "vin.error.check_digit"),
    _s(
        r"5-digit odometer: (?P<km>\d+) km is reported as displayed, the true distance may be higher\.",
        "finding.FIVE_DIGIT",
        km="km",
    ),
    _s(
        r"(?P<km>\d+) km is lower than (?P<last_km>\d+) km read on (?P<on>[\d-]+): possible rollback\."
        + _ROLLBACK_HINT,
        "finding.ROLLBACK",
        km="km",
        last_km="km",
        on="date",
        hint="hint",
    ),
    _s(
        r"(?P<driven>\d+) km since (?P<on>[\d-]+) \((?P<days>\d+) days\) is an unusual distance: check the digits\.",
        "finding.IMPLAUSIBLE_DISTANCE",
        driven="km",
        on="date",
    ),
    _s(r"(?P<field>.+) is missing", "problem.missing", field="field"),
    _s(r"the reading date lies in the future", "problem.future_reading"),
    _s(r"total incl\. VAT must not be negative", "problem.negative_total"),
    _s(r"the odometer reading must not be negative", "problem.negative_km"),
    _s(r"enterprise number has (?P<count>\d+) digits, 10 expected", "company.error.enterprise_length"),
    _s(r"enterprise number starts with 0 or 1", "company.error.enterprise_start"),
    _s(r"enterprise number check digits \(last two\) do not match", "company.error.enterprise_check"),
    _s(r"establishment number has (?P<count>\d+) digits, 10 expected", "company.error.establishment_length"),
    _s(r"establishment number starts with a digit from 2 to 8", "company.error.establishment_start"),
    _s(r"establishment number check digits \(last two\) do not match", "company.error.establishment_check"),
    _s(
        r"NACE code (?P<code>.+) is not one of the Car-Pass codes \((?P<codes>[\d, ]+)\): check your company profile\.",
        "company.warning.nace",
    ),
    # vehicle lookup (services)
    _s(r"The vehicle registry does not know this VIN\. Type the vehicle fields\.", "lookup.unknown.type"),
    _s(r"The vehicle registry does not know this VIN\. Cached record of (?P<when>.+) shown\.", "lookup.unknown.cached"),
    _s(r"Vehicle registry unreachable \((?P<error>.+)\)\. Type the vehicle fields\.", "lookup.down.type"),
    _s(r"Vehicle registry unreachable \((?P<error>.+)\)\. Cached record of (?P<when>.+) shown\.", "lookup.down.cached"),
    # camera loop (scanners)
    _s(r"A barcode is in view but cannot be read: move the camera closer and hold it steady\.", "camera.move_closer"),
    _s(r"Scanning (?P<source>.+) \((?P<size>\d+x\d+)\)\.", "camera.scanning", source="source"),
    _s(r"End of (?P<source>.+)\.", "camera.ended", source="source"),
    _s(r"No barcode or QR code found in (?P<source>.+)\.", "camera.nothing_found", source="source"),
    _s(r"The (?P<decoder>\w+) decoder is not available \((?P<error>.+)\); using zxing\.", "camera.decoder_missing"),
    _s(r"install the system library libzbar0 \(apt-get install libzbar0\) to enable pyzbar", "camera.pyzbar_missing"),
    _s(
        r"Not a camera address: (?P<target>.+) \(expected rtsp://, http:// or https:// and a host\)\.",
        "camera.error.bad_url",
    ),
    _s(r"File not found: (?P<target>.+)\.", "camera.error.file_missing"),
    _s(r"Cannot read (?P<target>.+): not an? (?:image|video) OpenCV can decode\.", "camera.error.file_unreadable"),
    _s(
        r"The camera stream (?P<target>.+) stopped: check the network and the camera app, then retry\.",
        "camera.error.stream_lost",
    ),
    _s(
        r"Camera (?P<target>.+) stopped sending images \(unplugged\?\): reconnect it and retry\.",
        "camera.error.camera_lost",
    ),
    _s(
        r"Cannot open the camera stream (?P<target>.+): check the address and that the camera app is running\.",
        "camera.error.url_unreachable",
    ),
    _s(r"No camera found at (?P<target>.+): plug one in or choose another source\.", "camera.error.no_camera"),
    _s(
        r"Camera (?P<target>.+) cannot be opened: no permission on (?P<node>.+) \(add the user to the 'video' group\)\.",
        "camera.error.permission",
    ),
    _s(r"Camera (?P<target>.+) cannot be used: .+\. Close other camera programs and retry\.", "camera.error.busy"),
)

_SOURCE = re.compile(r"^(?P<kind>camera stream|camera|video|image) (?P<target>.+)$")


def _formatters(t: Translator) -> dict[str, Callable[[str], str]]:
    return {
        "km": lambda v: t.km(int(v)),
        "date": lambda v: t.date(date.fromisoformat(v)),
        "field": lambda v: t(f"field.{_FIELD_BY_LABEL[v]}") if v in _FIELD_BY_LABEL else v,
        "hint": lambda v: f" {t('finding.ROLLBACK.hint')}" if v else "",
        "source": lambda v: _source(v, t),
    }


def _source(text: str, t: Translator) -> str:
    """'camera stream rtsp://...' -> the kind of source in the language, then its address."""
    if match := _SOURCE.match(text):
        return t(f"camera.kind.{match['kind'].replace(' ', '_')}", target=match["target"])
    return text


def localize(text: str, t: Translator) -> str:
    """`text` (an English domain sentence) in the translator's language."""
    formatters = _formatters(t)
    for sentence in SENTENCES:
        if match := sentence.pattern.match(text):
            params = {
                name: formatters[sentence.formats[name]](value) if name in sentence.formats else value
                for name, value in match.groupdict(default="").items()
            }
            return t(sentence.key, **params)
    return text
