"""A page that lost its kernel says so, instead of accepting clicks into nothing; a page
whose server is only slow to answer is not told it lost anything.

``ConnectionWatch`` is a tiny anywidget with no visible part of its own. Its front end
pings the kernel through the widget's custom messages; the kernel answers each ping.

- **A late answer** (no answer for ``LATE_AFTER_MS``) is what a busy server gives as
  readily as a dead kernel: a roomful opening their apps at once on one machine, a kernel
  starved of CPU. It shows a quiet "Waiting for the server…" at the foot of the page that
  blocks nothing (clicks wait in the connection and reach the kernel when it answers) and
  goes away with the next answer.
- **A definite loss** lays one message over the app: the connection was lost, what was
  shown as saved is safe, recent changes may not be; a Reload button reopens the same app
  on the same team. It turns every save status (``.sp-status``) into "Not saved:
  connection lost" and blocks clicks under the message. A loss is definite only when the
  server says so: the kernel's status from the server is dead or restarting (a restarted
  kernel holds none of the page's widgets; the server notices a killed kernel at its next
  check of the process, every ``KernelRestarter.time_to_dead``: 1 s under ``serve``,
  socialplaybook/serve/launch.py), the kernel's websocket
  closed and is not back after ``SOCKET_GONE_MS``, or, while answers are late, the kernel
  API says the kernel is gone (404, dead) or the server cannot be reached
  ``UNREACHABLE_AFTER`` times in a row. When answers come back (a Wi-Fi blip), the message
  goes away again.

The page's landmarks and field names come with it (``widgets.page.semantics``).
"""

from __future__ import annotations

from collections.abc import Iterator

import anywidget
import ipywidgets as w
from traitlets import Dict, Int, Unicode

from socialplaybook.rules.i18n import _
from widgets.page.semantics import PAGE_SEMANTICS_JS
from widgets.page.sync import page_connected

PING_INTERVAL_MS = 700
# No answer for this long, with a ping waiting PING_WAIT_MS or more: the answer is late and
# the quiet note shows. An idle kernel answers a ping in milliseconds.
LATE_AFTER_MS = 1200
PING_WAIT_MS = 500
CHECK_MS = 100
# The kernel's websocket closed and not open again for this long is a loss. The page's
# kernel connection opens it again at once after a close; a server that is gone keeps it
# closed.
SOCKET_GONE_MS = 4000
# While answers are late the page asks the server's kernel API about its kernel this often,
# and gives each request this long: one that takes longer (a busy server) says nothing.
SERVER_CHECK_MS = 1000
SERVER_TIMEOUT_MS = 5000
# Requests to the kernel API that failed to reach the server, in a row, for a loss.
UNREACHABLE_AFTER = 2

_WATCH_JS = r"""
const OVERLAY_ID = "sp-connection-lost";
const NOTE_ID = "sp-connection-waiting";
// Statuses the server gives a kernel that is gone: a restarted kernel holds none of this
// page's widgets. ("unknown" only means the websocket is down: judged by SOCKET_GONE_MS.)
const GONE_STATUSES = ["dead", "restarting", "autorestarting", "terminating"];

function now() { return performance.now(); }

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

/* The quiet note: a live region at the foot of the page, empty (and not shown) unless the
   server is late. It takes no clicks. */
function noteElement() {
  let note = document.getElementById(NOTE_ID);
  if (!note) {
    note = document.createElement("div");
    note.id = NOTE_ID;
    note.className = "sp-conn-waiting";
    note.setAttribute("role", "status");
    note.setAttribute("aria-live", "polite");
    document.body.appendChild(note);
  }
  return note;
}

function showNote(text) {
  const note = noteElement();
  if (note.textContent !== text) note.textContent = text;
}

function hideNote() {
  const note = document.getElementById(NOTE_ID);
  if (note && note.textContent) note.textContent = "";
}

/* The server's kernel API on this page's kernel: "gone" (no such kernel, or dead), "here"
   (the server answered), "unreachable" (the request did not reach the server) or null (no
   answer in time: a busy server says nothing). */
async function askServer(kernel, timeoutMs) {
  const settings = kernel.serverSettings || {};
  const base = settings.baseUrl || "/";
  const url = base.replace(/\/?$/, "/") + "api/kernels/" + encodeURIComponent(kernel.id);
  const headers = settings.token ? { Authorization: "token " + settings.token } : {};
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(url, { headers, credentials: "same-origin",
                                         cache: "no-store", signal: controller.signal });
    if (response.status === 404) return "gone";
    if (!response.ok) return "here";
    const found = await response.json().catch(() => null);  // a login page: it answered
    return found && found.execution_state === "dead" ? "gone" : "here";
  } catch (e) {
    return controller.signal.aborted ? null : "unreachable";
  } finally {
    clearTimeout(timer);
  }
}

function startWatching(model) {
  const interval = model.get("ping_interval_ms");
  const lateAfter = model.get("late_after_ms");
  const pingWait = model.get("ping_wait_ms");
  const checkEvery = model.get("check_ms");
  const socketGoneAfter = model.get("socket_gone_ms");
  const serverCheckEvery = model.get("server_check_ms");
  const serverTimeout = model.get("server_timeout_ms");
  const unreachableAfter = model.get("unreachable_after");
  let lastCheck = now();
  let next = 1;
  const unanswered = new Map();  // ping id -> when it was sent
  let lastAnswer = now();
  let late = false;
  let lost = "";  // why the page counts its kernel as lost ("": it does not)
  let statusSays = "";  // a status of GONE_STATUSES the server sent, or "disconnected"
  let socketDownSince = null;
  let serverSays = "";  // "gone" or "unreachable", from the kernel API
  let unreachable = 0;  // kernel API requests in a row that did not reach the server
  let asking = false;
  let lastAsked = -Infinity;
  let leaving = false;
  let statusObserver = null;
  noteElement();  // a live region is announced when its text changes, so it is there first

  function setLost(why) {
    if (why === lost) return;
    const was = lost;
    lost = why;
    if (!why) {
      document.body.classList.remove("sp-connection-lost");
      if (statusObserver) statusObserver.disconnect();
      statusObserver = null;
      hideOverlay();
      restoreStatuses();
      return;
    }
    const overlay = document.getElementById(OVERLAY_ID);
    if (was && overlay) { overlay.dataset.reason = why; return; }
    const texts = model.get("texts");
    document.body.classList.add("sp-connection-lost");
    hideNote();
    showOverlay(model, texts);
    document.getElementById(OVERLAY_ID).dataset.reason = why;
    markStatuses(texts.status);
    statusObserver = new MutationObserver(() => markStatuses(texts.status));
    statusObserver.observe(document.body, { childList: true, subtree: true });
  }

  // What to show now: the message for a definite loss, else the note while answers are
  // late, else nothing.
  function show() {
    if (leaving) return;
    const socketGone = socketDownSince !== null && now() - socketDownSince >= socketGoneAfter;
    setLost(statusSays || serverSays || (socketGone ? "socket" : ""));
    if (lost || !late) hideNote();
    else showNote(model.get("texts").waiting);
  }

  model.on("msg:custom", (msg) => {
    if (!msg || msg.type !== "pong") return;
    // Answers come in order: this one answers every older ping too.
    for (const id of [...unanswered.keys()]) if (id <= msg.id) unanswered.delete(id);
    lastAnswer = now();
    // The kernel answers: whatever was feared, it is here.
    late = false;
    statusSays = serverSays = "";
    unreachable = 0;
    socketDownSince = null;
    show();
  });

  // What the page's kernel connection hears from the server: the kernel's status (dead,
  // restarting) and whether its websocket is open.
  const kernel = model.widget_manager && model.widget_manager.kernel;
  if (kernel && kernel.statusChanged && kernel.statusChanged.connect) {
    kernel.statusChanged.connect((_k, status) => {
      if (GONE_STATUSES.includes(status)) { statusSays = status; show(); }
    });
  }
  if (kernel && kernel.connectionStatusChanged && kernel.connectionStatusChanged.connect) {
    kernel.connectionStatusChanged.connect((_k, status) => {
      if (status === "connected") socketDownSince = null;
      else if (socketDownSince === null) socketDownSince = now();
      // The connection gave up opening the websocket again.
      if (status === "disconnected") statusSays = statusSays || "disconnected";
      show();
    });
  }
  // Leaving the page closes its websocket: that is no loss to tell about.
  window.addEventListener("pagehide", () => { leaving = true; });
  window.addEventListener("beforeunload", () => { leaving = true; });

  async function checkWithServer() {
    if (!kernel || !kernel.id || asking) return;
    asking = true;
    lastAsked = now();
    let said = null;
    try { said = await askServer(kernel, serverTimeout); } finally { asking = false; }
    if (said === "gone") serverSays = "gone";
    else if (said === "unreachable") {
      unreachable += 1;
      if (unreachable >= unreachableAfter) serverSays = "unreachable";
    } else if (said === "here") {
      unreachable = 0;
      if (serverSays === "unreachable") serverSays = "";
    }
    show();
  }

  function check() {
    const t = now();
    const stalled = t - lastCheck > 3 * checkEvery;
    lastCheck = t;
    // The page itself was stalled (a long redraw, a background tab): answers that came
    // meanwhile may still wait in its queue. Judge at the next check, after them.
    if (!stalled) {
      let oldest = Infinity;
      for (const sent of unanswered.values()) oldest = Math.min(oldest, sent);
      // Late: the last answer is old and a ping has waited long enough. Timers in a
      // background tab may fire a minute apart, so an old last answer alone means
      // nothing; an unanswered ping does.
      late = t - lastAnswer > lateAfter && t - oldest > Math.min(pingWait, lateAfter);
    }
    // Late answers or a closed websocket: the server may know more. (A page the server
    // already said is lost need not ask again; one that could not reach it must.)
    const worried = (late || socketDownSince !== null) && (!lost || lost === "unreachable");
    if (worried && t - lastAsked >= serverCheckEvery) checkWithServer();
    show();
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

_ESM = PAGE_SEMANTICS_JS + _WATCH_JS

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
.sp-conn-waiting { position: fixed; left: 50%; bottom: 16px; transform: translateX(-50%);
  z-index: 99999; pointer-events: none; max-width: calc(100% - 32px);
  background: #1f2a44; color: #fff; border-radius: 999px; padding: 8px 18px;
  box-shadow: 0 6px 18px rgba(0, 0, 0, 0.25);
  font-family: Inter, "Segoe UI", Helvetica, Arial, sans-serif; font-size: 15px; }
.sp-conn-waiting:empty { display: none; }
"""


def connection_texts() -> dict[str, str]:
    """What the page says when the server is late or the connection lost, in the
    participant's language."""
    return {
        "title": _("The connection to the workshop server was lost"),
        "safe": _("Everything shown as saved is safe in the workspace."),
        "recent": _("Changes made in the last moments may not have been saved. Reload to "
                    "carry on where you were."),
        "reload": _("Reload"),
        "status": _("Not saved: connection lost"),
        "waiting": _("Waiting for the server…"),
        "steps": _("Workshop steps"),
    }


class ConnectionWatch(anywidget.AnyWidget):
    """Tells the page when its kernel is late or lost; ``team`` is the team to reopen."""

    _esm = _ESM
    _css = _CSS

    team = Unicode("").tag(sync=True)
    texts = Dict().tag(sync=True)
    ping_interval_ms = Int(PING_INTERVAL_MS).tag(sync=True)
    late_after_ms = Int(LATE_AFTER_MS).tag(sync=True)
    ping_wait_ms = Int(PING_WAIT_MS).tag(sync=True)
    check_ms = Int(CHECK_MS).tag(sync=True)
    socket_gone_ms = Int(SOCKET_GONE_MS).tag(sync=True)
    server_check_ms = Int(SERVER_CHECK_MS).tag(sync=True)
    server_timeout_ms = Int(SERVER_TIMEOUT_MS).tag(sync=True)
    unreachable_after = Int(UNREACHABLE_AFTER).tag(sync=True)
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
