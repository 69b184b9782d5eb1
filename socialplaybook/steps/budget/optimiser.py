"""Splitting the paid budget over the platforms where each amount returns the most.

The optimiser (:func:`optimise`) splits the paid budget to maximise the summed
response with per-platform minimum and maximum, platforms held at today's spend, and
"allocate only the increase" (no platform below today's spend). At the optimum every
platform not held by a bound has the same marginal return, which is the "why" the app
shows. Concave curves (shape <= 1) have that one optimum, found exactly by
water-filling: each platform spends where its marginal return is ``λ`` (clipped to its
bounds), and a root finder on ``ln λ`` makes the spends add up to the budget.
Meridian's greedy marginal allocation is easier to tell but only reaches that to
within one step, and stalls at the flat foot of an S-shaped curve. With an S-shaped
curve a dynamic programme over 160 steps of the budget (the exact form of Meridian's
step-by-step allocation) first finds the best split on that grid, SLSQP (the solver
PyMC-Marketing uses: bounds, the total as a constraint, analytic gradients, on spend
/ budget) refines it, and water-filling on the platforms it gave money to (an S-shaped
one past its steepest point, where its curve is concave again) makes the marginal
returns equal where the curves are flat and SLSQP stops early. A budget below the sum
of the minimums is answered with a message saying what would make it feasible, never
a solver's error. The solvers are in ``solvers.py``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from socialplaybook.rules.i18n import _, list_text
from socialplaybook.rules.numbers import format_money
from socialplaybook.steps.budget.curves import HillCurve
from socialplaybook.steps.budget.lines import PlatformLine
from socialplaybook.steps.budget.section import BudgetInputs
from socialplaybook.steps.budget.solvers import _solve

Bound = Literal["free", "min", "max", "fixed", "no_curve", "today", "nothing"]


@dataclass(frozen=True)
class Channel:
    """What the optimiser needs of one platform (money a month)."""

    id: str
    name: str
    curve: HillCurve | None
    today: float = 0.0
    minimum: float = 0.0
    maximum: float | None = None
    fixed: bool = False


@dataclass(frozen=True)
class ChannelResult:
    """One platform's recommended spend, what it brings, and what holds it (``bound``)."""

    id: str
    name: str
    today: float
    spend: float
    response: float | None
    today_response: float | None
    marginal: float | None
    bound: Bound


@dataclass(frozen=True)
class Allocation:
    """The optimiser's answer. ``feasible`` False: ``message`` says what would make it so."""

    feasible: bool
    message: str
    budget: float
    lines: tuple[ChannelResult, ...] = ()
    total_response: float = 0.0
    today_response: float = 0.0
    unallocated: float = 0.0

    @property
    def spend(self) -> dict[str, float]:
        return {line.id: line.spend for line in self.lines}


def channels_from_lines(lines: Sequence[PlatformLine]) -> list[Channel]:
    """The optimiser's view of the budget's platforms."""
    return [Channel(line.id, line.platform, line.curve, line.item.current_spend,
                    line.item.min_spend, line.item.max_spend, line.item.fixed)
            for line in lines]


def optimise(channels: Sequence[Channel], budget: float, only_increase: bool = False,
             currency: str = "", locale: str = "en") -> Allocation:
    """Split ``budget`` (a month) over ``channels`` to maximise the summed response.

    Bounds per platform: held at today's spend when ``fixed`` or without a curve; else
    from its minimum (and today's spend with ``only_increase``) to its maximum. When the
    maxima add up to less than the budget, each gets its maximum and the rest is
    ``unallocated``. A platform held fixed (or without a curve) keeps today's spend
    exactly. Water-filling for concave curves; a grid search, SLSQP and water-filling
    when a curve is S-shaped (see the module docstring); never raises for a budget that
    cannot be split: ``message`` says why.
    """
    if not math.isfinite(budget) or budget < 0:
        return Allocation(False, _("The paid budget must be 0 or more."), budget)
    if not channels:
        return Allocation(False, _("No platform to allocate to: choose platforms in the "
                                   "Platforms step, or add one here."), budget)
    lower, upper, bounds = [], [], []
    for c in channels:
        if c.curve is None:  # nothing to weigh it by: today's spend, or the team's minimum
            lo = hi = max(c.today, c.minimum)
            bound: Bound = "min" if c.minimum > c.today else "no_curve"
        elif c.fixed:
            lo = hi = c.today
            bound = "fixed"
        else:
            lo = max(c.minimum, c.today if only_increase else 0.0)
            hi = math.inf if c.maximum is None else c.maximum
            bound = "free"
            if lo > hi:
                why = (_("today's spend ({today})").format(today=format_money(
                    c.today, currency, locale)) if only_increase and c.today > c.minimum
                    else _("its minimum ({min})").format(min=format_money(c.minimum, currency,
                                                                          locale)))
                return Allocation(False, _(
                    "{name}: {why} is above its maximum ({max}). Raise the maximum, or "
                    "untick 'allocate only the increase'.").format(
                        name=c.name, why=why, max=format_money(c.maximum, currency, locale)),
                    budget)
        lower.append(lo)
        upper.append(hi)
        bounds.append(bound)
    need = sum(lower)
    if need > budget * (1 + 1e-12) + 1e-9:
        return Allocation(False, _infeasible_message(channels, lower, bounds, budget, need,
                                                     only_increase, currency, locale), budget)
    upper = [min(hi, max(lo, budget)) for lo, hi in zip(lower, upper, strict=True)]
    free = [i for i, b in enumerate(bounds) if b == "free" and upper[i] > lower[i]]
    spend = list(lower)
    unallocated = 0.0
    if sum(upper) <= budget:
        spend = list(upper)
        unallocated = budget - sum(upper)
    elif free and budget - need > 0:
        solved = _solve([channels[i].curve for i in free], [lower[i] for i in free],
                        [upper[i] for i in free], budget - sum(lower[i] for i in range(len(
                            channels)) if i not in free))
        for i, x in zip(free, solved, strict=True):
            spend[i] = x
    else:
        unallocated = max(0.0, budget - need)
    results = []
    for i, c in enumerate(channels):
        x = spend[i]
        bound = bounds[i]
        if bound == "free":
            tolerance = 1e-6 * max(budget, 1.0)
            if x <= lower[i] + tolerance and lower[i] > 0:
                bound = "today" if only_increase and lower[i] == c.today and (
                    c.today > c.minimum) else "min"
            elif x >= upper[i] - tolerance and c.maximum is not None and (
                    upper[i] == c.maximum):
                bound = "max"
            elif x <= tolerance and lower[i] == 0:
                bound = "nothing"
        results.append(ChannelResult(
            c.id, c.name, c.today, x,
            c.curve.response(x) if c.curve else None,
            c.curve.response(c.today) if c.curve else None,
            c.curve.marginal(x) if c.curve else None, bound))
    total = sum(r.response or 0.0 for r in results)
    today_total = sum(r.today_response or 0.0 for r in results)
    message = ""
    if unallocated > 1e-6 * max(budget, 1.0):
        message = _("The maxima and fixed amounts add up to less than the budget: {left} a "
                    "month is left unallocated. Raise a maximum or lower the budget.").format(
                        left=format_money(unallocated, currency, locale))
    return Allocation(True, message, budget, tuple(results), total, today_total, unallocated)


def _infeasible_message(channels: Sequence[Channel], lower: Sequence[float],
                        bounds: Sequence[str], budget: float, need: float,
                        only_increase: bool, currency: str, locale: str) -> str:
    parts = []
    for c, lo, bound in zip(channels, lower, bounds, strict=True):
        if lo <= 0:
            continue
        what = {"fixed": _("held at today's spend"),
                "no_curve": _("today's spend, no curve")}.get(bound)
        if what is None:
            what = (_("today's spend") if only_increase and lo == c.today and c.today > c.minimum
                    else _("minimum"))
        parts.append(f"{c.name} {format_money(lo, currency, locale)} ({what})")
    fixes = [_("lower a minimum")]
    if any(b == "fixed" for b in bounds):
        fixes.append(_("release a platform held fixed"))
    if only_increase:
        fixes.append(_("untick 'allocate only the increase'"))
    return _("Not possible: the paid budget of {budget} is less than the {need} the "
             "platforms must get ({parts}). Raise the paid budget to at least {need}, or "
             "{fixes}.").format(budget=format_money(budget, currency, locale),
                                need=format_money(need, currency, locale),
                                parts="; ".join(parts), fixes=list_text(fixes, style="or"))


def _nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 2.5, 5 × a power of ten at or above ``value``."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= value)


def slider_range(paid_budget: float, lines: Sequence[PlatformLine]) -> tuple[int, int, int]:
    """The paid budget slider's range and step: up to about 3 × the curves' half-saturation
    spends (where they are mostly flat), twice the budget or today's spend, at least 1,000.
    """
    half = sum(line.values["hill_k"] or 0.0 for line in lines)
    today = sum(line.item.current_spend for line in lines)
    high = _nice_ceiling(max(1000.0, 3 * half, 2 * paid_budget, 2 * today))
    step = max(1, int(_nice_ceiling(high / 200)))
    return 0, int(high), step


def allocation_for(section: BudgetInputs, lines: Sequence[PlatformLine], currency: str = "",
                   locale: str = "en") -> Allocation:
    """The recommended split of the section's paid budget over its platforms."""
    return optimise(channels_from_lines(lines), section.paid_budget, section.only_increase,
                    currency, locale)
