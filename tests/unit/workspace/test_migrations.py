"""The workspace's tables come from the Alembic migrations, on SQLite and on PostgreSQL.

Every database is brought up from the first migration, one step at a time, and must then
match the tables the store queries (``store.metadata``) exactly. A database made before
the migrations existed is marked as their first revision and keeps what it holds.
"""

from __future__ import annotations

import subprocess
import sys

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, text

from socialplaybook.plan.model import Plan
from socialplaybook.steps.audit.section import AuditSection
from socialplaybook.workspace.database import _engine
from socialplaybook.workspace.store import Workspace
from socialplaybook.workspace.tables import MIGRATIONS_DIR, SCHEMA_REVISION, metadata
from tests.unit.conftest import database_url


def alembic_config(connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def revisions_from_first() -> list[str]:
    script = ScriptDirectory(str(MIGRATIONS_DIR))
    return [revision.revision for revision in reversed(list(script.walk_revisions()))]


def differences(connection) -> list:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return compare_metadata(context, metadata)


def test_the_store_names_the_newest_migration():
    script = ScriptDirectory(str(MIGRATIONS_DIR))
    assert script.get_heads() == [SCHEMA_REVISION]
    assert revisions_from_first()[0] == "0001"


def test_migrations_step_by_step_from_the_first_give_the_stores_tables(backend, tmp_path,
                                                                        request):
    engine = create_engine(database_url(backend, tmp_path, request))
    try:
        for revision in revisions_from_first():
            with engine.begin() as conn:
                command.upgrade(alembic_config(conn), revision)
                assert MigrationContext.configure(conn).get_current_revision() == revision
        with engine.connect() as conn:
            assert differences(conn) == []
        # and back down to nothing, and up again: every step can be undone
        with engine.begin() as conn:
            command.downgrade(alembic_config(conn), "base")
        with engine.begin() as conn:
            command.upgrade(alembic_config(conn), "head")
        with engine.connect() as conn:
            assert differences(conn) == []
    finally:
        engine.dispose()


def test_a_new_workspace_is_migrated_to_the_newest_revision(backend, tmp_path, request):
    url = database_url(backend, tmp_path, request)
    Workspace(url).create_team("Fresh")
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            assert MigrationContext.configure(conn).get_current_revision() == SCHEMA_REVISION
            assert differences(conn) == []
    finally:
        engine.dispose()


def test_a_workspace_made_before_the_migrations_keeps_its_teams(backend, tmp_path, request):
    url = database_url(backend, tmp_path, request)
    engine = create_engine(url)
    try:
        with engine.begin() as conn:  # the tables 0001 makes, with no version: as before
            command.upgrade(alembic_config(conn), "0001")
            conn.execute(text("DROP TABLE alembic_version"))
            conn.execute(text("INSERT INTO teams (name, name_key, created_at) VALUES "
                              "('Old Team', 'old team', CURRENT_TIMESTAMP)"))
        workspace = Workspace(url)  # a new engine for the URL runs the upgrade
    finally:
        engine.dispose()
    assert workspace.team_names() == ["Old Team"]
    # and the store writes into it as into any other
    revision = workspace.import_plan(Plan(team="Old Team",
                                          audit=AuditSection(answers={"no-plan": 3})))
    assert revision.number == 1
    assert workspace.load("Old Team").audit.answers == {"no-plan": 3}
    check = create_engine(url)
    try:
        with check.connect() as conn:
            assert MigrationContext.configure(conn).get_current_revision() == SCHEMA_REVISION
    finally:
        check.dispose()


def test_opening_a_migrated_workspace_does_not_import_alembic_again(tmp_path):
    url = f"sqlite:///{tmp_path}/ws.sqlite"
    Workspace(url).create_team("Ready")
    code = ("import sys; from socialplaybook.workspace.store import Workspace; "
            f"Workspace({url!r}).team_names(); print('alembic' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"



def test_plans_stored_as_text_before_0002_still_load_and_new_ones_are_compressed(
        backend, tmp_path, request):
    url = database_url(backend, tmp_path, request)
    old = Workspace(url)  # at the newest revision; taken back to 0001 with its data below
    old.import_plan(Plan(team="Before", audit=AuditSection(answers={"no-plan": 1})))
    old.save_section("Before", "audit", AuditSection(answers={"no-plan": 2}), None)
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            command.downgrade(alembic_config(conn), "0001")
            stored = conn.execute(text("SELECT number, plan_json FROM revisions")).all()
        assert [number for number, _ in stored] == [1, 2]
        assert all(payload.startswith("{") for _, payload in stored)  # back as text
        with engine.begin() as conn:
            command.upgrade(alembic_config(conn), "head")
    finally:
        engine.dispose()
    _engine.cache_clear()  # a new engine sees the schema as it is now
    workspace = Workspace(url)
    assert workspace.load_revision("Before", 1).audit.answers == {"no-plan": 1}
    assert workspace.load("Before").audit.answers == {"no-plan": 2}
    saved = workspace.save_section("Before", "audit", AuditSection(answers={"no-plan": 3}), 1)
    assert saved.merged and workspace.load("Before").audit.answers == {"no-plan": 3}
    check = create_engine(url)
    try:
        with check.connect() as conn:
            rows = conn.execute(text("SELECT number, plan_json, plan FROM revisions "
                                     "ORDER BY number")).all()
    finally:
        check.dispose()
    assert [(n, json is None, packed is None) for n, json, packed in rows] == [
        (1, False, True), (2, False, True), (3, True, False)]
    assert len(rows[2].plan) < len(rows[1].plan_json) / 2


def test_teams_of_a_workspace_from_before_0004_open_unlocked_and_can_be_locked(
        backend, tmp_path, request):
    url = database_url(backend, tmp_path, request)
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            command.upgrade(alembic_config(conn), "0003")
            conn.execute(text("INSERT INTO teams (name, name_key, created_at) VALUES "
                              "('Old Team', 'old team', CURRENT_TIMESTAMP)"))
        with engine.begin() as conn:
            command.upgrade(alembic_config(conn), "head")
        workspace = Workspace(url)
        assert [(t.name, t.locked) for t in workspace.teams()] == [("Old Team", False)]
        workspace.lock("Old Team")
        assert workspace.is_locked("Old Team")
        with engine.begin() as conn:  # and back: 0003 has no lock
            command.downgrade(alembic_config(conn), "0003")
            assert conn.execute(text("SELECT name FROM teams")).scalars().all() == ["Old Team"]
    finally:
        engine.dispose()
