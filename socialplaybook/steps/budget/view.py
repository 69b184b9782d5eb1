"""Everything the budget app shows, computed in one call."""

from __future__ import annotations

from dataclasses import dataclass, field

from socialplaybook.rules.checks import Check
from socialplaybook.steps.budget.carryover import build_up
from socialplaybook.steps.budget.lines import PlatformLine, budget_lines
from socialplaybook.steps.budget.money import CostSummary, cost_summary, money_checks
from socialplaybook.steps.budget.optimiser import Allocation, allocation_for
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
    """Everything the app shows for one section, computed in one place."""

    lines: list[PlatformLine]
    capacity: Capacity
    use: Utilisation
    costs: CostSummary
    allocation: Allocation
    checks: list[Check] = field(default_factory=list)
    reach: dict[str, Reach] = field(default_factory=dict)
    build_up: list[float] = field(default_factory=list)


def budget_view(section: BudgetInputs, platforms_section=None, planning=None,
                currency: str = "", locale: str = "en") -> BudgetView:
    """Time, money, reach, the allocation and the carry-over for ``section``."""
    lines = budget_lines(section, platforms_section)
    capacity = team_capacity(section, platforms_section, planning)
    use = utilisation(lines, capacity)
    costs = cost_summary(section, lines)
    allocation = allocation_for(section, lines, currency, locale)
    spend = allocation.spend if allocation.feasible else {}
    reach = {line.id: platform_reach(line, spend.get(line.id, line.item.current_spend))
             for line in lines}
    curves = {line.id: line.curve for line in lines if line.curve is not None}
    months = build_up(allocation, curves, section.adstock_theta) if allocation.feasible else []
    checks = time_checks(lines, use, capacity, locale) + money_checks(section, costs)
    return BudgetView(lines, capacity, use, costs, allocation, checks, reach, months)
