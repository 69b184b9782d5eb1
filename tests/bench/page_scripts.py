"""The scripts the apps' pages load, which the page template preloads from its head.

Voila's page finds the scripts it needs one wave at a time (each one it runs asks for
the next) and, on a cold kernel, only once the notebook has run. The template asks for
all of them at once instead, from the list in ``socialplaybook.serve.voila_app.PAGE_SCRIPTS_FILE``.
That list is made here, by opening every app in Chromium on a server started without it
(the file is moved aside while the server starts) and writing down each script asked for:

    .venv/bin/python -m tests.bench.page_scripts          # says whether the list is current
    .venv/bin/python -m tests.bench.page_scripts --write  # makes it again

Make it again after a change of Voila, ipywidgets or anywidget (``make lock``): the list
names the versions it was made for, and with others installed nothing is preloaded
(``voila_server.page_scripts``); ``tests/unit/test_page_scripts.py`` fails until it is.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import quote, urlsplit

from playwright.sync_api import Browser, Request, sync_playwright

from socialplaybook.serve.voila_app import PAGE_SCRIPTS_FILE, installed_page_versions
from tests.bench import apps, budget, engagement, exports, kpis
from tests.bench.server import CHROMIUM, CHROMIUM_ARGS, BenchServer

MAIN_SCRIPT = "voila/static/voila.js"
QUIET_S = 2.0  # a page that has asked for no new script this long has them all
SETTLE_TIMEOUT_S = 15.0
READY_TIMEOUT_MS = 60_000


def app_links(server: BenchServer) -> list[tuple[str, str, str]]:
    """Every app as a participant opens it: (notebook, query, JavaScript true once ready)."""
    from socialplaybook.workspace.store import Workspace

    team = f"Scripts {uuid.uuid4().hex[:6]}"
    Workspace(server.db_url).create_team(team)
    link = "?team=" + quote(team)
    return [
        (apps.START, "", apps.PICKER_READY_JS),
        (apps.AUDIT, link, apps.AUDIT_READY_JS),
        (apps.PLANNING, link, apps.GOALS_READY_JS),
        (apps.PLATFORMS, apps.platforms_team(server), apps.PLATFORMS_READY_JS),
        (budget.BUDGET, budget.budget_team(server), budget.BUDGET_READY_JS),
        (kpis.KPIS, kpis.kpis_team(server), kpis.KPIS_READY_JS),
        (engagement.ENGAGEMENT, engagement.engagement_team(server),
         engagement.ENGAGEMENT_READY_JS),
        (exports.PLAYBOOK, link, exports.PLAYBOOK_READY_JS),
    ]


def script_path(url: str, server: BenchServer) -> str | None:
    """``url`` relative to the server's base URL, if it is one of Voila's page scripts."""
    if not url.startswith(server.url + "/"):
        return None
    parts = urlsplit(url)
    path = parts.path.lstrip("/") + (f"?{parts.query}" if parts.query else "")
    if path == MAIN_SCRIPT or path.startswith(("voila/static/", "voila/labextensions/")):
        return path
    return None


def scripts_of(browser: Browser, server: BenchServer, notebook: str, query: str,
               ready_js: str) -> list[str]:
    """The scripts one app's page asks for, in order (those it preloads first)."""
    context = browser.new_context(viewport=apps.VIEWPORT)
    asked: list[str] = []
    last_asked = [time.monotonic()]

    def on_request(request: Request) -> None:
        path = script_path(request.url, server) if request.resource_type == "script" else None
        if path is not None and path not in asked:
            asked.append(path)
            last_asked[0] = time.monotonic()

    try:
        page = context.new_page()
        page.on("request", on_request)
        page.goto(server.app_url(notebook) + query, wait_until="commit")
        page.wait_for_function(ready_js, polling=100, timeout=READY_TIMEOUT_MS)
        deadline = time.monotonic() + SETTLE_TIMEOUT_S
        while time.monotonic() - last_asked[0] < QUIET_S and time.monotonic() < deadline:
            page.wait_for_timeout(200)
    finally:
        context.close()
    return asked


def extension_names(scripts: list[str]) -> list[str]:
    """The JupyterLab extensions whose scripts are in ``scripts`` (``@scope/name`` or ``name``)."""
    names = []
    for script in scripts:
        if not script.startswith("voila/labextensions/"):
            continue
        parts = script.removeprefix("voila/labextensions/").split("/")
        name = "/".join(parts[:2]) if parts[0].startswith("@") else parts[0]
        if name not in names:
            names.append(name)
    return names


def page_script_list(browser: Browser, server: BenchServer) -> dict:
    """Every app's scripts, Voila's own first (needed before the extensions), as
    ``{"made_with": versions, "scripts": [...]}``."""
    seen: list[str] = []
    for notebook, query, ready_js in app_links(server):
        for script in scripts_of(browser, server, notebook, query, ready_js):
            if script not in seen:
                seen.append(script)
    voila = [s for s in seen if not s.startswith("voila/labextensions/")]
    voila.sort(key=lambda s: s != MAIN_SCRIPT)  # stable: the main script, then wave order
    extensions = [s for s in seen if s.startswith("voila/labextensions/")]
    return {"made_with": installed_page_versions(extension_names(extensions)),
            "scripts": voila + extensions}


def server_without_list(folder: Path) -> BenchServer:
    """A server whose pages preload nothing: the list is moved aside while it starts (the
    server reads it once, when it starts)."""
    aside = PAGE_SCRIPTS_FILE.with_suffix(".json.aside")
    moved = PAGE_SCRIPTS_FILE.exists()
    if moved:
        PAGE_SCRIPTS_FILE.rename(aside)
    try:
        return BenchServer(folder, pool_size=0)
    finally:
        if moved:
            aside.rename(PAGE_SCRIPTS_FILE)


def listed() -> dict | None:
    try:
        return json.loads(PAGE_SCRIPTS_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def main(argv: list[str]) -> int:
    write = "--write" in argv
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        server = server_without_list(Path(folder))
        try:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            made = page_script_list(browser, server)
            browser.close()
        finally:
            server.stop()
    current = listed()
    if current == made:
        print(f"{PAGE_SCRIPTS_FILE.name} is current: {len(made['scripts'])} scripts.")
        return 0
    old = set(current["scripts"]) if current else set()
    new = set(made["scripts"])
    print(f"{PAGE_SCRIPTS_FILE.name}: {len(new - old)} scripts to add, {len(old - new)} to "
          f"drop, made for {made['made_with']}.")
    if write:
        PAGE_SCRIPTS_FILE.write_text(json.dumps(made, indent=1) + "\n", encoding="utf-8")
        print(f"written: {PAGE_SCRIPTS_FILE}")
        return 0
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
