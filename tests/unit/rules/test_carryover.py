"""One carry-over for the budget and the KPI steps: a decay a week, turned into a month,
normalised so that it spreads returns over time and adds none."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialplaybook.rules.carryover import (
    DEFAULT_CARRY_OVER_PER_WEEK,
    adstock,
    carry_over_text,
    monthly_carry_over,
    normalised_adstock,
    weekly_carry_over,
)
from socialplaybook.steps.budget.section import BudgetSection
from socialplaybook.steps.budget.view import budget_view
from socialplaybook.steps.kpis.roi import effective_carry_over, project
from socialplaybook.steps.kpis.section import RoiAssumptions


def test_robyns_weekly_figure_is_a_small_one_a_month():
    """0.3 a week, the top of Robyn's range for digital, is 0.3^4.33 = 0.0054 a month: not
    0.3 a month, which is what the apps used to assume."""
    assert DEFAULT_CARRY_OVER_PER_WEEK == 0.3
    assert monthly_carry_over(0.3) == pytest.approx(0.3 ** (52 / 12))
    assert monthly_carry_over(0.3) == pytest.approx(0.0054, abs=5e-5)
    assert monthly_carry_over(0.0) == 0 and monthly_carry_over(0.9) == pytest.approx(0.633,
                                                                                    abs=1e-3)
    assert weekly_carry_over(monthly_carry_over(0.5)) == pytest.approx(0.5)
    with pytest.raises(ValueError, match="carry-over"):
        monthly_carry_over(0.95)


def test_the_conversion_is_stated_in_words():
    text = carry_over_text(0.3)
    assert "30% of a week's effect carries over into the next week" in text
    assert "52/12 = 4.33 weeks, so 0.3 to the power 4.33 = 0.54%" in text
    assert "it adds none" in text
    # every number in the team's format, the 4.33 weeks too
    german = carry_over_text(0.3, "de")
    assert "52/12 = 4,33 weeks, so 0,3 to the power 4,33 = 0,54\u00a0%" in german


def test_normalised_adstock_of_a_kept_up_effort():
    # theta 0.5: (1 - 0.5) x 100, 150, 175 -> 50, 75, 87.5, approaching the effort of 100
    assert normalised_adstock([100, 100, 100], 0.5) == pytest.approx([50, 75, 87.5])
    assert adstock([100, 0, 0], 0.5) == pytest.approx([100, 50, 25])


@given(st.floats(min_value=0, max_value=0.9), st.floats(min_value=0, max_value=1e6),
       st.integers(min_value=1, max_value=120))
def test_normalised_carry_over_never_adds_to_a_kept_up_effort(theta, effort, months):
    carried = normalised_adstock([effort] * months, theta)
    assert all(value <= effort * (1 + 1e-12) for value in carried)
    assert carried == sorted(carried)  # builds up, never falls


@given(st.floats(min_value=0, max_value=0.9), st.floats(min_value=1, max_value=1e6))
def test_one_months_effort_adds_up_to_itself_over_time(theta, effort):
    """A single month's effort, spread by the carry-over, brings in total what it brings
    without carry-over (the old, unnormalised one brought 1 / (1 - theta) times it)."""
    spread = normalised_adstock([effort] + [0.0] * 600, theta)
    assert sum(spread) == pytest.approx(effort, rel=1e-9)


def test_budget_and_kpis_use_the_same_carry_over():
    """The KPI app takes the budget step's carry-over a week, and both turn it into the
    same monthly decay (one rule, not two)."""
    budget = BudgetSection(carry_over_per_week=0.2)
    roi = RoiAssumptions(monthly_cost=1000, value_per_conversion=50, conversions_per_month=10)
    assert effective_carry_over(roi, budget) == (0.2, "budget")
    assert effective_carry_over(roi) == (0.3, "default")
    typed = roi.model_copy(update={"carry_over_percent_per_week": 10.0})
    assert effective_carry_over(typed, budget) == (0.1, "team")
    view = budget_view(budget)
    projection, _missing = project(roi, budget)
    assert view.carry_over_per_month == pytest.approx(monthly_carry_over(0.2))
    assert projection.months[0].carried == pytest.approx(1 - view.carry_over_per_month)
