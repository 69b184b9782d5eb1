"""Where the server's CPU-seconds of one page open go, stage by stage (cold kernel).

Stages, each measured on its own (CPU time, not wall time, so a loaded machine inflates
them less):

- kernel start: a bare ipykernel over IPC until it answers (jupyter_client);
- imports: ``import widgets.<app>`` and the core it pulls in, in a fresh interpreter;
- building the app: the app object and its first view, after the imports;
- Voila rendering: the server process while it answers the page's HTTP request (the kernel
  runs the notebook meanwhile: its CPU then is "kernel in Voila". serve forks its kernels
  from a template that has done the imports, so that is less than the three stages above,
  which are what a kernel started the usual way spends);
- widget messages: server and kernel from the page's HTML to the app ready in the browser
  (the websocket, every widget's state, the first ping), from a real page in Chromium.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from tests.bench import apps
from tests.bench.server import BenchServer, _descendants, _stat
from tests.processes import command_line

REPO = Path(__file__).resolve().parents[2]
APPS = {apps.AUDIT: ("widgets.audit", "MythAuditApp"),
        apps.PLATFORMS: ("widgets.platforms.app", "PlatformsApp")}
RUNS = 3

_IMPORTS = """
import resource, sys, time
start = resource.getrusage(resource.RUSAGE_SELF)
import {module}
mid = resource.getrusage(resource.RUSAGE_SELF)
from socialplaybook.workspace.store import Workspace
app = {module}.{cls}(Workspace(sys.argv[1]))
app.view if hasattr(app, "view") else None
end = resource.getrusage(resource.RUSAGE_SELF)
cpu = lambda r: r.ru_utime + r.ru_stime
print(cpu(mid) - cpu(start), cpu(end) - cpu(mid))
"""


def kernel_start_cpu_s() -> float:
    """CPU-seconds a bare ipykernel takes until it answers, over IPC as serve runs them."""
    from jupyter_client.manager import KernelManager

    manager = KernelManager(kernel_name="python3", transport="ipc")
    manager.start_kernel()
    client = manager.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=60)
        pid = manager.provisioner.process.pid
        return _stat(pid)["cpu_s"]
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def imports_and_build_cpu_s(module: str, cls: str, db_url: str) -> tuple[float, float]:
    done = subprocess.run([sys.executable, "-c", _IMPORTS.format(module=module, cls=cls),
                           db_url], capture_output=True, text=True, cwd=REPO, timeout=120,
                          check=True)
    imports_s, build_s = (float(part) for part in done.stdout.split())
    return imports_s, build_s


def server_cpu_s(server: BenchServer) -> float:
    """The Voila process's CPU-seconds (``serve`` itself only waits for it)."""
    total = 0.0
    for pid in [server.process.pid, *_descendants(server.process.pid)]:
        if "ipykernel_launcher" in command_line(pid):
            continue
        stat = _stat(pid)
        total += stat["cpu_s"] if stat is not None else 0.0
    return total


def page_open_cpu(browser, server: BenchServer, notebook: str, ready_js: str) -> dict:
    """Server CPU while the HTML is made, then server and kernel CPU until the app is ready."""
    known = {kernel.pid for kernel in server.kernels()}
    context, page = apps.new_page(browser)
    try:
        before = server_cpu_s(server)
        page.goto(server.app_url(notebook), wait_until="domcontentloaded",
                  timeout=apps.COLD_NAVIGATION_TIMEOUT_MS)
        at_html = server_cpu_s(server)
        new = [kernel for kernel in server.kernels() if kernel.pid not in known]
        kernel_at_html = sum(kernel.cpu_s for kernel in new)
        page.wait_for_function(ready_js, polling="raf", timeout=apps.UI_TIMEOUT_MS)
        time.sleep(0.5)  # the first ping's answer
        after = server_cpu_s(server)
        kernel_after = sum(_stat(kernel.pid)["cpu_s"] for kernel in new
                           if _stat(kernel.pid) is not None)
        return {"voila_render_s": at_html - before,
                "kernel_in_voila_s": kernel_at_html,
                "widget_messages_s": (after - at_html) + (kernel_after - kernel_at_html)}
    finally:
        apps.close(context)


def measure_page_cost(browser, server: BenchServer, log) -> dict:
    """Median CPU-seconds per stage for the audit and platforms apps (cold kernels)."""
    from tests.bench.stats import summary

    stages: dict[str, dict[str, list[float]]] = {}
    kernel = [kernel_start_cpu_s() for _ in range(RUNS)]
    for notebook, (module, cls) in APPS.items():
        ready = apps.AUDIT_READY_JS if notebook == apps.AUDIT else apps.PICKER_READY_JS
        found = stages.setdefault(notebook, {"kernel_start_s": kernel})
        for _ in range(RUNS):
            imports_s, build_s = imports_and_build_cpu_s(module, cls, server.db_url)
            found.setdefault("imports_s", []).append(imports_s)
            found.setdefault("build_app_s", []).append(build_s)
            opened = page_open_cpu(browser, server, notebook, ready)
            for key, value in opened.items():
                found.setdefault(key, []).append(value)
        log(f"page cost {notebook}: " + ", ".join(
            f"{key} {summary(values)['median']:.2f}" for key, values in found.items()))
    return {notebook: {key: summary(values)["median"] for key, values in found.items()}
            for notebook, found in stages.items()}
