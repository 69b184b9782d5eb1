"""The room's notice on every page, and the page's presenter mode.

:class:`RoomBanner` is a tiny anywidget every app's frame holds. It shows the facilitator's
notice ("10 minutes left", "open the budget app") as a bar over the app that blocks
nothing, with a countdown the page itself runs (one message per notice, not one per
second), and hides it when the countdown ends. The text is set as text, never as HTML.

With ``present`` (a link with ``?present=1``) it puts the page in presenter mode for a
projector: larger type and high contrast (the stylesheet's ``.sp-presenting`` rules), the
team picker and editing buttons hidden, and the fields read-only.
"""

from __future__ import annotations

import time

import anywidget
from traitlets import Bool, Dict, Float, Int, Unicode

from socialplaybook.rules.i18n import _
from socialplaybook.workspace.room import RoomNotice

_ESM = r"""
function clockText(ms) {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = String(seconds % 60).padStart(2, "0");
  return hours ? `${hours}:${String(minutes).padStart(2, "0")}:${rest}` : `${minutes}:${rest}`;
}

/* Presenter mode: what edits is read-only, and stays so as the kernel redraws. */
const EDITABLE = ".sp-app input:not([type=checkbox]):not([type=radio]):not([type=range]), "
  + ".sp-app textarea";
const TOGGLES = ".sp-app input[type=checkbox], .sp-app input[type=radio], "
  + ".sp-app input[type=range], .sp-app .widget-toggle-button";

function lockEditing() {
  for (const field of document.querySelectorAll(EDITABLE)) {
    if (!field.readOnly) { field.readOnly = true; field.dataset.spPresentLocked = "1"; }
  }
  for (const control of document.querySelectorAll(TOGGLES)) {
    if (control.getAttribute("tabindex") !== "-1") {
      control.setAttribute("tabindex", "-1");
      control.setAttribute("aria-disabled", "true");
    }
  }
}

function presentPage(on) {
  document.body.classList.toggle("sp-presenting", on);
  if (!on || window.__spPresenting) return;
  window.__spPresenting = true;
  lockEditing();
  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; lockEditing(); });
  }).observe(document.body, { childList: true, subtree: true });
}

export default {
  render({ model, el }) {
    el.classList.add("sp-notice-holder");
    const bar = document.createElement("div");
    bar.className = "sp-notice";
    bar.hidden = true;
    const label = document.createElement("span");
    label.className = "sp-notice-label";
    const text = document.createElement("span");
    text.className = "sp-notice-text";
    // Read out once when it changes (a polite live region); the ticking clock is not.
    const said = document.createElement("div");
    said.setAttribute("role", "status");
    said.className = "sp-notice-said";
    said.append(label, text);
    const clock = document.createElement("span");
    clock.className = "sp-notice-clock";
    clock.setAttribute("role", "timer");
    clock.setAttribute("aria-live", "off");
    bar.append(said, clock);
    el.appendChild(bar);

    let timer = null;
    let offsetMs = 0;  // the server's clock minus this page's

    function tick() {
      const endsAt = model.get("ends_at_ms");
      if (!endsAt) { clock.hidden = true; return; }
      const left = endsAt - (Date.now() + offsetMs);
      if (left <= 0) {  // the time is up: the notice ends by itself
        bar.hidden = true;
        el.dataset.spNotice = "";
        stop();
        return;
      }
      clock.hidden = false;
      clock.textContent = clockText(left);
      clock.title = model.get("texts").left.replace("{time}", clock.textContent);
    }

    function stop() { if (timer !== null) { clearInterval(timer); timer = null; } }

    function update() {
      stop();
      const value = model.get("text");
      offsetMs = model.get("server_now_ms") ? model.get("server_now_ms") - Date.now() : 0;
      label.textContent = model.get("texts").label + " ";
      text.textContent = value;
      el.dataset.spNotice = value;
      bar.hidden = !value;
      if (!value) return;
      tick();
      if (model.get("ends_at_ms")) timer = setInterval(tick, 250);
    }

    model.on("change:notice_id", update);
    model.on("change:text", update);
    model.on("change:ends_at_ms", update);
    update();
    presentPage(model.get("present"));
    model.on("change:present", () => presentPage(model.get("present")));
    return stop;
  },
};
"""


def banner_texts() -> dict[str, str]:
    """What the banner says around the facilitator's words."""
    return {"label": _("From the facilitator:"), "left": _("{time} left")}


class RoomBanner(anywidget.AnyWidget):
    """The room's notice (``text``, a countdown to ``ends_at_ms``) and presenter mode."""

    _esm = _ESM

    notice_id = Int(0).tag(sync=True)
    text = Unicode("").tag(sync=True)
    ends_at_ms = Float(0.0).tag(sync=True)  # the server's clock, ms since 1970; 0: none
    server_now_ms = Float(0.0).tag(sync=True)  # when it was sent: the page's clock offset
    present = Bool(False).tag(sync=True)
    texts = Dict().tag(sync=True)

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("texts", banner_texts())
        super().__init__(**kwargs)

    def show(self, notice: RoomNotice | None) -> None:
        """Show ``notice`` (None: show none); sends nothing when it is already shown."""
        if notice is None or not notice.shown():
            if self.text or self.notice_id:
                with self.hold_sync():
                    self.notice_id, self.text, self.ends_at_ms = 0, "", 0.0
            return
        if notice.id == self.notice_id:
            return
        with self.hold_sync():
            self.server_now_ms = time.time() * 1000
            self.ends_at_ms = notice.ends_at.timestamp() * 1000 if notice.ends_at else 0.0
            self.text = notice.text
            self.notice_id = notice.id


NOT_READ = object()  # the notice could not be read: keep showing what is shown


def read_notice(workspace):
    """The room's notice now, or ``NOT_READ`` when the workspace cannot say (busy, lost)."""
    try:
        return workspace.room_notice()
    except Exception:  # a busy or lost database: the next check tries again
        return NOT_READ


class NoticeWatch:
    """The room's notice for a page that has no live check of its own (the start page, the
    facilitator's view): read every ``seconds`` off the kernel's loop, shown by ``frame``."""

    def __init__(self, frame, workspace, seconds: float) -> None:
        from concurrent.futures import ThreadPoolExecutor

        from widgets.page.kernel import kernel_loop

        self.frame, self.workspace = frame, workspace
        self._loop = kernel_loop()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sp-notice")
        self._reading = False
        self._periodic = None
        if self._loop is not None and seconds > 0:
            from tornado.ioloop import PeriodicCallback

            self._periodic = PeriodicCallback(self.check, seconds * 1000)
            self._periodic.start()

    def check(self) -> None:
        """Read the notice off the loop and show it (skipped while a read is under way)."""
        if self._reading or not getattr(self.frame, "page_open", True):
            return
        self._reading = True
        future = self._executor.submit(read_notice, self.workspace)
        future.add_done_callback(lambda f: self._loop.add_callback(self._show, f.result()))

    def check_now(self) -> None:
        """Read and show the notice here and now (tests, and pages outside a kernel)."""
        self._reading = True
        self._show(read_notice(self.workspace))

    def _show(self, notice) -> None:
        self._reading = False
        if notice is not NOT_READ:
            self.frame.show_notice(notice)

    def stop(self) -> None:
        """Stop checking (the page is closed)."""
        if self._periodic is not None:
            self._periodic.stop()
