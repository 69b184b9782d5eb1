"""StepApp: the base of every workshop step's app, and the item-list editor the steps share.

A step app edits one section of a team's plan. The base owns what every step needs and
none may get wrong:

* the team picker, and a guarded load: a team that cannot be read shows a message and
  leaves no other team's data on screen (so the next edit cannot land there);
* autosave: every edit becomes a save bound, when it is made, to its team, the revision it
  started from and the section's value; switching or creating a team sends it to the team
  it was made for;
* saves off the kernel's loop, one at a time, with a bounded wait on the database; a
  failed save says why, keeps the change and retries with backoff until it lands; the
  status says "Saved" only for what is stored;
* teammates on other laptops: a save merges three ways with what they saved meanwhile
  (``Workspace.save_section``), and an open app checks for their saves every
  ``LIVE_CHECK_SECONDS`` and shows them without touching the field being typed in.

A subclass is named as its step's app in the registry, which gives it ``section_key`` (the
Plan section it edits). It builds its controls in ``build_workarea()``, shows a section in
``show_section()`` and calls ``edit(new_section)`` when the person changes it.
A step with tabs lists them in ``TABS`` and puts ``make_tabs()`` in its work area: each
tab is built the first time it is shown (see ``make_tabs``).
"""

from __future__ import annotations

import atexit
import html
import threading
import time
import weakref
from collections.abc import Callable, Hashable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import ipywidgets as w
from pydantic import BaseModel, ValidationError

from socialplaybook.rules.i18n import _
from socialplaybook.rules.section import item_keys
from socialplaybook.steps.registry import step_of_app
from socialplaybook.workspace.errors import (
    RevisionNotFoundError,
    TeamNotFoundError,
    WorkspaceError,
)
from socialplaybook.workspace.merge import Conflict, merge3
from socialplaybook.workspace.store import SaveResult, Workspace
from widgets.base import SectionFrame, TeamPicker, _kernel_loop, error_message

# Edits within this long are saved together (a burst of clicks, a goal added and named).
AUTOSAVE_DELAY_SECONDS = 0.5
# A click that is a whole change is saved almost at once; clicks this close share a save.
CLICK_SAVE_DELAY_SECONDS = 0.05
LIVE_CHECK_SECONDS = 1.5
APP_BUSY_TIMEOUT_SECONDS = 2.0
RETRY_DELAYS_SECONDS = (1, 2, 4, 8, 15)


_SHARED = "_sp_shared"


def shared(model: w.Widget) -> w.Widget:
    """Mark ``model`` (a layout or style that many widgets use) to outlive ``dispose``.

    One model instead of one per widget makes a page with many plain widgets quicker to
    open; closing it with the first widget disposed would break the others.
    """
    setattr(model, _SHARED, True)
    return model


def dispose(widget: w.Widget) -> None:
    """Close a widget and every widget it holds (children, layout, style, its parts),
    except the models marked ``shared``.

    ``Widget.close()`` closes only the widget itself: an editor dropped without closing
    its parts keeps them alive in the kernel (and in the page) for good.
    """
    seen: set[int] = set()
    stack = [widget]
    while stack:
        current = stack.pop()
        if id(current) in seen or not isinstance(current, w.Widget):
            continue
        if current is not widget and getattr(current, _SHARED, False):
            continue
        seen.add(id(current))
        for name in current.keys:
            value = getattr(current, name, None)
            if isinstance(value, w.Widget):
                stack.append(value)
            elif isinstance(value, (list, tuple)):
                stack.extend(v for v in value if isinstance(v, w.Widget))
        for value in vars(current).values():  # private parts not in children (hidden rows)
            if isinstance(value, w.Widget):
                stack.append(value)
            elif isinstance(value, dict):
                stack.extend(v for v in value.values() if isinstance(v, w.Widget))
            elif isinstance(value, (list, tuple)):
                stack.extend(v for v in value if isinstance(v, w.Widget))
        current.close()


class ItemList(w.VBox):
    """Editors for a list of items (goals, segments, milestones), one per item id.

    ``show(items)`` keeps the editor of every item still there (updating it in place, so a
    field being typed in is not rebuilt), makes editors for new items and closes the
    editors of items that are gone. ``make_editor(item, number)`` builds one; an editor
    has ``show_item(item, number)``.
    """

    def __init__(self, make_editor: Callable[[Any, int], w.Widget],
                 key: Callable[[Any], Hashable] = lambda item: item.id, **kwargs) -> None:
        self._make_editor = make_editor
        self._key = key
        self.editors: dict[Hashable, w.Widget] = {}
        super().__init__(**kwargs)

    def show(self, items: Sequence[Any]) -> None:
        """Show exactly ``items``, reusing the editors of items already shown.

        Editors already on screen keep their places, and new items (a teammate's) are added
        after them: the browser rebuilds every view after the first one that moves, and a
        view rebuilt while someone types in it loses what they were typing. After a reload
        every laptop shows the stored order.
        """
        by_key = {self._key(item): item for item in items}
        order = [key for key in self.editors if key in by_key]
        order += [key for key in by_key if key not in self.editors]
        editors: dict[Hashable, w.Widget] = {}
        for number, key in enumerate(order, start=1):
            editor = self.editors.pop(key, None)
            if editor is None:
                editor = self._make_editor(by_key[key], number)
            else:
                editor.show_item(by_key[key], number)
            editors[key] = editor
        gone = list(self.editors.values())
        self.editors = editors
        if list(self.children) != list(editors.values()):
            self.children = list(editors.values())
        for editor in gone:
            dispose(editor)


@dataclass
class _SaveJob:
    """One save, bound when it was asked for: the team, the revision it started from, the value."""

    team: str
    base: int
    value: Any
    attempt: int = 0
    future: Any = None
    done: bool = False
    result: SaveResult | None = None
    error: Exception | None = None
    waiting_until: float = 0.0
    finished: threading.Event = field(default_factory=threading.Event)


_OPEN_APPS: weakref.WeakSet = weakref.WeakSet()


@atexit.register
def _save_everything_on_exit() -> None:
    for app in list(_OPEN_APPS):
        try:
            app.flush()
        except Exception:  # the kernel is going: save what can be saved, quietly
            pass


class StepApp(SectionFrame):
    """The base of a step's app; see the module docstring for what it guarantees."""

    section_key: str = ""  # the Plan section it edits: its step's key (from the registry)
    TABS: tuple[str, ...] = ()  # the step's tabs, each built the first time it is shown
    tabs_need_a_team = True  # False: a tab can be built before a team is open (the audit)

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        if not cls.__dict__.get("section_key"):
            step = step_of_app(f"{cls.__module__}:{cls.__qualname__}")
            if step is not None:
                cls.section_key = step.key

    def __init__(self, workspace: Workspace | None = None, *, title: str | None = None,
                 intro: str | None = None, autosave_delay: float = AUTOSAVE_DELAY_SECONDS,
                 live_check_seconds: float = LIVE_CHECK_SECONDS) -> None:
        self.workspace = workspace or Workspace(busy_timeout_seconds=APP_BUSY_TIMEOUT_SECONDS)
        self.autosave_delay = autosave_delay
        self.team = ""  # the team whose section is on screen ("" while none is)
        self.base_revision = 0
        self.section: BaseModel | None = None
        self.currency = "EUR"
        self.locale = "en"
        self._loop = _kernel_loop()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sp-save")
        self._lock = threading.RLock()
        self._queue: list[_SaveJob] = []
        self._inflight: _SaveJob | None = None
        self._timer = None
        self._retry_timer = None
        self._dirty = False  # an edit not yet handed to the queue
        self._failure = ""
        self._failure_team = ""  # the team whose save _failure is about
        self._loading = False
        self._quiet = False  # the app is setting its own controls (see quietly())
        self._editor: w.Widget | None = None  # the item editor open (see editor_slot())
        self.picker = TeamPicker(self.workspace)
        self.workarea = w.VBox(self.build_workarea(),
                               layout=w.Layout(display="none", margin="10px 0 0"))
        super().__init__(title=title, intro=intro, body=[self.picker, self.workarea])
        _OPEN_APPS.add(self)
        self.picker.observe(self._on_team, names="team")
        if self.picker.team:  # chosen from the page's ?team= before we were listening
            self._on_team({"new": self.picker.team})
        if self._loop is not None and live_check_seconds > 0:
            from tornado.ioloop import PeriodicCallback

            self._live = PeriodicCallback(self._check_live, live_check_seconds * 1000)
            self._live.start()

    # -- what a step implements ------------------------------------------------------------

    def build_workarea(self) -> list[w.Widget]:
        """The step's controls (shown once a team is open)."""
        raise NotImplementedError

    def show_section(self, section: BaseModel) -> None:
        """Show ``section`` in the controls (after a load, a merge or a teammate's save)."""
        raise NotImplementedError

    def field_labels(self) -> dict[str, str]:
        """The section's fields as the app names them (for messages and merge notices)."""
        return {}

    def redraw(self, section: BaseModel) -> None:
        """Redraw what is computed from ``section`` (after the person's own edit)."""

    # -- what a step's controls use --------------------------------------------------------

    def busy(self) -> bool:
        """Whether a control changed because the app set it (loading, redrawing, no team),
        not because a person did: such a change is not an edit."""
        return self._quiet or self._loading or self.section is None

    @contextmanager
    def quietly(self) -> Iterator[None]:
        """Set controls from the section without their changes counting as edits."""
        quiet, self._quiet = self._quiet, True
        try:
            yield
        finally:
            self._quiet = quiet

    def replace(self, **changes) -> bool:
        """Edit the section's fields (validated, saved soon) and redraw; False if refused."""
        if self.section is None:
            return False
        if not self.edit(self.section.model_copy(update=changes)):
            return False
        self.redraw(self.section)
        return True

    # -- lazy tabs -----------------------------------------------------------------------

    def make_tabs(self, titles: Sequence[str] = (), *, build_first: bool = False) -> w.Tab:
        """The step's tabs, one per ``TABS`` key, each built the first time it is shown.

        Fewer widgets for the browser to create makes the page interactive sooner. A tab's
        content is ``tab_content(key)``; once built, ``show_tab(key)`` shows the section in
        it. A built tab stays: on a team switch ``show_section`` shows the new team's
        section in the tabs built so far (``key in self._built``) and builds the one on
        screen (``build_shown_tab``). ``build_first`` builds the first tab now, with the
        work area, so its widgets reach the page with the app's first state (widgets made
        after the page connected arrive one message each).
        """
        self._built: set[str] = set()
        self._tabs = w.Tab(children=[w.VBox() for _tab in self.TABS],
                           layout=w.Layout(width="100%"))
        if titles:
            self._tabs.titles = tuple(titles)
        self._tabs.observe(self._on_tab, names="selected_index")
        if build_first:
            self._fill_tab(self.TABS[0])
        return self._tabs

    def tab_content(self, key: str) -> list[w.Widget]:
        """A tab's widgets, made the first time it is shown: ``self._build_<key>()``."""
        content = getattr(self, f"_build_{key}")()
        return list(content) if isinstance(content, (list, tuple)) else [content]

    def show_tab(self, key: str) -> None:
        """Show the section in a tab just built (by default: ``redraw``)."""
        self.redraw(self.section)

    def build_tab(self, key: str) -> bool:
        """Build tab ``key`` unless it is built (or needs a team and none is open).

        Returns whether it was built now.
        """
        if key in self._built or (self.tabs_need_a_team and self.section is None):
            return False
        self._fill_tab(key)
        return True

    def _fill_tab(self, key: str) -> None:
        self._built.add(key)
        self._tabs.children[self.TABS.index(key)].children = self.tab_content(key)
        if self.section is not None:
            self.show_tab(key)

    def build_shown_tab(self) -> bool:
        """Build the tab on screen if it is not yet (after a team was opened)."""
        return self.build_tab(self.TABS[self._tabs.selected_index or 0])

    def open_tab(self, key: str) -> None:
        """Show tab ``key``, building it the first time."""
        self._tabs.selected_index = self.TABS.index(key)

    def _on_tab(self, change) -> None:
        if change["new"] is not None:
            self.build_tab(self.TABS[change["new"]])

    # -- one item's editor, opened from a dropdown -------------------------------------------

    def editor_slot(self, pick: w.Dropdown) -> w.VBox:
        """Let ``pick`` open one item's editor at a time; returns the box it is shown in.

        Choosing an item (its key) opens ``make_editor(key)`` there, closing the editor it
        replaces, parts and all; choosing "" closes it. After a redraw ``refresh_editor()``
        shows the item again in the open editor (``update_editor``), or closes the editor
        when the item is gone. The open editor is ``self._editor``.
        """
        self._editor_pick = pick
        self._editor_slot = w.VBox()
        pick.observe(self._on_editor_pick, names="value")
        return self._editor_slot

    def make_editor(self, key: str) -> w.Widget | None:
        """A new editor of the item ``key`` (None when there is no such item)."""
        raise NotImplementedError

    def update_editor(self, editor: w.Widget) -> bool:
        """Show ``editor``'s item as it is now; False when the item is gone."""
        return True

    def refresh_editor(self) -> None:
        """Update the open editor from the section, or close it if its item is gone."""
        if self._editor is not None and not self.update_editor(self._editor):
            self._close_editor()

    def _on_editor_pick(self, change) -> None:
        if self.busy():
            return
        if change["new"]:
            self._open_editor(change["new"])
        else:
            self._close_editor()

    def _open_editor(self, key: str) -> None:
        editor = self.make_editor(key)
        if editor is None:
            return
        self._close_editor(keep_pick=True)
        self._editor = editor
        self.update_editor(editor)
        self._editor_slot.children = [editor]
        if self._editor_pick.value != key:
            with self.quietly():
                self._editor_pick.value = key

    def _close_editor(self, keep_pick: bool = False) -> None:
        editor, self._editor = self._editor, None
        self._editor_slot.children = []
        if editor is not None:
            dispose(editor)
        if not keep_pick and self._editor_pick.value:
            with self.quietly():
                self._editor_pick.value = ""

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
            self.show_message(error_message(exc, self.field_labels()))
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
        """Save every pending change now and wait for it (tests, kernel exit).

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
            self._queue.append(_SaveJob(self.team, self.base_revision, value))

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
                                                     job.base)
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
                    waiting.base = result.revision.number
            if self._failure_team == job.team:  # what failed has landed
                self._failure = self._failure_team = ""
            if job.team != self.team:
                self._show_status()
                return
            self.base_revision = result.revision.number
            unsent = self._dirty or any(q.team == job.team for q in self._queue)
            section = self._rebase(job.value, self.section, stored) if unsent else stored
        if result.conflicts:
            self.show_message(self._conflict_notice(result.conflicts), "warning")
        if section != self.section or result.merged:
            self.section = section
            self._show_quietly(section)
        self._show_status(result)

    def _on_failed(self, job: _SaveJob) -> None:
        error = job.error
        # A refused value or a team that is gone will not get better by waiting; a busy,
        # unreachable or full database may.
        refused = isinstance(error, (ValidationError, TeamNotFoundError,
                                     RevisionNotFoundError)) or (
            isinstance(error, ValueError) and not isinstance(error, WorkspaceError))
        if refused:
            job.done = True
            reason = error_message(error, self.field_labels())
            if job.team == self.team:
                self._failure = _("this change could not be stored: {reason}").format(
                    reason=reason)
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
        merged, _conflicts = merge3(_dump(sent), _dump(local), _dump(stored),
                                    item_keys=item_keys(type(stored)))
        try:
            return type(stored).model_validate(merged)
        except ValidationError:
            return local

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

    # -- teams -------------------------------------------------------------------------------

    def _on_team(self, change) -> None:
        self._enqueue()  # the change made for the previous team goes to that team
        self._pump()
        team = change["new"] or ""
        self._open(team)

    def _open(self, team: str) -> None:
        """Show ``team``'s section, or nothing when it cannot be read (guarded load)."""
        self.team = ""
        self.section = None
        self._failure = self._failure_team = ""
        self.clear_message()
        if not team:
            self.workarea.layout.display = "none"
            self.clear_status()
            return
        try:
            plan, revision = self.workspace.load_with_revision(team)
            section = getattr(plan, self.section_key)
            self.currency, self.locale = plan.currency, plan.locale
            self.team, self.base_revision, self.section = team, revision.number, section
            self._show_quietly(section)
        except Exception as exc:
            self.team, self.section = "", None
            self.workarea.layout.display = "none"
            self.clear_status()
            reason = str(exc) if isinstance(exc, WorkspaceError) else type(exc).__name__
            self.show_message(_("Team {team} could not be opened ({reason}). Nothing was "
                                "changed; reload the page to try again.").format(
                                    team=team, reason=reason))
            return
        self.workarea.layout.display = "flex"
        self.set_page_team(team)
        self.show_saved(revision)
        self._show_status()

    def _show_quietly(self, section: BaseModel) -> None:
        self._loading = True
        try:
            self.show_section(section)
        finally:
            self._loading = False

    # -- teammates ---------------------------------------------------------------------------

    def _check_live(self) -> None:
        """Ask (off the loop) whether a teammate saved; show it if nothing of ours waits."""
        team, base = self.team, self.base_revision
        if not team or self.pending or self._inflight is not None:
            return
        future = self._executor.submit(self._read_newer, team, base)
        future.add_done_callback(
            lambda f: self._call_soon(self._apply_newer, team, base, f.result()))

    def refresh_from_workspace(self) -> bool:
        """Show a teammate's newer save now (what the live check does); True if there was one."""
        found = self._read_newer(self.team, self.base_revision) if self.team else None
        return self._apply_newer(self.team, self.base_revision, found)

    def _read_newer(self, team: str, base: int):
        try:
            if self.workspace.latest_number(team) <= base:
                return None
            return self.workspace.load_with_revision(team)
        except Exception:  # a busy or lost database: the save status will say so
            return None

    def _apply_newer(self, team: str, base: int, found) -> bool:
        if found is None or team != self.team or base != self.base_revision or self.pending:
            return False
        plan, revision = found
        section = getattr(plan, self.section_key)
        self.base_revision = revision.number
        self.currency, self.locale = plan.currency, plan.locale
        if section != self.section:
            self.section = section
            self._show_quietly(section)
        self.show_saved(revision)
        return True

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


def item_label(text: str) -> str:
    """Escaped text for an editor's heading."""
    return html.escape(text)
