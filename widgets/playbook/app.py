"""The playbook: the team's whole plan on one page, what is still open (each gap linked to
the app that fills it), the plan in every format to download, the plan compared with another
team's or a client scenario's (and the team copied as a variant for a what-if), and its
history, from which a section or the whole plan is restored.

The page shows the core's document (:mod:`socialplaybook.plan.document`), the same one the
HTML, PDF and XLSX exports write; the downloads are the files ``social-playbook export``
writes (:func:`socialplaybook.plan.export.export_plan`). It edits no section: a restore is
a new revision (the whole plan: ``Workspace.restore``; one section: ``restore_section``,
merged with a teammate's save made meanwhile), and teammates' saves appear as in every app.
"""

from __future__ import annotations

import html
import threading
from collections.abc import Callable

import ipywidgets as w

from socialplaybook.plan.completeness import plan_checklist
from socialplaybook.plan.document import plan_document
from socialplaybook.plan.export import export_formats, export_plan
from socialplaybook.plan.html import DOCUMENT_CSS, document_html
from socialplaybook.plan.model import Plan, PlanError
from socialplaybook.rules.i18n import _
from socialplaybook.steps.registry import section_steps
from socialplaybook.workspace.errors import WorkspaceError
from socialplaybook.workspace.history import last_changes
from socialplaybook.workspace.store import Revision
from widgets.app.read_only import ReadOnlyApp
from widgets.kit.card import card, row
from widgets.kit.labels import fit_label
from widgets.kit.messages import error_message, message_html
from widgets.playbook.compare import ComparePanel
from widgets.playbook.views import (
    PLAYBOOK_CSS,
    checklist_html,
    download_link_html,
    last_changes_html,
    revision_option,
)

HISTORY_SHOWN = 200  # the newest revisions listed (thinning keeps a day's to a few hundred)
WHOLE_PLAN = ""


class PlaybookApp(ReadOnlyApp):
    """The whole plan, its checklist, its downloads and its history (see the module doc)."""

    NOTEBOOK = "07-playbook.ipynb"  # its intro, translated in the team's language

    def build_workarea(self) -> list[w.Widget]:
        self._checklist = w.HTML()
        checklist = card(_("What is still open"), _(
            "Each step with what its checks still ask for; the link opens the step's app on "
            "your team."), [self._checklist])
        self.prepare_button = w.Button(description=_("Prepare the files"), icon="download",
                                       button_style="primary", layout=w.Layout(width="auto"))
        self.paper = w.Dropdown(options=[("A4", "a4"), ("Letter", "letter")], value="a4",
                                description=_("PDF paper"), layout=w.Layout(width="200px"))
        fit_label(self.paper, minimum_px=80, control_px=120)
        self._links = w.HTML()
        self.prepare_button.on_click(self._on_prepare)
        self.paper.observe(self._on_paper, names="value")
        downloads = card(_("Download the playbook"), _(
            "HTML opens offline and prints on A4 or Letter; PDF is the same document; the "
            "Excel workbook has a sheet per step; the plan file (JSON) uploads again on the "
            "start page."), [row([self.prepare_button, self.paper]), self._links])
        top = w.HBox([checklist, downloads])
        top.add_class("sp-pb-top")
        self._document = w.HTML()
        self._last_changes = w.HTML()
        self.history = w.Select(options=[], rows=10, description=_("Revisions"),
                                layout=w.Layout(width="100%"))
        self.restore_what = w.Dropdown(description=_("Restore"), layout=w.Layout(width="340px"),
                                       options=[(_("The whole plan"), WHOLE_PLAN)] + [
                                           (step.title, step.key) for step in section_steps()])
        fit_label(self.restore_what, minimum_px=80, control_px=260)
        self.restore_button = w.Button(description=_("Restore from this revision"),
                                       icon="undo", layout=w.Layout(width="auto"))
        self.restore_button.on_click(self._on_restore)
        self._history_message = w.HTML()
        history = card(_("History"), _(
            "Every save is kept. Restoring makes a new revision: nothing is lost, and a "
            "teammate's save made meanwhile is kept beside a restored section."),
            [self._last_changes, self.history, row([self.restore_what, self.restore_button]),
             self._history_message])
        self.compare = ComparePanel(self.workspace, lambda: self.presenting)
        return [w.HTML(PLAYBOOK_CSS), top, self.compare, self._document, history]

    # -- what the page shows ------------------------------------------------------------------

    @property
    def document(self) -> str:
        """The HTML of the plan's document as the page shows it."""
        return self._document.value

    @property
    def checklist(self) -> str:
        """The HTML of the checklist."""
        return self._checklist.value

    @property
    def links(self) -> str:
        """The HTML of the download links (and their note; "" before they are prepared)."""
        return self._links.value

    @property
    def history_message(self) -> str:
        """The HTML of the message under the history ("" when none)."""
        return self._history_message.value

    def show_plan(self, plan: Plan, revision: Revision) -> None:
        self._document.value = (f"<style>{DOCUMENT_CSS}</style><div class='sp-pb-document'>"
                                f"{document_html(plan_document(plan))}</div>")
        self._checklist.value = checklist_html(plan_checklist(plan), plan.team)
        self._links.value = ""  # files of an older revision: prepared again on demand
        self._show_history()
        self.compare.show(self.team, plan)

    def _show_history(self) -> None:
        try:
            revisions = self.workspace.revisions(self.team)
        except Exception as exc:  # a busy database: the plan is shown all the same
            self._history_message.value = message_html(_describe(exc))
            return
        chosen = self.history.value
        shown = revisions[:HISTORY_SHOWN]
        self.history.options = [(revision_option(r), r.number) for r in shown]
        if chosen in {r.number for r in shown}:
            self.history.value = chosen
        self._last_changes.value = last_changes_html(last_changes(revisions))

    # -- downloads ----------------------------------------------------------------------------

    def _on_prepare(self, _button=None) -> None:
        if self.plan is None or self.revision is None:
            return
        plan, revision, paper = self.plan, self.revision, self.paper.value
        language = self.language  # the page's: the plan's, or the link's ?lang=
        self._links.value = f'<p class="sp-file-note">{html.escape(_("Preparing…"))}</p>'
        self.prepare_button.disabled = True
        self._in_background(lambda: self._files(plan, paper, language),
                            lambda links: self._show_links(plan, revision, links))

    def _files(self, plan: Plan, paper: str, language: str) -> list[str]:
        links = []
        for export in export_formats():
            try:
                content = export_plan(plan, export.key, paper, language=language)
                links.append(download_link_html(content, export, plan.team))
            except PlanError as exc:  # the PDF without its renderer: say so, keep the rest
                links.append(f'<span class="sp-muted">{html.escape(str(exc))}</span>')
        return links

    def _show_links(self, plan: Plan, revision: Revision, links: list[str]) -> None:
        self.prepare_button.disabled = False
        if self.revision is None or revision.number != self.revision.number:
            return  # a newer revision came meanwhile: prepare again
        note = _("Team {team} · revision {n}").format(team=plan.team, n=revision.number)
        self._links.value = (f'<div class="sp-pb-links">{"".join(links)}</div>'
                             f'<p class="sp-file-note">{html.escape(note)}</p>')
        # A revision someone may have as a file is never thinned away (as the start page).
        threading.Thread(target=self._keep_downloadable, args=(plan.team, revision.number),
                         name="keep-download", daemon=True).start()

    def _keep_downloadable(self, team: str, number: int) -> None:
        try:
            self.workspace.protect(team, number, "download")
        except Exception:  # noqa: BLE001 - the files work all the same
            pass

    def _on_paper(self, _change) -> None:
        self._links.value = ""

    def _in_background(self, work: Callable, done: Callable) -> None:
        """Run ``work`` off the kernel's loop, then ``done(result)`` on it (at once outside
        a kernel, as in tests)."""
        if self._loop is None:
            done(work())
            return
        future = self._executor.submit(work)
        future.add_done_callback(lambda f: self._loop.add_callback(
            done, f.result() if f.exception() is None else [message_html(
                _describe(f.exception()))]))

    # -- restore ------------------------------------------------------------------------------

    def _on_restore(self, _button=None) -> None:
        number, section = self.history.value, self.restore_what.value
        if not self.team or self.revision is None:
            return
        if number is None:
            self._history_message.value = message_html(
                _("Choose the revision to restore from in the list."), "warning")
            return
        try:
            if section == WHOLE_PLAN:
                restored = self.workspace.restore(self.team, number)
                conflicts = ()
            else:
                result = self.workspace.restore_section(self.team, number, section,
                                                        self.revision.number)
                restored, conflicts = result.revision, result.conflicts
        except (WorkspaceError, ValueError) as exc:
            self._history_message.value = message_html(
                _("Nothing was restored: {reason}").format(reason=error_message(exc)))
            return
        self.reload()
        what = {key: label for label, key in self.restore_what.options}[section]
        text = _("{what} restored from revision {old} as revision {new}; the state before is "
                 "revision {before}, restore it to undo.").format(
                     what=what, old=number, new=restored.number, before=restored.number - 1)
        if conflicts:
            text += " " + _("A teammate had changed the same fields meanwhile; the restored "
                            "values are kept. Check them with your team.")
        self._history_message.value = message_html(text, "info")


def _describe(exc: BaseException | None) -> str:
    if isinstance(exc, (WorkspaceError, ValueError)):
        return error_message(exc)
    return _("the workspace could not be reached ({error}).").format(
        error=type(exc).__name__)
