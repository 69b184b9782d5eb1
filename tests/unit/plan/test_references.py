"""Every field that names another item of the plan, and what happens when that item is gone.

Two kinds (issue 20: "a merged plan the app cannot open"):

* within a section, declared in the section's ``REFERENCES``: refused when they name
  nothing, dropped by a merge that leaves them naming nothing (milestone dependencies);
* across sections, which a step may outlive on purpose (a KPI or a chosen platform
  serving a goal that planning removed, kept so the link is back if the goal is):
  allowed, and every function the apps and the export show them with copes.

The walk below finds every field whose name says it holds an id (``*_id``, ``*_ids``,
``depends_on``): a new one fails here until it is declared one way or the other.
"""

from __future__ import annotations

import json
import typing
from datetime import date

import pytest
from pydantic import BaseModel, ValidationError

from socialplaybook.plan.export import plan_to_markdown
from socialplaybook.plan.files import plan_from_json
from socialplaybook.plan.model import Plan
from socialplaybook.rules.section import DroppedReference, Reference, drop_dangling_references
from socialplaybook.steps.kpis.markdown import measurement_plan
from socialplaybook.steps.kpis.section import Kpi, KpisSection
from socialplaybook.steps.kpis.trees import kpi_tree
from socialplaybook.steps.planning.section import (
    RACI,
    Goal,
    Milestone,
    PlanningSection,
)
from socialplaybook.steps.platforms.section import PlatformChoice, PlatformsSection
from socialplaybook.workspace.merge import merge_section

# Fields naming an item of another section, or of a dataset: allowed to name nothing.
SOFT = {
    ("Kpi", "goal_id"): "a planning goal; the KPI tree shows it as not tied to a goal",
    ("PlatformChoice", "goal_id"): "a planning goal; the app shows 'a goal no longer in "
                                   "planning'",
    ("Kpi", "catalog_id"): "a KPI of datasets/kpi_catalog.csv; '' or unknown: the team's own",
    ("UtmSettings", "campaign_id"): "GA4's utm_id, the team's id in its ad account, not an "
                                    "item of the plan",
    ("UtmSettings", "campaign_ids"): "GA4's utm_id per batch campaign, as above",
    ("Pillar", "segment_id"): "a planning segment; the pillar editor lists it as 'a segment "
                              "no longer in planning' and the check asks for one",
    ("Pillar", "goal_id"): "a planning goal; the pillar editor lists it as 'a goal no longer "
                           "in planning' and the check asks for one",
}


def _models() -> set[type[BaseModel]]:
    seen: set[type[BaseModel]] = set()

    def visit(annotation) -> None:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if annotation not in seen:
                seen.add(annotation)
                for field in annotation.model_fields.values():
                    visit(field.annotation)
        for argument in typing.get_args(annotation):
            visit(argument)

    visit(Plan)
    return seen


def _declared() -> set[tuple[str, str]]:
    """(item model, field) of every REFERENCES entry of every section."""
    declared = set()
    for model in _models():
        for reference in getattr(model, "REFERENCES", ()):
            for argument in typing.get_args(model.model_fields[reference.source].annotation):
                if isinstance(argument, type) and issubclass(argument, BaseModel):
                    declared.add((argument.__name__, reference.field))
    return declared


def test_every_field_naming_another_item_is_declared_or_known_to_cross_sections():
    naming = {(model.__name__, name) for model in _models() for name in model.model_fields
              if name.endswith(("_id", "_ids")) or name == "depends_on"}
    naming -= {(model, "region_code") for model, _name in naming}  # a dataset's code
    assert ("Milestone", "depends_on") in _declared()
    assert naming == _declared() | set(SOFT)


def test_planning_declares_its_milestone_dependencies():
    assert PlanningSection.REFERENCES == (Reference("milestones", "depends_on", "milestones"),)


# -- within a section: refused, and repaired by a merge -----------------------------------------


def _milestone(milestone_id: str, *waits: str) -> Milestone:
    day = date(2030, 1, 1)
    return Milestone(id=milestone_id, title=milestone_id.upper(), start=day, end=day,
                     depends_on=list(waits))


@pytest.mark.parametrize("milestones, message", [
    ([_milestone("m1", "m2")], "'M1' waits for 'm2', which is not a milestone of the plan"),
    ([_milestone("m1", "m1")], "'M1' cannot wait for itself"),
])
def test_a_dependency_on_nothing_is_refused(milestones, message):
    with pytest.raises(ValidationError, match=message):
        PlanningSection(milestones=milestones)
    section = PlanningSection(milestones=[_milestone("m1")])
    with pytest.raises(ValidationError, match=message):
        section.milestones = milestones
    assert section.milestones == [_milestone("m1")]  # a refused assignment changes nothing


def test_a_list_of_milestones_alone_may_still_name_missing_ones_for_the_checks():
    assert _milestone("m2", "ghost").depends_on == ["ghost"]


def test_the_repair_drops_only_what_names_nothing_and_says_what():
    data = PlanningSection(milestones=[_milestone("m1"), _milestone("m2", "m1")]).model_dump(
        mode="json")
    data["milestones"].append({**_milestone("m3").model_dump(mode="json"),
                               "depends_on": ["m1", "m9", "m3"]})
    repaired, dropped = drop_dangling_references(PlanningSection, data)
    assert [m["depends_on"] for m in repaired["milestones"]] == [[], ["m1"], ["m1"]]
    assert dropped == [DroppedReference("milestones", "m3", "depends_on", "m9"),
                       DroppedReference("milestones", "m3", "depends_on", "m3")]
    assert PlanningSection.model_validate(repaired)
    assert drop_dangling_references(PlanningSection, repaired) == (repaired, [])
    assert drop_dangling_references(KpisSection, {"kpis": []}) == ({"kpis": []}, [])


def test_the_raci_grid_and_the_resources_name_only_the_vocabulary_and_cannot_dangle():
    base = PlanningSection(raci=RACI().with_cell("listening", "sales", "R")).model_dump(
        mode="json")
    mine = json.loads(json.dumps(base))
    mine["raci"]["cells"]["listening"]["sales"] = "A"
    theirs = json.loads(json.dumps(base))
    theirs["raci"]["cells"]["crisis"]["pr"] = "R"
    merged = PlanningSection.model_validate(merge_section(PlanningSection, base, mine,
                                                          theirs).value)
    assert merged.raci.letter("listening", "sales") == "A"
    assert merged.raci.letter("crisis", "pr") == "R"
    with pytest.raises(ValidationError, match="not a RACI activity"):
        RACI(cells={"lunch": {"sales": "R"}})


# -- across sections: allowed, and shown -----------------------------------------------------


def _plan_whose_goal_is_gone() -> Plan:
    return Plan(team="Harbour",
                planning=PlanningSection(goals=[Goal(id="g-kept", metric="orders")]),
                platforms=PlatformsSection(choices=[
                    PlatformChoice(id="tiktok", platform="TikTok", goal_id="g-gone")]),
                kpis=KpisSection(kpis=[Kpi(id="k-1", name="Leads", goal_id="g-gone"),
                                       Kpi(id="k-2", name="Orders", goal_id="g-kept")]))


def test_a_kpi_and_a_platform_serving_a_removed_goal_are_kept_and_shown():
    plan = plan_from_json(_plan_whose_goal_is_gone().to_json())
    goals = [(goal.id, goal.metric) for goal in plan.planning.goals]
    labels = [(node.level, node.label) for node in kpi_tree(goals, plan.kpis.kpis)]
    assert labels == [("goal", "orders"), ("driver", "Orders"),
                      ("goal", "Not tied to a goal"), ("driver", "Leads")]
    rows = measurement_plan(plan.kpis, goals)
    assert [(row.goal, row.kpi) for row in rows] == [("orders", "Orders"), ("–", "Leads")]
    assert "TikTok" in plan_to_markdown(plan)


def test_removing_a_goal_in_planning_leaves_the_other_sections_as_they_were():
    plan = _plan_whose_goal_is_gone()
    saved = Plan.model_validate({**plan.model_dump(), "planning": PlanningSection()})
    assert saved.kpis == plan.kpis and saved.platforms == plan.platforms
