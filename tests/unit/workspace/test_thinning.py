"""The revision-thinning rule: what a long day's history keeps, and that it keeps it."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialplaybook.workspace.thinning import (
    StoredRevision,
    ThinningPolicy,
    item_paths,
    revisions_to_drop,
)

NOW = datetime(2026, 11, 27, 17, 0, tzinfo=timezone.utc)
MORNING = datetime(2026, 11, 27, 9, 0, tzinfo=timezone.utc)


def saves(*steps: tuple[float, str], start: datetime = MORNING) -> list[StoredRevision]:
    """Revisions 1, 2, … saved ``seconds`` after ``start``, in the section given."""
    return [StoredRevision(number, start + timedelta(seconds=seconds), section)
            for number, (seconds, section) in enumerate(steps, start=1)]


def test_of_autosaves_within_one_minute_the_first_and_the_last_are_kept():
    revisions = saves((0, "create"), (10, "audit"), (20, "audit"), (30, "audit"),
                      (40, "audit"), (70, "audit"), (80, "audit"), (90, "audit"),
                      (130, "audit"))
    # 9:00 holds 1 (the first) to 5 (the last); 9:01 holds 6 (the first), 7, 8 (the last)
    assert revisions_to_drop(revisions, (), NOW) == [2, 3, 4, 7]


def test_the_last_revision_of_a_section_before_the_team_moved_on_is_kept():
    revisions = saves((0, "create"), (5, "audit"), (10, "audit"), (15, "planning"),
                      (20, "planning"), (25, "audit"), (59, "audit"))
    # 3 ends the audit before planning, 5 ends planning before the audit again
    assert revisions_to_drop(revisions, (), NOW) == [2, 4, 6]


def test_the_last_hour_is_kept_whole():
    start = NOW - timedelta(minutes=30)
    revisions = saves(*[(seconds, "audit") for seconds in range(0, 600, 10)], start=start)
    assert revisions_to_drop(revisions, (), NOW) == []


def test_only_what_is_older_than_the_last_hour_is_thinned():
    start = NOW - timedelta(minutes=61)
    revisions = saves(*[(seconds, "audit") for seconds in range(0, 120, 10)], start=start)
    old = [r.number for r in revisions if r.saved_at < NOW - timedelta(hours=1)]
    dropped = revisions_to_drop(revisions, (), NOW)
    assert dropped and set(dropped) <= set(old)
    assert set(old) - set(dropped)  # the last of the old minute stays


def test_restored_or_exported_revisions_are_never_dropped():
    revisions = saves(*[(seconds, "audit") for seconds in range(0, 60, 5)])
    assert 4 in revisions_to_drop(revisions, (), NOW)
    assert 4 not in revisions_to_drop(revisions, {4, 7}, NOW)
    assert 7 not in revisions_to_drop(revisions, {4, 7}, NOW)


def test_the_first_and_the_latest_revision_always_stay():
    revisions = saves((0, "audit"), (1, "audit"), (2, "audit"))
    assert revisions_to_drop(revisions, (), NOW) == [2]
    assert revisions_to_drop(revisions[:2], (), NOW) == []
    assert revisions_to_drop([], (), NOW) == []


def test_the_policy_is_configurable():
    revisions = saves(*[(seconds, "audit") for seconds in range(0, 600, 10)])
    five_minutes = ThinningPolicy(one_per=timedelta(minutes=5))
    kept = len(revisions) - len(revisions_to_drop(revisions, (), NOW, five_minutes))
    assert kept == 4  # the first, the last of 9:00-9:05, the first of 9:05-9:10, the latest
    keep_a_day = ThinningPolicy(keep_all_for=timedelta(hours=24))
    assert revisions_to_drop(revisions, (), NOW, keep_a_day) == []


@pytest.mark.parametrize("bad", [dict(keep_all_for=timedelta(minutes=-1)),
                                 dict(one_per=timedelta(0))])
def test_a_policy_that_makes_no_sense_is_refused(bad):
    with pytest.raises(ValueError):
        ThinningPolicy(**bad)


revision_histories = st.lists(
    st.tuples(st.integers(min_value=0, max_value=400), st.sampled_from(["a", "b", "c"])),
    max_size=60,
).map(lambda gaps: saves(*[(sum(g for g, _ in gaps[:i + 1]), section)
                           for i, (_, section) in enumerate(gaps)]))


def items_lookup(revisions, item_sets):
    """``items_of`` over revisions holding ``item_sets`` (one per revision, in order)."""
    held = {r.number: item_sets[i % len(item_sets)] for i, r in enumerate(revisions)}

    def items_of(numbers):
        assert set(numbers) <= set(held)  # asked only about revisions there are
        return {number: held[number] for number in numbers}

    return held, items_of


@settings(max_examples=300, deadline=None)
@given(revisions=revision_histories, protected=st.sets(st.integers(1, 60), max_size=5),
       minutes_later=st.integers(min_value=0, max_value=600),
       item_sets=st.lists(st.frozensets(st.sampled_from("abcd")), min_size=1, max_size=60))
def test_thinning_keeps_what_it_promises_and_a_second_pass_changes_nothing(
        revisions, protected, minutes_later, item_sets):
    now = MORNING + timedelta(minutes=minutes_later)
    held, items_of = items_lookup(revisions, item_sets)
    dropped = set(revisions_to_drop(revisions, protected, now, items_of=items_of))
    kept = [r for r in revisions if r.number not in dropped]
    if revisions:
        assert revisions[0] in kept and revisions[-1] in kept
    assert not dropped & protected
    for revision in revisions:
        if revision.saved_at >= now - timedelta(hours=1):
            assert revision in kept
    # the first and the last revision of every minute
    by_minute: dict[int, list] = {}
    for revision in revisions:
        by_minute.setdefault(int(revision.saved_at.timestamp() // 60), []).append(revision)
    for same_minute in by_minute.values():
        assert same_minute[0] in kept and same_minute[-1] in kept
    # every section's visit keeps one
    sections_in_order = [r.section for i, r in enumerate(revisions)
                         if i == 0 or revisions[i - 1].section != r.section]
    kept_in_order = [r.section for i, r in enumerate(kept)
                     if i == 0 or kept[i - 1].section != r.section]
    assert kept_in_order == sections_in_order
    # every deletion: the revision before it and the one that deleted
    for before, after in pairwise(revisions):
        if held[before.number] - held[after.number]:
            assert before in kept and after in kept
    # between two kept revisions no deletion is hidden
    for before, after in pairwise(kept):
        between = [r for r in revisions if before.number <= r.number <= after.number]
        if any(held[x.number] - held[y.number] for x, y in pairwise(between)):
            assert held[before.number] - held[after.number]
    assert revisions_to_drop(kept, protected, now, items_of=items_of) == []


def test_a_deletion_keeps_the_revision_before_it_and_the_one_that_deleted():
    revisions = saves(*[(seconds, "planning") for seconds in range(0, 60, 5)])
    held = {r.number: frozenset({"planning/goals/g-1"}) for r in revisions[:6]}
    held |= {r.number: frozenset() for r in revisions[6:]}  # revision 7 deleted g-1
    asked = []

    def items_of(numbers):
        asked.append(list(numbers))
        return {number: held[number] for number in numbers}

    dropped = revisions_to_drop(revisions, (), NOW, items_of=items_of)
    assert dropped == [2, 3, 4, 5, 8, 9, 10, 11]
    assert revisions_to_drop(revisions, (), NOW) == list(range(2, 12))  # without: all go
    assert asked == [list(range(1, 13))]  # one question, for the candidates and neighbours


def test_items_are_found_by_their_keys_anywhere_in_a_plan():
    plan = {"planning": {"goals": [{"id": "g-1"}, {"id": "g-2"}],
                         "resources": [{"department": "sales", "people": 1}],
                         "raci": {"cells": {"listening": {"sales": "R"}}}},
            "budget": {"scenarios": [{"id": "lean", "inputs": {
                "platforms": [{"id": "x", "history": [{"spend": 1, "result": 2}]}]}}]}}
    assert item_paths(plan, ("id", "department")) == {
        "/planning/goals/g-1", "/planning/goals/g-2", "/planning/resources/sales",
        "/budget/scenarios/lean", "/budget/scenarios/lean/inputs/platforms/x"}
