"""No edit is lost in silence when a kernel stops (issue 20, finding 3): what an app still
holds is stored, or kept in the workspace's recovery folder for ``serve``, within a bounded
wait; what is lost after all is logged with its team and section. Real workspaces; the
SIGTERM cases run an app in a process of its own."""

from __future__ import annotations

import logging
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import textwrap
import threading
import weakref
from pathlib import Path

import pytest

from socialplaybook.steps.audit.section import AuditSection
from socialplaybook.workspace.recovery import (
    PendingChange,
    keep,
    pending_files,
    recover,
    recovery_folder,
)
from socialplaybook.workspace.store import Workspace
from tests.widgets.app.test_step_app import wait_for
from widgets.app import exit_saves
from widgets.audit import MythAuditApp

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture
def acme(workspace):
    workspace.create_team("Acme")
    return workspace


@pytest.fixture
def only(monkeypatch):
    """The apps the kernel's exit saves: only those the test names."""

    def register(*apps):
        monkeypatch.setattr(exit_saves, "_OPEN_APPS", weakref.WeakSet(apps))

    return register


def edited_app(workspace, answers: dict[str, int], busy_timeout_seconds: float = 0.2):
    """An audit app on Acme with ``answers`` rated and not saved yet (its delay is a minute)."""
    app = MythAuditApp(Workspace(workspace.url, busy_timeout_seconds=busy_timeout_seconds),
                       autosave_delay=60)
    app.picker.dropdown.value = "Acme"
    for statement, rating in answers.items():
        app.row(statement).rating.value = rating
    assert app.pending
    return app


class ExclusiveLock:
    """Another connection holding the SQLite workspace exclusively (no reader, no writer)."""

    def __init__(self, workspace: Workspace) -> None:
        self.connection = sqlite3.connect(workspace.url.removeprefix("sqlite:///"),
                                          isolation_level=None, check_same_thread=False)
        self.connection.execute("BEGIN EXCLUSIVE")

    def release(self) -> None:
        self.connection.execute("ROLLBACK")
        self.connection.close()


def saves_log(caplog) -> str:
    return "\n".join(r.getMessage() for r in caplog.records if r.name == "socialplaybook.saves")


def test_a_kernel_stopping_while_the_workspace_is_locked_keeps_the_change_for_serve(
        acme, only, caplog):
    app = edited_app(acme, {"no-plan": 3})
    only(app)
    lock = ExclusiveLock(acme)
    try:
        with caplog.at_level(logging.WARNING):
            exit_saves.save_everything_before_exit(seconds=1.0)
    finally:
        lock.release()
    folder = recovery_folder(acme.url)
    [kept] = pending_files(folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    change = PendingChange.from_json(kept.read_text(encoding="utf-8"))
    assert (change.team, change.section, change.base_revision) == ("Acme", "audit", 1)
    assert change.value["answers"] == {"no-plan": 3} and change.base_value == {"answers": {}}
    log = saves_log(caplog)
    assert "A change to team 'Acme' (audit) could not be stored before the kernel stopped" in log
    assert str(kept) in log
    assert acme.load("Acme").audit.answers == {}
    # serve, next time it looks: stored as a normal save from its base
    [outcome] = recover(acme)
    assert outcome.kind == "stored"
    assert acme.load("Acme").audit.answers == {"no-plan": 3}


def test_a_change_stored_as_the_kernel_stops_leaves_nothing_to_recover(acme, only, caplog):
    app = edited_app(acme, {"no-plan": 2, "vanity-kpis": 1})
    only(app)
    with caplog.at_level(logging.WARNING):
        exit_saves.save_everything_before_exit()
    assert acme.load("Acme").audit.answers == {"no-plan": 2, "vanity-kpis": 1}
    assert pending_files(recovery_folder(acme.url)) == []
    assert saves_log(caplog) == ""


def test_a_lock_released_within_the_wait_lets_the_change_land_at_exit(acme, only):
    app = edited_app(acme, {"no-plan": 1})
    only(app)
    lock = ExclusiveLock(acme)
    releaser = threading.Timer(0.5, lock.release)
    releaser.start()
    try:
        exit_saves.save_everything_before_exit(seconds=3.0)
    finally:
        releaser.join()
    assert acme.load("Acme").audit.answers == {"no-plan": 1}
    assert pending_files(recovery_folder(acme.url)) == []


def test_a_change_the_workspace_refuses_as_the_kernel_stops_is_logged_as_lost(acme, only,
                                                                              caplog):
    app = edited_app(acme, {"no-plan": 4})
    only(app)
    acme.delete_team("Acme")
    with caplog.at_level(logging.WARNING):
        exit_saves.save_everything_before_exit()
    assert pending_files(recovery_folder(acme.url)) == []
    assert ("A change to team 'Acme' (audit) was refused by the workspace as the kernel "
            "stopped and is lost: There is no team called 'Acme'.") in saves_log(caplog)


def test_a_recovery_folder_that_cannot_be_written_is_logged_with_team_and_section(
        acme, only, caplog, tmp_path):
    app = edited_app(acme, {"no-plan": 4})
    only(app)
    folder = recovery_folder(acme.url)
    folder.write_text("a file where the folder should be")
    lock = ExclusiveLock(acme)
    try:
        with caplog.at_level(logging.WARNING):
            exit_saves.save_everything_before_exit(seconds=0.5)
    finally:
        lock.release()
    log = saves_log(caplog)
    assert "A change to team 'Acme' (audit) could not be kept for recovery" in log
    assert "A change to team 'Acme' (audit) could not be stored before the kernel stopped" in log
    assert "and is lost" in log


# -- SIGTERM, as a service manager sends it to every process of the workshop -------------------

APP_PROCESS = textwrap.dedent("""
    import sys, time
    from socialplaybook.workspace.store import Workspace
    from widgets.audit import MythAuditApp

    app = MythAuditApp(Workspace(sys.argv[1], busy_timeout_seconds=0.2), autosave_delay=60)
    app.picker.dropdown.value = "Acme"
    app.row("no-plan").rating.value = 3  # not saved yet: the delay is a minute
    print("edited", flush=True)
    time.sleep(120)
""")


def app_process(workspace: Workspace) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, "-c", APP_PROCESS, workspace.url],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True, cwd=REPO)
    assert process.stdout.readline().strip() == "edited", process.stderr.read()
    return process


def test_sigterm_to_the_process_group_stores_the_pending_change_first(acme):
    process = app_process(acme)
    os.killpg(process.pid, signal.SIGTERM)
    assert process.wait(timeout=30) == -signal.SIGTERM  # it still ends as SIGTERM ends it
    assert acme.load("Acme").audit.answers == {"no-plan": 3}
    assert pending_files(recovery_folder(acme.url)) == []


def test_sigterm_while_the_workspace_is_locked_keeps_the_change_and_says_where(acme):
    process = app_process(acme)
    lock = ExclusiveLock(acme)
    try:
        os.killpg(process.pid, signal.SIGTERM)
        assert process.wait(timeout=30) == -signal.SIGTERM
    finally:
        lock.release()
    log = process.stderr.read()
    [kept] = pending_files(recovery_folder(acme.url))
    assert ("A change to team 'Acme' (audit) could not be stored before the kernel stopped"
            in log and str(kept) in log), log
    assert acme.load("Acme").audit.answers == {}
    [outcome] = recover(acme)
    assert outcome.kind == "stored" and acme.load("Acme").audit.answers == {"no-plan": 3}


def test_the_first_app_of_a_kernel_stores_what_an_earlier_kernel_kept(acme, monkeypatch,
                                                                      caplog):
    """On a hub no serve runs: the next kernel on the workspace stores a kept change."""
    keep(recovery_folder(acme.url), PendingChange(
        "Acme", "audit", 1, AuditSection(answers={"no-plan": 1}).model_dump(mode="json"),
        AuditSection().model_dump(mode="json"), True)).release()
    monkeypatch.setattr(exit_saves, "_RECOVERED_FOR", set())
    with caplog.at_level(logging.WARNING):
        MythAuditApp(Workspace(acme.url))
        assert wait_for(lambda: acme.load("Acme").audit.answers == {"no-plan": 1})
        # logged once the pass is done, just after the store
        assert wait_for(lambda: "Recovered a change to team 'Acme' (audit)" in
                        saves_log(caplog))
    assert pending_files(recovery_folder(acme.url)) == []
