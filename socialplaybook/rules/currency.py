"""Money in the plan's currency: a benchmark keeps its own currency and year, and is shown
converted with the rate, who set it and when ("USD 6-15 = NOK 61-152 at 10.1 NOK per
USD, ECB 2025-07-24").

The rates are ``datasets/exchange_rates.csv`` (ECB reference rates of one day; the
National Bank of Georgia's official rate for the lari, which the ECB does not publish).
A pair the file does not hold directly is crossed through the euro, only between two
rates of the same source and day. A plan may give its own rate from US dollars (the
currency of every benchmark the toolkit ships), with its date; it then replaces the
file's.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from socialplaybook.datasets import datasets_dir, read_table
from socialplaybook.rules.i18n import _
from socialplaybook.rules.numbers import format_rounded

CROSS_CURRENCY = "EUR"
_CURRENCY_CODE = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True)
class ExchangeRate:
    """``rate`` units of ``quote`` for one ``base`` on ``on``, as ``source`` published it.

    ``on`` is None only for the identity (a currency against itself) and ``address`` is
    where the rate can be checked ("" for a rate the team typed).
    """

    base: str
    quote: str
    rate: float
    on: date | None
    source: str
    address: str


EXCHANGE_RATE_COLUMNS = ("base", "quote", "rate", "date", "source", "address")


@functools.lru_cache(maxsize=2)
def load_exchange_rates(path: Path | None = None) -> tuple[ExchangeRate, ...]:
    """The dated rates of ``datasets/exchange_rates.csv``, in file order.

    Raises ValueError naming the file and line for wrong columns, a code that is not three
    capital letters, a rate that is not a number above 0, a date that is not YYYY-MM-DD,
    an empty source or address, or a pair given twice.
    """
    path = path or datasets_dir() / "exchange_rates.csv"
    rates: list[ExchangeRate] = []
    for where, cells in read_table(path, EXCHANGE_RATE_COLUMNS):
        base, quote = cells["base"], cells["quote"]
        if not (_CURRENCY_CODE.fullmatch(base) and _CURRENCY_CODE.fullmatch(quote)) or (
                base == quote):
            raise ValueError(f"{where}: base and quote must be two different ISO 4217 codes")
        try:
            rate = float(cells["rate"])
            on = date.fromisoformat(cells["date"])
        except ValueError:
            raise ValueError(f"{where}: rate must be a number and date YYYY-MM-DD") from None
        if not (rate > 0 and math.isfinite(rate)):
            raise ValueError(f"{where}: rate must be above 0")
        if not cells["source"] or not cells["address"].startswith("https://"):
            raise ValueError(f"{where}: every rate needs its source and https address")
        if any({r.base, r.quote} == {base, quote} for r in rates):
            raise ValueError(f"{where}: {base}/{quote} is given twice")
        rates.append(ExchangeRate(base, quote, rate, on, cells["source"], cells["address"]))
    return tuple(rates)


def team_rate(rate_per_usd: float, on: date, currency: str) -> ExchangeRate:
    """The plan's own rate: ``rate_per_usd`` units of ``currency`` for one US dollar."""
    if not (rate_per_usd > 0 and math.isfinite(rate_per_usd)):
        raise ValueError(_("An exchange rate must be a number above 0."))
    return ExchangeRate("USD", currency, rate_per_usd, on, _("your rate"), "")


def exchange_rate(base: str, quote: str, override: ExchangeRate | None = None,
                  rates: tuple[ExchangeRate, ...] | None = None) -> ExchangeRate | None:
    """Units of ``quote`` for one ``base``, with its date and source; None when unknown.

    ``override`` (the plan's rate) wins for its own pair. Otherwise the file's rate for
    the pair, or its inverse, or the cross through the euro of two rates of the same
    source and day (``NOK per USD = NOK per EUR / USD per EUR``).
    """
    if base == quote:
        return ExchangeRate(base, quote, 1.0, None, "", "")
    if override is not None and (override.base, override.quote) == (base, quote):
        return override
    rates = load_exchange_rates() if rates is None else rates
    for r in rates:
        if (r.base, r.quote) == (base, quote):
            return r
        if (r.base, r.quote) == (quote, base):
            return ExchangeRate(base, quote, 1 / r.rate, r.on, r.source, r.address)
    legs = {}
    for r in rates:
        if r.base == CROSS_CURRENCY and r.quote in (base, quote):
            legs[r.quote] = r
    if base == CROSS_CURRENCY or quote == CROSS_CURRENCY or len(legs) < 2:
        return None
    first, second = legs[base], legs[quote]
    if (first.source, first.on) != (second.source, second.on):
        return None  # never cross rates of two days or two publishers
    return ExchangeRate(base, quote, second.rate / first.rate, first.on, first.source,
                        first.address)


@dataclass(frozen=True)
class Benchmark:
    """A figure in its own currency (``low`` to ``high``; equal for a single value), where
    it is from, and the same in the plan's currency (``*_converted`` None: no rate)."""

    low: float
    high: float
    currency: str
    source: str
    plan_currency: str
    rate: ExchangeRate | None

    @property
    def low_converted(self) -> float | None:
        return None if self.rate is None else self.low * self.rate.rate

    @property
    def high_converted(self) -> float | None:
        return None if self.rate is None else self.high * self.rate.rate

    @property
    def middle_converted(self) -> float | None:
        low, high = self.low_converted, self.high_converted
        return None if low is None or high is None else (low + high) / 2

    def text(self, locale: str = "en") -> str:
        """The figure, its conversion with the rate and its date, and its source, in words."""
        own = _amounts(self.low, self.high, self.currency, locale)
        if self.rate is None:
            return _("{figure} ({source}): there is no exchange rate from {base} to {quote} "
                     "here; enter one in the budget step to use this figure.").format(
                         figure=own, source=self.source, base=self.currency,
                         quote=self.plan_currency)
        if self.currency == self.plan_currency:
            return _("{figure} ({source})").format(figure=own, source=self.source)
        converted = _amounts(self.low_converted, self.high_converted, self.plan_currency,
                             locale)
        return _("{figure} = {converted} at {rate} {quote} per {base}, {publisher} "
                 "{date} ({source})").format(
                     figure=own, converted=converted, rate=format_rate(self.rate.rate, locale),
                     quote=self.rate.quote, base=self.rate.base,
                     publisher=self.rate.source, date=_date(self.rate.on),
                     source=self.source)


def benchmark(low: float, high: float | None, currency: str, source: str, plan_currency: str,
              override: ExchangeRate | None = None) -> Benchmark:
    """``low``-``high`` (``high`` None: one value) of ``currency`` with its conversion into
    ``plan_currency`` (the plan's own rate ``override`` when it covers the pair)."""
    return Benchmark(low, low if high is None else high, currency, source, plan_currency,
                     exchange_rate(currency, plan_currency, override))


def format_rate(rate: float, locale: str = "en") -> str:
    """A rate to four significant digits: 10.1, 7.157, 0.8506."""
    if rate <= 0 or not math.isfinite(rate):
        return format_rounded(rate, locale=locale)
    decimals = max(0, 3 - math.floor(math.log10(rate)))
    return format_rounded(rate, locale=locale, max_decimals=decimals)


def format_amount(value: float, locale: str = "en") -> str:
    """An amount for a sentence: whole from 10 up, else up to 2 decimals (6.5, 64, 1,250)."""
    return format_rounded(value, locale=locale, max_decimals=0 if abs(value) >= 10 else 2)


def _amounts(low: float, high: float, currency: str, locale: str) -> str:
    first, last = format_amount(low, locale), format_amount(high, locale)
    return f"{currency} {first}" if first == last else f"{currency} {first}-{last}"


def _date(on: date | None) -> str:
    return on.isoformat() if on is not None else ""
