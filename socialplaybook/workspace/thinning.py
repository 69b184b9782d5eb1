"""Which old revisions a workspace can drop over a long workshop day, and which it keeps.

Every autosave is a revision: 40 teams editing for 8 hours make gigabytes of nearly
identical plans. The rule keeps what a person could want back and drops the rest:

- every revision of the last ``keep_all_for`` (an hour by default);
- each team's first and latest revision;
- the first and the last revision of every ``one_per`` window (a minute) of older ones;
- the last revision before the team moved on to another section (the state of a step as
  it was left);
- around every deletion of an item (a goal, a segment, a milestone, a KPI, a platform
  choice...): the revision before it, which still holds the item as it was last edited,
  and the revision that deleted it (so the pair stays side by side, see below);
- every revision someone restored or exported (``protected``).

The rule is applied to the revisions that are left after earlier thinning, and applying it
again changes nothing: what it keeps keeps satisfying it. (Between two revisions kept
after a pass, every dropped one held all the items of the one before it, so no deletion
is hidden between them; and a deletion's pair is kept whole, so the next pass still sees
the item disappear there, even if a later revision brings back an item of the same id.)
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

DEFAULT_KEEP_ALL_FOR = timedelta(hours=1)
DEFAULT_ONE_PER = timedelta(minutes=1)

# The items each of some revisions holds (numbers -> item paths), asked only for the
# revisions the time rules would drop, and their neighbours.
ItemsOf = Callable[[Sequence[int]], Mapping[int, frozenset[str]]]


@dataclass(frozen=True)
class StoredRevision:
    """What the rule needs to know of a stored revision."""

    number: int
    saved_at: datetime
    section: str


@dataclass(frozen=True)
class ThinningPolicy:
    """How much history to keep: all of the last ``keep_all_for``, then the first and the
    last of each ``one_per``."""

    keep_all_for: timedelta = DEFAULT_KEEP_ALL_FOR
    one_per: timedelta = DEFAULT_ONE_PER

    def __post_init__(self) -> None:
        if self.keep_all_for < timedelta(0):
            raise ValueError("keep_all_for must not be negative")
        if self.one_per <= timedelta(0):
            raise ValueError("one_per must be positive")


def revisions_to_drop(revisions: Sequence[StoredRevision], protected: Collection[int],
                      now: datetime, policy: ThinningPolicy = ThinningPolicy(),
                      items_of: ItemsOf | None = None) -> list[int]:
    """The numbers of one team's revisions the policy drops, in ascending order.

    ``revisions`` are the team's stored revisions in any order; ``protected`` the numbers
    someone restored or exported; ``now`` and every ``saved_at`` are aware datetimes.
    ``items_of`` tells which items revisions hold (:func:`item_paths` of their plans); None
    keeps no revision for a deletion.
    """
    ordered = sorted(revisions, key=lambda revision: revision.number)
    if len(ordered) <= 2:
        return []
    cutoff = now - policy.keep_all_for
    window = policy.one_per.total_seconds()
    candidates = []
    for index in range(1, len(ordered) - 1):  # the first and the latest always stay
        before, revision, following = ordered[index - 1:index + 2]
        if revision.saved_at >= cutoff or revision.number in protected:
            continue
        if following.section != revision.section:
            continue  # the step as the team left it
        moment = _window(revision.saved_at, window)
        if moment != _window(following.saved_at, window):
            continue  # the last of its window
        if moment != _window(before.saved_at, window):
            continue  # the first of its window
        candidates.append(index)
    if items_of is None or not candidates:
        return [ordered[index].number for index in candidates]
    needed = sorted({ordered[i].number for index in candidates
                     for i in (index - 1, index, index + 1)})
    items = items_of(needed)
    return [ordered[index].number for index in candidates
            if not _deletes(items, ordered[index - 1].number, ordered[index].number)
            and not _deletes(items, ordered[index].number, ordered[index + 1].number)]


def _deletes(items: Mapping[int, frozenset[str]], before: int, after: int) -> bool:
    """Whether revision ``after`` lacks an item revision ``before`` held."""
    return bool(items.get(before, frozenset()) - items.get(after, frozenset()))


def _window(moment: datetime, seconds: float) -> int:
    return int(moment.timestamp() // seconds)


def item_paths(plan: Any, item_keys: Iterable[str]) -> frozenset[str]:
    """The items a plan (JSON-like data) holds, each as the path to it through its key:
    ``planning/goals/g-1``, ``budget/scenarios/lean/inputs/platforms/tiktok``.

    An item is a dict in a list whose dicts all carry one of ``item_keys`` (a section's
    keys, as the merge matches items: ``rules.section.item_keys``).
    """
    keys = tuple(item_keys)
    found: set[str] = set()
    stack: list[tuple[Any, str]] = [(plan, "")]
    while stack:
        value, path = stack.pop()
        if isinstance(value, dict):
            stack.extend((item, f"{path}/{name}") for name, item in value.items())
        elif isinstance(value, list) and value and all(isinstance(i, dict) for i in value):
            key = next((k for k in keys if all(k in item for item in value)), None)
            for index, item in enumerate(value):
                item_path = f"{path}/{item[key]}" if key else f"{path}/{index}"
                if key:
                    found.add(item_path)
                stack.append((item, item_path))
    return frozenset(found)
