"""ROI over time: a carry-over (geometric adstock) and a community-growth assumption next to
the naive "this month's return from this month's spend", with the month the cumulative
ROI breaks even.
"""

from __future__ import annotations

from dataclasses import dataclass

from socialplaybook.rules.i18n import _
from socialplaybook.rules.numbers import format_number
from socialplaybook.steps.kpis.section import RoiAssumptions
from socialplaybook.steps.kpis.vocabulary import (
    MAX_CARRY_OVER_PERCENT,
    MAX_GROWTH_PERCENT_PER_MONTH,
    MAX_MONEY_PER_MONTH,
    MAX_ROI_MONTHS,
)


@dataclass(frozen=True)
class RoiMonth:
    """One month of the projection; money in the plan's currency, ROI as a fraction."""

    month: int
    cost: float
    effort: float  # the month's spend plus what carries over (adstock), in money
    conversions: float
    return_value: float
    cumulative_cost: float
    cumulative_return: float
    cumulative_roi: float
    naive_return: float
    naive_cumulative_roi: float


@dataclass(frozen=True)
class RoiProjection:
    """The months, the month cumulative ROI breaks even (None: not within the months)."""

    months: tuple[RoiMonth, ...]
    break_even_month: int | None
    naive_break_even_month: int | None


def roi_over_time(monthly_cost: float, value_per_conversion: float,
                  conversions_per_month: float, carry_over: float,
                  growth_per_month: float, months: int) -> RoiProjection:
    """Cumulative ROI month by month, with carry-over and community growth, and the naive view.

    ``carry_over`` (0-0.9) and ``growth_per_month`` (0-0.5) are fractions. With C the
    monthly cost, theta the carry-over, g the growth, c the conversions the first month
    brings:

    * effort_t = C + theta * effort_(t-1), effort_0 = 0 (geometric adstock: part of what a
      month's work built still works the next month);
    * conversions_t = c * (effort_t / C) * (1 + g) ** (t - 1) (the community grows, so the
      same effort brings more);
    * return_t = value_per_conversion * conversions_t; cumulative ROI_t = (sum of returns -
      sum of costs) / sum of costs.

    The naive view: every month returns c * value, this month's return from this month's
    spend. The break-even month is the first whose cumulative return reaches the cumulative
    cost. Raises ValueError for a monthly cost of 0 (no ROI) or values out of range.
    """
    if not monthly_cost > 0:
        raise ValueError(_("ROI needs a monthly cost above 0: social media is not free "
                           "(time, tools, paid reach)."))
    if not (0 <= carry_over <= MAX_CARRY_OVER_PERCENT / 100
            and 0 <= growth_per_month <= MAX_GROWTH_PERCENT_PER_MONTH / 100
            and 1 <= months <= MAX_ROI_MONTHS and value_per_conversion >= 0
            and conversions_per_month >= 0):
        raise ValueError(_("An ROI assumption is out of range."))
    rows = []
    effort = 0.0
    cumulative_cost = cumulative_return = naive_cumulative = 0.0
    naive_return = conversions_per_month * value_per_conversion
    break_even = naive_break_even = None
    for month in range(1, months + 1):
        effort = monthly_cost + carry_over * effort
        conversions = conversions_per_month * (effort / monthly_cost) * (
            1 + growth_per_month) ** (month - 1)
        return_value = conversions * value_per_conversion
        cumulative_cost += monthly_cost
        cumulative_return += return_value
        naive_cumulative += naive_return
        roi = (cumulative_return - cumulative_cost) / cumulative_cost
        naive_roi = (naive_cumulative - cumulative_cost) / cumulative_cost
        if break_even is None and roi >= -1e-12:
            break_even = month
        if naive_break_even is None and naive_roi >= -1e-12:
            naive_break_even = month
        rows.append(RoiMonth(month, monthly_cost, effort, conversions, return_value,
                             cumulative_cost, cumulative_return, roi, naive_return, naive_roi))
    return RoiProjection(tuple(rows), break_even, naive_break_even)


def budget_monthly_cost(budget: object, platforms: object = None) -> float | None:
    """The budget step's total cost a month (cash and staff time), when it has one.

    A :class:`~socialplaybook.budget.BudgetSection` gives the total of its cost summary
    (activities, paid promotion, staff hours at the hourly cost) over its platforms and
    those chosen in ``platforms`` (the platforms section); anything else may offer
    ``monthly_total`` (a method or a field). A total of 0, or one that is not a number
    up to the cap, counts as none: the team enters the cost here.
    """
    from socialplaybook.steps.budget.lines import budget_lines
    from socialplaybook.steps.budget.money import cost_summary
    from socialplaybook.steps.budget.section import BudgetSection

    try:
        if isinstance(budget, BudgetSection):
            value = cost_summary(budget, budget_lines(budget, platforms)).total
        else:
            total = getattr(budget, "monthly_total", None)
            value = total() if callable(total) else total
        value = float(value) if value is not None else None
    except Exception:  # another step's data: never fail this step on its shape
        return None
    if value is None or value != value or not 0 < value <= MAX_MONEY_PER_MONTH:
        return None
    return value


def effective_monthly_cost(roi: RoiAssumptions, budget: object = None,
                           platforms: object = None) -> tuple[float | None, str]:
    """The monthly cost the projection uses and where it comes from ("team", "budget", "")."""
    if roi.monthly_cost is not None:
        return roi.monthly_cost, "team"
    from_budget = budget_monthly_cost(budget, platforms)
    if from_budget is not None:
        return from_budget, "budget"
    return None, ""


def project(roi: RoiAssumptions, budget: object = None,
            platforms: object = None) -> tuple[RoiProjection | None, str]:
    """The projection from the team's assumptions, or (None, what is missing)."""
    cost, _origin = effective_monthly_cost(roi, budget, platforms)
    missing = []
    if cost is None:
        missing.append(_("the monthly cost"))
    if roi.value_per_conversion is None:
        missing.append(_("the money value of one conversion"))
    if roi.conversions_per_month is None:
        missing.append(_("the conversions the first month brings"))
    if missing:
        return None, _("Enter {missing} to see ROI over time.").format(
            missing=_(" and ").join(missing))
    if cost == 0:
        return None, _("ROI needs a monthly cost above 0: social media is not free (time, "
                       "tools, paid reach).")
    return roi_over_time(cost, roi.value_per_conversion, roi.conversions_per_month,
                         roi.carry_over_percent / 100, roi.growth_percent_per_month / 100,
                         roi.months), ""


def roi_summary(projection: RoiProjection, months: int) -> str:
    """One sentence: when the cumulative ROI breaks even, next to the naive view."""
    if projection.break_even_month is not None:
        built = _("With carry-over and community growth, the cumulative ROI breaks even in "
                  "month {month}.").format(month=projection.break_even_month)
    else:
        built = _("With carry-over and community growth, the cumulative ROI does not break "
                  "even within {months} months.").format(months=months)
    if projection.naive_break_even_month is not None:
        naive = _("The naive view (this month's return from this month's spend) says month "
                  "{month}.").format(month=projection.naive_break_even_month)
    else:
        naive = _("The naive view (this month's return from this month's spend) says it "
                  "never pays: that is why teams give up too early.")
    return f"{built} {naive}"


def roi_assumptions_text(roi: RoiAssumptions) -> str:
    """The assumptions of the projection, stated."""
    return _("Assumed: {carry} % of a month's effort still works the next month (carry-over, "
             "geometric adstock; 0-30 % is the usual range for digital), and the same effort "
             "brings {growth} % more each month as the audience becomes a community. Over "
             "{months} months.").format(carry=format_number(roi.carry_over_percent),
                                        growth=format_number(roi.growth_percent_per_month),
                                        months=roi.months)
