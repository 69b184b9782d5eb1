"""Any text in any text field: stored and read back equal, or refused with a message.

A lone surrogate ("\\ud800", half of a pair: what a JSON file's escape or a broken emoji
gives) in an uploaded file's currency once made the upload do nothing, with no message.
Every text of a plan with one item in every list (each string and each dict key of its
JSON, so a new field is covered without an edit here) is set to arbitrary Unicode,
surrogates included, and imported, exported, stored and loaded.
"""

from __future__ import annotations

import copy
import json
from datetime import date

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from socialplaybook.plan.files import plan_from_json, read_plan_bytes
from socialplaybook.plan.model import Plan, PlanError
from socialplaybook.steps.audit.section import AuditSection
from socialplaybook.steps.budget.section import (
    BudgetSection,
    PlatformBudget,
    Scenario,
    SpendPoint,
)
from socialplaybook.steps.kpis.section import Kpi, KpisSection, UtmSettings
from socialplaybook.steps.planning.section import (
    RACI,
    AudienceSegment,
    DepartmentResource,
    Goal,
    Milestone,
    PlanningSection,
)
from socialplaybook.steps.platforms.section import (
    PlatformChoice,
    PlatformJudgement,
    PlatformsSection,
)
from socialplaybook.workspace.store import Workspace

TEAM = "Harbour Café"


def populated_plan() -> Plan:
    """A plan with every list holding an item and every optional text set."""
    day = date(2030, 1, 1)
    return Plan(
        team=TEAM, currency="NOK",
        audit=AuditSection(answers={"no-plan": 3}),
        planning=PlanningSection(
            goals=[Goal(id="g-1", business_result="leads", metric="leads per month",
                        baseline=10, target=20, deadline=day, owner="Ann", unit="number")],
            audience=[AudienceSegment(id="s-1", name="Parents", kind="B2C", region_code="US",
                                      age_bands=[], region="Bergen", needs="Opening hours",
                                      where_they_are=["Facebook"])],
            raci=RACI().with_cell("listening", "marketing", "R"),
            milestones=[Milestone(id="m1", title="Claim", owner="Bo", start=day, end=day),
                        Milestone(id="m2", title="Post", start=day, end=day,
                                  depends_on=["m1"])],
            resources=[DepartmentResource(department="marketing", people=1,
                                          hours_per_week=5)],
            horizon_start=day),
        platforms=PlatformsSection(
            custom_platforms=["Vipps"], handles={"tiktok": True},
            judgements=[PlatformJudgement(id="vipps", platform="Vipps", cadence="weekly",
                                          tone="warm")],
            choices=[PlatformChoice(id="vipps", platform="Vipps", goal_id="g-1",
                                    cadence="daily", tone="calm")]),
        budget=BudgetSection(
            response_unit="visits",
            platforms=[PlatformBudget(id="vipps", platform="Vipps", owner="Cy",
                                      history=[SpendPoint(spend=1, result=2)])],
            scenarios=[Scenario(id="lean", name="Lean")]),
        kpis=KpisSection(
            kpis=[Kpi(id="k-1", name="Leads", goal_id="g-1", catalog_id="leads",
                      owner="Di")],
            utm=UtmSettings(url="https://example.com/", source="vipps", campaign="spring",
                            term="bread", content="a", campaigns=["spring"])),
    )


def text_paths(value, path=()) -> list[tuple]:
    """Where the JSON holds text: ("value", path) for a string, ("key", path) for a dict key."""
    found = []
    if isinstance(value, str):
        found.append(("value", path))
    elif isinstance(value, dict):
        for key, item in value.items():
            found.append(("key", (*path, key)))
            found += text_paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += text_paths(item, (*path, index))
    return found


BASE = json.loads(populated_plan().to_json())
PATHS = [entry for entry in text_paths(BASE) if entry[1][0] != "schema_version"]


def with_text(data: dict, kind: str, path: tuple, text: str) -> dict:
    data = copy.deepcopy(data)
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    if kind == "value":
        parent[path[-1]] = text
    else:  # the key is renamed, its value kept, the order kept
        items = list(parent.items())
        parent.clear()
        parent.update((text if key == path[-1] else key, value) for key, value in items)
    return data


def test_the_plan_has_text_in_every_section_and_the_paths_reach_it():
    assert {path[0] for _kind, path in PATHS} >= {
        "team", "currency", "audit", "planning", "platforms", "budget", "kpis"}
    assert len(PATHS) > 60


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Workspace:
    return Workspace(f"sqlite:///{tmp_path_factory.mktemp('texts')}/ws.sqlite")


ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=12)


@settings(max_examples=400, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entry=st.sampled_from(PATHS), text=ANY_TEXT)
@example(entry=("value", ("currency",)), text="N\ud800K")
@example(entry=("value", ("planning", "goals", 0, "metric")), text="\udfff")
@example(entry=("key", ("audit", "answers", "no-plan")), text="no-plan\ud83d")
@example(entry=("key", ("planning", "raci", "cells", "listening")), text="\ud800")
@example(entry=("value", ("planning", "audience", 0, "region_code")), text="U\ud800")
@example(entry=("key", ("platforms", "handles", "tiktok")), text="\udc80")
@example(entry=("value", ("planning", "milestones", 1, "depends_on", 0)), text="m\ud800")
def test_any_text_is_stored_and_read_back_equal_or_refused_with_a_message(
        workspace, entry, text):
    kind, path = entry
    data = with_text(BASE, kind, path, text)
    try:
        plan = plan_from_json(json.dumps(data))
    except PlanError as refused:
        str(refused).encode("utf-8")  # the message can be shown
        return
    exported = plan.to_json()
    exported.encode("utf-8")
    assert plan_from_json(exported) == plan
    workspace.import_plan(plan)
    assert workspace.load(plan.team) == plan
    # and saved by an app, section by section
    section = path[0]
    if section in Plan.model_fields and section not in ("schema_version", "team"):
        saved = workspace.save_section(plan.team, section, getattr(plan, section), None)
        assert workspace.load(plan.team) == saved.plan


@settings(max_examples=200, deadline=None)
@given(entry=st.sampled_from(PATHS), text=ANY_TEXT)
def test_a_section_given_any_text_is_valid_or_refused_with_a_message(entry, text):
    kind, path = entry
    section = path[0]
    if len(path) < 2 or section not in ("audit", "planning", "platforms", "budget", "kpis"):
        return  # a plan-level text, or the name of a section itself
    data = with_text(BASE, kind, path, text)[section]
    try:
        value = Plan.model_fields[section].annotation.model_validate(data)
    except ValidationError as refused:
        str(refused).encode("utf-8")
        return
    value.model_dump_json().encode("utf-8")


def test_an_uploaded_file_whose_currency_holds_a_lone_surrogate_is_refused_with_a_message():
    data = {**BASE, "currency": "N\ud800K"}
    with pytest.raises(PlanError) as refused:
        read_plan_bytes(json.dumps(data).encode("ascii"), "plan.json")
    message = str(refused.value)
    assert message.startswith("plan.json: The plan is not valid: currency: ")
    assert "broken character" in message
    message.encode("utf-8")


def test_a_section_built_with_a_broken_character_is_refused_naming_the_field():
    with pytest.raises(ValidationError, match="metric: this text holds a broken character"):
        Goal(metric="leads \ud83d")
    goal = Goal()
    with pytest.raises(ValidationError, match="broken character"):
        goal.owner = "\udc00"
    assert goal.owner == ""
