"""deploy/postgres-roles.sql on a real PostgreSQL: the apps' role reads and appends, and
cannot change or destroy the history; thinning and upgrades need the owner.

Each test gets a database of its own, owned by a fresh owner role, with the migrations run
as that owner and the roles file applied by psql as a superuser, as deploy/README.md says.
Needs SOCIAL_PLAYBOOK_TEST_POSTGRES_URL (a superuser URL; ``.ci/postgres start``): skipped
without it, failed in CI.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import threading
import uuid
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError

from socialplaybook import cli
from socialplaybook.plan.model import Plan
from socialplaybook.steps.audit.section import AuditSection
from socialplaybook.workspace.errors import WorkspacePermissionError, is_permission_denied
from socialplaybook.workspace.store import Workspace
from socialplaybook.workspace.tables import MIGRATIONS_DIR, metadata
from socialplaybook.workspace.thinning import ThinningPolicy

ROLES_SQL = Path(__file__).resolve().parents[3] / "deploy" / "postgres-roles.sql"
ADMIN_URL = os.environ.get("SOCIAL_PLAYBOOK_TEST_POSTGRES_URL", "")
# Thin everything older than now, one revision per day: drops every droppable autosave.
THIN_ALL = ThinningPolicy(keep_all_for=timedelta(0), one_per=timedelta(days=1))


def _require(what: str, present: bool) -> None:
    if present:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{what} (.ci/postgres starts a server)")
    pytest.skip(f"{what} (.ci/postgres starts a server)")


def psql_binary() -> str | None:
    found = shutil.which("psql")
    if found:
        return found
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/psql"))
    return candidates[-1] if candidates else None


@dataclass
class RolesDatabase:
    """A workspace database with its owner and app roles (the app role made by the SQL)."""

    name: str
    owner: str
    app: str

    def url(self, role: str) -> str:
        return make_url(ADMIN_URL).set(database=self.name, username=role,
                                       password=None).render_as_string(hide_password=False)

    @property
    def admin_url(self) -> str:
        return make_url(ADMIN_URL).set(database=self.name).render_as_string(
            hide_password=False)

    def apply_roles(self, variables: tuple[str, ...] | None = None
                    ) -> subprocess.CompletedProcess:
        """Run deploy/postgres-roles.sql with psql as the superuser, as the README says."""
        libpq_url = make_url(self.admin_url).set(drivername="postgresql").render_as_string(
            hide_password=False)
        if variables is None:
            variables = (f"owner={self.owner}", f"app={self.app}")
        command_line = [psql_binary(), "-X", "-q", "-d", libpq_url, "-f", str(ROLES_SQL)]
        for variable in variables:
            command_line += ["-v", variable]
        return subprocess.run(command_line, capture_output=True, text=True, timeout=60)


@pytest.fixture
def roles_db(request) -> RolesDatabase:
    """A fresh database owned by a fresh owner role; no tables yet."""
    _require("SOCIAL_PLAYBOOK_TEST_POSTGRES_URL not set", bool(ADMIN_URL))
    _require("psql not found", psql_binary() is not None)
    suffix = uuid.uuid4().hex[:10]
    db = RolesDatabase(name=f"ws_roles_{suffix}", owner=f"sp_owner_{suffix}",
                       app=f"sp_app_{suffix}")
    admin = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE ROLE "{db.owner}" LOGIN'))
        conn.execute(text(f'CREATE DATABASE "{db.name}" OWNER "{db.owner}"'))

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{db.name}" WITH (FORCE)'))
            conn.execute(text(f'DROP ROLE IF EXISTS "{db.app}"'))
            conn.execute(text(f'DROP ROLE IF EXISTS "{db.owner}"'))
        admin.dispose()

    request.addfinalizer(drop)
    return db


@pytest.fixture
def hub_db(roles_db) -> RolesDatabase:
    """The workspace as a hub runs it: migrated by the owner, then the roles applied."""
    Workspace(roles_db.url(roles_db.owner))
    done = roles_db.apply_roles()
    assert done.returncode == 0, done.stderr
    return roles_db


def _revision_count(db: RolesDatabase) -> int:
    engine = create_engine(db.admin_url)
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM revisions")).scalar_one()
    finally:
        engine.dispose()


# -- what the apps do, as the app role ------------------------------------------------------


def test_the_apps_role_creates_saves_merges_restores_protects_and_loads(hub_db):
    app = Workspace(hub_db.url(hub_db.app))
    app.create_team("Harbour Café", currency="NOK")
    first = app.save_section("Harbour Café", "audit", AuditSection(answers={"no-plan": 3}),
                             base_revision=1)
    # A teammate's save from the same base: merged with the one before it, and appended.
    merged = app.save_section("Harbour Café", "audit",
                              AuditSection(answers={"no-plan": 3, "vanity-kpis": 2}),
                              base_revision=1)
    assert (first.revision.number, merged.revision.number, merged.merged) == (2, 3, True)
    restored = app.restore("Harbour Café", 2)
    app.protect("Harbour Café", 3, "exported")
    assert restored.number == 4
    assert app.load("Harbour Café").audit.answers == {"no-plan": 3}
    assert app.protected("Harbour Café") == {2: {"restored"}, 3: {"exported"}}
    assert [r.number for r in app.revisions("Harbour Café")] == [4, 3, 2, 1]
    app.import_plan(Plan(team="Fjord Bakery", currency="EUR"))
    assert app.team_names() == ["Fjord Bakery", "Harbour Café"]


def test_the_apps_role_posts_and_takes_down_the_rooms_notice_and_exports_every_team(hub_db):
    app = Workspace(hub_db.url(hub_db.app))
    app.create_team("Harbour Café")
    assert app.post_notice("10 minutes left", 10).text == "10 minutes left"
    assert app.room_notice().text == "10 minutes left"
    app.clear_notice()  # appended: the role may not update or delete
    assert app.room_notice() is None
    _content, revisions = app.export_playbooks()
    assert [(r.team, r.number) for r in revisions] == [("Harbour Café", 1)]
    assert app.protected("Harbour Café") == {1: {"exported"}}
    assert [r.team for r in app.latest_revisions()] == ["Harbour Café"]


def test_two_writers_of_one_team_as_the_apps_role_take_every_number_once(hub_db):
    Workspace(hub_db.url(hub_db.app)).create_team("Queue")
    errors: list[BaseException] = []

    def save_many() -> None:
        workspace = Workspace(hub_db.url(hub_db.app))
        try:
            for i in range(25):
                workspace.update_section("Queue", "audit",
                                         AuditSection(answers={"no-plan": i % 5}))
        except BaseException as exc:  # noqa: BLE001 (reported by the assertion below)
            errors.append(exc)

    threads = [threading.Thread(target=save_many) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    numbers = sorted(r.number for r in Workspace(hub_db.url(hub_db.app)).revisions("Queue"))
    assert numbers == list(range(1, 52))


# -- what the app role may not do -------------------------------------------------------------


@pytest.mark.parametrize("statement", [
    "DELETE FROM revisions",
    "DELETE FROM teams",
    "DELETE FROM protected_revisions",
    "DELETE FROM room_notices",
    "UPDATE room_notices SET text = 'gone'",
    "UPDATE revisions SET section = 'gone'",
    "UPDATE teams SET name = 'gone'",
    "UPDATE alembic_version SET version_num = '0001'",
    "INSERT INTO alembic_version VALUES ('9999')",
    "TRUNCATE revisions",
    "TRUNCATE teams CASCADE",
    "DROP TABLE revisions",
    "DROP TABLE teams CASCADE",
    "ALTER TABLE revisions DROP COLUMN plan",
    "CREATE TABLE scratch (x int)",
    "CREATE TEMP TABLE scratch (x int)",
    "SELECT setval('revisions_id_seq', 1)",
    "SELECT id FROM teams FOR UPDATE",
])
def test_the_apps_role_cannot_change_or_destroy_the_history(hub_db, statement):
    app = Workspace(hub_db.url(hub_db.app))
    app.create_team("Harbour Café")
    app.update_section("Harbour Café", "audit", AuditSection(answers={"no-plan": 3}))
    before = _revision_count(hub_db)
    engine = create_engine(hub_db.url(hub_db.app))
    try:
        with pytest.raises(ProgrammingError) as refused, engine.begin() as conn:
            conn.execute(text(statement))
    finally:
        engine.dispose()
    assert is_permission_denied(refused.value), refused.value
    assert _revision_count(hub_db) == before == 2
    assert app.load("Harbour Café").audit.answers == {"no-plan": 3}


def test_the_apps_role_has_no_power_of_its_own_and_only_the_grants_it_needs(hub_db):
    engine = create_engine(hub_db.admin_url)
    try:
        with engine.connect() as conn:
            attributes = conn.execute(text(
                "SELECT rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls, "
                "pg_has_role(rolname, :owner, 'MEMBER') FROM pg_roles WHERE rolname = :app"),
                {"app": hub_db.app, "owner": hub_db.owner}).one()
            grants = set(conn.execute(text(
                "SELECT table_name, privilege_type FROM information_schema.role_table_grants "
                "WHERE grantee = :app"), {"app": hub_db.app}).all())
    finally:
        engine.dispose()
    assert tuple(attributes) == (False,) * 6
    appended = {"teams", "revisions", "protected_revisions", "room_notices"}
    assert grants == ({("alembic_version", "SELECT")}
                      | {(table, privilege) for table in appended
                         for privilege in ("SELECT", "INSERT")})
    # Every table the store uses is granted: a migration adding one must add it to the SQL.
    assert set(metadata.tables) == appended


def test_the_roles_file_is_idempotent(hub_db):
    again = hub_db.apply_roles()
    assert again.returncode == 0, again.stderr
    Workspace(hub_db.url(hub_db.app)).create_team("Still works")


# -- what needs the owner ---------------------------------------------------------------------


def _history_to_thin(db: RolesDatabase) -> None:
    app = Workspace(db.url(db.app))
    app.create_team("Harbour Café")
    for answer in range(5):
        app.update_section("Harbour Café", "audit", AuditSection(answers={"no-plan": answer}))


def test_thinning_as_the_apps_role_fails_clearly_and_drops_nothing(hub_db):
    _history_to_thin(hub_db)
    with pytest.raises(WorkspacePermissionError) as refused:
        Workspace(hub_db.url(hub_db.app)).thin(THIN_ALL)
    message = str(refused.value)
    assert "permission denied for table revisions" in message
    assert "owner" in message and "DELETE" not in message  # the database's words, no SQL
    assert _revision_count(hub_db) == 6
    assert Workspace(hub_db.url(hub_db.owner)).thin(THIN_ALL) == 4
    assert _revision_count(hub_db) == 2


def test_the_thin_command_as_the_apps_role_exits_2_with_one_line(hub_db, monkeypatch, capsys):
    _history_to_thin(hub_db)
    monkeypatch.setenv("SOCIAL_PLAYBOOK_DB", hub_db.url(hub_db.app))
    assert cli.main(["thin", "--keep-every-save-minutes", "0"]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "owner" in error, error
    monkeypatch.setenv("SOCIAL_PLAYBOOK_DB", hub_db.url(hub_db.owner))
    assert cli.main(["thin", "--keep-every-save-minutes", "0"]) == 0
    assert _revision_count(hub_db) < 6


def test_only_the_owner_locks_unlocks_or_deletes_a_team(hub_db, monkeypatch, capsys):
    """A participant's kernels hold the apps' role: they cannot lock, unlock or delete a
    team; the facilitator's command line, with the owner's URL, can."""
    _history_to_thin(hub_db)
    app = Workspace(hub_db.url(hub_db.app))
    for refused in (lambda: app.lock("Harbour Café"), lambda: app.delete_team("Harbour Café")):
        with pytest.raises(WorkspacePermissionError) as denied:
            refused()
        assert "locking and deleting teams run as the database's owner" in str(denied.value)
    assert _revision_count(hub_db) == 6 and not app.is_locked("Harbour Café")
    monkeypatch.setenv("SOCIAL_PLAYBOOK_DB", hub_db.url(hub_db.app))
    assert cli.main(["delete", "Harbour Café", "--yes"]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    owner = Workspace(hub_db.url(hub_db.owner))
    owner.lock("Harbour Café")
    assert app.is_locked("Harbour Café")  # the apps see the lock, and cannot lift it
    with pytest.raises(WorkspacePermissionError):
        app.unlock("Harbour Café")
    assert app.thin(THIN_ALL) == 0  # nothing of a locked team to thin (nor any DELETE tried)
    with pytest.raises(Exception, match="locked by the facilitator"):
        app.restore("Harbour Café", 2)
    app.save_section("Harbour Café", "audit", AuditSection(answers={"no-plan": 1}), None)
    assert _revision_count(hub_db) == 7  # a save still appends
    owner.unlock("Harbour Café")
    assert owner.delete_team("Harbour Café") == 7
    assert _revision_count(hub_db) == 0


def test_an_upgrade_the_apps_role_may_not_make_says_to_open_it_as_the_owner(hub_db):
    # The workspace as the release before 0002 left it; this release needs 0002.
    owner = create_engine(hub_db.url(hub_db.owner))
    try:
        with owner.begin() as conn:
            config = Config()
            config.set_main_option("script_location", str(MIGRATIONS_DIR))
            config.attributes["connection"] = conn
            command.downgrade(config, "0001")
    finally:
        owner.dispose()
    with pytest.raises(WorkspacePermissionError) as refused:
        Workspace(hub_db.url(hub_db.app))
    assert "(must be owner of table revisions)" in str(refused.value)  # 0002 alters it
    assert "as the database's owner" in str(refused.value)
    # The owner upgrades it (a URL this process has not opened yet: engines are cached),
    # and the roles file, run again, grants the new table.
    Workspace(hub_db.url(hub_db.owner) + "?application_name=upgrade")
    again = hub_db.apply_roles()
    assert again.returncode == 0, again.stderr
    app = Workspace(hub_db.url(hub_db.app) + "?application_name=after")
    app.create_team("After the upgrade")
    app.protect("After the upgrade", 1, "exported")


# -- the roles file's own checks --------------------------------------------------------------


def test_the_roles_file_refuses_a_database_whose_tables_the_owner_has_not_made(roles_db):
    refused = roles_db.apply_roles()
    assert refused.returncode != 0
    assert "open it once as" in refused.stderr and roles_db.owner in refused.stderr


@pytest.mark.parametrize("variables", [(), ("app=someone",), ("owner=someone",)])
def test_the_roles_file_needs_both_role_names(roles_db, variables):
    Workspace(roles_db.url(roles_db.owner))
    refused = roles_db.apply_roles(variables)
    assert refused.returncode != 0
    assert "Give the roles" in refused.stderr


def test_the_roles_file_refuses_the_owner_as_the_apps_role(roles_db):
    Workspace(roles_db.url(roles_db.owner))
    refused = roles_db.apply_roles((f"owner={roles_db.owner}", f"app={roles_db.owner}"))
    assert refused.returncode != 0
    assert "must not be the owner" in refused.stderr


# -- a participant's server refuses any URL but the apps' role's ------------------------------


def _single_user_module():
    import importlib.util

    path = ROLES_SQL.parent / "single_user.py"
    spec = importlib.util.spec_from_file_location("single_user", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("role", "says"), [
    ("owner", "may UPDATE teams"),
    ("superuser", "names a superuser"),
])
def test_a_participants_server_refuses_the_owners_or_a_superusers_url(hub_db, role, says):
    single_user = _single_user_module()
    url = hub_db.url(hub_db.owner) if role == "owner" else hub_db.admin_url
    with pytest.raises(single_user.RefusedWorkspace, match=says):
        single_user.check_workspace(url)


def test_a_participants_server_accepts_the_apps_roles_url(hub_db, capsys):
    _single_user_module().check_workspace(hub_db.url(hub_db.app))
    assert capsys.readouterr().err == ""  # checked, not skipped for an unreachable database
