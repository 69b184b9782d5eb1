import pytest

from socialplaybook.language import set_process_language
from socialplaybook.workspace.store import Workspace


@pytest.fixture(autouse=True)
def _english(monkeypatch):
    """The apps start in English, whatever the shell says or a test left the process in (an
    app served by Voila makes its team's language the process's)."""
    monkeypatch.delenv("SOCIAL_PLAYBOOK_LANG", raising=False)
    set_process_language(None)
    yield
    set_process_language(None)


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path}/workspace.sqlite"
    monkeypatch.setenv("SOCIAL_PLAYBOOK_DB", url)
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    return Workspace(url)
