"""Changes a kernel could not store before it stopped: kept in a private folder, stored later
by a recovery pass as a normal save from their base, each outcome named by team and section."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialplaybook.steps.audit.section import AuditSection
from socialplaybook.steps.planning.section import Goal, PlanningSection
from socialplaybook.workspace.recovery import (
    REFUSED_FOLDER,
    PendingChange,
    keep,
    pending_files,
    recover,
    recovery_folder,
)
from socialplaybook.workspace.store import Workspace
from tests.unit.conftest import database_url


@pytest.fixture
def workspace(backend, tmp_path, request, monkeypatch) -> Workspace:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # PostgreSQL's folder
    return Workspace(database_url(backend, tmp_path, request))


def audit(answers: dict[str, int]) -> dict:
    return AuditSection(answers=answers).model_dump(mode="json")


def change(team="Harbour Café", answers=None, base=1, base_answers=None) -> PendingChange:
    return PendingChange(team, "audit", base, audit(answers or {"no-plan": 3}),
                         audit(base_answers or {}), base_answers is not None)


# -- where changes are kept -------------------------------------------------------------------


def test_a_sqlite_workspace_keeps_them_next_to_its_file(tmp_path):
    assert recovery_folder(f"sqlite:///{tmp_path}/ws.sqlite") == tmp_path / "ws.sqlite.recovery"


def test_a_postgresql_workspace_keeps_them_in_the_users_data_folder_without_its_password(
        tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    one = recovery_folder("postgresql+psycopg://app:s3cret@db.example/playbook")
    assert one.parent == tmp_path / "social-playbook" / "recovery"
    assert "s3cret" not in str(one)
    # a new password is the same database; another database is another folder
    assert recovery_folder("postgresql+psycopg://app:other@db.example/playbook") == one
    assert recovery_folder("postgresql+psycopg://app:s3cret@db.example/other") != one


def test_a_kept_change_is_private_and_whole(tmp_path):
    folder = tmp_path / "ws.sqlite.recovery"
    kept = keep(folder, change(base_answers={}))
    kept.release()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(kept.path.stat().st_mode) == 0o600
    assert pending_files(folder) == [kept.path]
    assert not [p for p in folder.iterdir() if p.name.endswith(".part")]
    again = PendingChange.from_json(kept.path.read_text(encoding="utf-8"))
    assert (again.team, again.section, again.base_revision, again.value) == (
        "Harbour Café", "audit", 1, audit({"no-plan": 3}))
    assert again.has_base_value and again.base_value == audit({})


def test_a_kept_change_that_was_stored_after_all_is_forgotten(tmp_path):
    kept = keep(tmp_path / "r", change())
    kept.forget()
    assert pending_files(tmp_path / "r") == []


# -- the recovery pass ------------------------------------------------------------------------


def test_a_kept_change_is_stored_merged_with_what_teammates_saved_since(workspace):
    workspace.create_team("Harbour Café")
    # a teammate's save after the change's base (revision 1)
    workspace.save_section("Harbour Café", "audit", AuditSection(answers={"vanity-kpis": 1}),
                           1)
    kept = keep(recovery_folder(workspace.url), change(answers={"no-plan": 3}, base=1,
                                                       base_answers={}))
    kept.release()
    [outcome] = recover(workspace)
    assert outcome.kind == "stored" and outcome.revision == 3
    assert workspace.load("Harbour Café").audit.answers == {"no-plan": 3, "vanity-kpis": 1}
    assert pending_files(recovery_folder(workspace.url)) == []
    assert outcome.describe() == (
        "Recovered a change to team 'Harbour Café' (audit) that a kernel could not store "
        "before it stopped: stored as revision 3.")
    assert recover(workspace) == []  # nothing is stored twice


def test_a_change_its_kernel_is_still_trying_is_left_alone(workspace):
    workspace.create_team("Harbour Café")
    kept = keep(recovery_folder(workspace.url), change())
    try:
        assert recover(workspace) == []
        assert len(workspace.revisions("Harbour Café")) == 1
    finally:
        kept.forget()  # its kernel stored it
    assert recover(workspace) == []


def test_a_change_that_was_already_stored_is_not_stored_again(workspace):
    workspace.create_team("Harbour Café")
    workspace.save_section("Harbour Café", "audit", AuditSection(answers={"no-plan": 3}), 1)
    keep(recovery_folder(workspace.url), change(answers={"no-plan": 3}, base=1)).release()
    [outcome] = recover(workspace)
    assert outcome.kind == "already"
    assert len(workspace.revisions("Harbour Café")) == 2
    assert pending_files(recovery_folder(workspace.url)) == []


def test_a_change_whose_team_was_deleted_is_set_aside_and_said(workspace):
    workspace.create_team("Harbour Café")
    keep(recovery_folder(workspace.url), change()).release()
    workspace.delete_team("Harbour Café")
    [outcome] = recover(workspace)
    assert outcome.kind == "refused"
    folder = recovery_folder(workspace.url)
    assert pending_files(folder) == []
    assert outcome.path.parent == folder / REFUSED_FOLDER and outcome.path.exists()
    assert outcome.describe().startswith(
        "A kept change to team 'Harbour Café' (audit) was refused by the workspace "
        "(There is no team called 'Harbour Café'.) and is not stored; it is kept in ")


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_busy_workspace_leaves_the_change_for_the_next_pass(workspace):
    workspace.create_team("Harbour Café")
    keep(recovery_folder(workspace.url), change()).release()
    busy = Workspace(workspace.url, busy_timeout_seconds=0.2)
    holder = sqlite3.connect(workspace.url.removeprefix("sqlite:///"), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another connection holds the workspace
    try:
        [outcome] = recover(busy)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert outcome.kind == "later"
    assert "busy" in outcome.describe() and "'Harbour Café' (audit)" in outcome.describe()
    assert len(pending_files(recovery_folder(workspace.url))) == 1
    [outcome] = recover(busy)
    assert outcome.kind == "stored"
    assert workspace.load("Harbour Café").audit.answers == {"no-plan": 3}


def test_an_unreadable_file_is_set_aside(workspace):
    folder = recovery_folder(workspace.url)
    folder.mkdir(mode=0o700, parents=True)
    (folder / "20260101T000000000000-1-broken.json").write_text("{not json")
    [outcome] = recover(workspace)
    assert outcome.kind == "unreadable"
    assert (folder / REFUSED_FOLDER / "20260101T000000000000-1-broken.json").exists()
    assert pending_files(folder) == []


def test_a_kept_change_merges_from_its_own_base_even_when_thinning_dropped_it(workspace):
    """The duplicated goal of a base thinned away: with the base's section kept alongside the
    change, the merge sees only what the change did."""
    workspace.create_team("Harbour Café")
    goal = Goal(id="g-1", business_result="leads", metric="leads per month", baseline=10,
                deadline=date(2027, 6, 1), target=20)
    for target in (20, 25, 30):  # 2-4: a teammate's edits; the change started from 3
        workspace.save_section("Harbour Café", "planning", PlanningSection(
            goals=[goal.model_copy(update={"target": target})]), None)
    base = PlanningSection(goals=[goal.model_copy(update={"target": 25})])
    workspace.save_section("Harbour Café", "planning", PlanningSection(
        goals=[goal.model_copy(update={"target": 30, "owner": "Sales"})]), None)  # 5
    workspace.thin(now=datetime.now(timezone.utc) + timedelta(hours=2))
    assert 3 not in [r.number for r in workspace.revisions("Harbour Café")]
    mine = PlanningSection(goals=[goal.model_copy(update={"target": 25,
                                                          "metric": "qualified leads"})])
    keep(recovery_folder(workspace.url), PendingChange(
        "Harbour Café", "planning", 3, mine.model_dump(mode="json"),
        base.model_dump(mode="json"), True)).release()
    [outcome] = recover(workspace)
    assert outcome.kind == "stored" and outcome.conflicts == ()
    [stored] = workspace.load("Harbour Café").planning.goals
    assert (stored.metric, stored.target, stored.owner) == ("qualified leads", 30, "Sales")


# -- what a kept file may hold ------------------------------------------------------------------


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner,
                                                                max_size=4),
    max_leaves=12)


@given(st.dictionaries(st.sampled_from(["format", "team", "section", "base_revision", "value",
                                        "base_value", "noted_at", "pid"]),
                       json_values | st.just(1), max_size=8))
def test_a_kept_file_is_read_whole_or_refused_with_a_value_error(data):
    try:
        read = PendingChange.from_json(json.dumps(data))
    except ValueError:
        return
    assert isinstance(read.team, str) and isinstance(read.section, str)
    assert read.base_revision is None or isinstance(read.base_revision, int)


def test_a_kept_file_of_another_kind_is_refused():
    with pytest.raises(ValueError):
        PendingChange.from_json(json.dumps({"format": 99, "team": "A", "section": "audit",
                                            "base_revision": 1, "value": {}}))
    with pytest.raises(ValueError):
        PendingChange.from_json("[]")
    assert os.sep not in REFUSED_FOLDER
