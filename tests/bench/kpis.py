"""The KPI app's measures: navigation on a team link, redraw after an edit, 1,000 UTM links.

``measure(results, browser, server, log)`` fills the three measures named in ``KEYS``
(``tests/bench/run.py`` lists them and calls it with the preheated server).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import quote

from playwright.sync_api import Browser, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.bench import apps
from tests.bench.server import BenchServer
from tests.bench.stats import percentile, summary

KPIS = "05-kpis.ipynb"
KPIS_TEAM = "Bench KPIs"
KEYS = ["kpis_nav_preheated", "kpis_redraw_p95", "kpis_utm_1000"]
RUNS = 5
EDITS = 20
UTM_RUNS = 50
UTM_PLATFORMS = ("LinkedIn", "Instagram", "Facebook", "YouTube", "TikTok", "X", "Pinterest",
                 "Snapchat", "Reddit", "Threads")

# Interactive with the team's KPI tree shown: the picker and the tree are visible.
KPIS_READY_JS = ("() => {" + apps._VISIBLE_JS + """
  return visible(document.querySelector('.sp-team-picker select'))
      && visible(document.querySelector('.sp-kp-tree'));
}""")
BREAK_EVEN_CHANGED_JS = """(before) => {
  const shown = document.querySelector('.sp-kp-breakeven');
  return shown !== null && shown.innerText !== before;
}"""
VALUE_LABEL = "Value of one conversion"
EDIT_VALUES = ("110", "150")  # break-even: never within the horizon, then month 13

Log = Callable[[str], None]


def kpis_team(server: BenchServer) -> str:
    """A team with a goal, chosen platforms, three KPIs and ROI assumptions.

    Returns the query that opens the app on it (the team link a facilitator hands out).
    """
    from socialplaybook.steps.kpis.catalog import catalog_by_id, kpi_from_catalog
    from socialplaybook.steps.kpis.section import KpisSection, RoiAssumptions
    from socialplaybook.steps.planning.section import Goal, PlanningSection
    from socialplaybook.steps.platforms.section import PlatformChoice, PlatformsSection
    from socialplaybook.workspace.store import Workspace

    workspace = Workspace(server.db_url)
    if KPIS_TEAM not in [t.name for t in workspace.teams()]:
        workspace.create_team(KPIS_TEAM)
        catalog = catalog_by_id()
        sections = {
            "planning": PlanningSection(goals=[Goal(id="g-leads", business_result="leads",
                                                    metric="qualified leads per month")]),
            "platforms": PlatformsSection(choices=[
                PlatformChoice(id="linkedin", platform="LinkedIn", role="primary"),
                PlatformChoice(id="x", platform="X")]),
            "kpis": KpisSection(
                kpis=[kpi_from_catalog(catalog[i], "g-leads")
                      for i in ("leads-from-social", "social-sessions", "followers")],
                # growth to twice the start: without it neither value ever breaks even
                # (the ROI no longer assumes growth), so the break-even would not move
                roi=RoiAssumptions(monthly_cost=1000, value_per_conversion=150,
                                   conversions_per_month=5, growth_percent_per_month=5,
                                   growth_ceiling_multiple=2))}
        for key, section in sections.items():
            _plan, revision = workspace.load_with_revision(KPIS_TEAM)
            workspace.save_section(KPIS_TEAM, key, section, revision.number)
    return "?team=" + quote(KPIS_TEAM)


def redraw_latency(page: Page, edits: int, log: Log) -> dict:
    """p95 ms from typing a value per conversion until the break-even month's text changes.

    The ROI tab is opened first (built when opened, not timed). Each edit fills the field
    (one change, as a paste) with a value that moves the break-even month; the kernel
    re-projects 24 months and redraws the summary and the SVG chart.
    """
    page.locator(".lm-TabBar-tab", has_text="ROI over time").click()
    field = page.get_by_label(VALUE_LABEL)
    shown = page.locator(".sp-kp-breakeven")
    try:
        field.wait_for(state="visible", timeout=10_000)
        shown.wait_for(state="visible", timeout=10_000)
    except PlaywrightTimeout:
        raise apps.Unavailable(f"no visible {VALUE_LABEL!r} field or break-even month in the "
                               "KPI app's ROI tab") from None
    timings_ms = []
    for index in range(edits):
        value = EDIT_VALUES[index % 2]
        before = shown.inner_text()
        started = time.perf_counter()
        field.fill(value)
        try:
            page.wait_for_function(BREAK_EVEN_CHANGED_JS, arg=before, polling="raf",
                                   timeout=apps.EDIT_TIMEOUT_MS)
        except PlaywrightTimeout:
            if index == 0:
                raise apps.Unavailable(f"the break-even month did not change within "
                                       f"{apps.EDIT_TIMEOUT_MS} ms of typing {value}") from None
            raise RuntimeError(f"edit {index + 1}: the break-even month did not change") \
                from None
        timings_ms.append((time.perf_counter() - started) * 1000)
        time.sleep(apps.PAUSE_BETWEEN_EDITS_S)
    log(f"kpis ROI edits: p50 {percentile(timings_ms, 50):.0f} ms, "
        f"p95 {percentile(timings_ms, 95):.0f} ms over {edits}")
    return {"p50_ms": percentile(timings_ms, 50), "p95_ms": percentile(timings_ms, 95),
            "max_ms": max(timings_ms), "edits": edits, "values": list(EDIT_VALUES),
            "how": f"fill {VALUE_LABEL!r} in the ROI tab, alternating the values",
            "pause_between_edits_s": apps.PAUSE_BETWEEN_EDITS_S, "timings_ms": timings_ms}


def utm_batch_timing(runs: int = UTM_RUNS) -> dict:
    """ms to build 1,000 links (10 platforms x 100 campaigns, typed in mixed case), p95."""
    from socialplaybook.steps.kpis.utm import batch_links

    campaigns = [f"Campaign {n} Spring" for n in range(100)]
    batch_links("https://example.com/offer?ref=1", UTM_PLATFORMS[:1], campaigns[:1])  # imports
    timings_ms = []
    for _ in range(runs):
        started = time.perf_counter()
        links = batch_links("https://example.com/offer?ref=1", UTM_PLATFORMS, campaigns)
        timings_ms.append((time.perf_counter() - started) * 1000)
    if len(links) != 1000:
        raise RuntimeError(f"expected 1,000 links, got {len(links)}")
    return {"p50_ms": percentile(timings_ms, 50), "p95_ms": percentile(timings_ms, 95),
            **{f"{k}_ms": v for k, v in summary(timings_ms).items()}, "runs": runs,
            "links": len(links), "timings_ms": timings_ms}


def measure(results: dict, browser: Browser, server: BenchServer, log: Log) -> None:
    """The three KPI measures: UTM links first (no browser), then navigation and redraw."""
    data = utm_batch_timing()
    log(f"1,000 UTM links: p50 {data['p50_ms']:.1f} ms, p95 {data['p95_ms']:.1f} ms")
    results["kpis_utm_1000"].set(data["p95_ms"], **data)
    context = None
    try:
        query = kpis_team(server)
        run = apps.navigation_runs(browser, server, KPIS, KPIS_READY_JS, RUNS, log,
                                   keep_last=True, query=query)
        context = run["context"]
        results["kpis_nav_preheated"].set(
            run["median"], f"{run['median']:.2f} s (min {run['min']:.2f}, max {run['max']:.2f})",
            ready="team picker and KPI tree visible, opened on a team link (?team=)",
            runs_s=run["runs_s"], warmup_s=run["warmup_s"],
            pool_refilled_before=run["pool_refilled_before"])
        data = redraw_latency(run["page"], EDITS, log)
        results["kpis_redraw_p95"].set(data["p95_ms"], **data)
    finally:
        apps.close(context)
