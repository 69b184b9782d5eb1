"""Budget scenarios side by side."""

from __future__ import annotations

from dataclasses import dataclass

from socialplaybook.rules.i18n import _
from socialplaybook.rules.vocabulary import platform_id
from socialplaybook.steps.budget.defaults import BudgetDefaults
from socialplaybook.steps.budget.limits import MAX_SCENARIOS, SCENARIO_NAME_MAX_CHARS
from socialplaybook.steps.budget.lines import budget_lines
from socialplaybook.steps.budget.money import cost_summary
from socialplaybook.steps.budget.optimiser import allocation_for
from socialplaybook.steps.budget.outcomes import budget_terms
from socialplaybook.steps.budget.reach import platform_reach
from socialplaybook.steps.budget.section import BudgetInputs, BudgetSection, Scenario
from socialplaybook.steps.budget.time import team_capacity, utilisation


@dataclass(frozen=True)
class ScenarioSummary:
    """One variant's headline numbers, for the side-by-side comparison."""

    name: str
    total_cost: float
    staff_cost: float | None
    paid_budget: float
    hours_per_week: float
    utilisation: float | None
    organic_impressions: float | None
    paid_impressions: float | None
    response: float | None  # in the outcome's unit (leads, sales, or money of sales)
    feasible: bool


def summarise(name: str, inputs: BudgetInputs, platforms_section=None, planning=None,
              defaults: dict[str, BudgetDefaults] | None = None,
              currency: str = "") -> ScenarioSummary:
    """The headline numbers of one variant: cost with staff time, hours, impressions and
    the outcome it brings (``currency``: the plan's; "" is taken as US dollars)."""
    terms = budget_terms(inputs, currency or "USD", planning)
    lines = budget_lines(inputs, platforms_section, defaults, terms)
    capacity = team_capacity(inputs, platforms_section, planning)
    costs = cost_summary(inputs, lines)
    use = utilisation(lines, capacity)
    allocation = allocation_for(inputs, lines, terms.currency)
    spend = allocation.spend if allocation.feasible else {
        line.id: line.item.current_spend for line in lines}
    organic = paid = None
    for line in lines:
        reach = platform_reach(line, spend.get(line.id, 0.0))
        if reach.organic is not None:
            organic = (organic or 0.0) + reach.organic
        if reach.paid_at_cpm is not None:
            paid = (paid or 0.0) + reach.paid_at_cpm
    return ScenarioSummary(name, costs.total, costs.staff, inputs.paid_budget,
                           costs.staff_hours_per_week, use.total, organic, paid,
                           allocation.total_response if allocation.feasible else None,
                           allocation.feasible)


def scenario_from(section: BudgetSection, name: str, platforms_section=None) -> Scenario:
    """The current variant saved under ``name``, its platforms as they are shown now.

    Raises ValueError (a message for a person) for an empty or taken name.
    """
    cleaned = " ".join(name.split())
    if not cleaned or len(cleaned) > SCENARIO_NAME_MAX_CHARS:
        raise ValueError(_("Give the scenario a name (1 to {n} characters).").format(
            n=SCENARIO_NAME_MAX_CHARS))
    if len(section.scenarios) >= MAX_SCENARIOS:
        raise ValueError(_("At most {n} scenarios: delete one first.").format(
            n=MAX_SCENARIOS))
    if any(s.name.casefold() == cleaned.casefold() for s in section.scenarios):
        raise ValueError(_("A scenario called '{name}' exists: choose another name.").format(
            name=cleaned[:SCENARIO_NAME_MAX_CHARS]))
    inputs = section.inputs()
    lines = budget_lines(inputs, platforms_section)
    items = [line.item for line in lines] + [i for i in inputs.platforms if not i.included]
    inputs = inputs.model_copy(update={"platforms": items})
    base = platform_id(cleaned)[:40] or "s"
    taken = {s.id for s in section.scenarios}
    sid, number = f"s-{base}", 2
    while sid in taken:
        sid, number = f"s-{base}-{number}", number + 1
    return Scenario(id=sid[:64], name=cleaned, inputs=inputs)
