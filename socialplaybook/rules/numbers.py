"""Numbers as a team writes them: "1,234.5" (en, zh), "1.234,5" (de), "1 234,5" (nb, ka).

``parse_number`` reads what a person typed in the team's number locale and
``format_number`` writes a stored number back the same way, so what a field shows reloads
to exactly the number stored. Both rest on Babel (CLDR): the locale decides the grouping
and decimal signs. In de, nb and ka a comma is the decimal sign, so "2,500" is 2.5 there
and 2500 in en and zh; grouping that does not fit the locale ("12,34" in en) is refused
with a message rather than guessed.
"""

from __future__ import annotations

import copy
import decimal
import math
import re
from decimal import Decimal
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.numbers import (
    NumberFormatError,
    NumberPattern,
    format_compact_decimal,
    parse_decimal,
)

from socialplaybook.rules.i18n import _

MAX_TYPED_NUMBER = 1e12
# Decimals a field shows at most (a stored number with more is shown rounded).
MAX_SHOWN_DECIMALS = 6

# Spaces people type between groups of digits: normal, no-break, narrow no-break, thin.
_SPACES = " \u00a0\u202f\u2009"
_MINUS_SIGNS = "-\u2212"  # hyphen-minus and the minus sign (CLDR's for nb)
_PLUS_SIGNS = "+"
_EXAMPLE = 1234.5  # how the messages show a locale's way of writing numbers


class _Symbols:
    """A locale's grouping and decimal signs, and the characters a number may hold."""

    def __init__(self, locale: str) -> None:
        try:
            parsed = Locale.parse(locale)
        except (UnknownLocaleError, ValueError, TypeError) as exc:
            raise ValueError(f"unknown number locale {locale!r}") from exc
        symbols = parsed.number_symbols["latn"]
        self.locale = parsed
        self.group: str = symbols["group"]
        self.decimal: str = symbols["decimal"]
        self.groups_with_space = self.group in _SPACES
        allowed = re.escape(self.group + self.decimal)
        self.body = re.compile(rf"[0-9{allowed}]*[0-9][0-9{allowed}]*")


@lru_cache(maxsize=32)
def _symbols(locale: str) -> _Symbols:
    return _Symbols(locale)


def _shown(text: str) -> str:
    """What was typed, as a message quotes it (one line, at most 40 characters)."""
    return " ".join(text.split())[:40]


def _not_a_number(text: str, locale: str) -> ValueError:
    return ValueError(_("'{text}' is not a number (write numbers like {example}).").format(
        text=_shown(text), example=format_number(_EXAMPLE, locale=locale)))


def parse_number(text: str, *, locale: str = "en", minimum: float | None = 0,
                 maximum: float = MAX_TYPED_NUMBER, whole: bool = False) -> float | None:
    """The number in ``text`` as written in ``locale``, or None when it is blank.

    Accepts the locale's grouping and decimal signs ("1,234.5" in en and zh, "1.234,5" in
    de, "1 234,5" in nb and ka, with a normal or no-break space) and the plain form
    without grouping ("1234.5" in en, "1234,5" in de, nb and ka), with a leading minus or
    plus. Grouping is checked strictly: "12,34" in en is refused, not guessed.
    ``minimum`` (None for no lower bound) and ``maximum`` bound the value; ``whole`` asks
    for a whole number. Raises ValueError with a message for a person otherwise.
    """
    stripped = text.strip()
    if not stripped:
        return None
    symbols = _symbols(locale)
    body = stripped
    negative = False
    if body[0] in _MINUS_SIGNS + _PLUS_SIGNS:
        negative = body[0] in _MINUS_SIGNS
        body = body[1:]
    if symbols.groups_with_space:  # any kind of space stands for the locale's own
        body = re.sub(f"[{_SPACES}]", symbols.group, body)
    if not symbols.body.fullmatch(body):
        raise _not_a_number(stripped, locale)
    try:
        number = parse_decimal(body, locale=symbols.locale, strict=True)
    except (NumberFormatError, decimal.InvalidOperation) as exc:
        raise _not_a_number(stripped, locale) from exc
    if not number.is_finite():
        raise _not_a_number(stripped, locale)
    if negative:
        number = number.copy_negate()
    if abs(number) > Decimal(repr(float(maximum))):
        raise ValueError(_("{text} is too large (at most {max}).").format(
            text=_shown(stripped), max=format_number(maximum, locale=locale)))
    if minimum is not None and number < Decimal(repr(float(minimum))):
        raise ValueError(_("Must be {min} or more, not {text}.").format(
            min=format_number(minimum, locale=locale), text=_shown(stripped)))
    if whole and number != number.to_integral_value():
        raise ValueError(_("Must be a whole number, not {text}.").format(text=_shown(stripped)))
    return float(number) + 0.0  # + 0.0: "-0" is 0


def format_number(value: float | None, *, locale: str = "en", decimals: int | None = None) -> str:
    """``value`` written as a person of ``locale`` reads it: "1,234,567.5", "1.234.567,5".

    Grouped, never in scientific notation. With ``decimals`` None it shows as many
    decimals as the value has, up to ``MAX_SHOWN_DECIMALS``, without trailing zeros, so
    ``parse_number(format_number(x, locale=L), locale=L) == x`` for every x with up to six
    decimals in the typed range; with ``decimals`` it shows exactly that many (rounded
    half to even). None is shown as "" (a blank field).
    """
    if value is None:
        return ""
    if isinstance(value, bool) or not math.isfinite(value):
        raise ValueError(f"cannot show {value!r} as a number")
    # repr is the shortest text that reads back as the same float: 0.1 stays 0.1.
    number = Decimal(value) if isinstance(value, int) else Decimal(repr(float(value)))
    if decimals is not None and decimals < 0:
        raise ValueError(f"decimals must be 0 or more, not {decimals}")
    symbols = _symbols(locale)
    text = _pattern(locale, decimals).apply(number, symbols.locale)
    if not any(digit in text for digit in "123456789"):
        return text.lstrip(_MINUS_SIGNS)  # a value rounded to zero is 0, not -0
    return text


def format_rounded(value: float, *, locale: str = "en", max_decimals: int = 2) -> str:
    """``value`` for a sentence: rounded to at most ``max_decimals`` decimals, without
    trailing zeros, written the ``locale`` way ("1,234.5", "1.234,5"); "–" for NaN and
    "∞" for an infinite value."""
    if isinstance(value, float) and math.isnan(value):
        return "–"
    if isinstance(value, float) and math.isinf(value):
        return "∞" if value > 0 else "-∞"
    if abs(value) >= 1e15:  # beyond any count a team plans with: short, not 16+ digits
        return f"{value:.3g}"
    rounded = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-max_decimals),
                                                    rounding=decimal.ROUND_HALF_EVEN)
    return format_number(float(rounded), locale=locale)


def format_percent(share_percent: float, *, locale: str = "en", max_decimals: int = 1) -> str:
    """A share given in per cent (35 for 35 %), the ``locale`` way: "35%", "87.3%" in en,
    "35 %", "87,3 %" in de and nb; at most ``max_decimals`` decimals, no trailing zeros."""
    if not math.isfinite(share_percent):
        raise ValueError(f"cannot show {share_percent!r} as a share")
    symbols = _symbols(locale)
    pattern = copy.copy(symbols.locale.percent_formats[None])
    pattern.frac_prec = (0, max_decimals)
    text = pattern.apply(Decimal(repr(float(share_percent))) / 100, symbols.locale)
    return text if any(d in text for d in "123456789") else text.lstrip(_MINUS_SIGNS)


def format_money(value: float, currency: str, locale: str = "en") -> str:
    """An amount a month as a person reads it: "1,234 EUR" (no decimals)."""
    return f"{format_number(round(value), locale=locale, decimals=0)} {currency}".strip()


def format_compact(value: float, *, locale: str = "en") -> str:
    """``value`` short, for an axis or a chart label, the ``locale`` way: "1.2M", "1,2 Mio.",
    "123,5万"; a value without a short form is rounded and grouped ("12.500" in German)."""
    if not math.isfinite(value):
        raise ValueError(f"cannot show {value!r} as a number")
    symbols = _symbols(locale)
    short = format_compact_decimal(value, locale=symbols.locale, fraction_digits=1)
    if any(ch.isalpha() for ch in short):  # a short form: "Mio.", "k", "万"
        return short
    decimals = 0 if abs(value) >= 10 or value == int(value) else 1
    return format_number(round(value, decimals), locale=locale, decimals=decimals)


@lru_cache(maxsize=64)
def _pattern(locale: str, decimals: int | None) -> NumberPattern:
    """The locale's own decimal pattern (its grouping) with the decimals a field shows."""
    pattern = copy.copy(_symbols(locale).locale.decimal_formats[None])
    pattern.frac_prec = (0, MAX_SHOWN_DECIMALS) if decimals is None else (decimals, decimals)
    return pattern
