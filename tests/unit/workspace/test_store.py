"""The workspace: teams, append-only revisions, restore, import, and the database it uses."""

from __future__ import annotations

import json
import re
import socket
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import platformdirs
import pytest
from sqlalchemy import create_engine, event, func, select
from sqlalchemy.exc import OperationalError

import socialplaybook.plan.schema as plan_module
from socialplaybook.plan.files import plan_from_json
from socialplaybook.plan.model import Plan
from socialplaybook.steps.audit.section import AuditSection
from socialplaybook.workspace.database import (
    DB_ENV_VAR,
    SQLITE_BUSY_TIMEOUT_MS,
    default_database_url,
)
from socialplaybook.workspace.errors import (
    RevisionNotFoundError,
    TeamExistsError,
    TeamNotFoundError,
    WorkspaceBusyError,
    WorkspaceError,
    WorkspaceFullError,
    WorkspaceUnreachableError,
    classify_database_error,
)
from socialplaybook.workspace.store import Workspace
from socialplaybook.workspace.tables import revisions_table
from tests.unit.conftest import database_url


def with_answers(plan: Plan, answers: dict[str, int]) -> Plan:
    """The plan with these audit answers, touched (as a widget would save it)."""
    return plan.touched().model_copy(update={"audit": AuditSection(answers=answers)})


def content(plan: Plan) -> dict:
    """What a team typed: everything but the update time."""
    return plan.model_dump(exclude={"updated_at"})


def raw_rows(ws: Workspace) -> list[tuple]:
    r = revisions_table
    with ws.engine.connect() as conn:
        return conn.execute(
            select(r.c.id, r.c.team_id, r.c.number, r.c.section, r.c.plan).order_by(r.c.id)
        ).all()


@pytest.fixture
def db_url(backend, tmp_path, request, monkeypatch) -> str:
    """The test's own workspace database, on SQLite and on PostgreSQL."""
    url = database_url(backend, tmp_path, request)
    monkeypatch.setenv(DB_ENV_VAR, url)
    return url


sqlite_only = pytest.mark.parametrize("backend", ["sqlite"])


# -- teams -------------------------------------------------------------------------------------




def test_new_workspace_is_empty(workspace):
    assert workspace.teams() == []
    assert workspace.team_names() == []


def test_create_team(workspace):
    plan = workspace.create_team("  Sales   Nord ", currency="nok")
    assert plan.team == "Sales Nord"
    assert plan.currency == "NOK"
    assert workspace.team_names() == ["Sales Nord"]
    assert workspace.has_team("sales nord")
    [revision] = workspace.revisions("Sales Nord")
    assert (revision.number, revision.section) == (1, "created")
    assert workspace.load("SALES NORD") == plan


@pytest.mark.parametrize("again", ["Sales Nord", "sales nord", "  SALES   NORD  ", "Sales\tNord"])
def test_duplicate_team_refused_ignoring_case_and_spacing(workspace, snapshot, again):
    workspace.create_team("Sales Nord")
    before = snapshot(workspace)
    with pytest.raises(TeamExistsError) as excinfo:
        workspace.create_team(again)
    assert "already a team" in str(excinfo.value)
    assert snapshot(workspace) == before


@pytest.mark.parametrize("name", ["", "   ", "x" * 61, "a\x00b"])
def test_invalid_team_names_refused(workspace, name):
    with pytest.raises(ValueError):
        workspace.create_team(name)
    assert workspace.teams() == []
    assert not workspace.has_team(name)


def test_invalid_currency_creates_nothing(workspace):
    with pytest.raises(ValueError):
        workspace.create_team("A", currency="XYZ")
    assert workspace.teams() == []


def test_teams_summary(workspace):
    bravo = workspace.create_team("Bravo")
    alpha = workspace.create_team("alpha")
    revision = workspace.save(with_answers(alpha, {"no-plan": 2}), section="audit")
    teams = workspace.teams()
    assert [t.name for t in teams] == ["alpha", "Bravo"]  # sorted ignoring case
    assert [t.revisions for t in teams] == [2, 1]
    assert teams[0].last_saved == revision.saved_at
    assert teams[1].last_saved == workspace.latest_revision("Bravo").saved_at
    assert teams[0].created_at == alpha.created_at
    assert teams[1].created_at == bravo.created_at
    for t in teams:
        assert t.last_saved.utcoffset() == timedelta(0)
        assert t.created_at.utcoffset() == timedelta(0)
    assert workspace.team_names() == ["alpha", "Bravo"]


def test_teams_summary_created_at_of_a_plan_from_another_time_zone(workspace):
    created = datetime(2024, 3, 1, 12, 0, tzinfo=timezone(timedelta(hours=2)))
    plan = Plan(team="Oslo", created_at=created, updated_at=created)
    workspace.import_plan(plan)
    [summary] = workspace.teams()
    assert summary.created_at == created  # the same instant: 10:00 UTC
    assert workspace.load("Oslo") == plan


# -- saving and loading ---------------------------------------------------------------------


def test_save_appends_numbered_revisions_per_team(workspace):
    a = workspace.create_team("A")
    b = workspace.create_team("B")
    numbers = [
        workspace.save(a, "audit").number,
        workspace.save(b, "audit").number,
        workspace.save(a, "audit").number,
        workspace.save(a, "budget").number,
        workspace.save(b, "kpis").number,
    ]
    assert numbers == [2, 2, 3, 4, 3]
    assert [r.number for r in workspace.revisions("A")] == [4, 3, 2, 1]
    assert [r.number for r in workspace.revisions("B")] == [3, 2, 1]


def test_load_returns_latest(workspace):
    plan = workspace.create_team("A")
    saved = []
    for rating in range(5):
        plan = with_answers(plan, {"no-plan": rating})
        workspace.save(plan, "audit")
        saved.append(plan)
    assert workspace.load("A") == saved[-1]
    assert workspace.load("a").audit.answers == {"no-plan": 4}


def test_save_is_found_ignoring_case(workspace):
    workspace.create_team("Sales Nord")
    revision = workspace.save(Plan(team="SALES  nord"), "audit")
    assert revision.number == 2
    assert [t.revisions for t in workspace.teams()] == [2]


def test_revisions_newest_first_with_sections(workspace):
    plan = workspace.create_team("A")
    workspace.save(plan, "audit")
    workspace.save(plan, "audit")
    workspace.save(plan, "budget")
    revisions = workspace.revisions("A")
    assert [(r.number, r.section) for r in revisions] == [
        (4, "budget"), (3, "audit"), (2, "audit"), (1, "created")]
    times = [r.saved_at for r in revisions]
    assert times == sorted(times, reverse=True)
    assert all(t.utcoffset() == timedelta(0) for t in times)
    assert workspace.latest_revision("A") == revisions[0]
    assert workspace.revisions("A", limit=2) == revisions[:2]


def test_long_section_names_are_cut(workspace):
    plan = workspace.create_team("A")
    revision = workspace.save(plan, "s" * 100)
    assert revision.section == "s" * 40
    assert workspace.latest_revision("A").section == "s" * 40


def test_load_revision(workspace):
    first = workspace.create_team("A")
    second = with_answers(first, {"no-plan": 1})
    third = with_answers(first, {"no-plan": 4})
    workspace.save(second, "audit")
    workspace.save(third, "audit")
    assert workspace.load_revision("A", 1) == first
    assert workspace.load_revision("A", 2) == second
    assert workspace.load_revision("A", 3) == third


def test_restore_appends_a_copy_and_deletes_nothing(workspace):
    first = workspace.create_team("A")
    second = with_answers(first, {"no-plan": 1, "vanity-kpis": 3})
    third = with_answers(first, {"no-plan": 4})
    workspace.save(second, "audit")
    workspace.save(third, "audit")
    rows_before = raw_rows(workspace)

    revision = workspace.restore("a", 2)

    assert (revision.number, revision.section) == (4, "restore 2")
    restored = workspace.load("A")
    assert content(restored) == content(second)
    assert restored.updated_at >= third.updated_at
    rows_after = raw_rows(workspace)
    assert rows_after[: len(rows_before)] == rows_before  # nothing changed or deleted
    assert len(rows_after) == len(rows_before) + 1
    assert workspace.load_revision("A", 3) == third
    assert [r.number for r in workspace.revisions("A")] == [4, 3, 2, 1]


def test_missing_revision(workspace, snapshot):
    workspace.create_team("A")
    before = snapshot(workspace)
    for number in (0, 2, 99, -1):
        with pytest.raises(RevisionNotFoundError) as excinfo:
            workspace.load_revision("A", number)
        assert str(number) in str(excinfo.value)
        with pytest.raises(RevisionNotFoundError):
            workspace.restore("A", number)
    assert snapshot(workspace) == before


@pytest.mark.parametrize("name", ["Nobody", "", "x" * 61])
def test_missing_team(workspace, snapshot, name):
    workspace.create_team("A")
    before = snapshot(workspace)
    calls = [
        lambda: workspace.load(name),
        lambda: workspace.revisions(name),
        lambda: workspace.latest_revision(name),
        lambda: workspace.load_revision(name, 1),
        lambda: workspace.restore(name, 1),
    ]
    for call in calls:
        with pytest.raises(TeamNotFoundError):
            call()
    assert not workspace.has_team(name)
    assert snapshot(workspace) == before


def test_save_for_missing_team_refused(workspace):
    with pytest.raises(TeamNotFoundError):
        workspace.save(Plan(team="Nobody"), "audit")
    assert workspace.teams() == []


def test_errors_are_workspace_errors():
    for error in (TeamExistsError, TeamNotFoundError, RevisionNotFoundError):
        assert issubclass(error, WorkspaceError)
        assert issubclass(error, ValueError)


def test_saved_json_is_the_plans_export(workspace):
    plan = with_answers(workspace.create_team("A"), {"no-plan": 2})
    workspace.save(plan, "audit")
    stored = raw_rows(workspace)[-1][-1]
    assert stored == plan.to_json()
    assert plan_from_json(stored) == plan


# -- import ---------------------------------------------------------------------------------


def test_import_into_empty_workspace_creates_the_team(workspace):
    created = datetime(2024, 1, 2, 3, 4, 5, 678_901, tzinfo=timezone.utc)
    plan = Plan(team="Imported Team", currency="GEL", created_at=created,
                updated_at=created + timedelta(days=3), audit={"answers": {"no-plan": 3}})
    revision = workspace.import_plan(plan)
    assert (revision.number, revision.section) == (1, "import")
    assert workspace.team_names() == ["Imported Team"]
    assert workspace.load("imported team") == plan
    assert workspace.load("Imported Team").to_json() == plan.to_json()


def test_import_into_existing_team_appends(workspace):
    workspace.create_team("Sales Nord")
    plan = Plan(team="sales   NORD", audit={"answers": {"vanity-kpis": 4}})
    revision = workspace.import_plan(plan)
    assert (revision.number, revision.section) == (2, "import")
    assert workspace.team_names() == ["Sales Nord"]
    loaded = workspace.load("Sales Nord")
    assert loaded.team == "Sales Nord"  # the stored name, not the file's spelling
    assert loaded.audit.answers == {"vanity-kpis": 4}


def test_import_with_team_override(workspace):
    workspace.create_team("Original")
    plan = Plan(team="Original", audit={"answers": {"no-plan": 1}})
    revision = workspace.import_plan(plan, team="  Copy   Team ")
    assert (revision.number, revision.section) == (1, "import")
    assert workspace.team_names() == ["Copy Team", "Original"]
    assert workspace.load("copy team").team == "Copy Team"
    assert workspace.load("copy team").audit.answers == {"no-plan": 1}
    assert [r.number for r in workspace.revisions("Original")] == [1]


def test_import_with_team_override_into_existing_team(workspace):
    workspace.create_team("Target")
    workspace.import_plan(Plan(team="Elsewhere"), team="TARGET")
    assert workspace.team_names() == ["Target"]
    assert workspace.load("Target").team == "Target"
    assert [r.section for r in workspace.revisions("Target")] == ["import", "created"]


def test_import_with_invalid_override_changes_nothing(workspace):
    with pytest.raises(ValueError):
        workspace.import_plan(Plan(team="A"), team="   ")
    assert workspace.teams() == []


# -- database ---------------------------------------------------------------------------------


def test_default_database_url_honours_env(monkeypatch, tmp_path):
    url = f"sqlite:///{tmp_path}/other.sqlite"
    monkeypatch.setenv(DB_ENV_VAR, f"  {url} ")
    assert default_database_url() == url
    assert Workspace().url == url


def test_default_database_url_in_user_data_dir(monkeypatch, tmp_path):
    calls = []

    def fake_user_data_dir(*args, **kwargs):
        calls.append((args, kwargs))
        return str(tmp_path / "data" / "social-playbook")

    monkeypatch.delenv(DB_ENV_VAR, raising=False)
    monkeypatch.setattr(platformdirs, "user_data_dir", fake_user_data_dir)
    url = default_database_url()
    folder = tmp_path / "data" / "social-playbook"
    assert url == f"sqlite:///{folder / 'workspace.sqlite'}"
    assert folder.is_dir()
    assert calls and calls[0][0][0] == "social-playbook"
    # an empty variable counts as unset
    monkeypatch.setenv(DB_ENV_VAR, "  ")
    assert default_database_url() == url
    ws = Workspace()
    ws.create_team("A")
    assert (folder / "workspace.sqlite").is_file()


@sqlite_only
def test_workspace_uses_a_file_that_others_see(db_url):
    Workspace().create_team("Shared")
    path = Path(db_url.removeprefix("sqlite:///"))
    assert path.is_file()
    other_url = f"sqlite:///{path.parent}/./{path.name}"  # another engine, same file
    assert Workspace(other_url).team_names() == ["Shared"]


@sqlite_only
def test_sqlite_pragmas(workspace):
    with workspace.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == SQLITE_BUSY_TIMEOUT_MS
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


def test_revision_numbers_are_unique_per_team(workspace):
    plan = workspace.create_team("A")
    workspace.save(plan, "audit")
    r = revisions_table
    with workspace.engine.connect() as conn:
        pairs = conn.execute(select(r.c.team_id, r.c.number)).all()
        count = conn.execute(select(func.count()).select_from(r)).scalar_one()
    assert len(set(pairs)) == count == 2


def test_old_revisions_are_migrated_on_load(workspace, monkeypatch):
    plan = workspace.create_team("A")
    workspace.save(with_answers(plan, {"no-plan": 2}), "audit")
    stored = raw_rows(workspace)[-1][-1]
    current = plan_module.SCHEMA_VERSION
    assert json.loads(stored)["schema_version"] == current

    def step(data):
        data = dict(data)
        data["currency"] = "NOK"
        return data

    monkeypatch.setattr(plan_module, "SCHEMA_VERSION", current + 1)
    monkeypatch.setitem(plan_module.MIGRATIONS, current, step)
    loaded = workspace.load("A")
    assert loaded.schema_version == current + 1
    assert loaded.currency == "NOK"
    assert loaded.audit.answers == {"no-plan": 2}
    assert workspace.load_revision("A", 1).schema_version == current + 1


# -- a long day's history: thinning ------------------------------------------------------------

TWO_HOURS_ON = timedelta(hours=2)


def autosaves(ws: Workspace, team: str, section_values: list[tuple[str, int]]) -> None:
    """One save per (section, value), as a day of autosaves would make them (within seconds)."""
    for section, value in section_values:
        if section == "audit":
            ws.save_section(team, "audit", AuditSection(answers={"no-plan": value}), None)
        else:
            ws.save_section(team, "currency", ["EUR", "NOK", "SEK"][value % 3], None)


def test_thinning_drops_old_autosaves_and_keeps_each_step_as_it_was_left(workspace):
    workspace.create_team("Day")  # revision 1
    autosaves(workspace, "Day", [("audit", v % 5) for v in range(10)]  # 2-11
              + [("currency", 1), ("currency", 2)]  # 12-13
              + [("audit", 4), ("audit", 3)])  # 14-15
    latest = workspace.load("Day")
    dropped = workspace.thin(now=datetime.now(timezone.utc) + TWO_HOURS_ON)
    kept = sorted(r.number for r in workspace.revisions("Day"))
    # the first, the audit as left before the currency (11), the currency as left (13),
    # and the latest (15): all within one minute, so nothing else
    assert kept == [1, 11, 13, 15]
    assert dropped == 11
    assert content(workspace.load("Day")) == content(latest)
    assert workspace.load_revision("Day", 11).audit.answers == {"no-plan": 4}


def test_thinning_keeps_the_last_hour_whole(workspace):
    workspace.create_team("Now")
    autosaves(workspace, "Now", [("audit", v % 5) for v in range(6)])
    assert workspace.thin() == 0
    assert len(workspace.revisions("Now")) == 7


def test_restored_and_exported_revisions_survive_thinning(workspace):
    workspace.create_team("Keep")
    autosaves(workspace, "Keep", [("audit", v % 5) for v in range(8)])  # 2-9
    workspace.restore("Keep", 4)  # 10
    workspace.protect("Keep", 6, "exported")
    autosaves(workspace, "Keep", [("audit", 1)])  # 11
    workspace.thin(now=datetime.now(timezone.utc) + TWO_HOURS_ON)
    kept = sorted(r.number for r in workspace.revisions("Keep"))
    assert {4, 6} <= set(kept)
    assert workspace.protected("Keep") == {4: {"restored"}, 6: {"exported"}}
    assert kept == [1, 4, 6, 9, 10, 11]  # 9: the audit before the restore's own section
    workspace.protect("Keep", 6, "exported")  # twice is the same as once
    assert workspace.protected("Keep") == {4: {"restored"}, 6: {"exported"}}


def test_a_revision_that_does_not_exist_cannot_be_protected(workspace):
    workspace.create_team("Small")
    with pytest.raises(RevisionNotFoundError):
        workspace.protect("Small", 5, "exported")
    with pytest.raises(TeamNotFoundError):
        workspace.protect("Nobody", 1, "exported")


def test_a_save_whose_base_was_thinned_merges_from_the_nearest_older_revision(workspace):
    workspace.create_team("Open")
    autosaves(workspace, "Open", [("audit", 1), ("audit", 2), ("audit", 3)])  # 2-4
    base = 3  # a laptop opened the team at revision 3 and then slept for hours
    autosaves(workspace, "Open", [("currency", 1), ("audit", 4)])  # 5-6, a teammate
    workspace.thin(now=datetime.now(timezone.utc) + TWO_HOURS_ON)
    assert 3 not in {r.number for r in workspace.revisions("Open")}
    saved = workspace.save_section("Open", "currency", "SEK", base)
    assert saved.merged
    plan = workspace.load("Open")
    assert plan.currency == "SEK" and plan.audit.answers == {"no-plan": 4}


def test_thinning_leaves_other_teams_and_their_numbers_alone(workspace):
    workspace.create_team("A")
    workspace.create_team("B")
    autosaves(workspace, "A", [("audit", v % 5) for v in range(5)])
    autosaves(workspace, "B", [("audit", 1)])
    workspace.thin(now=datetime.now(timezone.utc) + TWO_HOURS_ON)
    assert [r.number for r in workspace.revisions("B")] == [2, 1]
    saved = workspace.save_section("A", "audit", AuditSection(answers={"no-plan": 0}), None)
    assert saved.revision.number == 7  # numbers go on after the latest, never reused


# -- a database that is busy, gone or full: what a person is told ------------------------------


def _operational(orig: Exception) -> OperationalError:
    """The error SQLAlchemy raises for a driver's ``orig`` during a save."""
    return OperationalError("INSERT INTO revisions ...", {}, orig)


def _sqlite_error(run) -> sqlite3.OperationalError:
    with pytest.raises(sqlite3.OperationalError) as info:
        run()
    return info.value


def test_a_locked_sqlite_database_is_busy(tmp_path):
    path = tmp_path / "locked.sqlite"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another save holds the write lock
    try:
        other = sqlite3.connect(path, timeout=0, isolation_level=None)
        error = _sqlite_error(lambda: other.execute("BEGIN IMMEDIATE"))
        other.close()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    classified = classify_database_error(_operational(error))
    assert type(classified) is WorkspaceBusyError
    assert str(classified) == "the workspace is busy with another save"


def test_a_full_sqlite_database_says_the_disk_is_full(tmp_path):
    conn = sqlite3.connect(tmp_path / "small.sqlite")
    conn.execute("CREATE TABLE t (x TEXT)")
    conn.commit()
    conn.execute("PRAGMA max_page_count = 3")  # the file may not grow: as on a full disk

    def fill():
        for _ in range(10):
            conn.execute("INSERT INTO t VALUES (?)", ("x" * 4000,))

    error = _sqlite_error(fill)
    conn.close()
    classified = classify_database_error(_operational(error))
    assert type(classified) is WorkspaceFullError
    assert str(classified) == "the disk holding the workspace is full"


def test_a_sqlite_file_whose_folder_is_gone_cannot_be_reached(tmp_path):
    error = _sqlite_error(lambda: sqlite3.connect(tmp_path / "unmounted" / "ws.sqlite"))
    classified = classify_database_error(_operational(error))
    assert type(classified) is WorkspaceUnreachableError
    assert str(classified) == "the workspace cannot be reached"


def test_a_postgresql_server_that_is_not_there_cannot_be_reached():
    pytest.importorskip("psycopg")
    with socket.socket() as sock:  # a loopback port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    engine = create_engine(f"postgresql+psycopg://playbook:x@127.0.0.1:{port}/workspace",
                           connect_args={"connect_timeout": 2})
    with pytest.raises(OperationalError) as info:  # how fast: make bench (S3)
        engine.connect()
    engine.dispose()
    assert type(classify_database_error(info.value)) is WorkspaceUnreachableError


@pytest.mark.parametrize("message, kind", [
    # SQLite's own messages
    ("database is locked", WorkspaceBusyError),
    ("database table is locked", WorkspaceBusyError),
    ("database or disk is full", WorkspaceFullError),
    ("unable to open database file", WorkspaceUnreachableError),
    ("disk I/O error", WorkspaceUnreachableError),
    # PostgreSQL's (psycopg)
    ('could not extend file "base/16384/16385": No space left on device', WorkspaceFullError),
    ("server closed the connection unexpectedly", WorkspaceUnreachableError),
    ("canceling statement due to lock timeout", WorkspaceBusyError),
    ('connection to server at "10.0.0.5", port 5432 failed: timeout expired',
     WorkspaceUnreachableError),
])
def test_database_errors_become_what_a_person_can_act_on(message, kind):
    classified = classify_database_error(_operational(Exception(message)))
    assert type(classified) is kind
    assert isinstance(classified, WorkspaceError)
    assert message not in str(classified)  # a plain reason, not the driver's words


def test_a_save_to_a_database_whose_folder_is_gone_fails_and_lands_when_it_is_back(tmp_path):
    share = tmp_path / "share"
    share.mkdir()
    ws = Workspace(f"sqlite:///{share}/ws.sqlite", busy_timeout_seconds=0.2)
    ws.create_team("Acme")
    share.rename(tmp_path / "unmounted")  # the share or stick holding the workspace is gone
    ws.engine.dispose()  # connections already open keep the moved file; new ones look for it
    # Unreachable, not busy: it is not waited for as a lock is (how fast: make bench, S2).
    with pytest.raises(WorkspaceUnreachableError, match="the workspace cannot be reached"):
        ws.save_section("Acme", "audit", AuditSection(answers={"no-plan": 2}), 1)
    assert not share.exists()  # nothing was made in its place
    (tmp_path / "unmounted").rename(share)
    saved = ws.save_section("Acme", "audit", AuditSection(answers={"no-plan": 2}), 1)
    assert saved.revision.number == 2
    assert ws.load("Acme").audit.answers == {"no-plan": 2}


def test_opening_a_workspace_that_cannot_be_reached_says_so(tmp_path):
    with pytest.raises(WorkspaceUnreachableError, match="the workspace cannot be reached"):
        Workspace(f"sqlite:///{tmp_path}/unmounted/ws.sqlite")
    pytest.importorskip("psycopg")
    with socket.socket() as sock:  # a loopback port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(WorkspaceUnreachableError):
        Workspace(f"postgresql+psycopg://playbook:x@127.0.0.1:{port}/workspace")


def waits_set(workspace: Workspace) -> list[int]:
    """The lock waits (ms) ``workspace``'s writes tell the database, as they are told: SQLite's
    busy_timeout, PostgreSQL's lock_timeout (reads keep the default: not listed)."""
    told: list[int] = []

    def note(_conn, _cursor, statement, *_args) -> None:
        found = re.fullmatch(r"(?:PRAGMA busy_timeout|SET LOCAL lock_timeout) = (\d+)",
                             statement.strip())
        if found and _conn.get_execution_options().get("sp_write"):
            told.append(int(found.group(1)))

    event.listen(workspace.engine, "before_cursor_execute", note)
    return told


def test_a_save_waits_no_longer_than_its_busy_timeout_for_a_teammates_lock(backend, tmp_path,
                                                                           request):
    url = database_url(backend, tmp_path, request)
    Workspace(url).create_team("Held")
    holder = create_engine(url)
    try:
        with holder.connect() as conn:  # a writer that holds the team for a long time
            if backend == "sqlite":
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            else:
                conn.exec_driver_sql("BEGIN")
                conn.exec_driver_sql("SELECT id FROM teams FOR UPDATE")
            short = Workspace(url, busy_timeout_seconds=0.5)
            told = waits_set(short)
            with pytest.raises(WorkspaceBusyError, match="busy with another save"):
                short.save_section("Held", "audit", AuditSection(answers={"no-plan": 1}), 1)
            # The database was told to wait 500 ms for the lock, and no longer (how long
            # the refusal takes: make bench, S1).
            assert told == [500]
            conn.exec_driver_sql("ROLLBACK")
        saved = short.save_section("Held", "audit", AuditSection(answers={"no-plan": 1}), 1)
        assert saved.revision.number == 2
    finally:
        holder.dispose()
