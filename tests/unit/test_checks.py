"""The checks every step shares, and a step's readiness computed from them."""

from datetime import date

from socialplaybook import planning
from socialplaybook.checks import (
    PartReadiness,
    error,
    ok,
    open_problems,
    part_readiness,
    todo,
    warning,
)


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
    assert planning.PartReadiness is PartReadiness
    summary = planning.readiness(planning.PlanningSection(), date(2026, 1, 1))
    assert all(type(part) is PartReadiness for part in summary)
