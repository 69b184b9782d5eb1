"""Carry-over (geometric adstock), one rule for the budget and the KPI steps.

Part of what a week's spend or work brings still works the week after:
``x*_t = x_t + theta · x*_(t-1)`` (Meta's Robyn, PyMC-Marketing). Robyn's usual range for
digital media, 0-0.3, is a decay per **week**; the apps count in months, so the weekly
decay is turned into a monthly one, ``theta_month = theta_week ** (52 / 12)`` (a month
is 52/12 = 4.33 weeks): 0.3 a week is about 0.005 a month.

The carried-over stock is normalised, ``(1 - theta) · x*_t``, so that one month's effort
brings in total what it brings without carry-over, only spread over the months after it:
a spend kept up reaches the value the curve (or the team) gives for it, and carry-over
never adds returns that were not assumed (without the factor 0.3 a month added 43 % in
the steady state).
"""

from __future__ import annotations

from collections.abc import Iterable

from socialplaybook.rules.i18n import _
from socialplaybook.rules.numbers import format_percent, format_rounded

WEEKS_PER_MONTH = 52 / 12
MAX_CARRY_OVER = 0.9  # a decay a week; more would carry a spend over for years
# The top of Robyn's usual 0-0.3 a week for digital media: judgement, stated in the apps.
DEFAULT_CARRY_OVER_PER_WEEK = 0.3


def _check(theta: float) -> None:
    if not 0 <= theta <= MAX_CARRY_OVER:
        raise ValueError(_("The carry-over must be from 0 to {max} % a week.").format(
            max=round(MAX_CARRY_OVER * 100)))  # a whole number: the same in every locale


def monthly_carry_over(per_week: float) -> float:
    """The decay a month of a decay a week: ``per_week ** (52 / 12)``."""
    _check(per_week)
    return per_week ** WEEKS_PER_MONTH


def weekly_carry_over(per_month: float) -> float:
    """The decay a week that gives ``per_month`` over a month: ``per_month ** (12 / 52)``."""
    if not 0 <= per_month < 1:
        raise ValueError(_("The carry-over must be from 0 to less than 1."))
    return per_month ** (1 / WEEKS_PER_MONTH)


def adstock(effort: Iterable[float], theta: float) -> list[float]:
    """Geometric adstock: ``x*_t = x_t + theta · x*_(t-1)`` (``x*_0 = x_0``)."""
    if not 0 <= theta < 1:
        raise ValueError(_("The carry-over must be from 0 to less than 1."))
    carried, out = 0.0, []
    for x in effort:
        carried = x + theta * carried
        out.append(carried)
    return out


def normalised_adstock(effort: Iterable[float], theta: float) -> list[float]:
    """``(1 - theta) · x*_t``: what works in each month, adding up over time to the effort
    itself (a constant effort ``x`` approaches ``x``, from ``(1 - theta) · x`` in month 1)."""
    return [(1 - theta) * value for value in adstock(effort, theta)]


def carry_over_text(per_week: float, locale: str = "en") -> str:
    """The weekly carry-over, its monthly equivalent and how one is had from the other."""
    per_month = monthly_carry_over(per_week)
    return _("{week} of a week's effect carries over into the next week (geometric "
             "adstock; 0-30 % a week is the usual range for digital media in Meta's Robyn). "
             "A month is 52/12 = {weeks} weeks, so {week_share} to the power {weeks} = "
             "{month} of a month's effect carries over into the next month. Carry-over "
             "spreads a month's return over the months after it; it adds none.").format(
                 weeks=format_rounded(WEEKS_PER_MONTH, locale=locale),
                 week=format_percent(per_week * 100, locale=locale, max_decimals=1),
                 week_share=format_rounded(per_week, locale=locale, max_decimals=3),
                 month=format_percent(per_month * 100, locale=locale,
                                     max_decimals=2 if per_month < 0.1 else 1))
