"""ROI over time that cannot flatter: what a month's effort brings, spread over the months by
the carry-over (normalised, so it adds nothing), counted as gross margin, changed only by
the growth and decline the team assumes, next to the naive "this month's return from this
month's spend"; the month the cumulative ROI breaks even and the assumption that makes it.
"""

from __future__ import annotations

from dataclasses import dataclass

from socialplaybook.rules.carryover import (
    DEFAULT_CARRY_OVER_PER_WEEK,
    MAX_CARRY_OVER,
    carry_over_text,
    monthly_carry_over,
    normalised_adstock,
)
from socialplaybook.rules.dates import months_text
from socialplaybook.rules.i18n import _, list_text
from socialplaybook.rules.numbers import format_money, format_rounded
from socialplaybook.steps.kpis.section import RoiAssumptions
from socialplaybook.steps.kpis.vocabulary import (
    MAX_DECLINE_PERCENT_PER_MONTH,
    MAX_GROWTH_PERCENT_PER_MONTH,
    MAX_MONEY_PER_MONTH,
    MAX_ROI_MONTHS,
)

_EPSILON = 1e-12  # cumulative return within this share of the cost counts as reaching it


@dataclass(frozen=True)
class RoiMonth:
    """One month of the projection; money in the plan's currency, ROI as a fraction.

    ``carried``: the share of a kept-up month's effect that works this month (normalised
    carry-over: below 1 in the first months, approaching 1); ``growth``: the factor of
    the team's growth (capped) and decline assumptions.
    """

    month: int
    cost: float
    carried: float
    growth: float
    conversions: float
    return_value: float
    cumulative_cost: float
    cumulative_return: float
    cumulative_roi: float
    naive_return: float
    naive_cumulative_roi: float


@dataclass(frozen=True)
class RoiProjection:
    """The months, the break-even months (None: not within the months) and why.

    ``break_even_reason``: "growth" when the team's growth assumption brings the break-even
    (without it, it comes later or never), "value" when a month's conversions are worth
    more than the month costs, "" without a break-even. ``month_value``: what a month's
    conversions bring once the effort is kept up, before growth and decline;
    ``without_growth_month``: the break-even month with no growth.
    """

    months: tuple[RoiMonth, ...]
    break_even_month: int | None
    naive_break_even_month: int | None
    break_even_reason: str = ""
    without_growth_month: int | None = None
    month_value: float = 0.0
    monthly_cost: float = 0.0
    counts_profit: bool = False
    growth_per_month: float = 0.0
    growth_ceiling: float | None = None
    decline_per_month: float = 0.0


def _growth_factor(month: int, growth: float, ceiling: float | None, decline: float) -> float:
    grown = min((1 + growth) ** (month - 1), ceiling) if growth > 0 and ceiling else 1.0
    return grown * (1 - decline) ** (month - 1)


def roi_over_time(monthly_cost: float, value_per_conversion: float,
                  conversions_per_month: float, carry_over_per_month: float,
                  growth_per_month: float, months: int, *,
                  growth_ceiling: float | None = None, margin: float | None = None,
                  decline_per_month: float = 0.0) -> RoiProjection:
    """Cumulative ROI month by month, and the naive view.

    With C the monthly cost, V the value of a conversion, m the gross margin (None: 1,
    revenue), c the conversions a kept-up month brings, theta the carry-over a month,
    g the growth a month up to K times the first month's, d the decline a month:

    * carried_t = normalised adstock of a constant effort (``rules.carryover``): 1 - theta
      in month 1, approaching 1; a month's effort brings c in total, spread over time;
    * conversions_t = c · carried_t · min((1 + g) ** (t - 1), K) · (1 - d) ** (t - 1);
    * return_t = conversions_t · V · m; cumulative ROI_t = (sum of returns - sum of
      costs) / sum of costs.

    The naive view: every month returns c · V · m, in the month of its spend. The
    break-even month is the first whose cumulative return reaches the cumulative cost.
    Growth must come with its ceiling K (>= 1): it never compounds without limit. Raises
    ValueError for a monthly cost of 0 (no ROI) or values out of range.
    """
    if not monthly_cost > 0:
        raise ValueError(_("ROI needs a monthly cost above 0: social media is not free "
                           "(time, tools, paid reach)."))
    if not (0 <= carry_over_per_month < 1
            and 0 <= growth_per_month <= MAX_GROWTH_PERCENT_PER_MONTH / 100
            and 0 <= decline_per_month <= MAX_DECLINE_PERCENT_PER_MONTH / 100
            and 1 <= months <= MAX_ROI_MONTHS and value_per_conversion >= 0
            and conversions_per_month >= 0 and (margin is None or 0 < margin <= 1)
            and (growth_ceiling is None or growth_ceiling >= 1)):
        raise ValueError(_("An ROI assumption is out of range."))
    if growth_per_month > 0 and growth_ceiling is None:
        raise ValueError(_("Growth needs its ceiling: at most how many times the first "
                           "month's conversions the community can bring."))
    month_value = conversions_per_month * value_per_conversion * (
        1.0 if margin is None else margin)
    carried = normalised_adstock([1.0] * months, carry_over_per_month)
    rows = []
    cumulative_cost = cumulative_return = naive_cumulative = 0.0
    break_even = naive_break_even = None
    for month in range(1, months + 1):
        growth = _growth_factor(month, growth_per_month, growth_ceiling, decline_per_month)
        conversions = conversions_per_month * carried[month - 1] * growth
        return_value = month_value * carried[month - 1] * growth
        cumulative_cost += monthly_cost
        cumulative_return += return_value
        naive_cumulative += month_value
        roi = (cumulative_return - cumulative_cost) / cumulative_cost
        naive_roi = (naive_cumulative - cumulative_cost) / cumulative_cost
        if break_even is None and roi >= -_EPSILON:
            break_even = month
        if naive_break_even is None and naive_roi >= -_EPSILON:
            naive_break_even = month
        rows.append(RoiMonth(month, monthly_cost, carried[month - 1], growth, conversions,
                             return_value, cumulative_cost, cumulative_return, roi,
                             month_value, naive_roi))
    without_growth = break_even
    reason = ""
    if break_even is not None:
        reason = "value"
        if growth_per_month > 0 and growth_ceiling and growth_ceiling > 1:
            without_growth = roi_over_time(
                monthly_cost, value_per_conversion, conversions_per_month,
                carry_over_per_month, 0.0, months, margin=margin,
                decline_per_month=decline_per_month).break_even_month
            if without_growth is None or without_growth > break_even:
                reason = "growth"
    return RoiProjection(tuple(rows), break_even, naive_break_even, reason, without_growth,
                         month_value, monthly_cost, margin is not None, growth_per_month,
                         growth_ceiling, decline_per_month)


def budget_monthly_cost(budget: object, platforms: object = None) -> float | None:
    """The budget step's total cost a month (cash and staff time), when it has one.

    A :class:`~socialplaybook.steps.budget.section.BudgetSection` gives the total of its
    cost summary (activities, paid promotion, staff hours at the hourly cost) over its
    platforms and those chosen in ``platforms`` (the platforms section); anything else may
    offer ``monthly_total`` (a method or a field). A total of 0, or one that is not a
    number up to the cap, counts as none: the team enters the cost here.
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


def effective_carry_over(roi: RoiAssumptions, budget: object = None) -> tuple[float, str]:
    """The carry-over a week the projection uses (a fraction) and where it comes from:
    "team" (typed here), "budget" (the budget step's, the same the budget app uses) or
    "default" (the toolkit's)."""
    if roi.carry_over_percent_per_week is not None:
        return roi.carry_over_percent_per_week / 100, "team"
    from_budget = getattr(budget, "carry_over_per_week", None)
    if isinstance(from_budget, (int, float)) and 0 <= from_budget <= MAX_CARRY_OVER:
        return float(from_budget), "budget"
    return DEFAULT_CARRY_OVER_PER_WEEK, "default"


def project(roi: RoiAssumptions, budget: object = None,
            platforms: object = None) -> tuple[RoiProjection | None, str]:
    """The projection from the team's assumptions, or (None, what is missing).

    Growth without its ceiling is not counted (``roi_assumptions_text`` says so).
    """
    cost, _origin = effective_monthly_cost(roi, budget, platforms)
    missing = []
    if cost is None:
        missing.append(_("the monthly cost"))
    if roi.value_per_conversion is None:
        missing.append(_("the money value of one conversion"))
    if roi.conversions_per_month is None:
        missing.append(_("the conversions a month brings"))
    if missing:
        return None, _("Enter {missing} to see ROI over time.").format(
            missing=list_text(missing))
    if cost == 0:
        return None, _("ROI needs a monthly cost above 0: social media is not free (time, "
                       "tools, paid reach).")
    per_week, _where = effective_carry_over(roi, budget)
    growth = roi.growth_percent_per_month / 100 if roi.growth_ceiling_multiple else 0.0
    return roi_over_time(cost, roi.value_per_conversion, roi.conversions_per_month,
                         monthly_carry_over(per_week), growth, roi.months,
                         growth_ceiling=roi.growth_ceiling_multiple if growth else None,
                         margin=None if roi.margin_percent is None else roi.margin_percent / 100,
                         decline_per_month=roi.organic_decline_percent_per_month / 100), ""


def _percent(share: float, locale: str) -> str:
    return format_rounded(share * 100, locale=locale, max_decimals=1)


def roi_summary(projection: RoiProjection, months: int, currency: str = "",
                locale: str = "en") -> str:
    """When the cumulative ROI breaks even and the assumption that makes it, the naive
    view beside it, and whether revenue or profit is counted."""
    p = projection
    value = format_money(p.month_value, currency, locale)
    cost = format_money(p.monthly_cost, currency, locale)
    growth = _percent(p.growth_per_month, locale)
    ceiling = format_rounded(p.growth_ceiling or 1, locale=locale, max_decimals=1)
    if p.break_even_month is not None and p.break_even_reason == "growth":
        if p.without_growth_month is None:
            without = _("without it, it would not break even within {period}.").format(
                period=months_text(months, locale))
        else:
            without = _("without it, in month {month}.").format(month=p.without_growth_month)
        built = _("The cumulative ROI breaks even in month {month} because of the {growth} % "
                  "monthly growth you assumed (up to {ceiling} times the first month's "
                  "conversions); {without}").format(month=p.break_even_month, growth=growth,
                                                    ceiling=ceiling, without=without)
    elif p.break_even_month is not None:
        built = _("The cumulative ROI breaks even in month {month}: a month's conversions "
                  "bring {value} against a monthly cost of {cost}.").format(
                      month=p.break_even_month, value=value, cost=cost)
    elif p.growth_per_month > 0:
        built = _("The cumulative ROI does not break even within {period}, even with the "
                  "{growth} % monthly growth you assumed: a month's conversions bring {value} "
                  "against a monthly cost of {cost}.").format(
                      period=months_text(months, locale), growth=growth, value=value,
                      cost=cost)
    else:
        built = _("The cumulative ROI does not break even within {period}: a month's "
                  "conversions bring {value} against a monthly cost of {cost}.").format(
                      period=months_text(months, locale), value=value, cost=cost)
    if p.naive_break_even_month is not None:
        naive = _("The naive view (each month's return counted in the month of its spend) "
                  "says month {month}.").format(month=p.naive_break_even_month)
    else:
        naive = _("The naive view (each month's return counted in the month of its spend) "
                  "says it never pays.")
    parts = [built, naive]
    if p.break_even_reason == "growth" and p.naive_break_even_month is None:
        parts.append(_("If that growth holds, judging the plan by its first months alone "
                       "would stop it before it pays."))
    elif p.naive_break_even_month is not None and (
            p.break_even_month is None or p.break_even_month > p.naive_break_even_month):
        parts.append(_("Returns build up over the first months (carry-over) and fall with "
                       "any decline you assumed, so the break-even comes later than the "
                       "naive view says."))
    if not p.counts_profit:
        parts.append(_("This counts revenue, not profit: enter your gross margin to see the "
                       "return on what the plan earns."))
    return " ".join(parts)


def roi_assumptions_text(roi: RoiAssumptions, budget: object = None,
                         locale: str = "en") -> str:
    """The assumptions of the projection, stated, the carry-over's week-to-month conversion
    included."""
    per_week, origin = effective_carry_over(roi, budget)
    where = {"team": _("You set this carry-over here."),
             "budget": _("This is the budget step's carry-over, the one the budget app "
                         "uses."),
             "default": _("This is the toolkit's default carry-over.")}[origin]
    parts = [carry_over_text(per_week, locale), where]
    growth = format_rounded(roi.growth_percent_per_month, locale=locale, max_decimals=1)
    if roi.growth_percent_per_month <= 0:
        parts.append(_("No community growth assumed: a month's conversions stay what you "
                       "entered."))
    elif roi.growth_ceiling_multiple is None:
        parts.append(_("The {growth} % monthly growth you entered is not counted until you "
                       "set its ceiling (at most how many times the first month's "
                       "conversions).").format(growth=growth))
    else:
        parts.append(_("Conversions grow {growth} % a month until they reach {ceiling} times "
                       "the first month's.").format(
                           growth=growth, ceiling=format_rounded(
                               roi.growth_ceiling_multiple, locale=locale, max_decimals=1)))
    if roi.organic_decline_percent_per_month > 0:
        parts.append(_("Organic reach falls {decline} % a month as the platforms "
                       "monetise.").format(decline=format_rounded(
                           roi.organic_decline_percent_per_month, locale=locale,
                           max_decimals=1)))
    if roi.margin_percent is None:
        parts.append(_("The value of a conversion is counted as revenue (no gross margin "
                       "given)."))
    else:
        parts.append(_("The value of a conversion is counted at your gross margin of "
                       "{margin} %.").format(margin=format_rounded(roi.margin_percent,
                                                                   locale=locale,
                                                                   max_decimals=1)))
    parts.append(_("Over {period}.").format(period=months_text(roi.months, locale)))
    return " ".join(parts)
