"""The planning checks and export in the team's number format: a German team reads 1.250
and 2.500,5 in every sentence, as its fields show them."""

from datetime import date

from socialplaybook.steps.planning.goals import achievable_rule, deadline_window_rule, goal_checks
from socialplaybook.steps.planning.markdown import planning_markdown
from socialplaybook.steps.planning.section import (
    DepartmentResource,
    Goal,
    GoalAssumptions,
    PlanningSection,
)
from tests.foreign_numbers import foreign_numbers

TODAY = date(2026, 11, 21)


def messages(checks) -> str:
    return "\n".join(f"{c.message} {c.why}" for c in checks)


def test_a_german_machine_makers_goal_checks_write_its_numbers_its_way():
    """Leads from 1.250 to 2.500,5 in a year, growth assumed 2,5x: "beyond ... at most
    3.125" and "2,5x", never "2,500.5" or "2.5x"."""
    goal = Goal(business_result="leads", metric="qualified leads", baseline=1250,
                target=2500.5, deadline=date(2027, 11, 21), owner="Anna")
    assumptions = GoalAssumptions(growth_per_year=2.5, small_baseline=12.5)
    text = messages(goal_checks(goal, TODAY, assumptions, "de"))
    assert "target 2.500,5" in text
    assert "from 1.250, up to 3.125 in 12 months" in text
    assert "at most 2,5x" in text and "below a baseline of 12,5" in text
    assert foreign_numbers(text, "de") == []
    english = messages(goal_checks(goal, TODAY, assumptions))
    assert "target 2,500.5" in english and "at most 2.5x" in english  # the default: "en"


def test_a_norwegian_share_goal_and_its_window_in_the_norwegian_way():
    """An Oslo B2B software firm's answer rate from 12,5 % to 30,25 % (points, not
    multiples) and a window of 1 to 1 000 months written "1 000" (a no-break space)."""
    goal = Goal(business_result="service_cost", metric="answer rate %", baseline=12.5,
                target=30.25, deadline=date(2027, 11, 21), owner="Kari")
    text = messages(goal_checks(goal, TODAY, None, "nb"))
    assert "A target of 30,25 is beyond what your assumption allows from 12,5" in text
    assert "at most 17,5" in text
    assert foreign_numbers(text, "nb") == []
    window = GoalAssumptions(growth_per_year=1.5, points_per_year=7.5)
    rules = achievable_rule(window, "nb") + deadline_window_rule(window, "nb")
    assert "1,5x" in rules and "7,5 points" in rules and foreign_numbers(rules, "nb") == []


def test_one_month_ahead_is_one_month():
    goal = Goal(business_result="leads", metric="leads", baseline=10, target=12,
                deadline=date(2026, 12, 22), owner="Anna")
    text = messages(goal_checks(goal, TODAY, None, "de"))
    assert "1 month" in text and "1 months" not in text


def test_the_planning_export_of_a_german_team():
    section = PlanningSection(
        goals=[Goal(business_result="revenue", metric="online revenue", baseline=12500.75,
                    target=40000)],
        assumptions=GoalAssumptions(growth_per_year=2.5),
        resources=[DepartmentResource(department="marketing", people=2, hours_per_week=12.5),
                   DepartmentResource(department="sales", people=30, hours_per_week=1000)],
        horizon_start=date(2027, 1, 1), horizon_months=1)
    text = "\n".join(planning_markdown(section, "de"))
    assert "| 12.500,75 | 40.000 |" in text
    assert "at most 2,5x" in text
    assert "| 12,5 |" in text and "**1.012,5**" in text and "**32**" in text
    assert "(1 month)" in text
    assert foreign_numbers(text, "de") == []
