"""Updates made while a page connects are sent again once the page says it is there."""

import threading

import ipywidgets as w
import pytest

from widgets.kit.team_picker import TeamPicker
from widgets.page import sync as page_sync
from widgets.page.connection import ConnectionWatch


@pytest.fixture(autouse=True)
def no_page_connecting():
    page_sync.page_connected()
    yield
    page_sync.page_connected()


def updates_sent(widget, monkeypatch):
    """The state updates ``widget`` sends to the front end, as its comm carries them."""
    sent = []
    original = widget.comm.send

    def comm_send(data=None, buffers=None, **kwargs):
        if data.get("method") == "update":
            sent.append(data["state"])
        return original(data=data, buffers=buffers, **kwargs)

    monkeypatch.setattr(widget.comm, "send", comm_send)
    return sent


def first_ping(watch):
    watch._handle_msg({"content": {"data": {"method": "custom",
                                            "content": {"type": "ping", "id": 1}}},
                       "buffers": []})


def test_a_team_chosen_from_the_link_while_the_page_connects_is_sent_again_whole(
        workspace, monkeypatch):
    workspace.create_team("Harbour Café")
    picker = TeamPicker(workspace)  # preheated: built before the team below existed
    workspace.create_team("Link Team")
    watch = ConnectionWatch()
    sent = updates_sent(picker.dropdown, monkeypatch)

    page_sync.note_updates_until_connected()  # the page is requested
    picker.open_from_query({"team": "Link Team"})
    updates_while_connecting = len(sent)
    assert updates_while_connecting >= 1  # may have reached the page, or not

    first_ping(watch)  # the page has its widgets now
    whole = sent[updates_while_connecting:]
    assert len(whole) == 1
    assert list(whole[0]["_options_labels"]) == ["Choose…", "Harbour Café", "Link Team"]
    assert whole[0]["index"] == 2
    assert not page_sync.noting()


def test_only_widgets_updated_while_connecting_are_sent_again(monkeypatch):
    untouched, touched = w.Text("a"), w.Text("b")
    sent_untouched = updates_sent(untouched, monkeypatch)
    sent_touched = updates_sent(touched, monkeypatch)
    page_sync.note_updates_until_connected()
    touched.value = "c"
    assert page_sync.page_connected() == 1
    assert sent_untouched == []
    assert sent_touched[-1]["value"] == "c" and "placeholder" in sent_touched[-1]
    # Connected: later updates go out once, as usual, and nothing is noted any more.
    touched.value = "d"
    assert page_sync.page_connected() == 0
    assert sent_touched[-1] == {"value": "d"}


def test_a_widget_closed_while_connecting_is_not_sent(monkeypatch):
    gone = w.Text("x")
    page_sync.note_updates_until_connected()
    gone.value = "y"
    gone.close()
    assert page_sync.page_connected() == 0


def test_later_pings_send_nothing_again(monkeypatch):
    watch = ConnectionWatch()
    text = w.Text("a")
    sent = updates_sent(text, monkeypatch)
    first_ping(watch)
    page_sync.note_updates_until_connected()
    text.value = "b"
    first_ping(watch)  # not the first any more: the noting goes on
    assert page_sync.noting()
    assert page_sync.page_connected() == 1
    assert len(sent) == 2


def first_ping_with_query(watch, query):
    watch._handle_msg({"content": {"data": {"method": "custom", "content": {
        "type": "ping", "id": 1, "query": query}}}, "buffers": []})


def wait_for_page_open_thread():
    for thread in threading.enumerate():
        if thread.name == "sp-page-open":
            thread.join(timeout=10)


@pytest.fixture
def preheated(monkeypatch):
    """A preheated kernel: the page's request is waited for (here: answered or failed)."""
    monkeypatch.setenv("VOILA_PREHEAT", "True")
    monkeypatch.setattr(page_sync, "_connected_listeners", [])
    return monkeypatch


def test_a_preheated_kernel_that_never_heard_of_the_request_opens_the_pages_team(
        workspace, preheated):
    import voila.utils

    def fails():
        raise ConnectionError("the server went away")

    preheated.setattr(voila.utils, "wait_for_request", fails)
    workspace.create_team("Link Team")
    picker = TeamPicker(workspace)
    wait_for_page_open_thread()
    assert picker.team == ""
    first_ping_with_query(ConnectionWatch(), "?team=Link+Team")
    assert picker.team == "Link Team"


def test_the_pages_own_query_is_not_applied_twice(workspace, preheated):
    import voila.utils

    preheated.setattr(voila.utils, "wait_for_request", lambda: None)
    preheated.setenv("QUERY_STRING", "team=Harbour+Caf%C3%A9")
    workspace.create_team("Harbour Café")
    workspace.create_team("Other")
    picker = TeamPicker(workspace)
    wait_for_page_open_thread()
    assert picker.team == "Harbour Café"
    picker.dropdown.value = "Other"  # the person moves on before the page's first ping
    first_ping_with_query(ConnectionWatch(), "?team=Harbour+Caf%C3%A9")
    assert picker.team == "Other"
