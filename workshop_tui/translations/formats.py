"""Numbers, kilometres, amounts, dates and lists the way each language writes them in Belgium.

From CLDR via Babel: fr_BE, nl_BE, and en_GB for English; dates are dd/mm/yyyy in all three.
The formats import Babel in one place, `load_babel`, on its first call: the app's, in a thread once
the first screen is drawn, or with the first value formatted. 5 ms the first frame, which formats
none, does not wait for.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from typing import Literal

LOCALES = {"fr": "fr_BE", "nl": "nl_BE", "en": "en_GB"}
# The VIN decoder's English country names that CLDR spells otherwise.
_COUNTRY_ALIASES = {
    "Bosnia & Herzogovina": "BA",
    "Czech Republic": "CZ",
    "Dom. Republic": "DO",
    "Hong Kong": "HK",
    "Ivory Coast": "CI",
    "Macedonia": "MK",
    "Myanmar": "MM",
    "Turkey": "TR",
}


@dataclass(frozen=True)
class Formats:
    """The formats of one language: `formats("nl").date(d)` -> '02/12/2026'."""

    language: str

    @property
    def locale(self) -> str:
        return LOCALES[self.language]

    def number(self, value: int | Decimal) -> str:
        """72000 -> '72 000' (fr), '72.000' (nl), '72,000' (en)."""
        return load_babel().format_decimal(value, locale=self.locale)

    def decimal(self, value: Decimal) -> str:
        """Two decimals without a currency: Decimal('125') -> '125,00' (fr, nl), '125.00' (en)."""
        return load_babel().format_decimal(value, format="#,##0.00", locale=self.locale)

    def km(self, value: int) -> str:
        return f"{self.number(value)} km"

    def amount(self, value: Decimal) -> str:
        """Decimal('1234.5') -> '1 234,50 €' (fr), '€ 1.234,50' (nl), '€1,234.50' (en)."""
        return load_babel().format_currency(value, "EUR", locale=self.locale)

    def date(self, value: date) -> str:
        """The same in every language: `day_text`."""
        return day_text(value)

    def datetime(self, value: datetime) -> str:
        """The local date and time: '02/12/2026 14:05'."""
        local = value.astimezone()
        return f"{self.date(local)} {load_babel().format_time(local, 'short', locale=self.locale)}"

    def country(self, english_name: str) -> str:
        """A country the VIN decoder names in English, in this language: 'Germany' -> 'Allemagne'
        (fr), 'Duitsland' (nl); a name CLDR does not know is kept as it is."""
        code = _country_codes().get(english_name) or _COUNTRY_ALIASES.get(english_name)
        return load_babel().parse_locale(self.locale).territories.get(code, english_name) if code else english_name

    def list(self, items: Iterable[str], style: Literal["standard", "or"] = "standard") -> str:
        """'a, b et c' (fr), 'a, b en c' (nl), 'a, b and c' (en); style "or" for alternatives."""
        return load_babel().format_list(list(items), style=style, locale=self.locale)


def day_text(value: date) -> str:
    """dd/mm/yyyy, as the date fields ask it typed and Belgian forms write it, in every language:
    '02/12/2026' (CLDR's nl_BE would write 2/12/2026)."""
    return f"{value:%d/%m/%Y}"


@cache
def _country_codes() -> dict[str, str]:
    """CLDR's English country names -> ISO codes."""
    return {name: code for code, name in load_babel().parse_locale("en").territories.items() if code.isalpha()}


@cache
def load_babel() -> Babel:
    """What the formats use of Babel (dates, lists, numbers), imported on the first call."""
    return Babel()


class Babel:
    """Babel's functions the formats call, imported when made. Functions rather than modules:
    mypy types a module held in a value as a mere `ModuleType`, and would not check the calls."""

    def __init__(self) -> None:
        from babel import Locale
        from babel.dates import format_time
        from babel.lists import format_list
        from babel.numbers import format_currency, format_decimal

        self.format_decimal = format_decimal
        self.format_currency = format_currency
        self.format_time = format_time
        self.format_list = format_list
        self.parse_locale = Locale.parse


@cache
def formats(language: str) -> Formats:
    return Formats(language)
