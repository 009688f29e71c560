"""A small Babel-backed `Formats` for the tests (the app's own comes from workshop_tui.translations)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, get_decimal_symbol

LOCALES = {"fr": "fr_BE", "nl": "nl_BE", "en": "en_BE"}


class BabelFormats:
    def __init__(self, language: str):
        self.locale = Locale.parse(LOCALES[language])
        self.decimal_separator = get_decimal_symbol(self.locale)

    def number(self, value: int | Decimal) -> str:
        return format_decimal(value, locale=self.locale)

    def km(self, value: int) -> str:
        return f"{self.number(value)} km"

    def amount(self, value: Decimal) -> str:
        return format_currency(value, "EUR", locale=self.locale)

    def date(self, value: date) -> str:
        return format_date(value, format="dd/MM/yyyy", locale=self.locale)
