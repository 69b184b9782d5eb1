"""Opening the workspace's database: its URL, the engine, the schema upgrade and SQLite's settings.

The workspace is private to its user: the default folder is 0700 and a SQLite database
this module creates is 0600 (SQLite gives its -wal and -shm files the database's mode),
whether serve, the command line or a kernel opens it first. A URL shown to a person has
its password masked (``masked_database_url``).
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

import platformdirs
from sqlalchemy import (
    Engine,
    create_engine,
    event,
    inspect,
    make_url,
    text,
)
from sqlalchemy.exc import ArgumentError, OperationalError, ProgrammingError

from socialplaybook.workspace.tables import MIGRATIONS_DIR, SCHEMA_REVISION

DB_ENV_VAR = "SOCIAL_PLAYBOOK_DB"


_MIGRATION_LOCK = 7_317_001  # PostgreSQL advisory lock held while migrating
SQLITE_BUSY_TIMEOUT_MS = 30_000
DEFAULT_FILE_NAME = "workspace.sqlite"
PRIVATE_FOLDER_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")
MASK = "***"


def default_database_url() -> str:
    """``SOCIAL_PLAYBOOK_DB`` if set, else a SQLite file in the user's data folder.

    That folder is made private (0700), and so are the workspace's files in it (0600):
    earlier versions left them readable by every user of the machine.
    """
    url = os.environ.get(DB_ENV_VAR, "").strip()
    if url:
        return url
    folder = Path(platformdirs.user_data_dir("social-playbook", appauthor=False))
    folder.mkdir(mode=PRIVATE_FOLDER_MODE, parents=True, exist_ok=True)
    _restrict(folder, PRIVATE_FOLDER_MODE)
    path = folder / DEFAULT_FILE_NAME
    for file in (path, *(Path(f"{path}{suffix}") for suffix in SQLITE_COMPANIONS)):
        _restrict(file, PRIVATE_FILE_MODE)
    return f"sqlite:///{path}"


def _restrict(path: Path, mode: int) -> None:
    """Take from ``path`` the permissions beyond ``mode``, if it exists and is ours."""
    try:
        status = path.stat()
        if status.st_uid == os.getuid() and status.st_mode & 0o777 & ~mode:
            path.chmod(status.st_mode & 0o777 & mode)
    except OSError:  # gone, or not ours to change: SQLite reports what matters
        pass


def masked_database_url(url: str) -> str:
    """``url`` to show a person: its password (also one in the query) replaced by ***."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        return MASK  # unreadable: it might be anything, the password included
    query = {key: (MASK if "pass" in key.lower() else value)
             for key, value in parsed.query.items()}
    shown = parsed.set(query=query).render_as_string(hide_password=True)
    return shown.replace("%2A%2A%2A", MASK)


def _create_private_sqlite_file(url: str) -> None:
    """Create the SQLite database file of ``url`` empty and 0600, if it does not exist.

    SQLite would create it with the process's umask (0644 as a rule), and its -wal and
    -shm files take the database file's mode. An empty file is an empty database.
    """
    try:
        database = make_url(url).database
    except (ArgumentError, ValueError):
        return
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    try:
        os.close(os.open(database, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE))
    except OSError:  # it exists, or its folder does not: SQLite says what it must
        pass


@functools.lru_cache(maxsize=8)
def _engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        _create_private_sqlite_file(url)
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        _configure_sqlite(engine)
    else:
        # A server that is down must fail a save in seconds, not hang the app's worker.
        engine = create_engine(url, pool_pre_ping=True,
                               connect_args={"connect_timeout": 5}
                               if url.startswith("postgresql") else {})
    _upgrade_schema(engine)
    return engine


def _upgrade_schema(engine: Engine) -> None:
    """Bring the database's tables to ``SCHEMA_REVISION`` through the Alembic migrations.

    A workspace already there costs one query (and Alembic is not even imported). Else
    the migrations run in one write transaction, so processes opening a new database one
    instant apart queue (SQLite's write lock; an advisory lock on PostgreSQL). A database
    made before the migrations existed has 0001's tables: it is marked as 0001 first.
    """
    if _schema_revision(engine) == SCHEMA_REVISION:
        return
    from alembic import command
    from alembic.config import Config
    from alembic.runtime.migration import MigrationContext

    with engine.execution_options(sp_write=True).begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR))
        config.attributes["connection"] = conn
        if (MigrationContext.configure(conn).get_current_revision() is None
                and inspect(conn).has_table("revisions")):
            command.stamp(config, "0001")
        command.upgrade(config, "head")


def _schema_revision(engine: Engine) -> str | None:
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except (OperationalError, ProgrammingError):  # no such table yet (or no database)
        return None


def _configure_sqlite(engine: Engine) -> None:
    # pysqlite opens transactions lazily and upgrades a reader to a writer mid-transaction,
    # which fails at once with "database is locked" when another process writes. Taking the
    # write lock at BEGIN (IMMEDIATE) makes concurrent writers queue on the busy timeout.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        options = connection.get_execution_options()
        connection.exec_driver_sql(
            f"PRAGMA busy_timeout = {int(options.get('sp_busy_ms', SQLITE_BUSY_TIMEOUT_MS))}")
        # Reads stay deferred, so WAL lets them run beside a writer.
        connection.exec_driver_sql("BEGIN IMMEDIATE" if options.get("sp_write") else "BEGIN")
