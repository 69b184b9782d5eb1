"""Every stored plan opens: what two laptops' merged saves leave, and what a save refuses.

Two Workspace handles A and B on one database load the same revision and save from it;
A saves first, so B's save is merged three ways (as in ``test_store_merge.py``).
"""

from __future__ import annotations

import json
from datetime import date, datetime, timezone

import pytest
from pydantic import ValidationError
from sqlalchemy import create_engine

from socialplaybook.plan.model import Plan
from socialplaybook.rules.section import DroppedReference, natural_key_lists
from socialplaybook.steps.budget.section import PlatformBudget
from socialplaybook.steps.planning.milestones import (
    dropped_dependencies_message,
    without_milestone,
)
from socialplaybook.steps.planning.section import Goal, Milestone, PlanningSection
from socialplaybook.steps.platforms.section import (
    PlatformChoice,
    PlatformJudgement,
    ReachEstimate,
)
from socialplaybook.workspace.store import Workspace
from socialplaybook.workspace.tables import revisions_table
from tests.unit.conftest import database_url

TEAM = "Harbour Bakery"


def _milestone(milestone_id: str, title: str, depends_on=()) -> Milestone:
    return Milestone(id=milestone_id, title=title, start=date(2030, 1, 1),
                     end=date(2030, 2, 1), depends_on=list(depends_on))


@pytest.fixture
def two_apps(backend, tmp_path, request):
    url = database_url(backend, tmp_path, request)
    a, b = Workspace(url), Workspace(url)
    a.create_team(TEAM)
    a.save_section(TEAM, "planning", PlanningSection(milestones=[
        _milestone("m1", "Claim accounts"), _milestone("m2", "First post", ["m1"]),
        _milestone("m3", "Launch")]), base_revision=None)
    return a, b


def _load_both(a: Workspace, b: Workspace):
    plan_a, rev_a = a.load_with_revision(TEAM)
    plan_b, _ = b.load_with_revision(TEAM)
    return plan_a.planning, plan_b.planning, rev_a.number


def _reopens(ws: Workspace) -> Plan:
    """The stored plan, read back and validated again as the apps read it."""
    plan = ws.load(TEAM)
    return Plan.model_validate_json(plan.to_json())


def _by_title(plan: Plan) -> dict[str, Milestone]:
    return {milestone.title: milestone for milestone in plan.planning.milestones}


# -- dangling references ---------------------------------------------------------------------


def test_a_removes_m2_while_b_makes_m3_wait_for_it_the_dependency_is_dropped_and_named(
        two_apps):
    a, b = two_apps
    mine_a, mine_b, base = _load_both(a, b)
    a.save_section(TEAM, "planning", mine_a.model_copy(update={
        "milestones": without_milestone(mine_a.milestones, "m2")}), base)
    waits = [m.model_copy(update={"depends_on": ["m2"]}) if m.id == "m3" else m
             for m in mine_b.milestones]
    saved = b.save_section(TEAM, "planning", mine_b.model_copy(update={"milestones": waits}),
                           base)

    stored = _reopens(a)
    assert [m.id for m in stored.planning.milestones] == ["m1", "m3"]
    assert _by_title(stored)["Launch"].depends_on == []
    assert saved.dropped == (DroppedReference("milestones", "m3", "depends_on", "m2"),)
    assert saved.plan == stored
    message = dropped_dependencies_message(saved.dropped, mine_b.milestones)
    assert message == ("'Launch' no longer waits for 'First post': a teammate removed that "
                       "milestone while you were editing.")


def test_b_removes_m2_while_a_makes_m3_wait_for_it_the_later_save_drops_the_dependency(
        two_apps):
    a, b = two_apps
    mine_a, mine_b, base = _load_both(a, b)
    waits = [m.model_copy(update={"depends_on": ["m2"]}) if m.id == "m3" else m
             for m in mine_a.milestones]
    a.save_section(TEAM, "planning", mine_a.model_copy(update={"milestones": waits}), base)
    saved = b.save_section(TEAM, "planning", mine_b.model_copy(update={
        "milestones": without_milestone(mine_b.milestones, "m2")}), base)

    assert _by_title(_reopens(a))["Launch"].depends_on == []
    assert saved.dropped == (DroppedReference("milestones", "m3", "depends_on", "m2"),)


def test_a_merge_that_leaves_nothing_dangling_drops_nothing(two_apps):
    a, b = two_apps
    mine_a, mine_b, base = _load_both(a, b)
    a.save_section(TEAM, "planning", mine_a.model_copy(update={"horizon_months": 6}), base)
    waits = [m.model_copy(update={"depends_on": ["m2"]}) if m.id == "m3" else m
             for m in mine_b.milestones]
    saved = b.save_section(TEAM, "planning", mine_b.model_copy(update={"milestones": waits}),
                           base)
    assert saved.dropped == ()
    assert _by_title(_reopens(a))["Launch"].depends_on == ["m2"]


def test_a_save_naming_a_milestone_that_is_not_there_is_refused_and_nothing_is_stored(
        two_apps):
    a, _ = two_apps
    before = a.latest_number(TEAM)
    dangling = {"milestones": [_milestone("m1", "Claim accounts").model_dump(mode="json"),
                               {**_milestone("m3", "Launch").model_dump(mode="json"),
                                "depends_on": ["m2"]}]}
    for base in (None, before):
        with pytest.raises(ValidationError, match="'Launch' waits for 'm2'"):
            a.save_section(TEAM, "planning", dangling, base)
    assert a.latest_number(TEAM) == before


# -- renames follow every reference ------------------------------------------------------------


def test_both_add_m4_and_b_makes_m3_wait_for_its_own_the_dependency_follows_the_rename(
        two_apps):
    a, b = two_apps
    mine_a, mine_b, base = _load_both(a, b)
    a.save_section(TEAM, "planning", mine_a.model_copy(update={"milestones": [
        *mine_a.milestones, _milestone("m4", "A's fourth step")]}), base)
    waits = [m.model_copy(update={"depends_on": ["m4"]}) if m.id == "m3" else m
             for m in mine_b.milestones]
    saved = b.save_section(TEAM, "planning", mine_b.model_copy(update={"milestones": [
        *waits, _milestone("m4", "B's fourth step")]}), base)

    by_title = _by_title(_reopens(a))
    assert by_title["A's fourth step"].id == "m4"
    assert by_title["B's fourth step"].id == "m5"
    assert by_title["Launch"].depends_on == ["m5"]
    assert saved.dropped == ()


def test_both_add_m4_and_a_makes_m3_wait_for_its_own_the_dependency_stays_on_as(two_apps):
    a, b = two_apps
    mine_a, mine_b, base = _load_both(a, b)
    waits = [m.model_copy(update={"depends_on": ["m4"]}) if m.id == "m3" else m
             for m in mine_a.milestones]
    a.save_section(TEAM, "planning", mine_a.model_copy(update={"milestones": [
        *waits, _milestone("m4", "A's fourth step")]}), base)
    b.save_section(TEAM, "planning", mine_b.model_copy(update={"milestones": [
        *mine_b.milestones, _milestone("m4", "B's fourth step", ["m1"])]}), base)

    by_title = _by_title(_reopens(a))
    assert by_title["Launch"].depends_on == ["m4"]
    assert by_title["A's fourth step"].id == "m4"
    assert by_title["B's fourth step"].id == "m5"
    assert by_title["B's fourth step"].depends_on == ["m1"]


def test_both_make_m3_wait_for_their_own_new_m4_it_waits_for_both(two_apps):
    a, b = two_apps
    mine_a, mine_b, base = _load_both(a, b)
    for ws, mine, title in ((a, mine_a, "A's"), (b, mine_b, "B's")):
        waits = [m.model_copy(update={"depends_on": ["m4"]}) if m.id == "m3" else m
                 for m in mine.milestones]
        ws.save_section(TEAM, "planning", mine.model_copy(update={"milestones": [
            *waits, _milestone("m4", title)]}), base)

    by_title = _by_title(_reopens(a))
    assert set(by_title["Launch"].depends_on) == {by_title["A's"].id, by_title["B's"].id}
    assert {by_title["A's"].id, by_title["B's"].id} == {"m4", "m5"}


# -- numbers and text the apps cannot show -----------------------------------------------------


@pytest.mark.parametrize("target", [1e29, 1e12 + 1, float("inf")])
def test_a_goal_target_beyond_the_bound_is_refused_on_save_and_nothing_is_stored(
        two_apps, target):
    a, _ = two_apps
    before = a.latest_number(TEAM)
    section = a.load(TEAM).planning.model_dump(mode="json")
    section["goals"] = [{**Goal(id="g-1").model_dump(mode="json"), "target": target}]
    with pytest.raises(ValidationError):
        a.save_section(TEAM, "planning", section, before)
    assert a.latest_number(TEAM) == before


def test_a_merge_that_brings_a_number_beyond_its_bound_is_refused(two_apps):
    a, b = two_apps
    _, mine_b, base = _load_both(a, b)
    a.save_section(TEAM, "currency", "NOK", base)
    section = mine_b.model_dump(mode="json")
    section["goals"] = [{**Goal(id="g-1").model_dump(mode="json"), "baseline": 1e29}]
    with pytest.raises(ValidationError):
        b.save_section(TEAM, "planning", section, base)
    assert a.load(TEAM).planning.goals == []


@pytest.mark.parametrize("section, value", [
    ("currency", "N\ud800K"),
    ("planning", {"goals": [{"id": "g-1", "metric": "leads \ud83d"}]}),
    ("audit", {"answers": {"no-plan\udc00": 1}}),
])
def test_text_that_cannot_be_stored_is_refused_with_a_message_and_nothing_is_stored(
        two_apps, section, value):
    a, _ = two_apps
    before = a.latest_number(TEAM)
    with pytest.raises(ValidationError) as refused:
        a.save_section(TEAM, section, value, before)
    assert "broken character" in str(refused.value)
    str(refused.value).encode("utf-8")  # the message itself can be shown
    assert a.latest_number(TEAM) == before


# -- plans stored before these rules -------------------------------------------------------------


def test_a_stored_schema_6_revision_holding_what_no_app_opens_opens_and_merges(tmp_path):
    workspace = Workspace(f"sqlite:///{tmp_path}/ws.sqlite")
    workspace.create_team(TEAM)
    old = json.loads(Plan(team=TEAM).to_json()) | {"schema_version": 6}
    old["planning"]["goals"] = [{"id": "g-1", "metric": "leads", "target": 1e29}]
    old["planning"]["milestones"] = [
        _milestone("m1", "Claim").model_dump(mode="json"),
        {**_milestone("m3", "Launch").model_dump(mode="json"), "depends_on": ["m2", "m1"]}]
    engine = create_engine(workspace.url)
    try:
        with engine.begin() as conn:  # as the store stored it before these rules
            conn.execute(revisions_table.insert().values(
                team_id=1, number=2, saved_at=datetime.now(timezone.utc), section="planning",
                plan=json.dumps(old)))
    finally:
        engine.dispose()

    plan, revision = workspace.load_with_revision(TEAM)
    assert revision.number == 2
    assert plan.planning.goals[0].target is None
    assert _by_title(plan)["Launch"].depends_on == ["m1"]
    saved = workspace.save_section(TEAM, "planning", plan.planning.model_copy(
        update={"horizon_months": 6}), 1)
    assert saved.merged and saved.plan.planning.horizon_months == 6
    assert _by_title(saved.plan)["Launch"].depends_on == ["m1"]
    assert workspace.load_revision(TEAM, 2) == plan


# -- items whose id is what they are are never renamed --------------------------------------------


@pytest.mark.parametrize("section, field, make", [
    ("platforms", "choices", lambda role: PlatformChoice(id="tiktok", platform="TikTok",
                                                         role=role)),
    ("platforms", "judgements", lambda role: PlatformJudgement(
        id="tiktok", platform="TikTok", cadence=role)),
    ("platforms", "reach_estimates", lambda role: ReachEstimate(
        id="tiktok", platform="TikTok", share_percent=40, source=f"{role} survey")),
    ("budget", "platforms", lambda role: PlatformBudget(id="tiktok", platform="TikTok",
                                                        owner=role)),
])
def test_both_adding_the_same_platform_keep_one_item_and_name_the_conflict(
        two_apps, section, field, make):
    a, b = two_apps
    _, _, base = _load_both(a, b)
    a.save_section(TEAM, section, {field: [make("primary").model_dump(mode="json")]}, base)
    saved = b.save_section(TEAM, section, {field: [make("secondary").model_dump(mode="json")]},
                           base)
    items = getattr(getattr(a.load(TEAM), section), field)
    assert [item.id for item in items] == ["tiktok"]
    assert items[0] == make("secondary")  # the later save's
    assert [conflict.path for conflict in saved.conflicts] == [(field, "tiktok")]


def test_natural_keys_are_declared_where_the_id_is_the_platform_or_the_department():
    assert {name: sorted(natural_key_lists(Plan.model_fields[name].annotation))
            for name in ("audit", "planning", "platforms", "budget", "kpis")} == {
        "audit": [], "planning": ["resources"],
        "platforms": ["choices", "judgements", "reach_estimates"],
        "budget": ["platforms"], "kpis": []}
