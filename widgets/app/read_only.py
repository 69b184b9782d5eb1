"""ReadOnlyApp: the base of an app that shows a team's whole plan and edits no section of its
own (the playbook; a step with no section in the registry).

What it shares with StepApp is what every app on a team needs: the team picker (and the
page's ``?team=``), a guarded load that leaves no other team's plan on screen, teammates'
saves picked up by the same cheap check (the latest revision number, off the kernel's
loop, every ``LIVE_CHECK_SECONDS``), and the save status naming the revision shown. It
has no autosave: what it changes in the workspace (a restore) is stored by the action
itself, which then calls :meth:`reload`.

A subclass builds its controls in ``build_workarea()`` and shows a plan in
``show_plan(plan, revision)``.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import ipywidgets as w

from socialplaybook.plan.model import Plan
from socialplaybook.rules.i18n import _
from socialplaybook.workspace.errors import WorkspaceError
from socialplaybook.workspace.store import Revision, Workspace
from widgets.app.frame import SectionFrame
from widgets.app.language import build_again, speaking
from widgets.app.saves import APP_BUSY_TIMEOUT_SECONDS, LIVE_CHECK_SECONDS
from widgets.kit.team_picker import TeamPicker
from widgets.page.kernel import kernel_loop


class ReadOnlyApp(SectionFrame):
    """A team's whole plan, shown and kept up to date; see the module docstring."""

    def __init__(self, workspace: Workspace | None = None, *, title: str | None = None,
                 intro: str | None = None,
                 live_check_seconds: float = LIVE_CHECK_SECONDS) -> None:
        self.begin_language()
        with speaking(self):
            self._build(workspace, title, intro, live_check_seconds)

    def _build(self, workspace: Workspace | None, title: str | None, intro: str | None,
               live_check_seconds: float) -> None:
        self.workspace = workspace or Workspace(busy_timeout_seconds=APP_BUSY_TIMEOUT_SECONDS)
        self.team = ""  # the team whose plan is on screen ("" while none is)
        self.plan: Plan | None = None
        self.revision: Revision | None = None
        self._loop = kernel_loop()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sp-read")
        self.picker = TeamPicker(self.workspace)
        self.workarea = w.VBox(self.build_workarea(),
                               layout=w.Layout(display="none", margin="10px 0 0"))
        super().__init__(title=title, intro=intro, body=[self.picker, self.workarea])
        self.picker.observe(self._on_team, names="team")
        if self.picker.team:  # chosen from the page's ?team= before we were listening
            self._on_team({"new": self.picker.team})
        if self._loop is not None and live_check_seconds > 0:
            from tornado.ioloop import PeriodicCallback

            self._live = PeriodicCallback(self._check_live, live_check_seconds * 1000)
            self._live.start()

    # -- what an app implements ------------------------------------------------------------

    def build_workarea(self) -> list[w.Widget]:
        """The app's controls (shown once a team is open)."""
        raise NotImplementedError

    def show_plan(self, plan: Plan, revision: Revision) -> None:
        """Show ``plan`` (the team's plan at ``revision``) after a load or a teammate's save."""
        raise NotImplementedError

    # -- teams -------------------------------------------------------------------------------

    def _on_team(self, change) -> None:
        self._open(change["new"] or "")

    def _open(self, team: str) -> None:
        """Show ``team``'s plan, or nothing when it cannot be read (guarded load)."""
        self.team, self.plan, self.revision = "", None, None
        self.clear_message()
        if not team:
            self.workarea.layout.display = "none"
            self.clear_status()
            return
        try:
            plan, revision = self.workspace.load_with_revision(team)
            self.team, self.plan, self.revision = team, plan, revision
            self._in_language_of(plan)
            self.show_plan(plan, revision)
        except Exception as exc:
            self.team, self.plan, self.revision = "", None, None
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

    def reload(self) -> bool:
        """Read the team's latest plan now and show it if it is newer; True if it was."""
        found = self._read_newer(self.team, self.revision.number) if self.team else None
        return self._apply_newer(self.team, found)

    # -- teammates ---------------------------------------------------------------------------

    def _check_live(self) -> None:
        """Ask (off the loop) whether a teammate saved; show it when they did."""
        if not self.team or self.revision is None:
            return
        team, number = self.team, self.revision.number
        future = self._executor.submit(self._read_newer, team, number)
        future.add_done_callback(
            lambda f: self._loop.add_callback(self._apply_newer_speaking, team, f.result()))

    def _read_newer(self, team: str, number: int):
        try:
            if self.workspace.latest_number(team) <= number:
                return None
            return self.workspace.load_with_revision(team)
        except Exception:  # a busy or lost database: the next check tries again
            return None

    def _apply_newer_speaking(self, team: str, found) -> bool:
        with speaking(self):
            return self._apply_newer(team, found)

    def _apply_newer(self, team: str, found) -> bool:
        if found is None or team != self.team:
            return False
        plan, revision = found
        if self.revision is not None and revision.number <= self.revision.number:
            return False
        self.plan, self.revision = plan, revision
        self._in_language_of(plan)  # a teammate may have chosen another
        self.show_plan(plan, revision)
        self.show_saved(revision)
        return True

    # -- the team's language -----------------------------------------------------------------

    def _in_language_of(self, plan: Plan) -> None:
        """Build the work area again if ``plan``'s team speaks another language (the caller
        shows the plan in it)."""
        self._relabelling_only = True
        try:
            self.set_team_language(plan.language)
        finally:
            self._relabelling_only = False

    def relabel(self) -> None:
        """The frame, the team picker and the work area in ``self.language``; the open
        team's plan shown in it."""
        super().relabel()
        self.picker.relabel()
        build_again(self, self.workarea, self.build_workarea)
        if self.plan is not None and not getattr(self, "_relabelling_only", False):
            self.show_plan(self.plan, self.revision)
