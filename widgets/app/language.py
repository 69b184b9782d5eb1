"""Every callback of an app's widgets runs in its team's language.

The core's ``_()`` reads the language from a context (``socialplaybook.language``). An app
(``SectionFrame``) owns its widgets: each widget made while the app builds itself or runs
one of its callbacks belongs to it, and whenever a widget of it changes (a person typed,
the app set a value) or is clicked, the observers run in the app's language. So two apps
in one process (a test, a notebook holding two) each speak their own team's language, and
a step's own callbacks need nothing for it. In a served kernel (one page) the app also
makes its language the process's, for what runs outside any callback (threads, timers).
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import ipywidgets as w

from socialplaybook.language import Speaker
from socialplaybook.rules.i18n import use_language

_speaker: ContextVar[Speaker | None] = ContextVar("social_playbook_speaker", default=None)
# A weak reference to the owner in the widget's __dict__: no strong cycle, and code that
# walks a widget's attributes to close its parts (kit/items.py: dispose) never reaches the app.
_OWNER = "_sp_speaker"


def _owner(widget: w.Widget) -> Speaker | None:
    ref = widget.__dict__.get(_OWNER)
    return ref() if ref is not None else None


def _own(widget: w.Widget, speaker: Speaker) -> None:
    if _OWNER not in widget.__dict__:
        widget.__dict__[_OWNER] = weakref.ref(speaker)


@contextmanager
def speaking(speaker: Speaker) -> Iterator[None]:
    """Run the block in ``speaker``'s language (as it is when each text is looked up);
    widgets made in it belong to ``speaker``."""
    token = _speaker.set(speaker)
    try:
        with use_language(speaker):
            yield
    finally:
        _speaker.reset(token)


def owner_of(widget: w.Widget) -> Speaker | None:
    """The app a widget belongs to (None: made outside any app)."""
    return _owner(widget)


def adopt(widget: w.Widget, speaker: Speaker) -> None:
    """Make ``widget`` and every widget under it ``speaker``'s (those made before the app
    was, or outside its callbacks, and then put in it): its children and any widget a trait
    holds (a layout, a style shared by its rows)."""
    for item in widgets_under(widget).values():
        _own(item, speaker)


def widgets_under(root: w.Widget) -> dict[int, w.Widget]:
    """Every widget reachable from ``root`` through its synced traits (children, layout,
    style), by id."""
    found: dict[int, w.Widget] = {}
    stack: list[Any] = [root]
    while stack:
        item = stack.pop()
        if not isinstance(item, w.Widget) or id(item) in found:
            continue
        found[id(item)] = item
        for name in item.keys:
            value = getattr(item, name, None)
            stack.extend(value if isinstance(value, (list, tuple)) else (value,))
    return found


def build_again(app: w.Widget, box: w.Box, build: Callable[[], list[w.Widget]]
                ) -> dict[int, w.Widget]:
    """Fill ``box`` (an app's work area) with what ``build()`` makes now (in a new language)
    and close the controls it no longer shows; return every widget the app shows now.

    Kept open: layouts and styles (an app may share them with what it builds later) and any
    widget the app holds to show again later, with all it holds: an open widget must never
    hold a closed one, or sending its state to a page that reconnects fails.
    """
    before = widgets_under(box)
    box.children = build()
    after = widgets_under(app)
    kept: dict[int, w.Widget] = {}
    for value in vars(app).values():
        if isinstance(value, w.Widget):
            kept.update(widgets_under(value))
    for key, widget in before.items():
        if (key not in after and key not in kept and widget is not box
                and isinstance(widget, w.DOMWidget)):
            widget.close()
    return after


def _note_owner(widget: w.Widget) -> None:
    speaker = _speaker.get()
    if speaker is not None:
        _own(widget, speaker)


def _in_owners_language(method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    def run(self: w.Widget, *args: Any, **kwargs: Any) -> Any:
        speaker = _owner(self)
        if speaker is None or _speaker.get() is speaker:
            return method(self, *args, **kwargs)
        with speaking(speaker):
            return method(self, *args, **kwargs)

    run.__sp_language__ = True  # type: ignore[attr-defined]
    return run


def install() -> None:
    """Hook the widgets once per process: note each new widget's app, and run trait
    observers, messages from the page and clicks in that app's language."""
    if getattr(w.Widget.notify_change, "__sp_language__", False):
        return
    previous = w.Widget._widget_construction_callback

    def constructed(widget: w.Widget) -> None:
        _note_owner(widget)
        if callable(previous):
            previous(widget)

    w.Widget.on_widget_constructed(constructed)
    w.Widget.notify_change = _in_owners_language(w.Widget.notify_change)
    w.Widget._handle_msg = _in_owners_language(w.Widget._handle_msg)
    w.Button.click = _in_owners_language(w.Button.click)


install()
