"""What the kernel knows of the page it serves: when someone opens it (with which link), and
where a failing callback's traceback goes (the server's log, never the page).
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import traceback
from collections.abc import Callable
from urllib.parse import parse_qs

from widgets.page.sync import note_updates_until_connected, when_connected


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
    _wait_for_the_request(deliver)


def known_page_query() -> dict[str, str] | None:
    """The page's query when it is known already (a kernel Voila started for this request:
    ``?team=``, ``?lang=``...), else None (a preheated kernel, or not served by Voila)."""
    return _page_query() if os.environ.get("VOILA_PREHEAT") == "False" else None


# Voila answers one wait for the request per kernel (a second one, opened beside it, takes
# the first one's place and the first is never answered): the callbacks of every part of
# an app that wants the page's query (the team picker, the frame, ...) share one wait.
_waiting_lock = threading.Lock()
_waiting: list[Callable[[dict[str, str]], None]] | None = None


def _wait_for_the_request(deliver: Callable[[dict[str, str]], None]) -> None:
    global _waiting
    with _waiting_lock:
        if _waiting is not None:  # a wait is under way: this callback joins it
            _waiting.append(deliver)
            return
        _waiting = [deliver]

    # Widgets are not thread-safe: the wait happens in a thread, the callbacks run on the
    # kernel's own loop, between the messages (clicks, edits) it handles.
    main_loop = kernel_loop()

    def wait_then_call() -> None:
        global _waiting
        try:
            from voila.utils import wait_for_request

            wait_for_request()
        except Exception:  # the server went away before anyone opened the page
            with _waiting_lock:
                _waiting = None
            return
        with _waiting_lock:
            waiting, _waiting = _waiting or [], None
        note_updates_until_connected()
        query = _page_query()
        for waiter in waiting:
            if main_loop is None:
                waiter(query)
            else:
                main_loop.add_callback(waiter, query)

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


def kernel_loop():
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
