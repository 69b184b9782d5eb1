"""Two apps (two kernels) on one team save sections from the same base: both changes are kept.

Each test opens two Workspace handles on one SQLite file, A and B; both load the plan
(``load_with_revision``, base revision N), change their copy and save with base N. A
saves first, so B's save is merged three ways with A's.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from socialplaybook.plan.model import Plan
from socialplaybook.steps.audit.section import AuditSection
from socialplaybook.steps.planning.section import (
    RACI,
    DepartmentResource,
    Goal,
    Milestone,
    PlanningSection,
)
from socialplaybook.steps.planning.vocabulary import MAX_GOALS
from socialplaybook.workspace.errors import RevisionNotFoundError
from socialplaybook.workspace.merge import Conflict
from socialplaybook.workspace.store import Workspace
from tests.unit.conftest import database_url

TEAM = "Harbour Bakery"


def _goal(goal_id: str, **fields) -> Goal:
    values = {"business_result": "leads", "metric": "leads per month", "baseline": 10,
              "target": 15, "deadline": date(2030, 6, 1), "owner": "Ann", **fields}
    return Goal(id=goal_id, **values)


def _milestone(milestone_id: str, title: str, depends_on=()) -> Milestone:
    return Milestone(id=milestone_id, title=title, start=date(2030, 1, 1),
                     end=date(2030, 2, 1), depends_on=list(depends_on))


def _base_planning() -> PlanningSection:
    return PlanningSection(
        goals=[_goal("g-1"), _goal("g-2")],
        raci=RACI().with_cell("listening", "marketing", "A"),
        milestones=[_milestone("m1", "Claim accounts"), _milestone("m2", "First post", ["m1"])],
        resources=[DepartmentResource(department="marketing", people=2, hours_per_week=10)],
    )


@pytest.fixture
def two_apps(backend, tmp_path, request):
    """Two Workspace handles (A, B) on one database (SQLite and PostgreSQL); the team has a
    planning section and ratings."""
    url = database_url(backend, tmp_path, request)
    a, b = Workspace(url), Workspace(url)
    a.create_team(TEAM)
    a.save_section(TEAM, "planning", _base_planning(), base_revision=None)
    a.save_section(TEAM, "audit", AuditSection(answers={"no-plan": 1}), base_revision=None)
    return a, b


def _load_both(a: Workspace, b: Workspace):
    plan_a, rev_a = a.load_with_revision(TEAM)
    plan_b, rev_b = b.load_with_revision(TEAM)
    assert rev_a.number == rev_b.number
    return plan_a, plan_b, rev_a.number


def _edit_goal(section: PlanningSection, goal_id: str, **changes) -> PlanningSection:
    goals = [goal.model_copy(update=changes) if goal.id == goal_id else goal
             for goal in section.goals]
    return section.model_copy(update={"goals": goals})


def _assert_stored_plan_is_valid(ws: Workspace) -> Plan:
    plan = ws.load(TEAM)
    return Plan.model_validate(plan.model_dump())


def _assert_no_gaps(ws: Workspace) -> None:
    numbers = [revision.number for revision in ws.revisions(TEAM)]
    assert numbers == list(range(len(numbers), 0, -1))


# (a) ------------------------------------------------------------------------------------------


def test_a_adds_a_goal_b_changes_a_raci_cell_both_are_kept(two_apps):
    a, b = two_apps
    plan_a, plan_b, base = _load_both(a, b)
    mine_a = plan_a.planning.model_copy(
        update={"goals": [*plan_a.planning.goals, _goal("g-new")]})
    mine_b = plan_b.planning.model_copy(
        update={"raci": plan_b.planning.raci.with_cell("complaints", "customer_service", "R")})

    saved_a = a.save_section(TEAM, "planning", mine_a, base)
    saved_b = b.save_section(TEAM, "planning", mine_b, base)

    assert not saved_a.merged and saved_a.conflicts == ()
    assert saved_b.merged and saved_b.conflicts == ()
    latest = b.load(TEAM)
    assert [goal.id for goal in latest.planning.goals] == ["g-1", "g-2", "g-new"]
    assert latest.planning.raci.letter("complaints", "customer_service") == "R"
    assert latest.planning.raci.letter("listening", "marketing") == "A"
    assert saved_b.plan == latest
    assert saved_b.revision.number == base + 2
    _assert_stored_plan_is_valid(a)


# (b) ------------------------------------------------------------------------------------------


def test_a_and_b_add_different_goals_both_are_present(two_apps):
    a, b = two_apps
    plan_a, plan_b, base = _load_both(a, b)
    a.save_section(TEAM, "planning", plan_a.planning.model_copy(
        update={"goals": [*plan_a.planning.goals, _goal("g-a", owner="A")]}), base)
    saved = b.save_section(TEAM, "planning", plan_b.planning.model_copy(
        update={"goals": [*plan_b.planning.goals, _goal("g-b", owner="B")]}), base)

    assert saved.conflicts == ()
    goals = {goal.id: goal.owner for goal in a.load(TEAM).planning.goals}
    assert goals == {"g-1": "Ann", "g-2": "Ann", "g-a": "A", "g-b": "B"}


# (c) ------------------------------------------------------------------------------------------


def test_a_edits_a_goals_target_b_its_owner_both_fields_are_kept(two_apps):
    a, b = two_apps
    plan_a, plan_b, base = _load_both(a, b)
    a.save_section(TEAM, "planning", _edit_goal(plan_a.planning, "g-1", target=18.0), base)
    saved = b.save_section(TEAM, "planning", _edit_goal(plan_b.planning, "g-1", owner="Bo"),
                           base)

    assert saved.conflicts == ()
    [goal] = [goal for goal in a.load(TEAM).planning.goals if goal.id == "g-1"]
    assert (goal.target, goal.owner) == (18.0, "Bo")


# (d) ------------------------------------------------------------------------------------------


def test_both_edit_the_same_target_the_later_save_wins_and_names_the_field(two_apps):
    a, b = two_apps
    plan_a, plan_b, base = _load_both(a, b)
    saved_a = a.save_section(TEAM, "planning", _edit_goal(plan_a.planning, "g-1", target=18.0),
                             base)
    saved_b = b.save_section(TEAM, "planning", _edit_goal(plan_b.planning, "g-1", target=19.0),
                             base)

    assert saved_a.conflicts == ()
    assert saved_b.conflicts == (Conflict(("goals", "g-1", "target"), 19.0, 18.0),)
    [goal] = [goal for goal in a.load(TEAM).planning.goals if goal.id == "g-1"]
    assert goal.target == 19.0


# (e) ------------------------------------------------------------------------------------------


def test_a_removes_a_goal_b_edits_another_both_are_kept(two_apps):
    a, b = two_apps
    plan_a, plan_b, base = _load_both(a, b)
    a.save_section(TEAM, "planning", plan_a.planning.model_copy(
        update={"goals": [g for g in plan_a.planning.goals if g.id != "g-2"]}), base)
    saved = b.save_section(TEAM, "planning", _edit_goal(plan_b.planning, "g-1", metric="sales"),
                           base)

    assert saved.conflicts == ()
    goals = a.load(TEAM).planning.goals
    assert [(goal.id, goal.metric) for goal in goals] == [("g-1", "sales")]


def test_a_removes_a_goal_b_edits_it_b_wins_and_is_told(two_apps):
    a, b = two_apps
    plan_a, plan_b, base = _load_both(a, b)
    a.save_section(TEAM, "planning", plan_a.planning.model_copy(
        update={"goals": [g for g in plan_a.planning.goals if g.id != "g-2"]}), base)
    saved = b.save_section(TEAM, "planning", _edit_goal(plan_b.planning, "g-2", metric="sales"),
                           base)

    assert [goal.id for goal in a.load(TEAM).planning.goals] == ["g-1", "g-2"]
    assert [conflict.path for conflict in saved.conflicts] == [("goals", "g-2")]
    assert saved.conflicts[0].theirs is None


# (f) ------------------------------------------------------------------------------------------


def test_both_add_milestone_m3_with_different_titles_two_milestones_distinct_ids(two_apps):
    a, b = two_apps
    plan_a, plan_b, base = _load_both(a, b)
    a.save_section(TEAM, "planning", plan_a.planning.model_copy(update={"milestones": [
        *plan_a.planning.milestones, _milestone("m3", "Hire a community manager")]}), base)
    saved = b.save_section(TEAM, "planning", plan_b.planning.model_copy(update={"milestones": [
        *plan_b.planning.milestones, _milestone("m3", "Write the policy")]}), base)

    milestones = a.load(TEAM).planning.milestones
    ids = [milestone.id for milestone in milestones]
    assert len(ids) == len(set(ids)) == 4
    titles = {milestone.title: milestone.id for milestone in milestones}
    assert titles["Hire a community manager"] == "m3"      # the earlier save keeps its id
    assert titles["Write the policy"] not in {"m1", "m2", "m3"}
    assert titles["Write the policy"] == "m4"
    assert saved.plan.planning.milestones == milestones


def test_a_renamed_milestone_keeps_the_dependencies_on_it(two_apps):
    a, b = two_apps
    plan_a, plan_b, base = _load_both(a, b)
    a.save_section(TEAM, "planning", plan_a.planning.model_copy(update={"milestones": [
        *plan_a.planning.milestones, _milestone("m3", "A's third step")]}), base)
    b.save_section(TEAM, "planning", plan_b.planning.model_copy(update={"milestones": [
        *plan_b.planning.milestones, _milestone("m3", "B's third step"),
        _milestone("m4", "B's fourth step", depends_on=["m3"])]}), base)

    by_title = {milestone.title: milestone for milestone in a.load(TEAM).planning.milestones}
    assert by_title["B's fourth step"].depends_on == [by_title["B's third step"].id]


# (g) ------------------------------------------------------------------------------------------


def _fill_to(plan: Plan, n: int, prefix: str) -> PlanningSection:
    goals = list(plan.planning.goals)
    goals += [_goal(f"{prefix}-{k}") for k in range(len(goals) + 1, n + 1)]
    return plan.planning.model_copy(update={"goals": goals})


def test_both_add_goals_beyond_the_limit_the_later_section_is_stored_whole(two_apps):
    a, b = two_apps
    plan_a, plan_b, base = _load_both(a, b)
    mine_a = _fill_to(plan_a, MAX_GOALS, "ga")        # 2 -> 5 goals: valid alone
    mine_b = _fill_to(plan_b, MAX_GOALS, "gb")        # 2 -> 5 other goals: valid alone
    mine_b = mine_b.model_copy(update={
        "raci": mine_b.raci.with_cell("crisis", "pr", "A")})
    saved_a = a.save_section(TEAM, "planning", mine_a, base)
    saved_b = b.save_section(TEAM, "planning", mine_b, base)

    stored = _assert_stored_plan_is_valid(a)
    assert len(stored.planning.goals) == MAX_GOALS
    assert stored.planning == mine_b                     # B's section, whole
    assert saved_b.plan.planning == mine_b
    assert saved_b.merged
    assert [conflict.path for conflict in saved_b.conflicts] == [("planning",)]
    assert saved_b.conflicts[0].mine == mine_b.model_dump(mode="json")
    assert saved_a.revision.number + 1 == saved_b.revision.number
    _assert_no_gaps(a)


def test_the_whole_section_conflict_reports_the_teammates_section_as_theirs(two_apps):
    a, b = two_apps
    plan_a, plan_b, base = _load_both(a, b)
    mine_a = _fill_to(plan_a, MAX_GOALS, "ga")
    a.save_section(TEAM, "planning", mine_a, base)
    saved_b = b.save_section(TEAM, "planning", _fill_to(plan_b, MAX_GOALS, "gb"), base)

    [conflict] = saved_b.conflicts
    assert conflict.theirs == mine_a.model_dump(mode="json")


def test_an_invalid_section_alone_is_refused_and_nothing_is_stored(two_apps):
    a, _ = two_apps
    _, base = a.load_with_revision(TEAM)
    too_many = {"goals": [_goal(f"g-{k}").model_dump(mode="json")
                          for k in range(MAX_GOALS + 1)]}
    with pytest.raises(ValueError):
        a.save_section(TEAM, "planning", too_many, base.number)
    assert a.latest_number(TEAM) == base.number


# (h) ------------------------------------------------------------------------------------------


def test_audit_a_rates_one_statement_b_another_both_are_kept(two_apps):
    a, b = two_apps
    plan_a, plan_b, base = _load_both(a, b)
    a.save_section(TEAM, "audit", AuditSection(
        answers={**plan_a.audit.answers, "vanity-kpis": 3}), base)
    saved = b.save_section(TEAM, "audit", AuditSection(
        answers={**plan_b.audit.answers, "social-is-free": 4}), base)

    assert saved.conflicts == ()
    assert a.load(TEAM).audit.answers == {"no-plan": 1, "vanity-kpis": 3, "social-is-free": 4}


def test_audit_both_rate_the_same_statement_the_later_wins(two_apps):
    a, b = two_apps
    plan_a, plan_b, base = _load_both(a, b)
    a.save_section(TEAM, "audit", AuditSection(answers={"no-plan": 2}), base)
    saved = b.save_section(TEAM, "audit", AuditSection(answers={"no-plan": 4}), base)

    assert saved.conflicts == (Conflict(("answers", "no-plan"), 4, 2),)
    assert a.load(TEAM).audit.answers == {"no-plan": 4}


def test_a_saves_audit_b_saves_planning_neither_undoes_the_other(two_apps):
    a, b = two_apps
    plan_a, plan_b, base = _load_both(a, b)
    a.save_section(TEAM, "audit", AuditSection(answers={"no-plan": 4}), base)
    saved = b.save_section(TEAM, "planning", _edit_goal(plan_b.planning, "g-1", owner="Bo"),
                           base)

    assert saved.conflicts == ()
    latest = a.load(TEAM)
    assert latest.audit.answers == {"no-plan": 4}
    assert latest.planning.goals[0].owner == "Bo"


# (i) and (j) ----------------------------------------------------------------------------------


def test_no_base_revision_replaces_the_section(two_apps):
    a, b = two_apps
    plan_a, plan_b, base = _load_both(a, b)
    a.save_section(TEAM, "planning", plan_a.planning.model_copy(
        update={"goals": [*plan_a.planning.goals, _goal("g-a")]}), base)
    saved = b.save_section(TEAM, "planning", _edit_goal(plan_b.planning, "g-1", owner="Bo"),
                           base_revision=None)

    assert not saved.merged and saved.conflicts == ()
    goals = a.load(TEAM).planning.goals
    assert [(goal.id, goal.owner) for goal in goals] == [("g-1", "Bo"), ("g-2", "Ann")]


def test_the_latest_revision_as_base_stores_the_section_as_given(two_apps):
    a, _ = two_apps
    plan, base = a.load_with_revision(TEAM)
    section = _edit_goal(plan.planning, "g-2", target=12.0)
    saved = a.save_section(TEAM, "planning", section, base.number)
    assert not saved.merged and saved.conflicts == ()
    assert a.load(TEAM).planning == section


@pytest.mark.parametrize("missing", [0, -1, 999])
def test_a_base_revision_that_does_not_exist_is_refused(two_apps, missing):
    a, b = two_apps
    plan, _ = a.load_with_revision(TEAM)
    a.save_section(TEAM, "audit", AuditSection(answers={"no-plan": 2}), None)  # latest moves on
    before = b.latest_number(TEAM)
    with pytest.raises(RevisionNotFoundError, match=str(missing)):
        b.save_section(TEAM, "planning", plan.planning, base_revision=missing)
    assert b.latest_number(TEAM) == before


def test_a_save_that_knows_its_base_merges_from_it_when_thinning_dropped_that_revision(
        two_apps):
    """B opened the team at a revision thinning then dropped, and A edited since. Merged
    from the nearest older revision, B's save would undo A's target (B's copy differs from
    that older revision there); from the section B started from, only B's change is applied."""
    a, b = two_apps
    a.save_section(TEAM, "planning", _edit_goal(a.load(TEAM).planning, "g-1", target=20.0),
                   None)  # 4
    a.save_section(TEAM, "planning", _edit_goal(a.load(TEAM).planning, "g-1", target=25.0),
                   None)  # 5
    plan_b, base = b.load_with_revision(TEAM)  # B opens the team at 5
    a.save_section(TEAM, "planning", _edit_goal(a.load(TEAM).planning, "g-1", target=40.0),
                   None)  # 6
    a.save_section(TEAM, "planning", _edit_goal(a.load(TEAM).planning, "g-2", owner="Bo"),
                   None)  # 7
    a.save_section(TEAM, "audit", AuditSection(answers={"no-plan": 4}), None)  # 8
    a.thin(now=datetime.now(timezone.utc) + timedelta(hours=2))
    assert base.number == 5 and 5 not in {r.number for r in a.revisions(TEAM)}
    mine = _edit_goal(plan_b.planning, "g-2", metric="orders per month")
    saved = b.save_section(TEAM, "planning", mine, base.number, base_value=plan_b.planning)
    assert saved.merged and saved.conflicts == ()
    goals = {goal.id: goal for goal in b.load(TEAM).planning.goals}
    assert sorted(goals) == ["g-1", "g-2"]
    assert goals["g-1"].target == 40.0
    assert (goals["g-2"].owner, goals["g-2"].metric) == ("Bo", "orders per month")


@pytest.mark.parametrize("missing", [0, 999])
def test_a_base_that_is_not_a_revision_is_refused_even_with_its_section(two_apps, missing):
    """A base beyond the latest revision: the team was deleted and created again since."""
    a, b = two_apps
    plan, _ = a.load_with_revision(TEAM)
    a.save_section(TEAM, "audit", AuditSection(answers={"no-plan": 2}), None)
    before = b.latest_number(TEAM)
    with pytest.raises(RevisionNotFoundError, match=str(missing)):
        b.save_section(TEAM, "planning", plan.planning, missing, base_value=plan.planning)
    assert b.latest_number(TEAM) == before


# (k) ------------------------------------------------------------------------------------------


def test_a_plan_level_field_merges_with_a_teammates_section_save(two_apps):
    a, b = two_apps
    plan_a, plan_b, base = _load_both(a, b)
    a.save_section(TEAM, "planning", _edit_goal(plan_a.planning, "g-1", owner="Al"), base)
    saved = b.save_section(TEAM, "currency", "NOK", base)

    assert saved.merged and saved.conflicts == ()
    latest = a.load(TEAM)
    assert latest.currency == "NOK"
    assert latest.planning.goals[0].owner == "Al"


def test_a_plan_level_field_both_changed_the_later_wins(two_apps):
    a, b = two_apps
    _, _, base = _load_both(a, b)
    a.save_section(TEAM, "currency", "SEK", base)
    saved = b.save_section(TEAM, "currency", "NOK", base)
    assert saved.conflicts == (Conflict((), "NOK", "SEK"),)
    assert a.load(TEAM).currency == "NOK"


# (l) and (m) ----------------------------------------------------------------------------------


def test_many_interleaved_saves_leave_no_gaps_and_always_a_valid_plan(two_apps):
    a, b = two_apps
    plan_a, rev_a = a.load_with_revision(TEAM)
    plan_b, rev_b = b.load_with_revision(TEAM)
    seen = []
    for step in range(12):
        # A changes goal 1's target and rates a statement; B edits goal 2 and adds milestones
        section_a = _edit_goal(plan_a.planning, "g-1", target=float(20 + step))
        saved = a.save_section(TEAM, "planning", section_a, rev_a.number)
        seen.append(saved.revision.number)
        plan_a, rev_a = saved.plan, saved.revision
        if step % 3 == 0:
            saved = a.save_section(TEAM, "audit", AuditSection(
                answers={**plan_a.audit.answers, f"statement-{step}": step % 5}), rev_a.number)
            seen.append(saved.revision.number)
            plan_a, rev_a = saved.plan, saved.revision

        section_b = _edit_goal(plan_b.planning, "g-2", owner=f"B{step}")
        section_b = section_b.model_copy(update={"milestones": [
            *section_b.milestones, _milestone(f"b{step}", f"B step {step}")]})
        saved = b.save_section(TEAM, "planning", section_b, rev_b.number)
        seen.append(saved.revision.number)
        assert saved.conflicts == ()
        plan_b, rev_b = saved.plan, saved.revision
        Plan.model_validate(b.load(TEAM).model_dump())

    assert seen == sorted(seen) == list(range(seen[0], seen[0] + len(seen)))
    _assert_no_gaps(a)
    latest = _assert_stored_plan_is_valid(b)
    goals = {goal.id: goal for goal in latest.planning.goals}
    assert goals["g-1"].target == 31.0
    assert goals["g-2"].owner == "B11"
    assert [m.id for m in latest.planning.milestones] == ["m1", "m2"] + [
        f"b{step}" for step in range(12)]
    assert latest.audit.answers == {"no-plan": 1, **{
        f"statement-{step}": step % 5 for step in range(0, 12, 3)}}
