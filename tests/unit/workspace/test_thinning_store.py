"""Thinning a workspace keeps the state before a mistake: the replay of issue 20's finding.

A goal is edited, then deleted by mistake within the same minute; more than an hour later
thinning runs. The edited goal must still be in a kept revision, and restoring that
revision brings it back. The store's clock is faked, so every save lands at a known second.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

import socialplaybook.workspace.store as store_module
from socialplaybook.steps.planning.section import Goal, PlanningSection
from socialplaybook.workspace.store import Workspace
from tests.unit.conftest import database_url

MORNING = datetime(2026, 11, 27, 9, 0, 0, tzinfo=timezone.utc)
TEAM = "Harbour Bakery"


class Clock:
    """The store's ``utc_now``: the time it is set to."""

    def __init__(self) -> None:
        self.now = MORNING

    def __call__(self) -> datetime:
        return self.now

    def at(self, seconds: float) -> None:
        self.now = MORNING + timedelta(seconds=seconds)


@pytest.fixture
def clock(monkeypatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(store_module, "utc_now", fake)
    return fake


def _goal(**changes) -> Goal:
    return Goal(id="g-1", business_result="leads", metric="leads per month", baseline=10,
                deadline=date(2027, 6, 1), **changes)


def _save(ws: Workspace, goals: list[Goal]) -> int:
    return ws.save_section(TEAM, "planning", PlanningSection(goals=goals),
                           None).revision.number


def test_a_goal_edited_then_deleted_by_mistake_in_one_minute_is_restored_after_thinning(
        backend, tmp_path, request, clock):
    workspace = Workspace(database_url(backend, tmp_path, request))
    clock.at(0)
    workspace.create_team(TEAM)                                        # 1
    for second, target in ((5, 20.0), (10, 25.0), (20, 30.0)):        # 2-4: edits
        clock.at(second)
        _save(workspace, [_goal(target=target)])
    clock.at(30)
    deleted = _save(workspace, [])                                     # 5: the mistake
    for second in (40, 50):                                            # 6-7: more work
        clock.at(second)
        workspace.save_section(TEAM, "planning", PlanningSection(horizon_months=second // 5),
                               None)

    dropped = workspace.thin(now=MORNING + timedelta(hours=1, minutes=5))

    kept = sorted(revision.number for revision in workspace.revisions(TEAM))
    assert kept == [1, 4, 5, 7]  # the first of the minute, the pair around the deletion, the last
    assert dropped == 3
    before = [number for number in kept if number < deleted][-1]
    assert workspace.load_revision(TEAM, before).planning.goals == [_goal(target=30.0)]
    clock.at(3600 * 2)
    workspace.restore(TEAM, before)
    assert workspace.load(TEAM).planning.goals == [_goal(target=30.0)]
    # thinning again changes nothing of what it kept
    assert workspace.thin(now=MORNING + timedelta(hours=1, minutes=5)) == 0


def test_a_deleted_milestone_or_kpi_keeps_the_revision_before_it_too(tmp_path, clock):
    workspace = Workspace(f"sqlite:///{tmp_path}/ws.sqlite")
    clock.at(0)
    workspace.create_team(TEAM)                                                # 1
    kpis = {"kpis": [{"id": "k-1", "name": "Leads"}, {"id": "k-2", "name": "Orders"}]}
    for second, value in ((5, kpis), (10, kpis | {"hear_about_us_added": True}),  # 2, 3
                          (15, {"kpis": kpis["kpis"][:1], "hear_about_us_added": True}),  # 4
                          (20, {"kpis": kpis["kpis"][:1]}), (25, {"kpis": []})):  # 5, 6
        clock.at(second)
        workspace.save_section(TEAM, "kpis", value, None)
    clock.at(59)
    workspace.save_section(TEAM, "kpis", {"kpis": [], "hear_about_us_added": True}, None)  # 7

    workspace.thin(now=MORNING + timedelta(hours=2))

    kept = sorted(revision.number for revision in workspace.revisions(TEAM))
    assert kept == [1, 3, 4, 5, 6, 7]  # 3 before k-2 went (4), 5 before k-1 went (6)
    assert [k.id for k in workspace.load_revision(TEAM, 3).kpis.kpis] == ["k-1", "k-2"]
