"""The step registry: every built step is whole (app, notebook, section, export)."""

import importlib

from socialplaybook.plan.export import plan_to_markdown
from socialplaybook.plan.model import Plan
from socialplaybook.steps.registry import built_steps, step_for_area, workshop_steps


def test_keys_and_notebooks_are_unique_and_in_order():
    steps = workshop_steps()
    assert len({s.key for s in steps}) == len(steps)
    assert [s.notebook[:2] for s in steps] == [f"{n:02d}" for n in range(1, len(steps) + 1)]


def test_every_built_step_has_an_app_class_a_plan_section_and_a_notebook(tmp_path):
    from socialplaybook.datasets import notebooks_dir

    for step in built_steps():
        module, _sep, name = step.app.partition(":")
        app_class = getattr(importlib.import_module(module), name)
        if step.section:
            assert app_class.section_key == step.key
            assert Plan.model_fields[step.key].annotation is step.section_model, step.key
        else:  # a step that keeps nothing in the plan (the playbook) reads the whole plan
            assert step.key not in Plan.model_fields
            assert not getattr(app_class, "section_key", "")
        notebook = (notebooks_dir() / step.notebook).read_text(encoding="utf-8")
        assert name in notebook, f"{step.notebook} does not show {name}"


def test_the_playbook_is_a_built_step_without_a_section():
    playbook = next(step for step in workshop_steps() if step.key == "playbook")
    assert playbook.available and playbook.section is None and playbook.markdown is None


def test_the_export_has_a_part_for_every_built_step():
    plan = Plan(team="Registry")
    document = plan_to_markdown(plan)
    for step in built_steps():
        if not step.section:
            continue
        first_line = step.markdown_lines(getattr(plan, step.key))[0]
        assert first_line.startswith("## ") and first_line in document, step.key


def test_steps_not_built_are_not_linked_as_apps():
    for step in workshop_steps():
        assert step.available == (step.app is not None)
        if not step.available:
            assert step.section is None and step.markdown is None


def test_policy_areas_go_to_the_engagement_step():
    assert step_for_area("policy").key == "engagement"
    assert step_for_area("planning").key == "planning"


def test_the_export_writes_numbers_the_way_the_team_does():
    """Each step's Markdown is given the plan's number locale: a German team's paid budget
    of 2500 and hours of 12.5 are "2.500" and "12,5" in its document (they read "2,500")."""
    from socialplaybook.steps.budget.section import BudgetSection
    from socialplaybook.steps.planning.section import DepartmentResource, PlanningSection
    from socialplaybook.steps.registry import step_of
    from tests.foreign_numbers import foreign_numbers

    plan = Plan(team="Maschinenbau", locale="de", budget=BudgetSection(paid_budget=2500),
                planning=PlanningSection(resources=[DepartmentResource(
                    department="marketing", people=2, hours_per_week=12.5)]))
    document = plan_to_markdown(plan)
    assert "Paid budget a month: 2.500" in document and "| 12,5 |" in document
    assert foreign_numbers(document, "de") == []
    assert "Paid budget a month: 2.500" in step_of("budget").markdown_lines(plan.budget, "de")
    assert "Paid budget a month: 2,500" in step_of("budget").markdown_lines(plan.budget)
