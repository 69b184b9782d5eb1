"""The chart widget: the figure goes to the page as JSON; plotly.js comes when asked."""

import plotly.graph_objects as go

from socialplaybook.serve.static import plotly_js_file
from widgets.kit.charts import PLOTLY_CONFIG, FigureView


def sent_messages(view, monkeypatch):
    sent = []

    def comm_send(data=None, buffers=None, **_kwargs):
        if data.get("method") == "custom":
            sent.append((data["content"], buffers))

    monkeypatch.setattr(view.comm, "send", comm_send)
    return sent


def test_a_shown_figure_is_sent_whole_and_a_cleared_one_is_empty():
    view = FigureView()
    assert not view.drawn
    figure = go.Figure(go.Bar(x=["a", "b"], y=[1, 2]), layout={"height": 300})
    view.show(figure)
    assert view.drawn and view.figure is figure
    assert view.figure_json["data"][0]["type"] == "bar"
    assert view.figure_json["layout"]["height"] == 300
    assert view.get_state()["config"] == PLOTLY_CONFIG
    view.clear()
    assert not view.drawn and view.figure is None and view.figure_json == {}


def test_a_page_that_cannot_fetch_plotly_gets_it_from_the_kernel(monkeypatch):
    view = FigureView()
    sent = sent_messages(view, monkeypatch)
    view._handle_msg({"content": {"data": {"method": "custom",
                                           "content": {"type": "send-plotly-js"}}},
                      "buffers": []})
    [(content, buffers)] = sent
    assert content == {"type": "plotly-js"}
    assert len(buffers) == 1 and bytes(buffers[0]) == plotly_js_file().read_bytes()
    assert b"window.Plotly = Plotly" in bytes(buffers[0])[-200:]


def test_other_messages_are_ignored(monkeypatch):
    view = FigureView()
    sent = sent_messages(view, monkeypatch)
    for content in ({"type": "hello"}, "send-plotly-js", None):
        view._handle_msg({"content": {"data": {"method": "custom", "content": content}},
                          "buffers": []})
    assert sent == []
