"""The workspace on PostgreSQL, as a hub serving many machines runs it.

Runs when SOCIAL_PLAYBOOK_TEST_POSTGRES_URL names an empty database, e.g.
postgresql+psycopg://postgres@127.0.0.1:5432/ws_test (pip install 'social-playbook[postgres]').
"""

import multiprocessing
import os
import uuid

import pytest

from socialplaybook.steps.audit.section import AuditSection
from socialplaybook.workspace.errors import TeamExistsError
from socialplaybook.workspace.store import Workspace

URL = os.environ.get("SOCIAL_PLAYBOOK_TEST_POSTGRES_URL", "")
pytestmark = pytest.mark.skipif(not URL, reason="SOCIAL_PLAYBOOK_TEST_POSTGRES_URL not set")


def _save_many(team: str, count: int, barrier) -> None:
    workspace = Workspace(URL)
    barrier.wait()
    for i in range(count):
        workspace.update_section(team, "audit", AuditSection(answers={"no-plan": i % 5}))


def test_revisions_restore_and_unique_names_on_postgresql():
    workspace = Workspace(URL)
    team = f"PG {uuid.uuid4().hex[:8]}"
    workspace.create_team(team)
    with pytest.raises(TeamExistsError):
        workspace.create_team(team.upper())
    workspace.update_section(team, "audit", AuditSection(answers={"no-plan": 4}))
    workspace.restore(team, 1)
    assert [r.number for r in workspace.revisions(team)] == [3, 2, 1]
    assert workspace.load(team).audit.answers == {}
    assert workspace.load_revision(team, 2).audit.answers == {"no-plan": 4}


def test_four_processes_saving_at_once_lose_nothing_on_postgresql():
    workspace = Workspace(URL)
    teams = [f"PG {uuid.uuid4().hex[:8]}" for _ in range(3)]
    for team in teams:
        workspace.create_team(team)
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(4)
    processes = [context.Process(target=_save_many, args=(team, 200, barrier))
                 for team in (teams[0], teams[0], teams[1], teams[2])]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=120)
    assert [p.exitcode for p in processes] == [0, 0, 0, 0]
    for team, expected in zip(teams, (401, 201, 201), strict=True):
        numbers = sorted(r.number for r in workspace.revisions(team))
        assert numbers == list(range(1, expected + 1))
