"""Numbers as a team writes them, in each of the plan's number locales."""

import math
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialplaybook.plan.model import NUMBER_LOCALES
from socialplaybook.rules.numbers import (
    MAX_SHOWN_DECIMALS,
    MAX_TYPED_NUMBER,
    format_compact,
    format_number,
    format_rounded,
    parse_number,
)

NBSP, NNBSP, THIN = "\u00a0", "\u202f", "\u2009"


def test_the_plans_locales_are_the_ones_tested_here():
    assert set(NUMBER_LOCALES) == {"en", "de", "nb", "zh", "ka"}


# -- what is accepted, per locale -------------------------------------------------------------

ACCEPTED = {
    "en": [("1,234.5", 1234.5), ("1234.5", 1234.5), ("2,500", 2500), ("2.500", 2.5),
           ("1,234,567.89", 1234567.89), ("1,234", 1234), ("12", 12), (".5", 0.5),
           ("0.25", 0.25), ("1,234.50", 1234.5), ("5.", 5)],
    "de": [("1.234,5", 1234.5), ("1234,5", 1234.5), ("2,500", 2.5), ("2.500", 2500),
           ("1.234.567,89", 1234567.89), ("12,34", 12.34), ("0,25", 0.25), (",5", 0.5),
           ("1.234,50", 1234.5)],
    "nb": [(f"1{NBSP}234,5", 1234.5), ("1 234,5", 1234.5), (f"1{NNBSP}234,5", 1234.5),
           (f"1{THIN}234,5", 1234.5), ("1234,5", 1234.5), ("2,500", 2.5),
           ("1 234 567,89", 1234567.89), (f"1{NBSP}234 567,89", 1234567.89), ("12", 12)],
    "zh": [("1,234.5", 1234.5), ("1234.5", 1234.5), ("2,500", 2500), ("1,234,567.89", 1234567.89)],
    "ka": [(f"1{NBSP}234,5", 1234.5), ("1 234,5", 1234.5), (f"1{NNBSP}234,5", 1234.5),
           ("1234,5", 1234.5), ("2,500", 2.5), ("1 234 567,89", 1234567.89)],
}


@pytest.mark.parametrize("locale, text, expected",
                         [(locale, text, expected) for locale, cases in ACCEPTED.items()
                          for text, expected in cases])
def test_accepts_the_locales_way_of_writing(locale, text, expected):
    assert parse_number(text, locale=locale) == expected


@pytest.mark.parametrize("locale", NUMBER_LOCALES)
@pytest.mark.parametrize("text", ["", "   ", "\t", NBSP])
def test_blank_is_none(locale, text):
    assert parse_number(text, locale=locale) is None


@pytest.mark.parametrize("locale", NUMBER_LOCALES)
def test_signs_and_surrounding_spaces(locale):
    assert parse_number(" 7 ", locale=locale) == 7
    assert parse_number("+3", locale=locale) == 3
    assert parse_number("-3", locale=locale, minimum=None) == -3
    assert parse_number("\u22123", locale=locale, minimum=None) == -3  # the minus sign
    assert parse_number(format_number(-1234.5, locale=locale), locale=locale,
                        minimum=None) == -1234.5
    assert math.copysign(1, parse_number("-0", locale=locale)) == 1  # -0 is 0


def test_the_default_locale_is_english():
    assert parse_number("2,500") == 2500
    assert format_number(2500.5) == "2,500.5"


# -- what is refused, per locale --------------------------------------------------------------

REFUSED = {
    "en": ["1.234,5", "1234,5", "12,34", "1,2,3", "1.2.3", "1,23,456", "1 234", f"1{NBSP}234",
           "1,234.", ",5"],
    "de": ["1,234.5", "1234.5", "1.5", "1.23", "1,2,3", "1.234.5", "1 234", "1.2345"],
    "nb": ["1,234.5", "1.234,5", "2.500", "1234.5", "12 34", "1  234", "1 2345", "1,2,3"],
    "zh": ["1.234,5", "1234,5", "12,34", "1,2,3", f"1{NBSP}234"],
    "ka": ["1,234.5", "1.234,5", "2.500", "1234.5", "12 34", "1,2,3"],
}
NOT_NUMBERS_ANYWHERE = ["abc", "12x", "5oo", "--1", "+-1", "- 3", "1-", "nan", "NaN", "inf",
                        "Infinity", "1e3", "1E+3", "1_000", "0x10", "\u0663", "\uff11\uff12",
                        "½", "1/2", "12%", "$5", "5 €", "'", "-", "+", ",", "."]


@pytest.mark.parametrize("locale, text",
                         [(locale, text) for locale, texts in REFUSED.items() for text in texts]
                         + [(locale, text) for locale in NUMBER_LOCALES
                            for text in NOT_NUMBERS_ANYWHERE])
def test_refuses_what_is_not_a_number_in_the_locale(locale, text):
    with pytest.raises(ValueError, match="is not a number") as caught:
        parse_number(text, locale=locale, minimum=None)
    # the message shows how to write a number there
    assert format_number(1234.5, locale=locale) in str(caught.value)


@pytest.mark.parametrize("locale, example", [
    ("en", "1,234.5"), ("de", "1.234,5"), ("nb", f"1{NBSP}234,5"), ("zh", "1,234.5"),
    ("ka", f"1{NBSP}234,5")])
def test_the_message_shows_the_locales_example(locale, example):
    with pytest.raises(ValueError) as caught:
        parse_number("abc", locale=locale)
    assert str(caught.value) == f"'abc' is not a number (write numbers like {example})."


def test_a_comma_is_the_decimal_sign_where_the_locale_says_so():
    assert parse_number("2,500", locale="en") == 2500
    assert parse_number("2,500", locale="zh") == 2500
    assert parse_number("2,500", locale="de") == 2.5
    assert parse_number("2,500", locale="nb") == 2.5
    assert parse_number("2,500", locale="ka") == 2.5


def test_a_long_text_is_quoted_short_and_on_one_line():
    with pytest.raises(ValueError) as caught:
        parse_number("x" * 200 + "\n" + "y")
    assert "x" * 40 in str(caught.value) and "x" * 41 not in str(caught.value)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("locale, text, limit", [
    ("en", "2,000,000,000,000", "1,000,000,000,000"),
    ("de", "2.000.000.000.000", "1.000.000.000.000"),
    ("nb", "2 000 000 000 000", f"1{NBSP}000{NBSP}000{NBSP}000{NBSP}000"),
    ("zh", "1" + "0" * 400, "1,000,000,000,000"),
    ("ka", "-2000000000000", f"1{NBSP}000{NBSP}000{NBSP}000{NBSP}000"),
])
def test_too_large(locale, text, limit):
    with pytest.raises(ValueError, match="too large") as caught:
        parse_number(text, locale=locale, minimum=None)
    assert f"at most {limit}" in str(caught.value)


def test_the_largest_typed_number_is_accepted():
    assert parse_number("1,000,000,000,000") == MAX_TYPED_NUMBER
    with pytest.raises(ValueError, match="too large"):
        parse_number("1,000,000,000,000.01")


@pytest.mark.parametrize("locale, text, message", [
    ("en", "-3", "Must be 0 or more, not -3."),
    ("de", "-0,5", "Must be 0 or more, not -0,5."),
    ("nb", "\u22121", "Must be 0 or more, not \u22121."),
])
def test_below_the_default_minimum_of_zero(locale, text, message):
    with pytest.raises(ValueError) as caught:
        parse_number(text, locale=locale)
    assert str(caught.value) == message


@pytest.mark.parametrize("locale, minimum, text, shown", [
    ("en", 1.5, "1.4", "1.5"), ("de", 1.5, "1,4", "1,5"), ("nb", 1500, "1 499", f"1{NBSP}500"),
    ("zh", -10, "-11", "-10"), ("ka", 0.25, "0,2", "0,25")])
def test_below_a_given_minimum(locale, minimum, text, shown):
    with pytest.raises(ValueError, match=f"Must be {shown} or more"):
        parse_number(text, locale=locale, minimum=minimum)
    assert parse_number(format_number(minimum, locale=locale), locale=locale,
                        minimum=minimum) == minimum


@pytest.mark.parametrize("locale", NUMBER_LOCALES)
def test_no_minimum_allows_negative_numbers(locale):
    assert parse_number(format_number(-1234567.25, locale=locale), locale=locale,
                        minimum=None) == -1234567.25


@pytest.mark.parametrize("locale, text", [("en", "2.5"), ("de", "2,5"), ("nb", "1 234,5"),
                                          ("zh", "0.1"), ("ka", "3,01")])
def test_whole_numbers(locale, text):
    with pytest.raises(ValueError, match=f"Must be a whole number, not {text}"):
        parse_number(text, locale=locale, whole=True)
    assert parse_number("4", locale=locale, whole=True) == 4
    assert parse_number(format_number(1234, locale=locale), locale=locale, whole=True) == 1234
    assert parse_number(format_number(4.0, locale=locale, decimals=2), locale=locale,
                        whole=True) == 4  # "4.00" is whole


def test_maximum_is_named_in_the_locale():
    with pytest.raises(ValueError, match="at most 36"):
        parse_number("37", maximum=36)
    with pytest.raises(ValueError, match="at most 1.000,5"):
        parse_number("1.001", locale="de", maximum=1000.5)


def test_unknown_locale_is_a_programming_error():
    with pytest.raises(ValueError, match="unknown number locale"):
        parse_number("1", locale="xx-nowhere")
    with pytest.raises(ValueError, match="unknown number locale"):
        format_number(1, locale="xx-nowhere")


# -- format_number ----------------------------------------------------------------------------

@pytest.mark.parametrize("locale, value, text", [
    ("en", 1234567.5, "1,234,567.5"), ("de", 1234567.5, "1.234.567,5"),
    ("nb", 1234567.5, f"1{NBSP}234{NBSP}567,5"), ("zh", 1234567.5, "1,234,567.5"),
    ("ka", 1234567.5, f"1{NBSP}234{NBSP}567,5"),
    ("en", 1e12, "1,000,000,000,000"), ("de", 0.1, "0,1"), ("en", 2.0, "2"), ("en", 2, "2"),
    ("en", 0.000001, "0.000001"), ("en", 1 / 3, "0.333333"), ("en", 0.0000004, "0"),
    ("en", -0.0, "0"), ("de", -0.0000001, "0"), ("en", -1234.5, "-1,234.5"),
    ("en", 1e16, "10,000,000,000,000,000"), ("en", 10**20, "100,000,000,000,000,000,000"),
    ("en", 1234567.123456, "1,234,567.123456"), ("en", None, ""),
])
def test_format_number(locale, value, text):
    assert format_number(value, locale=locale) == text


@pytest.mark.parametrize("locale, value, decimals, text", [
    ("en", 1234.5, 2, "1,234.50"), ("de", 1234.5, 2, "1.234,50"), ("en", 1234.5, 0, "1,234"),
    ("en", 1235.5, 0, "1,236"), ("nb", 0.125, 2, "0,12"), ("en", -0.001, 2, "0.00"),
    ("zh", 7, 1, "7.0"),
])
def test_format_number_with_fixed_decimals(locale, value, decimals, text):
    assert format_number(value, locale=locale, decimals=decimals) == text


@pytest.mark.parametrize("value", [math.inf, -math.inf, math.nan, True])
def test_format_number_refuses_what_is_not_a_number(value):
    with pytest.raises(ValueError):
        format_number(value)
    with pytest.raises(ValueError):
        format_number(1, decimals=-1)


def test_a_shown_number_reloads_to_the_stored_number():
    # the bug this module fixes: 1234567.5 shown as "1.23457e+06", stored back as 1234570
    for locale in NUMBER_LOCALES:
        shown = format_number(1234567.5, locale=locale)
        assert "e" not in shown.lower()
        assert parse_number(shown, locale=locale) == 1234567.5


# -- properties -------------------------------------------------------------------------------

CENTS_BELOW_A_BILLION = st.integers(min_value=0, max_value=10**11 - 1)
locales = st.sampled_from(NUMBER_LOCALES)


def _from_cents(cents: int) -> float:
    return float(Decimal(cents) / 100)


@given(CENTS_BELOW_A_BILLION, locales)
def test_every_number_with_two_decimals_reads_back_exactly(cents, locale):
    value = _from_cents(cents)
    assert parse_number(format_number(value, locale=locale), locale=locale) == value


@given(st.integers(min_value=-(10**11) + 1, max_value=10**11 - 1), locales)
def test_negative_numbers_read_back_exactly_without_a_minimum(cents, locale):
    value = _from_cents(cents)
    assert parse_number(format_number(value, locale=locale), locale=locale, minimum=None) == value


@given(st.integers(min_value=0, max_value=int(MAX_TYPED_NUMBER)), locales)
def test_every_whole_number_up_to_the_maximum_reads_back_exactly(value, locale):
    assert parse_number(format_number(value, locale=locale), locale=locale, whole=True) == value
    assert parse_number(format_number(float(value), locale=locale), locale=locale) == value


@given(st.integers(min_value=0, max_value=10**12 - 1),
       st.integers(min_value=0, max_value=MAX_SHOWN_DECIMALS), locales)
def test_numbers_with_up_to_six_decimals_read_back_exactly(digits, places, locale):
    value = float(Decimal(digits).scaleb(-places))
    if value <= MAX_TYPED_NUMBER:
        assert parse_number(format_number(value, locale=locale), locale=locale) == value


@given(CENTS_BELOW_A_BILLION, locales)
def test_the_plain_form_without_grouping_reads_back(cents, locale):
    value = _from_cents(cents)
    plain = format_number(value, locale=locale)
    for space in (NBSP, " "):
        plain = plain.replace(space, "")
    plain = plain.replace(".", "") if locale == "de" else plain.replace(",", "") \
        if locale in ("en", "zh") else plain
    assert parse_number(plain, locale=locale) == value


@given(st.text(max_size=40), locales,
       st.sampled_from([0, None, -5.5]), st.booleans())
def test_any_text_gives_a_number_none_or_a_value_error(text, locale, minimum, whole):
    try:
        result = parse_number(text, locale=locale, minimum=minimum, whole=whole)
    except ValueError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert result is None or (math.isfinite(result) and abs(result) <= MAX_TYPED_NUMBER)
        if result is not None and minimum is not None:
            assert result >= minimum


@given(st.text(alphabet="0123456789,. \u00a0\u202f+-\u2212", max_size=20), locales)
def test_text_made_of_number_characters_never_raises_anything_else(text, locale):
    try:
        result = parse_number(text, locale=locale, minimum=None)
    except ValueError:
        return
    if result is not None:  # whatever was accepted is shown back as the same number
        assert parse_number(format_number(result, locale=locale), locale=locale,
                            minimum=None) == pytest.approx(result, rel=1e-12, abs=1e-6)


@pytest.mark.parametrize(("locale", "value", "shown"), [
    ("en", 1_234_567, "1.2M"), ("de", 1_234_567, "1,2\xa0Mio."), ("zh", 1_234_567, "123.5万"),
    ("de", 12_500, "12.500"), ("nb", 12_500, "12,5k"), ("en", 950, "950"), ("de", 0.5, "0,5"),
])
def test_a_compact_number_for_an_axis_is_written_the_teams_way(locale, value, shown):
    assert format_compact(value, locale=locale) == shown


def test_a_rounded_number_in_a_sentence_follows_the_locale():
    assert format_rounded(1234.567, locale="de") == "1.234,57"
    assert format_rounded(2.0, locale="nb") == "2"
    assert format_rounded(float("nan")) == "–"
