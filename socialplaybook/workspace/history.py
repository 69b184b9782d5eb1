"""A long day's history in the workspace: what each revision changed, revisions kept
through thinning, and thinning.

A revision's ``section`` says what its save changed: a section's key ("planning"), a
plan-level setting ("currency"), or the whole plan ("created", "import", "restore 12");
a section put back from an old revision says ``"planning (restore 12)"``
(:func:`revision_change` reads them all). The rule of what is kept is
:mod:`socialplaybook.workspace.thinning`; this applies it to the stored revisions, one team
at a time. :class:`History` is a part of :class:`~socialplaybook.workspace.store.Workspace`
(it uses the store's ``_write`` and ``_team_id``).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sqlalchemy import select

from socialplaybook.plan.model import Plan, utc_now
from socialplaybook.rules.i18n import _
from socialplaybook.rules.section import item_keys
from socialplaybook.workspace.errors import RevisionNotFoundError
from socialplaybook.workspace.tables import (
    _as_utc,
    _stored_json,
    protected_revisions_table,
    revisions_table,
    teams_table,
)
from socialplaybook.workspace.thinning import (
    StoredRevision,
    ThinningPolicy,
    item_paths,
    revisions_to_drop,
)

_WHOLE_PLAN_RESTORE = re.compile(r"^restore (\d+)$")
_SECTION_RESTORE = re.compile(r"^(\S+) \(restore (\d+)\)$")


class _Saved(Protocol):
    number: int
    section: str


@dataclass(frozen=True)
class Change:
    """What one revision changed: ``section`` (a section's key or a plan-level setting such
    as "currency"; None for the whole plan), and the revision it restored, if any."""

    section: str | None
    restored_from: int | None = None


def section_keys() -> tuple[str, ...]:
    """The plan's sections, in workshop order."""
    return tuple(name for name in Plan.model_fields if name not in _PLAN_LEVEL_FIELDS)


_PLAN_LEVEL_FIELDS = frozenset({"schema_version", "team", "currency", "locale", "language",
                                "created_at", "updated_at"})


def section_restore_label(section: str, number: int) -> str:
    """What a revision that put ``section`` back from revision ``number`` says it changed."""
    return f"{section} (restore {number})"


def revision_change(label: str) -> Change:
    """What a revision whose ``section`` column says ``label`` changed."""
    whole = _WHOLE_PLAN_RESTORE.match(label)
    if whole:
        return Change(None, int(whole[1]))
    one = _SECTION_RESTORE.match(label)
    if one:
        return Change(one[1], int(one[2]))
    if label in ("created", "import"):
        return Change(None)
    return Change(label)


def last_changes(revisions: Iterable[_Saved],
                 sections: Sequence[str] | None = None) -> dict[str, _Saved]:
    """For each section, the newest of ``revisions`` that changed it (a whole-plan one,
    such as an import or a restore, changes every section); a section no revision changed
    since the team was created is not in the result."""
    sections = section_keys() if sections is None else sections
    found: dict[str, _Saved] = {}
    for revision in sorted(revisions, key=lambda r: r.number, reverse=True):
        change = revision_change(revision.section)
        for key in sections if change.section is None else (change.section,):
            if key in sections and key not in found:
                found[key] = revision
        if len(found) == len(sections):
            break
    return found


@functools.lru_cache(maxsize=1)
def _plan_item_keys() -> tuple[str, ...]:
    """The fields that key list items anywhere in a plan (what thinning finds items by)."""
    return item_keys(Plan)


class History:
    """Protecting revisions and thinning the others (a part of the Workspace)."""

    def protect(self, team: str, number: int, reason: str) -> None:
        """Keep revision ``number`` through every thinning; ``reason``: restored, exported."""
        p = protected_revisions_table

        def write(conn) -> None:
            team_id = self._team_id(conn, team)
            exists = conn.execute(select(revisions_table.c.id).where(
                revisions_table.c.team_id == team_id,
                revisions_table.c.number == number)).first()
            if exists is None:
                raise RevisionNotFoundError(
                    _("Team '{team}' has no revision {number}.").format(team=team, number=number))
            already = conn.execute(select(p.c.number).where(
                p.c.team_id == team_id, p.c.number == number,
                p.c.reason == reason[:20])).first()
            if already is None:
                conn.execute(p.insert().values(team_id=team_id, number=number,
                                               reason=reason[:20], protected_at=utc_now()))

        self._write(write)

    def protected(self, team: str) -> dict[int, set[str]]:
        """The team's protected revision numbers and why each is kept."""
        p = protected_revisions_table
        with self.engine.connect() as conn:
            team_id = self._team_id(conn, team)
            rows = conn.execute(select(p.c.number, p.c.reason).where(p.c.team_id == team_id))
            found: dict[int, set[str]] = {}
            for number, reason in rows:
                found.setdefault(number, set()).add(reason)
        return found

    def thin(self, policy: ThinningPolicy | None = None, now: datetime | None = None) -> int:
        """Drop old revisions the policy does not keep (:mod:`socialplaybook.thinning`).

        One team at a time, each in its own short write transaction, so apps saving
        meanwhile wait at most one team's thinning. A team whose history a facilitator
        locked keeps every revision. Returns how many revisions went.
        """
        policy, now = policy or ThinningPolicy(), now or utc_now()
        with self.engine.connect() as conn:
            team_ids = conn.execute(select(teams_table.c.id).where(
                teams_table.c.locked_at.is_(None))).scalars().all()
        return sum(self._thin_team(team_id, policy, now) for team_id in team_ids)

    def _thin_team(self, team_id: int, policy: ThinningPolicy, now: datetime) -> int:
        r, p = revisions_table, protected_revisions_table
        held: dict[int, frozenset[str]] = {}  # revision number -> the items its plan holds

        def to_drop(conn) -> list[int]:
            if conn.execute(select(teams_table.c.locked_at).where(
                    teams_table.c.id == team_id)).scalar() is not None:
                return []  # locked since the list of teams was read
            rows = conn.execute(select(r.c.number, r.c.saved_at, r.c.section)
                                .where(r.c.team_id == team_id)).all()
            protected = set(conn.execute(select(p.c.number).where(p.c.team_id == team_id))
                            .scalars())

            def items_of(numbers) -> dict[int, frozenset[str]]:
                missing = [number for number in numbers if number not in held]
                for start in range(0, len(missing), 500):  # bounded IN lists
                    for row in conn.execute(
                            select(r.c.number, r.c.plan_json, r.c.plan).where(
                                r.c.team_id == team_id,
                                r.c.number.in_(missing[start:start + 500]))):
                        held[row.number] = item_paths(json.loads(_stored_json(row)),
                                                      _plan_item_keys())
                return {number: held.get(number, frozenset()) for number in numbers}

            return revisions_to_drop(
                [StoredRevision(number, _as_utc(saved_at), section)
                 for number, saved_at, section in rows], protected, now, policy, items_of)

        # The plans are read (and their items found) before the write transaction, so
        # saves of the team wait only for the rule and the delete. A revision's plan never
        # changes, so what was read stays true; the rule runs again on what is there then.
        with self.engine.connect() as conn:
            if not to_drop(conn):
                return 0

        def write(conn) -> int:
            drop = to_drop(conn)
            for start in range(0, len(drop), 500):  # bounded IN lists
                conn.execute(r.delete().where(r.c.team_id == team_id,
                                              r.c.number.in_(drop[start:start + 500])))
            return len(drop)

        return self._write(write)
