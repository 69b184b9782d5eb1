"""ROI over time that cannot flatter: expert cases stated in words."""

import pytest

from socialplaybook.steps.budget.section import BudgetSection
from socialplaybook.steps.kpis.roi import project, roi_assumptions_text, roi_over_time, roi_summary
from socialplaybook.steps.kpis.section import RoiAssumptions


def roi(**values):
    base = dict(monthly_cost=10_000, value_per_conversion=500, conversions_per_month=10)
    return RoiAssumptions(**{**base, **values})


def test_a_plan_returning_half_its_cost_never_breaks_even_on_the_defaults():
    """10,000 a month for 5,000 a month "broke even in month 24" on the defaults alone
    (3 % growth without limit, carry-over adding 43 %). Now the defaults add nothing."""
    projection, _missing = project(roi())
    assert projection.break_even_month is None
    assert projection.months[-1].cumulative_roi == pytest.approx(-0.5, abs=1e-3)
    text = roi_summary(projection, 24, "NOK")
    assert "does not break even within 24 months: a month's conversions bring 5,000 NOK " \
        "against a monthly cost of 10,000 NOK." in text
    assert "give up" not in text and "stop it before it pays" not in text


def test_a_cafe_losing_250_a_month_never_breaks_even():
    """A café spends 1,000 a month and its conversions bring 750: no break-even, in the
    projection or the naive view, at any horizon."""
    for months in (1, 12, 60):
        projection = roi_over_time(1000, 25, 30, 0.3, 0.0, months)
        assert projection.break_even_month is None
        assert projection.naive_break_even_month is None


def test_the_break_even_names_the_growth_that_makes_it():
    """No carry-over, 900 a month for 1,000, growing 3 % a month up to twice: the
    cumulative return passes the cost in month 8 (8,003 against 8,000) because of that
    growth; without it the plan never pays."""
    assumptions = roi(monthly_cost=1000, value_per_conversion=90, conversions_per_month=10,
                      carry_over_percent_per_week=0.0, growth_percent_per_month=3.0,
                      growth_ceiling_multiple=2.0, months=24)
    projection, _missing = project(assumptions)
    assert projection.break_even_month == 8 and projection.break_even_reason == "growth"
    text = roi_summary(projection, 24, "EUR")
    assert ("The cumulative ROI breaks even in month 8 because of the 3 % monthly growth you "
            "assumed (up to 2 times the first month's conversions); without it, it would "
            "not break even within 24 months.") in text
    # the naive view never pays, and only then, with the team's own growth, is it said
    assert "says it never pays" in text
    assert "If that growth holds, judging the plan by its first months alone would stop " \
        "it before it pays." in text


def test_a_break_even_from_the_months_own_value_says_so():
    """Conversions worth 1,200 at a 50 % margin (600) against 500 a month: month 1."""
    projection, _missing = project(roi(monthly_cost=500, value_per_conversion=300,
                                       conversions_per_month=4, margin_percent=50))
    assert projection.break_even_month == 1 and projection.break_even_reason == "value"
    text = roi_summary(projection, 24, "EUR")
    assert "breaks even in month 1: a month's conversions bring 600 EUR against a monthly " \
        "cost of 500 EUR." in text
    assert "revenue, not profit" not in text


def test_the_value_of_a_conversion_is_gross_margin_or_said_to_be_revenue():
    revenue, _ = project(roi(monthly_cost=500, value_per_conversion=300,
                             conversions_per_month=4))
    margin, _ = project(roi(monthly_cost=500, value_per_conversion=300,
                            conversions_per_month=4, margin_percent=25))
    assert revenue.month_value == 1200 and margin.month_value == 300
    assert margin.break_even_month is None  # 300 of profit for 500 of cost
    assert "This counts revenue, not profit" in roi_summary(revenue, 24)
    assert "counted as revenue (no gross margin given)" in roi_assumptions_text(roi())
    assert "your gross margin of 25 %" in roi_assumptions_text(roi(margin_percent=25))


def test_growth_stops_at_the_ceiling_the_team_sets():
    """3 % a month compounded without limit was x1.97 at 24 months and x5.7 at 60."""
    projection = roi_over_time(1000, 10, 10, 0.0, 0.03, 60, growth_ceiling=1.5)
    factors = [m.growth for m in projection.months]
    assert max(factors) == pytest.approx(1.5)
    assert factors[13] == pytest.approx(1.03 ** 13)  # below the ceiling: 3 % a month
    assert factors[-1] == pytest.approx(1.5)
    with pytest.raises(ValueError, match="ceiling"):
        roi_over_time(1000, 10, 10, 0.0, 0.03, 60)


def test_growth_without_a_ceiling_is_not_counted_and_the_text_says_so():
    assumptions = roi(growth_percent_per_month=5.0)
    projection, _missing = project(assumptions)
    assert all(m.growth == 1 for m in projection.months)
    assert "The 5 % monthly growth you entered is not counted until you set its ceiling" in (
        roi_assumptions_text(assumptions))


def test_organic_decline_lowers_every_later_month():
    flat = roi_over_time(1000, 100, 10, 0.0, 0.0, 12)
    falling = roi_over_time(1000, 100, 10, 0.0, 0.0, 12, decline_per_month=0.05)
    assert falling.months[0].return_value == flat.months[0].return_value
    assert falling.months[11].return_value == pytest.approx(1000 * 0.95 ** 11)
    assert "Organic reach falls 5 % a month" in roi_assumptions_text(
        roi(organic_decline_percent_per_month=5))


def test_a_break_even_later_than_the_naive_view_says_why():
    """Exactly paying months: the naive view says month 1, the built-up returns lag."""
    projection = roi_over_time(100, 10, 10, 0.2, 0.0, 12)
    assert projection.naive_break_even_month == 1 and projection.break_even_month is None
    assert "Returns build up over the first months (carry-over)" in roi_summary(projection, 12)


def test_the_assumptions_name_where_the_carry_over_comes_from():
    budget = BudgetSection(carry_over_per_week=0.2)
    assert "This is the budget step's carry-over" in roi_assumptions_text(roi(), budget)
    assert "20% of a week's effect" in roi_assumptions_text(roi(), budget)
    assert "You set this carry-over here." in roi_assumptions_text(
        roi(carry_over_percent_per_week=10))
    assert "No community growth assumed" in roi_assumptions_text(roi())
