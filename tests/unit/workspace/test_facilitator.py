"""What a facilitator does to a team: lock its history (kept whole, nothing restored over it,
saves still append), unlock it, delete the team (refused while locked)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from socialplaybook.steps.audit.section import AuditSection
from socialplaybook.workspace.errors import TeamLockedError, TeamNotFoundError
from socialplaybook.workspace.store import Workspace
from tests.unit.conftest import database_url

TWO_HOURS_ON = timedelta(hours=2)


@pytest.fixture
def workspace(backend, tmp_path, request) -> Workspace:
    return Workspace(database_url(backend, tmp_path, request))


def autosaves(ws: Workspace, team: str, answers: list[int]) -> None:
    for value in answers:
        ws.save_section(team, "audit", AuditSection(answers={"no-plan": value}), None)


def test_a_team_is_locked_and_unlocked_and_the_list_says_which(workspace):
    workspace.create_team("Harbour Café")
    workspace.create_team("Fjord Bakery")
    assert not workspace.is_locked("Harbour Café")
    assert workspace.lock("harbour  café") is True
    assert workspace.lock("Harbour Café") is False  # already locked
    assert workspace.is_locked("Harbour Café")
    assert [(t.name, t.locked) for t in workspace.teams()] == [
        ("Fjord Bakery", False), ("Harbour Café", True)]
    assert workspace.unlock("Harbour Café") is True
    assert workspace.unlock("Harbour Café") is False
    assert not workspace.is_locked("Harbour Café")
    with pytest.raises(TeamNotFoundError):
        workspace.lock("Nobody")


def test_thinning_keeps_a_locked_teams_history_whole_and_thins_the_others(workspace):
    for team in ("Locked", "Open"):
        workspace.create_team(team)
        autosaves(workspace, team, [v % 5 for v in range(8)])  # 2-9
    workspace.lock("Locked")
    later = datetime.now(timezone.utc) + TWO_HOURS_ON
    dropped = workspace.thin(now=later)
    assert len(workspace.revisions("Locked")) == 9
    assert len(workspace.revisions("Open")) < 9 and dropped == 9 - len(
        workspace.revisions("Open"))
    workspace.unlock("Locked")
    assert workspace.thin(now=later) > 0
    assert len(workspace.revisions("Locked")) < 9


def test_a_save_to_a_locked_team_still_appends(workspace):
    workspace.create_team("Locked")
    workspace.lock("Locked")
    saved = workspace.save_section("Locked", "audit", AuditSection(answers={"no-plan": 2}), 1)
    assert saved.revision.number == 2
    assert workspace.load("Locked").audit.answers == {"no-plan": 2}
    assert workspace.is_locked("Locked")


def test_nothing_is_restored_over_a_locked_team(workspace):
    workspace.create_team("Locked")
    autosaves(workspace, "Locked", [1, 2])  # 2-3
    workspace.lock("Locked")
    with pytest.raises(TeamLockedError) as refused:
        workspace.restore("locked", 2)
    assert "social-playbook unlock \"Locked\"" in str(refused.value)
    assert [r.number for r in workspace.revisions("Locked")] == [3, 2, 1]
    assert workspace.protected("Locked") == {}
    workspace.unlock("Locked")
    assert workspace.restore("Locked", 2).number == 4


def test_deleting_a_team_removes_it_and_only_it(workspace):
    workspace.create_team("Gone")
    autosaves(workspace, "Gone", [1, 2, 3])
    workspace.protect("Gone", 2, "exported")
    workspace.create_team("Stays")
    autosaves(workspace, "Stays", [4])
    assert workspace.delete_team("gone") == 4
    assert workspace.team_names() == ["Stays"]
    with pytest.raises(TeamNotFoundError):
        workspace.revisions("Gone")
    assert [r.number for r in workspace.revisions("Stays")] == [2, 1]
    # the name is free again, and the new team starts its own history
    workspace.create_team("Gone")
    assert [r.number for r in workspace.revisions("Gone")] == [1]
    assert workspace.protected("Gone") == {}


def test_a_locked_team_cannot_be_deleted(workspace):
    workspace.create_team("Locked")
    autosaves(workspace, "Locked", [1])
    workspace.lock("Locked")
    with pytest.raises(TeamLockedError):
        workspace.delete_team("Locked")
    assert len(workspace.revisions("Locked")) == 2
    with pytest.raises(TeamNotFoundError):
        workspace.delete_team("Nobody")
