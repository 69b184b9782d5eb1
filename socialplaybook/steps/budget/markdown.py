"""The budget section in the exported Markdown."""

from __future__ import annotations

from socialplaybook.rules.i18n import _
from socialplaybook.rules.numbers import format_number
from socialplaybook.steps.budget.limits import cost_item_labels
from socialplaybook.steps.budget.section import BudgetSection


def budget_markdown(section: BudgetSection) -> list[str]:
    """The export's lines for the budget step."""
    from socialplaybook.rules.text import markdown_text

    labels = cost_item_labels()
    lines = ["## " + _("Budget"), ""]
    costs = section.monthly_costs.as_dict()
    lines.append(_("Paid budget a month: {v}").format(v=format_number(section.paid_budget)))
    if section.hourly_staff_cost is not None:
        lines.append("")
        lines.append(_("Staff cost an hour: {v}").format(
            v=format_number(section.hourly_staff_cost)))
    lines.append("")
    for name, value in costs.items():
        lines.append(f"- {labels[name]}: {format_number(value)}")
    included = [item for item in section.platforms if item.included]
    if included:
        lines.append("")
        for item in included:
            lines.append(_("- **{name}**: today {today} a month").format(
                name=markdown_text(item.platform), today=format_number(item.current_spend)))
    if section.scenarios:
        lines += ["", _("Scenarios: {names}").format(
            names=", ".join(markdown_text(s.name) for s in section.scenarios))]
    lines.append("")
    return lines
