"""The facilitator's room view: every team side by side, live, the room's notice and every
team's playbook at once.

It opens only with the facilitator's key in its link (``?key=``, printed by ``serve``),
checked here in the kernel against the hash ``serve`` gave it
(:mod:`socialplaybook.serve.roles`); without it the view says it is for the facilitator and
shows nothing of the room. It changes nothing in the teams' plans: its actions are the
room's notice and the zip of the playbooks (whose revisions it protects from thinning).

Live, as cheaply as the step apps: every ``LIVE_CHECK_SECONDS`` one query reads every
team's latest revision number (and the room's notice); only a team whose number changed
has its plan read again and its row recomputed (:func:`socialplaybook.plan.room.room_row`).
"""

from __future__ import annotations

import base64
import html
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime

import ipywidgets as w

from socialplaybook.plan.model import utc_now
from socialplaybook.plan.room import RoomRow, filter_rows, room_row, sort_labels, sort_rows
from socialplaybook.rules.i18n import _, ngettext
from socialplaybook.serve.roles import facilitator_key_hash, key_matches
from socialplaybook.steps.registry import section_steps
from socialplaybook.workspace.room import NOTICE_MAX_MINUTES, RoomNotice
from socialplaybook.workspace.store import Workspace
from widgets.app.frame import SectionFrame
from widgets.app.notice import NOT_READ, read_notice
from widgets.app.saves import APP_BUSY_TIMEOUT_SECONDS, LIVE_CHECK_SECONDS
from widgets.facilitator.views import notice_status_html, radars_html, teams_table_html
from widgets.kit.card import card, row, stacked
from widgets.kit.messages import error_message, message_html
from widgets.page.kernel import kernel_loop, on_page_open

ANY_STEP = "*"
ZIP_NAME = "playbooks.zip"


class FacilitatorApp(SectionFrame):
    """Every team side by side, for the facilitator who holds the key (module docstring)."""

    def __init__(self, workspace: Workspace | None = None, *, key_hash: str | None = None,
                 live_check_seconds: float = LIVE_CHECK_SECONDS) -> None:
        self.workspace = workspace or Workspace(busy_timeout_seconds=APP_BUSY_TIMEOUT_SECONDS)
        self._key_hash = facilitator_key_hash() if key_hash is None else key_hash
        self._live_check_seconds = live_check_seconds
        self.unlocked = False
        self.rows: dict[str, RoomRow] = {}  # team -> its row, as of its latest revision
        self.plans_read = 0  # plans read since the view opened (the live check's cost)
        self._room_notice: RoomNotice | None = None
        self._drawn_minute = -1
        self._reading = False
        self._loop = kernel_loop()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sp-room")
        self._live = None
        self._locked = w.HTML(self._locked_html())
        super().__init__(body=[self._locked])
        self.add_class("sp-facilitator")
        on_page_open(self._on_query)

    # -- the key ---------------------------------------------------------------------------

    def _locked_html(self, wrong_key: bool = False) -> str:
        if not self._key_hash:
            text = _("This view is for the workshop's facilitator, and this server was "
                     "started without a facilitator's key: start the workshop with "
                     "social-playbook serve, which prints the facilitator's link.")
        elif wrong_key:
            text = _("This view is for the workshop's facilitator. The key in this link is "
                     "not the facilitator's: open the facilitator's link social-playbook "
                     "serve printed.")
        else:
            text = _("This view is for the workshop's facilitator: open it with the "
                     "facilitator's link social-playbook serve printed (it ends with "
                     "?key=…).")
        return message_html(text, "warning")

    def _on_query(self, query: dict[str, str]) -> None:
        key = query.get("key", "")
        if not self.unlock(key) and key:
            self._locked.value = self._locked_html(wrong_key=True)

    def unlock(self, key: str) -> bool:
        """Open the view if ``key`` is the facilitator's; True when it is open."""
        if self.unlocked:
            return True
        if not key_matches(key, self._key_hash):
            return False
        self.unlocked = True
        self._build()
        self.refresh()
        if self._loop is not None and self._live_check_seconds > 0:
            from tornado.ioloop import PeriodicCallback

            self._live = PeriodicCallback(self._check_live, self._live_check_seconds * 1000)
            self._live.start()
        return True

    # -- the view --------------------------------------------------------------------------

    def _build(self) -> None:
        self.find = w.Text(placeholder=_("Part of a team's name"),
                           description=_("Find a team"), layout=w.Layout(width="280px"))
        steps = [(_("Any step"), ANY_STEP), (_("Start"), "")] + [
            (step.title, step.key) for step in section_steps()]
        self.step_filter = w.Dropdown(options=steps, value=ANY_STEP,
                                      description=_("On step"), layout=w.Layout(width="220px"))
        self.sort_by = w.Dropdown(options=[(label, key) for key, label in sort_labels().items()],
                                  value="activity", description=_("Sort by"),
                                  layout=w.Layout(width="300px"))
        for control in (self.find, self.step_filter, self.sort_by):
            stacked(control)
            control.observe(lambda _change: self._draw(), names="value")
        self._count = w.HTML()
        self._table = w.HTML()
        self._radars = w.HTML()

        self.notice_text = w.Text(
            placeholder=_("e.g. 10 minutes left, or: open the budget app"),
            description=_("Notice to every open page"), layout=w.Layout(width="460px"))
        self.notice_minutes = w.BoundedIntText(
            value=0, min=0, max=NOTICE_MAX_MINUTES,
            description=_("Countdown in minutes (0: none)"), layout=w.Layout(width="220px"))
        self.post_button = w.Button(description=_("Show to the room"), button_style="primary",
                                    layout=w.Layout(width="auto"))
        self.clear_button = w.Button(description=_("Take it down"),
                                     layout=w.Layout(width="auto"))
        for control in (self.notice_text, self.notice_minutes):
            stacked(control)
        self.post_button.on_click(self._on_post)
        self.clear_button.on_click(self._on_clear)
        self._notice_now = w.HTML()
        self._notice_message = w.HTML()

        self.export_button = w.Button(description=_("Prepare every team's playbook (zip)"),
                                      icon="download", layout=w.Layout(width="auto"))
        self.export_button.on_click(self._on_export)
        self._download = w.HTML()

        self.body.children = [
            card(_("The room's notice"), _(
                "Shown on every open page within seconds, over the app, blocking nothing; "
                "with a countdown, it ends by itself."), [
                row([self.notice_text, self.notice_minutes, self.post_button,
                     self.clear_button]),
                self._notice_message, self._notice_now]),
            row([self.find, self.step_filter, self.sort_by, self._count]),
            card(_("Every team"), _(
                "Live: a team's line changes within seconds of its save. A team's name "
                "opens the app it is on; each step's mark opens that step on the team."),
                [self._table]),
            card(_("Myth audits, overlaid"), _(
                "Each team's health score per area (0 at the centre, 100 at the rim)."),
                [self._radars]),
            card(_("Every team's playbook"), _(
                "A zip with a folder per team: its plan as JSON and its playbook as "
                "Markdown. Those revisions are kept through thinning."),
                [row([self.export_button]), self._download]),
        ]

    def shown_rows(self) -> list[RoomRow]:
        """The teams the view shows now: filtered and sorted as the facilitator chose."""
        step = self.step_filter.value
        rows = filter_rows(list(self.rows.values()), self.find.value,
                           None if step == ANY_STEP else step)
        return sort_rows(rows, self.sort_by.value)

    def _draw(self) -> None:
        if not self.unlocked:
            return
        now = utc_now()
        self._drawn_minute = int(now.timestamp() // 60)
        shown = self.shown_rows()
        colours = {team: n for n, team in enumerate(sorted(self.rows, key=str.casefold))}
        self._table.value = teams_table_html(shown, now)
        self._radars.value = radars_html(shown, colours)
        self._count.value = '<p class="sp-muted">' + html.escape(ngettext(
            "{shown} of {n} team shown", "{shown} of {n} teams shown", len(self.rows)).format(
                shown=len(shown), n=len(self.rows))) + "</p>"
        self._notice_now.value = notice_status_html(self._room_notice, now)

    # -- live --------------------------------------------------------------------------------

    def refresh(self) -> bool:
        """Read what changed since the last check and show it now; True if anything did."""
        self._reading = True
        return self._apply(*self._read_changes(self._known()))

    def _known(self) -> dict[str, int]:
        return {team: row.revision for team, row in self.rows.items()}

    def _check_live(self) -> None:
        if self._reading:
            return
        self._reading = True
        future = self._executor.submit(self._read_changes, self._known())
        future.add_done_callback(lambda f: self._call_soon(self._apply, *f.result()))

    def _read_changes(self, known: dict[str, int]):
        """Off the loop: every team's latest revision (one query), the rows of the teams
        whose revision changed (their plans read), and the room's notice."""
        today = date.today()
        try:
            latest = self.workspace.latest_revisions()
        except Exception:  # a busy or lost database: the next check tries again
            return None, {}, read_notice(self.workspace)
        changed: dict[str, RoomRow] = {}
        for revision in latest:
            if known.get(revision.team) == revision.number:
                continue
            try:
                plan, stored = self.workspace.load_with_revision(revision.team)
            except Exception:  # gone meanwhile, or the database failed: next time
                continue
            self.plans_read += 1
            changed[revision.team] = room_row(plan, stored.number, stored.saved_at,
                                              stored.section, today)
        return {r.team for r in latest}, changed, read_notice(self.workspace)

    def _apply(self, teams: set[str] | None, changed: dict[str, RoomRow], notice) -> bool:
        self._reading = False
        updated = bool(changed)
        if teams is not None:
            gone = [team for team in self.rows if team not in teams]
            for team in gone:
                del self.rows[team]
            updated = updated or bool(gone)
        self.rows.update(changed)
        if notice is not NOT_READ:
            self.show_notice(notice)
            if notice != self._room_notice:
                self._room_notice = notice
                updated = True
        minute = int(utc_now().timestamp() // 60)
        if updated or minute != self._drawn_minute:  # "4 min ago" moves on by itself
            self._draw()
        return updated

    def _call_soon(self, callback: Callable, *args) -> None:
        if self._loop is not None:
            self._loop.add_callback(callback, *args)
        else:
            callback(*args)

    # -- actions -------------------------------------------------------------------------------

    def _on_post(self, _button=None) -> None:
        minutes = self.notice_minutes.value or None
        try:
            notice = self.workspace.post_notice(self.notice_text.value, minutes)
        except ValueError as exc:  # the text or the minutes refused (ValidationError too)
            self._notice_message.value = message_html(error_message(exc))
            return
        except Exception as exc:  # the database itself failed
            self._notice_message.value = message_html(_(
                "The notice could not be shown ({error}); try again.").format(
                    error=type(exc).__name__))
            return
        self._notice_message.value = ""
        self._show_posted(notice)

    def _on_clear(self, _button=None) -> None:
        try:
            self.workspace.clear_notice()
        except Exception as exc:
            self._notice_message.value = message_html(_(
                "The notice could not be taken down ({error}); try again.").format(
                    error=type(exc).__name__))
            return
        self._notice_message.value = ""
        self._show_posted(None)

    def _show_posted(self, notice: RoomNotice | None) -> None:
        self._room_notice = notice
        self.show_notice(notice)
        self._notice_now.value = notice_status_html(notice, utc_now())

    def _on_export(self, _button=None) -> None:
        self.export_button.disabled = True
        self._download.value = message_html(_("Preparing the playbooks…"), "info")
        if self._loop is None:
            self._export()
        else:
            threading.Thread(target=self._export, name="sp-room-export", daemon=True).start()

    def _export(self) -> None:
        try:
            content, revisions = self.workspace.export_playbooks()
        except Exception as exc:
            shown = message_html(_("The playbooks could not be prepared ({error}); try "
                                   "again.").format(error=type(exc).__name__))
        else:
            shown = download_html(content, len(revisions), utc_now())
        self._call_soon(self._show_download, shown)

    def _show_download(self, shown: str) -> None:
        self._download.value = shown
        self.export_button.disabled = False


def download_html(content: bytes, teams: int, when: datetime) -> str:
    """A link that downloads the zip of the playbooks (a data URL: Voila serves no files)."""
    payload = base64.b64encode(content).decode("ascii")
    stamp = when.astimezone().strftime("%Y-%m-%d-%H%M")
    name = f"playbooks-{stamp}.zip"
    label = ngettext("Download the playbooks of {n} team (zip)",
                     "Download the playbooks of {n} teams (zip)", teams).format(n=teams)
    return (f'<a class="sp-download-link" download="{html.escape(name, quote=True)}" '
            f'href="data:application/zip;base64,{payload}">{html.escape(label)}</a>')
