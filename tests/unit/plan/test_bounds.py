"""Every number a plan holds has bounds the apps can show, and beyond them it is refused.

Babel writes at most 28 significant digits: a goal target of 1e29 stored once broke the
planning app. Each numeric field of each section (found by walking the Plan model, so a
new field is checked without an edit here) must have an upper and a lower bound, refuse
1e29, infinity and NaN, and its upper bound must show and read back as itself.
"""

from __future__ import annotations

import json
import typing
from datetime import date

import pytest
from pydantic import BaseModel, ValidationError

from socialplaybook.plan.files import plan_from_json
from socialplaybook.plan.model import Plan, PlanError
from socialplaybook.rules.numbers import format_number, parse_number
from socialplaybook.steps.audit.section import AuditSection
from socialplaybook.steps.budget.section import PlatformBudget, Scenario, SpendPoint
from socialplaybook.steps.kpis.section import Kpi
from socialplaybook.steps.planning.section import DepartmentResource, Milestone
from socialplaybook.steps.platforms.section import PlatformChoice, PlatformJudgement

# What a model needs besides the number under test to be valid.
REQUIRED: dict[type, dict] = {
    SpendPoint: {"spend": 0, "result": 0},
    PlatformBudget: {"id": "x", "platform": "X"},
    PlatformJudgement: {"id": "x", "platform": "X"},
    PlatformChoice: {"id": "x", "platform": "X"},
    Milestone: {"id": "m1", "start": date(2030, 1, 1), "end": date(2030, 1, 2)},
    DepartmentResource: {"department": "marketing", "people": 1},
    Kpi: {"name": "Leads"},
    Scenario: {"id": "s", "name": "Lean"},
}
# Numbers held in a container rather than a field, bounded by the model's own validator.
CHECKED_BY_VALIDATOR = {(AuditSection, "answers")}


def _models(annotation, seen: set[type]) -> None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation not in seen:
            seen.add(annotation)
            for field in annotation.model_fields.values():
                _models(field.annotation, seen)
    for argument in typing.get_args(annotation):
        _models(argument, seen)


def _numeric(annotation) -> bool:
    kinds = [a for a in (typing.get_args(annotation) or (annotation,)) if a is not type(None)]
    return any(k in (int, float) for k in kinds) and bool not in kinds


def _numeric_fields() -> list[tuple[type, str]]:
    models: set[type] = set()
    for name, field in Plan.model_fields.items():
        if name not in ("schema_version",):
            _models(field.annotation, models)
    return sorted(((model, name) for model in models
                   for name, field in model.model_fields.items()
                   if _numeric(field.annotation)),
                  key=lambda pair: (pair[0].__name__, pair[1]))


NUMERIC_FIELDS = _numeric_fields()


def _bounds(model: type[BaseModel], name: str) -> tuple[float | None, float | None]:
    low = high = None
    for constraint in model.model_fields[name].metadata:
        low = getattr(constraint, "ge", getattr(constraint, "gt", low))
        high = getattr(constraint, "le", getattr(constraint, "lt", high))
    return low, high


def test_the_walk_finds_the_numbers_of_every_section():
    names = {f"{model.__name__}.{name}" for model, name in NUMERIC_FIELDS}
    assert {"Goal.target", "Goal.baseline", "DepartmentResource.hours_per_week",
            "PlatformBudget.cpm", "Kpi.target", "Weights.reach",
            "PlanningSection.horizon_months"} <= names
    assert len(NUMERIC_FIELDS) > 40


@pytest.mark.parametrize("model, name", NUMERIC_FIELDS,
                         ids=[f"{m.__name__}.{n}" for m, n in NUMERIC_FIELDS])
def test_every_number_has_bounds_the_apps_can_show(model, name):
    low, high = _bounds(model, name)
    assert low is not None and high is not None, f"{model.__name__}.{name} is unbounded"
    shown = format_number(high)
    assert parse_number(shown, maximum=high) == high


@pytest.mark.parametrize("model, name", NUMERIC_FIELDS,
                         ids=[f"{m.__name__}.{n}" for m, n in NUMERIC_FIELDS])
@pytest.mark.parametrize("value", [1e29, 10**29, float("inf"), float("nan"), -1e29])
def test_every_number_beyond_its_bounds_is_refused(model, name, value):
    with pytest.raises(ValidationError) as refused:
        model.model_validate({**REQUIRED.get(model, {}), name: value})
    assert any(error["loc"][-1] == name for error in refused.value.errors())


@pytest.mark.parametrize("rating", [10**29, -(10**29), 5])
def test_audit_ratings_are_bounded_by_their_validator(rating):
    assert (AuditSection, "answers") in CHECKED_BY_VALIDATOR
    with pytest.raises(ValidationError, match="must be from 0 to 4"):
        AuditSection(answers={"no-plan": rating})


def test_an_imported_goal_target_of_1e29_is_refused_with_a_message():
    data = json.loads(Plan(team="Harbour").to_json())
    data["planning"]["goals"] = [{"id": "g-1", "metric": "leads", "target": 1e29}]
    with pytest.raises(PlanError) as refused:
        plan_from_json(json.dumps(data))
    message = str(refused.value)
    assert message.startswith("The plan is not valid: planning.goals.0.target")
    assert "1000000000000" in message or "1,000,000,000,000" in message


# -- plans stored before these rules (schema 6) --------------------------------------------------


def _schema_6_plan_with_what_no_app_opens() -> dict:
    data = json.loads(Plan(team="Harbour").to_json()) | {"schema_version": 6}
    day = "2030-01-01"
    data["planning"]["goals"] = [{"id": "g-1", "metric": "leads", "baseline": 5,
                                  "target": 1e29}, {"id": "g-2", "baseline": -1e30}]
    data["planning"]["milestones"] = [
        {"id": "m1", "start": day, "end": day, "depends_on": ["m1"]},
        {"id": "m3", "start": day, "end": day, "depends_on": ["m2", "m1"]}]
    return data


def test_a_schema_6_plan_holding_what_no_app_opens_is_upgraded_without_it():
    plan = plan_from_json(json.dumps(_schema_6_plan_with_what_no_app_opens()))
    assert plan.schema_version == 8  # upgraded to the latest (8 added the engagement section)
    assert [(g.baseline, g.target) for g in plan.planning.goals] == [(5, None), (None, None)]
    assert [m.depends_on for m in plan.planning.milestones] == [[], ["m1"]]


def test_the_same_plan_in_schema_7_is_refused():
    data = _schema_6_plan_with_what_no_app_opens() | {"schema_version": 7}
    with pytest.raises(PlanError, match="planning.goals.0.target"):
        plan_from_json(json.dumps(data))
    data["planning"]["goals"] = []
    with pytest.raises(PlanError, match="cannot wait for itself"):
        plan_from_json(json.dumps(data))
    data["planning"]["milestones"][0]["depends_on"] = []
    with pytest.raises(PlanError, match="waits for 'm2', which is not a milestone"):
        plan_from_json(json.dumps(data))
