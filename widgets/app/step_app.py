"""StepApp: the base of every workshop step's app, and the item-list editor the steps share.

A step app edits one section of a team's plan. The base owns what every step needs and
none may get wrong:

* the team picker, and a guarded load: a team that cannot be read shows a message and
  leaves no other team's data on screen (so the next edit cannot land there);
* autosave: every edit becomes a save bound, when it is made, to its team, the revision it
  started from and the section's value; switching or creating a team sends it to the team
  it was made for;
* saves off the kernel's loop, one at a time, with a bounded wait on the database; a
  failed save says why, keeps the change and retries with backoff until it lands; a
  refused one says why and keeps the change on the page; the status says "Saved" only
  for what is stored; a kernel that stops stores what it holds or keeps it for ``serve``;
* teammates on other laptops: a save merges three ways with what they saved meanwhile
  (``Workspace.save_section``), and an open app checks for their saves every
  ``LIVE_CHECK_SECONDS`` and shows them without touching the field being typed in;
* the room: the same check reads the facilitator's notice (one cheap query) and the frame
  shows it; in presenter mode (``?present=1``) the app shows the team's plan and saves no
  edit;
* the team's language: the app is built in the page's language and, when a team in
  another language opens (or a teammate changes it, or the link says ``?lang=``), its work
  area is built again in that language; every callback, save and timer of the app runs
  in it (``widgets/app/language.py``).

A subclass is named as its step's app in the registry, which gives it ``section_key`` (the
Plan section it edits). It builds its controls in ``build_workarea()``, shows a section in
``show_section()`` and calls ``edit(new_section)`` when the person changes it.
A step with tabs lists them in ``TABS`` and puts ``make_tabs()`` in its work area: each
tab is built the first time it is shown (see ``make_tabs``). Everything that shows text is
made in ``build_workarea()`` (or in what it calls), never kept from ``__init__``: a change of
language builds the work area again.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

import ipywidgets as w
from pydantic import BaseModel

from socialplaybook.rules.i18n import _
from socialplaybook.steps.registry import step_of_app
from socialplaybook.workspace.errors import (
    WorkspaceError,
)
from socialplaybook.workspace.store import Workspace
from widgets.app.editor_slot import EditorSlot
from widgets.app.exit_saves import save_before_the_kernel_stops
from widgets.app.frame import SectionFrame
from widgets.app.language import build_again, speaking
from widgets.app.notice import NOT_READ, read_notice
from widgets.app.saves import (
    APP_BUSY_TIMEOUT_SECONDS,
    AUTOSAVE_DELAY_SECONDS,
    LIVE_CHECK_SECONDS,
    SaveQueue,
    _SaveJob,
)
from widgets.app.tabs import LazyTabs
from widgets.kit.quiet import Quiet
from widgets.kit.team_picker import TeamPicker
from widgets.page.kernel import kernel_loop


class _SpeakingExecutor(ThreadPoolExecutor):
    """The app's save thread: each job runs in the app's language (its messages too)."""

    def __init__(self, app: StepApp) -> None:
        super().__init__(max_workers=1, thread_name_prefix="sp-save")
        self._app = app

    def submit(self, fn: Callable, /, *args, **kwargs) -> Future:
        def run():
            with speaking(self._app):
                return fn(*args, **kwargs)

        return super().submit(run)


class StepApp(Quiet, SaveQueue, LazyTabs, EditorSlot, SectionFrame):
    """The base of a step's app; see the module docstring for what it guarantees."""

    section_key: str = ""  # the Plan section it edits: its step's key (from the registry)
    TABS: tuple[str, ...] = ()  # the step's tabs, each built the first time it is shown
    tabs_need_a_team = True  # False: a tab can be built before a team is open (the audit)

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        step = step_of_app(f"{cls.__module__}:{cls.__qualname__}")
        if step is not None:
            if not cls.__dict__.get("section_key"):
                cls.section_key = step.key
            if not cls.__dict__.get("NOTEBOOK"):
                cls.NOTEBOOK = step.notebook

    def __init__(self, workspace: Workspace | None = None, *, title: str | None = None,
                 intro: str | None = None, autosave_delay: float = AUTOSAVE_DELAY_SECONDS,
                 live_check_seconds: float = LIVE_CHECK_SECONDS) -> None:
        self.begin_language()
        with speaking(self):
            self._build(workspace, title, intro, autosave_delay, live_check_seconds)

    def _build(self, workspace: Workspace | None, title: str | None, intro: str | None,
               autosave_delay: float, live_check_seconds: float) -> None:
        self.workspace = workspace or Workspace(busy_timeout_seconds=APP_BUSY_TIMEOUT_SECONDS)
        self.autosave_delay = autosave_delay
        self.team = ""  # the team whose section is on screen ("" while none is)
        self.base_revision = 0
        self.section: BaseModel | None = None
        self._base_section: BaseModel | None = None  # the section as stored at base_revision
        self.plan = None  # the team's whole plan as last read: what the step reads of others
        self.currency = "EUR"
        self.locale = "en"
        self._loop = kernel_loop()
        self._executor = _SpeakingExecutor(self)
        self._lock = threading.RLock()
        self._queue: list[_SaveJob] = []
        self._inflight: _SaveJob | None = None
        self._timer = None
        self._retry_timer = None
        self._dirty = False  # an edit not yet handed to the queue
        self._failure = ""
        self._failure_team = ""  # the team whose save _failure is about
        self._loading = False
        self._editor: w.Widget | None = None  # the item editor open (see editor_slot())
        self._live_reading = False  # a live check is under way (they never pile up)
        self.picker = TeamPicker(self.workspace)
        self.workarea = w.VBox(self.build_workarea(),
                               layout=w.Layout(display="none", margin="10px 0 0"))
        super().__init__(title=title, intro=intro, body=[self.picker, self.workarea])
        save_before_the_kernel_stops(self)
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
        return self.quiet or self._loading or self.section is None

    def edit(self, section: BaseModel, at_once: bool = False) -> bool:
        """See ``SaveQueue.edit``; in presenter mode nothing is edited: the stored section
        is shown again."""
        if self.presenting and not self._loading:
            if self.section is not None:
                self._call_soon(self._show_quietly, self.section)
            return False
        return super().edit(section, at_once)

    def replace(self, **changes) -> bool:
        """Edit the section's fields (validated, saved soon) and redraw; False if refused."""
        if self.section is None:
            return False
        if not self.edit(self.section.model_copy(update=changes)):
            return False
        self.redraw(self.section)
        return True



    # -- teams -------------------------------------------------------------------------------

    def _on_team(self, change) -> None:
        self._enqueue()  # the change made for the previous team goes to that team
        self._open(change["new"] or "")
        self._pump()  # sent once the new team is on screen, so its outcome names the old one

    def _open(self, team: str) -> None:
        """Show ``team``'s section, or nothing when it cannot be read (guarded load)."""
        self.team = ""
        self.section = None
        self.plan = None
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
            self._base_section = section
            self.plan = plan
            self._in_language_of(plan)
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

    # -- the team's language -----------------------------------------------------------------

    def _in_language_of(self, plan) -> None:
        """Build the work area again if ``plan``'s team speaks another language (the caller
        shows the section in it)."""
        self._relabelling_only = True
        try:
            self.set_team_language(plan.language)
        finally:
            self._relabelling_only = False

    def relabel(self) -> None:
        """The frame, the team picker and the work area in ``self.language``; the open
        team's section shown in it (the tab on screen stays on screen)."""
        super().relabel()
        self.picker.relabel()
        shown_tab = self._tabs.selected_index if hasattr(self, "_tabs") else None
        editor, self._editor = self._editor, None
        after = build_again(self, self.workarea, self.build_workarea)
        if editor is not None and id(editor) not in after:
            editor.close()
        if shown_tab and hasattr(self, "_tabs"):
            with self.quietly():
                self._tabs.selected_index = shown_tab
        if self.section is not None and not getattr(self, "_relabelling_only", False):
            self._show_quietly(self.section)

    def flush(self, timeout: float = 30.0):
        """See ``SaveQueue.flush``; its outcome is said in the app's language."""
        with speaking(self):
            return super().flush(timeout)

    def _call_soon(self, callback, *args) -> None:
        """Run ``callback`` on the kernel's loop, in the app's language."""
        super()._call_soon(self._speaking_call, callback, *args)

    def _call_later(self, delay: float, callback):
        """Run ``callback`` after ``delay`` seconds, in the app's language."""
        return super()._call_later(delay, lambda: self._speaking_call(callback))

    def _speaking_call(self, callback, *args):
        with speaking(self):
            return callback(*args)

    # -- teammates ---------------------------------------------------------------------------

    def _check_live(self) -> None:
        """Ask (off the loop) whether a teammate saved and what the room's notice is; show
        both (a teammate's save only if nothing of ours waits)."""
        if self._live_reading or not self.page_open:
            return
        team, base = self.team, self.base_revision
        # A change the workspace refused stays on the page until the person acts on it.
        ours_waiting = (self.pending or self._inflight is not None
                        or self._failure_team == team)
        self._live_reading = True
        future = self._executor.submit(self._read_live, "" if ours_waiting else team, base)
        future.add_done_callback(
            lambda f: self._call_soon(self._apply_live, team, base, *f.result()))

    def refresh_from_workspace(self) -> bool:
        """Show a teammate's newer save and the room's notice now (what the live check
        does); True if there was a newer save."""
        self._live_reading = True
        found, notice = self._read_live(self.team, self.base_revision)
        with speaking(self):
            return self._apply_live(self.team, self.base_revision, found, notice)

    def _read_live(self, team: str, base: int):
        found = self._read_newer(team, base) if team else None
        return found, read_notice(self.workspace)

    def _apply_live(self, team: str, base: int, found, notice) -> bool:
        self._live_reading = False
        if notice is not NOT_READ:
            self.show_notice(notice)
        return self._apply_newer(team, base, found)

    def _read_newer(self, team: str, base: int):
        try:
            if self.workspace.latest_number(team) <= base:
                return None
            return self.workspace.load_with_revision(team)
        except Exception:  # a busy or lost database: the save status will say so
            return None

    def _apply_newer(self, team: str, base: int, found) -> bool:
        if (found is None or team != self.team or base != self.base_revision or self.pending
                or self._failure_team == team):
            return False
        plan, revision = found
        section = getattr(plan, self.section_key)
        self.base_revision, self._base_section = revision.number, section
        self.currency, self.locale = plan.currency, plan.locale
        self._in_language_of(plan)
        others_changed = self.plan is None or any(
            getattr(plan, name) != getattr(self.plan, name) for name in type(plan).model_fields
            if name not in (self.section_key, "updated_at"))
        self.plan = plan
        if section != self.section or others_changed:
            self.section = section
            self._show_quietly(section)
        self.show_saved(revision)
        return True
