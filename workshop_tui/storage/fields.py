"""Column types that behave the same on SQLite and PostgreSQL: money, UTC instants, JSON."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal

from peewee import DateTimeField, DecimalField, TextField

from .errors import InvalidValue

CENT = Decimal("0.01")
MONEY_DIGITS = 12  # up to 9 999 999 999.99 euros


class MoneyField(DecimalField):
    """Euros and cents as an exact Decimal, both ways; floats and sub-cent amounts are refused.

    SQLite keeps NUMERIC columns as 64-bit floats, exact to 15 significant digits; twelve
    digits quantised back to cents therefore read back exactly what was written.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, max_digits=MONEY_DIGITS, decimal_places=2, auto_round=False, **kwargs)

    def db_value(self, value):
        if value is None:
            return None
        if not isinstance(value, Decimal):
            raise InvalidValue(f"amounts are stored as Decimal, not {type(value).__name__} ({value!r})", self.name)
        if value != value.quantize(CENT) or abs(value) >= Decimal(10) ** (MONEY_DIGITS - 2):
            raise InvalidValue(f"{value} is not an amount in euros and cents", self.name)
        return value.quantize(CENT)

    def python_value(self, value):
        if value is None:
            return None
        return Decimal(str(value)).quantize(CENT)


class UtcDateTimeField(DateTimeField):
    """An instant: timezone-aware datetimes in, stored as naive UTC, aware UTC datetimes out."""

    def db_value(self, value):
        if value is None:
            return None
        if value.utcoffset() is None:
            raise InvalidValue(
                f"{self.name}: {value} has no time zone; pass an aware datetime such as datetime.now(UTC)",
                self.name,
            )
        return value.astimezone(UTC).replace(tzinfo=None)

    def python_value(self, value):
        value = super().python_value(value)
        return value.replace(tzinfo=UTC) if isinstance(value, datetime) else value


class JsonField(TextField):
    """Any JSON value, kept as text so both databases store it alike."""

    def db_value(self, value):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    def python_value(self, value):
        return None if value is None else json.loads(value)
