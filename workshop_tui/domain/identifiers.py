"""Company identifiers: Belgian enterprise (KBO/BCE) and establishment unit numbers, and the VAT
numbers of customers registered in another EU member state.

python-stdnum is imported where a number is checked, not with this module: its import costs some
20 ms (its util imports pydoc), which the first frame of the terminal would wait for.
"""

from __future__ import annotations

import re
from functools import cache

from .findings import Finding, Severity

# The codes of an identifier's errors (blocking findings; `count` is the number of digits typed).
ENTERPRISE_LENGTH = "ENTERPRISE_LENGTH"  # count
ENTERPRISE_START = "ENTERPRISE_START"
ENTERPRISE_CHECK = "ENTERPRISE_CHECK"
ESTABLISHMENT_LENGTH = "ESTABLISHMENT_LENGTH"  # count
ESTABLISHMENT_START = "ESTABLISHMENT_START"
ESTABLISHMENT_CHECK = "ESTABLISHMENT_CHECK"
VAT_COUNTRY = "VAT_COUNTRY"  # country: the prefix is no EU member state's
VAT_CHECK = "VAT_CHECK"  # country: the number fails that member state's format or check digits
CODES = (
    VAT_COUNTRY,
    VAT_CHECK,
    ENTERPRISE_LENGTH,
    ENTERPRISE_START,
    ENTERPRISE_CHECK,
    ESTABLISHMENT_LENGTH,
    ESTABLISHMENT_START,
    ESTABLISHMENT_CHECK,
)

_NON_DIGITS = re.compile(r"[^0-9]")
_NOT_ALPHANUMERIC = re.compile(r"[^0-9A-Za-z]")
_COUNTRY_PREFIX = re.compile(r"\s*([A-Za-z]{2})")


@cache
def eu_vat_prefixes() -> frozenset[str]:
    """Member-state prefixes of EU VAT numbers (Greece writes EL, Northern Ireland XI), Belgium aside."""
    from stdnum.eu import vat

    return frozenset({c.upper() for c in vat.MEMBER_STATES} - {"GR", "BE"} | {"EL"})


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
    from stdnum.be import vat

    if not vat.is_valid(digits):
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


def vat_country(raw: str) -> str | None:
    """The two-letter prefix of a VAT number as typed, upper case, or None (digits only: Belgian)."""
    match = _COUNTRY_PREFIX.match(raw)
    return match.group(1).upper() if match else None


def customer_vat_error(raw: str) -> Finding | None:
    """None when `raw` is a valid Belgian enterprise number (with or without BE) or the valid VAT
    number of another EU member state (python-stdnum's checks), else why not."""
    country = vat_country(raw)
    if country in (None, "BE"):
        return enterprise_number_error(raw)
    if country not in eu_vat_prefixes():
        return _error(VAT_COUNTRY, country=country)
    from stdnum.eu import vat

    if not vat.is_valid(raw):
        return _error(VAT_CHECK, country=country)
    return None


def compact_customer_vat(raw: str) -> str:
    """A checked customer VAT number as stored: Belgian as 10 digits, foreign with its prefix
    ('nl 8043.26.591 b01' -> 'NL804326591B01')."""
    country = vat_country(raw)
    if country in (None, "BE"):
        return compact(raw).zfill(10)
    return _NOT_ALPHANUMERIC.sub("", raw).upper()
