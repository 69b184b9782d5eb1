"""The room's notice in every app: read with the live check only once a person has opened
the page (a room's pools keep hundreds of kernels that serve nobody yet)."""

from __future__ import annotations

import threading

import pytest

from widgets.audit import MythAuditApp
from widgets.page import kernel as page_kernel
from widgets.page import sync as page_sync


@pytest.fixture
def pooled(monkeypatch):
    """A kernel Voila keeps ready in a pool: its page is asked for when ``release`` is set."""
    import voila.utils

    release = threading.Event()
    monkeypatch.setenv("VOILA_PREHEAT", "True")
    monkeypatch.setenv("QUERY_STRING", "")
    monkeypatch.setattr(page_sync, "_connected_listeners", [])
    monkeypatch.setattr(page_kernel, "_waiting", None)
    monkeypatch.setattr(voila.utils, "wait_for_request", lambda: release.wait(timeout=10))
    return release


def wait_for_page_open() -> None:
    for thread in threading.enumerate():
        if thread.name == "sp-page-open":
            thread.join(timeout=10)


def test_a_pooled_kernel_reads_no_notice_until_its_page_is_opened(workspace, pooled,
                                                                  monkeypatch):
    workspace.post_notice("Back in the room, please")
    reads = []
    original = workspace.room_notice
    monkeypatch.setattr(workspace, "room_notice", lambda *a: reads.append(a) or original(*a))
    app = MythAuditApp(workspace)
    app._check_live()
    app._executor.submit(lambda: None).result(timeout=10)  # what was asked is done
    assert reads == [] and app.notice == "" and not app.page_open
    pooled.set()  # a person opens the page
    wait_for_page_open()
    assert app.page_open
    app._check_live()
    app._executor.submit(lambda: None).result(timeout=10)
    assert len(reads) == 1 and app.notice == "Back in the room, please"


def test_outside_voila_the_notice_is_read_at_once(workspace, monkeypatch):
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    workspace.post_notice("Break")
    app = MythAuditApp(workspace)
    assert app.page_open
    app._check_live()
    app._executor.submit(lambda: None).result(timeout=10)
    assert app.notice == "Break"
