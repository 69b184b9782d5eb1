"""Every app in every language at 1280x720, in Chromium: no label, button, tab or table cell
cuts its text off, and the page does not scroll sideways (German compounds, Norwegian phrases,
Georgian letters and Chinese characters take more room than English). Screenshots in
/tmp/layout-<language>-<app>.png, looked at when the layout changes."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

import pytest
from playwright.sync_api import expect

from socialplaybook.steps.registry import built_steps
from socialplaybook.workspace.store import Workspace
from tests.browser.conftest import assert_no_kernel_error_logged
from tests.plans import full_plan

pytestmark = pytest.mark.browser

APP_TIMEOUT_MS = 60_000
LANGUAGES = {"de": "de", "nb": "nb", "zh_Hans": "zh", "ka": "ka"}  # language: number format
OVERFLOWING_TEXT_JS = (Path(__file__).parent / "js" / "overflowing_text.js").read_text()
APPS = ["00-start-here.ipynb", *(step.notebook for step in built_steps())]


@pytest.fixture(scope="module")
def teams(server):
    """A team with every step filled in, one per language, in its own number format."""
    workspace = Workspace(server.db_url)
    for language, locale in LANGUAGES.items():
        plan = full_plan(f"Layout {language}").model_copy(
            update={"language": language, "locale": locale})
        workspace.add_team(plan, lambda n, team=plan.team: team if n == 1 else None)
    return workspace


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_app_shows_its_texts_whole_in_the_language(page, server, teams, language):
    log_start = len(server.log_text())
    found = {}
    for app in APPS:
        page.goto(f"{server.app_url(app)}?{urlencode({'team': f'Layout {language}'})}")
        expect(page.locator(".sp-status")).not_to_be_empty(timeout=APP_TIMEOUT_MS)
        expect(page.locator(f".sp-app.sp-lang-{language}").first).to_be_visible()
        page.wait_for_load_state("networkidle")
        page.screenshot(path=f"/tmp/layout-{language}-{app.removesuffix('.ipynb')}.png")
        cut = page.evaluate(OVERFLOWING_TEXT_JS)
        if cut:
            found[app] = cut
    assert not found, found
    assert_no_kernel_error_logged(server, log_start)


def test_the_check_sees_a_label_cut_off(page, server, teams):
    """The check itself: a label narrower than its text is reported."""
    page.goto(f"{server.app_url(APPS[1])}?{urlencode({'team': 'Layout de'})}")
    expect(page.locator(".sp-team-picker .widget-label").first).to_be_visible(
        timeout=APP_TIMEOUT_MS)
    page.locator(".sp-team-picker .widget-label").first.evaluate(
        "label => { label.style.width = '20px'; label.style.maxWidth = '20px'; }")
    cut = page.evaluate(OVERFLOWING_TEXT_JS)
    assert any("Ihr Team" in line for line in cut), cut
