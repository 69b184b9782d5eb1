"""NumberField: typed text in, the last valid number out, problems shown at the field."""

import pytest

from socialplaybook.plan.model import NUMBER_LOCALES
from widgets.kit.fields import NumberField

NBSP = "\u00a0"


def changes_of(field):
    seen = []
    field.observe(lambda change: seen.append(change["new"]), names="value")
    return seen


def test_typing_a_number_sets_the_value():
    field = NumberField("target")
    seen = changes_of(field)
    field.text.value = "1,000"
    assert field.value == 1000
    assert field.message == ""
    assert seen == [1000]


def test_blank_is_none():
    field = NumberField(value=5)
    field.text.value = "  "
    assert field.value is None
    assert field.message == ""


def test_a_stored_number_is_shown_grouped_and_reloads_exactly():
    field = NumberField(value=1234567.5, locale="de")
    assert field.text.value == "1.234.567,5"
    seen = changes_of(field)
    field.text.value = field.text.value  # touched, not changed
    field.text.value = "1.234.567,5 "
    assert field.value == 1234567.5
    assert seen == []  # the same number: nothing to save


@pytest.mark.parametrize("locale, shown", [
    ("en", "1,234,567.5"), ("de", "1.234.567,5"), ("nb", f"1{NBSP}234{NBSP}567,5"),
    ("zh", "1,234,567.5"), ("ka", f"1{NBSP}234{NBSP}567,5")])
def test_shown_in_each_locale(locale, shown):
    field = NumberField(value=1234567.5, locale=locale)
    assert field.text.value == shown
    assert field.locale == locale
    field.text.value = "7"
    field.text.value = shown
    assert field.value == 1234567.5


def test_a_comma_is_a_decimal_sign_in_norwegian():
    field = NumberField(locale="nb")
    field.text.value = "2,500"
    assert field.value == 2.5
    field.text.value = "1 234,5"  # a normal space groups as well as a no-break one
    assert field.value == 1234.5


def test_bad_text_keeps_the_last_valid_value_and_says_why():
    field = NumberField(value=500)
    seen = changes_of(field)
    field.text.value = "5oo"
    assert field.value == 500
    assert 'class="sp-field-error"' in field.message
    assert "is not a number" in field.message
    assert seen == []
    field.text.value = "-5"
    assert field.value == 500
    assert "0 or more" in field.message
    field.text.value = "50"
    assert field.value == 50
    assert field.message == ""
    assert seen == [50]


def test_ambiguous_grouping_is_refused_not_guessed():
    field = NumberField(value=1)
    field.text.value = "12,34"
    assert field.value == 1
    assert "write numbers like 1,234.5" in field.message


def test_typed_html_is_escaped_in_the_message():
    field = NumberField(value=3)
    field.text.value = "<img src=x onerror=alert(1)>"
    assert "<img" not in field.message
    assert "&lt;img src=x onerror=alert(1)&gt;" in field.message
    assert field.value == 3


def test_limits_and_whole_numbers():
    field = NumberField(value=2, minimum=1, maximum=36, whole=True)
    field.text.value = "37"
    assert "at most 36" in field.message and field.value == 2
    field.text.value = "0"
    assert "1 or more" in field.message and field.value == 2
    field.text.value = "2.5"
    assert "whole number" in field.message and field.value == 2
    field.text.value = "12"
    assert field.value == 12 and isinstance(field.value, int)
    assert field.message == ""


def test_no_minimum_allows_negative_numbers():
    field = NumberField(minimum=None, locale="de")
    field.text.value = "-1.234,5"
    assert field.value == -1234.5


def test_set_quietly_shows_the_value_without_a_change_event():
    field = NumberField(value=1, locale="de")
    seen = changes_of(field)
    field.text.value = "abc"  # a message is showing
    field.set_quietly(2500.75)
    assert field.value == 2500.75
    assert field.text.value == "2.500,75"
    assert field.message == ""
    assert seen == []
    field.set_quietly(None)
    assert field.value is None and field.text.value == ""
    assert seen == []
    field.text.value = "3"  # typing still counts
    assert seen == [3]


def test_set_locale_reshows_the_value():
    field = NumberField(value=1234567.5)
    seen = changes_of(field)
    field.set_locale("de")
    assert field.text.value == "1.234.567,5"
    assert field.locale == "de"
    field.text.value = "2,500"
    assert field.value == 2.5
    field.set_locale("nb")
    assert field.text.value == "2,5"
    assert seen == [2.5]


def test_set_locale_replaces_bad_text_with_the_last_valid_value():
    field = NumberField(value=12.5, locale="en")
    field.text.value = "12,5"
    assert field.message and field.value == 12.5
    field.set_locale("de")
    assert field.text.value == "12,5"
    assert field.message == ""
    assert field.value == 12.5


def test_unknown_locale_is_refused():
    with pytest.raises(ValueError):
        NumberField(locale="xx-nowhere")
    field = NumberField(value=1)
    with pytest.raises(ValueError):
        field.set_locale("xx-nowhere")
    assert field.locale == "en" and field.text.value == "1"


def test_whole_field_stores_whole_numbers():
    field = NumberField(value=4.0, whole=True)
    assert field.value == 4 and isinstance(field.value, int)
    assert field.text.value == "4"


@pytest.mark.parametrize("locale", NUMBER_LOCALES)
@pytest.mark.parametrize("stored", [0.01, 0.1, 12.5, 999_999_999.99, 123_456_789.01, 1e12])
def test_what_is_shown_reloads_to_what_is_stored(locale, stored):
    field = NumberField(value=stored, locale=locale)
    shown = field.text.value
    field.text.value = ""
    field.text.value = shown
    assert field.value == stored
    assert field.message == ""


def test_layout_and_description():
    field = NumberField("months", 6, width="110px", description="Horizon")
    assert field.text.placeholder == "months"
    assert field.text.description == "Horizon"
    assert field.layout.width == "110px"
    assert "sp-number" in field._dom_classes
