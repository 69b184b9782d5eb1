"""Fixtures for the domain-core tests: every test gets its own SQLite workspace file.

The store's tests also run on PostgreSQL (``backend`` = "postgresql"), each in a database
of its own, on the server ``SOCIAL_PLAYBOOK_TEST_POSTGRES_URL`` names (``.ci/postgres``
starts one; ``.ci/run`` does that). Without it those runs are skipped, or fail in CI.
"""

from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from socialplaybook.language import set_process_language
from socialplaybook.workspace.database import DB_ENV_VAR
from socialplaybook.workspace.store import Workspace

POSTGRES_ADMIN_URL = os.environ.get("SOCIAL_PLAYBOOK_TEST_POSTGRES_URL", "")
BACKENDS = ["sqlite", "postgresql"]


def database_url(backend: str, tmp_path, request) -> str:
    """An empty workspace database on ``backend``, dropped after the test (PostgreSQL)."""
    if backend == "sqlite":
        return f"sqlite:///{tmp_path}/ws.sqlite"
    if not POSTGRES_ADMIN_URL:
        message = "SOCIAL_PLAYBOOK_TEST_POSTGRES_URL not set (.ci/postgres starts a server)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    name = f"ws_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    request.addfinalizer(drop)
    return make_url(POSTGRES_ADMIN_URL).set(database=name).render_as_string(
        hide_password=False)


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    """The database the store runs on: both, for the store's own tests."""
    return request.param


@pytest.fixture(autouse=True)
def _english(monkeypatch):
    """Messages are asserted in English, whatever the shell running the tests says (and
    whatever language a test left the process in)."""
    monkeypatch.delenv("SOCIAL_PLAYBOOK_LANG", raising=False)
    set_process_language(None)
    yield
    set_process_language(None)


@pytest.fixture
def db_url(tmp_path, monkeypatch) -> str:
    """A fresh SQLite file URL, set as ``SOCIAL_PLAYBOOK_DB`` for the test.

    ``store`` caches one engine per URL, so a new file per test keeps tests apart.
    """
    url = f"sqlite:///{tmp_path}/ws.sqlite"
    monkeypatch.setenv(DB_ENV_VAR, url)
    return url


@pytest.fixture
def workspace(db_url) -> Workspace:
    """An empty workspace on the test's own database file (the one ``SOCIAL_PLAYBOOK_DB`` names)."""
    return Workspace()


@pytest.fixture
def snapshot():
    """A function returning what a workspace holds: every team, its revision count and last save."""

    def take(ws: Workspace) -> list[tuple[str, int, object]]:
        return [(t.name, t.revisions, t.last_saved) for t in ws.teams()]

    return take
