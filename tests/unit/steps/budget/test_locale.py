"""The budget's checks and export in the team's number format: a German team reads
"20,7 h" and "2.500" where its fields show 12,5 and 2.500."""

import pytest

from socialplaybook.steps.budget.lines import budget_lines
from socialplaybook.steps.budget.markdown import budget_markdown
from socialplaybook.steps.budget.section import BudgetSection, MonthlyCosts, PlatformBudget
from socialplaybook.steps.budget.time import Capacity, time_checks, utilisation
from socialplaybook.steps.budget.view import budget_view
from socialplaybook.steps.platforms.section import PlatformChoice, PlatformsSection
from tests.foreign_numbers import foreign_numbers


def busy_owner() -> list[PlatformBudget]:
    """Five accounts of Ana's and one of Bo's, each 2 posts a week at 75 minutes."""
    return [PlatformBudget(id=f"p{i}", platform=f"P{i}", owner="Ana" if i < 5 else "Bo",
                           posts_per_week=2, minutes_per_post=75,
                           messages_per_week=0, minutes_per_answer=0,
                           listening_hours_per_week=0) for i in range(6)]


@pytest.mark.parametrize("locale, need, have, per_person", [
    ("de", "15 h a week; the team has 1,5", "1.000 %", "12,5 h a week for P0, P1, P2, P3, "
     "and P4: more than the team's 1,5 h"),
    ("nb", "15 h a week; the team has 1,5", "1\u00a0000 %", "12,5 h a week for P0, P1, P2, "
     "P3, and P4: more than the team's 1,5 h")])
def test_hours_and_shares_in_the_time_checks_are_written_the_teams_way(locale, need, have,
                                                                        per_person):
    """A Berlin (or Bergen) team giving 1,5 hours a week to platforms that need 15: the
    checks say "1,5" and "1.000 %", and Ana's 12,5 hours are more than the team's.
    Changed expectation: Ana's hours were compared with "one person has 1" (the team's
    hours over its 12 people); one person can give at most the team's hours."""
    lines = budget_lines(BudgetSection(platforms=busy_owner()))
    capacity = Capacity(12, 1.5, "budget")
    checks = time_checks(lines, utilisation(lines, capacity), capacity, locale)
    text = "\n".join(c.message for c in checks)
    assert need in text and have in text and per_person in text
    assert "Ana runs 5 accounts" in text
    assert foreign_numbers(text, locale) == []
    english = "\n".join(c.message for c in time_checks(lines, utilisation(lines, capacity),
                                                       capacity))
    assert "1,000 %" in english  # the default is English


def test_the_budget_view_passes_the_locale_to_its_checks():
    platforms = PlatformsSection(choices=[PlatformChoice(id="linkedin", platform="LinkedIn")])
    view = budget_view(BudgetSection(people=1, hours_per_week=2.5), platforms, None, "EUR",
                       "de")
    text = "\n".join(c.message for c in view.checks)
    assert "2,5" in text and foreign_numbers(text, "de") == []


def test_the_budget_export_of_a_german_team():
    section = BudgetSection(paid_budget=2500, hourly_staff_cost=45.5, value_per_sale=1250.5,
                            monthly_costs=MonthlyCosts(listening_tools=1250.5),
                            platforms=[PlatformBudget(id="linkedin", platform="LinkedIn",
                                                      current_spend=1250,
                                                      cost_per_lead=205.75)])
    text = "\n".join(budget_markdown(section, "de"))
    for fragment in ("Paid budget a month: 2.500", "Staff cost an hour: 45,5",
                     "Listening tools: 1.250,5", "A sale is worth 1.250,5.",
                     "(0,54 % a month)", "today 1.250 a month", "our cost per lead: 205,75"):
        assert fragment in text, fragment
    assert foreign_numbers(text, "de") == []


def test_the_minimum_above_the_maximum_names_no_number():
    """A validator cannot know the team's number format: its message names none."""
    with pytest.raises(ValueError) as refused:
        PlatformBudget(id="x", platform="X", min_spend=1250.5, max_spend=100)
    message = str(refused.value).split("\n")[1]
    assert "minimum spend is above the maximum" in message
    assert not any(digit in message.split("[")[0] for digit in "0123456789")
