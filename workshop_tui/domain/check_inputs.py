"""Strict reading of the JSON objects of `workshop-tui check` and `workshop-tui sale-check`.

Pure: the object is already decoded; a bad one raises `InputError` with the field's path
(`history[2].date`, `vehicle.vin`; "" for the object itself) and a problem code, never a
sentence. Optional fields may be absent or null. Unknown fields are refused, so a typo such as
`odometer_replace` never passes unnoticed.

Problem codes: not_object, not_list, not_string, not_integer, not_boolean, not_date, missing,
empty, too_long, out_of_range, unknown_field, unknown_value.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from .models import Reading
from .sale import LEGAL_WARRANTY_MONTHS, Buyer, BuyerKind, CarPass, Sale, SaleVehicle

MAX_KM = 9_999_999
MAX_WARRANTY_MONTHS = 120
MAX_TEXT = 1_000  # a VIN or a Car-Pass ID longer than this is junk, not something to echo back
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_PLAIN_KEY = re.compile(r"[A-Za-z0-9_]{1,40}")

T = TypeVar("T")


class InputError(ValueError):
    """Bad input: `path` names the field, `problem` is one of the module's problem codes."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path or '(input)'}: {problem}")
        self.path = path
        self.problem = problem


@dataclass(frozen=True)
class ReadingCheckRequest:
    """The input of `workshop-tui check`; `today` None means today in Belgium (the caller's clock)."""

    vin: str
    reading: Reading
    today: date | None
    history: tuple[Reading, ...]


def _integer(low: int, high: int) -> Callable[[Any, str], int]:
    """A parser of integers from `low` to `high`; a boolean is not an integer."""

    def parse(value: Any, path: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise InputError(path, "not_integer")
        if not low <= value <= high:
            raise InputError(path, "out_of_range")
        return value

    return parse


_km = _integer(0, MAX_KM)
_months = _integer(0, MAX_WARRANTY_MONTHS)


def _date(value: Any, path: str) -> date:
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise InputError(path, "not_date")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(path, "not_date") from None


def _bool(value: Any, path: str) -> bool:
    if not isinstance(value, bool):
        raise InputError(path, "not_boolean")
    return value


def _text(value: Any, path: str) -> str:
    if not isinstance(value, str):
        raise InputError(path, "not_string")
    if len(value) > MAX_TEXT:
        raise InputError(path, "too_long")
    return value


def _identifier(value: Any, path: str) -> str:
    text = _text(value, path)
    if not text.strip():
        raise InputError(path, "empty")
    return text


def _buyer(value: Any, path: str) -> BuyerKind:
    if not isinstance(value, str):
        raise InputError(path, "not_string")
    try:
        return BuyerKind(value)
    except ValueError:
        raise InputError(path, "unknown_value") from None


def _printable_key(key: str) -> str:
    """An unknown key as it can appear in a one-line message: plain names as they are, anything
    else JSON-quoted in ASCII (control characters escaped) and cut at 40 characters."""
    if _PLAIN_KEY.fullmatch(key):
        return key
    return json.dumps(key if len(key) <= 40 else key[:40] + "...")


class _Object:
    """The fields of one JSON object at `path`, read one by one."""

    def __init__(self, value: Any, path: str, fields: set[str]) -> None:
        if not isinstance(value, dict):
            raise InputError(path, "not_object")
        unknown = sorted(set(value) - fields)
        if unknown:
            raise InputError(self._join(path, _printable_key(unknown[0])), "unknown_field")
        self.value, self.path = value, path

    @staticmethod
    def _join(path: str, key: str) -> str:
        return f"{path}.{key}" if path else key

    def required(self, key: str, parse: Callable[[Any, str], T]) -> T:
        if self.value.get(key) is None:
            raise InputError(self._join(self.path, key), "missing")
        return parse(self.value[key], self._join(self.path, key))

    def optional(self, key: str, parse: Callable[[Any, str], T], default: T) -> T:
        if self.value.get(key) is None:
            return default
        return parse(self.value[key], self._join(self.path, key))


def _history_reading(value: Any, path: str) -> Reading:
    fields = _Object(value, path, {"date", "km", "odometer_replaced"})
    return Reading(
        on=fields.required("date", _date),
        km=fields.required("km", _km),
        odometer_replaced=fields.optional("odometer_replaced", _bool, False),
    )


def _history(value: Any, path: str) -> tuple[Reading, ...]:
    if not isinstance(value, list):
        raise InputError(path, "not_list")
    return tuple(_history_reading(item, f"{path}[{index}]") for index, item in enumerate(value))


def parse_reading_check(obj: Any) -> ReadingCheckRequest:
    """`{"vin", "date", "km", "odometer_replaced"?, "five_digit_odometer"?, "today"?, "history"?}`."""
    fields = _Object(obj, "", {"vin", "date", "km", "odometer_replaced", "five_digit_odometer", "today", "history"})
    vin = fields.required("vin", _text)
    reading = Reading(
        on=fields.required("date", _date),
        km=fields.required("km", _km),
        odometer_replaced=fields.optional("odometer_replaced", _bool, False),
        five_digit_odometer=fields.optional("five_digit_odometer", _bool, False),
    )
    today = fields.optional("today", _date, None)
    return ReadingCheckRequest(vin=vin, reading=reading, today=today, history=fields.optional("history", _history, ()))


def _vehicle(value: Any, path: str) -> SaleVehicle:
    fields = _Object(value, path, {"vin", "displayed_km"})
    return SaleVehicle(vin=fields.required("vin", _text), displayed_km=fields.required("displayed_km", _km))


def _carpass(value: Any, path: str) -> CarPass:
    fields = _Object(value, path, {"id", "issued", "vin", "last_km"})
    return CarPass(
        id=fields.required("id", _identifier),
        issued=fields.required("issued", _date),
        vin=fields.required("vin", _text),
        last_km=fields.required("last_km", _km),
    )


def parse_sale_check(obj: Any) -> Sale:
    """`{"sale_date", "buyer", "vehicle": {"vin", "displayed_km"}, "carpass"?: {...} | null,
    "legal_warranty_months"?}` as a `Sale` holding just these fields (carpass absent: none)."""
    fields = _Object(obj, "", {"sale_date", "buyer", "vehicle", "carpass", "legal_warranty_months"})
    return Sale(
        sale_date=fields.required("sale_date", _date),
        buyer=Buyer(kind=fields.required("buyer", _buyer)),
        vehicle=fields.required("vehicle", _vehicle),
        carpass=fields.optional("carpass", _carpass, None),
        legal_warranty_months=fields.optional("legal_warranty_months", _months, LEGAL_WARRANTY_MONTHS),
    )
