"""The frame of every app: title, intro, an inline message area and the save status.
"""

from __future__ import annotations

import html
from datetime import timezone

import ipywidgets as w

from socialplaybook.rules.i18n import _
from socialplaybook.workspace.store import Revision
from widgets.kit.messages import message_html
from widgets.kit.style import app_style
from widgets.page.kernel import report_errors_to_server_log


def format_revision(revision: Revision) -> str:
    """The save status a person reads, e.g. "Saved · revision 14 · 12:03"."""
    local = revision.saved_at.astimezone(timezone.utc).astimezone()
    return _("Saved · revision {n} · {time}").format(n=revision.number,
                                                      time=local.strftime("%H:%M"))


class SectionFrame(w.VBox):
    """A step's frame: title, two-line intro, an inline message area and the save status."""

    def __init__(self, title: str | None = None, intro: str | None = None,
                 body: list[w.Widget] | None = None, **kwargs) -> None:
        # In an app the notebook's own "# Title" cell names the step; then title is None.
        heading = f"<h2>{html.escape(title)}</h2>" if title else ""
        lead = f"<p>{html.escape(intro)}</p>" if intro else ""
        self._title = w.HTML(f'<div class="sp-title">{heading}{lead}</div>',
                             layout=w.Layout(display=None if title or intro else "none"))
        self._message = w.HTML()
        self._status = w.HTML(layout=w.Layout(margin="0 0 0 auto"))  # right-aligned
        self.body = w.VBox(body or [])
        header = w.HBox([self._title, self._status],
                        layout=w.Layout(justify_content="space-between", align_items="flex-end"))
        report_errors_to_server_log()
        self._style = app_style()
        super().__init__([self._style, header, self._message, self.body], **kwargs)
        self.add_class("sp-app")

    def set_page_team(self, team: str) -> None:
        """The team the page works on: "Reload" after a lost connection reopens it."""
        self._style.watch.team = team

    @property
    def message(self) -> str:
        """The HTML currently shown in the message area ("" when clear)."""
        return self._message.value

    @property
    def status(self) -> str:
        """The HTML currently shown as save status."""
        return self._status.value

    def show_message(self, text: str, level: str = "error") -> None:
        """Show an inline error, warning or info message."""
        self._message.value = message_html(text, level)

    def clear_message(self) -> None:
        """Remove the inline message."""
        self._message.value = ""

    def show_saving(self) -> None:
        """Tell the person a change is on its way to the workspace."""
        self._status.value = f'<span class="sp-status sp-status-saving">{_("Saving…")}</span>'

    def show_saved(self, revision: Revision) -> None:
        """Tell the person the change is safely stored."""
        self._status.value = (
            f'<span class="sp-status">{html.escape(format_revision(revision))}</span>')

    def show_save_failed(self, reason: str) -> None:
        """Tell the person the last change is not stored yet, and why."""
        self._status.value = (
            f'<span class="sp-status sp-status-failed">'
            f'{html.escape(_("Not saved: {reason}").format(reason=reason))}</span>')

    def clear_status(self) -> None:
        """Show no save status (no team chosen)."""
        self._status.value = ""
