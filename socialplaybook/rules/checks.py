"""Checks: what every step shows beside what the team entered, each with a one-line why.

A check never refuses input (the models do that); it says what is missing or doubtful.
``level`` is "ok", "todo" (not done yet: nothing to judge), "warning" or "error".

A step's readiness is a line per part of the step (:class:`PartReadiness`): whether the
part is complete (the step's own rule: what must be filled in) and how many of its checks
warn or fail (:func:`part_readiness`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, NamedTuple

from socialplaybook.rules.i18n import _, ngettext

HOURS_IN_A_WEEK = 168

Level = Literal["ok", "todo", "warning", "error"]


@dataclass(frozen=True)
class Check:
    """The result of one rule: ``ok`` and ``level`` agree (ok <=> level "ok")."""

    key: str
    ok: bool
    level: Level
    message: str
    why: str


def ok(key: str, message: str, why: str) -> Check:
    """A rule that passes."""
    return Check(key, True, "ok", message, why)


def warning(key: str, message: str, why: str) -> Check:
    """A rule that does not pass but need not stop the team."""
    return Check(key, False, "warning", message, why)


def error(key: str, message: str, why: str) -> Check:
    """A rule broken in a way the plan cannot work with."""
    return Check(key, False, "error", message, why)


def todo(key: str, message: str, why: str) -> Check:
    """A check that cannot be judged yet because something it needs is not entered."""
    return Check(key, False, "todo", message, why)


# -- readiness --------------------------------------------------------------------------------


class PartReadiness(NamedTuple):
    """One line of a step's readiness summary: a part, whether it is complete, open warnings."""

    part: str
    complete: bool
    warnings: int


def open_problems(checks: Iterable[Check]) -> int:
    """How many checks warn or fail. A "todo" is not done yet, not wrong: it is not counted."""
    return sum(c.level in ("warning", "error") for c in checks)


def part_readiness(part: str, complete: bool, checks: Iterable[Check] = ()) -> PartReadiness:
    """A part of a step: ``complete`` by the step's rule, warnings counted from its checks."""
    return PartReadiness(part, complete, open_problems(checks))


def more_hours_than_people_have(people: int, hours: str | None = None) -> str:
    """What to say when a team enters more hours a week than ``people`` have (``hours``:
    what they entered, as shown)."""
    limit = ngettext("{n} person has at most {max} hours a week",
                     "{n} people have at most {max} hours a week between them",
                     people).format(n=people, max=HOURS_IN_A_WEEK * people)
    if hours is None:
        return _("{limit}.").format(limit=limit)
    return _("{limit}, not {hours}.").format(limit=limit, hours=hours)


def check_people_and_hours(people: int, hours_per_week: float) -> None:
    """The one rule for a team's people and the hours they give social media a week:
    hours need people, and no more hours than those people have; ValueError says why."""
    if people == 0 and hours_per_week:
        raise ValueError(_("Enter how many people first: with nobody there are no hours "
                           "to give."))
    if people and hours_per_week and hours_per_week > HOURS_IN_A_WEEK * people:
        raise ValueError(more_hours_than_people_have(people))
