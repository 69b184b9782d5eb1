"""The engagement app in Chromium against a real server: a password typed as a handle is
refused, an old credential change raises an alert, two laptops adding a pillar each keep
both (also after a reload), and axe finds nothing serious on any tab."""

from __future__ import annotations

import re
import time
from datetime import date, timedelta
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from socialplaybook.steps.planning.section import AudienceSegment, Goal, PlanningSection
from socialplaybook.steps.platforms.section import PlatformChoice, PlatformsSection
from socialplaybook.workspace.store import Workspace
from tests.browser.conftest import assert_no_kernel_error_logged
from tests.browser.test_page_shell import describe, serious_violations, settle

pytestmark = pytest.mark.browser

APP_TIMEOUT_MS = 60_000
SEEN_WITHIN_S = 8
PASSWORD = "Harbour2024!"
SCREENSHOTS = "/tmp/engagement-app-{name}.png"


def make_team(server, name: str) -> str:
    workspace = Workspace(server.db_url)
    workspace.create_team(name)
    workspace.save_section(name, "planning", PlanningSection(
        goals=[Goal(id="g-1", metric="orders from social")],
        audience=[AudienceSegment(id="s-1", name="Locals", needs="good coffee, fast")]), None)
    _plan, revision = workspace.load_with_revision(name)
    workspace.save_section(name, "platforms", PlatformsSection(choices=[
        PlatformChoice(id="instagram", platform="Instagram", role="primary",
                       cadence="3-5 posts a week")]), revision.number)
    return server.app_url("06-engagement-and-policy.ipynb") + "?team=" + quote(name)


def open_app(page, url: str) -> None:
    page.goto(url)
    expect(page.get_by_role("button", name="Add pillar")).to_be_visible(
        timeout=APP_TIMEOUT_MS)


def tab(page, title: str) -> None:
    page.locator(".lm-TabBar-tab", has_text=title).click()


def saved(page) -> None:
    expect(page.locator(".sp-status")).to_have_text(re.compile(r"Saved · revision \d+"),
                                                    timeout=15_000)


def test_a_password_as_a_handle_is_refused_and_an_old_credential_raises_an_alert(page,
                                                                                  server):
    log_start = len(server.log_text())
    page.set_viewport_size({"width": 1280, "height": 1600})
    url = make_team(server, "Accounts Team")
    open_app(page, url)
    tab(page, "Accounts")
    inventory = page.locator(".sp-en-account")
    expect(inventory).to_have_count(1, timeout=APP_TIMEOUT_MS)  # Instagram, from step 3
    page.get_by_label("Platform", exact=True).fill("Facebook")
    handle = page.get_by_label("Handle", exact=True).last
    handle.fill(PASSWORD)
    handle.press("Enter")
    page.get_by_role("button", name="Add account").click()
    expect(page.locator(".sp-field-error", has_text="looks like a password")).to_be_visible()
    expect(handle).to_have_value("")
    expect(inventory).to_have_count(1)

    instagram = inventory.first
    instagram.get_by_label("Owner", exact=True).fill("Kari")
    instagram.get_by_label("Owner", exact=True).press("Enter")
    old = (date.today() - timedelta(days=200)).isoformat()
    instagram.get_by_label("Credentials last changed").fill(old)
    expect(instagram.locator(".sp-check-warning", has_text="200 days ago, more than 90")
           ).to_be_visible()
    saved(page)
    page.screenshot(path=SCREENSHOTS.format(name="accounts"), full_page=True)
    stored = Workspace(server.db_url).load("Accounts Team")
    assert PASSWORD not in stored.to_json()
    assert stored.engagement.accounts[0].last_credential_change.isoformat() == old

    page.reload()
    open_app(page, url)
    tab(page, "Accounts")
    expect(page.locator(".sp-check-warning", has_text="200 days ago")).to_be_visible(
        timeout=APP_TIMEOUT_MS)
    assert_no_kernel_error_logged(server, log_start)


@pytest.fixture
def two_pages(browser):
    contexts = [browser.new_context(viewport={"width": 1280, "height": 1000})
                for _ in range(2)]
    pages = [context.new_page() for context in contexts]
    yield pages
    for context in contexts:
        context.close()


def pillar_names(page) -> list[str]:
    boxes = page.locator(".sp-en-pillar").get_by_label("Name", exact=True)
    return sorted(boxes.nth(i).input_value() for i in range(boxes.count()))


def test_two_laptops_add_a_pillar_each_and_both_are_kept_after_a_reload(two_pages, server):
    log_start = len(server.log_text())
    url = make_team(server, "Two Laptops Pillars")
    laptop_a, laptop_b = two_pages
    for page in (laptop_a, laptop_b):
        open_app(page, url)
        expect(page.locator(".sp-en-pillar")).to_have_count(0)
    for page, name in ((laptop_a, "Coffee know-how"), (laptop_b, "Our roastery")):
        page.get_by_label("New pillar").fill(name)
    laptop_a.get_by_role("button", name="Add pillar").click()
    laptop_b.get_by_role("button", name="Add pillar").click()
    added = time.monotonic()
    expected = ["Coffee know-how", "Our roastery"]
    for label, page in (("A", laptop_a), ("B", laptop_b)):
        while pillar_names(page) != expected:
            if time.monotonic() - added > SEEN_WITHIN_S:
                pytest.fail(f"laptop {label} shows {pillar_names(page)}, not {expected}")
            time.sleep(0.2)
        saved(page)
    stored = Workspace(server.db_url).load("Two Laptops Pillars").engagement.pillars
    assert sorted(p.name for p in stored) == expected
    for page in (laptop_a, laptop_b):
        page.reload()
        open_app(page, url)
        expect(page.locator(".sp-en-pillar")).to_have_count(2, timeout=APP_TIMEOUT_MS)
        assert pillar_names(page) == expected
    assert_no_kernel_error_logged(server, log_start)


def test_every_tab_is_readable(page, server):
    log_start = len(server.log_text())
    page.set_viewport_size({"width": 1280, "height": 1400})
    open_app(page, make_team(server, "Readable Team"))
    page.get_by_label("New pillar").fill("<img src=x onerror=alert(1)>")
    page.get_by_role("button", name="Add pillar").click()
    expect(page.locator(".sp-en-pillar")).to_have_count(1)
    assert page.evaluate("() => document.querySelector('.sp-app img[src=\"x\"]')") is None
    found = []
    for title in ("Content", "Engagement", "Crisis", "Policy", "Accounts"):
        tab(page, title)
        settle(page)
        page.screenshot(path=SCREENSHOTS.format(name=title.lower()), full_page=True)
        found += [(title, violation) for violation in serious_violations(page)]
    assert not found, describe(found)
    assert_no_kernel_error_logged(server, log_start)
