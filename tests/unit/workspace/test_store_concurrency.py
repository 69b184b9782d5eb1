"""Several processes (one kernel per open app) save to one SQLite workspace at the same time."""

from __future__ import annotations

import multiprocessing
import queue
import time
import traceback

import pytest
from sqlalchemy import select

from socialplaybook.plan.files import plan_from_json
from socialplaybook.steps.planning.section import Goal, PlanningSection
from socialplaybook.steps.planning.vocabulary import MAX_MILESTONES
from socialplaybook.workspace.store import Workspace
from socialplaybook.workspace.tables import revisions_table, teams_table

SAVES_PER_PROCESS = 200
WORKER_TEAMS = ("Team A", "Team A", "Team B", "Team C")
TIMEOUT_S = 90


def _save_many(url, worker, team, barrier, results) -> None:
    """Runs in a spawned process: wait for the others, then save SAVES_PER_PROCESS revisions."""
    try:
        from socialplaybook.steps.audit.section import AuditSection
        from socialplaybook.workspace.store import Workspace

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
        from socialplaybook.workspace.errors import TeamExistsError
        from socialplaybook.workspace.store import Workspace

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
            select(t.c.name, r.c.section, r.c.plan).join(t, t.c.id == r.c.team_id)).all()
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


# -- merging saves: every process edits its own items of one section -------------------------

MERGE_SAVES_PER_PROCESS = 200
MERGE_WORKERS = 4
STATEMENTS_PER_WORKER = 10
MILESTONE_EVERY = MERGE_SAVES_PER_PROCESS // (MAX_MILESTONES // MERGE_WORKERS)  # 20
MERGE_BUSY_TIMEOUT_S = 0.05  # short, as an app's: a busy save is retried by the caller


def _merge_value(worker: int, call: int) -> int:
    """What ``worker`` writes on its ``call``-th save: changes every time, 0..4."""
    return (call * 3 + worker + call // STATEMENTS_PER_WORKER) % 5


def _expected_item(worker: int, k: int) -> tuple[str, int]:
    """The statement or goal ``k`` of ``worker`` and the value of its last save."""
    last_call = max(c for c in range(MERGE_SAVES_PER_PROCESS) if c % STATEMENTS_PER_WORKER == k)
    return f"w{worker}-s{k}", _merge_value(worker, last_call)


def _new_item(worker: int, call: int) -> str:
    """The audit item ``worker`` adds on its ``call``-th save (one of 800 distinct ones)."""
    return f"w{worker}-n{call:03d}"


def _save_own_items(url, worker, section, barrier, results) -> None:
    """Runs in a spawned process: change only this worker's items, each save from the
    revision this process last saw (so other workers' saves are merged in)."""
    try:
        import random
        from datetime import date

        from socialplaybook.steps.audit.section import AuditSection
        from socialplaybook.steps.planning.section import Milestone
        from socialplaybook.workspace.errors import WorkspaceBusyError
        from socialplaybook.workspace.store import Workspace

        ws = Workspace(url, busy_timeout_seconds=MERGE_BUSY_TIMEOUT_S)
        plan, revision = ws.load_with_revision("Team M")
        base = revision.number
        rng = random.Random(worker)
        numbers, retries, merges, conflicts = [], 0, 0, []
        barrier.wait(timeout=TIMEOUT_S)
        for call in range(MERGE_SAVES_PER_PROCESS):
            item = f"w{worker}-s{call % STATEMENTS_PER_WORKER}"
            value = _merge_value(worker, call)
            if section == "audit":  # its own statement changed, and an item of its own added
                mine = AuditSection(answers={**plan.audit.answers, item: value,
                                             _new_item(worker, call): call % 5})
            else:  # the worker's own goal's target and its own RACI row, now and then a milestone
                goals = [goal.model_copy(update={"target": float(call)})
                         if goal.id == f"g-{worker}" else goal for goal in plan.planning.goals]
                activity = ("listening", "publishing", "questions", "reporting")[worker]
                department = ("marketing", "sales", "pr", "billing", "product")[call % 5]
                raci = plan.planning.raci.with_cell(activity, department, "RACI"[value % 4])
                milestones = plan.planning.milestones
                if call % MILESTONE_EVERY == 0:
                    milestones = [*milestones, Milestone(
                        id=f"w{worker}-m{call // MILESTONE_EVERY}", title=f"step {call}",
                        start=date(2027, 1, 1), end=date(2027, 1, 31))]
                mine = plan.planning.model_copy(
                    update={"goals": goals, "raci": raci, "milestones": milestones})
            attempt = 0
            while True:
                try:
                    result = ws.save_section("Team M", section, mine, base)
                    break
                except WorkspaceBusyError:
                    retries += 1
                    attempt += 1
                    time.sleep(rng.uniform(0, 0.002 * min(attempt, 10)))
            numbers.append(result.revision.number)
            merges += result.merged
            conflicts.extend(result.conflicts)
            plan, base = result.plan, result.revision.number
            if section == "audit":
                assert plan.audit.answers[item] == value, (item, plan.audit.answers)
                assert _new_item(worker, call) in plan.audit.answers
        results.put((worker, numbers, (retries, merges, [repr(c) for c in conflicts]), None))
    except BaseException:  # noqa: BLE001 - report everything to the parent
        results.put((worker, [], None, traceback.format_exc()))


@pytest.mark.parametrize("section", ["audit", "planning"])
def test_four_processes_merge_saves_of_their_own_items(tmp_path, section):
    """4 processes x 200 saves of one section, each from the revision its process last saw:
    every change is in the final plan and the revisions have no gaps.

    The saves go through ``save_section``, as the apps' do, which merges what the others
    saved meanwhile (``update_section`` replaces the section as given: processes would undo
    each other by design). In the audit every save adds an item of its own, so all 800
    distinct changes must be in the final plan. The planning section cannot hold 800 items
    (at most 5 goals, 5 segments and 40 milestones): there every save changes its worker's
    goal and a RACI cell, and every 20th adds a milestone, 40 in all, the section's limit.
    """
    url = f"sqlite:///{tmp_path}/merge.sqlite"
    ws = Workspace(url)
    ws.create_team("Team M")  # revision 1
    ws.save_section("Team M", "planning", PlanningSection(
        goals=[Goal(id=f"g-{w}", metric="leads", target=0.0) for w in range(MERGE_WORKERS)]),
        base_revision=1)  # revision 2

    started = time.monotonic()
    results = _run(_save_own_items, lambda w: (url, w, section), MERGE_WORKERS)
    elapsed = time.monotonic() - started

    assert [error for *_, error in results if error] == []
    stats = {worker: stat for worker, _, stat, _ in results}
    assert all(conflicts == [] for _, _, conflicts in stats.values()), stats
    merges = sum(stat[1] for stat in stats.values())
    retries = sum(stat[0] for stat in stats.values())
    assert merges > 0, "no save was merged: the processes did not really overlap"

    total = MERGE_WORKERS * MERGE_SAVES_PER_PROCESS
    all_numbers = []
    for _, numbers, _, _ in results:
        assert len(numbers) == MERGE_SAVES_PER_PROCESS
        assert numbers == sorted(numbers)
        all_numbers += numbers
    assert sorted(all_numbers) == list(range(3, total + 3))
    assert [r.number for r in ws.revisions("Team M")] == list(range(total + 2, 0, -1))

    final = ws.load("Team M")
    if section == "audit":
        added = {_new_item(w, c): c % 5 for w in range(MERGE_WORKERS)
                 for c in range(MERGE_SAVES_PER_PROCESS)}
        assert len(added) == total  # 800 distinct changes, every one of them kept
        assert {k: v for k, v in final.audit.answers.items() if k in added} == added
        expected = dict(_expected_item(w, k) for w in range(MERGE_WORKERS)
                        for k in range(STATEMENTS_PER_WORKER))
        assert final.audit.answers == {**expected, **added}
    else:
        last = MERGE_SAVES_PER_PROCESS - 1
        assert [(g.id, g.target) for g in final.planning.goals] == [
            (f"g-{w}", float(last)) for w in range(MERGE_WORKERS)]
        for worker, activity in enumerate(("listening", "publishing", "questions", "reporting")):
            for d, department in enumerate(("marketing", "sales", "pr", "billing", "product")):
                last_call = max(c for c in range(MERGE_SAVES_PER_PROCESS) if c % 5 == d)
                letter = "RACI"[_merge_value(worker, last_call) % 4]
                assert final.planning.raci.letter(activity, department) == letter
        milestones = {m.id for m in final.planning.milestones}
        assert milestones == {f"w{w}-m{k}" for w in range(MERGE_WORKERS)
                              for k in range(MERGE_SAVES_PER_PROCESS // MILESTONE_EVERY)}
        assert len(milestones) == MAX_MILESTONES
    print(f"{section}: {total} saves in {elapsed:.1f} s, {merges} merged, {retries} busy retries")
