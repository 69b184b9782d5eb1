"""The kernel side of the connection watch: it answers the page's pings."""

import ipywidgets as w

from widgets.kit.style import app_style
from widgets.page.connection import ConnectionWatch, connection_texts, find_connection_watch


def sent_messages(watch, monkeypatch):
    """The custom messages the widget sends to the front end, as the comm carries them."""
    sent = []

    def comm_send(data=None, buffers=None, **_kwargs):
        if data.get("method") == "custom":
            sent.append(data["content"])

    monkeypatch.setattr(watch.comm, "send", comm_send)
    return sent


def receive(watch, content):
    """Deliver ``content`` as the front end's model.send(content) arrives in the kernel."""
    watch._handle_msg({"content": {"data": {"method": "custom", "content": content}},
                       "buffers": []})


def test_a_ping_is_answered_with_a_pong_of_the_same_id(monkeypatch):
    watch = ConnectionWatch()
    sent = sent_messages(watch, monkeypatch)
    # What the comm delivers when the front end calls model.send({type: "ping", id: 7}).
    receive(watch, {"type": "ping", "id": 7})
    assert sent == [{"type": "pong", "id": 7}]
    assert watch.pings_answered == 1


def test_other_custom_messages_are_ignored(monkeypatch):
    watch = ConnectionWatch()
    sent = sent_messages(watch, monkeypatch)
    receive(watch, {"type": "hello"})
    receive(watch, "ping")
    assert sent == []


def test_the_page_texts_and_team_are_synced_traits():
    watch = ConnectionWatch(team="Harbour Café")
    state = watch.get_state()
    assert state["team"] == "Harbour Café"
    assert state["texts"] == connection_texts()
    assert state["texts"]["status"] == "Not saved: connection lost"
    assert state["texts"]["waiting"] == "Waiting for the server…"
    # A late answer shows the quiet note soon; a websocket closed for good is a loss soon.
    assert state["ping_interval_ms"] < state["late_after_ms"] <= 1500
    assert state["late_after_ms"] < state["socket_gone_ms"] <= 5000
    assert state["server_check_ms"] < state["server_timeout_ms"]
    assert state["unreachable_after"] >= 2
    assert watch._esm and watch._css


def test_every_app_style_holds_one_watch_that_apps_can_reach():
    style = app_style()
    assert isinstance(style.watch, ConnectionWatch)
    assert [c for c in style.children if isinstance(c, ConnectionWatch)] == [style.watch]
    app = w.VBox([style, w.VBox([w.Label("body")])])
    assert find_connection_watch(app) is style.watch
    assert find_connection_watch(w.VBox([w.Label("no watch")])) is None
