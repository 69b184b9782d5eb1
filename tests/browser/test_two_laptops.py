"""Two laptops on one team, each in its own browser context: nothing either typed is lost."""

import re
import time

import pytest
from playwright.sync_api import expect

from socialplaybook.workspace.store import Workspace
from tests.browser.conftest import assert_no_kernel_error_logged

pytestmark = pytest.mark.browser

APP_TIMEOUT_MS = 60_000
METRIC = "Metric, e.g. qualified leads per month"
SEEN_WITHIN_S = 5  # the limit: both pages show both goals within this long
TEAM = "Two Laptops"
METRICS = {"a": "qualified leads per month", "b": "orders from social per month"}


@pytest.fixture
def two_pages(browser):
    contexts = [browser.new_context(viewport={"width": 1280, "height": 900}) for _ in range(2)]
    pages = [context.new_page() for context in contexts]
    yield pages
    for context in contexts:
        context.close()


def open_on_team(page, server, team):
    page.goto(server.app_url("02-planning.ipynb") + f"?team={team.replace(' ', '+')}")
    expect(page.locator(".sp-team-picker select")).to_have_value(team, timeout=APP_TIMEOUT_MS)
    expect(page.locator(".sp-readiness")).to_be_visible(timeout=APP_TIMEOUT_MS)


def metrics_on(page):
    boxes = page.locator(".sp-goal").get_by_placeholder(METRIC)
    return sorted(boxes.nth(i).input_value() for i in range(boxes.count()))


def wait_until(condition, deadline: float, what: str) -> None:
    """Poll ``condition`` until it holds; fail at ``deadline`` (time.monotonic())."""
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"not within {SEEN_WITHIN_S} s: {what}")
        time.sleep(0.1)


def test_two_laptops_add_a_goal_at_the_same_time_and_both_keep_both(two_pages, server):
    log_start = len(server.log_text())
    workspace = Workspace(server.db_url)
    workspace.create_team(TEAM)
    laptop_a, laptop_b = two_pages
    open_on_team(laptop_a, server, TEAM)
    open_on_team(laptop_b, server, TEAM)
    for page in (laptop_a, laptop_b):
        expect(page.locator(".sp-goal")).to_have_count(0)

    # Both click "Add goal" at once, well within the autosave delay (0.5 s), so each adds
    # its goal to the plan as it opened it (revision 1), not having seen the other's.
    laptop_a.get_by_role("button", name="Add goal").click()
    laptop_b.get_by_role("button", name="Add goal").click()
    for page in (laptop_a, laptop_b):
        # Each page's own new goal is its first: a teammate's comes after the ones shown.
        expect(page.locator(".sp-goal").first.get_by_placeholder(METRIC)).to_have_value("")
    laptop_a.locator(".sp-goal").first.get_by_placeholder(METRIC).fill(METRICS["a"])
    laptop_b.locator(".sp-goal").first.get_by_placeholder(METRIC).fill(METRICS["b"])
    typed = time.monotonic()

    # Within 5 s of the typing, each page shows both goals with their names.
    deadline = typed + SEEN_WITHIN_S
    expected = sorted(METRICS.values())
    for name, page in (("A", laptop_a), ("B", laptop_b)):
        wait_until(lambda page=page: metrics_on(page) == expected, deadline,
                   f"laptop {name} shows {metrics_on(page)}, not both goals {expected}")
    print(f"both laptops show both goals {time.monotonic() - typed:.1f} s after the typing")
    # Each laptop added its goal before it saw the other's: its own goal is still its first
    # (a teammate's goal is shown after the ones already on the page).
    for key, page in (("a", laptop_a), ("b", laptop_b)):
        expect(page.locator(".sp-goal").first.get_by_placeholder(METRIC)).to_have_value(
            METRICS[key])
    for page in (laptop_a, laptop_b):
        expect(page.locator(".sp-status")).to_have_text(re.compile(r"Saved · revision \d+"),
                                                        timeout=15_000)

    stored = workspace.load(TEAM).planning.goals
    assert sorted(goal.metric for goal in stored) == expected
    # Neither save undid the other: the revision that added the second goal kept the first.
    revisions = [workspace.load_revision(TEAM, r.number).planning.goals
                 for r in reversed(workspace.revisions(TEAM))]
    assert [len(goals) for goals in revisions] == sorted(len(goals) for goals in revisions)

    # Reloading either laptop finds both goals kept.
    for page in (laptop_a, laptop_b):
        page.reload()
        open_on_team(page, server, TEAM)
        expect(page.locator(".sp-goal")).to_have_count(2)
        assert metrics_on(page) == expected
    assert_no_kernel_error_logged(server, log_start)


def open_platforms_on_team(page, server, team):
    page.goto(server.app_url("03-platforms.ipynb") + f"?team={team.replace(' ', '+')}")
    expect(page.locator(".sp-team-picker select")).to_have_value(team, timeout=APP_TIMEOUT_MS)
    expect(page.locator("table.sp-rank")).to_be_visible(timeout=APP_TIMEOUT_MS)


def test_two_laptops_tick_different_formats_at_once_and_both_ticks_are_kept(two_pages,
                                                                            server):
    """A set of checkboxes: each laptop's tick survives the other's save (no later-wins)."""
    log_start = len(server.log_text())
    team = "Two Laptops Formats"
    workspace = Workspace(server.db_url)
    workspace.create_team(team)
    laptop_a, laptop_b = two_pages
    open_platforms_on_team(laptop_a, server, team)
    open_platforms_on_team(laptop_b, server, team)
    for page in (laptop_a, laptop_b):
        expect(page.get_by_label("Images", exact=True)).not_to_be_checked()
        expect(page.get_by_label("Short video", exact=True)).not_to_be_checked()

    # Both tick within the autosave delay, so each save starts from the same revision.
    laptop_a.get_by_label("Images", exact=True).check()
    laptop_b.get_by_label("Short video", exact=True).check()
    ticked = time.monotonic()

    deadline = ticked + SEEN_WITHIN_S
    for name, page in (("A", laptop_a), ("B", laptop_b)):
        both = (page.get_by_label("Images", exact=True),
                page.get_by_label("Short video", exact=True))
        wait_until(lambda both=both: all(box.is_checked() for box in both), deadline,
                   f"laptop {name} does not show both formats ticked")
        expect(page.locator(".sp-status")).to_have_text(re.compile(r"Saved · revision \d+"),
                                                        timeout=15_000)
    assert sorted(workspace.load(team).platforms.formats) == ["images", "short_video"]
    # Both saves were stored as their own revisions: the second one merged the first.
    assert len(workspace.revisions(team)) >= 3

    for page in (laptop_a, laptop_b):
        page.reload()
        open_platforms_on_team(page, server, team)
        expect(page.get_by_label("Images", exact=True)).to_be_checked()
        expect(page.get_by_label("Short video", exact=True)).to_be_checked()
    assert_no_kernel_error_logged(server, log_start)
