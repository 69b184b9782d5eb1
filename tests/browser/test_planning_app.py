"""The planning app in Chromium against a real server."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_kernel_error_logged

pytestmark = pytest.mark.browser

APP_TIMEOUT_MS = 60_000


def open_planning(page, server, team):
    page.goto(server.app_url("02-planning.ipynb"))
    picker = page.locator(".sp-team-picker select")
    expect(picker).to_be_visible(timeout=APP_TIMEOUT_MS)
    page.get_by_placeholder("New team name").fill(team)
    page.get_by_role("button", name="Create team").click()
    expect(picker).to_have_value(team)
    expect(page.locator(".sp-readiness")).to_be_visible()


def test_follower_goal_warns_and_a_bad_target_is_refused_at_the_field(page, server):
    log_start = len(server.log_text())
    open_planning(page, server, "Goal Team")
    page.get_by_role("button", name="Add goal").click()
    goal = page.locator(".sp-goal").first
    goal.get_by_placeholder("Metric, e.g. qualified leads per month").fill("Instagram followers")
    expect(goal.locator(".sp-checks")).to_contain_text("counts attention, not business")
    goal.get_by_placeholder("target").fill("12x")
    expect(goal.locator(".sp-field-error")).to_contain_text("'12x' is not a number")
    goal.get_by_placeholder("Metric, e.g. qualified leads per month").fill("qualified leads")
    expect(goal.locator(".sp-checks")).not_to_contain_text("counts attention")
    assert_no_kernel_error_logged(server, log_start)


def test_raci_change_survives_a_reload(page, server):
    open_planning(page, server, "Raci Team")
    page.get_by_role("tab", name="Who answers").click()
    # Row "Handling complaints", column "Customer service": the 4th activity, 2nd department.
    cell = page.locator(".widget-gridbox select").nth(3 * 8 + 1)
    cell.select_option(label="R")
    expect(page.locator(".sp-checks")).to_contain_text("Customer service responsible")
    expect(page.locator(".sp-status")).to_have_text(re.compile(r"Saved · revision \d+"),
                                                    timeout=10_000)
    page.reload()
    expect(page.locator(".sp-team-picker select")).to_be_visible(timeout=APP_TIMEOUT_MS)
    page.locator(".sp-team-picker select").select_option(label="Raci Team")
    page.get_by_role("tab", name="Who answers").click()
    expect(page.locator(".widget-gridbox select").nth(3 * 8 + 1)).to_have_value("R")


def test_the_timeline_is_drawn_and_shows_a_typed_tag_as_text(page, server):
    open_planning(page, server, "Timeline Team")
    page.get_by_role("tab", name="Action plan and timeline").click()
    page.get_by_role("button", name="Add milestone").click()
    page.get_by_placeholder("e.g. Reply guidelines agreed").fill("<b>Reply</b> guidelines")
    expect(page.locator(".sp-status")).to_have_text(re.compile(r"Saved · revision \d+"),
                                                    timeout=10_000)
    # Reopened, the chart is drawn as the tab is built: the case that once drew nothing.
    page.goto(server.app_url("02-planning.ipynb") + "?team=Timeline+Team")
    expect(page.locator(".sp-readiness")).to_be_visible(timeout=APP_TIMEOUT_MS)
    page.get_by_role("tab", name="Action plan and timeline").click()
    chart = page.locator(".sp-app .js-plotly-plot").first
    expect(chart).to_be_attached()
    page.wait_for_timeout(1000)  # plotly draws, then sizes itself to its box
    assert chart.bounding_box()["height"] >= 100  # not a chart in a box of no height
    expect(page.locator(".sp-app .js-plotly-plot")).to_contain_text("<b>Reply</b> guidelines")
    assert page.locator(".sp-app .js-plotly-plot b").count() == 0


def test_the_timeline_is_drawn_when_the_server_does_not_serve_plotly(page, server):
    # JupyterLab or a hub serves no social-playbook route: the chart asks its kernel.
    blocked = []
    page.route("**/social-playbook/static/plotly.min.js",
               lambda route: (blocked.append(route.request.url), route.abort()))
    open_planning(page, server, "Timeline Elsewhere")
    page.get_by_role("tab", name="Action plan and timeline").click()
    page.get_by_role("button", name="Add milestone").click()
    page.get_by_placeholder("e.g. Reply guidelines agreed").fill("Guidelines agreed")
    expect(page.locator(".sp-app .js-plotly-plot")).to_contain_text("Guidelines agreed",
                                                                    timeout=30_000)
    assert blocked and blocked[0].endswith("/social-playbook/static/plotly.min.js")
    expect(page.locator(".sp-chart-failed")).to_have_count(0)


RESOURCES_SCREENSHOT = "/tmp/planning-resources.png"


def test_the_working_week_counts_the_hours_and_survives_a_reload(page, server):
    """Capacity in full-time equivalents of the team's working week (issue 19, finding 6)."""
    log_start = len(server.log_text())
    open_planning(page, server, "Week Team")
    page.get_by_role("tab", name="Resources").click()
    week = page.get_by_placeholder("hours", exact=True)
    expect(week).to_have_value("40")
    page.get_by_placeholder("people").first.fill("1")
    page.get_by_placeholder("hours / week").first.fill("10")
    checks = page.locator(".sp-checks").last
    expect(checks).to_contain_text("10 h a week (0.25 FTE of a 40-hour week): at most 1 "
                                   "account runs well")
    week.fill("20")
    expect(checks).to_contain_text("(0.5 FTE of a 20-hour week): at most 2 accounts run well")
    expect(page.locator(".sp-status")).to_have_text(re.compile(r"Saved · revision \d+"),
                                                    timeout=10_000)
    page.set_viewport_size({"width": 1280, "height": 1400})
    page.screenshot(path=RESOURCES_SCREENSHOT, full_page=True)
    page.goto(server.app_url("02-planning.ipynb") + "?team=Week+Team")
    expect(page.locator(".sp-readiness")).to_be_visible(timeout=APP_TIMEOUT_MS)
    page.get_by_role("tab", name="Resources").click()
    expect(page.get_by_placeholder("hours", exact=True)).to_have_value("20")
    assert_no_kernel_error_logged(server, log_start)
