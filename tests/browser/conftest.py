"""A real `social-playbook serve` on a free loopback port, and Debian's Chromium to drive it."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SERVER_START_TIMEOUT_S = 90


def pytest_collection_modifyitems(config, items):
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("CI"):
        raise pytest.UsageError(f"{CHROMIUM} is missing: the browser tests need Debian's chromium")
    skip = pytest.mark.skip(reason=f"{CHROMIUM} not installed (apt-get install chromium)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _ignore_interrupts() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGQUIT, signal.SIG_IGN)


class Server:
    """A workshop server in its own process group, with its own workspace."""

    def __init__(self, tmp: Path, pool_size: int = 1, extra_args: tuple[str, ...] = (),
                 probe_path: str = "/", background: bool = False) -> None:
        """``background``: started as a script's ``serve &`` is, ignoring SIGINT and SIGQUIT."""
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.db_url = f"sqlite:///{tmp}/workspace.sqlite"
        self.log = open(tmp / "server.log", "w")
        env = {**os.environ, "SOCIAL_PLAYBOOK_DB": self.db_url}
        cli = shutil.which("social-playbook", path=str(Path(sys.executable).parent))
        self.process = subprocess.Popen(
            [cli, "serve", "--port", str(self.port), "--pool-size", str(pool_size),
             *extra_args],
            env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True,
            preexec_fn=_ignore_interrupts if background else None)
        self._wait_until_up(probe_path)

    def log_text(self) -> str:
        return Path(self.log.name).read_text(errors="replace")

    def _wait_until_up(self, probe_path: str) -> None:
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {Path(self.log.name).read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(self.url + probe_path, timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError("server did not answer within the time limit")

    def app_url(self, notebook: str) -> str:
        return f"{self.url}/voila/render/{notebook}"

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self.log.close()


def notebook_of(*cells: dict) -> dict:
    """A notebook of ``cells`` (see ``markdown_cell``, ``code_cell``), for a test's server."""
    return {"cells": list(cells),
            "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                        "language": "python"}},
            "nbformat": 4, "nbformat_minor": 5}


def markdown_cell(source: str) -> dict:
    return {"cell_type": "markdown", "metadata": {}, "source": source}


def code_cell(source: str) -> dict:
    return {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
            "source": source}


def workshop_notebooks_and(folder: Path, extra: dict[str, dict]) -> Path:
    """``folder`` with the workshop's own notebooks and the ``extra`` ones (name -> notebook)."""
    import json

    from socialplaybook.datasets import notebooks_dir

    for path in notebooks_dir().glob("*.ipynb"):
        shutil.copy(path, folder)
    for name, content in extra.items():
        (folder / name).write_text(json.dumps(content), encoding="utf-8")
    return folder


# What tornado or the server log when a page reloads or closes while the server writes to
# its websocket: the write found it closed. Nothing went wrong; the page went away.
PAGE_WENT_AWAY = ("tornado.websocket.WebSocketClosedError",
                  "tornado.iostream.StreamClosedError")
# jupyter_server's answer to a reloaded page's websocket reaching a kernel that its own
# tab-close beacon had just shut down (the handler has no connection left); rendering the
# 500 page then fails too, as Voila's server has no such template. The page reconnects to
# its new kernel; nothing of the app went wrong.
KERNEL_ALREADY_GONE = "AttributeError: 'NoneType' object has no attribute 'kernel_ws_protocol'"
# ipykernel stopping (a reloaded page's tab-close beacon shut it down) while a control
# message was being dispatched: the coroutine is collected after the kernel's event loop
# closed, and Python's "never awaited" warning cannot be written ("Exception ignored").
# The kernel was stopping anyway; no app was on it any more (seen once in a fresh-clone CI
# run of the two-laptop test, whose app checks had passed).
KERNEL_STOPPING = ("Exception ignored in: <coroutine object Kernel.dispatch_control",
                   "RuntimeError: Event loop is closed")
_BLOCK_START = ("Traceback (most recent call last):", "Task exception was never retrieved",
                "Exception in callback ")
_CHAINED = ("During handling of the above exception", "The above exception was the direct")


def logged_errors(text: str) -> list[str]:
    """The tracebacks in a server log (each with the line that introduced it), except those
    that only say a page went away while the server wrote to it (``PAGE_WENT_AWAY``),
    reached a kernel its reload had shut down (``KERNEL_ALREADY_GONE``) or met a kernel
    stopping (``KERNEL_STOPPING``)."""
    lines = text.splitlines()
    errors, i = [], 0
    while i < len(lines):
        if not lines[i].startswith(_BLOCK_START):
            i += 1
            continue
        introduced_by = lines[i - 1] if i else ""
        block = [lines[i]]
        i += 1
        while i < len(lines):
            line = lines[i]
            if line.startswith((" ", "future: <Task", "handle: <", *_BLOCK_START, *_CHAINED)) \
                    or not line:
                block.append(line)
                i += 1
                continue
            block.append(line)  # the exception that ends a traceback
            i += 1
            chained = (i + 1 < len(lines) and not lines[i]
                       and lines[i + 1].startswith(_CHAINED))
            if not chained:
                break
        kernel_stopping = (introduced_by.startswith(KERNEL_STOPPING[0])
                           and block[-1] == KERNEL_STOPPING[1])
        if not (block[-1].startswith(PAGE_WENT_AWAY) or KERNEL_ALREADY_GONE in block
                or kernel_stopping):
            errors.append("\n".join(block))
    return errors


def assert_no_kernel_error_logged(server: Server, since: int) -> None:
    """Nothing went wrong in a kernel or the server since offset ``since`` of the server's log.

    Kernel-level errors (a comm message that fails, a crashed kernel) reach this log, and
    so does an exception inside a widget callback:
    ``widgets.page.kernel.report_errors_to_server_log`` (set up by every app's frame) writes
    its traceback to the kernel's stderr, which is this log, as "[social-playbook kernel]
    Traceback (an app callback failed)". Voila shows the page none of them, so this log,
    not the page, is where a test looks for them. Tornado's note that a page went away while
    the server wrote to it is not an error and is left out.
    """
    written = server.log_text()[since:]
    errors = logged_errors(written)
    assert errors == [], "\n\n".join(errors)[-4000:]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    server = Server(tmp_path_factory.mktemp("server"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import expect, sync_playwright

    # A cold kernel on a busy 2-core machine can take several seconds to answer a click.
    expect.set_options(timeout=15_000)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.console_lines = []
    page.on("console", lambda message: page.console_lines.append(
        f"{message.type}: {message.text[:300]}"))
    yield page
    context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """On a failure, attach the end of the server's log: what Voila and the kernels said."""
    outcome = yield
    report = outcome.get_result()
    server = item.funcargs.get("server") if hasattr(item, "funcargs") else None
    if report.failed and isinstance(server, Server):
        report.sections.append(("server log (end)", server.log_text()[-6000:]))
    page = item.funcargs.get("page") if hasattr(item, "funcargs") else None
    if report.failed and page is not None:
        report.sections.append(("browser console", "\n".join(page.console_lines[-60:])))
