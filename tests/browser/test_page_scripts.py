"""Every app's page asks for its scripts at once, and shows no MathJax.

The page template preloads the scripts in ``page-scripts.json`` from its head
(``socialplaybook.serve.voila_app.page_scripts``). A script a page needs that is not in the
list is fetched in another wave, later: each app, opened as a participant opens it, asks
for no script outside the list. Text with dollar amounts stays as typed (MathJax made
"$5 and $10" a formula).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from socialplaybook.serve.voila_app import page_scripts
from socialplaybook.steps.registry import built_steps
from tests.bench import page_scripts as scripts
from tests.browser.conftest import (
    Server,
    assert_no_kernel_error_logged,
    markdown_cell,
    notebook_of,
    workshop_notebooks_and,
)

pytestmark = pytest.mark.browser

PRICES = "Posting costs $5 and boosting $10 a day: 2 $ per click."


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = workshop_notebooks_and(tmp_path_factory.mktemp("notebooks"), {
        "prices.ipynb": notebook_of(markdown_cell(f"# Prices\n\n{PRICES}"))})
    server = Server(tmp_path_factory.mktemp("scripts"), pool_size=0,
                    extra_args=("--notebooks", str(folder)))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def links(server):
    return {notebook: (query, ready_js)
            for notebook, query, ready_js in scripts.app_links(server)}


APPS = ["00-start-here.ipynb", *[step.notebook for step in built_steps()]]


@pytest.mark.parametrize("notebook", APPS)
def test_an_app_asks_for_no_script_it_did_not_preload(browser, server, links, notebook):
    preloaded = page_scripts()
    assert preloaded, "the committed list does not fit the installed versions"
    since = len(server.log_text())
    assert notebook in links, "tests/bench/page_scripts.py: app_links() lacks this app"
    query, ready_js = links[notebook]
    asked = scripts.scripts_of(browser, server, notebook, query, ready_js)
    assert "voila/static/voila.js" in asked
    not_preloaded = [script for script in asked if script not in preloaded]
    assert not_preloaded == [], (
        f"{notebook} asked for scripts the page did not preload: {not_preloaded}; "
        "make the list again: .venv/bin/python -m tests.bench.page_scripts --write")
    assert_no_kernel_error_logged(server, since)


def test_the_page_preloads_each_listed_script_from_its_head(page, server):
    page.goto(server.app_url("01-myth-audit.ipynb"))
    links = page.locator('head link[rel="preload"][as="script"]')
    expect(links).to_have_count(len(page_scripts()))
    first = links.first.get_attribute("href")
    assert first == "/voila/static/voila.js"


def test_dollar_amounts_stay_as_typed(page, server):
    page.goto(server.app_url("prices.ipynb"))
    text = page.get_by_text("Posting costs")
    expect(text).to_be_visible(timeout=30_000)
    page.wait_for_function("() => window.jupyterapp !== undefined", timeout=30_000)
    page.wait_for_timeout(500)  # a typesetter would have run by now
    assert text.inner_text().strip() == PRICES
    assert page.locator("mjx-container, .MathJax").count() == 0
