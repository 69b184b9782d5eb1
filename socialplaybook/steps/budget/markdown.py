"""The budget section in the exported Markdown."""

from __future__ import annotations

from socialplaybook.rules.carryover import monthly_carry_over
from socialplaybook.rules.i18n import _, list_text
from socialplaybook.rules.numbers import format_number, format_rounded
from socialplaybook.steps.budget.limits import cost_item_labels
from socialplaybook.steps.budget.outcomes import outcome_labels
from socialplaybook.steps.budget.section import BudgetSection


def budget_markdown(section: BudgetSection, locale: str = "en",
                    plan=None) -> list[str]:
    """The export's lines for the budget step (numbers in the team's ``locale``)."""
    from socialplaybook.rules.text import markdown_text

    def number(value: float) -> str:
        return format_number(value, locale=locale)

    labels = cost_item_labels()
    lines = ["## " + _("Budget"), ""]
    costs = section.monthly_costs.as_dict()
    lines.append(_("Paid budget a month: {v}").format(v=number(section.paid_budget)))
    if section.hourly_staff_cost is not None:
        lines.append("")
        lines.append(_("Staff cost an hour: {v}").format(
            v=number(section.hourly_staff_cost)))
    lines.append("")
    for name, value in costs.items():
        lines.append(f"- {labels[name]}: {number(value)}")
    lines.append("")
    if section.outcome is None:
        lines.append(_("The paid budget is split for: not chosen here (from the planning "
                       "goals, else leads)."))
    else:
        lines.append(_("The paid budget is split for: {outcome}.").format(
            outcome=outcome_labels()[section.outcome]))
    if section.value_per_sale is not None:
        lines.append(_("A sale is worth {value}.").format(
            value=number(section.value_per_sale)))
    if section.exchange_rate_per_usd is not None and section.exchange_rate_date is not None:
        lines.append(_("Exchange rate: {rate} for one US dollar (our rate of {date}).").format(
            rate=number(section.exchange_rate_per_usd),
            date=section.exchange_rate_date.isoformat()))
    lines.append(_("Carry-over: {week} % a week ({month} % a month).").format(
        week=format_rounded(section.carry_over_per_week * 100, locale=locale,
                            max_decimals=1),
        month=format_rounded(monthly_carry_over(section.carry_over_per_week) * 100,
                             locale=locale)))
    included = [item for item in section.platforms if item.included]
    if included:
        lines.append("")
        for item in included:
            lines.append(_("- **{name}**: today {today} a month").format(
                name=markdown_text(item.platform), today=number(item.current_spend)))
            for field, label in (("cost_per_lead", _("our cost per lead")),
                                 ("cost_per_sale", _("our cost per sale")),
                                 ("value_per_sale", _("a sale here is worth"))):
                value = getattr(item, field)
                if value is not None:
                    lines.append(f"  - {label}: {number(value)}")
    if section.scenarios:
        lines += ["", _("Scenarios: {names}").format(
            names=list_text(markdown_text(s.name) for s in section.scenarios))]
    lines.append("")
    return lines
