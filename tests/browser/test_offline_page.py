"""A page in a room without internet: every asset from the workshop server, every app works.

And a page whose app never appears (its notebook failed, its kernel died before it ran
the app) says so with a Reload button instead of a blank page for good.
"""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from socialplaybook.steps.registry import built_steps
from socialplaybook.workspace.store import Workspace
from tests.browser.conftest import (
    Server,
    code_cell,
    markdown_cell,
    notebook_of,
    workshop_notebooks_and,
)

pytestmark = pytest.mark.browser

APP_TIMEOUT_MS = 60_000
TEAM = "Offline Team"
# Loads the icon font the page's stylesheet names (as the first icon shown would).
FONT_LOADED_JS = """async () => {
  const faces = await document.fonts.load('900 16px "Font Awesome 6 Free"', "\\uf067");
  return faces.length > 0 && faces.every((face) => face.status === "loaded");
}"""


def failing_notebook() -> dict:
    """A notebook whose one cell fails: the page shows the title and no app."""
    return notebook_of(markdown_cell("# Broken"), code_cell("raise RuntimeError('no app today')"))


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    # The workshop's own notebooks, and one that fails.
    folder = workshop_notebooks_and(tmp_path_factory.mktemp("notebooks"),
                                    {"broken.ipynb": failing_notebook()})
    server = Server(tmp_path_factory.mktemp("offline"), pool_size=0,
                    extra_args=("--notebooks", str(folder)))
    Workspace(server.db_url).create_team(TEAM)
    yield server
    server.stop()


@pytest.fixture
def offline_page(page):
    """A page that can reach 127.0.0.1 and nothing else; what it tried is in ``.left``."""
    page.left = []

    def only_loopback(route):
        host = urlparse(route.request.url).hostname
        if host in ("127.0.0.1", "localhost") or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            page.left.append(route.request.url)
            route.abort()

    page.context.route("**/*", only_loopback)
    return page


APPS = ["00-start-here.ipynb", *[step.notebook for step in built_steps()]]


@pytest.mark.parametrize("notebook", APPS)
def test_every_app_works_with_no_internet(offline_page, server, notebook):
    page = offline_page
    page.goto(server.app_url(notebook) + "?team=" + TEAM.replace(" ", "+"))
    picker = page.locator(".sp-team-picker select")
    expect(picker).to_have_value(TEAM, timeout=APP_TIMEOUT_MS)
    assert page.left == []
    # The buttons' icons (Font Awesome) came from the workshop server.
    assert page.evaluate(FONT_LOADED_JS)
    # And the app answers: a new team is created and chosen.
    name = f"Offline {notebook[:2]}"
    page.get_by_placeholder("New team name").fill(name)
    page.get_by_role("button", name="Create team").click()
    expect(picker).to_have_value(name)
    expect(page.locator("#sp-app-missing")).to_be_hidden()
    assert page.left == []


def test_a_page_whose_app_never_appears_says_so_and_offers_a_reload(page, server):
    page.goto(server.app_url("broken.ipynb"))
    dialog = page.get_by_role("alertdialog", name="The app has not started")
    expect(dialog).to_be_hidden(timeout=5_000)  # not before its time
    expect(dialog).to_be_visible(timeout=30_000)
    expect(dialog).to_contain_text("nothing your team saved is lost")
    reload = dialog.get_by_role("button", name="Reload")
    expect(reload).to_be_focused()
    with page.expect_navigation(timeout=30_000):
        reload.click()
    expect(page.get_by_role("alertdialog", name="The app has not started")).to_be_hidden()
