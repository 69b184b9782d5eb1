"""The start app's plan file, as a Binder learner uses it, in Chromium against a real server."""

import json
import re

import pytest
from playwright.sync_api import expect

from socialplaybook.plan.files import plan_from_json, plan_to_json
from socialplaybook.workspace.store import Workspace
from tests.browser.conftest import assert_no_kernel_error_logged

pytestmark = pytest.mark.browser

APP_TIMEOUT_MS = 60_000
SCREENSHOT = "/tmp/start.png"


def upload(page, path):
    """Choose a file with the upload button, as a person does (its input is not in the page)."""
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name=re.compile("Upload a plan")).click()
    chooser.value.set_files(str(path))


def open_start(page, server):
    page.goto(server.app_url("00-start-here.ipynb"))
    expect(page.locator(".sp-team-picker select")).to_be_visible(timeout=APP_TIMEOUT_MS)


def test_download_the_plan_then_bring_it_back_as_another_team(page, server, tmp_path):
    log_start = len(server.log_text())
    workspace = Workspace(server.db_url)
    workspace.create_team("Fjord Kaffe", currency="NOK")
    workspace.update_section("Fjord Kaffe", "locale", "nb")
    open_start(page, server)
    page.locator(".sp-team-picker select").select_option(label="Fjord Kaffe")
    link = page.get_by_role("link", name="Download your plan (JSON)")
    expect(link).to_have_attribute("download", "Fjord-Kaffe-plan.json")
    expect(page.locator(".sp-status")).to_have_text(re.compile(r"Saved · revision 2"))
    page.screenshot(path=SCREENSHOT, full_page=True)

    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename == "Fjord-Kaffe-plan.json"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.read_text(encoding="utf-8") == plan_to_json(workspace.load("Fjord Kaffe"))
    assert plan_from_json(saved.read_bytes()).locale == "nb"

    # The next session: the team is not in this workspace under that name any more (a
    # fresh Binder, or renamed); the file brings it back as a team of its own.
    data = json.loads(saved.read_text(encoding="utf-8"))
    data["team"] = "Fjord Kaffe (restored)"
    restored = tmp_path / "restored-plan.json"
    restored.write_text(json.dumps(data), encoding="utf-8")
    upload(page, restored)
    expect(page.locator(".sp-msg-info").filter(has_text="Imported")).to_contain_text(
        "Imported: team Fjord Kaffe (restored), revision 1")
    expect(page.locator(".sp-team-picker select")).to_have_value("Fjord Kaffe (restored)")
    expect(page.get_by_role("link", name="Download your plan (JSON)")).to_have_attribute(
        "download", "Fjord-Kaffe-restored-plan.json")
    plan = workspace.load("Fjord Kaffe (restored)")
    assert (plan.currency, plan.locale) == ("NOK", "nb")
    assert_no_kernel_error_logged(server, log_start)


def test_a_broken_file_shows_a_message_and_changes_nothing(page, server, tmp_path):
    log_start = len(server.log_text())
    workspace = Workspace(server.db_url)
    before = [(t.name, t.revisions) for t in workspace.teams()]
    open_start(page, server)
    broken = tmp_path / "cut-short.json"
    broken.write_text('{"schema_version": 3, "team": "Half', encoding="utf-8")
    upload(page, broken)
    message = page.locator(".sp-msg-error")
    expect(message).to_contain_text("Nothing was imported")
    expect(message).to_contain_text("not valid JSON")
    assert [(t.name, t.revisions) for t in workspace.teams()] == before
    # A failing callback never reaches the page (Voila shows none): the server's log has it.
    assert_no_kernel_error_logged(server, log_start)


def test_changing_the_currency_is_saved(page, server):
    log_start = len(server.log_text())
    workspace = Workspace(server.db_url)
    workspace.create_team("Tbilisi Bakes")
    open_start(page, server)
    page.locator(".sp-team-picker select").select_option(label="Tbilisi Bakes")
    page.get_by_label("Currency").select_option(label="GEL · Georgian Lari")
    expect(page.locator(".sp-status")).to_have_text(re.compile(r"Saved · revision 2"))
    assert workspace.load("Tbilisi Bakes").currency == "GEL"
    assert_no_kernel_error_logged(server, log_start)
