"""Checks: what every step shows beside what the team entered, each with a one-line why.

A check never refuses input (the models do that); it says what is missing or doubtful.
``level`` is "ok", "todo" (not done yet: nothing to judge), "warning" or "error".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

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
