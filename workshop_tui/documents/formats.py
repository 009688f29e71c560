"""What a caller passes to speak the customer's language: its translations and its (Belgian) formats."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Protocol


class Formats(Protocol):
    """Numbers, amounts and dates written the way the customer's language writes them in Belgium."""

    def km(self, value: int) -> str:
        """72000 -> '72 000 km' (fr), '72.000 km' (nl)."""
        ...

    def amount(self, value: Decimal) -> str:
        """Decimal('1234.5') -> '1 234,50 €' (fr), '€ 1.234,50' (nl)."""
        ...

    def date(self, value: date) -> str:
        """A day, dd/mm/yyyy in every language: 02/12/2026."""
        ...

    def number(self, value: int | Decimal) -> str:
        """A number with the language's grouping and decimal marks."""
        ...


class Translations(Protocol):
    """What Jinja2's i18n extension needs: `gettext.NullTranslations` and `babel.support.Translations` fit."""

    def gettext(self, message: str) -> str: ...

    def ngettext(self, singular: str, plural: str, n: int) -> str: ...
