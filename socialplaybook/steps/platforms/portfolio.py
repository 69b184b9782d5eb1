"""Capacity and the recommended portfolio: no more accounts than the hours can run well.

The recommended portfolio takes platforms best score first while they fit the team's
hours per week and 4 accounts per full-time equivalent of those hours
(:mod:`socialplaybook.rules.capacity`), and have a score of at least
``MIN_SCORE_TO_RECOMMEND`` (the toolkit's judgement, stated in the reason).
Go where your audience is: when reach counts, a platform without a figure for the team's
audience is not recommended unless the team entered its own estimate of its reach (then
the reason says "your own estimate (source)"), and with no figure for any platform (no
region with data, no estimate) nothing is; a platform that cannot be used in the team's
region is never recommended.
A "reserve the handle only" choice costs no hours and is not an account to run.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from socialplaybook.rules.capacity import (
    accounts_check,
    describe_hours,
    limit_phrase,
    max_accounts,
    working_week_check,
)
from socialplaybook.rules.checks import Check
from socialplaybook.rules.checks import error as _error
from socialplaybook.rules.checks import ok as _ok
from socialplaybook.rules.checks import todo as _todo
from socialplaybook.rules.checks import warning as _warning
from socialplaybook.rules.i18n import _
from socialplaybook.rules.numbers import format_rounded
from socialplaybook.steps.platforms.availability import availability_checks
from socialplaybook.steps.platforms.inputs import TeamInputs
from socialplaybook.steps.platforms.profiles import PlatformProfile
from socialplaybook.steps.platforms.scoring import PlatformScore, Ranking
from socialplaybook.steps.platforms.section import PlatformChoice
from socialplaybook.steps.platforms.vocabulary import MIN_SCORE_TO_RECOMMEND


@dataclass(frozen=True)
class PortfolioLine:
    """A platform in or out of the recommended portfolio, and the one-line reason."""

    platform: str
    included: bool
    reason: str


def recommend(ranking: Ranking, profiles: Sequence[PlatformProfile],
              inputs: TeamInputs) -> list[PortfolioLine]:
    """The best platforms that fit the team's hours and accounts per FTE, with reasons."""
    if not ranking.rankable:
        return []
    by_name = {p.platform: p for p in profiles}
    hours = inputs.hours_per_week
    limit = max_accounts(hours, inputs.work_week_hours)
    locale = inputs.locale
    used_hours, count = 0.0, 0
    lines = []
    reach_known = any(_value(s, "reach") is not None for s in ranking.scores)

    def h(value: float) -> str:
        return format_rounded(value, locale=locale)

    for score in ranking.scores:
        profile = by_name.get(score.platform)
        need = profile.hours_per_week if profile else None
        reach = score.criterion("reach")
        if score.blocked is not None:
            reason, ok = score.blocked.text(), False
        elif score.score is None:
            reason, ok = _("nothing to score it on yet"), False
        elif not reach_known and reach.weight > 0:
            reason, ok = _("no platform has a reach figure for your audience, so none is "
                           "recommended: choose a region with data, or enter your own "
                           "estimate of the reach of the platforms you know your audience "
                           "uses"), False
        elif reach_known and reach.weight > 0 and reach.value is None:
            reason, ok = _("no figure of its reach in your audience: enter your own "
                           "estimate of it, with its source, if you know they are there"), False
        elif score.score < MIN_SCORE_TO_RECOMMEND:
            reason, ok = _("score {s} is below {m}: a weak fit").format(
                s=h(round(score.score)), m=h(MIN_SCORE_TO_RECOMMEND)), False
        elif not hours:
            reason, ok = _("no capacity given (hours per week)"), False
        elif need is None:
            reason, ok = _("hours to run it not known: add it yourself if you know them"), False
        elif limit is not None and count >= limit:
            reason, ok = _("with {hours}, {limit}").format(
                hours=describe_hours(hours, inputs.work_week_hours, locale),
                limit=limit_phrase(limit)), False
        elif used_hours + need > hours:
            reason, ok = _("needs {need} h a week; {left} of your {hours} h are left").format(
                need=h(need), left=h(hours - used_hours), hours=h(hours)), False
        else:
            used_hours += need
            count += 1
            reason, ok = _("score {s}, {need} h a week ({used} of {hours} h used)").format(
                s=h(round(score.score)), need=h(need), used=h(used_hours), hours=h(hours)), True
        if ok and reach.partial:
            reason += " · " + _("reach on partial data")
        if ok and reach.estimate_source and reach.weight > 0:
            reason += " · " + _("reach: your own estimate ({source})").format(
                source=reach.estimate_source)
        lines.append(PortfolioLine(score.platform, ok, reason))
    return lines


def _value(score: PlatformScore, criterion: str) -> float | None:
    return next(c.value for c in score.criteria if c.criterion == criterion)


def active_choices(choices: Sequence[PlatformChoice]) -> list[PlatformChoice]:
    """The choices that are accounts to run (not "reserve the handle only")."""
    return [c for c in choices if c.role != "handle_only"]


def capacity_checks(choices: Sequence[PlatformChoice], profiles: Sequence[PlatformProfile],
                    inputs: TeamInputs) -> list[Check]:
    """Whether the chosen accounts fit the hours the team gives social media: 2-4 accounts
    per full-time equivalent of its working week, and the hours each platform needs."""
    checks: list[Check] = []
    active = active_choices(choices)
    by_id = {p.id: p for p in profiles}
    people, hours, locale = inputs.people, inputs.hours_per_week, inputs.locale
    week = inputs.work_week_hours
    if people == 0:
        checks.append(_error("people", _("0 people: nobody can run an account."),
                             _("Social media needs people: someone has to post and answer.")))
    else:
        checks.append(accounts_check(len(active), hours, week, locale))
        too_long = working_week_check(people, hours, week, locale, key="working-week")
        if too_long is not None:
            checks.append(too_long)
    why_hours = _("Social media is not free: each account needs hours every week.")
    needs = [by_id[c.id].hours_per_week if c.id in by_id else None for c in active]
    known = sum(n for n in needs if n is not None)
    unknown = [c.platform for c, n in zip(active, needs, strict=True) if n is None]

    def h(value: float) -> str:
        return format_rounded(value, locale=locale)

    if hours is None:
        checks.append(_todo("hours", _("Enter your hours per week."), why_hours))
    elif hours == 0:
        checks.append(_error("hours", _("0 hours a week: no account can be run."), why_hours))
    elif known > hours:
        checks.append(_warning("hours", _(
            "Your choice needs {need} h a week; you have {hours}.").format(
                need=h(known), hours=h(hours)), why_hours))
    else:
        checks.append(_ok("hours", _("Your choice needs {need} of your {hours} h a week."
                                     ).format(need=h(known), hours=h(hours)), why_hours))
    if unknown:
        checks.append(_todo("hours-unknown", _("Hours not known for {names}: enter them to "
                                               "check the fit.").format(
                                                   names=", ".join(unknown)), why_hours))
    return checks


def portfolio_checks(choices: Sequence[PlatformChoice], profiles: Sequence[PlatformProfile],
                     inputs: TeamInputs) -> list[Check]:
    """The capacity checks, then a warning for each account to run that is blocked in the
    team's region (reserving the handle only is not warned: reserve it everywhere)."""
    return [*capacity_checks(choices, profiles, inputs),
            *availability_checks([(c.id, c.platform) for c in active_choices(choices)],
                                 inputs.region_code)]


def over_capacity(checks: Sequence[Check]) -> bool:
    """Whether the capacity checks say the choice exceeds what the team can run."""
    return any(c.key in ("accounts", "hours") and c.level == "warning" for c in checks)
