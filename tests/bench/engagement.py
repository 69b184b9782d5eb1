"""The engagement app's measures: navigation on a team link (preheated and cold), and the
redraw after an edit of the mix.

``measure(results, browser, server, log)`` fills ``KEYS`` with the preheated server;
``measure_cold(results, browser, server, log)`` fills ``COLD_KEYS`` with the cold one
(``tests/bench/run.py`` lists them and calls both).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import quote

from playwright.sync_api import Browser, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.bench import apps
from tests.bench.server import BenchServer
from tests.bench.stats import percentile

ENGAGEMENT = "06-engagement-and-policy.ipynb"
ENGAGEMENT_TEAM = "Bench Engagement"
KEYS = ["engagement_nav_preheated", "engagement_redraw_p95"]
COLD_KEYS = ["engagement_nav_cold"]
RUNS = 5
EDITS = 20

# Interactive on the team's Content tab: the picker and the pillars' editors are visible.
ENGAGEMENT_READY_JS = ("() => {" + apps._VISIBLE_JS + """
  return visible(document.querySelector('.sp-team-picker select'))
      && visible(document.querySelector('.sp-en-pillar'));
}""")
MIX_CHECKS_CHANGED_JS = """(before) => {
  const cards = [...document.querySelectorAll('.sp-card')];
  const mix = cards.find((c) => c.innerText.startsWith('The mix'));
  const checks = mix && mix.querySelector('.sp-checks');
  return checks !== null && checks.innerText !== before;
}"""
MIX_CHECKS_JS = """() => {
  const cards = [...document.querySelectorAll('.sp-card')];
  const mix = cards.find((c) => c.innerText.startsWith('The mix'));
  const checks = mix && mix.querySelector('.sp-checks');
  return checks ? checks.innerText : null;
}"""
ABOUT_US_LABEL = "About us (news, products, offers)"
EDIT_VALUES = ("30", "10")  # above the 20 % limit, then within it: the check's text changes

Log = Callable[[str], None]


def engagement_team(server: BenchServer) -> str:
    """A team with a goal, a segment, two chosen platforms, three pillars and a mix.

    Returns the query that opens the app on it (the team link a facilitator hands out).
    """
    from socialplaybook.steps.engagement.section import ContentMix, EngagementSection, Pillar
    from socialplaybook.steps.planning.section import AudienceSegment, Goal, PlanningSection
    from socialplaybook.steps.platforms.section import PlatformChoice, PlatformsSection
    from socialplaybook.workspace.store import Workspace

    workspace = Workspace(server.db_url)
    if ENGAGEMENT_TEAM not in [t.name for t in workspace.teams()]:
        workspace.create_team(ENGAGEMENT_TEAM)
        sections = {
            "planning": PlanningSection(
                goals=[Goal(id="g-orders", metric="orders from social")],
                audience=[AudienceSegment(id="s-locals", name="Locals",
                                          needs="good coffee, fast")]),
            "platforms": PlatformsSection(choices=[
                PlatformChoice(id="instagram", platform="Instagram", role="primary",
                               cadence="3-5 posts a week"),
                PlatformChoice(id="linkedin", platform="LinkedIn")]),
            "engagement": EngagementSection(
                pillars=[Pillar(name=name, kind=kind, segment_id="s-locals",
                                goal_id="g-orders", need="good coffee, fast")
                         for name, kind in (("Coffee know-how", "teach"),
                                            ("Regulars' stories", "entertain"),
                                            ("Our roastery", "about_us"))],
                mix=ContentMix(help_percent=30, teach_percent=20, entertain_percent=20,
                               about_us_percent=20))}
        for key, section in sections.items():
            _plan, revision = workspace.load_with_revision(ENGAGEMENT_TEAM)
            workspace.save_section(ENGAGEMENT_TEAM, key, section, revision.number)
    return "?team=" + quote(ENGAGEMENT_TEAM)


def redraw_latency(page: Page, edits: int, log: Log) -> dict:
    """p95 ms from typing the share of posts about us until the mix check's text changes
    (the kernel validates, stores the edit for autosave and redraws the Content tab: the
    pillars, the checks, the calendar's slots and its CSV files)."""
    field = page.get_by_label(ABOUT_US_LABEL)
    try:
        field.wait_for(state="visible", timeout=10_000)
    except PlaywrightTimeout:
        raise apps.Unavailable(f"no visible {ABOUT_US_LABEL!r} field in the engagement "
                               "app") from None
    timings_ms = []
    for index in range(edits):
        value = EDIT_VALUES[index % 2]
        before = page.evaluate(MIX_CHECKS_JS)
        started = time.perf_counter()
        field.fill(value)
        try:
            page.wait_for_function(MIX_CHECKS_CHANGED_JS, arg=before, polling="raf",
                                   timeout=apps.EDIT_TIMEOUT_MS)
        except PlaywrightTimeout:
            if index == 0:
                raise apps.Unavailable(f"the mix check did not change within "
                                       f"{apps.EDIT_TIMEOUT_MS} ms of typing {value}") from None
            raise RuntimeError(f"edit {index + 1}: the mix check did not change") from None
        timings_ms.append((time.perf_counter() - started) * 1000)
        time.sleep(apps.PAUSE_BETWEEN_EDITS_S)
    log(f"engagement mix edits: p50 {percentile(timings_ms, 50):.0f} ms, "
        f"p95 {percentile(timings_ms, 95):.0f} ms over {edits}")
    return {"p50_ms": percentile(timings_ms, 50), "p95_ms": percentile(timings_ms, 95),
            "max_ms": max(timings_ms), "edits": edits, "values": list(EDIT_VALUES),
            "how": f"fill {ABOUT_US_LABEL!r} in the Content tab, alternating the values",
            "pause_between_edits_s": apps.PAUSE_BETWEEN_EDITS_S, "timings_ms": timings_ms}


def _navigation(results: dict, key: str, run: dict) -> None:
    results[key].set(
        run["median"], f"{run['median']:.2f} s (min {run['min']:.2f}, max {run['max']:.2f})",
        ready="team picker and the pillars visible, opened on a team link (?team=)",
        runs_s=run["runs_s"], warmup_s=run["warmup_s"],
        pool_refilled_before=run["pool_refilled_before"])


def measure(results: dict, browser: Browser, server: BenchServer, log: Log) -> None:
    """Navigation with a preheated kernel, then the redraw after an edit."""
    context = None
    try:
        run = apps.navigation_runs(browser, server, ENGAGEMENT, ENGAGEMENT_READY_JS, RUNS, log,
                                   keep_last=True, query=engagement_team(server))
        context = run["context"]
        _navigation(results, "engagement_nav_preheated", run)
        data = redraw_latency(run["page"], EDITS, log)
        results["engagement_redraw_p95"].set(data["p95_ms"], **data)
    finally:
        apps.close(context)


def measure_cold(results: dict, browser: Browser, server: BenchServer, log: Log) -> None:
    """Navigation with no preheated kernel (the cold server's)."""
    run = apps.navigation_runs(browser, server, ENGAGEMENT, ENGAGEMENT_READY_JS, RUNS, log,
                               query=engagement_team(server))
    _navigation(results, "engagement_nav_cold", run)
