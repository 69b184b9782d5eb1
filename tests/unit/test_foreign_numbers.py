"""The tests' detector of numbers written the English way for a team that writes them
otherwise (tests/foreign_numbers.py): it finds them, and passes the team's own."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialplaybook.rules.numbers import format_rounded
from tests.foreign_numbers import foreign_numbers

AMOUNTS = st.floats(min_value=0, max_value=1e12, allow_nan=False)


@pytest.mark.parametrize("locale", ["de", "nb"])
@given(value=AMOUNTS)
def test_a_number_written_the_teams_way_is_not_foreign(locale, value):
    text = (f"From {format_rounded(value, locale=locale)} to "
            f"{format_rounded(value * 2, locale=locale)}.")
    assert foreign_numbers(text, locale) == []


@pytest.mark.parametrize("locale", ["de", "nb"])
@given(value=AMOUNTS)
def test_the_same_number_written_the_english_way_is_foreign(locale, value):
    english = format_rounded(value, locale="en")  # at most two decimals
    if "." in english or "," in english:  # "12.5", "1,250": not how the team writes them
        assert foreign_numbers(f"It needs {english} h a week.", locale) != []


def test_it_reports_each_foreign_number_with_what_surrounds_it():
    found = foreign_numbers("The platforms need 20.7 h a week; the team has 12,5.", "de")
    assert found == ["The platforms need 20.7 h a week; the team has 12,5."]
    assert len(foreign_numbers("From 1,250 to 2,500.5.", "nb")) == 3
    assert foreign_numbers("seeds 001/002, 0-30 %, 52/12 = 4,33 weeks, 2025-07-24, "
                           "0,005 a month, 1.250.000 EUR.", "de") == []
    with pytest.raises(ValueError):
        foreign_numbers("12.5", "en")
