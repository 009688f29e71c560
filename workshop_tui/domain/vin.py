"""Vehicle Identification Numbers (ISO 3779): normalise, validate, check digit, decode.

Pure functions, no I/O. The WMI table (manufacturer, country) comes from `vininfo`,
a maintained library, rather than a hand-copied list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from .findings import Finding, Severity

VIN_LENGTH = 17
FORBIDDEN_LETTERS = frozenset("IOQ")
_ALLOWED = frozenset("ABCDEFGHJKLMNPRSTUVWXYZ0123456789")
_SPACES = re.compile(r"[\s\-]+")

# ISO 3779 / 49 CFR 565: transliteration and position weights for the check digit.
_TRANSLITERATION = {
    **{str(d): d for d in range(10)},
    **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
    **dict(zip("JKLMN", range(1, 6), strict=True)),
    "P": 7,
    "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10), strict=True)),
}
_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)
# Model-year code (position 10), 30-year cycle starting 1980; I, O, Q, U, Z and 0 are never used.
_YEAR_CODES = "ABCDEFGHJKLMNPRSTVWXY123456789"

CheckDigit = Literal["valid", "invalid", "not_applicable"]

# The codes of a VIN's errors (each a blocking finding on field "vin").
WRONG_LENGTH = "VIN_LENGTH"  # count, expected
VIN_LETTER = "VIN_LETTER"  # char, position (I, O or Q)
VIN_CHARACTER = "VIN_CHARACTER"  # char, position
VIN_CHECK_DIGIT = "VIN_CHECK_DIGIT"  # found, expected
CODES = (WRONG_LENGTH, VIN_LETTER, VIN_CHARACTER, VIN_CHECK_DIGIT)


def _error(code: str, **params: object) -> Finding:
    return Finding(code, Severity.BLOCK, "vin", params)


def normalise(raw: str) -> str:
    """Trim, upper-case and drop spaces and dashes; idempotent."""
    return _SPACES.sub("", raw.strip()).upper()


def is_north_american(vin: str) -> bool:
    """VINs whose first character is 1-5 (USA, Canada, Mexico) must carry a valid check digit."""
    return bool(vin) and vin[0] in "12345"


def compute_check_digit(vin: str) -> str:
    """The check digit (position 9) the other 16 characters call for: '0'-'9' or 'X'."""
    total = sum(_TRANSLITERATION[c] * w for c, w in zip(vin, _WEIGHTS, strict=False))
    remainder = total % 11
    return "X" if remainder == 10 else str(remainder)


def candidate_model_years(code: str, today: date) -> list[int]:
    """Model years position 10 may stand for, newest first, none later than next year."""
    if code not in _YEAR_CODES:
        return []
    first = 1980 + _YEAR_CODES.index(code)
    return sorted((y for y in range(first, today.year + 2, 30)), reverse=True)


@dataclass(frozen=True)
class VinReport:
    """Everything the app says about one VIN input."""

    input: str
    vin: str
    errors: list[Finding] = field(default_factory=list)
    check_digit: CheckDigit = "not_applicable"
    wmi: str | None = None
    manufacturer: str | None = None
    country: str | None = None
    model_years: list[int] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict[str, object]:
        return {
            "input": self.input,
            "vin": self.vin,
            "valid": self.valid,
            "errors": [{"code": e.code, **e.params} for e in self.errors],
            "check_digit": self.check_digit,
            "wmi": self.wmi,
            "manufacturer": self.manufacturer,
            "country": self.country,
            "model_years": list(self.model_years),
        }


def _character_errors(vin: str) -> list[Finding]:
    errors = []
    for position, char in enumerate(vin, start=1):
        if char in FORBIDDEN_LETTERS:
            errors.append(_error(VIN_LETTER, char=char, position=position))
        elif char not in _ALLOWED:
            errors.append(_error(VIN_CHARACTER, char=char, position=position))
    return errors


def _decode_wmi(vin: str) -> tuple[str | None, str | None]:
    from vininfo import Vin as _VinInfo  # 7 ms: with the first VIN checked, not before the first frame
    from vininfo.common import UnsupportedBrand

    try:
        info = _VinInfo(vin)
        assembler, country = info.assembler, info.country
    except Exception:  # vininfo may raise on codes it does not know; unknown is not an error for us
        return None, None
    manufacturer = None if isinstance(assembler, UnsupportedBrand) else assembler.manufacturer
    return (manufacturer or None), (country or None)


def check(raw: str, today: date | None = None) -> VinReport:
    """Normalise and validate `raw`; decode what can be decoded even when the VIN is invalid."""
    today = today or date.today()
    vin = normalise(raw)
    errors: list[Finding] = []
    if len(vin) != VIN_LENGTH:
        errors.append(_error(WRONG_LENGTH, count=len(vin), expected=VIN_LENGTH))
    char_errors = _character_errors(vin)
    errors.extend(char_errors)

    check_digit: CheckDigit = "not_applicable"
    if len(vin) == VIN_LENGTH and not char_errors and is_north_american(vin):
        expected = compute_check_digit(vin)
        if vin[8] == expected:
            check_digit = "valid"
        else:
            check_digit = "invalid"
            errors.append(_error(VIN_CHECK_DIGIT, found=vin[8], expected=expected))

    wmi = vin[:3] if len(vin) >= 3 else None
    manufacturer = country = None
    if len(vin) == VIN_LENGTH and not char_errors:
        manufacturer, country = _decode_wmi(vin)
    years = candidate_model_years(vin[9], today) if len(vin) >= 10 else []
    return VinReport(
        input=raw,
        vin=vin,
        errors=errors,
        check_digit=check_digit,
        wmi=wmi,
        manufacturer=manufacturer,
        country=country,
        model_years=years,
    )


def is_valid(raw: str) -> bool:
    """True when `raw` normalises to a valid VIN."""
    return check(raw).valid
