"""Start from a client scenario on the start page, then open the budget app on the new team
and see the scenario's numbers: Chromium against a real server."""

import re
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from socialplaybook.language import use_language
from socialplaybook.plan.scenarios import load_scenario
from socialplaybook.rules.i18n import _
from socialplaybook.workspace.store import Workspace
from tests.browser.conftest import assert_no_kernel_error_logged

pytestmark = pytest.mark.browser

APP_TIMEOUT_MS = 60_000
SCREENSHOT = "/tmp/start-from-scenario.png"


def norwegian(message: str) -> str:
    """``message`` as the café's team reads it: its plan is in Norwegian."""
    with use_language("nb"):
        return _(message)


def test_start_from_a_scenario_then_its_budget_in_the_budget_app(page, server):
    log_start = len(server.log_text())
    workspace = Workspace(server.db_url)
    workspace.create_team("Bakgården Kafé")  # taken: the new team gets a number
    page.set_viewport_size({"width": 1300, "height": 1600})
    page.goto(server.app_url("00-start-here.ipynb"))
    card = page.locator(".sp-card").filter(has_text="Start from a client scenario")
    expect(card).to_be_visible(timeout=APP_TIMEOUT_MS)
    card.locator("select").select_option(label="Bakgården Kafé")
    expect(card).to_contain_text("An Oslo café and bakery in Grünerløkka")
    card.get_by_role("button", name="Start from this scenario").click()
    expect(card.locator(".sp-msg-info")).to_contain_text(
        "Team Bakgården Kafé 2 started from the scenario Bakgården Kafé", timeout=10_000)
    expect(page.locator(".sp-team-picker select")).to_have_value("Bakgården Kafé 2")
    # the page now speaks the team's language
    saved = norwegian("Saved · revision {n} · {time}").format(n=1, time="")
    assert saved.startswith("Lagret")
    expect(page.locator(".sp-status")).to_have_text(re.compile(re.escape(saved)))
    page.screenshot(path=SCREENSHOT, full_page=True)
    scenario = load_scenario("oslo-cafe")
    assert workspace.load("Bakgården Kafé 2").budget == scenario.budget

    # The map's link opens the budget app on the new team, with the scenario's numbers,
    # written as the team writes them (Norwegian: a space between thousands).
    link = page.get_by_role("link", name=re.compile(r"4\. " + norwegian("Budget")))
    expect(link).to_have_attribute("href", re.compile(re.escape(
        "04-budget.ipynb?team=" + quote("Bakgården Kafé 2").replace("%20", "+"))))
    page.goto(server.app_url("04-budget.ipynb") + "?team=" + quote("Bakgården Kafé 2"))
    total = page.locator(".sp-bu-total")
    expect(total).to_have_text(re.compile(r"18\s248\sNOK"), timeout=APP_TIMEOUT_MS)
    paid = norwegian("paid promotion {v}").format(v="")
    parts = page.locator(".sp-bu-parts").filter(has_text=paid)
    expect(parts).to_contain_text(re.compile(re.escape(paid) + r"4\s000 NOK"))
    expect(page.locator(".sp-bu-split-line")).to_contain_text("Instagram")
    expect(page.locator("table.sp-bu-time")).to_contain_text("Facebook")
    assert_no_kernel_error_logged(server, log_start)


def test_copy_as_variant_and_compare_with_a_scenario_in_the_playbook(page, server):
    log_start = len(server.log_text())
    workspace = Workspace(server.db_url)
    workspace.add_team(load_scenario("oslo-cafe"), lambda n: "Café demo" if n == 1 else None)
    page.set_viewport_size({"width": 1300, "height": 2000})
    # ?lang= shows the Norwegian café's playbook in English, as a consultant may
    page.goto(server.app_url("07-playbook.ipynb") + "?team=" + quote("Café demo") + "&lang=en")
    copy = page.get_by_role("button", name="Copy this team as a variant")
    expect(copy).to_be_visible(timeout=APP_TIMEOUT_MS)
    copy.click()
    expect(page.get_by_text("The two plans are the same in every section.")).to_be_visible(
        timeout=10_000)
    expect(page.locator(".sp-cmp-links").get_by_role("link", name="Budget")).to_have_attribute(
        "href", re.compile(re.escape("04-budget.ipynb?team=Caf%C3%A9+demo+%28variant%29")))
    assert "Café demo (variant)" in workspace.team_names()
    page.get_by_label("Compare with").select_option(label="Scenario: Brenner Schleiftechnik")
    figures = page.locator("table.sp-cmp-figures")
    expect(page.get_by_text("different currencies (NOK and EUR)")).to_be_visible(
        timeout=10_000)
    expect(figures.locator("tr", has_text="Break-even month").first).to_contain_text("month 9")
    page.get_by_text("Platforms: 17 fields differ").click()  # Brenner estimates YouTube
    expect(page.locator('details[data-section="platforms"] table')).to_contain_text(
        "weights › reach")
    assert_no_kernel_error_logged(server, log_start)
