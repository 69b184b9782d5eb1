"""Changes the kernel makes while a page is still connecting reach that page.

A Voila page asks its kernel for every widget's state once (ipywidgets' ``request_states``)
and then builds its models one by one, loading their code. An update the kernel sends
after that answer and before the page has the widget's model is dropped by the browser:
the page keeps the old value for good. With a preheated kernel that window is real: the
app runs before anyone asks, and when a participant opens ``?team=Harbour+Cafe`` the
kernel chooses the team (new options in the team list, the team's plan in every field)
while the page is connecting. The browser then showed a team list without the team just
created, with the wrong name selected (a CI run caught it).

So from the moment a page is requested until it has proved it is connected (the first
ping of its :class:`~widgets.connection.ConnectionWatch`, which the page only sends once
it has built its widgets), every widget that sends an update is noted, and when the
first ping comes, each noted widget sends its whole state again. Updates after that
reach live models as usual.

The first ping also carries the page's own query string: a preheated kernel that never
heard from Voila which page it serves (its wait for the request failed) still opens the
team the link names (``when_connected``).
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from urllib.parse import parse_qs

import ipywidgets as w

_lock = threading.Lock()
_noted: weakref.WeakSet[w.Widget] | None = None
_send_state_of_ipywidgets = w.Widget.send_state
_connected_listeners: list[Callable[[dict[str, str]], None]] = []


def _send_state_noting_the_widget(self: w.Widget, key=None) -> None:
    _send_state_of_ipywidgets(self, key)
    noted = _noted
    if noted is not None:
        with _lock:
            noted.add(self)


w.Widget.send_state = _send_state_noting_the_widget


def note_updates_until_connected() -> None:
    """Start noting the widgets that send updates: a page is connecting to this kernel."""
    global _noted
    with _lock:
        if _noted is None:
            _noted = weakref.WeakSet()


def noting() -> bool:
    """Whether updates are being noted (a page is connecting)."""
    return _noted is not None


def when_connected(callback: Callable[[dict[str, str]], None]) -> None:
    """Call ``callback(query)`` with the page's query parameters when the page connects."""
    _connected_listeners.append(callback)


def page_connected(query_string: str | None = None) -> int:
    """The page has its widgets: send the noted widgets' whole state again, then tell the
    ``when_connected`` listeners the page's query (``"?team=..."`` as the page has it).

    Returns how many widgets were sent again (0 when nothing was being noted).
    """
    global _noted
    with _lock:
        noted, _noted = _noted, None
    sent = 0
    for widget in list(noted or ()):
        if widget.comm is not None:  # closed since: the page dropped it as well
            _send_state_of_ipywidgets(widget)
            sent += 1
    if query_string is not None:
        query = {key: values[-1]
                 for key, values in parse_qs(str(query_string).lstrip("?")).items()}
        for listener in list(_connected_listeners):
            listener(query)
    return sent
