"""The frame of every app: title, intro, the room's notice, an inline message area and the
save status; presenter mode for a projector (``?present=1``); the page's language.

The language is the team's (``Plan.language``), or the one the page's link asks for
(``?lang=de``: that page only). Until a team is open it is the process's default (English
unless ``SOCIAL_PLAYBOOK_LANG`` says otherwise). When it changes, ``relabel()`` shows the
app's texts again in the new language (see ``widgets/app/language.py`` for how every
callback runs in it). In a language other than English the frame shows the notebook's
title and intro translated and hides the notebook's own (English) cell.
"""

from __future__ import annotations

import html
import os
from datetime import timezone

import ipywidgets as w

from socialplaybook.rules.i18n import (
    _,
    current_language,
    language_tag,
    parse_language,
    set_process_language,
)
from socialplaybook.rules.intros import notebook_intro
from socialplaybook.workspace.room import RoomNotice
from socialplaybook.workspace.store import Revision
from widgets.app.language import adopt, speaking
from widgets.app.notice import RoomBanner
from widgets.kit.messages import message_html
from widgets.kit.style import app_style
from widgets.page.kernel import known_page_query, on_page_open, report_errors_to_server_log

PRESENT_VALUES = frozenset({"1", "true", "yes", "on"})


def format_revision(revision: Revision) -> str:
    """The save status a person reads, e.g. "Saved · revision 14 · 12:03"."""
    local = revision.saved_at.astimezone(timezone.utc).astimezone()
    return _("Saved · revision {n} · {time}").format(n=revision.number,
                                                      time=local.strftime("%H:%M"))


def asks_to_present(query: dict[str, str]) -> bool:
    """Whether a page's link asks for presenter mode (``?present=1``)."""
    return query.get("present", "").strip().lower() in PRESENT_VALUES


def language_asked(query: dict[str, str]) -> str | None:
    """The language a page's link asks for (``?lang=de``, ``?lang=zh-CN``), or None."""
    return parse_language(query.get("lang", ""))


class SectionFrame(w.VBox):
    """A step's frame: title, two-line intro, the room's notice (a bar that blocks nothing),
    an inline message area and the save status, in the page's ``language``."""

    NOTEBOOK: str | None = None  # the notebook the app is in: its intro, translated

    def __init__(self, title: str | None = None, intro: str | None = None,
                 body: list[w.Widget] | None = None, **kwargs) -> None:
        self.begin_language()
        with speaking(self):
            # In an app the notebook's own "# Title" cell names the step; then title is None.
            self._given_title, self._given_intro = title, intro
            self._title = w.HTML()
            self._message = w.HTML()
            self._status = w.HTML(layout=w.Layout(margin="0 0 0 auto"))  # right-aligned
            self.body = w.VBox(body or [])
            header = w.HBox([self._title, self._status],
                            layout=w.Layout(justify_content="space-between",
                                            align_items="flex-end"))
            report_errors_to_server_log()
            self._style = app_style()
            self._notice = RoomBanner()
            super().__init__([self._style, self._notice, header, self._message, self.body],
                             **kwargs)
            self.add_class("sp-app")
            self._show_title()
        adopt(self, self)
        # A kernel Voila keeps ready in a pool serves nobody yet: it reads no notice (a
        # room's pools hold hundreds of them) until a person opens its page.
        self.page_open = os.environ.get("VOILA_PREHEAT") != "True"
        on_page_open(self._on_page_query)

    def _on_page_query(self, query: dict[str, str]) -> None:
        self.page_open = True
        if asks_to_present(query):
            self.set_presenting(True)
        asked = language_asked(query)
        if asked is not None:
            self._page_language = asked
            self.apply_language()

    # -- the page's language ----------------------------------------------------------------

    def begin_language(self) -> None:
        """Decide the language the app is built in (first thing in ``__init__``): the
        link's ``?lang=`` when the page is already known, else the process's default."""
        if "language" in self.__dict__:
            return
        self._default_language = current_language()
        self._team_language: str | None = None
        query = known_page_query()
        self._page_language = language_asked(query) if query is not None else None
        self.language = self._page_language or self._default_language
        self._status_shown: tuple = ()
        self._language_of_process()

    def _language_of_process(self) -> None:
        if os.environ.get("VOILA_PREHEAT") is not None:  # a served kernel: one page
            set_process_language(self.language)

    def set_team_language(self, code: str) -> bool:
        """The open team's language (from its plan); True if the page changed language."""
        self._team_language = code
        return self.apply_language()

    def apply_language(self) -> bool:
        """Show the page in the language it should be in now (the link's, else the team's,
        else the default); True if that changed it."""
        wanted = self._page_language or self._team_language or self._default_language
        if wanted == self.language:
            return False
        self.language = wanted
        self._language_of_process()
        with speaking(self):
            self.relabel()
        adopt(self, self)
        return True

    def relabel(self) -> None:
        """Show every text of the app again in ``self.language`` (which is current here).

        The frame's own; an app adds its controls' (``StepApp`` builds its work area again).
        """
        self._show_title()
        kind, *args = self._status_shown or ("",)
        if kind:
            getattr(self, kind)(*args)

    def _show_title(self) -> None:
        title, intro, hide_cell = self._given_title, self._given_intro, ""
        if self.NOTEBOOK and self.language != "en":
            translated = notebook_intro(self.NOTEBOOK, self.language)
            title, intro = title or translated.title, intro or translated.text
            # the notebook's English cell, in Voila's page only (never JupyterLab's)
            hide_cell = "<style>body[data-voila] .jp-MarkdownCell { display: none; }</style>"
        heading = f"<h2>{html.escape(title)}</h2>" if title else ""
        lead = "".join(f"<p>{html.escape(part)}</p>" for part in (intro or "").split("\n\n")
                       if part.strip())
        self._title.value = (f'{hide_cell}<div class="sp-title" '
                             f'lang="{language_tag(self.language)}">{heading}{lead}</div>')
        self._title.layout.display = None if title or intro else "none"
        for code in ("en", "de", "nb", "zh_Hans", "ka"):
            self.remove_class(f"sp-lang-{code}")
        self.add_class(f"sp-lang-{self.language}")

    # -- presenter mode and the room's notice -----------------------------------------------

    @property
    def presenting(self) -> bool:
        """Whether the page is in presenter mode: shown to the room, not edited."""
        notice = getattr(self, "_notice", None)  # None while the frame is being built
        return notice is not None and notice.present

    def set_presenting(self, on: bool = True) -> None:
        """Presenter mode for a projector: larger type, high contrast, no editing chrome."""
        self._notice.present = bool(on)
        if on:
            self.add_class("sp-present")
        else:
            self.remove_class("sp-present")

    @property
    def notice(self) -> str:
        """The text of the room's notice the page shows ("" when none)."""
        return self._notice.text

    def show_notice(self, notice: RoomNotice | None) -> None:
        """Show the room's notice (None: none); the page counts a countdown down itself."""
        self._notice.show(notice)

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
        self._status_shown = ("show_saving",)
        self._status.value = f'<span class="sp-status sp-status-saving">{_("Saving…")}</span>'

    def show_saved(self, revision: Revision) -> None:
        """Tell the person the change is safely stored."""
        self._status_shown = ("show_saved", revision)
        self._status.value = (
            f'<span class="sp-status">{html.escape(format_revision(revision))}</span>')

    def show_save_failed(self, reason: str) -> None:
        """Tell the person the last change is not stored yet, and why."""
        self._status_shown = ("show_save_failed", reason)
        self._status.value = (
            f'<span class="sp-status sp-status-failed">'
            f'{html.escape(_("Not saved: {reason}").format(reason=reason))}</span>')

    def clear_status(self) -> None:
        """Show no save status (no team chosen)."""
        self._status_shown = ()
        self._status.value = ""
