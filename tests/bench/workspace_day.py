"""The workspace over a workshop day: its size with every autosave kept, and thinned.

40 teams edit for 8 hours, each saving every 10 seconds (a busy team of four: every field
a person leaves is an autosave), moving to the next step every 45 minutes. The plan saved
is a full one (all audit answers, 5 goals, 5 segments, 20 milestones, six platforms, a
budget and KPIs), so each revision is as large as a real team's at the end of the day.
Revisions are written straight into the table with the simulated time (the store's own
save path is measured by the autosave bench); ``serve`` thins every 10 minutes, and so
does the simulation, with the default policy.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import select

from socialplaybook.plan.model import Plan
from socialplaybook.workspace.store import Workspace
from socialplaybook.workspace.tables import revisions_table, teams_table
from socialplaybook.workspace.thinning import ThinningPolicy

TEAMS = 40
HOURS = 8
SAVE_EVERY_S = 10
STEP_EVERY_MIN = 45
THIN_EVERY_MIN = 10
STEPS = ("audit", "planning", "platforms", "budget", "kpis")
DAY_START = datetime(2026, 11, 27, 9, 0, tzinfo=timezone.utc)


def day_plan() -> Plan:
    """The plan of a team at the end of a full workshop day."""
    from socialplaybook.datasets import load_myths
    from socialplaybook.steps.budget.section import BudgetSection, MonthlyCosts, PlatformBudget
    from socialplaybook.steps.kpis.catalog import catalog_by_id, kpi_from_catalog
    from socialplaybook.steps.kpis.section import KpisSection, RoiAssumptions
    from socialplaybook.steps.platforms.section import PlatformChoice, PlatformsSection
    from tests.bench.budget import PLATFORMS
    from tests.bench.merge import full_section

    catalog = catalog_by_id()
    return Plan(
        team="Day",
        audit={"answers": {myth.id: 3 for myth in load_myths()}},
        planning=full_section(),
        platforms=PlatformsSection(people=3, hours_per_week=40, choices=[
            PlatformChoice(id=name.lower(), platform=name) for name in PLATFORMS]),
        budget=BudgetSection(
            paid_budget=6000, hourly_staff_cost=45,
            monthly_costs=MonthlyCosts(listening_tools=120, publishing_tools=60),
            platforms=[PlatformBudget(id=name.lower(), platform=name, current_spend=500,
                                      followers=12_000, owner="Ana") for name in PLATFORMS]),
        kpis=KpisSection(
            kpis=[kpi_from_catalog(catalog[i], "g-0")
                  for i in ("leads-from-social", "social-sessions", "followers")],
            roi=RoiAssumptions(monthly_cost=1000, value_per_conversion=150,
                               conversions_per_month=5)),
    )


def database_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*")) / 2**20


def simulate_day(thin: bool, teams: int = TEAMS, hours: float = HOURS) -> dict:
    """Write a day of autosaves for ``teams``; the database's size and revisions at its end."""
    folder = Path(tempfile.mkdtemp(prefix="sp-bench-day-"))
    path = folder / "workspace.sqlite"
    try:
        workspace = Workspace(f"sqlite:///{path}")
        for n in range(teams):
            workspace.create_team(f"Team {n:02d}")
        with workspace.engine.connect() as conn:
            team_ids = conn.execute(select(teams_table.c.id)).scalars().all()
        payload = day_plan().to_json()
        numbers = dict.fromkeys(team_ids, 1)
        policy = ThinningPolicy()
        started, thin_s, thinned = time.perf_counter(), 0.0, 0
        saves_per_batch = THIN_EVERY_MIN * 60 // SAVE_EVERY_S
        batches = int(hours * 60 // THIN_EVERY_MIN)
        for batch in range(batches):
            rows = []
            for k in range(saves_per_batch):
                second = (batch * saves_per_batch + k) * SAVE_EVERY_S
                section = STEPS[int(second // (STEP_EVERY_MIN * 60)) % len(STEPS)]
                for team_id in team_ids:
                    numbers[team_id] += 1
                    rows.append({"team_id": team_id, "number": numbers[team_id],
                                 "saved_at": DAY_START + timedelta(seconds=second),
                                 "section": section, "plan": payload})
            with workspace.engine.execution_options(sp_write=True).begin() as conn:
                conn.execute(revisions_table.insert(), rows)
            if thin:
                now = DAY_START + timedelta(minutes=(batch + 1) * THIN_EVERY_MIN)
                before = time.perf_counter()
                thinned += workspace.thin(policy, now=now)
                thin_s = max(thin_s, time.perf_counter() - before)
        with workspace.engine.connect() as conn:
            stored = conn.execute(select(revisions_table.c.id)).all()
        workspace.engine.dispose()
        return {"teams": teams, "hours": hours, "revision_kb": len(payload) / 1024,
                "saves": sum(numbers.values()) - teams, "stored": len(stored),
                "dropped": thinned, "database_mb": database_mb(path),
                "slowest_thinning_s": thin_s, "took_s": time.perf_counter() - started}
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def measure_workspace_day() -> dict:
    """The day thinned, at full size, and without thinning (2 teams, scaled to 40)."""
    thinned = simulate_day(thin=True)
    kept_all = simulate_day(thin=False, teams=2)
    kept_all["database_mb_40_teams"] = kept_all["database_mb"] * TEAMS / 2
    return {"thinned": thinned, "kept_all": kept_all}


if __name__ == "__main__":
    import json

    print(json.dumps(measure_workspace_day(), indent=2))
