"""How long a save waits when the workspace cannot take it, and what an edit costs meanwhile.

The unit and widget tests check what happens (the save is refused as busy or unreachable,
the database is told to wait the busy timeout, the edit's save runs on another thread);
how long it takes depends on the machine, so it is measured here:

- S1: a save refused on a teammate's lock, with a busy timeout of ``BUSY_TIMEOUT_S``:
  from the call to the "busy" error;
- S2: a save to a SQLite workspace whose folder is gone (the share or stick unmounted):
  from the call to the "cannot be reached" error;
- S3: opening a PostgreSQL workspace on a loopback port nothing listens on;
- S4: an edit in the audit app (a rating set, as the page's click sets it) while the
  workspace is locked, and while it cannot be reached: the time the edit takes.
"""

from __future__ import annotations

import shutil
import socket
import sqlite3
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from socialplaybook.steps.audit.section import AuditSection
from socialplaybook.workspace.errors import WorkspaceBusyError, WorkspaceUnreachableError
from socialplaybook.workspace.store import Workspace
from tests.bench.stats import percentile

BUSY_TIMEOUT_S = 0.5
RUNS = 10
EDITS = 20


def _spread(timings_s: list[float]) -> dict:
    return {"p50_s": percentile(timings_s, 50), "p95_s": percentile(timings_s, 95),
            "max_s": max(timings_s), "runs": len(timings_s), "timings_s": timings_s}


def _timed_refusal(action: Callable[[], object], error: type[Exception]) -> float:
    """Seconds until ``action`` raises ``error`` (anything else is a failed measure)."""
    started = time.perf_counter()
    try:
        action()
    except error:
        return time.perf_counter() - started
    raise AssertionError(f"expected {error.__name__}, the action succeeded")


def measure_busy_refusal(folder: Path, runs: int = RUNS) -> dict:
    """S1: a save waiting on another writer's lock, refused after its busy timeout."""
    url = f"sqlite:///{folder}/busy.sqlite"
    Workspace(url).create_team("Held")
    workspace = Workspace(url, busy_timeout_seconds=BUSY_TIMEOUT_S)
    holder = sqlite3.connect(folder / "busy.sqlite", isolation_level=None)
    timings = []
    try:
        holder.execute("BEGIN IMMEDIATE")
        for _ in range(runs):
            timings.append(_timed_refusal(
                lambda: workspace.save_section("Held", "audit",
                                               AuditSection(answers={"no-plan": 1}), 1),
                WorkspaceBusyError))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        workspace.engine.dispose()
    return {**_spread(timings), "busy_timeout_s": BUSY_TIMEOUT_S}


def measure_folder_gone(folder: Path, runs: int = RUNS) -> dict:
    """S2: a save to a workspace whose folder was unmounted."""
    share, unmounted = folder / "share", folder / "unmounted"
    share.mkdir()
    workspace = Workspace(f"sqlite:///{share}/ws.sqlite", busy_timeout_seconds=0.2)
    workspace.create_team("Acme")
    share.rename(unmounted)
    workspace.engine.dispose()  # open connections keep the moved file; new ones look for it
    try:
        timings = [_timed_refusal(
            lambda: workspace.save_section("Acme", "audit",
                                           AuditSection(answers={"no-plan": 2}), 1),
            WorkspaceUnreachableError) for _ in range(runs)]
    finally:
        unmounted.rename(share)
        workspace.engine.dispose()
    return _spread(timings)


def measure_postgres_not_there(runs: int = RUNS) -> dict:
    """S3: a PostgreSQL workspace on a loopback port nothing listens on."""
    try:
        import psycopg  # noqa: F401
    except ImportError as missing:
        raise RuntimeError("psycopg is not installed") from missing
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"postgresql+psycopg://playbook:x@127.0.0.1:{port}/workspace"
    return _spread([_timed_refusal(lambda: Workspace(url), WorkspaceUnreachableError)
                    for _ in range(runs)])


def measure_edits_while_blocked(folder: Path, edits: int = EDITS) -> dict:
    """S4: the audit app's edits while the workspace is locked, then while it is gone (ms)."""
    from widgets.audit import MythAuditApp  # the widget layer: only for this measure

    share = folder / "edits"
    share.mkdir()
    url = f"sqlite:///{share}/ws.sqlite"
    Workspace(url).create_team("Acme")
    app = MythAuditApp(Workspace(url, busy_timeout_seconds=0.2), autosave_delay=0.05)
    app.picker.dropdown.value = "Acme"
    rows = [app.row(myth_id) for myth_id in ("no-plan", "vanity-kpis")]

    def timed_edits() -> list[float]:
        timings = []
        for number in range(edits):
            rating = rows[number % 2].rating
            value = 1 + (number // 2) % 4
            if rating.value == value:
                value += 1
            started = time.perf_counter()
            rating.value = value
            timings.append((time.perf_counter() - started) * 1000)
            time.sleep(0.02)  # a person's next click, while the saves fail beside the page
        return timings

    holder = sqlite3.connect(share / "ws.sqlite", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        locked = timed_edits()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    app.flush()
    gone = folder / "edits-unmounted"
    share.rename(gone)
    app.workspace.engine.dispose()
    try:
        unreachable = timed_edits()
    finally:
        gone.rename(share)
    app.flush()
    app.workspace.engine.dispose()
    both = locked + unreachable
    return {"p50_ms": percentile(both, 50), "p95_ms": percentile(both, 95),
            "max_ms": max(both), "locked_p95_ms": percentile(locked, 95),
            "unreachable_p95_ms": percentile(unreachable, 95), "edits": len(both),
            "timings_ms": both}


def measure_store_waits() -> dict[str, dict]:
    """S1, S2 and S4 (S3 needs psycopg: ``measure_postgres_not_there``)."""
    folder = Path(tempfile.mkdtemp(prefix="sp-bench-waits-"))
    try:
        return {"busy": measure_busy_refusal(folder),
                "folder_gone": measure_folder_gone(folder),
                "edits": measure_edits_while_blocked(folder)}
    finally:
        shutil.rmtree(folder, ignore_errors=True)
