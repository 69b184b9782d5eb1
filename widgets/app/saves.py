"""The save queue every step app has: edits saved off the kernel's loop, bound to their team
and base revision, merged with teammates' saves, retried until they land; the save status.

A save the workspace refuses (the team is gone, the value does not fit) is never shown as
"Saved": the change stays on the page and the status says why. What a kernel still holds
when it stops is stored or kept for ``serve`` (:mod:`widgets.app.exit_saves`); every change
that can still be lost is logged with its team and section.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from socialplaybook.rules.i18n import _, ngettext
from socialplaybook.rules.section import DroppedReference
from socialplaybook.workspace.errors import (
    RevisionNotFoundError,
    TeamLockedError,
    TeamNotFoundError,
    WorkspaceError,
)
from socialplaybook.workspace.merge import Conflict, merge_section
from socialplaybook.workspace.store import SaveResult
from widgets.app.exit_saves import ExitSaves
from widgets.kit.messages import error_message

# Edits within this long are saved together (a burst of clicks, a goal added and named).
AUTOSAVE_DELAY_SECONDS = 0.5
# A click that is a whole change is saved almost at once; clicks this close share a save.
CLICK_SAVE_DELAY_SECONDS = 0.05
LIVE_CHECK_SECONDS = 1.5
APP_BUSY_TIMEOUT_SECONDS = 2.0
RETRY_DELAYS_SECONDS = (1, 2, 4, 8, 15)


@dataclass
class _SaveJob:
    """One save, bound when it was asked for: the team, the revision it started from, the value."""

    team: str
    base: int
    value: Any
    base_value: Any = None  # the section as stored at ``base`` (what the merge starts from)
    attempt: int = 0
    future: Any = None
    done: bool = False
    result: SaveResult | None = None
    error: Exception | None = None
    waiting_until: float = 0.0
    finished: threading.Event = field(default_factory=threading.Event)


_LOG = logging.getLogger("socialplaybook.saves")


def log_save_problem(message: str) -> None:
    """Write ``message`` to the server's log (the kernel's real stderr; never the page)."""
    if not _LOG.handlers:
        handler = logging.StreamHandler(sys.__stderr__)
        handler.setFormatter(logging.Formatter("[social-playbook kernel] %(message)s"))
        _LOG.addHandler(handler)
    _LOG.warning(message)


def is_refusal(error: Exception) -> bool:
    """Whether the workspace refused a save for good (a value that does not fit, a team
    that is gone): waiting will not help, unlike a busy, unreachable or full database."""
    return isinstance(error, (ValidationError, TeamNotFoundError, RevisionNotFoundError,
                              TeamLockedError)) or (
        isinstance(error, ValueError) and not isinstance(error, WorkspaceError))



class SaveQueue(ExitSaves):
    """Autosave for a StepApp: ``edit()`` a section, and it is stored soon (see the module)."""

    # -- editing -------------------------------------------------------------------------

    def edit(self, section: BaseModel, at_once: bool = False) -> bool:
        """The person changed the section: validate it, show it, and save it soon.

        Typing waits ``autosave_delay`` for the next key; a click that is a whole change
        by itself (a rating) is saved ``at_once`` (after CLICK_SAVE_DELAY_SECONDS).
        Returns False (and shows the model's message) when the section is refused.
        """
        if self._loading:  # controls being set from a stored section: not an edit
            return True
        if not self.team:
            return False
        try:
            section = type(section).model_validate(section.model_dump())
        except ValidationError as exc:
            self.show_message(error_message(exc, self.field_labels(), self.locale))
            # what is on screen is not what is stored: the status must not say "Saved"
            self.show_save_failed(_("this change is refused, see the message above"))
            return False
        self.clear_message()
        self.section = section
        with self._lock:
            self._dirty = True
            self._cancel_timer()
            self._timer = self._call_later(
                min(CLICK_SAVE_DELAY_SECONDS, self.autosave_delay) if at_once
                else self.autosave_delay, self._enqueue_and_pump)
        self._show_status()
        return True

    def flush(self, timeout: float = 30.0) -> SaveResult | None:
        """Save every pending change now and wait for it (tests; a stopping kernel uses
        ``save_before_exit``).

        Returns the last result stored, or None when nothing was saved (nothing pending,
        or the save failed: the change stays queued and the status says why).
        """
        self._cancel_timer()
        self._enqueue()
        last = None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                job = self._inflight
                if job is None:
                    if not self._queue:
                        return last
                    job = self._queue.pop(0)
                    self._inflight = job
                    job.waiting_until = 0.0
                    run_here = True
                else:
                    run_here = False
            if run_here:
                self._run(job)
            else:
                job.finished.wait(max(0.0, deadline - time.monotonic()))
            self._finish(job)
            if job.error is not None:
                return None
            last = job.result or last
        return last

    # -- the save queue --------------------------------------------------------------------

    def _enqueue(self) -> None:
        with self._lock:
            self._cancel_timer()
            if not self._dirty or not self.team:
                return
            self._dirty = False
            value = self.section
            waiting = next((job for job in self._queue if job.team == self.team), None)
            if waiting is not None:  # one save per team waiting: it carries the latest value
                waiting.value = value
                return
            self._queue.append(_SaveJob(self.team, self.base_revision, value,
                                        self._base_section))

    def _enqueue_and_pump(self) -> None:
        self._enqueue()
        self._pump()

    def _pump(self) -> None:
        with self._lock:
            if self._inflight is not None or not self._queue:
                return
            # The queue holds at most one job per team, so a team whose save waits to be
            # retried does not hold up another team's (a lock on that team's row alone).
            now = time.monotonic()
            job = next((q for q in self._queue if q.waiting_until <= now), None)
            if job is None:
                if self._retry_timer is None:
                    delay = min(q.waiting_until for q in self._queue) - now
                    self._retry_timer = self._call_later(delay, self._retry_now)
                return
            self._queue.remove(job)
            self._inflight = job
        job.future = self._executor.submit(self._run, job)
        job.future.add_done_callback(lambda _f: self._call_soon(self._finish_and_pump, job))

    def _retry_now(self) -> None:
        with self._lock:
            self._retry_timer = None
        self._pump()

    def _run(self, job: _SaveJob) -> None:
        """Store one job (on the worker thread, or the caller's in ``flush``)."""
        job.finished.clear()
        job.error = None
        try:
            job.result = self.workspace.save_section(job.team, self.section_key, job.value,
                                                     job.base, base_value=job.base_value)
        except Exception as exc:  # reported by _finish; the app must never lose the loop
            job.error = exc
        job.finished.set()

    def _finish_and_pump(self, job: _SaveJob) -> None:
        self._finish(job)
        self._pump()

    def _finish(self, job: _SaveJob) -> None:
        """Apply a job's outcome once (on the kernel's loop, or the caller's thread)."""
        with self._lock:
            if job.done or not job.finished.is_set():
                return
            if self._inflight is job:
                self._inflight = None
            if job.error is not None:
                self._on_failed(job)
                return
            job.done = True
            result = job.result
            stored = getattr(result.plan, self.section_key)
            for waiting in self._queue:  # later edits of that team now start from the result
                if waiting.team == job.team:
                    waiting.value = self._rebase(job.value, waiting.value, stored)
                    waiting.base, waiting.base_value = result.revision.number, stored
            if self._failure_team == job.team:  # what failed has landed
                self._failure = self._failure_team = ""
            if job.team != self.team:
                self._show_status()
                return
            self.base_revision, self._base_section = result.revision.number, stored
            self.plan = result.plan
            unsent = self._dirty or any(q.team == job.team for q in self._queue)
            section = self._rebase(job.value, self.section, stored) if unsent else stored
        notices = [self._conflict_notice(result.conflicts) if result.conflicts else "",
                   self.dropped_notice(result.dropped, job.value) if result.dropped else ""]
        if any(notices):
            self.show_message(" ".join(notice for notice in notices if notice), "warning")
        if section != self.section or result.merged:
            self.section = section
            self._show_quietly(section)
        self._show_status(result)

    def _on_failed(self, job: _SaveJob) -> None:
        error = job.error
        if is_refusal(error):
            job.done = True
            reason = error_message(error, self.field_labels(), self.locale)
            if job.team == self.team:
                # The change stays on the page (the live check leaves it alone meanwhile).
                self._failure = _("this change could not be stored: {reason} It stays on "
                                  "this page; reload the page to see what is stored."
                                  ).format(reason=reason)
                log_save_problem(_("A change to team '{team}' ({section}) was refused by "
                                   "the workspace: {reason} It stays on its page.").format(
                                       team=job.team, section=self.section_key,
                                       reason=reason))
            else:  # the person has moved on to another team: this change is lost
                self._failure = _("your last change to team {team} could not be stored: "
                                  "{reason}").format(team=job.team, reason=reason)
                log_save_problem(_("A change to team '{team}' ({section}) was refused by "
                                   "the workspace and is lost (its page shows another team "
                                   "now): {reason}").format(
                                       team=job.team, section=self.section_key,
                                       reason=reason))
            self._failure_team = job.team
            self._show_status()
            return
        delay = RETRY_DELAYS_SECONDS[min(job.attempt, len(RETRY_DELAYS_SECONDS) - 1)]
        job.attempt += 1
        job.waiting_until = time.monotonic() + delay
        job.finished.clear()
        self._queue.insert(0, job)
        # A newer value for the same team waiting behind it already holds this change.
        later = next((q for q in self._queue[1:] if q.team == job.team), None)
        if later is not None:
            job.value = later.value
            self._queue.remove(later)
        reason = str(error) if isinstance(error, WorkspaceError) else _(
            "the workspace could not be reached ({error})").format(error=type(error).__name__)
        self._failure = _("{reason}. Trying again in {seconds} s; your change is kept on "
                          "this page.").format(reason=reason, seconds=delay)
        if job.team != self.team:
            self._failure = _("your last change to team {team} is not stored yet: {what}"
                              ).format(team=job.team, what=self._failure)
        self._failure_team = job.team
        self._show_status()

    def _rebase(self, sent: Any, local: BaseModel, stored: BaseModel) -> BaseModel:
        """``local`` (edits made after ``sent`` went out) applied over what was stored."""
        if local == sent:
            return stored
        merged = merge_section(type(stored), _dump(sent), _dump(local), _dump(stored))
        try:
            return type(stored).model_validate(merged.value)
        except ValidationError:
            return local

    def dropped_notice(self, dropped: Sequence[DroppedReference], sent: Any) -> str:
        """What to say when a merge dropped references to items a teammate removed
        (``sent``: the section as this app saved it, which still names them)."""
        return ngettext("A link to an item a teammate removed meanwhile was dropped.",
                        "{n} links to items a teammate removed meanwhile were dropped.",
                        len(dropped)).format(n=len(dropped))

    def _conflict_notice(self, conflicts: Sequence[Conflict]) -> str:
        labels = self.field_labels()
        names = []
        for conflict in conflicts:
            name = next((labels.get(p, str(p)) for p in reversed(conflict.path)
                         if isinstance(p, str) and p in labels), None)
            names.append(name or " · ".join(str(p) for p in conflict.path))
        fields = ", ".join(dict.fromkeys(names))
        return _("A teammate changed the same field at the same time ({fields}); your "
                 "version is kept. Check it with them.").format(fields=fields)

    # -- status ----------------------------------------------------------------------------

    @property
    def pending(self) -> bool:
        """Whether a change of the team on screen is not stored yet."""
        with self._lock:
            return self._dirty or any(job.team == self.team for job in
                                      [*self._queue, *([self._inflight] if self._inflight
                                                       else [])])

    def _show_status(self, result: SaveResult | None = None) -> None:
        if not self.team:
            self.clear_status()
            return
        if self.pending:
            if self._failure:
                self.show_save_failed(self._failure)
            else:
                self.show_saving()
            return
        if self._failure:
            self.show_save_failed(self._failure)
            return
        if result is not None:
            self.show_saved(result.revision)
        else:
            self._show_saved_number()

    def _show_saved_number(self) -> None:
        try:
            revision = self.workspace.revisions(self.team, limit=1)[0]
        except Exception:
            return
        self.show_saved(revision)


    # -- the loop ------------------------------------------------------------------------------

    def _call_soon(self, callback: Callable, *args) -> None:
        if self._loop is not None:
            self._loop.add_callback(callback, *args)
        else:
            callback(*args)

    def _call_later(self, delay: float, callback: Callable):
        if self._loop is not None:
            return self._loop.call_later(delay, callback)
        timer = threading.Timer(delay, callback)
        timer.daemon = True
        timer.start()
        return timer

    def _cancel_timer(self) -> None:
        if self._timer is None:
            return
        if self._loop is not None:
            self._loop.remove_timeout(self._timer)
        else:
            self._timer.cancel()
        self._timer = None




def _dump(value: Any) -> Any:
    return value.model_dump(mode="json") if isinstance(value, BaseModel) else value
