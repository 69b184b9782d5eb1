"""The connection watch's judgement, in Chromium, against a kernel and server it is told about.

No workshop server: the page is the watch's own script and style (widgets/page/connection.py)
with a stand-in for the widget model and the kernel connection, and the kernel API
(``/api/kernels/<id>``) answered by the test. What the real server does to a page (a kernel
killed or starved) is in test_page_shell.py; here each thing a server can say, or fail to
say, is said on purpose: a late answer is never a loss; the server's word is; and the
message goes away when answers come back.
"""

from __future__ import annotations

import json
import re
import time

import pytest
from playwright.sync_api import expect

from widgets.page.connection import _CSS, _ESM, ConnectionWatch

pytestmark = pytest.mark.browser

ORIGIN = "http://watch.test"
KERNEL_API = f"{ORIGIN}/api/kernels/k-1"
WATCH = ConnectionWatch(team="Harbour Café")
# What the front end reads from the model: the widget's synced traits.
SETTINGS = {name: value for name, value in WATCH.get_state().items()
            if not name.startswith("_") and isinstance(value, (int, str, dict))}
TEXTS = WATCH.texts

PAGE = """<!doctype html><html lang="en"><head><title>watch</title><style>CSS</style></head><body>
<div class="sp-app"><div class="sp-status">Saved · revision 3</div>
<button id="app-button" onclick="window.clicks = (window.clicks || 0) + 1">Rate</button></div>
<script type="module">
import watch from "/watch.js";
function signal() {
  const listeners = [];
  return { connect(fn) { listeners.push(fn); },
           emit(value) { listeners.forEach((fn) => fn(null, value)); } };
}
const handlers = [];
const fake = window.fake = { answering: true, held: [], sent: 0,
                             status: signal(), connection: signal() };
fake.pong = (id) => handlers.forEach((fn) => fn({ type: "pong", id }));
fake.answerHeld = () => { for (const id of fake.held.splice(0)) fake.pong(id); };
const settings = SETTINGS;
const model = {
  widget_manager: { _models: {}, kernel: {
    id: "k-1", serverSettings: { baseUrl: "ORIGIN/", token: "" },
    statusChanged: fake.status, connectionStatusChanged: fake.connection } },
  get(name) { return settings[name]; },
  on(event, fn) { if (event === "msg:custom") handlers.push(fn); },
  send(message) {
    fake.sent += 1;
    if (fake.answering) setTimeout(() => fake.pong(message.id), 5);
    else fake.held.push(message.id);
  },
};
watch.render({ model, el: document.createElement("div") });
window.watchStarted = true;
</script></body></html>
""".replace("SETTINGS", json.dumps(SETTINGS)).replace("ORIGIN", ORIGIN).replace(
    "CSS", _CSS)


class KernelApi:
    """The server's kernel API as the test wants it: "alive", "gone" (404), "down"
    (the request does not reach a server) or "slow" (no answer at all)."""

    def __init__(self) -> None:
        self.mode = "alive"
        self.asked = 0
        self.held = []

    def __call__(self, route) -> None:
        self.asked += 1
        if self.mode == "alive":
            route.fulfill(status=200, content_type="application/json",
                          body=json.dumps({"id": "k-1", "execution_state": "idle"}))
        elif self.mode == "gone":
            route.fulfill(status=404, content_type="application/json", body="{}")
        elif self.mode == "down":
            route.abort("connectionrefused")
        else:
            self.held.append(route)  # never answered; the page gives up on it


@pytest.fixture
def watched(page):
    """The page with the watch running, its kernel answering; ``page.api`` is its kernel API."""
    api = KernelApi()
    page.route(f"{ORIGIN}/", lambda route: route.fulfill(
        content_type="text/html; charset=utf-8", body=PAGE))
    page.route(f"{ORIGIN}/watch.js", lambda route: route.fulfill(
        content_type="text/javascript; charset=utf-8", body=_ESM))
    page.route(KERNEL_API, api)
    page.goto(f"{ORIGIN}/")
    page.wait_for_function("() => window.watchStarted && window.fake.sent > 0")
    page.api = api
    # Every time the message was put up, however briefly.
    page.evaluate("""() => {
      window.overlaysShown = 0;
      new MutationObserver((changes) => {
        for (const change of changes)
          for (const node of change.addedNodes)
            if (node.id === "sp-connection-lost") window.overlaysShown += 1;
      }).observe(document.body, { childList: true });
    }""")
    return page


def dialog(page):
    return page.get_by_role("alertdialog")


def note(page):
    return page.locator("#sp-connection-waiting")


def overlays_shown(page) -> int:
    return page.evaluate("() => window.overlaysShown")


def stop_answering(page) -> None:
    page.evaluate("() => { window.fake.answering = false; }")


def answer_again(page) -> None:
    page.evaluate("() => { window.fake.answering = true; window.fake.answerHeld(); }")


def assert_not_blocked(page) -> None:
    """A click reaches the app: nothing lies over it, nothing is inert."""
    before = page.evaluate("() => window.clicks || 0")
    page.locator("#app-button").click(timeout=2_000)
    assert page.evaluate("() => window.clicks") == before + 1


def assert_blocked(page, reason: str) -> None:
    expect(dialog(page)).to_be_visible()
    overlay = page.locator(".sp-conn-overlay")
    expect(overlay).to_have_attribute("data-reason", reason)
    expect(dialog(page)).to_contain_text(TEXTS["title"])
    expect(page.locator(".sp-status")).to_have_text(TEXTS["status"])
    expect(note(page)).to_be_empty()
    box = page.locator("#app-button").bounding_box()
    assert page.evaluate(
        "([x, y]) => !!document.elementFromPoint(x, y).closest('.sp-conn-overlay')",
        [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2])


def assert_cleared(page) -> None:
    expect(dialog(page)).to_have_count(0)
    expect(note(page)).to_be_empty()
    expect(page.locator(".sp-status")).to_have_text("Saved · revision 3")
    assert page.evaluate("() => document.querySelectorAll('[inert]').length") == 0
    assert_not_blocked(page)


def test_an_answering_kernel_shows_nothing(watched):
    watched.wait_for_timeout(3 * SETTINGS["late_after_ms"])
    expect(note(watched)).to_be_empty()
    assert overlays_shown(watched) == 0
    assert watched.api.asked == 0  # nothing to ask the server about


def test_late_answers_show_the_quiet_note_block_nothing_and_it_goes_away(watched):
    stop_answering(watched)
    expect(note(watched)).to_have_text(TEXTS["waiting"], timeout=3_000)
    expect(note(watched)).to_have_attribute("role", "status")
    assert_not_blocked(watched)
    # The server says the kernel is there (as for a starved kernel): late, not lost.
    watched.wait_for_timeout(SETTINGS["socket_gone_ms"] + 2_000)
    assert watched.api.asked >= 2
    assert overlays_shown(watched) == 0
    expect(note(watched)).to_have_text(TEXTS["waiting"])
    assert_not_blocked(watched)
    answer_again(watched)
    expect(note(watched)).to_be_empty(timeout=2_000)
    assert overlays_shown(watched) == 0


def test_a_server_too_busy_to_answer_its_kernel_api_is_no_loss_either(watched):
    watched.api.mode = "slow"
    stop_answering(watched)
    expect(note(watched)).to_have_text(TEXTS["waiting"], timeout=3_000)
    watched.wait_for_timeout(SETTINGS["server_timeout_ms"] + 2_000)
    assert watched.api.asked >= 1
    assert overlays_shown(watched) == 0
    assert_not_blocked(watched)
    answer_again(watched)
    expect(note(watched)).to_be_empty(timeout=2_000)


@pytest.mark.parametrize("status", ["restarting", "autorestarting", "dead"])
def test_the_server_saying_the_kernel_restarted_or_died_is_a_loss_that_answers_clear(
        watched, status):
    stop_answering(watched)  # a dead or restarted kernel answers no ping
    watched.evaluate("(status) => window.fake.status.emit(status)", status)
    assert_blocked(watched, status)  # at once: no waiting for a timeout
    expect(dialog(watched).get_by_role("button", name=TEXTS["reload"])).to_be_focused()
    # The server's word stands while the kernel is silent...
    watched.wait_for_timeout(2 * SETTINGS["late_after_ms"])
    assert_blocked(watched, status)
    # ...and the message goes when it answers again.
    answer_again(watched)
    assert_cleared(watched)


def test_busy_and_idle_statuses_are_no_loss(watched):
    for status in ["busy", "idle", "unknown", "starting"]:
        watched.evaluate("(status) => window.fake.status.emit(status)", status)
    watched.wait_for_timeout(500)
    assert overlays_shown(watched) == 0


def test_a_websocket_closed_and_not_back_is_a_loss_and_clears_when_it_is_back(watched):
    stop_answering(watched)
    closed_at = time.monotonic()
    watched.evaluate("() => window.fake.connection.emit('connecting')")
    # Closed for less than socket_gone_ms: only the note (the connection reopens at once).
    watched.wait_for_timeout(SETTINGS["socket_gone_ms"] - 1_500)
    assert overlays_shown(watched) == 0
    expect(note(watched)).to_have_text(TEXTS["waiting"])
    assert_blocked(watched, "socket")
    assert time.monotonic() - closed_at < SETTINGS["socket_gone_ms"] / 1000 + 3
    watched.evaluate("() => window.fake.connection.emit('connected')")
    answer_again(watched)
    assert_cleared(watched)


def test_a_websocket_that_reopens_at_once_is_no_loss(watched):
    for _ in range(3):
        watched.evaluate("() => window.fake.connection.emit('connecting')")
        watched.wait_for_timeout(300)
        watched.evaluate("() => window.fake.connection.emit('connected')")
    watched.wait_for_timeout(SETTINGS["socket_gone_ms"])
    assert overlays_shown(watched) == 0


def test_a_connection_that_gave_up_is_a_loss(watched):
    stop_answering(watched)  # nothing reaches the kernel any more
    watched.evaluate("() => window.fake.connection.emit('disconnected')")
    assert_blocked(watched, "disconnected")
    watched.wait_for_timeout(2 * SETTINGS["late_after_ms"])
    assert_blocked(watched, "disconnected")


def test_the_kernel_api_saying_the_kernel_is_gone_is_a_loss(watched):
    watched.api.mode = "gone"  # culled while the laptop slept, shut down
    stop_answering(watched)
    assert_blocked(watched, "gone")
    assert watched.api.asked >= 1
    answer_again(watched)
    assert_cleared(watched)


def test_a_server_that_cannot_be_reached_twice_in_a_row_is_a_loss(watched):
    watched.api.mode = "down"
    stop_answering(watched)
    expect(note(watched)).to_have_text(TEXTS["waiting"], timeout=3_000)
    assert_blocked(watched, "unreachable")
    assert watched.api.asked >= SETTINGS["unreachable_after"]
    # The server answers again, the kernel not yet: back to waiting, nothing blocked.
    watched.api.mode = "alive"
    expect(dialog(watched)).to_have_count(0, timeout=3_000)
    expect(note(watched)).to_have_text(TEXTS["waiting"])
    assert_not_blocked(watched)
    answer_again(watched)
    assert_cleared(watched)


def test_leaving_the_page_is_no_loss(watched):
    watched.evaluate("() => { window.dispatchEvent(new Event('pagehide')); "
                     "window.fake.connection.emit('disconnected'); }")
    watched.wait_for_timeout(500)
    assert overlays_shown(watched) == 0
    assert re.fullmatch(r"Saved · revision 3", watched.locator(".sp-status").inner_text())
