"""Turning what the mechanic typed into values: dates and whole numbers (km and amounts: `domain.typed_numbers`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import TypeVar

from ..domain.typed_numbers import NumberRefused
from ..translations import N_
from ..translations.render import render

Number = TypeVar("Number", int, Decimal)

# What a ParseError says (its `key`: an msgid).
NOT_A_DATE = N_("Not a date: type e.g. 01/03/2019.")
NOT_A_NUMBER = N_("Digits only.")

_DATE_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")


class ParseError(ValueError):
    """The text is not a value of the expected kind; `key` is its msgid."""

    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


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


def parse_typed(parse: Callable[[str], Number], text: str) -> Number | None:
    """`parse` (a `domain.typed_numbers` reader) on `text`; '' -> None; a refusal -> ParseError
    carrying its words in the UI language."""
    if not text.strip():
        return None
    try:
        return parse(text)
    except NumberRefused as refusal:
        raise ParseError(render(refusal.code, refusal.params)) from None
