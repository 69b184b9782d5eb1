"""What a kernel does with the changes it has not stored yet when it stops.

A kernel stops when its page closes, when the server culls it, when a service manager
stops the workshop (SIGTERM to every process of it) and when its server is gone (killed:
``socialplaybook.serve.kernel_template`` turns that into a SIGTERM). Each way, every open
app first writes what it still holds (the team, the section, the revision it started from
and the value) into the workspace's recovery folder
(:mod:`socialplaybook.workspace.recovery`), then tries to store it for at most
``EXIT_SAVE_SECONDS`` (jupyter_client sends SIGTERM 2.5 s and SIGKILL 5 s after asking a
kernel to stop): what lands, or what the workspace refuses, is taken out of the folder
again; the rest stays for ``social-playbook serve`` to store, or for the next kernel
that opens an app on the same workspace (a hub runs no ``serve``): each kernel stores what
it finds there once, in the background, when its first app starts. Each change that stays,
or that is lost after all (refused, or the folder cannot be written), is logged with its
team and section. Only a kernel killed outright (SIGKILL, the out-of-memory killer) stops
without this.
"""

from __future__ import annotations

import atexit
import os
import signal
import threading
import time
import traceback
import weakref
from typing import Any

from pydantic import BaseModel

from socialplaybook.rules.i18n import _
from socialplaybook.workspace.recovery import (
    KeptChange,
    PendingChange,
    keep,
    pending_files,
    recover,
    recovery_folder,
)

EXIT_SAVE_SECONDS = 3.0
RETRY_PAUSE_SECONDS = 0.2  # between tries at exit (each waits on the database's lock too)

_OPEN_APPS: weakref.WeakSet = weakref.WeakSet()
_SAVING = threading.Event()  # set while the apps save before the kernel stops
_PREVIOUS_SIGTERM: Any = None  # the kernel's own SIGTERM handler, called after ours
_RECOVERED_FOR: set[str] = set()  # the workspaces whose kept changes this kernel looked for


def save_before_the_kernel_stops(app) -> None:
    """Have ``app`` store (or keep) its pending changes when this kernel stops; the first
    app of a workspace also stores what earlier kernels kept (in the background)."""
    _OPEN_APPS.add(app)
    _handle_sigterm()
    url = app.workspace.url
    if url not in _RECOVERED_FOR:
        _RECOVERED_FOR.add(url)
        if pending_files(recovery_folder(url)):
            threading.Thread(target=_recover_kept_changes, args=(app.workspace,),
                             name="sp-recover", daemon=True).start()


def _recover_kept_changes(workspace) -> None:
    try:
        for outcome in recover(workspace):
            _log(outcome.describe())
    except Exception:  # noqa: BLE001 - serve or the next kernel tries again
        _log(_("Looking for kept changes failed:\n{traceback}").format(
            traceback=traceback.format_exc()))


@atexit.register
def save_everything_before_exit(seconds: float = EXIT_SAVE_SECONDS) -> None:
    """Store what every open app holds, or keep it for ``serve``, in at most ``seconds``."""
    if _SAVING.is_set():
        return
    _SAVING.set()
    try:
        deadline = time.monotonic() + seconds
        for app in list(_OPEN_APPS):
            try:
                app.save_before_exit(deadline)
            except Exception:  # noqa: BLE001 - another app may still save; the log says why
                _log(_("Saving before the kernel stops failed:\n{traceback}").format(
                    traceback=traceback.format_exc()))
    finally:
        _SAVING.clear()


def _handle_sigterm() -> None:
    """Save before a SIGTERM ends the kernel (Python's default would end it at once)."""
    global _PREVIOUS_SIGTERM
    if _PREVIOUS_SIGTERM is not None or threading.current_thread() is not threading.main_thread():
        return
    previous = signal.getsignal(signal.SIGTERM)
    _PREVIOUS_SIGTERM = previous if previous is not None else signal.SIG_DFL
    signal.signal(signal.SIGTERM, _on_sigterm)


def _on_sigterm(signum: int, frame: Any) -> None:
    if _SAVING.is_set():
        return  # already saving before the kernel stops: it stops when that is done
    save_everything_before_exit()
    previous = _PREVIOUS_SIGTERM
    if callable(previous):
        previous(signum, frame)
    elif previous != signal.SIG_IGN:  # end as SIGTERM ends a process, now that all is safe
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGTERM)


def _log(message: str) -> None:
    from widgets.app.saves import log_save_problem

    log_save_problem(message)


class ExitSaves:
    """A part of the save queue: storing what is pending when the kernel stops."""

    def save_before_exit(self, deadline: float) -> None:
        """Store every pending change by ``deadline`` (time.monotonic), keeping each in the
        recovery folder first, so that one the kernel cannot store is stored by ``serve``."""
        from widgets.app.saves import is_refusal

        with self._lock:
            try:
                self._cancel_timer()
            except Exception:  # noqa: BLE001 - the kernel's loop is already closed
                self._timer = None
            self._enqueue()
            inflight = self._inflight
            jobs = ([inflight] if inflight is not None else []) + list(self._queue)
            self._queue.clear()
        if not jobs:
            return
        folder = recovery_folder(self.workspace.url)
        kept: dict[int, KeptChange | None] = {}
        for job in jobs:
            try:
                kept[id(job)] = keep(folder, self._pending_change(job))
            except OSError as error:
                kept[id(job)] = None
                _log(_("A change to team '{team}' ({section}) could not be kept for recovery "
                       "in {folder} ({error}); it is lost if it cannot be stored now.").format(
                           team=job.team, section=self.section_key, folder=folder,
                           error=error))
        for job in jobs:
            if job is inflight:
                # Its save is running on the worker thread: wait for it, never run it twice.
                if not job.finished.wait(max(0.0, deadline - time.monotonic())):
                    self._left_for_serve(job, kept[id(job)], _("its save did not answer"))
                    continue
                if job.error is None:
                    self._forget(kept[id(job)])
                    continue
                if is_refusal(job.error):
                    self._refused_at_exit(job, kept[id(job)], job.error)
                    continue
            self._store_by(deadline, job, kept[id(job)], is_refusal)

    def _store_by(self, deadline: float, job, kept: KeptChange | None, is_refusal) -> None:
        reason = ""
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0.05:
                self._left_for_serve(job, kept, reason or _("no time was left"))
                return
            # One try waits for another writer's lock no longer than the time that is left.
            self.workspace.busy_timeout_ms = max(1, round(remaining * 1000))
            try:
                self.workspace.save_section(job.team, self.section_key, job.value, job.base,
                                            base_value=job.base_value)
            except Exception as error:  # noqa: BLE001 - refused, or tried again below
                if is_refusal(error):
                    self._refused_at_exit(job, kept, error)
                    return
                reason = str(error) or type(error).__name__
                time.sleep(min(RETRY_PAUSE_SECONDS, max(0.0, deadline - time.monotonic())))
                continue
            self._forget(kept)
            return

    def _pending_change(self, job) -> PendingChange:
        return PendingChange(job.team, self.section_key, job.base, _plain(job.value),
                             _plain(job.base_value), job.base_value is not None)

    @staticmethod
    def _forget(kept: KeptChange | None) -> None:
        if kept is not None:
            kept.forget()

    def _left_for_serve(self, job, kept: KeptChange | None, reason: str) -> None:
        names = {"team": job.team, "section": self.section_key, "reason": reason}
        if kept is None:
            _log(_("A change to team '{team}' ({section}) could not be stored before the "
                   "kernel stopped ({reason}) and is lost.").format(**names))
            return
        kept.release()
        _log(_("A change to team '{team}' ({section}) could not be stored before the kernel "
               "stopped ({reason}); it is kept in {path}, and social-playbook serve stores "
               "it.").format(path=kept.path, **names))

    def _refused_at_exit(self, job, kept: KeptChange | None, error: Exception) -> None:
        self._forget(kept)
        _log(_("A change to team '{team}' ({section}) was refused by the workspace as the "
               "kernel stopped and is lost: {reason}").format(
                   team=job.team, section=self.section_key, reason=error))


def _plain(value: Any) -> Any:
    return value.model_dump(mode="json") if isinstance(value, BaseModel) else value
