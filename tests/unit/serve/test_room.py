"""Sizing a server for a room: the pools chosen, the memory they take, and refusals."""

import math
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialplaybook.serve.room import (
    MAX_PARTICIPANTS,
    RoomCosts,
    RoomTooBig,
    available_memory_mb,
    largest_room,
    plan_room,
    usable_cores,
)

APPS = ["00-start-here.ipynb", "01-myth-audit.ipynb", "02-planning.ipynb",
        "03-platforms.ipynb", "04-budget.ipynb", "05-kpis.ipynb"]
COSTS = RoomCosts(kernel_mb=100, pool_kernel_mb=100, server_mb=200, kernel_start_cpu_s=2.0,
                  memory_headroom=0.5)


def test_a_room_that_fits_gets_a_kernel_ready_per_participant_for_every_app():
    room = plan_room(20, APPS, available_mb=40_000, cores=2, costs=COSTS)
    assert room.pools == dict.fromkeys(APPS, 20)
    assert room.kernels == 20 + 6 * 20
    assert room.memory_mb == 140 * 100 + 200
    assert room.fill_seconds == 6 * 20 * 2.0 / 2


def test_pools_shrink_evenly_until_they_fit_the_free_memory():
    # 20 GB * 0.5 = 10,000 MB: (20 + 6p) * 100 + 200 <= 10,000 -> p = 13
    room = plan_room(20, APPS, available_mb=20_000, cores=8, costs=COSTS)
    assert set(room.pools.values()) == {13}
    assert room.memory_mb <= 20_000 * COSTS.memory_headroom
    bigger = (20 + 6 * 14) * 100 + 200
    assert bigger > 20_000 * COSTS.memory_headroom


def test_a_room_too_big_is_refused_with_what_would_fit():
    with pytest.raises(RoomTooBig) as refused:
        plan_room(40, APPS, available_mb=4_000, cores=2, costs=COSTS)
    message = str(refused.value)
    largest = largest_room(len(APPS), 4_000, COSTS)
    assert 0 < largest < 40
    assert f"--room {largest}" in message and "3.9 GB" in message
    plan_room(largest, APPS, available_mb=4_000, cores=2, costs=COSTS)  # and it does fit


def test_no_free_memory_at_all_is_refused_without_a_room_to_suggest():
    with pytest.raises(RoomTooBig, match="bigger machine"):
        plan_room(1, APPS, available_mb=0, cores=1, costs=COSTS)
    assert largest_room(len(APPS), 0, COSTS) == 0


@pytest.mark.parametrize("participants", [0, -3, MAX_PARTICIPANTS + 1, 2.5, True, "20"])
def test_a_room_size_that_is_not_a_count_of_people_is_refused(participants):
    with pytest.raises(ValueError, match="room size"):
        plan_room(participants, APPS, available_mb=40_000, cores=2, costs=COSTS)


def test_no_apps_is_refused():
    with pytest.raises(ValueError, match="no apps"):
        plan_room(5, [], available_mb=40_000, cores=2)


def test_the_description_names_pools_memory_and_start_up_time():
    room = plan_room(20, APPS, available_mb=40_000, cores=2, costs=COSTS)
    text = room.describe()
    assert text.startswith("Room of 20: 120 kernels kept ready (20 for each of 6 apps, "
                           "100 MB each) + 20 in use (100 MB each) + 200 MB for the server")
    assert "13.9 GB of the 39.1 GB free" in text
    assert "about 2 min" in text


@given(participants=st.integers(1, MAX_PARTICIPANTS),
       available=st.floats(0, 1_000_000, allow_nan=False),
       cores=st.integers(1, 64))
def test_a_chosen_room_always_fits_and_never_keeps_more_than_the_room(participants,
                                                                     available, cores):
    try:
        room = plan_room(participants, APPS, available, cores, COSTS)
    except RoomTooBig:
        smallest = max(1, math.ceil(participants / 4))
        need = (participants + smallest * len(APPS)) * 100 + 200
        assert need > available * COSTS.memory_headroom
        return
    pool = max(room.pools.values())
    assert set(room.pools.values()) == {pool}
    assert math.ceil(participants / 4) <= pool <= participants
    assert room.memory_mb <= available * COSTS.memory_headroom
    assert room.fill_seconds >= 0


def test_the_machine_reports_free_memory_and_cores():
    assert available_memory_mb() > 0
    assert usable_cores() >= 1


def test_kernels_in_use_and_waiting_in_a_pool_are_counted_at_their_own_size():
    costs = RoomCosts(kernel_mb=180, pool_kernel_mb=140, server_mb=300, memory_headroom=1.0)
    room = plan_room(10, APPS[:2], available_mb=100_000, cores=2, costs=costs)
    assert room.memory_mb == 10 * 180 + 2 * 10 * 140 + 300


def _full_pools_up_to(available_mb: float) -> int:
    """The most participants for whom every app keeps a kernel ready each."""
    most = 0
    for participants in range(1, MAX_PARTICIPANTS + 1):
        try:
            room = plan_room(participants, APPS, available_mb, cores=2)
        except RoomTooBig:
            break
        if set(room.pools.values()) == {participants}:
            most = participants
    return most


def test_the_readme_sizing_table_is_what_the_room_rule_computes():
    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text()
    rows = re.findall(r"^\| [\w-]+ (?:laptop|server), (\d+) GB \| (\d+) \| (\d+) participants \|$",
                      readme, re.MULTILINE)
    assert len(rows) == 4
    for total_gb, largest, full in rows:
        free_mb = (int(total_gb) - 2) * 1024  # "the total less 2 GB for the system"
        assert largest_room(len(APPS), free_mb) == int(largest), total_gb
        assert _full_pools_up_to(free_mb) == int(full), total_gb
