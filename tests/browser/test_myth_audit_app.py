"""The myth audit as a participant uses it, in Chromium against a real server."""

import re

import pytest
from playwright.sync_api import expect

from socialplaybook.steps.registry import workshop_steps
from tests.browser.conftest import assert_no_kernel_error_logged

pytestmark = pytest.mark.browser

APP_TIMEOUT_MS = 60_000


def open_app(page, server, notebook):
    page.goto(server.app_url(notebook))
    expect(page.locator(".sp-team-picker select")).to_be_visible(timeout=APP_TIMEOUT_MS)


def radar_scores(page):
    """The score of each area as drawn on the radar ("" for an area with no answers)."""
    return page.evaluate(
        "() => Object.fromEntries([...document.querySelectorAll('.sp-radar circle')]"
        ".map(c => [c.dataset.area, c.dataset.score]))")


def test_create_team_rate_five_statements_reload_and_find_them(page, server):
    open_app(page, server, "01-myth-audit.ipynb")
    expect(page.locator(".sp-radar")).to_be_attached()
    assert set(radar_scores(page).values()) == {""}

    page.get_by_placeholder("New team name").fill("Harbour Café")
    page.get_by_role("button", name="Create team").click()
    expect(page.locator(".sp-team-picker select")).to_have_value("Harbour Café")
    expect(page.locator(".widget-tab")).to_be_visible()

    statements = page.locator(".sp-statement")
    chosen = {0: "Completely", 1: "Mostly", 2: "Partly", 3: "A little", 4: "Not at all"}
    for index, label in chosen.items():
        statements.nth(index).get_by_role("button", name=label, exact=True).click()
    # Planning's five statements: mean rating (4+3+2+1+0)/5 = 2 -> score 50.
    expect(page.get_by_text("5 of 27 statements rated")).to_be_visible()
    expect(page.locator('.sp-radar circle[data-area="planning"]')).to_have_attribute(
        "data-score", "50")
    assert radar_scores(page)["budget"] == ""
    expect(page.locator(".sp-status")).to_have_text(re.compile(r"Saved · revision \d+"))

    statements.first.locator("summary").click()
    expect(statements.first.locator("details")).to_contain_text("specific goals")

    page.reload()
    expect(page.locator(".sp-team-picker select")).to_be_visible(timeout=APP_TIMEOUT_MS)
    page.locator(".sp-team-picker select").select_option(label="Harbour Café")
    for index, label in chosen.items():
        expect(statements.nth(index).get_by_role("button", name=label, exact=True)
               ).to_have_class(re.compile("mod-active"))
    expect(page.get_by_text("5 of 27 statements rated")).to_be_visible()
    assert radar_scores(page)["planning"] == "50"


def test_invalid_team_name_shows_a_message_not_a_traceback(page, server):
    log_start = len(server.log_text())
    open_app(page, server, "01-myth-audit.ipynb")
    page.get_by_placeholder("New team name").fill("x" * 61)
    page.get_by_role("button", name="Create team").click()
    message = page.locator(".sp-msg-error")
    expect(message).to_contain_text("at most 60 characters")
    page.get_by_placeholder("New team name").fill("   ")
    page.get_by_role("button", name="Create team").click()
    expect(message).to_contain_text("Give the team a name")
    # refused, not broken: the same form still creates a team with a good name
    page.get_by_placeholder("New team name").fill("Named After All")
    page.get_by_role("button", name="Create team").click()
    expect(page.locator(".sp-team-picker select")).to_have_value("Named After All")
    expect(page.locator(".widget-tab")).to_be_visible()
    assert page.locator(".jp-OutputArea-output[data-mime-type*=error]").count() == 0
    assert_no_kernel_error_logged(server, log_start)


def test_start_here_maps_the_steps_and_links_the_audit_with_the_team(page, server):
    open_app(page, server, "00-start-here.ipynb")
    steps = workshop_steps()
    expect(page.locator(".sp-steps li")).to_have_count(len(steps))
    expect(page.locator(".sp-steps .sp-badge")).to_have_count(  # "coming": not built yet
        sum(not step.available for step in steps))
    expect(page.get_by_role("link", name="2. Planning")).to_be_visible()
    page.get_by_placeholder("New team name").fill("Link Team")
    page.get_by_role("button", name="Create team").click()
    audit_link = page.get_by_role("link", name="1. Myth audit")
    expect(audit_link).to_have_attribute("href", "01-myth-audit.ipynb?team=Link+Team")
    audit_link.click()
    expect(page.locator(".sp-team-picker select")).to_have_value(
        "Link Team", timeout=APP_TIMEOUT_MS)
    expect(page.locator(".widget-tab")).to_be_visible()
