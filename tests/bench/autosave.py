"""Autosave latency: ``Workspace.update_section`` on a team that already has many revisions."""

from __future__ import annotations

import random
import shutil
import tempfile
import time
from pathlib import Path

from socialplaybook.datasets import load_myths
from socialplaybook.steps.audit.section import RATING_MAX, RATING_MIN, AuditSection
from socialplaybook.workspace.store import Workspace
from tests.bench.stats import percentile


def random_answers(rng: random.Random, statement_ids: list[str]) -> dict[str, int]:
    """Some statements rated, as a team part-way through the audit."""
    chosen = rng.sample(statement_ids, rng.randint(1, len(statement_ids)))
    return {sid: rng.randint(RATING_MIN, RATING_MAX) for sid in chosen}


def measure_autosave(stored_revisions: int = 1000, timed_calls: int = 200,
                     seed: int = 20240601) -> dict:
    """Store ``stored_revisions`` audit revisions, then time ``timed_calls`` autosaves (ms)."""
    rng = random.Random(seed)
    statement_ids = [myth.id for myth in load_myths()]
    folder = Path(tempfile.mkdtemp(prefix="sp-bench-autosave-"))
    try:
        workspace = Workspace(f"sqlite:///{folder}/workspace.sqlite")
        plan = workspace.create_team("Bench Autosave")
        started = time.perf_counter()
        for _ in range(stored_revisions):
            plan = plan.model_copy(
                update={"audit": AuditSection(answers=random_answers(rng, statement_ids))})
            workspace.save(plan, "audit")
        setup_s = time.perf_counter() - started

        timings_ms = []
        for _ in range(timed_calls):
            section = AuditSection(answers=random_answers(rng, statement_ids))
            started = time.perf_counter()
            workspace.update_section(plan.team, "audit", section)
            timings_ms.append((time.perf_counter() - started) * 1000)
        revisions = workspace.latest_revision(plan.team).number
        workspace.engine.dispose()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return {
        "p50_ms": percentile(timings_ms, 50),
        "p95_ms": percentile(timings_ms, 95),
        "max_ms": max(timings_ms),
        "calls": timed_calls,
        "revisions_before": stored_revisions + 1,  # revision 1 is the team's creation
        "revisions_after": revisions,
        "setup_s": setup_s,
        "timings_ms": timings_ms,
    }
