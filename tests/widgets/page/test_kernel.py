"""What the kernel knows of its page: every part of an app that waits for the page's link
(the team picker, the frame's presenter mode, the facilitator's key) shares one wait for
Voila's word, which Voila answers once per kernel."""

from __future__ import annotations

import threading

import pytest

from widgets.page import kernel as page_kernel
from widgets.page import sync as page_sync


@pytest.fixture
def preheated(monkeypatch):
    monkeypatch.setenv("VOILA_PREHEAT", "True")
    monkeypatch.setattr(page_sync, "_connected_listeners", [])
    monkeypatch.setattr(page_kernel, "_waiting", None, raising=False)
    return monkeypatch


def test_every_listener_of_a_preheated_kernel_shares_one_wait_for_the_request(preheated):
    import voila.utils

    release = threading.Event()
    waits = []

    def wait_for_request() -> None:  # Voila answers the first waiter of a kernel only
        waits.append(threading.current_thread().name)
        release.wait(timeout=10)

    preheated.setattr(voila.utils, "wait_for_request", wait_for_request)
    preheated.setenv("QUERY_STRING", "team=Acme&present=1")
    heard: list[tuple[str, dict]] = []
    for name in ("picker", "frame", "view"):
        page_kernel.on_page_open(lambda query, name=name: heard.append((name, query)))
    release.set()
    for thread in threading.enumerate():
        if thread.name == "sp-page-open":
            thread.join(timeout=10)
    assert len(waits) == 1
    assert heard == [(name, {"team": "Acme", "present": "1"})
                     for name in ("picker", "frame", "view")]
    assert page_kernel._waiting is None  # the next page's kernel waits again


def test_a_failed_wait_leaves_the_listeners_to_the_pages_first_ping(preheated):
    import voila.utils

    def fails() -> None:
        raise ConnectionError("the server went away")

    preheated.setattr(voila.utils, "wait_for_request", fails)
    heard = []
    page_kernel.on_page_open(heard.append)
    page_kernel.on_page_open(heard.append)
    for thread in threading.enumerate():
        if thread.name == "sp-page-open":
            thread.join(timeout=10)
    assert heard == [] and page_kernel._waiting is None
    page_sync.page_connected("?team=Acme")
    assert heard == [{"team": "Acme"}, {"team": "Acme"}]
