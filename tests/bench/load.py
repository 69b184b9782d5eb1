"""The room under load: N simulated participants against a real ``social-playbook serve``.

No browser per participant. Each participant does over HTTP and the kernel's websocket
what a participant's browser does, and nothing more:

1. fetches the audit app's page (``/voila/render/01-myth-audit.ipynb?team=<its team>``),
   which makes Voila run the app in a kernel (or hand out a preheated one), and reads the
   streamed page to its end: the kernel id is in the page's ``jupyter-config-data``, the
   app's output in a widget-view script;
2. opens that kernel's websocket (jupyter_server's JSON protocol, one ``channel`` field),
   asks for the kernel's info as JupyterLab's kernel connection does;
3. loads the widgets as ipywidgets 8's manager does: opens a ``jupyter.widget.control``
   comm, sends ``request_states``, reads ``update_states`` (and closes that comm), then
   follows every widget update the kernel sends. It pings the app's ConnectionWatch
   every 0.7 s as the page does (part of what a connected room costs);
4. "clicks" a rating: the ``update`` comm message ipywidgets' ToggleButtons view sends
   (``{"index": k}``) to one statement's rating model;
5. waits until the workspace holds the new rating: the click-to-saved time is from
   sending the message to the ``saved_at`` of the first revision holding it;
6. leaves as a closed tab does: closes the websocket and posts the page's close beacon
   (``POST /voila/api/shutdown/<kernel id>``).

The page is **ready** when the page holds the app's output (a widget view whose model
the kernel has), the kernel has the app's rating buttons (a ToggleButtons model with the
five rating labels) and the team named in the link is open in it (the app's
ConnectionWatch names it, which the app sets after loading the team). A page that never
gets there within ``ready_timeout_s`` is **broken**, with the reason. Page-ready is
measured from the request to that moment: the server's side of opening a page (no
browser, so no JavaScript loading and no rendering; a real page is ready later).

Scenarios: ``rush`` (N open the same app at once, one click each), ``steady`` (N
connected, each changing a rating every few seconds), ``cycles`` (M open/close cycles,
then the kernels left beyond the pools). Each reports page-ready and click-to-saved
p50/p95/max, pages broken, server and kernel memory, CPU-seconds per participant (server
and kernels, from /proc, children that exited included), kernels alive a while after all
left, and clicks not stored (revisions lost).

Run one scenario: ``.venv/bin/python -m tests.bench.load rush -n 20 --room 20``
(``--help`` lists the options). ``make bench`` runs all three at full size through
``tests/bench/run.py``; ``tests/load/test_load_smoke.py`` runs a small rush in ``make test``.
Traffic goes to 127.0.0.1 only; every wait is bounded; the server is stopped, its kernels
reaped, also on errors.
"""

from __future__ import annotations

import argparse
import asyncio
import html
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import quote

from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest
from tornado.websocket import websocket_connect

from tests.bench.server import BenchServer, pss_mb
from tests.bench.stats import percentile
from tests.browser.conftest import free_port

APP = "01-myth-audit.ipynb"
PING_INTERVAL_S = 0.7  # widgets/page/connection.py PING_INTERVAL_MS: what every open page sends
# widgets/page/connection.py LATE_AFTER_MS: a ping answered later than this would show the
# page's quiet "Waiting for the server…" (before that, the connection-lost message)
PING_LATE_S = 1.2
CONTROL_TIMEOUT_S = 4.0  # ipywidgets' manager gives up on request_states after this
SLOW_PAGE_S = 10.0  # the page says "The app has not started" after this (voila_server.py)
_FILLED = re.compile(r"Kernel pool of (\S+) is filled with (\d+) kernel\(s\)")
_CONFIG = re.compile(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>',
                     re.S)
# Voila 0.5's lab template puts each output's bundle in a script; the app is a widget view.
_OUTPUT = re.compile(r'<script type="application/vnd\.voila\.cell-output\+json">(.*?)</script>',
                     re.S)
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
_STATEMENT = re.compile(r'<div class="sp-statement-text">(.*?)</div>', re.S)
_CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def log_stderr(message: str) -> None:
    print(f"[load {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# -- the server ---------------------------------------------------------------------------

def room_option_exists() -> bool:
    """Whether ``social-playbook serve`` has ``--room`` (added by issue 11)."""
    cli = shutil.which("social-playbook", path=str(Path(sys.executable).parent))
    if cli is None:
        return False
    try:
        done = subprocess.run([cli, "serve", "--help"], capture_output=True, text=True,
                              timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return "--room" in done.stdout


class LoadServer(BenchServer):
    """``social-playbook serve`` with ``--pool-size P`` or ``--room N`` on its own port and
    workspace (as the bench's and the browser tests' servers are), plus what the load test
    reads from it: the pools Voila filled, the CPU time and memory of it and its kernels."""

    def __init__(self, tmp: Path, pool_size: int | None = None, room: int | None = None,
                 extra_args: tuple[str, ...] = ()) -> None:
        if (pool_size is None) == (room is None):
            raise ValueError("give pool_size or room")
        self.log_path = tmp / "server.log"
        self.pool_size = pool_size if pool_size is not None else 0
        self.room = room
        self.notes: list[str] = []  # what the runs on this server should say
        self._known_kernels: dict[int, int] = {}
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.db_url = f"sqlite:///{tmp}/workspace.sqlite"
        self.log = open(self.log_path, "w")
        sizing = ["--room", str(room)] if room is not None else ["--pool-size", str(pool_size)]
        cli = shutil.which("social-playbook", path=str(Path(sys.executable).parent))
        env = {**os.environ, "SOCIAL_PLAYBOOK_DB": self.db_url}
        self.process = subprocess.Popen(
            [cli, "serve", "--port", str(self.port), *sizing, *extra_args],
            env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            self._wait_until_up("/")
        except BaseException:
            self.stop()
            raise

    @property
    def sizing(self) -> str:
        return f"--room {self.room}" if self.room is not None else f"--pool-size {self.pool_size}"

    def stop(self) -> None:
        if self.log.closed:
            return
        super().stop()

    # -- pools ---------------------------------------------------------------------------

    def pools(self) -> dict[str, int]:
        """The size of each notebook's pool, as Voila last said it filled it."""
        return {name: int(size) for name, size in _FILLED.findall(self.log_text())}

    def pool_total(self) -> int:
        return sum(self.pools().values())

    def wait_pools_filled(self, notebooks: int, timeout_s: float) -> bool:
        """Wait (bounded) until Voila said it filled the pool of every one of ``notebooks``."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if len(self.pools()) >= notebooks:
                return True
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.log_text()[-2000:]}")
            time.sleep(0.25)
        return False

    def wait_quiet(self, timeout_s: float, cores: float = 0.15,
                   window_s: float = 2.0) -> tuple[float, bool]:
        """Wait (bounded) until the server and its kernels use under ``cores`` of CPU over
        ``window_s``. Voila says a pool is filled once its kernels have started, before they
        ran the notebook. Returns the time waited and whether it got quiet."""
        started = time.monotonic()
        while time.monotonic() - started < timeout_s:
            before = self.cpu_seconds()
            time.sleep(window_s)
            if (self.cpu_seconds() - before) / window_s < cores:
                return time.monotonic() - started, True
        return time.monotonic() - started, False

    # -- cost ----------------------------------------------------------------------------

    def processes(self) -> list[int]:
        """The CLI's pid and every pid below it (one pass over /proc: with a hundred
        kernels, a pass per process would cost more CPU than it measures)."""
        children: dict[int, list[int]] = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                fields = _proc_stat_fields(int(entry))
                if fields is not None:
                    children.setdefault(int(fields[1]), []).append(int(entry))
        found, frontier = [], [self.process.pid]
        while frontier:
            pid = frontier.pop()
            found.append(pid)
            frontier.extend(children.get(pid, ()))
        return found

    def cpu_seconds(self) -> float:
        """CPU time of the server and every kernel, including kernels that have exited
        (their time is in their parent's cutime/cstime once reaped)."""
        total = 0.0
        for pid in self.processes():
            total += _cpu_with_children(pid)
        return total

    def memory(self) -> dict:
        """RSS and PSS now: the server's processes (CLI, Voila and the kernel template) and
        each kernel (MiB). RSS counts a shared page in every process that maps it; PSS
        splits it among them, so the PSS total is the memory they take together."""
        kernels = self.kernels()
        kernel_pids = {k.pid for k in kernels}
        server_pids = [pid for pid in self.processes() if pid not in kernel_pids]
        server_mb = sum(_rss_mb(pid) for pid in server_pids)
        server_pss = sum(pss_mb(pid) for pid in server_pids)
        rss = sorted(k.rss_mb for k in kernels)
        pss = sorted(k.pss_mb for k in kernels)
        return {
            "server_rss_mb": round(server_mb, 1),
            "kernels": len(rss),
            "kernels_rss_mb": round(sum(rss), 1),
            "kernel_rss_median_mb": round(rss[len(rss) // 2], 1) if rss else None,
            "kernel_rss_max_mb": round(rss[-1], 1) if rss else None,
            "total_rss_mb": round(server_mb + sum(rss), 1),
            "server_pss_mb": round(server_pss, 1),
            "kernel_pss_median_mb": round(pss[len(pss) // 2], 1) if pss else None,
            "kernel_pss_max_mb": round(pss[-1], 1) if pss else None,
            "total_pss_mb": round(server_pss + sum(pss), 1),
        }

    def kernel_ids_alive(self) -> set[str]:
        return {k.kernel_id for k in self.kernels() if k.kernel_id}


def _proc_stat_fields(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2:].split()


def _cpu_with_children(pid: int) -> float:
    fields = _proc_stat_fields(pid)
    if fields is None:
        return 0.0
    return sum(int(fields[i]) for i in (11, 12, 13, 14)) / _CLOCK_TICKS


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


# -- the workspace: when a click is stored --------------------------------------------------

@dataclass
class Click:
    """One rating click and when the workspace had it."""

    participant: int
    statement: str
    value: int
    sent_at: float  # time.time()
    stored_at: float | None = None  # saved_at of the first revision holding it
    seen_at: float | None = None  # when this test saw it in the workspace
    revision: int | None = None

    @property
    def to_saved_s(self) -> float | None:
        return None if self.stored_at is None else max(0.0, self.stored_at - self.sent_at)


class SaveWatcher:
    """Polls the workspace (one thread, its own connection) for the clicks not yet stored.

    Only teams with a click pending are read, each once per sweep: the latest revision
    number, and only when it moved, the new revisions' plans. A click counts as stored at
    the ``saved_at`` of the first revision whose audit answers hold its value.
    """

    def __init__(self, db_url: str, interval_s: float = 0.02) -> None:
        from socialplaybook.workspace.store import Workspace

        self.workspace = Workspace(db_url)
        self.interval_s = interval_s
        self._lock = threading.Lock()
        self._pending: dict[str, list[tuple[Click, Callable[[], None]]]] = {}
        self._seen: dict[str, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="load-save-watcher", daemon=True)
        self.errors: list[str] = []

    def __enter__(self) -> SaveWatcher:
        self._thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self._stop.set()
        self._thread.join(timeout=10)

    def baseline(self, team: str) -> None:
        """Revisions up to now hold no click of this run (call before the first click)."""
        number = self.workspace.latest_number(team)
        with self._lock:
            self._seen[team] = number

    def expect(self, team: str, click: Click, on_stored: Callable[[], None]) -> None:
        with self._lock:
            self._pending.setdefault(team, []).append((click, on_stored))

    def _run(self) -> None:
        while not self._stop.is_set():
            with self._lock:
                teams = [team for team, items in self._pending.items() if items]
            for team in teams:
                try:
                    self._check(team)
                except Exception as exc:  # a busy database: try again next sweep
                    if len(self.errors) < 20:
                        self.errors.append(f"{type(exc).__name__}: {exc}"[:200])
            self._stop.wait(self.interval_s)

    def _check(self, team: str) -> None:
        latest = self.workspace.latest_number(team)
        with self._lock:
            seen = self._seen.get(team, 0)
        if latest <= seen:
            return
        now = time.time()
        revisions = sorted(self.workspace.revisions(team, limit=latest - seen),
                           key=lambda r: r.number)
        for revision in revisions:
            if revision.number <= seen:
                continue
            answers = self.workspace.load_revision(team, revision.number).audit.answers
            with self._lock:
                waiting = self._pending.get(team, [])
                done = [item for item in waiting
                        if answers.get(item[0].statement) == item[0].value]
                for item in done:
                    waiting.remove(item)
            for click, on_stored in done:
                click.stored_at = revision.saved_at.timestamp()
                click.seen_at = now
                click.revision = revision.number
                on_stored()
        with self._lock:
            self._seen[team] = latest


# -- one participant ------------------------------------------------------------------------

class PageBroken(Exception):
    """The page never showed the app; the message says what was missing."""


@dataclass
class ParticipantResult:
    number: int
    team: str
    kernel_id: str = ""
    preheated: bool | None = None
    page_s: float | None = None  # the whole page read
    states_s: float | None = None  # request_states answered (from sending it)
    ready_s: float | None = None  # from the request to the app ready with the team open
    broken: str = ""
    clicks: list[Click] = field(default_factory=list)
    pings_answered: int = 0
    ping_answer_s: list[float] = field(default_factory=list)  # each ping's answer, in order
    # seconds from the request: page read, websocket connected, widget states received,
    # team chosen in the team list, app ready (team open)
    timeline: dict[str, float] = field(default_factory=dict)
    models_seen: int = 0  # widget models the page had when it ended (broken pages)
    log_lines: list[str] = field(default_factory=list)  # the server log on its kernel (broken)
    messages: list[str] = field(default_factory=list)  # what the app said on it (broken)

    def as_json(self) -> dict:
        data = asdict(self)
        data["clicks"] = len(self.clicks)
        data["clicks_stored"] = sum(c.stored_at is not None for c in self.clicks)
        answers = data.pop("ping_answer_s")
        data["ping_answer_max_s"] = round(max(answers), 3) if answers else None
        return data


def _new_id() -> str:
    return uuid.uuid4().hex


class Participant:
    """One simulated participant: a page, its kernel's websocket, the widget models."""

    def __init__(self, number: int, team: str, base_url: str, http: AsyncHTTPClient,
                 watcher: SaveWatcher, labels: list[str], myths_by_belief: dict[str, str],
                 ready_timeout_s: float, pings: bool = True) -> None:
        self.result = ParticipantResult(number, team)
        self.base_url = base_url
        self.http = http
        self.watcher = watcher
        self.labels = labels
        self.myths_by_belief = myths_by_belief
        self.ready_timeout_s = ready_timeout_s
        self.pings = pings
        self.session = _new_id()
        self.models: dict[str, dict] = {}  # model id -> state
        self.views: list[str] = []  # model ids of the widget views in the page
        self.expected: dict[str, int] = {}  # statement -> the rating last clicked
        self._ws = None
        self._reader: asyncio.Task | None = None
        self._started = time.perf_counter()
        self._pinger: asyncio.Task | None = None
        self._replies: dict[str, asyncio.Future] = {}
        self._control_id = ""
        self._states: asyncio.Future | None = None
        self._changed = asyncio.Event()
        self._closed = False
        self._ping_id = 0
        self._pings_sent: dict[int, float] = {}  # ping id -> when it was sent

    # -- opening the page ------------------------------------------------------------------

    async def open(self) -> ParticipantResult:
        """Fetch the page, connect, load the widgets, wait for the app with the team open."""
        started = self._started = time.perf_counter()
        deadline = started + self.ready_timeout_s
        stage = "page"
        try:
            await self._fetch_page(started, deadline)
            stage = "websocket and kernel info"
            await self._connect(deadline)
            stage = "widget states"
            await self._load_widgets(deadline)
            stage = "app ready"
            await self._wait_ready(deadline)
            self.result.ready_s = time.perf_counter() - started
            self.watcher.baseline(self.result.team)
            if self.pings:
                self._pinger = asyncio.ensure_future(self._ping_forever())
        except PageBroken as exc:
            self.result.broken = str(exc)
            self.result.models_seen = len(self.models)
            self.result.messages = [
                html.unescape(re.sub(r"<[^>]+>", " ", state["value"])).strip()[:300]
                for state in self.models.values()
                if 'class="sp-msg' in str(state.get("value", ""))]
        except asyncio.TimeoutError:
            self.result.broken = f"{stage}: no answer within {self.ready_timeout_s:g} s"
        except Exception as exc:
            self.result.broken = f"{stage}: {type(exc).__name__}: {exc}"[:300]
        return self.result

    async def _fetch_page(self, started: float, deadline: float) -> None:
        url = (f"{self.base_url}/voila/render/{APP}?team="
               f"{quote(self.result.team, safe='')}")
        chunks: list[bytes] = []
        request = HTTPRequest(url, request_timeout=max(1.0, deadline - time.perf_counter()),
                              streaming_callback=chunks.append)
        try:
            await self.http.fetch(request)
        except HTTPClientError as exc:
            raise PageBroken(f"page: HTTP {exc.code}") from None
        self.result.page_s = time.perf_counter() - started
        self._mark("page")
        page = b"".join(chunks).decode("utf-8", errors="replace")
        config = _CONFIG.search(page)
        if config is None:
            raise PageBroken("page: no jupyter-config-data")
        kernel_id = json.loads(html.unescape(config.group(1))).get("kernelId")
        if not kernel_id:
            raise PageBroken("page: no kernel id")
        self.result.kernel_id = kernel_id
        for output in _OUTPUT.findall(page):
            try:
                self.views.append(json.loads(output)["data"][WIDGET_VIEW]["model_id"])
            except (ValueError, KeyError, TypeError):
                continue
        if not self.views:
            # What issue 11 saw: the notebook ran, its output was dropped, the page has the
            # title and the intro and no app.
            hint = " (a cell error shown)" if "Something went wrong" in page else ""
            raise PageBroken(f"page: no app output (no widget view){hint}")

    async def _connect(self, deadline: float) -> None:
        ws_url = (self.base_url.replace("http://", "ws://", 1)
                  + f"/api/kernels/{self.result.kernel_id}/channels?session_id={self.session}")
        try:
            self._ws = await asyncio.wait_for(websocket_connect(ws_url, max_message_size=2**28),
                                              max(0.1, deadline - time.perf_counter()))
        except HTTPClientError as exc:
            raise PageBroken(f"websocket: HTTP {exc.code}") from None
        self._reader = asyncio.ensure_future(self._read_forever())
        # JupyterLab's kernel connection asks for the kernel's info once connected.
        reply = self._request("shell", "kernel_info_request", {})
        await asyncio.wait_for(reply, max(0.1, deadline - time.perf_counter()))
        self._mark("connected")

    async def _load_widgets(self, deadline: float) -> None:
        self._control_id = _new_id()
        self._states = asyncio.get_running_loop().create_future()
        self._send("shell", "comm_open", {"comm_id": self._control_id,
                                          "target_name": "jupyter.widget.control",
                                          "data": {}}, metadata={"version": "1.0.0"})
        asked = time.perf_counter()
        self._send("shell", "comm_msg", {"comm_id": self._control_id,
                                         "data": {"method": "request_states"}})
        try:
            states = await asyncio.wait_for(self._states,
                                            max(0.1, deadline - time.perf_counter()))
        except asyncio.TimeoutError:
            raise PageBroken("no update_states from the kernel") from None
        self.result.states_s = time.perf_counter() - asked
        self._mark("states")
        for model_id, model in states.items():
            self.models.setdefault(model_id, {}).update(model.get("state", {}))
        self._changed.set()
        self._send("shell", "comm_close", {"comm_id": self._control_id, "data": {}})

    def _ready_problem(self) -> str:
        """What the page still lacks ("" when the app is there with the team open)."""
        missing_views = [v for v in self.views if v not in self.models]
        if missing_views:
            return "the page's widget view has no model in the kernel"
        if not self.rating_rows():
            return "no rating buttons in the kernel's widgets"
        watches = [s for s in self.models.values() if "watch_id" in s and "team" in s]
        if watches:
            if not any(s["team"] == self.result.team for s in watches):
                shown = [_selected(s) for s in self.models.values()
                         if s.get("_model_name") == "DropdownModel"]
                return (f"team not open (ConnectionWatch.team "
                        f"{[s['team'] for s in watches]}, team lists show {shown})")
            return ""
        if not any(_selected(s) == self.result.team for s in self.models.values()
                   if s.get("_model_name") == "DropdownModel"):
            return f"team {self.result.team!r} not chosen in the team list"
        return ""

    def _mark(self, event: str) -> None:
        if event not in self.result.timeline:
            self.result.timeline[event] = round(time.perf_counter() - self._started, 3)

    async def _wait_ready(self, deadline: float) -> None:
        while True:
            if any(_selected(s) == self.result.team for s in self.models.values()
                   if s.get("_model_name") == "DropdownModel"):
                self._mark("team_chosen")
            problem = self._ready_problem()
            if not problem:
                self._mark("ready")
                return
            if self._closed:
                raise PageBroken(f"websocket closed; {problem}")
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise PageBroken(problem)
            self._changed.clear()
            try:
                await asyncio.wait_for(self._changed.wait(), remaining)
            except asyncio.TimeoutError:
                pass

    # -- the widgets -----------------------------------------------------------------------

    def rating_rows(self) -> list[tuple[str, str]]:
        """(statement id, rating model id) of every statement on the page, in model order."""
        rows = []
        for state in self.models.values():
            if "sp-statement" not in state.get("_dom_classes", ()):
                continue
            children = [c.removeprefix("IPY_MODEL_") for c in state.get("children", ())]
            text = next((self.models.get(c, {}).get("value", "") for c in children
                         if self.models.get(c, {}).get("_model_name") == "HTMLModel"), "")
            rating = next((c for c in children
                           if self.models.get(c, {}).get("_options_labels") is not None
                           and list(self.models[c]["_options_labels"]) == self.labels), None)
            match = _STATEMENT.search(text)
            if rating is None or match is None:
                continue
            statement = self.myths_by_belief.get(html.unescape(match.group(1)).strip())
            if statement is not None:
                rows.append((statement, rating))
        return sorted(rows)

    async def click(self, number: int, timeout_s: float) -> Click:
        """Change one statement's rating, as a click on a rating button does, and wait
        (bounded) until the workspace holds it."""
        rows = self.rating_rows()
        statement, model_id = rows[(self.result.number + number) % len(rows)]
        current = self.expected.get(statement, self.models[model_id].get("index"))
        value = (self.result.number + number) % 5
        if value == current:
            value = (value + 1) % 5
        loop = asyncio.get_running_loop()
        stored = loop.create_future()
        click = Click(self.result.number, statement, value, time.time())
        self.watcher.expect(self.result.team, click,
                            lambda: loop.call_soon_threadsafe(_resolve, stored))
        self.expected[statement] = value
        self.result.clicks.append(click)
        click.sent_at = time.time()
        self._send("shell", "comm_msg", {"comm_id": model_id, "data": {
            "method": "update", "state": {"index": value}, "buffer_paths": []}})
        try:
            await asyncio.wait_for(stored, timeout_s)
        except asyncio.TimeoutError:
            pass
        return click

    async def _ping_forever(self) -> None:
        watch = next((mid for mid, s in self.models.items() if "watch_id" in s), None)
        if watch is None:
            return
        while not self._closed:
            self._ping_id += 1
            self._pings_sent[self._ping_id] = time.perf_counter()
            self._send("shell", "comm_msg", {"comm_id": watch, "data": {
                "method": "custom", "content": {"type": "ping", "id": self._ping_id}}})
            await asyncio.sleep(PING_INTERVAL_S)

    # -- leaving ---------------------------------------------------------------------------

    async def leave(self, beacon: bool = True) -> None:
        """Close the tab: the websocket closes and the page's beacon shuts the kernel down."""
        self._closed = True
        for task in (self._pinger, self._reader):
            if task is not None:
                task.cancel()
        if self._ws is not None:
            self._ws.close()
        if beacon and self.result.kernel_id:
            request = HTTPRequest(f"{self.base_url}/voila/api/shutdown/{self.result.kernel_id}",
                                  method="POST", body=b"", request_timeout=60)
            try:
                await self.http.fetch(request, raise_error=False)
            except Exception:  # a beacon is fire-and-forget
                pass

    # -- the websocket ---------------------------------------------------------------------

    def _message(self, channel: str, msg_type: str, content: dict,
                 metadata: dict | None = None) -> dict:
        return {
            "header": {"msg_id": _new_id(), "msg_type": msg_type, "username": "",
                       "session": self.session, "version": "5.3",
                       "date": datetime.now(timezone.utc).isoformat()},
            "parent_header": {}, "metadata": metadata or {}, "content": content,
            "buffers": [], "channel": channel,
        }

    def _send(self, channel: str, msg_type: str, content: dict,
              metadata: dict | None = None) -> str:
        message = self._message(channel, msg_type, content, metadata)
        if self._ws is not None and not self._closed:
            self._ws.write_message(json.dumps(message))
        return message["header"]["msg_id"]

    def _request(self, channel: str, msg_type: str, content: dict) -> asyncio.Future:
        future = asyncio.get_running_loop().create_future()
        self._replies[self._send(channel, msg_type, content)] = future
        return future

    async def _read_forever(self) -> None:
        from jupyter_server.services.kernels.connection.base import deserialize_binary_message

        try:
            while True:
                raw = await self._ws.read_message()
                if raw is None:
                    break
                message = (deserialize_binary_message(raw) if isinstance(raw, bytes)
                           else json.loads(raw))
                self._handle(message)
        finally:
            self._closed = True
            self._changed.set()

    def _handle(self, message: dict) -> None:
        msg_type = message.get("header", {}).get("msg_type", "")
        content = message.get("content", {})
        parent = message.get("parent_header", {}).get("msg_id")
        if message.get("channel") == "shell" and parent in self._replies:
            future = self._replies.pop(parent)
            if not future.done():
                future.set_result(message)
            return
        if msg_type == "comm_msg":
            data = content.get("data", {})
            comm_id = content.get("comm_id")
            if comm_id == self._control_id:
                if data.get("method") == "update_states" and self._states is not None \
                        and not self._states.done():
                    self._states.set_result(data.get("states", {}))
                return
            if data.get("method") in ("update", "echo_update") and comm_id in self.models:
                self.models[comm_id].update(data.get("state", {}))
                self._changed.set()
            elif data.get("method") == "custom" and data.get("content", {}).get("type") == "pong":
                self.result.pings_answered += 1
                sent = self._pings_sent.pop(data["content"].get("id"), None)
                if sent is not None:
                    self.result.ping_answer_s.append(time.perf_counter() - sent)
        elif msg_type == "comm_open":
            if content.get("target_name") == "jupyter.widget":
                state = content.get("data", {}).get("state", {})
                self.models[content.get("comm_id")] = dict(state)
                self._changed.set()
        elif msg_type == "comm_close":
            self.models.pop(content.get("comm_id"), None)
            self._changed.set()


def _resolve(future: asyncio.Future) -> None:
    if not future.done():
        future.set_result(None)


def _selected(state: dict) -> str | None:
    labels, index = state.get("_options_labels"), state.get("index")
    if labels is None or index is None or not 0 <= index < len(labels):
        return None
    return labels[index]


# -- a run ----------------------------------------------------------------------------------

@dataclass
class RunReport:
    """What one scenario measured (times in seconds, memory in MiB)."""

    scenario: str
    participants: int
    server: str
    pool_total: int
    results: list[ParticipantResult] = field(default_factory=list)
    memory: dict = field(default_factory=dict)
    cpu_s: float = 0.0  # server + kernels, from the first page asked for until all left
    client_cpu_s: float = 0.0  # this process (the simulated participants)
    kernels_after: dict = field(default_factory=dict)
    revisions_lost: int = 0  # clicks whose final value is not in the team's latest plan
    load_average: dict = field(default_factory=dict)
    duration_s: float = 0.0
    notes: list[str] = field(default_factory=list)
    log_start: int = 0  # where this run's part of the server log begins

    @property
    def ready_times(self) -> list[float]:
        return [r.ready_s for r in self.results if r.ready_s is not None]

    @property
    def broken(self) -> list[ParticipantResult]:
        return [r for r in self.results if r.broken]

    @property
    def clicks(self) -> list[Click]:
        return [c for r in self.results for c in r.clicks]

    @property
    def click_times(self) -> list[float]:
        return [c.to_saved_s for c in self.clicks if c.to_saved_s is not None]

    @property
    def clicks_not_stored(self) -> int:
        return sum(c.stored_at is None for c in self.clicks)

    @property
    def ping_answer_times(self) -> list[float]:
        return [t for r in self.results for t in r.ping_answer_s]

    def summary(self) -> dict:
        ready, saved = self.ready_times, self.click_times
        return {
            "scenario": self.scenario,
            "participants": self.participants,
            "server": self.server,
            "pool_total": self.pool_total,
            "page_ready_s": _spread(ready),
            "pages_slow_over_10s": sum(t > SLOW_PAGE_S for t in ready),
            "pages_broken": len(self.broken),
            "broken_reasons": sorted({r.broken for r in self.broken}),
            "broken_pages": [
                {"team": r.team, "reason": r.broken, "kernel_id": r.kernel_id,
                 "preheated": r.preheated, "timeline": r.timeline,
                 "models": r.models_seen, "messages": r.messages, "log": r.log_lines}
                for r in self.broken],
            "preheated_pages": sum(bool(r.preheated) for r in self.results),
            "control_replies_over_4s": sum((r.states_s or 0) > CONTROL_TIMEOUT_S
                                           for r in self.results),
            "clicks": len(self.clicks),
            "clicks_stored": len(saved),
            "clicks_not_stored": self.clicks_not_stored,
            "revisions_lost": self.revisions_lost,
            "click_to_saved_s": _spread(saved),
            "ping_answer_s": _spread(self.ping_answer_times),
            "pings_late": sum(t > PING_LATE_S for t in self.ping_answer_times),
            "pages_with_late_pings": sum(any(t > PING_LATE_S for t in r.ping_answer_s)
                                         for r in self.results),
            "autosave_delay_s": _autosave_delay_s(),
            "memory": self.memory,
            "cpu_s_total": round(self.cpu_s, 1),
            "cpu_s_per_participant": round(self.cpu_s / max(1, self.participants), 2),
            "client_cpu_s": round(self.client_cpu_s, 1),
            "kernels_after": self.kernels_after,
            "load_average": self.load_average,
            "duration_s": round(self.duration_s, 1),
            "notes": self.notes,
        }

    def text(self) -> str:
        s = self.summary()
        after = s["kernels_after"]
        lines = [
            f"{s['scenario']}: {s['participants']} participants, serve {s['server']} "
            f"(pools hold {s['pool_total']} kernels), {s['duration_s']:.0f} s",
            f"  page ready      {_spread_text(s['page_ready_s'])}; over 10 s: "
            f"{s['pages_slow_over_10s']}; broken: {s['pages_broken']}"
            + (f" {s['broken_reasons']}" if s["broken_reasons"] else ""),
            f"  click-to-saved  {_spread_text(s['click_to_saved_s'])} (the app waits "
            f"{s['autosave_delay_s']} s before it saves); clicks {s['clicks']}, stored "
            f"{s['clicks_stored']}, revisions lost {s['revisions_lost']}",
            f"  ping answered   {_spread_text(s['ping_answer_s'])}; later than "
            f"{PING_LATE_S:g} s: {s['pings_late']} pings on {s['pages_with_late_pings']} pages",
            f"  memory          server {s['memory'].get('server_rss_mb')} MB, "
            f"{s['memory'].get('kernels')} kernels {s['memory'].get('kernels_rss_mb')} MB "
            f"(median {s['memory'].get('kernel_rss_median_mb')}, max "
            f"{s['memory'].get('kernel_rss_max_mb')}), total {s['memory'].get('total_rss_mb')} MB",
            f"  memory (PSS)    server {s['memory'].get('server_pss_mb')} MB, kernels median "
            f"{s['memory'].get('kernel_pss_median_mb')}, max "
            f"{s['memory'].get('kernel_pss_max_mb')}, total {s['memory'].get('total_pss_mb')} MB",
            f"  CPU             {s['cpu_s_total']} s server+kernels = "
            f"{s['cpu_s_per_participant']} s per participant (this client: "
            f"{s['client_cpu_s']} s)",
            f"  after leaving   {after.get('alive')} kernels alive after "
            f"{after.get('after_s')} s, pools {after.get('pool_total')}, beyond the pools "
            f"{after.get('beyond_pools')}, participants' kernels alive "
            f"{after.get('participant_kernels_alive')}",
            f"  load average    {s['load_average']}",
        ]
        lines += [f"  broken page: {page}" for page in s["broken_pages"]]
        lines += [f"  note: {note}" for note in s["notes"]]
        return "\n".join(lines)


def _autosave_delay_s() -> float:
    from widgets.app.saves import AUTOSAVE_DELAY_SECONDS

    return AUTOSAVE_DELAY_SECONDS


def _spread(values: list[float]) -> dict:
    if not values:
        return {"n": 0, "p50": None, "p95": None, "max": None}
    return {"n": len(values), "p50": round(percentile(values, 50), 3),
            "p95": round(percentile(values, 95), 3), "max": round(max(values), 3)}


def _spread_text(spread: dict) -> str:
    if not spread["n"]:
        return "n/a"
    unit = "ms" if spread["max"] < 2 else "s"
    scale = 1000 if unit == "ms" else 1
    fmt = ".0f" if unit == "ms" else ".2f"
    return (f"p50 {spread['p50'] * scale:{fmt}} {unit}, p95 {spread['p95'] * scale:{fmt}} "
            f"{unit}, max {spread['max'] * scale:{fmt}} {unit} (n={spread['n']})")


class Room:
    """Participants against one server, with the workspace watched for their clicks."""

    def __init__(self, server: LoadServer, log: Callable[[str], None] = log_stderr,
                 ready_timeout_s: float = 90.0, click_timeout_s: float = 30.0,
                 pings: bool = True) -> None:
        from socialplaybook.datasets import load_myths
        from socialplaybook.steps.audit.scores import rating_labels

        self.server = server
        self.log = log
        self.ready_timeout_s = ready_timeout_s
        self.click_timeout_s = click_timeout_s
        self.pings = pings
        self.labels = rating_labels()
        self.myths_by_belief = {m.belief.strip(): m.id for m in load_myths()}
        self._teams = 0

    def create_teams(self, count: int, prefix: str) -> list[str]:
        from socialplaybook.workspace.store import Workspace

        workspace = Workspace(self.server.db_url)
        names = []
        for _i in range(count):
            self._teams += 1
            name = f"{prefix} {self._teams:03d}"
            workspace.create_team(name)
            names.append(name)
        return names

    def participants(self, teams: list[str], http: AsyncHTTPClient,
                     watcher: SaveWatcher, first: int = 0) -> list[Participant]:
        return [Participant(first + i, team, self.server.url, http, watcher, self.labels,
                            self.myths_by_belief, self.ready_timeout_s, self.pings)
                for i, team in enumerate(teams)]

    def revisions_lost(self, people: list[Participant]) -> int:
        """Clicks whose final rating is not in the team's latest plan."""
        from socialplaybook.workspace.store import Workspace

        workspace = Workspace(self.server.db_url)
        lost = 0
        for person in people:
            if not person.expected:
                continue
            answers = workspace.load(person.result.team).audit.answers
            lost += sum(answers.get(statement) != value
                        for statement, value in person.expected.items())
        return lost

    def kernels_after_leaving(self, kernel_ids: set[str], wait_s: float,
                              until_settled: bool) -> dict:
        """Kernels alive ``wait_s`` after all left (or, with ``until_settled``, as soon as no
        participant's kernel is alive and no more than the pools hold, at most ``wait_s``)."""
        started = time.monotonic()
        settled_s = None
        while True:
            alive_ids = self.server.kernel_ids_alive()
            alive = len(self.server.kernels())
            pool_total = self.server.pool_total()
            ours = len(kernel_ids & alive_ids)
            elapsed = time.monotonic() - started
            if settled_s is None and ours == 0 and alive <= pool_total:
                settled_s = round(elapsed, 1)
                if until_settled:
                    break
            if elapsed >= wait_s:
                break
            time.sleep(0.5)
        return {"after_s": round(time.monotonic() - started, 1), "alive": alive,
                "pool_total": pool_total, "beyond_pools": max(0, alive - pool_total),
                "participant_kernels_alive": ours,
                "participant_kernels_gone_after_s": settled_s}

    def _measure(self, name: str, count: int, body) -> RunReport:
        """Run ``body(report)`` (a coroutine function) with the cost counted around it."""
        report = RunReport(name, count, self.server.sizing, self.server.pool_total())
        report.notes += self.server.notes  # what happened before this run, said once
        self.server.notes.clear()
        report.log_start = len(self.server.log_text())
        load_before = os.getloadavg()
        client_before = _own_cpu_s()
        cpu_before = self.server.cpu_seconds()
        started = time.perf_counter()
        _run_on_its_own_loop(body(report))
        report.cpu_s = self.server.cpu_seconds() - cpu_before
        report.client_cpu_s = _own_cpu_s() - client_before
        report.duration_s = time.perf_counter() - started
        report.load_average = {"before": [round(x, 2) for x in load_before],
                               "after": [round(x, 2) for x in os.getloadavg()]}
        return report

    # -- the scenarios -------------------------------------------------------------------

    def rush(self, count: int, clicks: int = 1, stay_s: float = 0.0,
             after_s: float = 60.0, until_settled: bool = False,
             beacon: bool = True) -> RunReport:
        """``count`` participants open the app at the same moment, each clicks ``clicks``
        times once its page is ready, stays until ``stay_s`` after the rush began, leaves
        (``beacon=False``: their tabs' close beacons are lost)."""
        teams = self.create_teams(count, "Rush")
        people: list[Participant] = []

        async def body(report: RunReport) -> None:
            http = AsyncHTTPClient(force_instance=True, max_clients=count + 4)
            with SaveWatcher(self.server.db_url) as watcher:
                people.extend(self.participants(teams, http, watcher))
                began = time.perf_counter()
                self.log(f"rush: {count} pages asked at once ({self.server.sizing})")

                async def one(person: Participant) -> None:
                    await person.open()
                    if not person.result.broken:
                        for number in range(clicks):
                            await person.click(number, self.click_timeout_s)

                try:
                    await asyncio.gather(*(one(p) for p in people))
                    report.memory = self.server.memory()
                    wait = stay_s - (time.perf_counter() - began)
                    if wait > 0:
                        await asyncio.sleep(wait)
                finally:
                    await asyncio.gather(*(p.leave(beacon) for p in people))
                    http.close()
                report.results = [p.result for p in people]
                report.revisions_lost = self.revisions_lost(people)
                if watcher.errors:
                    report.notes.append(f"workspace reads failed (retried): {watcher.errors[:3]}")

        report = self._measure("rush", count, body)
        self._after(report, people, after_s, until_settled)
        return report

    def steady(self, count: int, interval_s: float = 5.0, duration_s: float = 60.0,
               open_concurrency: int = 4, after_s: float = 60.0) -> RunReport:
        """``count`` participants connected (opened ``open_concurrency`` at a time), each
        changing a rating every ``interval_s`` for ``duration_s``, then all leave."""
        teams = self.create_teams(count, "Steady")
        people: list[Participant] = []

        async def body(report: RunReport) -> None:
            http = AsyncHTTPClient(force_instance=True, max_clients=count + 4)
            with SaveWatcher(self.server.db_url) as watcher:
                people.extend(self.participants(teams, http, watcher))
                gate = asyncio.Semaphore(open_concurrency)

                async def open_one(person: Participant) -> None:
                    async with gate:
                        await person.open()

                try:
                    self.log(f"steady: opening {count} pages, {open_concurrency} at a time")
                    await asyncio.gather(*(open_one(p) for p in people))
                    ready = [p for p in people if not p.result.broken]
                    self.log(f"steady: {len(ready)} connected; a change every {interval_s:g} s "
                             f"each for {duration_s:g} s")
                    rng = random.Random(11)
                    until = time.perf_counter() + duration_s

                    clicking: set[asyncio.Future] = set()  # referenced until done

                    async def edit_forever(person: Participant) -> None:
                        await asyncio.sleep(rng.uniform(0, interval_s))
                        number = 0
                        while time.perf_counter() < until:
                            next_at = time.perf_counter() + interval_s
                            task = asyncio.ensure_future(
                                person.click(number, self.click_timeout_s))
                            clicking.add(task)
                            task.add_done_callback(clicking.discard)
                            number += 1
                            await asyncio.sleep(max(0.0, next_at - time.perf_counter()))

                    measure_at = asyncio.ensure_future(_later(duration_s / 2,
                                                              self.server.memory))
                    await asyncio.gather(*(edit_forever(p) for p in ready))
                    report.memory = await measure_at
                    await self._settle_clicks(ready)
                finally:
                    await asyncio.gather(*(p.leave() for p in people))
                    http.close()
                report.results = [p.result for p in people]
                report.revisions_lost = self.revisions_lost(people)

        report = self._measure("steady", count, body)
        self._after(report, people, after_s, until_settled=False)
        return report

    def cycles(self, count: int, concurrency: int = 2, after_s: float = 60.0) -> RunReport:
        """``count`` open/close cycles (``concurrency`` at a time): open the page, wait for
        the app, close the tab. Then the kernels left beyond the pools."""
        teams = self.create_teams(count, "Cycle")
        people: list[Participant] = []

        async def body(report: RunReport) -> None:
            http = AsyncHTTPClient(force_instance=True, max_clients=concurrency + 4)
            with SaveWatcher(self.server.db_url) as watcher:
                people.extend(self.participants(teams, http, watcher))
                queue = list(people)
                done = 0

                async def worker() -> None:
                    nonlocal done
                    while queue:
                        person = queue.pop(0)
                        try:
                            await person.open()
                        finally:
                            await person.leave()
                        done += 1
                        if done % 25 == 0:
                            self.log(f"cycles: {done}/{count}")

                self.log(f"cycles: {count} open/close cycles, {concurrency} at a time")
                await asyncio.gather(*(worker() for _i in range(concurrency)))
                report.memory = self.server.memory()
                http.close()
                report.results = [p.result for p in people]

        report = self._measure("cycles", count, body)
        self._after(report, people, after_s, until_settled=False)
        return report

    async def _settle_clicks(self, people: list[Participant]) -> None:
        deadline = time.perf_counter() + self.click_timeout_s
        while time.perf_counter() < deadline:
            if all(c.stored_at is not None for p in people for c in p.result.clicks):
                return
            await asyncio.sleep(0.1)

    def _after(self, report: RunReport, people: list[Participant], after_s: float,
               until_settled: bool) -> None:
        ids = {p.result.kernel_id for p in people if p.result.kernel_id}
        self.log(f"{report.scenario}: all left; counting kernels"
                 + (" until settled" if until_settled else f" after {after_s:g} s"))
        report.kernels_after = self.kernels_after_leaving(ids, after_s, until_settled)
        log_text = self.server.log_text()
        preheated = set(re.findall(r"Using pre-heated kernel: ([0-9a-f-]{36})", log_text))
        for person in people:
            if person.result.kernel_id:
                person.result.preheated = person.result.kernel_id in preheated
            if person.result.broken and person.result.kernel_id:
                person.result.log_lines = [
                    line[:300] for line in log_text.splitlines()
                    if person.result.kernel_id in line][:20]
        # ipywidgets' manager closes its control comm after update_states, as we do, and the
        # kernel may have dropped it already ("No such comm"): not a problem of the app.
        controls = {p._control_id for p in people if p._control_id}
        report.notes += _log_findings("\n".join(
            line for line in log_text[report.log_start:].splitlines()
            if not ("No such comm" in line and line.rsplit(" ", 1)[-1] in controls)))


async def _later(delay: float, action: Callable[[], dict]) -> dict:
    await asyncio.sleep(delay)
    return action()


def _own_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


_LOG_PROBLEMS = ("Timeout waiting for IOPub output", "Address already in use", "Traceback",
                 "[social-playbook kernel]", "Kernel died", "KernelDied", "ERROR",
                 "did not show the app", "Failed to connect")


def _log_findings(text: str) -> list[str]:
    """Lines of the server log that point at a problem, counted by kind (first shown)."""
    found = []
    for marker in _LOG_PROBLEMS:
        lines = [line for line in text.splitlines() if marker in line]
        if lines:
            found.append(f"server log: {len(lines)} line(s) with {marker!r}, first: "
                         f"{lines[0].strip()[:240]}")
    return found


# -- one scenario on its own server ---------------------------------------------------------

def notebook_count(folder: Path | None = None) -> int:
    from socialplaybook.datasets import notebooks_dir

    return len(list((folder or notebooks_dir()).glob("*.ipynb")))


def start_server(folder: Path, pool_size: int | None = None, room: int | None = None,
                 apps: list[str] | None = None, log: Callable[[str], None] = log_stderr,
                 fill_timeout_s: float = 600.0,
                 quiet_timeout_s: float | None = None) -> LoadServer:
    """A server whose pools are full and whose kernels ran their notebooks (waited for,
    bounded): a rush meets a ready room. ``apps``: serve only these notebooks (a copy of
    them), so only their pools fill; default every workshop app."""
    from socialplaybook.datasets import notebooks_dir

    folder.mkdir(parents=True, exist_ok=True)
    extra: tuple[str, ...] = ()
    served = None
    if apps is not None:
        served = folder / "notebooks"
        served.mkdir(exist_ok=True)
        for name in apps:
            shutil.copyfile(notebooks_dir() / name, served / name)
        extra = ("--notebooks", str(served))
    started = time.perf_counter()
    server = LoadServer(folder, pool_size=pool_size, room=room, extra_args=extra)
    try:
        log(f"server {server.sizing} up on {server.url} in {time.perf_counter() - started:.1f} s;"
            f" waiting for its pools")
        if pool_size == 0:
            return server
        if not server.wait_pools_filled(notebook_count(served), fill_timeout_s):
            log(f"pools not all filled after {fill_timeout_s:.0f} s: {server.pools()}")
        else:
            # Voila says a pool is filled once its kernels started, before they ran the
            # notebook: wait until they are idle (about 2.5 CPU-seconds each).
            if quiet_timeout_s is None:
                quiet_timeout_s = min(900.0, 60.0 + 3.0 * server.pool_total())
            waited, quiet = server.wait_quiet(quiet_timeout_s)
            server.notes += [f"while the pools filled: {note}"
                             for note in _log_findings(server.log_text())]
            if not quiet:
                server.notes.append(f"the server's kernels were still busy {waited:.0f} s after "
                                    "its pools were said to be filled; the run began anyway")
            log(f"pools filled ({server.pool_total()} kernels) after "
                f"{time.perf_counter() - started - waited:.0f} s, then "
                + (f"quiet after {waited:.0f} s more" if quiet
                   else f"still busy after {waited:.0f} s more (going on)"))
    except BaseException:
        server.stop()
        raise
    return server


def run_scenario(name: str, folder: Path, sizing: dict, params: dict,
                 log: Callable[[str], None] = log_stderr,
                 keep_log: Path | None = None) -> RunReport:
    """Start a server with ``sizing`` (``pool_size=`` or ``room=``), run one scenario with
    ``params``, stop the server (also on errors); ``keep_log`` gets the server's log."""
    server = start_server(folder, log=log, **sizing)
    try:
        room = Room(server, log=log, **{k: params.pop(k) for k in
                                        ("ready_timeout_s", "click_timeout_s", "pings")
                                        if k in params})
        report = getattr(room, name)(**params)
        return report
    finally:
        server.stop()
        if keep_log is not None:
            keep_log.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(server.log_path, keep_log)


def sizing_for(participants: int, room: int | None = None,
               pool_size: int | None = None) -> dict:
    """``--room N`` when serve has it (and no pool size was asked for), else --pool-size."""
    if pool_size is not None:
        return {"pool_size": pool_size}
    if room_option_exists():
        return {"room": room or participants}
    return {"pool_size": participants}


# -- make bench: the full-size runs (issue 11's goals) -------------------------------------

RUSH = 20  # participants opening the audit app at once
STEADY = 40  # participants connected, each changing a rating every STEADY_INTERVAL_S
STEADY_INTERVAL_S = 5.0
STEADY_DURATION_S = 60.0
STEADY_OPEN_AT_ONCE = 4
CYCLES = 200  # open/close cycles
CYCLES_AT_ONCE = 2
AFTER_S = 60.0  # kernels are counted this long after all left
RUSH_STAY_S = 60.0  # rush participants stay connected for the first minute (the CPU window)


def bench(workdir: Path, log: Callable[[str], None] = log_stderr,
          keep_logs: Path | None = None):
    """``make bench``'s runs, yielding ``(scenario, RunReport)`` as each finishes.

    One server sized for a room of ``RUSH`` (``--room`` when serve has it, else
    ``--pool-size``) takes the rush and then the open/close cycles. The steady run's
    server has ``--pool-size`` of the pages opened at a time: it measures saving with
    ``STEADY`` pages connected, and idle pool kernels cost memory, not CPU (``--room 40``
    would start about a hundred kernels first).
    """
    rush_sizing = sizing_for(RUSH)
    steady_sizing = {"pool_size": STEADY_OPEN_AT_ONCE}
    keep = (lambda name: keep_logs / f"server-load-{name}.log") if keep_logs else (
        lambda name: None)
    server = start_server(workdir / "load-room", log=log, **rush_sizing)
    try:
        room = Room(server, log=log)
        yield "rush", room.rush(RUSH, clicks=1, stay_s=RUSH_STAY_S, after_s=AFTER_S)
        server.wait_quiet(300)
        yield "cycles", room.cycles(CYCLES, concurrency=CYCLES_AT_ONCE, after_s=AFTER_S)
    finally:
        _stop_keeping_log(server, keep("room"))
    server = start_server(workdir / "load-steady", log=log, **steady_sizing)
    try:
        yield "steady", Room(server, log=log).steady(
            STEADY, interval_s=STEADY_INTERVAL_S, duration_s=STEADY_DURATION_S,
            open_concurrency=STEADY_OPEN_AT_ONCE, after_s=AFTER_S)
    finally:
        _stop_keeping_log(server, keep("steady"))


def _stop_keeping_log(server: LoadServer, path: Path | None) -> None:
    try:
        server.stop()
    finally:
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(server.log_path, path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.load",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("scenario", choices=["rush", "steady", "cycles"])
    parser.add_argument("-n", type=int, default=5, help="participants (cycles: cycles)")
    parser.add_argument("--room", type=int, help="serve --room N (default: N when it exists)")
    parser.add_argument("--pool-size", type=int, help="serve --pool-size P instead of --room")
    parser.add_argument("--after", type=float, default=60.0,
                        help="seconds after all left to count kernels")
    parser.add_argument("--duration", type=float, default=60.0, help="steady: seconds")
    parser.add_argument("--interval", type=float, default=5.0, help="steady: between changes")
    parser.add_argument("--concurrency", type=int, default=2,
                        help="cycles: at a time; steady: pages opened at a time")
    parser.add_argument("--stay", type=float, default=0.0,
                        help="rush: stay connected until this long after the rush began")
    parser.add_argument("--apps", nargs="+", metavar="NOTEBOOK",
                        help="serve only these notebooks (default: every app)")
    parser.add_argument("--no-beacon", action="store_true",
                        help="rush: leave without the close beacon (a lost beacon)")
    parser.add_argument("--json", type=Path, help="write the summary here")
    args = parser.parse_args(argv)
    sizing = {**sizing_for(args.n, args.room, args.pool_size), "apps": args.apps}
    params: dict = {"after_s": args.after}
    if args.scenario == "rush":
        params.update(count=args.n, stay_s=args.stay, beacon=not args.no_beacon)
    elif args.scenario == "steady":
        params.update(count=args.n, interval_s=args.interval, duration_s=args.duration,
                      open_concurrency=args.concurrency)
    else:
        params.update(count=args.n, concurrency=args.concurrency)
    folder = Path(tempfile.mkdtemp(prefix="sp-load-"))
    try:
        report = run_scenario(args.scenario, folder, sizing, params,
                              keep_log=folder.parent / f"{folder.name}-server.log")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(report.text())
    if args.json:
        args.json.write_text(json.dumps({"summary": report.summary(),
                                         "participants": [r.as_json() for r in report.results]},
                                        indent=2) + "\n", encoding="utf-8")
    return 0


def _run_on_its_own_loop(coroutine) -> None:
    """``asyncio.run(coroutine)``, on a thread of its own when this thread already runs an
    event loop (in the full test session, Playwright's sync API keeps one running)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(coroutine)
        return
    failure: list[BaseException] = []

    def run() -> None:
        try:
            asyncio.run(coroutine)
        except BaseException as exc:  # handed to the caller's thread
            failure.append(exc)

    thread = threading.Thread(target=run, name="load-test")
    thread.start()
    thread.join()
    if failure:
        raise failure[0]


if __name__ == "__main__":
    sys.exit(main())
