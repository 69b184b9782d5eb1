"""Capacity: how many accounts the hours a team gives social media can run well.

One rule, used by the planning, platforms and budget steps. The team states its working
week (``work_week_hours``, 40 h unless it says otherwise, in its planning section). The
hours all its people together give social media a week, divided by that week, are
full-time equivalents (FTE): 20 h of a 40-hour week is 0.5 FTE. One professional runs 2-4
accounts well (seed 000), so the team runs 2-4 accounts per FTE:

* more than 4 per FTE: too many (a warning). One account is never too many: whether its
  hours fit is the hours check's question, not this one's;
* fewer than 2 per FTE: room for more (said, not a warning);
* 2-4 per FTE: it fits.

Headcount does not count: one marketer and three service staff who each give an hour a
week are 4 h (0.1 FTE), not four professionals. ``HOURS_IN_A_WEEK`` (168, in
:mod:`socialplaybook.rules.checks`) stays only the physical limit input is checked
against; what a person can give social media is at most the team's working week.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from socialplaybook.rules.checks import Check, ok, todo, warning
from socialplaybook.rules.i18n import _, ngettext
from socialplaybook.rules.numbers import format_rounded

DEFAULT_WORK_WEEK_HOURS = 40.0  # a common full-time week; the team states its own
WORK_WEEK_MIN_HOURS = 1.0
ACCOUNTS_PER_PERSON_MIN, ACCOUNTS_PER_PERSON_MAX = 2, 4  # seed 000: per full-time person

Verdict = Literal["unknown", "none", "room", "fits", "single", "too_many"]


def full_time_equivalents(hours_per_week: float | None,
                          work_week_hours: float = DEFAULT_WORK_WEEK_HOURS) -> float | None:
    """The hours given to social media a week in full-time people (None when unknown)."""
    if hours_per_week is None or not work_week_hours or work_week_hours <= 0:
        return None
    return hours_per_week / work_week_hours


def max_accounts(hours_per_week: float | None,
                 work_week_hours: float = DEFAULT_WORK_WEEK_HOURS) -> int | None:
    """The most accounts those hours run well: 4 per FTE, rounded down, and at least one
    when there are hours at all (0 without hours; None when the hours are unknown)."""
    fte = full_time_equivalents(hours_per_week, work_week_hours)
    if fte is None:
        return None
    if fte <= 0:
        return 0
    # the small tolerance keeps 4 x (30 h / 40 h) = 3 from rounding down to 2.999...
    return max(1, math.floor(ACCOUNTS_PER_PERSON_MAX * fte + 1e-9))


@dataclass(frozen=True)
class AccountsFit:
    """How many accounts against the hours: ``verdict`` is "unknown" (no hours given),
    "none" (no account yet), "room" (below 2 per FTE), "fits", "too_many" (above 4) or
    "single" (one account on fewer hours than a quarter of a working week: never too
    many, its hours are the hours check's question)."""

    accounts: int
    hours_per_week: float | None
    work_week_hours: float
    fte: float | None
    limit: int | None
    verdict: Verdict

    @property
    def per_fte(self) -> float | None:
        """Accounts per full-time equivalent (None without hours)."""
        return self.accounts / self.fte if self.fte else None


def accounts_fit(accounts: int, hours_per_week: float | None,
                 work_week_hours: float = DEFAULT_WORK_WEEK_HOURS) -> AccountsFit:
    """Whether ``accounts`` fit 2-4 per FTE of ``hours_per_week`` (see the module)."""
    fte = full_time_equivalents(hours_per_week, work_week_hours)
    limit = max_accounts(hours_per_week, work_week_hours)
    if fte is None:
        verdict: Verdict = "unknown"
    elif accounts == 0:
        verdict = "none"
    elif fte <= 0:
        verdict = "too_many"  # accounts without hours
    elif accounts > 1 and accounts > ACCOUNTS_PER_PERSON_MAX * fte + 1e-9:
        verdict = "too_many"
    elif accounts == 1 and fte * ACCOUNTS_PER_PERSON_MAX < 1:
        verdict = "single"
    elif accounts < ACCOUNTS_PER_PERSON_MIN * fte - 1e-9:
        verdict = "room"
    else:
        verdict = "fits"
    return AccountsFit(accounts, hours_per_week, work_week_hours, fte, limit, verdict)


def capacity_why() -> str:
    """The one-line why of the accounts rule, the same in every step."""
    return _("One professional runs 2-4 accounts well (seed 000): counted in full-time "
             "equivalents of the hours your team gives social media, not in headcount.")


def describe_hours(hours_per_week: float, work_week_hours: float,
                   locale: str = "en") -> str:
    """"20 h a week (0.5 FTE of a 40-hour week)", the team's way of writing numbers."""
    fte = full_time_equivalents(hours_per_week, work_week_hours) or 0.0
    return _("{hours} h a week ({fte} FTE of a {week}-hour week)").format(
        hours=format_rounded(hours_per_week, locale=locale),
        fte=format_rounded(fte, locale=locale), week=format_rounded(work_week_hours,
                                                                   locale=locale))


def _accounts(n: int) -> str:
    return ngettext("{n} account", "{n} accounts", n).format(n=n)


def limit_phrase(limit: int) -> str:
    """"at most 3 accounts run well" (one and many said right)."""
    return ngettext("at most {n} account runs well", "at most {n} accounts run well",
                    limit).format(n=limit)


def accounts_check(accounts: int, hours_per_week: float | None,
                   work_week_hours: float = DEFAULT_WORK_WEEK_HOURS, locale: str = "en",
                   key: str = "accounts") -> Check:
    """The accounts rule as a check: todo without hours, a warning above 4 per FTE, ok
    (saying there is room for more below 2 per FTE) otherwise."""
    fit = accounts_fit(accounts, hours_per_week, work_week_hours)
    why = capacity_why()
    if fit.verdict == "unknown":
        return todo(key, _("Enter the hours a week your team gives social media to see how "
                           "many accounts it can run well."), why)
    hours = describe_hours(hours_per_week or 0.0, work_week_hours, locale)
    if fit.limit == 0:
        return warning(key, _("{hours}: no time to run an account.").format(hours=hours), why)
    limit = limit_phrase(fit.limit or 0)
    if fit.verdict == "too_many":
        return warning(key, _("{accounts} for {hours} is more than 4 per full-time "
                              "equivalent: {limit}.").format(
            accounts=_accounts(accounts), hours=hours, limit=limit), why)
    if fit.verdict == "none":
        return ok(key, _("No account chosen yet: with {hours}, {limit}.").format(
            hours=hours, limit=limit), why)
    if fit.verdict == "single":
        return ok(key, _("1 account for {hours}: the least a team can run; whether its "
                         "hours fit is checked on its own.").format(hours=hours), why)
    if fit.verdict == "room":
        return ok(key, _("{accounts} for {hours}: room for more ({limit}).").format(
            accounts=_accounts(accounts), hours=hours, limit=limit), why)
    return ok(key, _("{accounts} for {hours}: within 2-4 per full-time equivalent "
                     "({limit}).").format(accounts=_accounts(accounts), hours=hours,
                                         limit=limit), why)


def working_week_check(people: int | None, hours_per_week: float | None,
                       work_week_hours: float = DEFAULT_WORK_WEEK_HOURS,
                       locale: str = "en", key: str = "working-week") -> Check | None:
    """A warning when the hours are more than the people's working weeks together (None
    when they fit or are not known): what a person gives is at most the working week."""
    if not people or hours_per_week is None:
        return None
    most = people * work_week_hours
    if hours_per_week <= most + 1e-9:
        return None
    week = format_rounded(work_week_hours, locale=locale)
    limit = ngettext("{n} person gives at most {max} h a week in a {week}-hour working week",
                     "{n} people give at most {max} h a week between them in a {week}-hour "
                     "working week", people).format(
        n=people, max=format_rounded(most, locale=locale), week=week)
    return warning(key, _("{limit}, not {hours}: add people or count fewer hours.").format(
        limit=limit, hours=format_rounded(hours_per_week, locale=locale)),
        _("Social media work comes out of working hours: nobody gives it more than their "
          "working week."))
