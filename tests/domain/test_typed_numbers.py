"""Belgian typing of km and amounts: understood, or refused with a code, never changed silently."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workshop_tui.domain import typed_numbers as tn
from workshop_tui.domain.typed_numbers import NumberRefused, parse_amount, parse_km


@pytest.mark.parametrize(
    "text, km",
    [("1400", 1400), ("1.400", 1400), ("1 400", 1400), ("1\u00a0400", 1400), ("1\u202f400", 1400),
     (" 123.456 ", 123456), ("9.999.999", 9_999_999), ("0", 0)],
)  # fmt: skip
def test_km_understood(text, km):
    assert parse_km(text) == km


@pytest.mark.parametrize(
    "text, amount",
    [("12,50", "12.50"), ("€ 99", "99.00"), ("99 €", "99.00"), ("EUR 99", "99.00"), ("eur 99,9", "99.90"),
     ("1.234,56", "1234.56"), ("1 234,5", "1234.50"), ("12.5", "12.50"), ("12.50", "12.50"), ("1.250", "1250.00"),
     ("€1\u00a0000\u00a0000", "1000000.00"), (",50", "0.50")],
)  # fmt: skip
def test_amount_understood(text, amount):
    assert parse_amount(text) == Decimal(amount)


@pytest.mark.parametrize(
    "parse, text, code",
    [
        (parse_km, "", tn.EMPTY),
        (parse_km, "1e9", tn.EXPONENT),
        (parse_amount, "1e9", tn.EXPONENT),
        (parse_amount, "1E+3", tn.EXPONENT),
        (parse_km, "15²", tn.NOT_ASCII_DIGIT),
        (parse_amount, "15²", tn.NOT_ASCII_DIGIT),
        (parse_km, "١٢٣", tn.NOT_ASCII_DIGIT),  # Arabic-Indic
        (parse_km, "１２３", tn.NOT_ASCII_DIGIT),  # fullwidth
        (parse_amount, "½", tn.NOT_ASCII_DIGIT),
        (parse_km, "1.40", tn.AMBIGUOUS_SEPARATOR),
        (parse_km, "1,400", tn.AMBIGUOUS_SEPARATOR),
        (parse_km, "12,5", tn.KM_NOT_WHOLE),
        (parse_amount, "12,555", tn.TOO_MANY_DECIMALS),
        (parse_amount, "1.2345", tn.TOO_MANY_DECIMALS),
        (parse_km, "-5", tn.NEGATIVE),
        (parse_amount, "€ -5", tn.NEGATIVE),
        (parse_amount, "\u22125", tn.NEGATIVE),
        (parse_km, "10.000.000", tn.KM_TOO_HIGH),
        (parse_amount, "1.000.000,01", tn.AMOUNT_TOO_HIGH),
        (parse_km, "12.34.567", tn.NOT_A_NUMBER),
        (parse_km, "1 2 3", tn.NOT_A_NUMBER),
        (parse_amount, "1 000.000", tn.NOT_A_NUMBER),  # mixed grouping
        (parse_amount, "12,", tn.NOT_A_NUMBER),
        (parse_amount, "abc", tn.NOT_A_NUMBER),
        (parse_amount, "9" * 100, tn.NOT_A_NUMBER),
        (parse_amount, "€", tn.EMPTY),
    ],
)
def test_refused_with_a_code(parse, text, code):
    with pytest.raises(NumberRefused) as refused:
        parse(text)
    assert refused.value.code == code


def test_five_digit_odometer_limit():
    assert parse_km("99.999", five_digit_odometer=True) == 99_999
    with pytest.raises(NumberRefused) as refused:
        parse_km("100.000", five_digit_odometer=True)
    assert (refused.value.code, refused.value.params) == (tn.KM_TOO_HIGH, {"km": 100_000, "limit_km": 99_999})


@given(st.integers(0, tn.MAX_KM))
def test_any_km_written_plain_or_grouped_reads_back(km):
    grouped = f"{km:,}"
    assert parse_km(str(km)) == km
    assert parse_km(grouped.replace(",", ".")) == km
    assert parse_km(grouped.replace(",", "\u00a0")) == km


@given(st.decimals(0, tn.MAX_AMOUNT, places=2))
def test_any_amount_written_the_belgian_way_reads_back(amount):
    belgian = f"{amount:,.2f}".replace(",", " ").replace(".", ",")
    assert parse_amount(belgian) == amount
    assert parse_amount(f"€ {belgian}") == amount
    assert parse_amount(f"{amount:.2f}") == amount


@given(st.text(max_size=20))
def test_anything_typed_is_a_value_in_range_or_a_refusal_code(text):
    for parse, high in ((parse_km, tn.MAX_KM), (parse_amount, tn.MAX_AMOUNT)):
        try:
            value = parse(text)
        except NumberRefused as refused:
            assert refused.code in tn.CODES
        else:
            assert 0 <= value <= high
            assert not any(ch.isdigit() and not "0" <= ch <= "9" for ch in text)


@pytest.mark.parametrize("code", [*tn.CODES, "SEARCH_TOO_LONG", "SEARCH_CONTROL_CHARACTER", "VAT_COUNTRY", "VAT_CHECK"])
def test_every_refusal_has_a_sentence_in_three_languages(code):
    from workshop_tui.translations import translations
    from workshop_tui.translations.render import TEMPLATES

    assert all(translations(lang).gettext(TEMPLATES[code]) != TEMPLATES[code] for lang in ("fr", "nl"))
