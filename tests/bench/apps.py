"""The measures taken in Chromium: app navigation, kernel memory, planning checks after an edit."""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Callable

from playwright.sync_api import Browser, BrowserContext, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.bench.server import BenchServer
from tests.bench.stats import percentile, summary

AUDIT = "01-myth-audit.ipynb"
PLANNING = "02-planning.ipynb"
PLATFORMS = "03-platforms.ipynb"
START = "00-start-here.ipynb"
VIEWPORT = {"width": 1280, "height": 720}

COLD_NAVIGATION_TIMEOUT_MS = 45_000
PREHEATED_NAVIGATION_TIMEOUT_MS = 30_000
POOL_REFILL_TIMEOUT_S = 60
# Voila logs "pool filled" when the new kernel has started, not when it has run the
# notebook; a preheated kernel is one that has, so wait for that too.
POOL_SETTLE_S = 8.0
UI_TIMEOUT_MS = 15_000
EDIT_TIMEOUT_MS = 5_000
PAUSE_BETWEEN_EDITS_S = 0.25

# What Playwright calls visible: a non-empty box and not visibility:hidden.
_VISIBLE_JS = """
const visible = (el) => {
  if (!el) return false;
  const box = el.getBoundingClientRect();
  return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden';
};
"""
# Interactive with the chart drawn: the team picker shows and the radar SVG is drawn.
AUDIT_READY_JS = ("() => {" + _VISIBLE_JS + """
  return visible(document.querySelector('.sp-team-picker select'))
      && document.querySelector('.sp-app .sp-radar circle') !== null;
}""")
PICKER_READY_JS = ("() => {" + _VISIBLE_JS + """
  return visible(document.querySelector('.sp-team-picker select'));
}""")
CHECKS_CHANGED_JS = """(before) => {
  const checks = document.querySelector('.sp-goal .sp-checks');
  return checks !== null && checks.innerText !== before;
}"""
GOALS_READY_JS = ("() => {" + _VISIBLE_JS + """
  return document.querySelector('.sp-goal') !== null
      || [...document.querySelectorAll('button')].some(
           (b) => b.textContent.trim() === 'Add goal' && visible(b));
}""")
KERNEL_ID_JS = """() => {
  const config = document.getElementById('jupyter-config-data');
  return config ? JSON.parse(config.textContent).kernelId || null : null;
}"""

METRIC_PLACEHOLDER = "Metric, e.g. qualified leads per month"
EDIT_VALUES = ("followers", "qualified leads")  # a vanity metric, then a business one

Log = Callable[[str], None]


class Unavailable(Exception):
    """The measure cannot be taken (yet): reported as n/a with this reason."""


def new_page(browser: Browser) -> tuple[BrowserContext, Page]:
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.set_default_timeout(UI_TIMEOUT_MS)
    return context, page


def close(context: BrowserContext | None) -> None:
    if context is not None:
        try:
            context.close()
        except Exception:
            pass


# A new browser context is a new browser profile, and headless Chromium then starts its own
# interface's pages (its omnibox popup, a renderer of its own) for about a second and a
# half of CPU. A participant's browser was open before they followed the link: its
# interface has long started. The timed navigation waits this long on a blank page first,
# so the app's page does not share the machine's two cores with it.
BROWSER_SETTLE_S = 2.5


def timed_navigation(browser: Browser, url: str, ready_js: str,
                     timeout_ms: int) -> tuple[float, BrowserContext, Page]:
    """Seconds from ``page.goto`` until ``ready_js`` holds, in a fresh browser context (an
    empty cache), opened ``BROWSER_SETTLE_S`` before on a blank page."""
    context, page = new_page(browser)
    try:
        page.goto("about:blank")
        time.sleep(BROWSER_SETTLE_S)
        started = time.perf_counter()
        page.goto(url, wait_until="commit", timeout=timeout_ms)
        remaining = max(1, timeout_ms - int((time.perf_counter() - started) * 1000))
        page.wait_for_function(ready_js, polling="raf", timeout=remaining)
        return time.perf_counter() - started, context, page
    except BaseException:
        close(context)
        raise


def navigation_runs(browser: Browser, server: BenchServer, notebook: str, ready_js: str,
                    runs: int, log: Log, keep_last: bool = False, query: str = "") -> dict:
    """One warm-up navigation and ``runs`` timed ones, each in a fresh browser context.

    With a preheated pool, each navigation waits until the pool of ``notebook`` is filled
    again (the server logs it) and then for POOL_SETTLE_S while it runs the notebook. With
    ``keep_last``, the last run's context and page stay open and are returned under
    ``"context"`` and ``"page"``. ``query`` (e.g. ``"?team=Acme"``) is added to the URL.
    """
    preheated = server.pool_size > 0
    timeout_ms = PREHEATED_NAVIGATION_TIMEOUT_MS if preheated else COLD_NAVIGATION_TIMEOUT_MS
    url = server.app_url(notebook) + query
    result: dict = {"runs_s": [], "warmup_s": None, "pool_refilled_before": []}
    refilled = True
    if preheated and server.pool_fills(notebook) == 0:
        refilled = server.wait_pool_fills(notebook, 0, POOL_REFILL_TIMEOUT_S)
    for index in range(runs + 1):
        label = "warm-up" if index == 0 else f"run {index}/{runs}"
        fills_before = server.pool_fills(notebook) if preheated else 0
        if preheated:
            time.sleep(POOL_SETTLE_S)
        seconds, context, page = timed_navigation(browser, url, ready_js, timeout_ms)
        last = index == runs
        if not (keep_last and last):
            close(context)
        pool_note = ""
        if preheated:
            pool_note = "" if refilled else " (pool was NOT refilled in time)"
            if index:
                result["pool_refilled_before"].append(refilled)
        log(f"{notebook} {'preheated' if preheated else 'cold'} {label}: {seconds:.2f} s"
            f"{pool_note}")
        if index == 0:
            result["warmup_s"] = seconds
        else:
            result["runs_s"].append(seconds)
        if preheated:
            refilled = server.wait_pool_fills(notebook, fills_before, POOL_REFILL_TIMEOUT_S)
    result.update(summary(result["runs_s"]))
    if keep_last:
        result["context"], result["page"] = context, page
    return result


def navigation_from_start(browser: Browser, server: BenchServer, notebook: str, ready_js: str,
                          runs: int, log: Log, query: str = "") -> dict:
    """``runs`` timed navigations from the start page to ``notebook``, in one browser.

    The path a participant takes: the start page is open (its scripts and styles are in
    the browser's cache, as after the first app of the day), and the link to the app is
    followed. Each run first reopens the start page (not timed) and waits, like
    :func:`navigation_runs`, for the app's pool to be filled and settled.
    """
    preheated = server.pool_size > 0
    timeout_ms = PREHEATED_NAVIGATION_TIMEOUT_MS if preheated else COLD_NAVIGATION_TIMEOUT_MS
    context, page = new_page(browser)
    result: dict = {"runs_s": [], "pool_refilled_before": []}
    try:
        start_url, url = server.app_url(START), server.app_url(notebook) + query
        if preheated and server.pool_fills(notebook) == 0:
            server.wait_pool_fills(notebook, 0, POOL_REFILL_TIMEOUT_S)
        refilled = True
        for index in range(runs):
            page.goto(start_url, wait_until="commit")
            page.wait_for_function(PICKER_READY_JS, polling="raf",
                                   timeout=COLD_NAVIGATION_TIMEOUT_MS)
            fills_before = server.pool_fills(notebook)
            time.sleep(POOL_SETTLE_S if preheated else 1.0)
            started = time.perf_counter()
            page.goto(url, wait_until="commit", timeout=timeout_ms)
            page.wait_for_function(ready_js, polling="raf", timeout=timeout_ms)
            seconds = time.perf_counter() - started
            result["runs_s"].append(seconds)
            log(f"{notebook} from the start page ({'preheated' if preheated else 'cold'}), "
                f"run {index + 1}/{runs}: {seconds:.2f} s"
                + ("" if refilled else " (pool was NOT refilled in time)"))
            if preheated:
                result["pool_refilled_before"].append(refilled)
                refilled = server.wait_pool_fills(notebook, fills_before,
                                                  POOL_REFILL_TIMEOUT_S)
    finally:
        close(context)
    result.update(summary(result["runs_s"]))
    return result


def create_team(page: Page, prefix: str) -> str:
    """Create a team through the picker (a new name each time) and wait until it is chosen."""
    name = f"{prefix} {uuid.uuid4().hex[:6]}"
    page.get_by_placeholder("New team name").fill(name)
    page.get_by_role("button", name="Create team").click()
    try:
        # (Option labels have their spaces made non-breaking; the value is the name itself.)
        page.wait_for_function(
            "(name) => document.querySelector('.sp-team-picker select')?.value === name",
            arg=name, timeout=UI_TIMEOUT_MS)
    except PlaywrightTimeout:
        errors = page.locator(".sp-team-picker .sp-msg-error")
        shown = errors.first.inner_text() if errors.count() else "no message shown"
        raise RuntimeError(f"team {name!r} was not chosen after 'Create team' ({shown})") from None
    return name


def audit_kernel_memory(server: BenchServer, page: Page, log: Log) -> dict:
    """RSS of the kernel serving ``page`` (an open audit app) once a team rated a statement."""
    kernel_id = page.evaluate(KERNEL_ID_JS)
    create_team(page, "Bench Memory")
    page.locator(".sp-statement").first.locator("button.widget-toggle-button").nth(2).click()
    # Creating the team saved revision 1; the rating's autosave is revision 2.
    page.locator(".sp-status").filter(has_text=re.compile(r"revision 2\b")).wait_for(
        state="visible", timeout=UI_TIMEOUT_MS)
    time.sleep(1.0)
    samples: dict[int, list[float]] = {}
    kernels = []
    for _ in range(5):
        kernels = server.kernels()
        for kernel in kernels:
            samples.setdefault(kernel.pid, []).append(kernel.rss_mb)
        time.sleep(0.2)
    if not kernels:
        raise RuntimeError("no ipykernel process found under the server")
    serving = next((k for k in kernels if kernel_id and k.kernel_id == kernel_id), None)
    identified_by = "kernel id in the page"
    if serving is None:
        serving = max(kernels, key=lambda k: (k.cpu_s, k.start_ticks))
        identified_by = "highest CPU time (page kernel id not matched)"
    value = max(samples[serving.pid])
    log(f"audit kernel pid {serving.pid}: {value:.0f} MB RSS "
        f"(peak {serving.peak_rss_mb:.0f} MB), {len(kernels)} kernel(s) under the server")
    return {
        "rss_mb": value,
        "peak_rss_mb": serving.peak_rss_mb,
        "kernel_id": serving.kernel_id,
        "pid": serving.pid,
        "identified_by": identified_by,
        "kernels": [{**k.as_json(), "max_sampled_rss_mb": max(samples[k.pid]),
                     "serving_page": k.pid == serving.pid} for k in kernels],
    }


def planning_edit_latency(page: Page, edits: int, log: Log) -> dict:
    """p95 ms from filling the first goal's metric until its checks' text changes."""
    create_team(page, "Bench Planning")
    try:  # the app draws its parts once a team is chosen
        page.wait_for_function(GOALS_READY_JS, timeout=10_000)
    except PlaywrightTimeout:
        raise Unavailable("neither a .sp-goal nor an 'Add goal' button showed within 10 s "
                          "of creating a team") from None
    goals = page.locator(".sp-goal")
    if goals.count() == 0:
        add = page.get_by_role("button", name="Add goal")
        if add.count() == 0:
            raise Unavailable("no .sp-goal and no 'Add goal' button after creating a team")
        add.first.click()
        try:
            goals.first.wait_for(state="attached", timeout=10_000)
        except PlaywrightTimeout:
            raise Unavailable("'Add goal' did not add a .sp-goal within 10 s") from None
    goal = goals.first
    metric = goal.get_by_placeholder(METRIC_PLACEHOLDER)
    checks = goal.locator(".sp-checks")
    if metric.count() == 0:
        raise Unavailable(f"no input with placeholder {METRIC_PLACEHOLDER!r} in .sp-goal")
    if checks.count() == 0:
        raise Unavailable("no .sp-checks inside .sp-goal")
    try:
        metric.first.wait_for(state="visible", timeout=10_000)
    except PlaywrightTimeout:
        raise Unavailable("the first goal's metric input is not visible") from None

    timings_ms = []
    for index in range(edits):
        value = EDIT_VALUES[index % 2]
        before = checks.first.inner_text()
        started = time.perf_counter()
        metric.first.fill(value)
        try:
            page.wait_for_function(CHECKS_CHANGED_JS, arg=before, polling="raf",
                                   timeout=EDIT_TIMEOUT_MS)
        except PlaywrightTimeout:
            if index == 0:
                raise Unavailable(
                    f"the .sp-checks text did not change within {EDIT_TIMEOUT_MS} ms of "
                    f"filling the metric with {value!r}") from None
            raise RuntimeError(
                f"edit {index + 1}: the .sp-checks text did not change within "
                f"{EDIT_TIMEOUT_MS} ms") from None
        timings_ms.append((time.perf_counter() - started) * 1000)
        time.sleep(PAUSE_BETWEEN_EDITS_S)
    log(f"planning edits: p50 {percentile(timings_ms, 50):.0f} ms, "
        f"p95 {percentile(timings_ms, 95):.0f} ms over {edits}")
    return {
        "p50_ms": percentile(timings_ms, 50),
        "p95_ms": percentile(timings_ms, 95),
        "max_ms": max(timings_ms),
        "edits": edits,
        "values": list(EDIT_VALUES),
        "pause_between_edits_s": PAUSE_BETWEEN_EDITS_S,
        "timings_ms": timings_ms,
    }


TEAMMATE_TIMEOUT_MS = 15_000
METRIC_SHOWS_JS = """(value) => [...document.querySelectorAll('.sp-goal input')]
  .some((input) => input.value === value)"""


def teammate_edit_visible(browser: Browser, server: BenchServer, runs: int, log: Log) -> dict:
    """Seconds from a goal edit on laptop A until laptop B's planning app shows it.

    Both pages are open on one team (two browser contexts, two kernels). Timed from A's
    keystrokes to B's input holding the new value: A's autosave, B's live check and redraw.
    """
    from socialplaybook.steps.planning.section import Goal, PlanningSection
    from socialplaybook.workspace.store import Workspace

    team = f"Bench Teammates {uuid.uuid4().hex[:6]}"
    workspace = Workspace(server.db_url)
    workspace.create_team(team)
    workspace.save_section(team, "planning", PlanningSection(goals=[Goal(id="g-1")]), None)
    url = server.app_url(PLANNING) + "?team=" + team.replace(" ", "+")
    contexts, pages = [], []
    try:
        for _laptop in range(2):
            context, page = new_page(browser)
            contexts.append(context)
            pages.append(page)
            page.goto(url, timeout=PREHEATED_NAVIGATION_TIMEOUT_MS)
            page.locator(".sp-goal").first.get_by_placeholder(METRIC_PLACEHOLDER).wait_for(
                state="visible", timeout=PREHEATED_NAVIGATION_TIMEOUT_MS)
        laptop_a, laptop_b = pages
        metric_a = laptop_a.locator(".sp-goal").first.get_by_placeholder(METRIC_PLACEHOLDER)
        seconds = []
        for index in range(runs):
            value = f"qualified leads {index} {uuid.uuid4().hex[:4]}"
            started = time.perf_counter()
            metric_a.fill(value)
            laptop_b.wait_for_function(METRIC_SHOWS_JS, arg=value, polling=100,
                                       timeout=TEAMMATE_TIMEOUT_MS)
            seconds.append(time.perf_counter() - started)
            log(f"teammate edit {index + 1}/{runs}: visible after {seconds[-1]:.2f} s")
            time.sleep(0.5)
    finally:
        for context in contexts:
            close(context)
    return {**summary(seconds), "runs_s": seconds}


# -- the platforms app ----------------------------------------------------------------------

# Interactive with the team's scores shown: the picker and the score table are visible.
PLATFORMS_READY_JS = ("() => {" + _VISIBLE_JS + """
  return visible(document.querySelector('.sp-team-picker select'))
      && visible(document.querySelector('table.sp-rank'));
}""")
TABLE_CHANGED_JS = """(before) => {
  const table = document.querySelector('table.sp-rank');
  return table !== null && table.innerText !== before;
}"""
PLATFORMS_TEAM = "Bench Platforms"


def platforms_team(server: BenchServer) -> str:
    """A team with an audience, formats, capacity and two choices: a full score table.

    Returns the query that opens the app on it (the team link a facilitator hands out).
    """
    from urllib.parse import quote

    from socialplaybook.steps.platforms.section import PlatformChoice, PlatformsSection
    from socialplaybook.workspace.store import Workspace

    workspace = Workspace(server.db_url)
    if PLATFORMS_TEAM not in [t.name for t in workspace.teams()]:
        workspace.create_team(PLATFORMS_TEAM)
        section = PlatformsSection(
            region_code="US", age_bands=["30-49"], kinds=["B2C"],
            formats=["short_video", "images"], people=1, hours_per_week=10,
            choices=[PlatformChoice(id="youtube", platform="YouTube", role="primary"),
                     PlatformChoice(id="instagram", platform="Instagram")])
        _plan, revision = workspace.load_with_revision(PLATFORMS_TEAM)
        workspace.save_section(PLATFORMS_TEAM, "platforms", section, revision.number)
    return "?team=" + quote(PLATFORMS_TEAM)


def platforms_rescore_latency(page: Page, edits: int, log: Log) -> dict:
    """p95 ms from moving the 'Audience reach' weight slider until the score table's text
    changes (the kernel re-scores every platform and redraws the table).

    The slider is moved with the keyboard (one step right, then back left), as a person
    does; it sends its value on release (``continuous_update=False``).
    """
    table = page.locator("table.sp-rank")
    sliders = page.locator(".sp-card .widget-slider")
    try:
        table.wait_for(state="visible", timeout=10_000)
        sliders.first.wait_for(state="visible", timeout=10_000)
    except PlaywrightTimeout:
        raise Unavailable("no visible score table or weight slider in the platforms app") \
            from None
    label = sliders.first.locator(".widget-label").first.inner_text().strip()
    if label != "Audience reach":
        raise Unavailable(f"the first weight slider is {label!r}, not 'Audience reach'")
    handle = sliders.first.locator(".noUi-handle")
    if handle.count() == 0:
        raise Unavailable("no .noUi-handle in the weight slider (ipywidgets changed?)")
    timings_ms = []
    for index in range(edits):
        key = "ArrowRight" if index % 2 == 0 else "ArrowLeft"
        before = table.inner_text()
        handle.first.focus()
        started = time.perf_counter()
        handle.first.press(key)
        try:
            page.wait_for_function(TABLE_CHANGED_JS, arg=before, polling="raf",
                                   timeout=EDIT_TIMEOUT_MS)
        except PlaywrightTimeout:
            if index == 0:
                raise Unavailable(f"the score table did not change within {EDIT_TIMEOUT_MS} "
                                  f"ms of pressing {key} on the reach slider") from None
            raise RuntimeError(f"weight change {index + 1}: the score table did not change "
                               f"within {EDIT_TIMEOUT_MS} ms") from None
        timings_ms.append((time.perf_counter() - started) * 1000)
        time.sleep(PAUSE_BETWEEN_EDITS_S)
    log(f"platforms weight changes: p50 {percentile(timings_ms, 50):.0f} ms, "
        f"p95 {percentile(timings_ms, 95):.0f} ms over {edits}")
    return {
        "p50_ms": percentile(timings_ms, 50),
        "p95_ms": percentile(timings_ms, 95),
        "max_ms": max(timings_ms),
        "edits": edits,
        "how": "ArrowRight/ArrowLeft on the 'Audience reach' slider handle, alternating",
        "pause_between_edits_s": PAUSE_BETWEEN_EDITS_S,
        "timings_ms": timings_ms,
    }
