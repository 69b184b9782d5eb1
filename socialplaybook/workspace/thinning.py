"""Which old revisions a workspace can drop over a long workshop day, and which it keeps.

Every autosave is a revision: 40 teams editing for 8 hours make gigabytes of nearly
identical plans. The rule keeps what a person could want back and drops the rest:

- every revision of the last ``keep_all_for`` (an hour by default);
- each team's first and latest revision;
- the last revision of every ``one_per`` window (a minute) of older ones;
- the last revision before the team moved on to another section (the state of a step as
  it was left);
- every revision someone restored or exported (``protected``).

The rule is applied to the revisions that are left after earlier thinning, and applying it
again changes nothing: what it keeps keeps satisfying it.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

DEFAULT_KEEP_ALL_FOR = timedelta(hours=1)
DEFAULT_ONE_PER = timedelta(minutes=1)


@dataclass(frozen=True)
class StoredRevision:
    """What the rule needs to know of a stored revision."""

    number: int
    saved_at: datetime
    section: str


@dataclass(frozen=True)
class ThinningPolicy:
    """How much history to keep: all of the last ``keep_all_for``, then one per ``one_per``."""

    keep_all_for: timedelta = DEFAULT_KEEP_ALL_FOR
    one_per: timedelta = DEFAULT_ONE_PER

    def __post_init__(self) -> None:
        if self.keep_all_for < timedelta(0):
            raise ValueError("keep_all_for must not be negative")
        if self.one_per <= timedelta(0):
            raise ValueError("one_per must be positive")


def revisions_to_drop(revisions: Sequence[StoredRevision], protected: Collection[int],
                      now: datetime, policy: ThinningPolicy = ThinningPolicy()) -> list[int]:
    """The numbers of one team's revisions the policy drops, in ascending order.

    ``revisions`` are the team's stored revisions in any order; ``protected`` the numbers
    someone restored or exported; ``now`` and every ``saved_at`` are aware datetimes.
    """
    ordered = sorted(revisions, key=lambda revision: revision.number)
    if len(ordered) <= 2:
        return []
    cutoff = now - policy.keep_all_for
    window = policy.one_per.total_seconds()
    drop = []
    for index in range(1, len(ordered) - 1):  # the first and the latest always stay
        revision, following = ordered[index], ordered[index + 1]
        if revision.saved_at >= cutoff or revision.number in protected:
            continue
        if following.section != revision.section:
            continue  # the step as the team left it
        if _window(revision.saved_at, window) != _window(following.saved_at, window):
            continue  # the last of its window
        drop.append(revision.number)
    return drop


def _window(moment: datetime, seconds: float) -> int:
    return int(moment.timestamp() // seconds)
