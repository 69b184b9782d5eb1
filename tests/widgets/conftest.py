import pytest

from socialplaybook.workspace.store import Workspace


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path}/workspace.sqlite"
    monkeypatch.setenv("SOCIAL_PLAYBOOK_DB", url)
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    return Workspace(url)
