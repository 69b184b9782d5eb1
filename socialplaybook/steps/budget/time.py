"""Time: each platform's hours a week against the team's hours, per person too.

``posts × minutes per post + messages × minutes per answer + hours of listening``.
What one person (a platform's owner) can give is at most the team's working week and at
most the team's hours: hours are not spread evenly over a team (a café's shift lead may
give half of them), so the team's hours divided by its headcount says nothing of a person.
How many accounts the hours run well is the one capacity rule of
:mod:`socialplaybook.rules.capacity` (2-4 per full-time equivalent of the team's working
week), the same as in the planning and platforms steps.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from socialplaybook.rules.capacity import (
    ACCOUNTS_PER_PERSON_MAX,
    DEFAULT_WORK_WEEK_HOURS,
    accounts_check,
    working_week_check,
)
from socialplaybook.rules.checks import Check
from socialplaybook.rules.checks import ok as _ok
from socialplaybook.rules.checks import todo as _todo
from socialplaybook.rules.checks import warning as _warning
from socialplaybook.rules.i18n import _, list_text, ngettext
from socialplaybook.rules.numbers import format_number, format_rounded
from socialplaybook.steps.budget.section import BudgetInputs

if TYPE_CHECKING:  # for annotations only: lines.py imports this module
    from socialplaybook.steps.budget.lines import PlatformLine

def platform_hours_per_week(posts_per_week: float, minutes_per_post: float,
                            messages_per_week: float, minutes_per_answer: float,
                            listening_hours_per_week: float) -> float:
    """Hours a week one platform takes: making and curating, answering, listening."""
    return (posts_per_week * minutes_per_post + messages_per_week * minutes_per_answer) / 60 \
        + listening_hours_per_week


@dataclass(frozen=True)
class Capacity:
    """The people and hours a week the team gives social media, and where they come from
    ("budget": entered here, "platforms", "planning", or "" when nobody gave them), and
    the team's working week (planning's), which counts the hours in full-time equivalents.
    """

    people: int | None
    hours_per_week: float | None
    source: str
    work_week_hours: float = DEFAULT_WORK_WEEK_HOURS


def team_capacity(section: BudgetInputs, platforms_section=None, planning=None) -> Capacity:
    """People and hours, each from this step, else the platforms step, else planning.

    ``source`` names where the first of them came from.
    """
    resources = list(getattr(planning, "resources", []) or [])
    sources = [("budget", section.people, section.hours_per_week),
               ("platforms", getattr(platforms_section, "people", None),
                getattr(platforms_section, "hours_per_week", None))]
    if resources:
        sources.append(("planning", sum(r.people for r in resources),
                        float(sum(r.hours_per_week for r in resources))))
    people = next(((name, p) for name, p, _h in sources if p is not None), ("", None))
    hours = next(((name, h) for name, _p, h in sources if h is not None), ("", None))
    order = [name for name, _p, _h in sources]
    source = min((s for s in (people[0], hours[0]) if s), key=order.index, default="")
    week = getattr(planning, "work_week_hours", None) or DEFAULT_WORK_WEEK_HOURS
    return Capacity(people[1], hours[1], source, week)


@dataclass(frozen=True)
class PersonLoad:
    """What one owner (a person) carries: the platforms, their accounts and hours a week.

    ``share``: of the team's hours (None when the team gave none); ``utilisation``: of the
    most one person can give (:attr:`Utilisation.person_limit_hours`), over 1.0 is more
    than one person can do.
    """

    owner: str
    accounts: int
    hours_per_week: float
    utilisation: float | None  # hours needed / the most one person can give (1.0 = 100 %)
    share: float | None = None  # hours needed / the team's hours
    platforms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Utilisation:
    """Hours a week the platforms take against the team's (1.0 = 100 %).

    ``person_limit_hours``: the most one person can give, the team's working week and at
    most the team's hours (never the team's hours divided by its headcount: hours are not
    spread evenly).
    """

    hours_needed: float
    hours_available: float | None
    total: float | None
    person_limit_hours: float | None
    people: tuple[PersonLoad, ...]
    unassigned: tuple[str, ...]
    work_week_hours: float = DEFAULT_WORK_WEEK_HOURS


def utilisation(lines: Sequence[PlatformLine], capacity: Capacity) -> Utilisation:
    """The team's and each owner's utilisation (``hours needed / hours available``; an
    owner's of the most one person can give)."""
    needed = sum(line.hours_per_week for line in lines)
    available = capacity.hours_per_week
    total = needed / available if available else None
    week = capacity.work_week_hours
    limit = week if available is None else min(week, available)
    owners: dict[str, list[PlatformLine]] = {}
    unassigned = []
    for line in lines:
        owner = " ".join(line.item.owner.split())
        if owner:
            owners.setdefault(owner.casefold(), []).append(line)
        else:
            unassigned.append(line.platform)
    people = []
    for owned in owners.values():
        hours = sum(line.hours_per_week for line in owned)
        people.append(PersonLoad(" ".join(owned[0].item.owner.split()), len(owned), hours,
                                 hours / limit if limit else None,
                                 hours / available if available else None,
                                 tuple(line.platform for line in owned)))
    return Utilisation(needed, available, total, limit, tuple(people), tuple(unassigned),
                       week)


def time_checks(lines: Sequence[PlatformLine], use: Utilisation,
                capacity: Capacity, locale: str = "en") -> list[Check]:
    """Whether the platforms fit the team's hours; the accounts against the hours in
    full-time equivalents (the capacity rule); no owner runs more than 4 accounts (one
    person is at most one full-time equivalent) nor needs more hours than one person can
    give (:func:`person_check`). Numbers in the team's ``locale``."""
    checks: list[Check] = []

    def hours(value: float | None) -> str:
        return _hours(value, locale)

    def percent(share: float) -> str:
        return _percent(share, locale)

    why_hours = _("Social media is not free: every account takes hours every week.")
    why_accounts = _("One professional can manage 2-4 accounts well (seed 000): too many "
                     "spread the team thin.")
    if not lines:
        return [_todo("platforms", _("No platform chosen yet: choose them in the Platforms "
                                     "step, or add one here."), why_hours)]
    if use.total is None:
        checks.append(_todo("hours", _("Enter the hours a week your team gives social media "
                                       "to see the utilisation."), why_hours))
    elif use.total > 1:
        checks.append(_warning("hours", _(
            "The platforms need {need} h a week; the team has {have}: {pct} utilised. Drop a "
            "platform, post less often, or add hours.").format(
                need=hours(use.hours_needed), have=hours(use.hours_available),
                pct=percent(use.total)), why_hours))
    else:
        checks.append(_ok("hours", _("The platforms need {need} of your {have} h a week "
                                     "({pct}).").format(need=hours(use.hours_needed),
                                                        have=hours(use.hours_available),
                                                        pct=percent(use.total)), why_hours))
    for person in use.people:
        if person.accounts > ACCOUNTS_PER_PERSON_MAX:
            checks.append(_warning(f"accounts-{person.owner}", ngettext(
                "{owner} runs {n} account: more than {max} is too many to run well.",
                "{owner} runs {n} accounts: more than {max} is too many to run well.",
                person.accounts).format(
                    owner=person.owner, n=format_number(person.accounts, locale=locale),
                    max=format_number(ACCOUNTS_PER_PERSON_MAX, locale=locale)),
                why_accounts))
        checks.append(person_check(person, use, locale))
    if capacity.hours_per_week is not None:
        checks.append(accounts_check(len(lines), capacity.hours_per_week,
                                     capacity.work_week_hours, locale))
        too_long = working_week_check(capacity.people, capacity.hours_per_week,
                                      capacity.work_week_hours, locale)
        if too_long is not None:
            checks.append(too_long)
    return checks


def person_check(person: PersonLoad, use: Utilisation, locale: str = "en") -> Check:
    """One owner's hours against the most one person can give: a warning above the working
    week or above the team's hours (whichever is less), else the share of the team's
    hours that person carries (a note on a key person, not a warning)."""
    key = f"person-{person.owner}"
    why = _("One person gives social media at most their working week, and never more "
            "than the team's hours.")
    need = _hours(person.hours_per_week, locale)
    platforms = list_text(list(person.platforms))
    limit = use.person_limit_hours
    if limit is not None and person.hours_per_week > limit + 1e-9:
        have = use.hours_available
        if have is not None and have < use.work_week_hours:
            message = _("{owner} needs {need} h a week for {platforms}: more than the "
                        "team's {have} h a week.").format(
                owner=person.owner, need=need, platforms=platforms,
                have=_hours(have, locale))
        else:
            message = _("{owner} needs {need} h a week for {platforms}: more than one "
                        "person's {week}-hour working week.").format(
                owner=person.owner, need=need, platforms=platforms,
                week=_hours(use.work_week_hours, locale))
        return _warning(key, message, why)
    if person.share is None:
        return _ok(key, _("{owner} needs {need} h a week for {platforms}.").format(
            owner=person.owner, need=need, platforms=platforms), why)
    return _ok(key, _("{owner} needs {need} h a week for {platforms}: {pct} of the "
                      "team's {have} h.").format(
        owner=person.owner, need=need, platforms=platforms,
        pct=_percent(person.share, locale), have=_hours(use.hours_available, locale)), why)


def _hours(value: float | None, locale: str) -> str:
    """Hours for a sentence: "12.5" (en), "12,5" (de), at most one decimal."""
    return "–" if value is None else format_rounded(value, locale=locale, max_decimals=1)


def _percent(share: float, locale: str) -> str:
    """A share as a whole percentage for a sentence: "85 %", "1.250 %" (de)."""
    return f"{format_number(round(share * 100), locale=locale)} %"
