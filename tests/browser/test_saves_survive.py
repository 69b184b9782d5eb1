"""No edit is lost in silence (issue 20, finding 3), against a real `social-playbook serve`:
a kernel culled while the workspace is locked, SIGTERM to every process of the workshop (as
systemd stops a service), and kill -9 of the server. What was shown as saved is there; what
was pending is kept in the workspace's recovery folder and stored by serve, with its team
and section in the log.

The workspace is locked by an exclusive SQLite transaction held by this test, so the change
made on the page is certainly pending ("Not saved") when the kernel is made to stop.
"""

from __future__ import annotations

import os
import re
import signal
import sqlite3
from pathlib import Path

import pytest
from playwright.sync_api import expect

from socialplaybook.workspace.recovery import PendingChange, pending_files, recovery_folder
from socialplaybook.workspace.store import Workspace
from tests.browser.conftest import Server
from tests.browser.test_serve import kernels_of, wait_until
from tests.processes import descendants

pytestmark = pytest.mark.browser

TEAM = "Harbour Café"
APP_TIMEOUT_MS = 60_000
KEPT_LINE = f"A change to team '{TEAM}' (audit) could not be stored before the kernel stopped"
RECOVERED_LINE = f"Recovered a change to team '{TEAM}' (audit)"


class ExclusiveLock:
    """Another connection holding the workspace: no save gets through until released."""

    def __init__(self, server: Server) -> None:
        self.connection = sqlite3.connect(server.db_url.removeprefix("sqlite:///"),
                                          isolation_level=None)
        self.connection.execute("BEGIN EXCLUSIVE")

    def release(self) -> None:
        if self.connection is not None:
            self.connection.execute("ROLLBACK")
            self.connection.close()
            self.connection = None


def open_audit(context, server: Server):
    page = context.new_page()
    page.goto(server.app_url("01-myth-audit.ipynb") + "?team=Harbour+Caf%C3%A9")
    expect(page.locator(".sp-status")).to_contain_text("Saved · revision 1",
                                                       timeout=APP_TIMEOUT_MS)
    return page


def rate(page, index: int, label: str) -> None:
    page.locator(".sp-statement").nth(index).get_by_role("button", name=label,
                                                         exact=True).click()


def pending_change_while_locked(page, server: Server) -> ExclusiveLock:
    """Rate the second statement "Partly" while the workspace is locked: "Not saved"."""
    lock = ExclusiveLock(server)
    rate(page, 1, "Partly")
    expect(page.locator(".sp-status")).to_contain_text("Not saved", timeout=15_000)
    expect(page.locator(".sp-status")).to_contain_text("busy")
    return lock


def kept_changes(server: Server) -> list[PendingChange]:
    folder = recovery_folder(server.db_url)
    return [PendingChange.from_json(path.read_text(encoding="utf-8"))
            for path in pending_files(folder)]


def assert_kept_for_recovery(server: Server, log: str) -> None:
    [change] = kept_changes(server)
    assert (change.team, change.section) == (TEAM, "audit")
    assert 2 in change.value["answers"].values()  # "Partly"
    folder = recovery_folder(server.db_url)
    assert folder.stat().st_mode & 0o777 == 0o700
    assert all(path.stat().st_mode & 0o777 == 0o600 for path in pending_files(folder))
    assert KEPT_LINE in log, log[-3000:]


def ratings(server: Server) -> list[int]:
    """The team's stored ratings, sorted (which statement each is for does not matter)."""
    return sorted(Workspace(server.db_url).load(TEAM).audit.answers.values())


def processes_gone(pids: list[int]) -> bool:
    return not any(Path(f"/proc/{pid}").exists() for pid in pids)


@pytest.fixture
def workshop(tmp_path):
    Workspace(f"sqlite:///{tmp_path}/workspace.sqlite").create_team(TEAM)
    servers: list[Server] = []
    locks: list[ExclusiveLock] = []
    yield tmp_path, servers, locks
    for lock in locks:
        lock.release()
    for server in servers:
        server.stop()


def test_a_kernel_culled_while_the_workspace_is_locked_keeps_the_change_and_serve_stores_it(
        workshop, browser):
    tmp_path, servers, locks = workshop
    server = Server(tmp_path, pool_size=0, extra_args=("--cull-idle-minutes", "0.1"))
    servers.append(server)
    context = browser.new_context()
    page = open_audit(context, server)
    locks.append(pending_change_while_locked(page, server))
    page.evaluate("navigator.sendBeacon = () => true")  # the close beacon gets lost
    context.close()
    wait_until(lambda: not kernels_of(server), 60, "the idle kernel to be culled")
    assert "Culling" in server.log_text()
    assert_kept_for_recovery(server, server.log_text())
    assert ratings(server) == []
    locks[0].release()
    # serve looks for kept changes every 30 s while it runs
    wait_until(lambda: RECOVERED_LINE in server.log_text(), 45, "serve to store the change")
    assert ratings(server) == [2]
    assert kept_changes(server) == []


def test_sigterm_to_every_process_of_the_workshop_keeps_the_pending_change(workshop, browser):
    """systemd stops a service by sending SIGTERM to every process in it at once (kernels
    included: they run in sessions of their own, so a signal to serve's group misses them)."""
    tmp_path, servers, locks = workshop
    server = Server(tmp_path, pool_size=0)
    servers.append(server)
    context = browser.new_context()
    page = open_audit(context, server)
    rate(page, 0, "Mostly")
    expect(page.locator(".sp-status")).to_have_text(re.compile(r"Saved · revision 2"))
    locks.append(pending_change_while_locked(page, server))
    everything = [server.process.pid, *descendants(server.process.pid)]
    assert kernels_of(server)
    for pid in everything:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    server.process.wait(timeout=60)
    wait_until(lambda: processes_gone(everything), 30, "the workshop's processes to stop")
    context.close()
    log = server.log_text()
    assert_kept_for_recovery(server, log)
    locks[0].release()
    assert ratings(server) == [3]  # what was shown as saved

    restarted = Server(tmp_path, pool_size=0)  # the next start stores the kept change
    servers.append(restarted)
    assert RECOVERED_LINE in restarted.log_text()
    assert ratings(server) == [2, 3]
    assert kept_changes(server) == []


def test_kill_9_of_the_server_keeps_what_was_saved_and_the_pending_change(workshop, browser):
    tmp_path, servers, locks = workshop
    server = Server(tmp_path, pool_size=0)
    servers.append(server)
    context = browser.new_context()
    page = open_audit(context, server)
    rate(page, 0, "Mostly")
    expect(page.locator(".sp-status")).to_have_text(re.compile(r"Saved · revision 2"))
    locks.append(pending_change_while_locked(page, server))
    kernels = kernels_of(server)
    assert kernels
    os.killpg(server.process.pid, signal.SIGKILL)  # serve, Voila and the kernel template
    server.process.wait(timeout=30)
    # each kernel notices its server is gone (within a second), saves or keeps what it
    # holds, and stops
    wait_until(lambda: processes_gone(kernels), 30, "the kernels to stop")
    context.close()
    assert_kept_for_recovery(server, server.log_text())
    locks[0].release()
    assert ratings(server) == [3]  # what was shown as saved

    restarted = Server(tmp_path, pool_size=0)
    servers.append(restarted)
    assert RECOVERED_LINE in restarted.log_text()
    assert ratings(server) == [2, 3]
    assert kept_changes(server) == []
