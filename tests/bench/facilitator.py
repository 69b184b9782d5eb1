"""The facilitator's view of a room of 40 teams: how long a refresh takes.

Every team holds a full day's plan (``workspace_day.day_plan``, each with its own goal
metrics, so no team's checks are another's). Measured in-process on a SQLite workspace,
through the view's own ``refresh`` (what its live check runs, without the kernel's loop):

- the view opened on the room: every team's plan read and its row computed;
- a refresh after every team saved once since the last (one step's section each, as a
  room does when the facilitator says "now the KPIs"): 40 plans read again;
- a refresh when nothing changed: the one query of every team's latest revision.
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from pathlib import Path

from tests.bench.stats import percentile

TEAMS = 40
RUNS = 5
QUIET_RUNS = 50


def room_of(workspace, teams: int = TEAMS) -> list[str]:
    """``teams`` teams with a full day's plan each; their names."""
    from tests.bench.workspace_day import day_plan

    base = day_plan()
    names = []
    for n in range(teams):
        goals = [goal.model_copy(update={"metric": f"{goal.metric} ({n})"})
                 for goal in base.planning.goals]
        plan = base.model_copy(update={
            "team": f"Team {n:02d}",
            "planning": base.planning.model_copy(update={"goals": goals})})
        workspace.import_plan(plan)
        names.append(plan.team)
    return names


def measure_room_refresh(teams: int = TEAMS, runs: int = RUNS) -> dict:
    """Seconds the view takes to open on the room, to refresh after every team saved, and
    to refresh when nothing changed."""
    from socialplaybook.serve.roles import hash_facilitator_token
    from socialplaybook.workspace.store import Workspace
    from widgets.facilitator.app import FacilitatorApp

    folder = Path(tempfile.mkdtemp(prefix="sp-bench-room-"))
    try:
        workspace = Workspace(f"sqlite:///{folder}/room.sqlite")
        names = room_of(workspace, teams)
        view = FacilitatorApp(workspace, key_hash=hash_facilitator_token("k", iterations=1),
                              live_check_seconds=0)
        started = time.perf_counter()
        view.unlock("k")  # builds the view and reads the room
        opened_s = time.perf_counter() - started
        assert len(view.rows) == teams

        after_saves = []
        for run in range(runs):
            for name in names:
                plan = workspace.load(name)
                kpis = plan.kpis.model_copy(update={"kpis": plan.kpis.kpis[:1 + run % 3]})
                workspace.save_section(name, "kpis", kpis, None)
            read_before = view.plans_read
            started = time.perf_counter()
            assert view.refresh()
            after_saves.append(time.perf_counter() - started)
            assert view.plans_read - read_before == teams

        quiet = []
        for _ in range(QUIET_RUNS):
            started = time.perf_counter()
            assert not view.refresh()
            quiet.append(time.perf_counter() - started)
        return {
            "teams": teams,
            "opened_s": opened_s,
            "after_every_team_saved_s": after_saves,
            "after_every_team_saved_median_s": statistics.median(after_saves),
            "after_every_team_saved_max_s": max(after_saves),
            "nothing_changed_p95_ms": percentile([q * 1000 for q in quiet], 95),
        }
    finally:
        shutil.rmtree(folder, ignore_errors=True)
