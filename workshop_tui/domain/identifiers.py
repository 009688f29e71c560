"""Belgian company identifiers: enterprise (KBO/BCE) and establishment unit numbers."""

from __future__ import annotations

import re

from stdnum.be import vat as _be_vat

from .findings import Finding, Severity

# The codes of an identifier's errors (blocking findings; `count` is the number of digits typed).
ENTERPRISE_LENGTH = "ENTERPRISE_LENGTH"  # count
ENTERPRISE_START = "ENTERPRISE_START"
ENTERPRISE_CHECK = "ENTERPRISE_CHECK"
ESTABLISHMENT_LENGTH = "ESTABLISHMENT_LENGTH"  # count
ESTABLISHMENT_START = "ESTABLISHMENT_START"
ESTABLISHMENT_CHECK = "ESTABLISHMENT_CHECK"
CODES = (
    ENTERPRISE_LENGTH,
    ENTERPRISE_START,
    ENTERPRISE_CHECK,
    ESTABLISHMENT_LENGTH,
    ESTABLISHMENT_START,
    ESTABLISHMENT_CHECK,
)

_NON_DIGITS = re.compile(r"[^0-9]")


def compact(raw: str) -> str:
    """Digits only, without a leading BE country code: 'BE 0403.170.701' -> '0403170701'."""
    value = raw.strip().upper()
    if value.startswith("BE"):
        value = value[2:]
    return _NON_DIGITS.sub("", value)


def _mod97_ok(digits: str) -> bool:
    return 97 - int(digits[:8]) % 97 == int(digits[8:])


def _error(code: str, **params: object) -> Finding:
    return Finding(code, Severity.BLOCK, None, params)


def enterprise_number_error(raw: str) -> Finding | None:
    """None when `raw` is a valid enterprise (KBO/BCE, also VAT) number, else why not."""
    digits = compact(raw)
    if len(digits) == 9:  # old 9-digit numbers gain a leading zero
        digits = "0" + digits
    if len(digits) != 10:
        return _error(ENTERPRISE_LENGTH, count=len(digits))
    if digits[0] not in "01":
        return _error(ENTERPRISE_START)
    if not _be_vat.is_valid(digits):
        return _error(ENTERPRISE_CHECK)
    return None


def establishment_number_error(raw: str) -> Finding | None:
    """None when `raw` is a valid establishment unit number (10 digits, starting with 2-8)."""
    digits = compact(raw)
    if len(digits) != 10:
        return _error(ESTABLISHMENT_LENGTH, count=len(digits))
    if digits[0] not in "2345678":
        return _error(ESTABLISHMENT_START)
    if not _mod97_ok(digits):
        return _error(ESTABLISHMENT_CHECK)
    return None


def format_enterprise_number(raw: str) -> str:
    """'0403170701' -> '0403.170.701' (the way it is printed on invoices)."""
    d = compact(raw).zfill(10)
    return f"{d[:4]}.{d[4:7]}.{d[7:]}"
