"""The budget in the playbook's document: the total cost of social with staff time (drawn),
the paid budget's split for the team's outcome, and its assumptions."""

from __future__ import annotations

from socialplaybook.rules.blocks import (
    Block,
    Chart,
    Column,
    Figure,
    Heading,
    KeyFigures,
    Paragraph,
    Table,
)
from socialplaybook.rules.carryover import monthly_carry_over
from socialplaybook.rules.charts import bar_chart_svg
from socialplaybook.rules.i18n import _, list_text
from socialplaybook.rules.numbers import format_money, format_number, format_rounded
from socialplaybook.steps.budget.limits import cost_item_labels
from socialplaybook.steps.budget.outcomes import outcome_labels
from socialplaybook.steps.budget.section import BudgetSection
from socialplaybook.steps.budget.view import budget_view


def budget_document(section: BudgetSection, plan) -> list[Block]:
    """Key figures, the monthly costs as bars and a table, the split and its assumptions."""
    if section == BudgetSection():
        return [Paragraph(_("No budget entered yet."), muted=True)]
    currency, locale = plan.currency, plan.locale
    view = budget_view(section, plan.platforms, plan.planning, currency, locale)
    costs = view.costs
    labels = cost_item_labels()
    items = [(labels[name], value) for name, value in costs.activities.items()]
    items.append((_("Paid promotion"), costs.paid))
    if costs.staff is not None:
        items.append((_("Staff time ({hours} h a week)").format(
            hours=format_rounded(costs.staff_hours_per_week, locale=locale)), costs.staff))
    blocks: list[Block] = [KeyFigures((
        Figure(_("Total cost of social a month"), costs.total, "money"),
        Figure(_("Cash a month (tools, production, paid)"), costs.cash, "money"),
        Figure(_("Staff time a month"), costs.staff, "money"),
        Figure(_("Staff hours a week"), costs.staff_hours_per_week)))]
    if costs.staff is None:
        blocks.append(Paragraph(_("Staff time is not counted in the total: the hourly staff "
                                  "cost is not entered."), muted=True))
    blocks.append(Chart("budget-costs", _("What social costs a month"), bar_chart_svg(
        "budget-costs", _("What social costs a month"), items,
        lambda value: format_money(value, currency, locale))))
    blocks.append(Table((Column(_("Cost")), Column(_("A month"), "money")),
                        (*items, (_("Total"), costs.total)), total=True,
                        name=_("Monthly costs")))
    blocks += [Heading(_("The paid budget"))] + _split(section, view, plan)
    if section.scenarios:
        blocks.append(Paragraph(_("Scenarios: {names}").format(
            names=list_text(s.name for s in section.scenarios))))
    return blocks


def _split(section: BudgetSection, view, plan) -> list[Block]:
    blocks: list[Block] = []
    if section.outcome is None:
        blocks.append(Paragraph(_("The paid budget is split for: not chosen here (from the "
                                  "planning goals, else leads).")))
    else:
        blocks.append(Paragraph(_("The paid budget is split for: {outcome}.").format(
            outcome=outcome_labels()[section.outcome])))
    spend = view.allocation.spend if view.allocation.feasible else {}
    if view.lines:
        blocks.append(Table(
            (Column(_("Platform")), Column(_("Today a month"), "money"),
             Column(_("Recommended a month"), "money"), Column(_("Hours per week"), "number"),
             Column(_("Our cost per lead"), "money"), Column(_("Our cost per sale"), "money")),
            tuple((line.platform, line.item.current_spend, spend.get(line.id),
                   line.hours_per_week, line.item.cost_per_lead, line.item.cost_per_sale)
                  for line in view.lines), name=_("Platforms")))
    if not view.allocation.feasible and view.allocation.message:
        blocks.append(Paragraph(view.allocation.message, muted=True))
    locale = plan.locale
    notes = []
    if section.value_per_sale is not None:
        notes.append(_("A sale is worth {value}.").format(
            value=format_money(section.value_per_sale, plan.currency, locale)))
    if section.exchange_rate_per_usd is not None and section.exchange_rate_date is not None:
        notes.append(_("Exchange rate: {rate} for one US dollar (our rate of {date}).").format(
            rate=format_number(section.exchange_rate_per_usd, locale=locale),
            date=section.exchange_rate_date.isoformat()))
    notes.append(_("Carry-over: {week} % a week ({month} % a month).").format(
        week=format_rounded(section.carry_over_per_week * 100, locale=locale, max_decimals=1),
        month=format_rounded(monthly_carry_over(section.carry_over_per_week) * 100,
                             locale=locale)))
    blocks.append(Paragraph(" ".join(notes), muted=True))
    return blocks
