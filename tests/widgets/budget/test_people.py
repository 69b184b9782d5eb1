"""The budget app's people table: each owner's share of the team's hours, red only when it
is more than one person can give."""

from socialplaybook.plan.scenarios import load_scenario
from socialplaybook.steps.budget.section import BudgetSection, PlatformBudget
from socialplaybook.steps.budget.view import budget_view
from widgets.budget.views import time_html


def test_the_cafes_people_carry_their_share_of_the_teams_hours():
    plan = load_scenario("oslo-cafe")
    view = budget_view(plan.budget, plan.platforms, plan.planning, plan.currency, plan.locale)
    table = time_html(view, plan.locale).split('class="sp-table sp-bu-people"')[1]
    assert "Share of the team&#x27;s hours" in table and "Utilisation" not in table
    assert "31 %" in table  # Sara: 6,25 of the team's 20 h
    assert "sp-bu-bar-over" not in table


def test_an_owner_over_the_working_week_is_marked():
    section = BudgetSection(people=3, hours_per_week=100, platforms=[
        PlatformBudget(id="linkedin", platform="LinkedIn", owner="Ana", posts_per_week=4,
                       minutes_per_post=675, messages_per_week=0, minutes_per_answer=0,
                       listening_hours_per_week=0)])  # 45 h of the team's 100
    view = budget_view(section, None, None, "EUR", "en")
    table = time_html(view, "en").split('class="sp-table sp-bu-people"')[1]
    assert "45 %" in table and "sp-bu-bar-over" in table
