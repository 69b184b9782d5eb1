"""What the budget still lacks, for the playbook's checklist."""

from __future__ import annotations

from socialplaybook.rules.checks import Check
from socialplaybook.steps.budget.section import BudgetSection
from socialplaybook.steps.budget.view import budget_view


def budget_gaps(section: BudgetSection, plan) -> list[Check]:
    """The budget app's checks (time, money, the outcome) that do not pass yet."""
    view = budget_view(section, plan.platforms, plan.planning, plan.currency, plan.locale)
    return [c for c in view.checks if not c.ok]
