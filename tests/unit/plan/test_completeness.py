"""The playbook's checklist: each step empty, open (with the checks that do not pass) or done."""

from __future__ import annotations

from dataclasses import replace

from socialplaybook.plan.completeness import is_complete, plan_checklist
from socialplaybook.plan.model import Plan
from socialplaybook.steps.audit.section import AuditSection
from socialplaybook.steps.kpis.section import KpisSection
from socialplaybook.steps.registry import built_steps, step_of
from tests.plans import full_plan


def test_a_new_plan_is_empty_in_every_step():
    statuses = plan_checklist(Plan(team="New"))
    assert [s.step.key for s in statuses] == [s.key for s in built_steps() if s.section]
    assert {s.state for s in statuses} == {"empty"} and not is_complete(Plan(team="New"))
    assert statuses[0].summary == "Nothing entered yet."


def test_a_filled_in_step_with_nothing_left_is_done_and_gaps_are_named():
    states = {s.step.key: s for s in plan_checklist(full_plan())}
    assert states["audit"].state == "done" and states["audit"].gaps == ()
    kpis = states["kpis"]  # two catalog KPIs have no baseline, target or owner yet
    assert kpis.state == "open"
    assert any(g.message.startswith("Leads from social: ") for g in kpis.gaps)
    assert all(g.level != "ok" for s in states.values() for g in s.gaps)
    assert kpis.summary.startswith(f"{len(kpis.gaps)} open: ")


def test_a_started_step_lists_what_it_lacks():
    plan = full_plan().model_copy(update={"audit": AuditSection(answers={"no-plan": 2}),
                                          "kpis": KpisSection(hear_about_us_added=True)})
    states = {s.step.key: s for s in plan_checklist(plan)}
    assert states["audit"].state == "open"
    assert states["audit"].gaps[0].message.startswith("1 of ")
    assert [g.message for g in states["kpis"].gaps][0] == "No KPIs yet."


def test_planning_gaps_name_the_goal_they_are_about():
    planning = next(s for s in plan_checklist(full_plan()) if s.step.key == "planning")
    assert any(g.message.startswith("Goal qualified leads: ") for g in planning.gaps)


def test_a_step_whose_checks_fail_is_open_and_says_so():
    broken = replace(step_of("budget"), gaps="socialplaybook.steps.registry:no_such_function")
    statuses = plan_checklist(full_plan(), steps=[broken])
    assert statuses[0].state == "open"
    assert "could not be run (AttributeError)" in statuses[0].gaps[0].message
