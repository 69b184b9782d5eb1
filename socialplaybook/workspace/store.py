"""The workspace: teams and every saved revision of their plans, in a real database.

SQLite in the user's data folder by default (WAL, busy timeout); any SQLAlchemy database
URL from ``SOCIAL_PLAYBOOK_DB`` instead (PostgreSQL for a hub). Every save appends a
revision; nothing is updated in place. Over a long day :meth:`Workspace.thin` drops old
autosaves a person would never want back (see :mod:`socialplaybook.thinning`).
Several processes (one kernel per open app) may save at the same time. The tables are
made and changed only by the Alembic migrations in ``socialplaybook/migrations``.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from pydantic import BaseModel, ValidationError
from sqlalchemy import (
    func,
    select,
    text,
)
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError

from socialplaybook.plan.model import Plan, normalise_team_name, team_name_key, utc_now
from socialplaybook.plan.schema import SCHEMA_VERSION
from socialplaybook.rules.i18n import _
from socialplaybook.rules.section import DroppedReference
from socialplaybook.workspace.database import SQLITE_BUSY_TIMEOUT_MS, _engine, default_database_url
from socialplaybook.workspace.errors import (
    RevisionNotFoundError,
    TeamExistsError,
    TeamLockedError,
    TeamNotFoundError,
    classify_database_error,
    is_permission_denied,
    upgrade_refused,
    write_refused,
)
from socialplaybook.workspace.facilitator import TeamAdmin, locked_message
from socialplaybook.workspace.history import History, section_keys, section_restore_label
from socialplaybook.workspace.merge import Conflict, merge_section
from socialplaybook.workspace.room import Room
from socialplaybook.workspace.tables import (
    _T,
    _as_utc,
    _stored_json,
    revisions_table,
    teams_table,
)

_TEAM_WRITE_LOCKS = 7_317_002  # PostgreSQL advisory locks (this, team id) held by a team's writer


@dataclass(frozen=True)
class Revision:
    """One saved state of a team's plan."""

    number: int
    saved_at: datetime
    section: str


@dataclass(frozen=True)
class SaveResult:
    """What a section save stored: the new revision, the plan as stored, the fields a
    teammate had also changed since the save's base revision (mine was kept for those),
    and the references the merge dropped because a teammate removed what they named
    (a dependency on a milestone that is gone)."""

    revision: Revision
    plan: Plan
    conflicts: tuple[Conflict, ...] = ()
    merged: bool = False  # a teammate's save came in between and was merged with this one
    dropped: tuple[DroppedReference, ...] = ()


@dataclass(frozen=True)
class TeamSummary:
    """A team as listed: its name, when it last saved, how many revisions it has, and
    whether a facilitator locked its history."""

    name: str
    created_at: datetime
    last_saved: datetime | None
    revisions: int
    locked: bool = False


def _plan_data(payload: str) -> dict[str, Any]:
    """A stored plan as JSON-like data in the current schema (older ones are migrated)."""
    data = json.loads(payload)
    if data.get("schema_version") != SCHEMA_VERSION:
        data = Plan.model_validate(data).model_dump(mode="json")
    return data


def _dump(value: Any) -> Any:
    """A section (a model) or a plan-level value as plain JSON-like data."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    return value


# ``save_section``'s ``base_value`` when the caller does not know it (read from the base).
_UNKNOWN: Any = object()


class Workspace(TeamAdmin, History, Room):
    """All teams and their plan revisions in one database."""

    def __init__(self, url: str | None = None,
                 busy_timeout_seconds: float = SQLITE_BUSY_TIMEOUT_MS / 1000) -> None:
        """Open the workspace at ``url`` (default: :func:`default_database_url`).

        ``busy_timeout_seconds`` bounds how long one write waits for another writer's
        lock before it fails with :class:`WorkspaceBusyError`; apps use a short one and
        retry on their own, so a page never waits minutes.
        """
        self.url = url or default_database_url()
        try:
            self.engine = _engine(self.url)
        except OperationalError as exc:  # a server down, a folder that is gone
            raise classify_database_error(exc) from exc
        except ProgrammingError as exc:
            if not is_permission_denied(exc):
                raise
            raise upgrade_refused(exc) from exc
        self.busy_timeout_ms = max(1, round(busy_timeout_seconds * 1000))

    # -- teams -------------------------------------------------------------------------

    def create_team(self, name: str, currency: str = "EUR", language: str = "en") -> Plan:
        """Create a team with an empty plan (revision 1) in ``language``; return the plan."""
        plan = Plan(team=name, currency=currency, language=language)
        self._insert_team(plan, section="created")
        return plan

    def teams(self) -> list[TeamSummary]:
        """Every team, by name, with its last save time and revision count."""
        t, r = teams_table, revisions_table
        query = (
            select(t.c.name, t.c.created_at, func.max(r.c.saved_at), func.count(r.c.id),
                   t.c.locked_at)
            .select_from(t.outerjoin(r, r.c.team_id == t.c.id))
            .group_by(t.c.id, t.c.name, t.c.created_at, t.c.locked_at)
            .order_by(t.c.name_key)
        )
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        return [
            TeamSummary(name, _as_utc(created), _as_utc(last) if last else None, count,
                        locked_at is not None)
            for name, created, last, count, locked_at in rows
        ]

    def team_names(self) -> list[str]:
        """The names of every team, sorted ignoring case."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(teams_table.c.name).order_by(teams_table.c.name_key)).all()
        return [name for (name,) in rows]

    def has_team(self, name: str) -> bool:
        """Whether a team of this name (ignoring case) exists."""
        try:
            key = team_name_key(name)
        except ValueError:
            return False
        with self.engine.connect() as conn:
            return conn.execute(
                select(teams_table.c.id).where(teams_table.c.name_key == key)).first() is not None

    # -- plans and revisions ---------------------------------------------------------

    def save(self, plan: Plan, section: str) -> Revision:
        """Append the plan as the team's next revision; ``section`` says what changed."""
        payload = plan.to_json()

        def write(conn) -> Revision:
            team_id = self._team_id(conn, plan.team)
            number = conn.execute(
                select(func.coalesce(func.max(revisions_table.c.number), 0)).where(
                    revisions_table.c.team_id == team_id)
            ).scalar_one() + 1
            saved_at = utc_now()
            conn.execute(revisions_table.insert().values(
                team_id=team_id, number=number, saved_at=saved_at,
                section=section[:40], plan=payload))
            return Revision(number, saved_at, section[:40])

        return self._write(write)

    def update_section(self, team: str, section: str, value: Any) -> tuple[Revision, Plan]:
        """Replace one section of the team's latest plan and save it as the next revision.

        The latest plan is read inside the write transaction, so two apps open on the same
        team (two kernels) never undo each other's other sections.
        """

        def write(conn) -> tuple[Revision, Plan]:
            team_id = self._team_id(conn, team)
            latest = conn.execute(
                select(revisions_table.c.number, revisions_table.c.plan_json,
                       revisions_table.c.plan)
                .where(revisions_table.c.team_id == team_id)
                .order_by(revisions_table.c.number.desc())
                .limit(1)
            ).one()
            plan = Plan.model_validate_json(_stored_json(latest))
            plan = plan.model_copy(update={section: value}).touched()
            plan = Plan.model_validate(plan.model_dump())  # run the plan-wide rules
            saved_at = utc_now()
            conn.execute(revisions_table.insert().values(
                team_id=team_id, number=latest.number + 1, saved_at=saved_at,
                section=section[:40], plan=plan.to_json()))
            return Revision(latest.number + 1, saved_at, section[:40]), plan

        return self._write(write)

    def save_section(self, team: str, section: str, value: Any,
                     base_revision: int | None, base_value: Any = _UNKNOWN, *,
                     label: str | None = None) -> SaveResult:
        """Save one section (or a plan-level field such as ``currency``) of the team's plan.

        ``base_revision`` is the revision the edits started from. When the latest revision
        is newer (a teammate saved in between), the section is merged three ways (see
        :mod:`socialplaybook.merge`): both people's changes are kept, and for a field both
        changed, this save's value wins and is reported in ``conflicts``; a reference the
        merge leaves naming an item a teammate removed is dropped and reported in
        ``dropped``. The merged plan is validated before it is stored;
        ``base_revision=None`` replaces the section.

        ``base_value``: the section as it was at ``base_revision``, when the caller has it
        (an app does: it is what it loaded or stored). The merge then starts from exactly
        that even when thinning has dropped the base revision meanwhile; without it, the
        nearest older revision stands in for a dropped base. A base newer than the latest
        revision (the team was deleted and created again) is refused either way.
        ``label`` is what the revision says changed (default: ``section``).
        """
        mine = _dump(value)
        label = (label or section)[:40]

        def write(conn) -> SaveResult:
            team_id = self._team_id(conn, team)
            latest = self._latest_row(conn, team_id)
            # Stored plans are valid: read them as plain data and validate once, the result.
            data = _plan_data(_stored_json(latest))
            theirs = data.get(section)
            conflicts: list[Conflict] = []
            dropped: list[DroppedReference] = []
            merged_value = mine
            if base_revision is not None and latest.number != base_revision:
                base = self._base_of(conn, team, team_id, section, base_revision,
                                     latest.number, base_value)
                merge = merge_section(Plan.model_fields[section].annotation, base, mine, theirs)
                merged_value, conflicts, dropped = merge.value, merge.conflicts, merge.dropped
            data[section] = merged_value
            try:
                plan = Plan.model_validate(data).touched()
            except ValidationError:
                if merged_value is mine:
                    raise
                # The two edits are valid alone but not together (both added a fifth
                # goal): this save wins for the whole section, and says so.
                data[section] = mine
                plan = Plan.model_validate(data).touched()
                conflicts, dropped = [Conflict((section,), mine, theirs)], []
            saved_at = utc_now()
            number = latest.number + 1
            conn.execute(revisions_table.insert().values(
                team_id=team_id, number=number, saved_at=saved_at,
                section=label, plan=plan.to_json()))
            return SaveResult(Revision(number, saved_at, label), plan, tuple(conflicts),
                              merged=base_revision is not None
                              and latest.number != base_revision, dropped=tuple(dropped))

        return self._write(write)

    @staticmethod
    def _base_of(conn, team: str, team_id: int, section: str, base_revision: int,
                 latest_number: int, base_value: Any) -> Any:
        """The section a save started from: ``base_value`` when given, else as stored at
        ``base_revision`` (or, thinned away in a long day, the nearest older revision)."""
        base_row = None
        if 1 <= base_revision <= latest_number:
            if base_value is not _UNKNOWN:
                return _dump(base_value)
            base_row = conn.execute(
                select(revisions_table.c.plan_json, revisions_table.c.plan).where(
                    revisions_table.c.team_id == team_id,
                    revisions_table.c.number <= base_revision)
                .order_by(revisions_table.c.number.desc()).limit(1)).first()
        if base_row is None:
            raise RevisionNotFoundError(
                _("Team '{team}' has no revision {number}.").format(
                    team=team, number=base_revision))
        return _plan_data(_stored_json(base_row)).get(section)

    def latest_number(self, team: str) -> int:
        """The number of the team's newest revision: the cheap check open apps poll."""
        r = revisions_table
        with self.engine.connect() as conn:
            team_id = self._team_id(conn, team)
            return conn.execute(select(func.max(r.c.number)).where(
                r.c.team_id == team_id)).scalar_one()

    def load_with_revision(self, team: str) -> tuple[Plan, Revision]:
        """The team's latest plan and the revision it is, read together."""
        r = revisions_table
        with self.engine.connect() as conn:
            team_id = self._team_id(conn, team)
            row = conn.execute(
                select(r.c.number, r.c.saved_at, r.c.section, r.c.plan_json, r.c.plan)
                .where(r.c.team_id == team_id).order_by(r.c.number.desc()).limit(1)).one()
        return (Plan.model_validate_json(_stored_json(row)),
                Revision(row.number, _as_utc(row.saved_at), row.section))

    @staticmethod
    def _latest_row(conn, team_id: int):
        return conn.execute(
            select(revisions_table.c.number, revisions_table.c.plan_json, revisions_table.c.plan)
            .where(revisions_table.c.team_id == team_id)
            .order_by(revisions_table.c.number.desc())
            .limit(1)
        ).one()

    def load(self, team: str) -> Plan:
        """The team's latest plan."""
        with self.engine.connect() as conn:
            team_id = self._team_id(conn, team)
            row = conn.execute(
                select(revisions_table.c.plan_json, revisions_table.c.plan)
                .where(revisions_table.c.team_id == team_id)
                .order_by(revisions_table.c.number.desc())
                .limit(1)
            ).one()
        return Plan.model_validate_json(_stored_json(row))

    def latest_revision(self, team: str) -> Revision:
        """The team's newest revision."""
        return self.revisions(team, limit=1)[0]

    def revisions(self, team: str, limit: int | None = None) -> list[Revision]:
        """The team's revisions, newest first."""
        r = revisions_table
        with self.engine.connect() as conn:
            team_id = self._team_id(conn, team)
            query = (select(r.c.number, r.c.saved_at, r.c.section)
                     .where(r.c.team_id == team_id).order_by(r.c.number.desc()))
            if limit is not None:
                query = query.limit(limit)
            rows = conn.execute(query).all()
        return [Revision(number, _as_utc(saved), section) for number, saved, section in rows]

    def load_revision(self, team: str, number: int) -> Plan:
        """The team's plan as it was at revision ``number``."""
        r = revisions_table
        with self.engine.connect() as conn:
            team_id = self._team_id(conn, team)
            row = conn.execute(
                select(r.c.plan_json, r.c.plan).where(r.c.team_id == team_id,
                                                      r.c.number == number)
            ).first()
        if row is None:
            raise RevisionNotFoundError(
                _("Team '{team}' has no revision {number}.").format(team=team, number=number))
        return Plan.model_validate_json(_stored_json(row))

    def restore(self, team: str, number: int) -> Revision:
        """Make revision ``number`` the latest again, as a new revision (nothing is deleted).

        The restored revision is protected: thinning never drops it. Refused
        (:class:`TeamLockedError`) while a facilitator has locked the team's history.
        """
        if self.is_locked(team):
            raise TeamLockedError(locked_message(self.stored_name(team)))
        plan = self.load_revision(team, number)
        self.protect(team, number, "restored")
        return self.save(plan.touched(), section=f"restore {number}")

    def restore_section(self, team: str, number: int, section: str,
                        base_revision: int | None) -> SaveResult:
        """Put one section back as it was at revision ``number``, as the next revision; the
        rest of the plan stays as it is now.

        It is a save of that section (:meth:`save_section`) from ``base_revision``, the
        revision the person was looking at: a teammate's save since then is merged, not
        undone. The revision it came from is protected from thinning. The new revision
        says ``"<section> (restore <number>)"``.
        """
        if section not in section_keys():
            raise ValueError(_("'{section}' is not a section of the plan.").format(
                section=section))
        value = getattr(self.load_revision(team, number), section)
        self.protect(team, number, "restored")
        return self.save_section(team, section, value, base_revision,
                                 label=section_restore_label(section, number))

    def import_plan(self, plan: Plan, team: str | None = None) -> Revision:
        """Store an imported plan: a new team if the name is free, else its next revision."""
        if team is not None:
            plan = plan.model_copy(update={"team": normalise_team_name(team)})
        if self.has_team(plan.team):
            plan = plan.model_copy(update={"team": self.stored_name(plan.team)})
            return self.save(plan, section="import")
        return self._insert_team(plan, section="import")

    def add_team(self, plan: Plan, name: Callable[[int], str | None]) -> tuple[Plan, Revision]:
        """``plan`` as a new team created now, named ``name(n)`` for the first free n >= 1."""
        n = 0
        while (team := name(n := n + 1)) is not None:
            copy = Plan.model_validate({**plan.model_dump(), "team": team,
                                        "created_at": utc_now(), "updated_at": utc_now()})
            with contextlib.suppress(TeamExistsError):  # taken (perhaps just now): the next
                return copy, self._insert_team(copy, section="import")
        raise TeamExistsError(_("There is already a team called '{name}'.").format(name=name(1)))

    # -- internals -------------------------------------------------------------------

    def _insert_team(self, plan: Plan, section: str) -> Revision:
        def write(conn) -> Revision:
            key = team_name_key(plan.team)
            if conn.execute(select(teams_table.c.id).where(
                    teams_table.c.name_key == key)).first() is not None:
                raise TeamExistsError(
                    _("There is already a team called '{name}'.").format(name=plan.team))
            team_id = conn.execute(teams_table.insert().values(
                # SQLite keeps the wall time and drops the offset: store UTC, as everywhere.
                name=plan.team, name_key=key, created_at=plan.created_at.astimezone(timezone.utc))
            ).inserted_primary_key[0]
            saved_at = utc_now()
            conn.execute(revisions_table.insert().values(
                team_id=team_id, number=1, saved_at=saved_at, section=section,
                plan=plan.to_json()))
            return Revision(1, saved_at, section)

        try:
            return self._write(write)
        except IntegrityError:
            raise TeamExistsError(
                _("There is already a team called '{name}'.").format(name=plan.team)) from None

    def stored_name(self, team: str) -> str:
        """The team's name as it was created (``team`` may differ in case or spacing)."""
        with self.engine.connect() as conn:
            team_id = self._team_id(conn, team)
            return conn.execute(
                select(teams_table.c.name).where(teams_table.c.id == team_id)).scalar_one()

    @staticmethod
    def _team_id(conn, team: str) -> int:
        try:
            key = team_name_key(team)
        except ValueError as exc:
            raise TeamNotFoundError(str(exc)) from None
        team_id = conn.execute(
            select(teams_table.c.id).where(teams_table.c.name_key == key)).scalar_one_or_none()
        if team_id is None:
            raise TeamNotFoundError(_("There is no team called '{name}'.").format(name=team))
        if conn.get_execution_options().get("sp_write") and conn.dialect.name == "postgresql":
            # Writers of one team queue on a lock of its own until they commit (SQLite's BEGIN
            # IMMEDIATE already queues them), so two never take the same revision number. Not
            # the team's row (FOR UPDATE): PostgreSQL grants that only to a role that may
            # UPDATE, and the apps' role may only read and append (deploy/postgres-roles.sql).
            conn.execute(text("SELECT pg_advisory_xact_lock(:space, :team_id)"),
                         {"space": _TEAM_WRITE_LOCKS, "team_id": team_id})
        return team_id

    def _write(self, operation: Callable, attempts: int = 8) -> _T:
        """Run ``operation`` in one write transaction, retrying when another writer raced it.

        SQLite queues writers for up to ``busy_timeout_ms``; on PostgreSQL writers of one
        team queue on its row (``_team_id``). A race the unique constraints still catch
        (two processes creating one team at once) is an IntegrityError, retried. A
        database error becomes the :class:`WorkspaceError` that says what a person can do
        (busy, unreachable, full).
        """
        for attempt in range(attempts):
            try:
                with self.engine.execution_options(
                        sp_write=True, sp_busy_ms=self.busy_timeout_ms).begin() as conn:
                    if conn.dialect.name == "postgresql":  # SQLite: the busy timeout
                        conn.exec_driver_sql(f"SET LOCAL lock_timeout = {self.busy_timeout_ms}")
                    return operation(conn)
            except IntegrityError:
                if attempt == attempts - 1:
                    raise
                time.sleep(0.01 * (attempt + 1))
            except OperationalError as exc:
                raise classify_database_error(exc) from exc
            except ProgrammingError as exc:
                if not is_permission_denied(exc):
                    raise
                raise write_refused(exc) from exc  # the apps' role only reads and appends
        raise AssertionError("unreachable")
