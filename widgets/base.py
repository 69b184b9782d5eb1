"""What every workshop app reuses: the look, the team picker, the section frame, autosave.

Widgets here hold no business rules: they read traits, call the core, show the result.
"""

from __future__ import annotations

import html
import logging
import os
import sys
import threading
import traceback
from collections.abc import Callable
from datetime import timezone
from urllib.parse import parse_qs

import ipywidgets as w
from pydantic import ValidationError
from traitlets import Unicode

from socialplaybook.rules.checks import Check
from socialplaybook.rules.i18n import _
from socialplaybook.rules.messages import field_error_message
from socialplaybook.workspace.errors import WorkspaceError
from socialplaybook.workspace.store import Revision, Workspace
from widgets.page_sync import note_updates_until_connected, when_connected
from widgets.style import app_style


def message_html(text: str, level: str = "error") -> str:
    """An inline message box (``level``: error, warning or info) as escaped HTML."""
    return f'<div class="sp-msg sp-msg-{level}" role="status">{html.escape(text)}</div>'


def checks_html(checks: list[Check]) -> str:
    """The core's checks as a list: a mark, the message, and its one-line why."""
    items = "".join(
        f'<li class="sp-check-{c.level}">{html.escape(c.message)}'
        f'<span class="sp-why">{html.escape(c.why)}</span></li>' for c in checks)
    return f'<div class="sp-checks"><ul>{items}</ul></div>'


def format_revision(revision: Revision) -> str:
    """The save status a person reads, e.g. "Saved · revision 14 · 12:03"."""
    local = revision.saved_at.astimezone(timezone.utc).astimezone()
    return _("Saved · revision {n} · {time}").format(n=revision.number,
                                                      time=local.strftime("%H:%M"))


def on_page_open(callback: Callable[[dict[str, str]], None]) -> None:
    """Call ``callback(query)`` once a person opens the page this kernel serves.

    Voila prepares preheated kernels before anyone asks for the page, so what was read
    from the workspace then (the list of teams) may be stale by the time someone comes;
    this runs ``callback`` with the page's query parameters when they do. Outside Voila
    it does nothing.
    """
    preheat = os.environ.get("VOILA_PREHEAT")
    if preheat is None:  # not served by Voila
        return
    if preheat == "False":  # a kernel started for this request: the query is known now
        note_updates_until_connected()
        callback(_page_query())
        return

    delivered = threading.Event()

    def deliver(query: dict[str, str]) -> None:
        if not delivered.is_set():
            delivered.set()
            callback(query)

    # Should Voila's word never come (its wait for the request failed), the page itself
    # says which link it was opened with when it connects.
    when_connected(deliver)

    # Widgets are not thread-safe: the wait happens in a thread, the callback runs on the
    # kernel's own loop, between the messages (clicks, edits) it handles.
    main_loop = _kernel_loop()

    def wait_then_call() -> None:
        try:
            from voila.utils import wait_for_request

            wait_for_request()
        except Exception:  # the server went away before anyone opened the page
            return
        note_updates_until_connected()
        query = _page_query()
        if main_loop is None:
            deliver(query)
        else:
            main_loop.add_callback(deliver, query)

    threading.Thread(target=wait_then_call, daemon=True, name="sp-page-open").start()


_ERRORS_REPORTED = False


def report_errors_to_server_log(stream=None) -> None:
    """Send exceptions in widget callbacks to the server's log (the kernel's real stderr).

    Voila shows participants none of them (tracebacks are hidden, and a callback's error
    goes to a front end no one sees), so without this a failing click leaves no trace for
    the facilitator or the tests. Idempotent; outside a kernel it only adds the log handler.
    """
    global _ERRORS_REPORTED
    if _ERRORS_REPORTED:
        return
    _ERRORS_REPORTED = True
    stream = stream or sys.__stderr__
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("[social-playbook kernel] %(name)s: %(message)s"))
    handler.setLevel(logging.WARNING)
    for name in ("Comm", "comm", "ipywidgets", "traitlets"):
        logging.getLogger(name).addHandler(handler)
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is None:
        return

    shown = shell.showtraceback  # ipywidgets reports a failed callback through this

    def show_and_log(*args, **kwargs):
        etype, value, tb = sys.exc_info()
        if etype is not None:
            stream.write("[social-playbook kernel] Traceback (an app callback failed):\n"
                         + "".join(traceback.format_exception(etype, value, tb)))
            stream.flush()
        return shown(*args, **kwargs)

    shell.showtraceback = show_and_log


def _kernel_loop():
    """The kernel's main event loop (a tornado IOLoop), or None outside a kernel."""
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    shell = get_ipython()
    return getattr(getattr(shell, "kernel", None), "io_loop", None)


def _page_query() -> dict[str, str]:
    query = parse_qs(os.environ.get("QUERY_STRING", ""))
    return {key: values[-1] for key, values in query.items()}


class TeamPicker(w.VBox):
    """Choose an existing team or create one; ``team`` is the chosen name ("" for none)."""

    team = Unicode("").tag(sync=False)

    def __init__(self, workspace: Workspace | None = None, **kwargs) -> None:
        self.workspace = workspace or Workspace()
        self.dropdown = w.Dropdown(description=_("Your team"), layout=w.Layout(width="320px"),
                                   style={"description_width": "80px"})
        self.new_name = w.Text(placeholder=_("New team name"), layout=w.Layout(width="220px"))
        self.create_button = w.Button(description=_("Create team"), button_style="primary",
                                      layout=w.Layout(width="auto"))
        self._message = w.HTML()
        self._refreshing = False
        self._refresh_options()
        self.dropdown.observe(self._on_choose, names="value")
        self.create_button.on_click(self._on_create)
        row = w.HBox([self.dropdown, w.Label(_("or")), self.new_name, self.create_button])
        row.add_class("sp-bar")
        super().__init__([row, self._message], **kwargs)
        self.add_class("sp-team-picker")
        on_page_open(self.open_from_query)

    @property
    def message(self) -> str:
        """The picker's own message ("" when none)."""
        return self._message.value

    def open_from_query(self, query: dict[str, str]) -> None:
        """Choose the team the page's link names (``?team=``), or say that there is none."""
        self.refresh()
        asked = " ".join(query.get("team", "").split())
        if not asked:
            return
        match = next((name for name in _options_values(self.dropdown)
                      if name and name.casefold() == asked.casefold()), None)
        if match is not None:
            self.dropdown.value = match
            return
        teams = [name for name in _options_values(self.dropdown) if name]
        listed = (_("The teams here: {names}.").format(names=", ".join(teams)) if teams
                  else _("There are no teams here yet."))
        self._message.value = message_html(
            _("The link names team \"{team}\", which is not in this workspace (an old or "
              "mistyped link?). Nothing of yours is lost: choose your team below or create "
              "it. {listed}").format(team=asked[:80], listed=listed), "warning")

    def _refresh_options(self) -> None:
        names = self.workspace.team_names()
        placeholder = _("Choose…") if names else _("No teams yet: create one")
        current = self.dropdown.value
        options = [(placeholder, "")] + [(name, name) for name in names]
        # Replacing the options passes the value through the first option: not a choice.
        self._refreshing = True
        try:
            self.dropdown.options = options
            self.dropdown.value = current if current in names else ""
        finally:
            self._refreshing = False

    def refresh(self) -> None:
        """Reload the list of teams (others may have created teams meanwhile)."""
        self._refresh_options()
        if self.team != self.dropdown.value:
            self.team = self.dropdown.value or ""

    def _on_choose(self, change) -> None:
        if self._refreshing:
            return
        self._message.value = ""
        self.team = change["new"] or ""

    def _on_create(self, _button=None) -> None:
        try:
            plan = self.workspace.create_team(self.new_name.value)
        except WorkspaceError as exc:
            self._message.value = message_html(str(exc))
            return
        except ValueError as exc:  # the name broke a Plan rule
            self._message.value = message_html(error_message(exc))
            return
        except Exception as exc:  # the database itself failed
            self._message.value = message_html(_("The team could not be created ({error}); "
                                                 "try again.").format(error=type(exc).__name__))
            return
        self._message.value = ""
        self.new_name.value = ""
        self._refresh_options()
        self.dropdown.value = plan.team  # one change, from the old team to the new one

    def select(self, name: str) -> None:
        """Choose a team by name, as if picked from the list."""
        self._refresh_options()
        self.dropdown.value = name


def _options_values(dropdown: w.Dropdown) -> list[str]:
    return [value for _label, value in dropdown.options]


def error_message(exc: Exception, labels: dict[str, str] | None = None) -> str:
    """The person-readable part of a validation error, naming the field by its label."""
    if isinstance(exc, ValidationError):
        return field_error_message(exc, labels)
    return str(exc)


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
