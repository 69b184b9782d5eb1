"""Changes a kernel could not store before it stopped, kept on disk until they are stored.

An app's kernel that stops (culled, shut down, SIGTERM, its server gone) with a change not
stored yet first writes that change here (:func:`keep`: the team, the section, the revision
it started from, that revision's section and the value), then tries to store it for a few
seconds; what lands is forgotten again, what does not stays. ``social-playbook serve``
stores what it finds (:func:`recover`) when it starts and every
``RECOVER_EVERY_SECONDS`` while it runs, as a normal save from the change's base (merged
with whatever was saved since), and logs each with its team and section.

The folder is private (0700, files 0600): next to a SQLite workspace (``ws.sqlite`` keeps
``ws.sqlite.recovery/``), else (PostgreSQL) under the user's data folder, one folder per
database. A kernel holds a lock on its file while it still tries to store the change
itself, so a recovery pass never stores a change twice at once; a change the workspace
refuses (its team deleted) is moved to ``refused/`` inside the folder, never deleted.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import platformdirs
from pydantic import BaseModel, TypeAdapter, ValidationError
from sqlalchemy import make_url
from sqlalchemy.exc import ArgumentError

from socialplaybook.plan.model import Plan
from socialplaybook.rules.i18n import _
from socialplaybook.workspace.database import (
    PRIVATE_FILE_MODE,
    PRIVATE_FOLDER_MODE,
    _restrict,
    masked_database_url,
)
from socialplaybook.workspace.errors import (
    WorkspaceBusyError,
    WorkspaceFullError,
    WorkspacePermissionError,
    WorkspaceUnreachableError,
)

RECOVERY_FORMAT = 1
FOLDER_SUFFIX = ".recovery"  # beside a SQLite workspace file
REFUSED_FOLDER = "refused"  # inside the recovery folder: what the workspace refused
RECOVER_EVERY_SECONDS = 30  # how often a running ``serve`` looks for kept changes
ALREADY_STORED_LOOKBACK = 50  # revisions after the base compared with a kept change
# Failures a later try may get past: the change stays where it is.
_TRY_AGAIN = (WorkspaceBusyError, WorkspaceUnreachableError, WorkspaceFullError,
              WorkspacePermissionError)


@dataclass(frozen=True)
class PendingChange:
    """A change an app could not store: what it was and where it started from."""

    team: str
    section: str
    base_revision: int | None
    value: Any  # JSON-like, as the section dumps
    base_value: Any = None  # the section at base_revision, when the app knew it
    has_base_value: bool = False
    noted_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))

    def to_json(self) -> str:
        data = {"format": RECOVERY_FORMAT, "team": self.team, "section": self.section,
                "base_revision": self.base_revision, "value": _plain(self.value),
                "noted_at": self.noted_at.isoformat(), "pid": os.getpid()}
        if self.has_base_value:
            data["base_value"] = _plain(self.base_value)
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"

    @classmethod
    def from_json(cls, text: str) -> PendingChange:
        """The change a file holds; ValueError when it is not one this version wrote."""
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("format") != RECOVERY_FORMAT:
            raise ValueError("not a kept change of this version")
        team, section, base = data.get("team"), data.get("section"), data.get("base_revision")
        if (not isinstance(team, str) or not isinstance(section, str) or "value" not in data
                or not (base is None or (isinstance(base, int) and not isinstance(base, bool)))):
            raise ValueError("a kept change lacks its team, section, base or value")
        noted = datetime.fromisoformat(str(data.get("noted_at")))
        return cls(team, section, base, data["value"], data.get("base_value"),
                   "base_value" in data, noted)


def _plain(value: Any) -> Any:
    return value.model_dump(mode="json") if isinstance(value, BaseModel) else value


def recovery_folder(url: str) -> Path:
    """Where changes of the workspace at ``url`` are kept (see the module)."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        parsed = None
    database = parsed.database if parsed is not None else None
    if (parsed is not None and parsed.drivername.startswith("sqlite") and database
            and database != ":memory:" and not database.startswith("file:")):
        path = Path(database).absolute()
        return path.with_name(path.name + FOLDER_SUFFIX)
    # One folder per database, named without its password (which may change).
    key = masked_database_url(url)
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    return Path(platformdirs.user_data_dir("social-playbook", appauthor=False)) / \
        "recovery" / digest


class KeptChange:
    """A change written to the recovery folder, locked while its kernel still tries it."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd

    def forget(self) -> None:
        """It was stored (or refused and said so): remove the file."""
        try:
            self.path.unlink(missing_ok=True)
        finally:
            self.release()

    def release(self) -> None:
        """Leave the file for ``serve`` (the kernel gives up on it)."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def keep(folder: Path, change: PendingChange) -> KeptChange:
    """Write ``change`` into ``folder`` (made private), whole or not at all; OSError if it
    cannot be written. The file stays locked until the KeptChange is forgotten or released."""
    _private_folder(folder)
    stamp = change.noted_at.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%S%f")
    path = folder / f"{stamp}-{os.getpid()}-{uuid.uuid4().hex[:8]}.json"
    partial = folder / f".{path.name}.part"
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        data = change.to_json().encode("utf-8")
        while data:
            data = data[os.write(fd, data):]
        os.fsync(fd)
        os.replace(partial, path)  # the lock stays with the file under its new name
    except BaseException:
        os.close(fd)
        partial.unlink(missing_ok=True)
        raise
    return KeptChange(path, fd)


def _private_folder(folder: Path) -> None:
    folder.mkdir(mode=PRIVATE_FOLDER_MODE, parents=True, exist_ok=True)
    _restrict(folder, PRIVATE_FOLDER_MODE)


@dataclass(frozen=True)
class Recovered:
    """What a recovery pass did with one kept change (``kind``: stored, already, later,
    refused, unreadable)."""

    path: Path
    kind: str
    change: PendingChange | None = None
    revision: int | None = None
    reason: str = ""
    conflicts: tuple[str, ...] = ()

    def describe(self) -> str:
        """One line for the server's log, naming the team and section."""
        if self.change is None:
            return _("{path} is not a change this version can read ({reason}); it was "
                     "moved to {folder}.").format(path=self.path, reason=self.reason,
                                                  folder=REFUSED_FOLDER)
        names = {"team": self.change.team, "section": self.change.section}
        if self.kind == "stored":
            line = _("Recovered a change to team '{team}' ({section}) that a kernel could "
                     "not store before it stopped: stored as revision {n}.").format(
                         n=self.revision, **names)
            if self.conflicts:
                line += " " + _("A teammate had changed the same fields since ({fields}); "
                                "the recovered values were kept.").format(
                                    fields=", ".join(self.conflicts))
            return line
        if self.kind == "already":
            return _("A kept change to team '{team}' ({section}) was already stored; the "
                     "file is removed.").format(**names)
        if self.kind == "later":
            return _("A kept change to team '{team}' ({section}) cannot be stored yet "
                     "({reason}); it is tried again later.").format(reason=self.reason,
                                                                   **names)
        return _("A kept change to team '{team}' ({section}) was refused by the workspace "
                 "({reason}) and is not stored; it is kept in {path}.").format(
                     reason=self.reason, path=self.path, **names)


def pending_files(folder: Path) -> list[Path]:
    """The kept changes in ``folder``, oldest first (also those a kernel still tries)."""
    try:
        return sorted(folder.glob("*.json"))
    except OSError:
        return []


def recover(workspace, folder: Path | None = None) -> list[Recovered]:
    """Store every change kept in ``folder`` (default: the workspace's) that no kernel is
    still trying, oldest first; say what became of each."""
    folder = folder if folder is not None else recovery_folder(workspace.url)
    outcomes = []
    for path in pending_files(folder):
        try:
            fd = os.open(path, os.O_RDONLY)
        except FileNotFoundError:
            continue  # stored by its kernel or another pass meanwhile
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue  # its kernel is still trying it
            try:
                if os.stat(path).st_ino != os.fstat(fd).st_ino:
                    continue
            except FileNotFoundError:
                continue  # another pass handled it while this one waited
            outcome = _recover_one(workspace, path, fd)
            outcomes.append(outcome)
            if outcome.kind in ("stored", "already"):
                path.unlink(missing_ok=True)
            elif outcome.kind in ("refused", "unreadable"):
                outcomes[-1] = _set_aside(outcome, folder)
        finally:
            os.close(fd)
    return outcomes


def _recover_one(workspace, path: Path, fd: int) -> Recovered:
    try:
        with os.fdopen(os.dup(fd), "rb") as file:
            change = PendingChange.from_json(file.read().decode("utf-8"))
    except (OSError, ValueError, TypeError) as error:
        return Recovered(path, "unreadable", reason=type(error).__name__)
    try:
        if _already_stored(workspace, change):
            return Recovered(path, "already", change)
        result = workspace.save_section(
            change.team, change.section, change.value, change.base_revision,
            **({"base_value": change.base_value} if change.has_base_value else {}))
    except _TRY_AGAIN as error:
        return Recovered(path, "later", change, reason=str(error))
    except ValidationError as error:
        return Recovered(path, "refused", change, reason=_first_error(error))
    except ValueError as error:  # WorkspaceError included: the team or its base is gone
        return Recovered(path, "refused", change, reason=str(error))
    except Exception as error:  # noqa: BLE001 - the file stays; the log says what happened
        return Recovered(path, "later", change, reason=type(error).__name__)
    fields = tuple(dict.fromkeys(" · ".join(str(p) for p in conflict.path)
                                 for conflict in result.conflicts))
    return Recovered(path, "stored", change, result.revision.number, conflicts=fields)


def _first_error(error: ValidationError) -> str:
    first = error.errors()[0] if error.errors() else {}
    return str(first.get("msg", "invalid"))


def _already_stored(workspace, change: PendingChange) -> bool:
    """Whether a revision since the change's base holds exactly the change's value (its
    kernel stored it after all, just before it stopped)."""
    annotation = Plan.model_fields.get(change.section)
    if annotation is None:
        raise ValueError(_("A plan has no section '{section}'.").format(
            section=change.section))
    adapter = TypeAdapter(annotation.annotation)
    wanted = adapter.dump_python(adapter.validate_python(change.value), mode="json")
    # A save with no base replaces the section: only the latest revision can be it.
    lookback = 1 if change.base_revision is None else ALREADY_STORED_LOOKBACK
    for revision in workspace.revisions(change.team, limit=lookback):
        if change.base_revision is not None and revision.number <= change.base_revision:
            break
        stored = getattr(workspace.load_revision(change.team, revision.number), change.section)
        if adapter.dump_python(stored, mode="json") == wanted:
            return True
    return False


def _set_aside(outcome: Recovered, folder: Path) -> Recovered:
    """Move a refused or unreadable change into ``refused/``: a person may still want it."""
    aside = folder / REFUSED_FOLDER
    try:
        _private_folder(aside)
        target = aside / outcome.path.name
        os.replace(outcome.path, target)
    except OSError:
        return outcome
    return Recovered(target, outcome.kind, outcome.change, outcome.revision, outcome.reason,
                     outcome.conflicts)
