"""What a Belgian mechanic types for a km reading or an amount, read strictly (issue 9 C).

Understood: thousands grouped by `.`, a space or a no-break space (`1.400`, `1 400`), a decimal
comma (`12,50`), a decimal point when it cannot be a thousands separator (`12.5`), and the euro
written before or after (`€ 99`, `99 €`, `EUR 99`). Everything else is refused with a code,
never changed silently: an exponent (`1e9`), a sign, a digit that is not ASCII (`15²`, `١٢`,
`１２`), an ambiguous `1.40` for km, more than 2 decimals, values out of range.

Pure: `parse_km` and `parse_amount` return the value or raise `NumberRefused(code, params)`.
"""

from __future__ import annotations

import re
from decimal import Decimal

MAX_KM = 9_999_999
FIVE_DIGIT_MAX_KM = 99_999
MAX_AMOUNT = Decimal("1000000.00")  # EUR incl. VAT: above this a key was held down

# Refusal codes; params in the comment.
EMPTY = "NUMBER_EMPTY"
NOT_ASCII_DIGIT = "NUMBER_NOT_ASCII_DIGIT"  # character
EXPONENT = "NUMBER_EXPONENT"
NEGATIVE = "NUMBER_NEGATIVE"
NOT_A_NUMBER = "NUMBER_NOT_A_NUMBER"  # text
AMBIGUOUS_SEPARATOR = "NUMBER_AMBIGUOUS_SEPARATOR"  # text
KM_NOT_WHOLE = "KM_NOT_WHOLE"
TOO_MANY_DECIMALS = "AMOUNT_TOO_MANY_DECIMALS"  # decimals: int
KM_TOO_HIGH = "KM_TOO_HIGH"  # km, limit_km
AMOUNT_TOO_HIGH = "AMOUNT_TOO_HIGH"  # amount, limit
CODES = (
    EMPTY,
    NOT_ASCII_DIGIT,
    EXPONENT,
    NEGATIVE,
    NOT_A_NUMBER,
    AMBIGUOUS_SEPARATOR,
    KM_NOT_WHOLE,
    TOO_MANY_DECIMALS,
    KM_TOO_HIGH,
    AMOUNT_TOO_HIGH,
)

_SPACES = " \u00a0\u202f\u2009"  # space, no-break, narrow no-break, thin
_CURRENCY = re.compile(r"^(?:€|EUR)\s*|\s*(?:€|EUR)$", re.IGNORECASE)
_GROUPED = re.compile(r"[0-9]{1,3}(?:[.][0-9]{3})+|[0-9]{1,3}(?:[ \u00a0\u202f\u2009][0-9]{3})+|[0-9]+")
_MAX_TYPED = 40  # longer than any amount or km: junk, not something to parse


class NumberRefused(ValueError):
    """A typed number refused: `code` is one of CODES, `params` its typed parameters."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def _screen(text: str) -> str:
    """`text` trimmed, after the refusals every kind of number shares."""
    value = text.strip(_SPACES + "\t")
    if not value:
        raise NumberRefused(EMPTY)
    if len(value) > _MAX_TYPED:
        raise NumberRefused(NOT_A_NUMBER, text=value[:_MAX_TYPED] + "…")
    odd = next((ch for ch in value if ch.isdigit() and not ("0" <= ch <= "9")), None)
    if odd is None:
        odd = next((ch for ch in value if ch.isnumeric() and not ch.isdigit()), None)  # ½, Ⅻ
    if odd is not None:
        raise NumberRefused(NOT_ASCII_DIGIT, character=odd)
    if re.search(r"[0-9][eE][+-]?[0-9]", value):
        raise NumberRefused(EXPONENT)
    if value.startswith(("-", "\u2212")):
        raise NumberRefused(NEGATIVE)
    return value


def _whole(value: str, text: str) -> int:
    """A grouped or plain run of digits as an int."""
    if not _GROUPED.fullmatch(value):
        raise NumberRefused(NOT_A_NUMBER, text=text)
    return int(re.sub(r"[^0-9]", "", value))


def parse_km(text: str, *, five_digit_odometer: bool = False) -> int:
    """The km typed: `123456`, `123.456`, `123 456`. A single `.` or `,` followed by other than
    3 digits (`1.40`, `12,5`) is refused: km are whole, and `1.40` could mean 140 or 1,400."""
    value = _screen(text)
    if re.fullmatch(r"[0-9]+[.,][0-9]{1,2}|[0-9]+[.,][0-9]{4,}", value):
        raise NumberRefused(AMBIGUOUS_SEPARATOR if "." in value else KM_NOT_WHOLE, text=value)
    if re.fullmatch(r"[0-9]{1,3},[0-9]{3}", value):  # 1,400: a comma is the Belgian decimal mark
        raise NumberRefused(AMBIGUOUS_SEPARATOR, text=value)
    km = _whole(value, value)
    limit = FIVE_DIGIT_MAX_KM if five_digit_odometer else MAX_KM
    if km > limit:
        raise NumberRefused(KM_TOO_HIGH, km=km, limit_km=limit)
    return km


def parse_amount(text: str, *, limit: Decimal = MAX_AMOUNT) -> Decimal:
    """The amount typed in euros, as a Decimal with 2 decimals: `1.234,50`, `€ 99`, `12.5`."""
    value = _screen(_CURRENCY.sub("", _screen(text)))
    whole, decimals = value, ""
    match = re.fullmatch(r"(.*?)[,]([0-9]*)", value)
    if match:  # a decimal comma, after an optional grouped whole part
        whole, decimals = match.groups()
    elif re.fullmatch(r"[0-9]+[.][0-9]{1,2}|[0-9]+[.][0-9]{4,}", value):  # 12.5: only a decimal point
        whole, decimals = value.split(".")
    if not decimals and match:
        raise NumberRefused(NOT_A_NUMBER, text=value)
    if len(decimals) > 2:
        raise NumberRefused(TOO_MANY_DECIMALS, decimals=len(decimals))
    amount = Decimal(f"{_whole(whole or '0', value)}.{decimals or '0'}").quantize(Decimal("0.01"))
    if amount > limit:
        raise NumberRefused(AMOUNT_TOO_HIGH, amount=amount, limit=limit)
    return amount
