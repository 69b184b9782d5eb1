"""A page that lost its kernel says so, instead of accepting clicks into nothing.

``ConnectionWatch`` is a tiny anywidget with no visible part of its own. Its front end
pings the kernel through the widget's custom messages; the kernel answers each ping.
When an answer does not come in time (the kernel was killed, culled or ran out of
memory, or the connection dropped), it lays one message over the app: the connection
was lost, what was shown as saved is safe, recent changes may not be; a Reload button
reopens the same app on the same team. It also turns every save status (``.sp-status``)
into "Not saved: connection lost" and blocks clicks under the message. When the answers
come back (a Wi-Fi blip), the message goes away again.

It also gives the page what Voila's markup lacks: the rendered notebook becomes the
``main`` landmark and the workshop's steps map (``.sp-steps``) a ``navigation`` landmark,
and a field with no visible label (a grid cell, a date beside a caption) gets its
``tooltip`` as its accessible name, since ipywidgets puts that on a hidden ``<label>``.
"""

from __future__ import annotations

from collections.abc import Iterator

import anywidget
import ipywidgets as w
from traitlets import Dict, Int, Unicode

from socialplaybook.rules.i18n import _
from widgets.page.sync import page_connected

PING_INTERVAL_MS = 700
# No answer for this long, and a ping waiting PING_WAIT_MS or more, means the kernel is
# gone. An idle kernel answers a ping in milliseconds. The worst moment to die is just
# after an answer: the next ping goes 0.7 s later and has waited 0.5 s at 1.2 s, so with
# a check every CHECK_MS a dead kernel is shown within 1.3 s (the issue allows 2 s; the
# server's own "restarting" status comes up to 3 s late, at its next poll of the kernel).
ANSWER_TIMEOUT_MS = 1200
PING_WAIT_MS = 500
CHECK_MS = 100
# A kernel that reported itself busy (a long callback) gets this long before it counts
# as lost; a kernel that dies busy is reported by the server's "restarting" or "dead"
# status, at its next poll of the kernel (every 3 s), so up to 3 s late.
BUSY_TIMEOUT_MS = 10_000

_ESM = r"""
const OVERLAY_ID = "sp-connection-lost";
const LOST_STATUSES = ["dead", "restarting", "autorestarting", "terminating", "unknown"];

function now() { return performance.now(); }

/* What the page needs beyond the widgets' own markup, (re)applied as the kernel redraws:
   - landmarks: Voila's page has none. The rendered notebook is the page's main content
     and the workshop's steps map (.sp-steps) is its navigation;
   - names: a field with no visible label (a cell of a grid, a date beside its caption)
     gets its tooltip as its name; ipywidgets only puts that on a hidden <label>. */
let stepsLabel = "Workshop steps";

function applyPageSemantics() {
  const app = document.querySelector(".sp-app");
  if (app && !document.querySelector("main, [role=main]")) {
    const container = document.querySelector("#rendered_cells") || app;
    container.setAttribute("role", "main");
  }
  for (const list of document.querySelectorAll(".sp-steps")) {
    if (list.closest("nav, [role=navigation]")) continue;
    const holder = list.parentElement;
    if (!holder || holder === document.body) continue;
    holder.setAttribute("role", "navigation");
    holder.setAttribute("aria-label", list.dataset.label || stepsLabel);
  }
  for (const label of document.querySelectorAll(".sp-app label.widget-label[for]")) {
    const control = document.getElementById(label.htmlFor);
    if (!control || label.style.display !== "none") continue;
    const name = label.title || "";
    if (control.hasAttribute("aria-label") && !control.dataset.spNamed) continue;
    if (name) {
      control.setAttribute("aria-label", name);
      control.dataset.spNamed = "1";
    } else if (control.dataset.spNamed) {
      control.removeAttribute("aria-label");
      delete control.dataset.spNamed;
    }
  }
  // A slider's handle (role=slider) is what a screen reader reaches; ipywidgets names only
  // the box around it, through its description label.
  for (const slider of document.querySelectorAll(".sp-app .widget-slider")) {
    const label = slider.querySelector(":scope > label.widget-label");
    const name = label ? (label.textContent.trim() || label.title || "") : "";
    for (const handle of slider.querySelectorAll(".noUi-handle")) {
      if (name && handle.getAttribute("aria-label") !== name) {
        handle.setAttribute("aria-label", name);
      }
    }
  }
}

function watchPage(texts) {
  if (texts && texts.steps) stepsLabel = texts.steps;
  if (window.__spPageWatch) return;
  window.__spPageWatch = true;
  applyPageSemantics();
  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; applyPageSemantics(); });
  }).observe(document.body, { childList: true, subtree: true, attributes: true,
                              attributeFilter: ["title", "style"] });
}

function reloadUrl(team) {
  if (!team) return null;
  const url = new URL(window.location.href);
  url.searchParams.set("team", team);
  url.hash = "";
  return url.toString();
}

function currentTeam(model) {
  const team = model.get("team");
  if (team) return team;
  // Until the app tells us, the team picker on the page knows (index 0 is "Choose…").
  const select = document.querySelector(".sp-team-picker select");
  return select && select.selectedIndex > 0 ? select.value : "";
}

function showOverlay(model, texts) {
  if (document.getElementById(OVERLAY_ID)) return;
  const overlay = document.createElement("div");
  overlay.id = OVERLAY_ID;
  overlay.className = "sp-conn-overlay";
  overlay.dataset.shownAt = String(Math.round(performance.timeOrigin + performance.now()));
  const box = document.createElement("div");
  box.className = "sp-conn-box";
  box.setAttribute("role", "alertdialog");
  box.setAttribute("aria-modal", "true");
  box.setAttribute("aria-labelledby", OVERLAY_ID + "-title");
  box.setAttribute("aria-describedby", OVERLAY_ID + "-text");
  const title = document.createElement("h2");
  title.id = OVERLAY_ID + "-title";
  title.textContent = texts.title;
  const text = document.createElement("div");
  text.id = OVERLAY_ID + "-text";
  for (const line of [texts.safe, texts.recent]) {
    const p = document.createElement("p");
    p.textContent = line;
    text.appendChild(p);
  }
  const button = document.createElement("button");
  button.type = "button";
  button.className = "sp-conn-reload";
  button.textContent = texts.reload;
  button.addEventListener("click", () => {
    const url = reloadUrl(currentTeam(model));
    if (url && url !== window.location.href) window.location.assign(url);
    else window.location.reload();
  });
  box.append(title, text, button);
  overlay.appendChild(box);
  // Nothing under the message takes clicks or keys any more.
  for (const child of document.body.children) {
    if (child.hasAttribute("inert")) continue;
    child.setAttribute("inert", "");
    child.dataset.spInert = "1";
  }
  document.body.appendChild(overlay);
  button.focus();
}

function hideOverlay() {
  const overlay = document.getElementById(OVERLAY_ID);
  if (overlay) overlay.remove();
  for (const child of document.querySelectorAll("[data-sp-inert]")) {
    child.removeAttribute("inert");
    delete child.dataset.spInert;
  }
}

/* The save status must never claim a save that did not happen. */
function markStatuses(text) {
  for (const status of document.querySelectorAll(".sp-status")) {
    if (status.dataset.spLost) continue;
    status.dataset.spLost = "1";
    status.dataset.spWas = status.textContent;
    status.dataset.spWasClass = status.className;
    status.textContent = text;
    status.classList.add("sp-status-failed");
  }
}

function restoreStatuses() {
  for (const status of document.querySelectorAll(".sp-status[data-sp-lost]")) {
    status.textContent = status.dataset.spWas || "";
    status.className = status.dataset.spWasClass || "sp-status";
    delete status.dataset.spLost;
    delete status.dataset.spWas;
    delete status.dataset.spWasClass;
  }
}

const MODELS_BUILT_TIMEOUT_MS = 10000;

function everyModelBuilt(model, timeoutMs) {
  const manager = model.widget_manager;
  // ipywidgets registers every model of the page at once, as a promise of the built model.
  const models = manager && manager._models ? Object.values(manager._models) : [];
  return Promise.race([
    Promise.allSettled(models),
    new Promise((resolve) => setTimeout(resolve, timeoutMs)),
  ]);
}

function startWatching(model) {
  const interval = model.get("ping_interval_ms");
  const timeout = model.get("answer_timeout_ms");
  const busyTimeout = model.get("busy_timeout_ms");
  const pingWait = model.get("ping_wait_ms");
  const checkEvery = model.get("check_ms");
  let lastCheck = now();
  let next = 1;
  const unanswered = new Map();  // ping id -> when it was sent
  let lastAnswer = now();
  let lost = false;
  let kernelSaysLost = false;
  let kernelBusy = false;
  let statusObserver = null;

  function setLost(value) {
    if (value === lost) return;
    lost = value;
    document.body.classList.toggle("sp-connection-lost", lost);
    const texts = model.get("texts");
    if (lost) {
      showOverlay(model, texts);
      markStatuses(texts.status);
      statusObserver = new MutationObserver(() => markStatuses(texts.status));
      statusObserver.observe(document.body, { childList: true, subtree: true });
    } else {
      if (statusObserver) statusObserver.disconnect();
      statusObserver = null;
      hideOverlay();
      restoreStatuses();
    }
  }

  model.on("msg:custom", (msg) => {
    if (!msg || msg.type !== "pong") return;
    // Answers come in order: this one answers every older ping too.
    for (const id of [...unanswered.keys()]) if (id <= msg.id) unanswered.delete(id);
    lastAnswer = now();
    kernelSaysLost = false;
    setLost(false);
  });

  // What the widget manager knows of the kernel, when it offers it: an immediate
  // "dead"/"restarting" from the server, and "busy" to be patient with long callbacks.
  const kernel = model.widget_manager && model.widget_manager.kernel;
  if (kernel && kernel.statusChanged && kernel.statusChanged.connect) {
    kernel.statusChanged.connect((_k, status) => {
      kernelBusy = status === "busy";
      if (LOST_STATUSES.includes(status)) { kernelSaysLost = true; setLost(true); }
    });
  }
  if (kernel && kernel.connectionStatusChanged && kernel.connectionStatusChanged.connect) {
    kernel.connectionStatusChanged.connect((_k, status) => {
      if (status === "disconnected") { kernelSaysLost = true; setLost(true); }
    });
  }

  function check() {
    const t = now();
    const stalled = t - lastCheck > 3 * checkEvery;
    lastCheck = t;
    if (kernelSaysLost) { setLost(true); return; }
    // The page itself was stalled (a long redraw, a background tab): answers that came
    // meanwhile may still wait in its queue. Judge at the next check, after them.
    if (stalled) return;
    let oldest = Infinity;
    for (const sent of unanswered.values()) oldest = Math.min(oldest, sent);
    // Lost: the last answer is too old and a ping has waited long enough. Timers in a
    // background tab may fire a minute apart, so an old last answer alone means nothing;
    // an unanswered ping does.
    const patience = kernelBusy ? busyTimeout : timeout;
    if (t - lastAnswer > patience && t - oldest > Math.min(pingWait, patience))
      setLost(true);
  }

  function ping() {
    check();
    if (unanswered.size >= 50) return;  // long gone: no need to pile up more
    const id = next++;
    unanswered.set(id, now());
    // The first ping also says which link the page was opened with (?team=...).
    const message = id === 1 ? { type: "ping", id, query: window.location.search }
                             : { type: "ping", id };
    try { model.send(message); } catch (e) { /* no comm: stays unanswered */ }
  }

  // The first ping tells the kernel the page has its widgets (widgets/page/sync.py sends
  // again what changed while it connected), so it waits until every widget model the page
  // was given is built: an update reaching a model still loading is dropped.
  everyModelBuilt(model, MODELS_BUILT_TIMEOUT_MS).then(() => {
    ping();
    setInterval(ping, interval);
  });
  setInterval(check, checkEvery);  // the deadline falls between pings
  document.addEventListener("visibilitychange", () => {
    if (!document.hidden) lastAnswer = Math.max(lastAnswer, now() - interval);
  });
}

export default {
  render({ model, el }) {
    el.classList.add("sp-connection-watch");
    watchPage(model.get("texts"));
    // One watcher per widget, however many times it is displayed.
    if (!window.__spWatchedModels) window.__spWatchedModels = new Set();
    if (window.__spWatchedModels.has(model.get("watch_id"))) return;
    window.__spWatchedModels.add(model.get("watch_id"));
    startWatching(model);
  },
};
"""

_CSS = """
.sp-connection-watch { display: none; }
.sp-conn-overlay { position: fixed; inset: 0; z-index: 100000; display: flex;
  align-items: center; justify-content: center; padding: 16px;
  background: rgba(17, 24, 39, 0.62); }
.sp-conn-box { background: #fff; color: #1f2a44; max-width: 520px; width: 100%;
  border-radius: 12px; border-top: 6px solid #b42318; padding: 22px 26px 24px;
  box-shadow: 0 20px 50px rgba(0, 0, 0, 0.35);
  font-family: Inter, "Segoe UI", Helvetica, Arial, sans-serif; }
.sp-conn-box h2 { margin: 0 0 10px; font-size: 22px; font-weight: 650; color: #1f2a44; }
.sp-conn-box p { margin: 0 0 10px; font-size: 16px; line-height: 1.5; color: #1f2a44; }
.sp-conn-reload { margin-top: 8px; font: inherit; font-size: 16px; font-weight: 600;
  color: #fff; background: #1d5f86; border: none; border-radius: 8px;
  padding: 10px 22px; cursor: pointer; }
.sp-conn-reload:hover { background: #174d6d; }
.sp-conn-reload:focus-visible { outline: 3px solid #f2b705; outline-offset: 2px; }
"""

def connection_texts() -> dict[str, str]:
    """What the page says when the connection is lost, in the participant's language."""
    return {
        "title": _("The connection to the workshop server was lost"),
        "safe": _("Everything shown as saved is safe in the workspace."),
        "recent": _("Changes made in the last moments may not have been saved. Reload to "
                    "carry on where you were."),
        "reload": _("Reload"),
        "status": _("Not saved: connection lost"),
        "steps": _("Workshop steps"),
    }


class ConnectionWatch(anywidget.AnyWidget):
    """Tells the page when its kernel stops answering; ``team`` is the team to reopen."""

    _esm = _ESM
    _css = _CSS

    team = Unicode("").tag(sync=True)
    texts = Dict().tag(sync=True)
    ping_interval_ms = Int(PING_INTERVAL_MS).tag(sync=True)
    answer_timeout_ms = Int(ANSWER_TIMEOUT_MS).tag(sync=True)
    ping_wait_ms = Int(PING_WAIT_MS).tag(sync=True)
    check_ms = Int(CHECK_MS).tag(sync=True)
    busy_timeout_ms = Int(BUSY_TIMEOUT_MS).tag(sync=True)
    watch_id = Unicode("").tag(sync=True)

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("texts", connection_texts())
        super().__init__(**kwargs)
        self.watch_id = self.model_id
        self.pings_answered = 0
        self.on_msg(self._on_custom_message)

    def _on_custom_message(self, _widget, content, _buffers) -> None:
        if isinstance(content, dict) and content.get("type") == "ping":
            if self.pings_answered == 0:
                # The page has built its widgets: what changed meanwhile, it gets again;
                # and the page says which link it was opened with.
                query = content.get("query")
                page_connected(query if isinstance(query, str) else None)
            self.pings_answered += 1
            self.send({"type": "pong", "id": content.get("id")})


def find_connection_watch(widget: w.Widget) -> ConnectionWatch | None:
    """The ConnectionWatch inside ``widget`` (e.g. an app's SectionFrame), if any."""
    for found in _walk(widget):
        if isinstance(found, ConnectionWatch):
            return found
    return None


def _walk(widget: w.Widget) -> Iterator[w.Widget]:
    yield widget
    for child in getattr(widget, "children", ()) or ():
        yield from _walk(child)
