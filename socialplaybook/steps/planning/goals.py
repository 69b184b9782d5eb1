"""Goal checks: specific, measurable, tied to a business result, achievable, time-bound.

* specific and measurable: a metric and a numeric target are present;
* tied to a business result: a business result is chosen and the metric is not a vanity
  count (followers, fans, likes, comments, views, impressions, subscribers, reach; see
  ``is_vanity_metric``) unless it also names a business outcome (leads, sales, ...);
* achievable: judged against the team's own stated assumptions (:class:`GoalAssumptions`,
  saved in the section, editable in the app; the defaults are starting points, not
  published benchmarks): a count or an amount may grow at most ``growth_per_year``-fold
  (or shrink to 1/``growth_per_year``) per 12 months; below a baseline of
  ``small_baseline`` a multiple says little, so the change is judged by additions (as many
  as the growth assumption allows from ``small_baseline``); a percentage moves by at most
  ``points_per_year`` percentage points per 12 months and stays within 0-100; a count
  growing from 0 cannot be judged (a "todo", not a pass); see :func:`achievable_range`;
* time-bound: the deadline is ahead, within the team's planning window
  (``deadline_min_months`` to ``deadline_max_months``, by default 1 to 36: a default,
  since the articles say returns take years).

Every check returns a :class:`Check` with a one-line ``why``.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from socialplaybook.rules.checks import Check
from socialplaybook.rules.checks import error as _error
from socialplaybook.rules.checks import ok as _ok
from socialplaybook.rules.checks import todo as _todo
from socialplaybook.rules.checks import warning as _warning
from socialplaybook.rules.dates import months_between, months_text
from socialplaybook.rules.i18n import _, list_text
from socialplaybook.rules.metrics import is_vanity_metric, vanity_terms
from socialplaybook.rules.numbers import format_number, format_rounded
from socialplaybook.rules.vocabulary import business_result_labels
from socialplaybook.steps.planning.section import Goal, GoalAssumptions, goal_unit
from socialplaybook.steps.planning.vocabulary import (
    DEADLINE_MAX_MONTHS,
    DEADLINE_MIN_MONTHS,
    DEFAULT_GROWTH_PER_YEAR,
)


def _growth_factor(growth_per_year: float, months: int) -> float:
    """``growth_per_year ** (months / 12)``, months below 0 counted as 0; inf on overflow."""
    try:
        return growth_per_year ** (max(months, 0) / 12)
    except OverflowError:
        return float("inf")


def achievable_limit(baseline: float, months: int,
                     growth_per_year: float = DEFAULT_GROWTH_PER_YEAR) -> float:
    """The highest target the growth multiple accepts: baseline x growth ** (months / 12).

    ``months`` below 0 count as 0; an overflowing factor gives infinity.
    """
    return baseline * _growth_factor(growth_per_year, months)


class AchievableRange(NamedTuple):
    """The targets the team's assumptions accept for a goal, and how they were judged.

    ``how`` is "multiple" (a count or amount, growth as a multiple of the baseline),
    "additions" (a small baseline: as many added or taken away as from ``small_baseline``)
    or "points" (a percentage: percentage points).
    """

    low: float
    high: float
    how: str


def achievable_range(baseline: float, months: int, unit: str,
                     assumptions: GoalAssumptions | None = None) -> AchievableRange:
    """The lowest and highest target the assumptions accept ``months`` from now.

    A count or an amount: from ``baseline / f`` to ``baseline * f`` with
    ``f = growth_per_year ** (months / 12)``; below ``small_baseline`` the change is
    counted in additions instead: up to ``small_baseline * (f - 1)`` more or
    ``small_baseline * (1 - 1/f)`` fewer (never below 0). A percentage: ``baseline`` plus
    or minus ``points_per_year * months / 12`` points, within 0-100. A baseline of 0 with
    a count has no multiple: :func:`goal_checks` says so instead of calling this.
    """
    a = assumptions or GoalAssumptions()
    months = max(months, 0)
    if unit == "percent":
        step = a.points_per_year * months / 12
        return AchievableRange(max(0.0, baseline - step), min(100.0, baseline + step), "points")
    factor = _growth_factor(a.growth_per_year, months)
    if baseline < a.small_baseline:
        up = a.small_baseline * (factor - 1) if factor != float("inf") else float("inf")
        down = a.small_baseline * (1 - 1 / factor)
        return AchievableRange(max(0.0, baseline - down), baseline + up, "additions")
    high = baseline * factor if factor != float("inf") else float("inf")
    return AchievableRange(baseline / factor, high, "multiple")


# -- checks ------------------------------------------------------------------------------------


def change_it_hint() -> str:
    """Where a team changes its assumptions (said in every message that uses one)."""
    return _("It is your team's assumption: change it under 'Our assumptions' in the goals tab.")


def achievable_rule(assumptions: GoalAssumptions | None = None, locale: str = "en") -> str:
    """The assumptions behind the achievable check in words (shown as the check's ``why``),
    numbers in the team's ``locale``."""
    a = assumptions or GoalAssumptions()
    default = a.model_dump(include={"growth_per_year", "small_baseline", "points_per_year"}) \
        == GoalAssumptions().model_dump(include={"growth_per_year", "small_baseline",
                                                 "points_per_year"})
    origin = (_("These are the toolkit's defaults, a starting point and not a published "
                "benchmark; set them from your own history.") if default
              else _("These are your team's own figures."))
    return _("Assumed: a count or an amount grows at most {factor}x (or falls to 1/{factor}) "
             "per 12 months; below a baseline of {small} it is judged by how many are added "
             "instead; a percentage moves at most {points} points per 12 months. {origin} "
             "Beyond that a target is a wish unless you know why it will happen.").format(
        factor=format_rounded(a.growth_per_year, locale=locale),
        small=format_rounded(a.small_baseline, locale=locale),
        points=format_rounded(a.points_per_year, locale=locale), origin=origin)


def deadline_window_rule(assumptions: GoalAssumptions | None = None,
                         locale: str = "en") -> str:
    """The planning window behind the time-bound check in words (its ``why``), numbers in
    the team's ``locale``."""
    a = assumptions or GoalAssumptions()
    default = (a.deadline_min_months, a.deadline_max_months) == (DEADLINE_MIN_MONTHS,
                                                                 DEADLINE_MAX_MONTHS)
    origin = (_("{lo} to {hi} months is the toolkit's default window, not a rule from "
                "research.") if default else _("{lo} to {hi} months is your team's own "
                                                "window.")).format(
        lo=format_number(a.deadline_min_months, locale=locale),
        hi=format_number(a.deadline_max_months, locale=locale))
    return _("A deadline makes a goal something to check; without one it is never late. "
             "{origin} Returns on social media often take years (listening, then a "
             "community, then trust), so a far deadline is fine with nearer steps on the "
             "way.").format(origin=origin)


def goal_checks(goal: Goal, today: date, assumptions: GoalAssumptions | None = None,
                locale: str = "en") -> list[Check]:
    """The SMART checks of a goal, in order: measurable, business result, achievable, time-bound.

    ``assumptions`` are the team's (the section's); the defaults when not given. Numbers
    in the messages are written in the team's number ``locale``.
    """
    a = assumptions or GoalAssumptions()
    return [_measurable(goal, locale), _business_result(goal),
            _achievable(goal, today, a, locale), _time_bound(goal, today, a, locale)]


def _measurable(goal: Goal, locale: str) -> Check:
    key = "goal.measurable"
    why = _("A goal you can check needs a way to count it and a number to reach; "
            "'more presence' is not a goal.")
    missing = []
    if not goal.metric.strip():
        missing.append(_("a metric (what you count)"))
    if goal.target is None:
        missing.append(_("a target number"))
    if missing:
        return _warning(key, _("Add {missing}.").format(missing=list_text(missing)), why)
    return _ok(key, _("Specific and measurable: {metric}, target {target}.").format(
        metric=goal.metric.strip(), target=format_rounded(goal.target, locale=locale)), why)


def _business_result(goal: Goal) -> Check:
    key = "goal.business_result"
    why = _("Followers and comments are not clients: judge social media by its effect on "
            "the business, as you would any other channel.")
    terms = vanity_terms(goal.metric)
    if terms and is_vanity_metric(goal.metric):  # the first thing to say, result or not
        return _warning(
            key,
            _("'{terms}' counts attention, not business. Followers, likes and comments are "
              "not clients: measure what they bring, such as leads, sales, kept customers "
              "or fewer support calls.").format(terms=list_text(terms)),
            why)
    if goal.business_result is None:
        return _warning(key, _("Choose the business result this goal serves."), why)
    label = business_result_labels()[goal.business_result]
    return _ok(key, _("Tied to a business result: {result}.").format(result=label), why)


def _achievable(goal: Goal, today: date, a: GoalAssumptions, locale: str) -> Check:
    key = "goal.achievable"
    why = achievable_rule(a, locale)

    def number(value: float) -> str:
        return format_rounded(value, locale=locale)

    hint = change_it_hint()
    if goal.baseline is None or goal.target is None:
        return _warning(key, _("Add today's value (baseline) and a target to check that the "
                               "target is realistic."), why)
    if goal.deadline is None:
        return _warning(key, _("Add a deadline: what is realistic depends on the time given."),
                        why)
    baseline, target = goal.baseline, goal.target
    months = max(months_between(today, goal.deadline), 0)
    period = months_text(months, locale)
    unit = goal_unit(goal)
    if unit == "percent" and (baseline > 100 or target > 100):
        return _error(key, _("A percentage cannot exceed 100 (baseline {baseline}, target "
                             "{target}). If this counts something else, set the unit to a "
                             "number.").format(baseline=number(baseline),
                                               target=number(target)), why)
    if target == baseline:
        return _ok(key, _("No change from {baseline}: keeping a level needs no growth "
                          "assumption.").format(baseline=number(baseline)), why)
    if unit == "number" and baseline == 0:
        return _todo(key, " ".join([_(
            "Starting from 0, your growth assumption ({factor}x per 12 months) cannot judge "
            "the target: any multiple of 0 is 0, so this check neither passes nor fails it. "
            "Measure a first month and use it as the baseline, or compare the target with "
            "what similar teams reach.").format(factor=number(a.growth_per_year)),
            hint]), why)
    low, high, how = achievable_range(baseline, months, unit, a)
    values = {"target": number(target), "baseline": number(baseline),
              "period": period, "low": number(low), "high": number(high),
              "factor": number(a.growth_per_year), "small": number(a.small_baseline),
              "points": number(a.points_per_year)}
    if how == "points":
        used = _("Assumed: at most {points} percentage points per 12 months (a share grows "
                 "by points, not multiples).").format(**values)
    elif how == "additions":
        used = _("Below a baseline of {small} a multiple says little (2 to 10 is 5x but 8 "
                 "more), so the change is judged by additions: as many as {factor}x per 12 "
                 "months allows from {small}.").format(**values)
    else:
        used = _("Assumed: at most {factor}x up (or down to 1/{factor}) per 12 months."
                 ).format(**values)
    rising = target > baseline
    if low <= target <= high:
        message = (_("Realistic by your assumption: from {baseline}, up to {high} in {period}.")
                   if rising else
                   _("Realistic by your assumption: from {baseline}, down to {low} in "
                     "{period}."))
        return _ok(key, " ".join([message.format(**values), used, hint]), why)
    if rising:
        message = _("A target of {target} is beyond what your assumption allows from "
                    "{baseline} in {period}: at most {high}. Lower the target, give it more "
                    "time, or change the assumption if you know why it will grow faster.")
    else:
        message = _("A cut to {target} is deeper than your assumption allows from {baseline} "
                    "in {period}: at most down to {low}. Aim higher, give it more time, or "
                    "change the assumption if you know why it will fall faster.")
    return _warning(key, " ".join([message.format(**values), used, hint]), why)


def _time_bound(goal: Goal, today: date, a: GoalAssumptions, locale: str) -> Check:
    key = "goal.time_bound"
    why = deadline_window_rule(a, locale)
    hint = change_it_hint()
    if goal.deadline is None:
        return _warning(key, _("Set a deadline."), why)
    months = months_between(today, goal.deadline)
    if goal.deadline <= today:
        return _warning(key, _("The deadline {deadline} is not ahead: set a date to come.")
                        .format(deadline=goal.deadline.isoformat()), why)
    window = _("your planning window of {lo} to {hi} months").format(
        lo=format_number(a.deadline_min_months, locale=locale),
        hi=format_number(a.deadline_max_months, locale=locale))
    if months < a.deadline_min_months:
        return _warning(key, " ".join([_(
            "The deadline is {period} ahead, nearer than {window}. So soon you can check "
            "early signs (replies, enquiries), rarely the business result: keep it as a "
            "step towards a later goal.").format(period=months_text(months, locale),
                                                 window=window),
            hint]), why)
    if months > a.deadline_max_months:
        return _warning(key, " ".join([_(
            "The deadline is {period} ahead, further than {window}: keep it if the result "
            "takes that long, and set a nearer goal on the way to check progress.").format(
            period=months_text(months, locale), window=window), hint]), why)
    return _ok(key, _("Time-bound: {period} ahead ({deadline}), within {window}.").format(
        period=months_text(months, locale), deadline=goal.deadline.isoformat(),
        window=window), why)
