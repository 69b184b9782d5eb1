"""Money a month: the activities, the paid budget and the staff hours at the hourly cost
(``hours a week × 52 / 12 × hourly cost``), the total cost of social.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from socialplaybook.rules.checks import Check
from socialplaybook.rules.checks import ok as _ok
from socialplaybook.rules.checks import todo as _todo
from socialplaybook.rules.checks import warning as _warning
from socialplaybook.rules.i18n import _
from socialplaybook.steps.budget.limits import WEEKS_PER_MONTH
from socialplaybook.steps.budget.section import BudgetInputs

if TYPE_CHECKING:  # for annotations only: lines.py imports this module
    from socialplaybook.steps.budget.lines import PlatformLine

def staff_cost_per_month(hours_per_week: float, hourly_cost: float) -> float:
    """What the staff hours cost a month: ``hours a week × 52 / 12 × hourly cost``."""
    return hours_per_week * WEEKS_PER_MONTH * hourly_cost


@dataclass(frozen=True)
class CostSummary:
    """The total cost of social a month, staff time included (None: hourly cost missing)."""

    activities: dict[str, float]
    paid: float
    staff_hours_per_week: float
    staff: float | None
    cash: float  # activities + paid
    total: float  # cash + staff (staff counted as 0 when its cost is not known)


def cost_summary(section: BudgetInputs, lines: Sequence[PlatformLine]) -> CostSummary:
    """Activities, paid promotion and staff hours a month, and their total."""
    activities = section.monthly_costs.as_dict()
    hours = sum(line.hours_per_week for line in lines)
    staff = (staff_cost_per_month(hours, section.hourly_staff_cost)
             if section.hourly_staff_cost is not None else None)
    cash = sum(activities.values()) + section.paid_budget
    return CostSummary(activities, section.paid_budget, hours, staff, cash,
                       cash + (staff or 0.0))


def money_checks(section: BudgetInputs, costs: CostSummary) -> list[Check]:
    """'Free' is never the answer: the staff hours have a cost, and so does the rest."""
    why = _("Social media is not free: discovering, curating, publishing, responding and "
            "promoting all cost time and money (seeds 001/002).")
    if section.hourly_staff_cost is None:
        return [_todo("staff", _("Enter what an hour of staff time costs: the hours are the "
                                 "largest cost of social for most teams."), why)]
    if costs.total == 0:
        return [_warning("free", _("Nothing costs anything here: 'free' is never the answer. "
                                   "Enter the hours and what they cost."), why)]
    if costs.staff and costs.cash < costs.staff:
        return [_ok("staff", _("Staff time is the largest part of your cost: most of the "
                               "cost of social is people, not tools."), why)]
    return [_ok("staff", _("Staff time is counted in the total."), why)]
