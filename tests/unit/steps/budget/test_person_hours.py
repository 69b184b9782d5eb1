"""What one person can give: at most the team's working week and at most the team's hours,
never the team's hours divided by its headcount (hours are not spread evenly: a café's
shift lead gives 10 of the team's 20 hours)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialplaybook.plan.scenarios import load_scenario
from socialplaybook.steps.budget.lines import budget_lines
from socialplaybook.steps.budget.section import BudgetSection, PlatformBudget
from socialplaybook.steps.budget.time import Capacity, time_checks, utilisation
from socialplaybook.steps.budget.view import budget_view
from tests.foreign_numbers import foreign_numbers


def owned(owner: str, hours_by_platform: dict[str, float]) -> list[PlatformBudget]:
    """``owner``'s platforms, each taking its hours a week (4 posts of hours x 15 min)."""
    return [PlatformBudget(id=name.lower(), platform=name, owner=owner, posts_per_week=4,
                           minutes_per_post=hours * 15, messages_per_week=0,
                           minutes_per_answer=0, listening_hours_per_week=0)
            for name, hours in hours_by_platform.items()]


def person_checks(items: list[PlatformBudget], capacity: Capacity, locale: str = "en"):
    lines = budget_lines(BudgetSection(platforms=items))
    return {c.key: c for c in time_checks(lines, utilisation(lines, capacity), capacity, locale)
            if c.key.startswith("person-")}


def test_the_shift_lead_who_gives_half_the_teams_hours_is_not_over():
    """Six people, 20 hours, a 37.5-hour week: the shift lead's 10 hours are half the team's
    (said, not warned). The average rule warned: 20 / 6 = 3.3 hours "one person has"."""
    items = owned("Sara", {"Instagram": 10}) + owned("Jonas", {"Facebook": 4})
    checks = person_checks(items, Capacity(6, 20.0, "planning", 37.5))
    assert checks["person-Sara"].level == "ok"
    assert checks["person-Sara"].message == (
        "Sara needs 10 h a week for Instagram: 50 % of the team's 20 h.")
    assert checks["person-Jonas"].message == (
        "Jonas needs 4 h a week for Facebook: 20 % of the team's 20 h.")


def test_more_than_one_persons_working_week_is_a_warning():
    items = owned("Ana", {"Facebook": 25, "Instagram": 15})
    check = person_checks(items, Capacity(3, 100.0, "budget", 37.5))["person-Ana"]
    assert check.level == "warning"
    assert check.message == ("Ana needs 40 h a week for Facebook and Instagram: more than "
                             "one person's 37.5-hour working week.")


def test_more_than_the_teams_hours_is_a_warning():
    check = person_checks(owned("Ana", {"LinkedIn": 10}),
                          Capacity(2, 8.0, "budget"))["person-Ana"]
    assert check.level == "warning"
    assert check.message == ("Ana needs 10 h a week for LinkedIn: more than the team's 8 h "
                             "a week.")


def test_without_the_teams_hours_the_working_week_is_the_limit():
    checks = person_checks(owned("Ana", {"X": 5}) + owned("Bo", {"TikTok": 41}),
                           Capacity(None, None, ""))
    assert checks["person-Ana"].level == "ok"
    assert checks["person-Ana"].message == "Ana needs 5 h a week for X."
    assert checks["person-Bo"].message == ("Bo needs 41 h a week for TikTok: more than one "
                                           "person's 40-hour working week.")


def test_the_numbers_are_the_teams_way():
    over = person_checks(owned("Ana", {"LinkedIn": 38.5}), Capacity(2, 60.0, "budget", 37.5),
                         "de")["person-Ana"].message
    assert "38,5 h" in over and "37,5-hour" in over and foreign_numbers(over, "de") == []
    share = person_checks(owned("Ana", {"LinkedIn": 12.5}), Capacity(12, 1250.0, "budget"),
                          "nb")["person-Ana"].message
    assert "12,5 h" in share and "1\u00a0250 h" in share and foreign_numbers(share, "nb") == []


@given(hours=st.floats(0.25, 120), team=st.floats(0.5, 200), week=st.floats(1, 60),
       people=st.integers(1, 12))
def test_a_person_is_warned_exactly_when_over_the_week_or_the_teams_hours(hours, team, week,
                                                                          people):
    item = owned("Ana", {"LinkedIn": hours})
    lines = budget_lines(BudgetSection(platforms=item))
    use = utilisation(lines, Capacity(people, team, "budget", week))
    person = use.people[0]
    assert use.person_limit_hours == min(week, team)
    assert person.share == pytest.approx(person.hours_per_week / team)
    check = person_checks(item, Capacity(people, team, "budget", week))["person-Ana"]
    over = person.hours_per_week > min(week, team) + 1e-9
    assert (check.level == "warning") is over


def test_the_cafe_scenario_has_no_per_person_warning():
    """Bakgården Kafé: Sara's Instagram (6.25 h) and Jonas's Facebook (2 h) of the team's
    20 hours; the average rule said "one person has 2.9"."""
    plan = load_scenario("oslo-cafe")
    view = budget_view(plan.budget, plan.platforms, plan.planning, plan.currency, plan.locale)
    checks = {c.key: c for c in view.checks if c.key.startswith("person-")}
    assert {c.level for c in checks.values()} == {"ok"}
    assert checks["person-Sara"].message == (
        "Sara needs 6,2 h a week for Instagram: 31 % of the team's 20 h.")
