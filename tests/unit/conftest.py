"""Fixtures for the domain-core tests: every test gets its own SQLite workspace file."""

from __future__ import annotations

import pytest

from socialplaybook.store import DB_ENV_VAR, Workspace


@pytest.fixture(autouse=True)
def _english(monkeypatch):
    """Messages are asserted in English, whatever the shell running the tests says."""
    monkeypatch.delenv("SOCIAL_PLAYBOOK_LANG", raising=False)


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
