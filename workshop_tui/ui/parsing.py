"""Turning what the mechanic typed into values: amounts with comma or dot, kilometres, dates."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

from ..translations import N_

_CURRENCY = re.compile(r"[\s€]|EUR", re.IGNORECASE)

# What a ParseError says (its `key`: an msgid).
NOT_AN_AMOUNT = N_("Not an amount: type e.g. 125,50 or 125.50.")
NOT_KM = N_("Digits only, in km.")
NOT_A_DATE = N_("Not a date: type e.g. 01/03/2019.")
NOT_A_NUMBER = N_("Digits only.")

_DATE_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")


class ParseError(ValueError):
    """The text is not a value of the expected kind; `key` is its msgid."""

    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def parse_amount(text: str) -> Decimal | None:
    """'125', '125,5', '1.234,56', '1,234.56', '€ 89' -> Decimal with cents; '' -> None.

    When both separators occur, the last one is the decimal mark. A lone separator followed by
    exactly three digits groups thousands ('1.250' is 1250): amounts never have three decimals.
    """
    compact = _CURRENCY.sub("", text)
    if not compact:
        return None
    if not re.fullmatch(r"\d[\d.,]*", compact):
        raise ParseError(NOT_AN_AMOUNT)
    whole, decimals, grouping = compact, "", ""
    last = max(compact.rfind("."), compact.rfind(","))
    if last >= 0:
        mark, tail = compact[last], compact[last + 1 :]
        other = "," if mark == "." else "."
        if other not in compact and (compact.count(mark) > 1 or len(tail) == 3):
            grouping = mark
        else:
            whole, decimals, grouping = compact[:last], tail, other
            if len(decimals) > 2:
                raise ParseError(NOT_AN_AMOUNT)
    groups = whole.split(grouping) if grouping else [whole]
    if (
        not all(g.isdigit() for g in groups)
        or any(len(g) != 3 for g in groups[1:])
        or (len(groups) > 1 and len(groups[0]) > 3)
    ):
        raise ParseError(NOT_AN_AMOUNT)
    return Decimal(f"{''.join(groups)}.{decimals or '0'}").quantize(Decimal("0.01"))


def parse_km(text: str) -> int | None:
    """Digits, optionally grouped by spaces or dots: '72 000' -> 72000; '' -> None."""
    compact = re.sub(r"[\s.]", "", text)
    if not compact:
        return None
    if not compact.isdigit():
        raise ParseError(NOT_KM)
    return int(compact)


def parse_date(text: str) -> date | None:
    """'2019-03-01' or '01/03/2019' (day first, as in Belgium); '' -> None."""
    text = text.strip()
    if not text:
        return None
    if match := _DATE_DMY.match(text):
        day, month, year = (int(g) for g in match.groups())
        try:
            return date(year, month, day)
        except ValueError as exc:
            raise ParseError(NOT_A_DATE) from exc
    try:
        return datetime.strptime(text, "%Y-%m-%d").date()
    except ValueError as exc:
        raise ParseError(NOT_A_DATE) from exc


def parse_int(text: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not text.isdigit():
        raise ParseError(NOT_A_NUMBER)
    return int(text)
