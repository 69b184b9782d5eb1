"""Dates and months as the plan counts them: whole calendar months, clamped month ends."""

from __future__ import annotations

from datetime import date, timedelta

from socialplaybook.rules.i18n import ngettext
from socialplaybook.rules.numbers import format_number


def months_between(start: date, end: date) -> int:
    """Whole calendar months from ``start`` to ``end`` (negative when ``end`` is earlier).

    ``(end.year - start.year) * 12 + end.month - start.month``, less one when the day of
    the month has not been reached yet: 15 Jan -> 14 Feb is 0 months, -> 15 Feb is 1.
    """
    months = (end.year - start.year) * 12 + end.month - start.month
    if months > 0 and end.day < start.day:
        months -= 1
    elif months < 0 and end.day > start.day:
        months += 1
    return months


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, clamped to the month's last day (31 Jan + 1 = 28/29 Feb).

    Clamped to ``date.min`` / ``date.max`` instead of overflowing.
    """
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    if year < date.min.year:
        return date.min
    if year > date.max.year:
        return date.max
    month += 1
    last = (date(year, 12, 31) if month == 12
            else date(year, month + 1, 1) - timedelta(days=1)).day
    return date(year, month, min(day.day, last))


def horizon_end(start: date, months: int) -> date:
    """The last day inside a horizon of ``months`` from ``start`` (12 from 1 Jan: 31 Dec)."""
    end = add_months(start, months)
    return end if end == date.max else end - timedelta(days=1)


def months_text(months: int, locale: str = "en") -> str:
    """"1 month", "12 months" (translated; the number in the team's ``locale``)."""
    return ngettext("{n} month", "{n} months", months).format(
        n=format_number(months, locale=locale))
