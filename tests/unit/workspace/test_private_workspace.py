"""The workspace is private to its user, and a database URL shown to a person hides its password."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote, quote_plus

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import URL

from socialplaybook.workspace import database
from socialplaybook.workspace.database import DB_ENV_VAR, default_database_url, masked_database_url
from socialplaybook.workspace.store import Workspace

REPO = Path(__file__).resolve().parents[3]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask():
    """The umask most machines have (022): files are made readable by everyone unless asked."""
    before = os.umask(0o022)
    yield
    os.umask(before)


def test_a_new_sqlite_workspace_and_its_wal_files_are_readable_by_their_user_only(tmp_path,
                                                                                 open_umask):
    path = tmp_path / "fresh.sqlite"
    workspace = Workspace(f"sqlite:///{path}")
    workspace.create_team("Private Team")
    with workspace.engine.connect():  # holds the -wal and -shm files open
        files = [path, Path(f"{path}-wal"), Path(f"{path}-shm")]
        assert all(file.exists() for file in files)
        assert [mode(file) for file in files] == [0o600] * 3


def test_a_workspace_a_kernel_creates_first_is_private_too(tmp_path):
    """A kernel (any process with SOCIAL_PLAYBOOK_DB) that opens the workspace first."""
    path = tmp_path / "by-kernel.sqlite"
    code = ("import os; os.umask(0o022)\n"
            "from socialplaybook.workspace.store import Workspace\n"
            "Workspace().create_team('Kernel Team')\n")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO, timeout=120,
                   env={**os.environ, DB_ENV_VAR: f"sqlite:///{path}"})
    assert mode(path) == 0o600
    assert Workspace(f"sqlite:///{path}").load("Kernel Team").team == "Kernel Team"


def test_an_existing_workspace_file_elsewhere_keeps_its_mode(tmp_path, open_umask):
    """A database the facilitator made (say, shared with a group) is not changed."""
    path = tmp_path / "shared.sqlite"
    Workspace(f"sqlite:///{path}").create_team("Shared")
    path.chmod(0o640)
    database._engine.cache_clear()
    Workspace(f"sqlite:///{path}").create_team("Again")
    assert mode(path) == 0o640


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    folder = tmp_path / "data" / "social-playbook"
    monkeypatch.delenv(DB_ENV_VAR, raising=False)
    monkeypatch.setattr(database.platformdirs, "user_data_dir", lambda *a, **k: str(folder))
    return folder


def test_the_default_workspace_folder_is_made_private(data_dir, open_umask):
    url = default_database_url()
    assert url == f"sqlite:///{data_dir / 'workspace.sqlite'}"
    assert mode(data_dir) == 0o700
    Workspace(url).create_team("Default")
    assert mode(data_dir / "workspace.sqlite") == 0o600


def test_a_default_workspace_left_readable_by_an_earlier_version_is_made_private(data_dir):
    data_dir.mkdir(parents=True)
    data_dir.chmod(0o755)
    files = [data_dir / name for name in ("workspace.sqlite", "workspace.sqlite-wal",
                                          "workspace.sqlite-shm")]
    for file in files:
        file.write_bytes(b"")
        file.chmod(0o644)
    default_database_url()
    assert mode(data_dir) == 0o700
    assert [mode(file) for file in files] == [0o600] * 3


# -- a URL shown to a person -----------------------------------------------------------------

PASSWORDS = st.text(alphabet="QXZ0123456789!#$%&()*+,-./:;=?@[]^_{|}~ é", min_size=6,
                    max_size=30).filter(lambda text: text.strip() == text)


@given(password=PASSWORDS, query_password=PASSWORDS)
def test_a_masked_url_shows_no_password(password, query_password):
    url = URL.create("postgresql+psycopg", username="workshop", password=password,
                     host="db.example", port=5432, database="playbook",
                     query={"sslmode": "require", "password": query_password})
    shown = masked_database_url(url.render_as_string(hide_password=False))
    for secret in (password, query_password):
        for form in (secret, quote(secret, safe=""), quote_plus(secret)):
            assert form not in shown
    assert shown == ("postgresql+psycopg://workshop:***@db.example:5432/playbook"
                     "?password=***&sslmode=require")


@pytest.mark.parametrize("url", ["sqlite:////srv/workshop/ws.sqlite", "sqlite:///relative.sqlite",
                                 "postgresql+psycopg://workshop@db.example/playbook"])
def test_a_url_without_a_password_is_shown_as_it_is(url):
    assert masked_database_url(url) == url


def test_a_url_that_cannot_be_read_is_not_shown_at_all():
    assert masked_database_url("not a url with s3cret inside") == "***"
