"""Numbers as people type them."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialplaybook.numbers import MAX_TYPED_NUMBER, parse_number


@pytest.mark.parametrize("text, expected", [
    ("", None), ("   ", None), ("0", 0), ("12", 12), ("12.5", 12.5), ("2,5", 2.5),
    ("1,200", 1200), ("1 200", 1200), ("1\u00a0200", 1200), ("1'200", 1200),
    ("12,345,678.9", 12345678.9), (" 7 ", 7), ("+3", 3), (".5", 0.5), ("1e3", 1000),
])
def test_accepts_what_people_type(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize("text, fragment", [
    ("abc", "not a number"), ("12x", "not a number"), ("1.2.3", "not a number"),
    ("1,2,3", "not a number"), ("--1", "not a number"), ("nan", "not a number"),
    ("inf", "not a number"), ("-3", "0 or more"), ("1e400", "too large"),
    ("2000000000000", "too large"),
])
def test_refuses_with_a_message(text, fragment):
    with pytest.raises(ValueError, match=fragment):
        parse_number(text)


def test_whole_numbers_and_bounds():
    assert parse_number("4", whole=True) == 4
    with pytest.raises(ValueError, match="whole number"):
        parse_number("2.5", whole=True)
    with pytest.raises(ValueError, match="at most 36"):
        parse_number("37", maximum=36)
    assert parse_number("-4", minimum=None) == -4


@given(st.floats(min_value=0, max_value=MAX_TYPED_NUMBER, allow_nan=False))
def test_a_printed_number_reads_back(value):
    assert math.isclose(parse_number(repr(value)), value)


@given(st.integers(min_value=0, max_value=10**11))
def test_thousands_separators_do_not_change_the_value(value):
    assert parse_number(f"{value:,}") == value
    assert parse_number(f"{value:,}".replace(",", " ")) == value


@given(st.text(max_size=40))
def test_any_text_gives_a_number_none_or_a_value_error(text):
    try:
        result = parse_number(text)
    except ValueError as exc:
        assert str(exc)
        assert "\n" not in str(exc)[:80] or "\n" in text
    else:
        assert result is None or (math.isfinite(result) and 0 <= result <= MAX_TYPED_NUMBER)
