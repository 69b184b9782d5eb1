"""What only a facilitator does to a team: lock its history, unlock it, delete the team.

Participants work on teams through the apps, which only read and append. A facilitator,
from the command line, can *lock* a team's history: thinning leaves every one of its
revisions alone and nothing is restored over it, while saves still append. Deleting a team
(refused while it is locked) is the only thing besides thinning that removes revisions.

On PostgreSQL these run as the database's owner: the apps' role may not UPDATE or DELETE
(deploy/postgres-roles.sql), so they fail there with the message that says so.
:class:`TeamAdmin` is a part of :class:`~socialplaybook.workspace.store.Workspace` (it uses
the store's ``_write`` and ``_team_id``).
"""

from __future__ import annotations

from sqlalchemy import delete, func, select, update

from socialplaybook.plan.model import utc_now
from socialplaybook.rules.i18n import _
from socialplaybook.workspace.errors import TeamLockedError
from socialplaybook.workspace.tables import (
    protected_revisions_table,
    revisions_table,
    teams_table,
)


def locked_message(team: str) -> str:
    """Why a locked team's history cannot be changed, and how to unlock it."""
    return _("The history of team '{team}' is locked by the facilitator; unlock it first "
             "(social-playbook unlock \"{team}\").").format(team=team)


class TeamAdmin:
    """Locking, unlocking and deleting teams (a part of the Workspace)."""

    def lock(self, team: str) -> bool:
        """Lock the team's history; False when it already was."""
        return self._set_locked(team, locked=True)

    def unlock(self, team: str) -> bool:
        """Unlock the team's history; False when it was not locked."""
        return self._set_locked(team, locked=False)

    def is_locked(self, team: str) -> bool:
        """Whether a facilitator locked the team's history."""
        with self.engine.connect() as conn:
            team_id = self._team_id(conn, team)
            return _locked(conn, team_id)

    def delete_team(self, team: str) -> int:
        """Delete the team and every revision of it; returns how many revisions went.

        Refused (:class:`TeamLockedError`) while the team's history is locked.
        """
        r, p, t = revisions_table, protected_revisions_table, teams_table

        def write(conn) -> int:
            team_id = self._team_id(conn, team)
            if _locked(conn, team_id):
                raise TeamLockedError(locked_message(self._name_of(conn, team_id)))
            count = conn.execute(select(func.count(r.c.id)).where(
                r.c.team_id == team_id)).scalar_one()
            conn.execute(delete(p).where(p.c.team_id == team_id))
            conn.execute(delete(r).where(r.c.team_id == team_id))
            conn.execute(delete(t).where(t.c.id == team_id))
            return count

        return self._write(write)

    def _set_locked(self, team: str, locked: bool) -> bool:
        t = teams_table

        def write(conn) -> bool:
            team_id = self._team_id(conn, team)
            if _locked(conn, team_id) == locked:
                return False
            conn.execute(update(t).where(t.c.id == team_id).values(
                locked_at=utc_now() if locked else None))
            return True

        return self._write(write)

    @staticmethod
    def _name_of(conn, team_id: int) -> str:
        return conn.execute(select(teams_table.c.name).where(
            teams_table.c.id == team_id)).scalar_one()


def _locked(conn, team_id: int) -> bool:
    return conn.execute(select(teams_table.c.locked_at).where(
        teams_table.c.id == team_id)).scalar_one() is not None
