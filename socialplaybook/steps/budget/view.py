"""Everything the budget app shows, computed in one call."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from socialplaybook.rules.carryover import monthly_carry_over, normalised_adstock
from socialplaybook.rules.checks import Check
from socialplaybook.rules.checks import ok as _ok
from socialplaybook.rules.checks import todo as _todo
from socialplaybook.rules.checks import warning as _warning
from socialplaybook.rules.i18n import _
from socialplaybook.steps.budget.curves import HillCurve
from socialplaybook.steps.budget.limits import MONTHS_SHOWN
from socialplaybook.steps.budget.lines import PlatformLine, budget_lines
from socialplaybook.steps.budget.money import CostSummary, cost_summary, money_checks
from socialplaybook.steps.budget.optimiser import Allocation, allocation_for
from socialplaybook.steps.budget.outcomes import (
    BudgetTerms,
    allocation_explanations,
    budget_terms,
    outcome_labels,
)
from socialplaybook.steps.budget.reach import Reach, platform_reach
from socialplaybook.steps.budget.section import BudgetInputs
from socialplaybook.steps.budget.time import (
    Capacity,
    Utilisation,
    team_capacity,
    time_checks,
    utilisation,
)


@dataclass
class BudgetView:
    """Everything the app shows for one section, computed in one place.

    ``allocation`` is in the outcome's unit (``terms.unit()``); ``explanations`` says per
    platform what the next amount brings there; ``reach`` is the secondary impressions
    view; ``build_up`` the outcome month by month with the carry-over of
    ``carry_over_per_month`` (from the section's decay a week).
    """

    lines: list[PlatformLine]
    capacity: Capacity
    use: Utilisation
    costs: CostSummary
    allocation: Allocation
    checks: list[Check] = field(default_factory=list)
    reach: dict[str, Reach] = field(default_factory=dict)
    build_up: list[float] = field(default_factory=list)
    terms: BudgetTerms = field(default_factory=BudgetTerms)
    explanations: dict[str, str] = field(default_factory=dict)
    carry_over_per_month: float = 0.0


def build_up(allocation: Allocation, curves: dict[str, HillCurve], theta_month: float,
             months: int = MONTHS_SHOWN) -> list[float]:
    """The summed response month by month when the recommended spend starts in month 1.

    Each platform's spend is carried over (normalised adstock, ``rules.carryover``) before
    its curve: month 1 gives ``curve((1 - theta) · x)``, approaching ``curve(x)``.
    """
    totals = [0.0] * months
    for line in allocation.lines:
        curve = curves.get(line.id)
        if curve is None:
            continue
        for month, value in enumerate(normalised_adstock([line.spend] * months, theta_month)):
            totals[month] += curve.response(value)
    return totals


def outcome_checks(terms: BudgetTerms, lines: Sequence[PlatformLine]) -> list[Check]:
    """What the split counts, and whether the platforms can be split for it at all."""
    why = _("Impressions count attention, not business: the paid budget is split for the "
            "result your goals need, and impressions are shown beside it.")
    label = outcome_labels()[terms.outcome]
    checks = []
    if terms.outcome_origin == "default":
        checks.append(_todo("outcome", _(
            "The split counts leads, the toolkit's default: choose what the paid budget "
            "should bring (leads, sales or the value of sales)."), why))
    elif terms.outcome_origin == "planning":
        checks.append(_ok("outcome", _("The split counts {outcome}, as your planning goals "
                                       "ask.").format(outcome=label.lower()), why))
    else:
        checks.append(_ok("outcome", _("The split counts {outcome}.").format(
            outcome=label.lower()), why))
    if any(b.rate is None for line in lines for b in line.benchmarks.values()):
        checks.append(_warning("exchange-rate", _(
            "There is no exchange rate from US dollars to {currency} here: the US dollar "
            "benchmarks cannot be used until you enter the rate and its date.").format(
                currency=terms.currency), why))
    if lines and all(line.curve is None for line in lines):
        checks.append(_todo("results-curves", _(
            "No platform has a cost per result yet: enter what a result costs on each "
            "platform you pay for, and the budget is split for it."), why))
    return checks


def budget_view(section: BudgetInputs, platforms_section=None, planning=None,
                currency: str = "", locale: str = "en") -> BudgetView:
    """Time, money, the split for the outcome, impressions and the carry-over for
    ``section`` (``currency``: the plan's; "" is taken as US dollars)."""
    terms = budget_terms(section, currency or "USD", planning)
    lines = budget_lines(section, platforms_section, terms=terms)
    capacity = team_capacity(section, platforms_section, planning)
    use = utilisation(lines, capacity)
    costs = cost_summary(section, lines)
    allocation = allocation_for(section, lines, terms.currency, locale)
    spend = allocation.spend if allocation.feasible else {}
    reach = {line.id: platform_reach(line, spend.get(line.id, line.item.current_spend))
             for line in lines}
    curves = {line.id: line.curve for line in lines if line.curve is not None}
    theta = monthly_carry_over(section.carry_over_per_week)
    months = build_up(allocation, curves, theta) if allocation.feasible else []
    checks = (time_checks(lines, use, capacity, locale) + money_checks(section, costs)
              + outcome_checks(terms, lines))
    explanations = allocation_explanations(allocation, lines, terms, locale)
    return BudgetView(lines, capacity, use, costs, allocation, checks, reach, months, terms,
                      explanations, theta)
