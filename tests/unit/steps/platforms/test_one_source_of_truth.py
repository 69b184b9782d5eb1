"""One source of truth between steps (issue 19, finding 9): the platforms step follows
planning's people, hours, audience and business results until the team overrides them
there (None: follow), and says which it shows."""

import json

import pytest
from pydantic import ValidationError

from socialplaybook.plan.files import plan_from_json
from socialplaybook.plan.model import Plan
from socialplaybook.steps.budget.section import BudgetSection
from socialplaybook.steps.budget.time import team_capacity
from socialplaybook.steps.planning.readiness import resource_checks
from socialplaybook.steps.planning.section import (
    AudienceSegment,
    DepartmentResource,
    Goal,
    PlanningSection,
)
from socialplaybook.steps.platforms.inputs import team_inputs
from socialplaybook.steps.platforms.section import PlatformsSection

PLANNING = PlanningSection(
    goals=[Goal(business_result="leads", metric="qualified leads")],
    audience=[AudienceSegment(kind="B2B", region_code="US", age_bands=["30-49"])],
    resources=[DepartmentResource(department="marketing", people=1, hours_per_week=8),
               DepartmentResource(department="customer_service", people=3, hours_per_week=3)])


def test_each_input_follows_planning_until_overridden_here_and_says_which():
    section = PlatformsSection(formats=["images"])  # a tick in this step: not an override
    inputs = team_inputs(section, PLANNING)
    assert (inputs.people, inputs.hours_per_week) == (4, 11)
    assert {name: inputs.origin(name, section) for name in
            ("audience", "business_results", "people", "hours_per_week")} == dict.fromkeys(
                ("audience", "business_results", "people", "hours_per_week"), "planning")
    # planning changes (5 people, 19 h): the platforms step shows planning's new values
    grown = PLANNING.model_copy(update={"resources": [
        DepartmentResource(department="marketing", people=2, hours_per_week=16),
        DepartmentResource(department="customer_service", people=3, hours_per_week=3)]})
    assert (team_inputs(section, grown).people, team_inputs(section, grown).hours_per_week) == (
        5, 19)
    # the team's own hours here: hours are its value, people still follow planning
    mine = section.model_copy(update={"hours_per_week": 6.0})
    inputs = team_inputs(mine, grown)
    assert (inputs.people, inputs.hours_per_week) == (5, 6)
    assert inputs.origin("hours_per_week", mine) == "here"
    assert inputs.origin("people", mine) == "planning"
    assert team_inputs(PlatformsSection(), None).origin("people", PlatformsSection()) == ""


def test_the_working_week_comes_from_planning_for_platforms_and_budget():
    planning = PLANNING.model_copy(update={"work_week_hours": 37.5})
    assert team_inputs(PlatformsSection(), planning).work_week_hours == 37.5
    assert team_inputs(PlatformsSection(), None).work_week_hours == 40
    assert team_capacity(BudgetSection(), None, planning).work_week_hours == 37.5


@pytest.mark.parametrize("hours", [0, 0.5, 169, float("inf")])
def test_the_working_week_is_refused_outside_one_to_168_hours(hours):
    with pytest.raises(ValidationError):
        PlanningSection(work_week_hours=hours)


def test_planning_says_what_its_departments_hours_run():
    """Four departments' people do not make four professionals: 11 h a week of a 40-hour
    week is 0.28 FTE, one account; a department giving more than its people's working
    weeks is warned (168 h stays only the physical bound of input)."""
    checks = {c.key: c for c in resource_checks(PLANNING)}
    assert checks["resources.capacity"].message == (
        "Together your departments give 11 h a week (0.28 FTE of a 40-hour week): at most 1 "
        "account runs well (2-4 per full-time equivalent).")
    long_hours = PLANNING.model_copy(update={"resources": [
        DepartmentResource(department="marketing", people=1, hours_per_week=60)]})
    checks = {c.key: c for c in resource_checks(long_hours, locale="de")}
    assert checks["resources.working_week.marketing"].level == "warning"
    assert checks["resources.working_week.marketing"].message.startswith(
        "Marketing: 1 person gives at most 40 h a week")
    assert checks["resources.capacity"].message.startswith(
        "Together your departments give 60 h a week (1,5 FTE of a 40-hour week): at most 6")


def test_the_export_says_what_the_hours_run():
    from socialplaybook.steps.planning.markdown import planning_markdown

    lines = planning_markdown(PLANNING.model_copy(update={"work_week_hours": 37.5}))
    assert ("11 h a week (0.29 FTE of a 37.5-hour week): at most 1 account runs well (2-4 "
            "accounts per full-time equivalent).") in lines


def _schema_7(platforms: dict) -> dict:
    data = json.loads(Plan(team="Fjord", planning=PLANNING).to_json())
    data["schema_version"] = 7
    data["planning"].pop("work_week_hours")
    data["platforms"] = {**data["platforms"], **platforms}
    return data


def test_a_schema_7_plan_follows_planning_again_where_it_held_a_copy():
    """The platforms app stored planning's values as the team's on any tick: values equal
    to planning's are cleared on upgrade (following gives the same numbers today and
    planning's changes from now on); values of the team's own are kept."""
    copied = plan_from_json(json.dumps(_schema_7(
        {"people": 4, "hours_per_week": 11.0, "business_results": ["leads"],
         "formats": ["images"]})))
    assert copied.planning.work_week_hours == 40
    platforms = copied.platforms
    assert (platforms.people, platforms.hours_per_week, platforms.business_results) == (
        None, None, None)
    assert platforms.formats == ["images"]
    own = plan_from_json(json.dumps(_schema_7(
        {"people": 2, "hours_per_week": 11.0, "business_results": ["revenue"]}))).platforms
    assert (own.people, own.hours_per_week, own.business_results) == (2, None, ["revenue"])
