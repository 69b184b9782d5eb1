"""Several processes (one kernel per open app) save to one SQLite workspace at the same time."""

from __future__ import annotations

import multiprocessing
import queue
import time
import traceback

import pytest
from sqlalchemy import select

from socialplaybook.plan import plan_from_json
from socialplaybook.store import Workspace, revisions_table, teams_table

SAVES_PER_PROCESS = 200
WORKER_TEAMS = ("Team A", "Team A", "Team B", "Team C")
TIMEOUT_S = 90


def _save_many(url, worker, team, barrier, results) -> None:
    """Runs in a spawned process: wait for the others, then save SAVES_PER_PROCESS revisions."""
    try:
        from socialplaybook.plan import AuditSection
        from socialplaybook.store import Workspace

        ws = Workspace(url)
        plan = ws.load(team)
        barrier.wait(timeout=TIMEOUT_S)
        numbers = []
        for i in range(SAVES_PER_PROCESS):
            # every save is recognisable afterwards: which worker, which save
            answers = {f"worker-{worker}": i % 5, f"save-{i}": 0}
            plan = plan.touched().model_copy(update={"audit": AuditSection(answers=answers)})
            numbers.append(ws.save(plan, section=f"w{worker}").number)
        results.put((worker, numbers, None))
    except BaseException:  # noqa: BLE001 - report everything to the parent
        results.put((worker, [], traceback.format_exc()))


def _create_same_team(url, worker, barrier, results) -> None:
    """Runs in a spawned process: open a brand-new workspace file and create one shared team."""
    try:
        barrier.wait(timeout=TIMEOUT_S)
        from socialplaybook.store import TeamExistsError, Workspace

        try:
            Workspace(url).create_team("Race")
            results.put((worker, "created"))
        except TeamExistsError:
            results.put((worker, "exists"))
    except BaseException:  # noqa: BLE001 - report everything to the parent
        results.put((worker, traceback.format_exc()))


def _run(target, args_for_worker, n_workers: int) -> list[tuple]:
    """Start n spawned processes that meet at a barrier; collect one result from each."""
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(n_workers)
    results = ctx.Queue()
    processes = [
        ctx.Process(target=target, args=(*args_for_worker(worker), barrier, results))
        for worker in range(n_workers)
    ]
    for process in processes:
        process.start()
    collected = []
    try:
        deadline = time.monotonic() + TIMEOUT_S
        while len(collected) < n_workers:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                pytest.fail(f"only {len(collected)} of {n_workers} processes reported in time")
            try:
                collected.append(results.get(timeout=remaining))
            except queue.Empty:
                continue
        for process in processes:
            process.join(timeout=TIMEOUT_S)
            assert process.exitcode == 0
    finally:
        for process in processes:
            if process.is_alive():
                process.terminate()
                process.join(timeout=5)
    return sorted(collected, key=lambda result: result[0])


def test_four_processes_save_at_once(tmp_path):
    url = f"sqlite:///{tmp_path}/shared.sqlite"
    ws = Workspace(url)
    for team in sorted(set(WORKER_TEAMS)):
        ws.create_team(team)  # revision 1 of every team

    results = _run(_save_many, lambda w: (url, w, WORKER_TEAMS[w]), len(WORKER_TEAMS))

    errors = [error for _, _, error in results if error]
    assert errors == []
    numbers = {worker: numbers for worker, numbers, _ in results}
    for worker_numbers in numbers.values():
        assert len(worker_numbers) == SAVES_PER_PROCESS
        assert worker_numbers == sorted(worker_numbers)  # each process saw its saves in order
    # the two processes on team A got disjoint numbers that together fill 2..401
    team_a = numbers[0] + numbers[1]
    assert sorted(team_a) == list(range(2, 2 * SAVES_PER_PROCESS + 2))
    assert numbers[2] == list(range(2, SAVES_PER_PROCESS + 2))
    assert numbers[3] == list(range(2, SAVES_PER_PROCESS + 2))

    expected = {"Team A": 2 * SAVES_PER_PROCESS + 1, "Team B": SAVES_PER_PROCESS + 1,
                "Team C": SAVES_PER_PROCESS + 1}
    assert {t.name: t.revisions for t in ws.teams()} == expected
    for team, count in expected.items():
        assert [r.number for r in ws.revisions(team)] == list(range(count, 0, -1))

    t, r = teams_table, revisions_table
    with ws.engine.connect() as conn:
        rows = conn.execute(
            select(t.c.name, r.c.section, r.c.plan_json).join(t, t.c.id == r.c.team_id)).all()
    assert len(rows) == 4 * SAVES_PER_PROCESS + 3
    worker_rows = [row for row in rows if row.section != "created"]
    assert len(worker_rows) == 4 * SAVES_PER_PROCESS
    seen = set()
    for name, section, payload in worker_rows:
        plan = plan_from_json(payload)  # every saved plan loads
        assert plan.team == name
        worker = int(section.removeprefix("w"))
        assert WORKER_TEAMS[worker] == name
        [save] = [key for key in plan.audit.answers if key.startswith("save-")]
        seen.add((worker, int(save.removeprefix("save-"))))
    assert seen == {(w, i) for w in range(4) for i in range(SAVES_PER_PROCESS)}


def test_four_processes_create_the_same_team_in_a_new_file(tmp_path):
    url = f"sqlite:///{tmp_path}/fresh.sqlite"  # no schema yet: every process creates it
    results = _run(_create_same_team, lambda w: (url, w), 4)
    outcomes = sorted(outcome for _, outcome in results)
    assert outcomes == ["created", "exists", "exists", "exists"], outcomes
    ws = Workspace(url)
    assert [(t.name, t.revisions) for t in ws.teams()] == [("Race", 1)]
