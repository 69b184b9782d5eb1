"""The checks every step shares, and a step's readiness computed from them."""

from datetime import date

import pytest

from socialplaybook.rules.checks import (
    PartReadiness,
    error,
    more_hours_than_people_have,
    ok,
    open_problems,
    part_readiness,
    todo,
    warning,
)
from socialplaybook.steps.planning.readiness import readiness
from socialplaybook.steps.planning.section import PlanningSection


def test_a_check_is_ok_exactly_when_its_level_is_ok():
    made = [ok("a", "m", "w"), todo("b", "m", "w"), warning("c", "m", "w"),
            error("d", "m", "w")]
    assert [(c.ok, c.level) for c in made] == [
        (True, "ok"), (False, "todo"), (False, "warning"), (False, "error")]


def test_readiness_counts_warnings_and_errors_but_not_what_is_not_done_yet():
    checks = [ok("a", "", ""), todo("b", "", ""), warning("c", "", ""), error("d", "", ""),
              warning("e", "", "")]
    assert open_problems(checks) == 3
    assert part_readiness("goals", False, checks) == PartReadiness("goals", False, 3)
    assert part_readiness("audience", True) == PartReadiness("audience", True, 0)
    assert part_readiness("x", True, iter([todo("t", "", "")])).warnings == 0  # any iterable


def test_the_planning_step_reports_its_readiness_with_the_shared_type():
    summary = readiness(PlanningSection(), date(2026, 1, 1))
    assert all(type(part) is PartReadiness for part in summary)


@pytest.mark.parametrize(("people", "hours", "message"), [
    (1, None, "1 person has at most 168 hours a week."),
    (1, "200", "1 person has at most 168 hours a week, not 200."),
    (3, None, "3 people have at most 504 hours a week between them."),
    (3, "1,000", "3 people have at most 504 hours a week between them, not 1,000."),
])
def test_more_hours_than_people_have_counts_one_person_and_several(people, hours, message):
    assert more_hours_than_people_have(people, hours) == message


def test_every_step_refuses_more_hours_than_its_people_have_in_the_same_words():
    from pydantic import ValidationError

    from socialplaybook.steps.budget.section import BudgetSection
    from socialplaybook.steps.platforms.section import PlatformsSection

    for section in (BudgetSection, PlatformsSection):
        with pytest.raises(ValidationError, match="1 person has at most 168 hours a week"):
            section(people=1, hours_per_week=169)
        with pytest.raises(ValidationError, match="2 people have at most 336 hours a week "
                                                  "between them"):
            section(people=2, hours_per_week=400)
