"""The domain speaks English; this shows its sentences in the mechanic's language.

Each known sentence of the domain (VIN errors, mileage findings, pre-send problems, company
identifier errors, the NACE warning) is matched by a pattern that names its parameters; the
parameters are re-formatted for the language (kilometres, dates). An unknown sentence is shown
as it is, never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Callable

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
        r"(?P<km>\d+) km is lower than (?P<last_km>\d+) km read on (?P<on>[\d-]+): possible rollback\." + _ROLLBACK_HINT,
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
)


def _formatters(t: Translator) -> dict[str, Callable[[str], str]]:
    return {
        "km": lambda v: t.km(int(v)),
        "date": lambda v: t.date(date.fromisoformat(v)),
        "field": lambda v: t(f"field.{_FIELD_BY_LABEL[v]}") if v in _FIELD_BY_LABEL else v,
        "hint": lambda v: f" {t('finding.ROLLBACK.hint')}" if v else "",
    }


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
