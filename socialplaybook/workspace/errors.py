"""What can go wrong with the workspace, in words for a person."""

from __future__ import annotations

from sqlalchemy.exc import OperationalError

from socialplaybook.rules.i18n import _


class WorkspaceError(ValueError):
    """Something asked of the workspace that cannot be done; the message says why."""


class WorkspaceBusyError(WorkspaceError):
    """Another save holds the database longer than this one may wait; try again soon."""


class WorkspaceUnreachableError(WorkspaceError):
    """The database cannot be opened or reached (file missing, server down)."""


class WorkspaceFullError(WorkspaceError):
    """The disk holding the database is full."""


def classify_database_error(exc: OperationalError) -> WorkspaceError:
    """The workspace error a person can act on, for a database's OperationalError."""
    text = str(getattr(exc, "orig", exc)).lower()
    if "locked" in text or "busy" in text or "lock timeout" in text:
        return WorkspaceBusyError(_("the workspace is busy with another save"))
    if "full" in text or "no space" in text:
        return WorkspaceFullError(_("the disk holding the workspace is full"))
    return WorkspaceUnreachableError(_("the workspace cannot be reached"))


class TeamExistsError(WorkspaceError):
    """A team with that name (ignoring case) is already in the workspace."""


class TeamNotFoundError(WorkspaceError):
    """No team of that name in the workspace."""


class RevisionNotFoundError(WorkspaceError):
    """The team has no revision with that number."""
