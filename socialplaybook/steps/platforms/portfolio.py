"""Capacity and the recommended portfolio: no more accounts than the people can run well.

The recommended portfolio takes platforms best score first while they fit the team's
hours per week and ``ACCOUNTS_PER_PERSON_MAX`` accounts per person, and have a score of
at least ``MIN_SCORE_TO_RECOMMEND`` (the toolkit's judgement, stated in the reason).
Go where your audience is: when reach counts and the data has figures for the team's
audience, a platform without one is not recommended (the team may still add it).
A "reserve the handle only" choice costs no hours and is not an account to run.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from socialplaybook.rules.checks import Check
from socialplaybook.rules.checks import error as _error
from socialplaybook.rules.checks import ok as _ok
from socialplaybook.rules.checks import todo as _todo
from socialplaybook.rules.checks import warning as _warning
from socialplaybook.rules.i18n import _, ngettext
from socialplaybook.steps.platforms.inputs import TeamInputs
from socialplaybook.steps.platforms.profiles import PlatformProfile
from socialplaybook.steps.platforms.scoring import PlatformScore, Ranking
from socialplaybook.steps.platforms.section import PlatformChoice
from socialplaybook.steps.platforms.vocabulary import (
    ACCOUNTS_PER_PERSON_MAX,
    MIN_SCORE_TO_RECOMMEND,
)


def max_accounts(people: int | None) -> int | None:
    """How many accounts the team's people can run well (4 each; None when unknown)."""
    return None if people is None else ACCOUNTS_PER_PERSON_MAX * people


@dataclass(frozen=True)
class PortfolioLine:
    """A platform in or out of the recommended portfolio, and the one-line reason."""

    platform: str
    included: bool
    reason: str


def recommend(ranking: Ranking, profiles: Sequence[PlatformProfile],
              inputs: TeamInputs) -> list[PortfolioLine]:
    """The best platforms that fit the team's hours and accounts-per-person, with reasons."""
    if not ranking.rankable:
        return []
    by_name = {p.platform: p for p in profiles}
    limit = max_accounts(inputs.people)
    hours = inputs.hours_per_week
    used_hours, count = 0.0, 0
    lines = []
    reach_known = any(_value(s, "reach") is not None for s in ranking.scores)
    for score in ranking.scores:
        profile = by_name.get(score.platform)
        need = profile.hours_per_week if profile else None
        reach = next(c for c in score.criteria if c.criterion == "reach")
        if score.score is None:
            reason, ok = _("nothing to score it on yet"), False
        elif reach_known and reach.weight > 0 and reach.value is None:
            reason, ok = _("no figure of its reach in your audience: add it yourself if you "
                           "know they are there"), False
        elif score.score < MIN_SCORE_TO_RECOMMEND:
            reason, ok = _("score {s:.0f} is below {m:.0f}: a weak fit").format(
                s=score.score, m=MIN_SCORE_TO_RECOMMEND), False
        elif not inputs.people or not hours:
            reason, ok = _("no capacity given (people and hours per week)"), False
        elif need is None:
            reason, ok = _("hours to run it not known: add it yourself if you know them"), False
        elif limit is not None and count >= limit:
            reason, ok = _("{people} people run at most {limit} accounts well").format(
                people=inputs.people, limit=limit), False
        elif used_hours + need > hours:
            reason, ok = _("needs {need:g} h a week; {left:g} of your {hours:g} h are left"
                           ).format(need=need, left=hours - used_hours, hours=hours), False
        else:
            used_hours += need
            count += 1
            reason, ok = _("score {s:.0f}, {need:g} h a week ({used:g} of {hours:g} h used)"
                           ).format(s=score.score, need=need, used=used_hours,
                                    hours=hours), True
        lines.append(PortfolioLine(score.platform, ok, reason))
    return lines


def _value(score: PlatformScore, criterion: str) -> float | None:
    return next(c.value for c in score.criteria if c.criterion == criterion)


def active_choices(choices: Sequence[PlatformChoice]) -> list[PlatformChoice]:
    """The choices that are accounts to run (not "reserve the handle only")."""
    return [c for c in choices if c.role != "handle_only"]


def capacity_checks(choices: Sequence[PlatformChoice], profiles: Sequence[PlatformProfile],
                    inputs: TeamInputs) -> list[Check]:
    """Whether the chosen accounts fit the team's people and hours per week."""
    checks: list[Check] = []
    active = active_choices(choices)
    by_id = {p.id: p for p in profiles}
    people, hours = inputs.people, inputs.hours_per_week
    why_people = _("One professional can manage 2-4 accounts well (seed 000): focus.")
    if people is None:
        checks.append(_todo("people", _("Enter how many people run your accounts."),
                            why_people))
    elif people == 0:
        checks.append(_error("people", _("0 people: nobody can run an account."), why_people))
    else:
        limit = max_accounts(people)
        accounts = ngettext("{n} account", "{n} accounts", len(active)).format(n=len(active))
        team = ngettext("{n} person", "{n} people", people).format(n=people)
        if len(active) > limit:
            checks.append(_warning("accounts", _(
                "{accounts} to run is more than {people} can run well (at most {limit})."
            ).format(accounts=accounts, people=team, limit=limit), why_people))
        else:
            checks.append(_ok("accounts", _("{accounts} for {people} (at most {limit}).").format(
                accounts=accounts, people=team, limit=limit), why_people))
    why_hours = _("Social media is not free: each account needs hours every week.")
    needs = [by_id[c.id].hours_per_week if c.id in by_id else None for c in active]
    known = sum(n for n in needs if n is not None)
    unknown = [c.platform for c, n in zip(active, needs, strict=True) if n is None]
    if hours is None:
        checks.append(_todo("hours", _("Enter your hours per week."), why_hours))
    elif hours == 0:
        checks.append(_error("hours", _("0 hours a week: no account can be run."), why_hours))
    elif known > hours:
        checks.append(_warning("hours", _(
            "Your choice needs {need:g} h a week; you have {hours:g}.").format(
                need=known, hours=hours), why_hours))
    else:
        checks.append(_ok("hours", _("Your choice needs {need:g} of your {hours:g} h a week."
                                     ).format(need=known, hours=hours), why_hours))
    if unknown:
        checks.append(_todo("hours-unknown", _("Hours not known for {names}: enter them to "
                                               "check the fit.").format(
                                                   names=", ".join(unknown)), why_hours))
    return checks


def over_capacity(checks: Sequence[Check]) -> bool:
    """Whether the capacity checks say the choice exceeds what the team can run."""
    return any(c.key in ("accounts", "hours") and c.level == "warning" for c in checks)
