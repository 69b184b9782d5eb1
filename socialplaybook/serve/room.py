"""Sizing one workshop server for a room: how many kernels to keep ready, and whether it fits.

A participant who opens an app gets a kernel that has already run it (Voila's preheated
pool) or waits for one to be forked and run it, and under a rush the waits queue up
behind each other (the README's "Sizing a room" has the measurements). When a
facilitator says "now everybody open the budget app", the whole room asks for the same
app within seconds, so ``serve --room N`` keeps up to N kernels ready for every app: each
page gets a kernel that already ran its app, and the pool refills behind them.

Kernels cost memory even when idle, so the pools shrink (evenly, not below a quarter of
the room) until the participants' kernels, the pools and the server fit in the memory
the machine has free, with headroom; below that the room is refused with what would fit.
The costs are our measurements (``make bench``), stated in ``RoomCosts``.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from pathlib import Path

from socialplaybook.rules.i18n import _

MAX_PARTICIPANTS = 500


@dataclass(frozen=True)
class RoomCosts:
    """What one page and the server cost, as measured on the apps (``make bench``)."""

    # Measured on 2026-12-02 (2 cores, tests/bench/load.py, a room of 20 at the rush's
    # peak, 109 kernels): kernels are forked from serve's kernel template and share its
    # pages, so what one takes is its PSS (/proc/PID/smaps_rollup: shared pages split
    # among the processes sharing them), median 87 MB, at most 99 MB with a team open
    # (RSS, counting the shared pages in each, 146-156 MB); the server with the template
    # 318 MB PSS, 485 MB RSS (420 and 637 after 200 pages opened and closed). Filling 102
    # pool kernels took 122 s on 2 cores. The costs below keep a margin over these; if
    # the template fails and kernels start the usual way, each takes its whole RSS.
    kernel_mb: float = 120.0
    pool_kernel_mb: float = 100.0
    server_mb: float = 650.0
    kernel_start_cpu_s: float = 2.5
    memory_headroom: float = 0.8  # use at most this share of the free memory


@dataclass(frozen=True)
class RoomPlan:
    """The pools chosen for a room, and what they cost."""

    participants: int
    pools: dict[str, int] = field(default_factory=dict)
    memory_mb: float = 0.0
    available_mb: float = 0.0
    fill_seconds: float = 0.0
    fits: bool = True
    costs: RoomCosts = RoomCosts()

    @property
    def kernels(self) -> int:
        """Kernels alive when every participant has an app open and every pool is full."""
        return self.participants + sum(self.pools.values())

    def describe(self) -> str:
        """What ``serve --room`` prints: the pools, the memory and the start-up time."""
        sizes = sorted(set(self.pools.values()))
        per_app = (str(sizes[0]) if len(sizes) == 1
                   else ", ".join(f"{name}: {size}" for name, size in self.pools.items()))
        return _(
            "Room of {n}: {ready} kernels kept ready ({per_app} for each of {apps} apps, "
            "{pool_mb:.0f} MB each) + {n} in use ({kernel_mb:.0f} MB each) + "
            "{server_mb:.0f} MB for the server = {need:.1f} GB of the {free:.1f} GB free. "
            "Filling the pools takes about {fill} on this machine; pages opened before "
            "that wait for a kernel."
        ).format(n=self.participants, ready=sum(self.pools.values()), per_app=per_app,
                 apps=len(self.pools), pool_mb=self.costs.pool_kernel_mb,
                 kernel_mb=self.costs.kernel_mb, server_mb=self.costs.server_mb,
                 need=self.memory_mb / 1024, free=self.available_mb / 1024,
                 fill=_duration(self.fill_seconds))


class RoomTooBig(ValueError):
    """The machine cannot hold the room; the message says what would fit."""


def plan_room(participants: int, notebooks: list[str], available_mb: float, cores: int,
              costs: RoomCosts | None = None) -> RoomPlan:
    """The largest even pools (at most ``participants`` per notebook) that fit in memory.

    Raises RoomTooBig when even pools of a quarter of the room do not fit, naming the
    largest room that does.
    """
    costs = costs or RoomCosts()
    if isinstance(participants, bool) or not isinstance(participants, int):
        raise ValueError(_("The room size must be a whole number of participants."))
    if not 1 <= participants <= MAX_PARTICIPANTS:
        raise ValueError(_("The room size must be from 1 to {max} participants.").format(
            max=MAX_PARTICIPANTS))
    if not notebooks:
        raise ValueError(_("There are no apps to serve."))
    budget_mb = max(0.0, available_mb) * costs.memory_headroom
    smallest = max(1, math.ceil(participants / 4))
    for pool in range(participants, smallest - 1, -1):
        memory = _memory_mb(participants, pool, len(notebooks), costs)
        if memory <= budget_mb:
            return RoomPlan(
                participants=participants, pools=dict.fromkeys(notebooks, pool),
                memory_mb=memory, available_mb=available_mb,
                fill_seconds=pool * len(notebooks) * costs.kernel_start_cpu_s / max(1, cores),
                costs=costs)
    largest = largest_room(len(notebooks), available_mb, costs)
    raise RoomTooBig(_(
        "This machine has {free:.1f} GB of memory free; a room of {n} needs at least "
        "{need:.1f} GB ({kernels} kernels of {kernel_mb:.0f} MB at most, and the server). "
        "{advice}"
    ).format(free=available_mb / 1024, n=participants,
             need=_memory_mb(participants, smallest, len(notebooks), costs) / 1024
             / costs.memory_headroom,
             kernels=participants + smallest * len(notebooks), kernel_mb=costs.kernel_mb,
             advice=(_("Use --room {m} here, or a machine with more memory.").format(m=largest)
                     if largest else _("Free some memory or use a bigger machine."))))


def largest_room(apps: int, available_mb: float, costs: RoomCosts | None = None) -> int:
    """The most participants this much free memory holds (pools of a quarter of the room)."""
    costs = costs or RoomCosts()
    budget_mb = max(0.0, available_mb) * costs.memory_headroom
    room = 0
    for participants in range(1, MAX_PARTICIPANTS + 1):
        pool = max(1, math.ceil(participants / 4))
        if _memory_mb(participants, pool, apps, costs) > budget_mb:
            break
        room = participants
    return room


def available_memory_mb() -> float:
    """Memory the machine can give without swapping (MemAvailable), in MB."""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (ValueError, OSError, AttributeError):
        return 0.0


def usable_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _memory_mb(participants: int, pool: int, apps: int, costs: RoomCosts) -> float:
    return (participants * costs.kernel_mb + pool * apps * costs.pool_kernel_mb
            + costs.server_mb)


def _duration(seconds: float) -> str:
    if seconds < 90:
        return _("{n} s").format(n=max(1, round(seconds)))
    return _("{n} min").format(n=round(seconds / 60))
