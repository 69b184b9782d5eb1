"""What can go wrong with the workspace, in words for a person."""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError, OperationalError

from socialplaybook.rules.i18n import _


class WorkspaceError(ValueError):
    """Something asked of the workspace that cannot be done; the message says why."""


class WorkspaceBusyError(WorkspaceError):
    """Another save holds the database longer than this one may wait; try again soon."""


class WorkspaceUnreachableError(WorkspaceError):
    """The database cannot be opened or reached (file missing, server down)."""


class WorkspaceFullError(WorkspaceError):
    """The disk holding the database is full."""


class WorkspacePermissionError(WorkspaceError):
    """The database refused the workspace's user something: a hub's apps connect as a role
    that may only read and append, so thinning and upgrades must run as the owner."""


_INSUFFICIENT_PRIVILEGE = "42501"  # PostgreSQL's SQLSTATE for "permission denied"


def is_permission_denied(exc: DBAPIError) -> bool:
    """Whether the database refused a statement for lack of a privilege."""
    original = getattr(exc, "orig", None)
    return _INSUFFICIENT_PRIVILEGE in (getattr(original, "sqlstate", None),
                                       getattr(original, "pgcode", None))


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


class TeamLockedError(WorkspaceError):
    """A facilitator locked the team's history: nothing is restored over it or deleted."""


def write_refused(exc: DBAPIError) -> WorkspacePermissionError:
    """What to say when the database refused a write to the workspace's user."""
    return WorkspacePermissionError(_(
        "The workspace's database refused this to its user ({error}). Thinning, upgrades, "
        "locking and deleting teams run as the database's owner.").format(
            error=_first_line(exc)))


def upgrade_refused(exc: DBAPIError) -> WorkspacePermissionError:
    """What to say when the tables need an upgrade the workspace's user may not make."""
    return WorkspacePermissionError(_(
        "The workspace's tables need an upgrade that its database user may not make "
        "({error}). Open the workspace once as the database's owner: `social-playbook thin` "
        "with the owner's URL in SOCIAL_PLAYBOOK_DB does it.").format(error=_first_line(exc)))


def _first_line(exc: DBAPIError) -> str:
    # The database's own words, without the SQL and parameters SQLAlchemy appends.
    return str(getattr(exc, "orig", exc)).strip().splitlines()[0]
