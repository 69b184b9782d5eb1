"""Merge and save: a planning section saved while a teammate's save came in between."""

from __future__ import annotations

import shutil
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from socialplaybook.steps.planning.section import AudienceSegment, Goal, Milestone, PlanningSection
from socialplaybook.workspace.store import Workspace
from tests.bench.stats import percentile

START = date(2027, 1, 4)


def full_section() -> PlanningSection:
    """5 goals, 5 segments and 20 milestones: the largest planning a team writes in a day."""
    return PlanningSection(
        goals=[Goal(id=f"g-{n}", business_result="leads", metric=f"qualified leads {n}",
                    baseline=40 + n, target=60 + n, deadline=date(2027, 12, 1), owner="Sales")
               for n in range(5)],
        audience=[AudienceSegment(id=f"s-{n}", name=f"Segment {n}", kind="B2B",
                                  age_bands=["30-49"], region="Bergen", needs="answers",
                                  where_they_are=["LinkedIn"]) for n in range(5)],
        milestones=[Milestone(id=f"m{n}", title=f"Step {n}", owner="Ops",
                              start=START + timedelta(days=7 * n),
                              end=START + timedelta(days=7 * n + 6),
                              depends_on=[f"m{n - 1}"] if n > 1 else []) for n in range(1, 21)],
    )


def measure_merge_save(timed_calls: int = 200) -> dict:
    """Time ``save_section`` when each save's base is one revision behind (ms)."""
    folder = Path(tempfile.mkdtemp(prefix="sp-bench-merge-"))
    try:
        laptop_a = Workspace(f"sqlite:///{folder}/workspace.sqlite")
        laptop_b = Workspace(laptop_a.url)
        laptop_a.create_team("Bench Merge")
        section = full_section()
        base = laptop_a.save_section("Bench Merge", "planning", section, None).revision.number
        timings_ms, merged = [], 0
        for n in range(timed_calls):
            theirs = section.model_copy(update={"goals": [
                goal.model_copy(update={"owner": f"Owner {n}"}) if i == n % 5 else goal
                for i, goal in enumerate(section.goals)]})
            laptop_b.save_section("Bench Merge", "planning", theirs, base)
            mine = section.model_copy(update={"milestones": [
                m.model_copy(update={"title": f"Step {n}"}) if i == n % 20 else m
                for i, m in enumerate(section.milestones)]})
            started = time.perf_counter()
            result = laptop_a.save_section("Bench Merge", "planning", mine, base)
            timings_ms.append((time.perf_counter() - started) * 1000)
            merged += result.merged
            section = result.plan.planning
            base = result.revision.number
        for workspace in (laptop_a, laptop_b):
            workspace.engine.dispose()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return {"p50_ms": percentile(timings_ms, 50), "p95_ms": percentile(timings_ms, 95),
            "max_ms": max(timings_ms), "calls": timed_calls, "merged": merged,
            "timings_ms": timings_ms}
