"""Plotly charts in apps, with plotly.js loaded only by a page that shows one.

Plotly's JupyterLab extension makes every Voila page download and parse its bundle before
the page connects to its kernel, chart or no chart. ``serve`` therefore leaves that
extension out, and a
chart is this small widget instead: the first time a page draws one, it loads plotly.js
once — from the workshop server (``PLOTLY_JS_PATH``, cached by the browser), or, where
the page is served by something else (JupyterLab, a hub), from the kernel itself.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import anywidget
from traitlets import Dict, Unicode

from socialplaybook.rules.fonts import APP_FONTS
from socialplaybook.rules.i18n import _
from socialplaybook.serve.static import PLOTLY_JS_PATH, plotly_js_file

if TYPE_CHECKING:
    import plotly.graph_objects as go

# Not "responsive": that sizes the chart to its box; the box takes the figure's height.
PLOTLY_CONFIG = {"displayModeBar": False}
_ESM = r"""
function baseUrl() {
  const config = document.getElementById("jupyter-config-data");
  try { return JSON.parse(config.textContent).baseUrl || "/"; } catch (e) { return "/"; }
}

function addScript(attributes) {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    Object.assign(script, attributes);
    script.onload = () => (window.Plotly ? resolve(window.Plotly) : reject(new Error("no Plotly")));
    script.onerror = () => { script.remove(); reject(new Error("not served")); };
    document.head.appendChild(script);
  });
}

function fromKernel(model) {
  return new Promise((resolve, reject) => {
    const answer = (msg, buffers) => {
      if (!msg || msg.type !== "plotly-js") return;
      model.off("msg:custom", answer);
      if (!buffers || !buffers.length) { reject(new Error("no plotly.js")); return; }
      const blob = new Blob([buffers[0]], { type: "text/javascript" });
      const url = URL.createObjectURL(blob);
      addScript({ src: url }).then(resolve, reject).finally(() => URL.revokeObjectURL(url));
    };
    model.on("msg:custom", answer);
    model.send({ type: "send-plotly-js" });
  });
}

// plotly.js is 3.5 MB of script: it is fetched and run once the page has loaded and the
// browser is idle, so the app's controls are usable first and the chart follows.
function whenIdle() {
  return new Promise((resolve) => {
    const idle = () => (window.requestIdleCallback
      ? window.requestIdleCallback(() => resolve(), { timeout: 1000 })
      : setTimeout(resolve, 50));
    if (document.readyState === "complete") idle();
    else window.addEventListener("load", idle, { once: true });
  });
}

function loadPlotly(model) {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!window.__spPlotly) {
    window.__spPlotly = whenIdle()
      .then(() => addScript({ src: baseUrl() + model.get("plotly_path") }))
      .catch(() => fromKernel(model))
      .catch((error) => { window.__spPlotly = null; throw error; });
  }
  return window.__spPlotly;
}

export default {
  render({ model, el }) {
    el.classList.add("sp-chart");
    const plot = document.createElement("div");
    plot.className = "sp-chart-plot";
    el.appendChild(plot);
    const draw = () => {
      const figure = model.get("figure_json") || {};
      if (!figure.data) {  // cleared: no chart, no room kept for one
        if (window.Plotly) window.Plotly.purge(plot);
        plot.style.minHeight = "0px";
        return;
      }
      const layout = figure.layout || {};
      plot.style.minHeight = (layout.height || 450) + "px";
      loadPlotly(model).then((Plotly) => {
        plot.dataset.failed = "";
        el.querySelector(".sp-chart-failed")?.remove();
        return Plotly.react(plot, figure.data || [], layout, model.get("config"));
      }).catch(() => {
        if (el.querySelector(".sp-chart-failed")) return;
        const note = document.createElement("p");
        note.className = "sp-chart-failed";
        note.textContent = model.get("failed_text");
        el.prepend(note);
      });
    };
    model.on("change:figure_json", draw);
    draw();
    return () => model.off("change:figure_json", draw);
  },
};
"""

_CSS = """
.sp-chart { width: 100%; }
.sp-chart-failed { color: #8a4b00; font-size: 14px; margin: 4px 0; }
"""


class FigureView(anywidget.AnyWidget):
    """One plotly figure on the page; ``show()`` replaces it in one message."""

    _esm = _ESM
    _css = _CSS

    figure_json = Dict().tag(sync=True)
    config = Dict(PLOTLY_CONFIG).tag(sync=True)
    plotly_path = Unicode(PLOTLY_JS_PATH).tag(sync=True)
    failed_text = Unicode("").tag(sync=True)

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("failed_text", _("The chart could not be drawn here; the numbers "
                                           "above are complete without it."))
        super().__init__(**kwargs)
        self.figure: go.Figure | None = None
        self.on_msg(self._on_custom_message)

    def show(self, figure: go.Figure) -> None:
        """Replace the shown figure."""
        self.figure = figure
        shown = json.loads(figure.to_json())
        # Every script of the workshop's languages, unless the figure names its own fonts.
        shown.setdefault("layout", {}).setdefault("font", {}).setdefault("family", APP_FONTS)
        self.figure_json = shown

    def clear(self) -> None:
        """Show no figure."""
        self.figure = None
        self.figure_json = {}

    @property
    def drawn(self) -> bool:
        """Whether a figure has been sent to the page."""
        return bool(self.figure_json)

    def _on_custom_message(self, _widget, content, _buffers) -> None:
        if isinstance(content, dict) and content.get("type") == "send-plotly-js":
            self.send({"type": "plotly-js"}, buffers=[plotly_js_file().read_bytes()])
