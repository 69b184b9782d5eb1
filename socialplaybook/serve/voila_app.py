"""Voila as ``social-playbook serve`` runs it (``python -m socialplaybook.serve.voila_app``).

Standalone Voila with two changes, and every Voila option still taken from the command line:

- **The tab-close beacon passes the XSRF check, nothing else does.** Voila 0.5's page
  sends ``POST voila/api/shutdown/<kernel id>`` with ``navigator.sendBeacon`` when its tab
  closes, and a beacon cannot carry the XSRF token, so jupyter_server refuses it and every
  closed tab would keep its kernel until culled (voila issue #1458). Only that handler
  skips the token check; it still refuses another site's origin and, with a token, an
  unauthenticated caller. Every other POST, PUT or DELETE needs the XSRF token as before.
- **plotly.js is served at ``PLOTLY_JS_PATH``** (cached by browsers), for the pages that
  draw a chart (widgets/kit/charts.py), and plotly's JupyterLab extension is left out of
  every page (``launch.voila_command``): every page would load its bundle before it
  connects, chart or no chart.
- **Pool kernels run their notebook a few at a time** (one per core), not all at once.
- **A preheated kernel is handed out only if it could have run the app.** Before Voila
  counts a notebook's pool, kernels that failed to start, or that finished running the
  notebook without showing a widget (a cell failed; its output was lost), are shut down
  and replaced (``ProvenPools``); with none left the page gets a fresh kernel. A
  notebook whose pool kernels fail ``MAX_FAILED_POOL_KERNELS`` times in a row gets no
  more of them until the server restarts (a broken app must not start kernels forever).
- **The page is social-playbook's template** (``share/jupyter/voila/templates/``): Voila's
  own page with Font Awesome served from here (``FONTAWESOME_PATH``) rather than a public
  CDN, and a message with a Reload button when the app has not appeared within 10 s.
- **A page asks for all its scripts at once.** Voila's page learns which of its ~80
  scripts it needs one wave at a time (each script names the next), and a cold page only
  after its notebook has run. The template preloads the list in ``PAGE_SCRIPTS_FILE``
  from the page's head, so the browser fetches and compiles them while it parses the
  page. The list is made for given Voila and widget versions (``page_scripts``); with
  others installed, nothing is preloaded and the page loads as Voila's own does.
- **Page templates are compiled once.** Voila makes a Jinja environment for every page
  it renders, which would compile the page's templates again on every open. Their
  compiled code is kept in memory (``TemplateBytecode``, Jinja's bytecode cache; a changed
  template is compiled anew).
- **No MathJax.** The apps show no formulas, so pages load no typesetter and ``$5 and
  $10`` stays as typed.
- **Kernels are forked from a template** that has imported ipykernel and the modules the
  notebooks import (``kernel_forks``): a kernel is ready without importing them again.
  ``--WorkshopVoila.fork_kernels=False`` starts them the usual way.
- **The access token comes from the environment** (``JUPYTER_TOKEN``), never from the
  command line, where ``ps`` shows it to every user of the machine. It is removed from
  the environment at once, so kernels (which run the notebooks) never see it.
- **Host and Origin are checked on every request** (``access.RefusedRequests``, first of
  all routes): a local server answers only its loopback names with its port, from its own
  pages; a public one (``--WorkshopVoila.public=True``) only same-origin websockets and
  changes. Voila turns jupyter_server's own Host check off (``allow_remote_access``); it
  is turned on again for a local server.
- **HTTPS** with ``--WorkshopVoila.certfile`` and ``keyfile``: the login and XSRF cookies
  are then Secure, and the URL logged is https.

Only this module imports Voila: the rest of the core stays plain Python.
"""

from __future__ import annotations

import asyncio
import atexit
import os
import re
from pathlib import Path

from jinja2 import BytecodeCache
from jupyter_server.utils import url_path_join
from tornado.web import ErrorHandler, HTTPError, StaticFileHandler
from traitlets import Bool, Unicode
from voila import app as voila_app
from voila import notebook_renderer
from voila.app import Voila
from voila.exporter import VoilaExporter
from voila.shutdown_kernel_handler import VoilaShutdownKernelHandler

from socialplaybook.rules.i18n import _
from socialplaybook.serve.access import Access, RefusedRequests, tls_context
from socialplaybook.serve.kernel_forks import KernelTemplate, use_template
from socialplaybook.serve.kernel_template import notebook_imports
from socialplaybook.serve.room import usable_cores
from socialplaybook.serve.static import PLOTLY_JS_PATH, plotly_js_file

TOKEN_ENV_VAR = "JUPYTER_TOKEN"
FORKING_PROVISIONER = "social-playbook-forking"  # the entry point in pyproject.toml
TEMPLATE = "social-playbook"
TEMPLATES_ROOT = Path(__file__).parent / "share" / "jupyter"
FONTAWESOME_PATH = "social-playbook/static/fontawesome"
APP_MISSING_AFTER_MS = 10_000
PAGE_SCRIPTS_FILE = TEMPLATES_ROOT / "voila" / "templates" / TEMPLATE / "page-scripts.json"


def fontawesome_dir() -> Path:
    """Font Awesome's css/ and webfonts/, as the fontawesomefree package ships them."""
    import fontawesomefree

    return Path(fontawesomefree.__file__).parent / "static" / "fontawesomefree"


def page_texts() -> dict:
    """What the page itself says when its app has not appeared (the template reads it)."""
    return {
        "after_ms": APP_MISSING_AFTER_MS,
        "title": _("The app has not started"),
        "text": _("It should have appeared by now. Reload the page to start it again; "
                  "nothing your team saved is lost."),
        "reload": _("Reload"),
    }


def installed_page_versions(names: list[str]) -> dict[str, str]:
    """The installed versions of Voila and of the JupyterLab extensions ``names``."""
    import json

    from voila import __version__ as voila_version
    from voila.utils import get_voila_labextensions_path

    versions = {"voila": voila_version}
    for name in names:
        for folder in get_voila_labextensions_path():
            package = Path(folder) / name / "package.json"
            if package.is_file():
                versions[name] = json.loads(package.read_text(encoding="utf-8"))["version"]
                break
    return versions


def page_scripts(log=None, path: Path = PAGE_SCRIPTS_FILE) -> list[str]:
    """The scripts an app's page loads (relative to the base URL), for it to preload.

    Empty, with a warning in ``log``, when the list was made for other versions of Voila
    or its extensions than those installed (``python -m tests.bench.page_scripts --write``
    makes it again) or cannot be read: the page then loads its scripts as Voila's does.
    """
    import json

    try:
        listed = json.loads(path.read_text(encoding="utf-8"))
        made_with, scripts = dict(listed["made_with"]), list(listed["scripts"])
    except (OSError, ValueError, KeyError, TypeError) as error:
        if log is not None:
            log.warning("No scripts preloaded: %s cannot be read (%s).", path, error)
        return []
    installed = installed_page_versions([name for name in made_with if name != "voila"])
    if installed != made_with:
        if log is not None:
            log.warning("No scripts preloaded: %s was made for %s, installed are %s.",
                        path.name, made_with, installed)
        return []
    return [script for script in scripts if isinstance(script, str)]


class TemplateBytecode(BytecodeCache):
    """Compiled Jinja templates kept in memory, shared by every page's environment.

    Jinja keys each entry by template and checks it against the template's source, so a
    changed template file is compiled again.
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


TEMPLATE_BYTECODE = TemplateBytecode()


class CompiledOnceExporter(VoilaExporter):
    """Voila's page exporter whose Jinja environment uses ``TEMPLATE_BYTECODE``."""

    def _create_environment(self):
        environment = super()._create_environment()
        environment.bytecode_cache = TEMPLATE_BYTECODE
        return environment


WIDGET_OUTPUT = "application/vnd.jupyter.widget-view+json"
MAX_FAILED_POOL_KERNELS = 3


class ProvenPools:
    """Voila's kernel pools, with the kernels that cannot have run their app taken out.

    Wraps a preheating kernel manager's ``get_pool_size``, which Voila's page handler
    asks before it takes a pool kernel: a pool entry whose start failed, or whose
    notebook ran to the end without a widget on the page, is removed (its kernel shut
    down, a new one started) before it is counted. Entries still running the notebook
    are counted: they cannot be judged yet, and the page waits for them. A pool whose next
    entry has not started its kernel yet counts as empty: the page gets a fresh kernel.
    """

    def __init__(self, kernel_manager, log, running_at_once: int) -> None:
        self.kernel_manager = kernel_manager
        self.log = log
        self.failures: dict[str, int] = {}
        self.given_up: set[str] = set()
        self._count = kernel_manager.get_pool_size
        kernel_manager.get_pool_size = self.get_pool_size
        # Voila starts every pool kernel at once: a roomful of them on two cores took
        # minutes, past any output timeout, and none showed its app. At most
        # ``running_at_once`` kernels run their notebook at a time; the others wait.
        self._running = asyncio.Semaphore(max(1, running_at_once))
        self._initialize = kernel_manager._initialize
        kernel_manager._initialize = self._initialize_in_turn

    async def _initialize_in_turn(self, notebook_path: str, kernel_id: str | None = None,
                                  **kwargs):
        await self._running.acquire()
        try:
            content = await self._initialize(notebook_path, kernel_id, **kwargs)
        except BaseException:
            self._running.release()
            raise
        content["task"].add_done_callback(lambda _task: self._running.release())
        return content

    def get_pool_size(self, notebook_name: str) -> int:
        if notebook_name in self.given_up:
            return 0
        pool = self.kernel_manager._pools.get(notebook_name, [])
        for entry in list(pool):
            verdict = self._judge(entry)
            if verdict is None:
                continue
            if verdict:
                self.failures[notebook_name] = 0
                continue
            pool.remove(entry)
            self._replace(notebook_name, entry)
        # The page takes the pool's first entry and waits for it. A refill whose kernel has
        # not even started waits its turn behind the others (one per core): in a rush that
        # was 14-27 s, where a fresh kernel of its own takes a few. Such a page gets one.
        if pool and not pool[0].done():
            return 0
        return self._count(notebook_name)

    def _shut_down(self, kernel_id: str | None) -> None:
        if kernel_id is not None and kernel_id in self.kernel_manager:
            asyncio.ensure_future(self.kernel_manager.shutdown_kernel(kernel_id, now=True))

    def _shut_down_entry(self, entry) -> None:
        if not entry.cancelled() and entry.exception() is None:
            self._shut_down(entry.result().get("kernel_id"))

    @staticmethod
    def _judge(entry) -> bool | None:
        """True: ran the app; False: cannot have; None: not known yet."""
        if not entry.done():
            return None
        if entry.cancelled() or entry.exception() is not None:
            return False
        render = entry.result().get("task")
        if render is None or not render.done():
            return None
        if render.cancelled() or render.exception() is not None:
            return False
        rendered, _generator = render.result()
        return any(WIDGET_OUTPUT in snippet for snippet in rendered)

    def _replace(self, notebook_name: str, entry) -> None:
        failures = self.failures.get(notebook_name, 0) + 1
        self.failures[notebook_name] = failures
        kernel_id = None
        if not entry.cancelled() and entry.exception() is None:
            kernel_id = entry.result().get("kernel_id")
        self._shut_down(kernel_id)
        if failures >= MAX_FAILED_POOL_KERNELS:
            self.log.error("The app %s did not appear in %d preheated kernels in a row: no "
                           "more are kept ready for it (its pages get a fresh kernel each) "
                           "until the server restarts.", notebook_name, failures)
            self.given_up.add(notebook_name)
            for entry in self.kernel_manager._pools.pop(notebook_name, []):
                entry.add_done_callback(self._shut_down_entry)
            return
        self.log.warning("A preheated kernel of %s did not show the app (kernel %s): "
                         "replaced, not handed out.", notebook_name, kernel_id)
        self.kernel_manager.fill_if_needed(delay=0, notebook_name=notebook_name)


def _with_fills_held_back(factory):
    """Voila's kernel manager factory, whose preheating managers hold back the pool fills
    their constructor asks for until ``release_held_back_fills()``."""

    def make(*args, **kwargs):
        manager_class = factory(*args, **kwargs)
        if not hasattr(manager_class, "fill_if_needed"):  # no preheating
            return manager_class

        class FillsHeldBack(manager_class):
            def __init__(self, **config):
                self.held_back_fills: list | None = []
                super().__init__(**config)

            def fill_if_needed(self, delay=None, notebook_name=None, **options):
                if self.held_back_fills is None:
                    return super().fill_if_needed(delay=delay, notebook_name=notebook_name,
                                                  **options)
                self.held_back_fills.append((delay, notebook_name, options))
                return None

            def release_held_back_fills(self) -> None:
                held, self.held_back_fills = self.held_back_fills or [], None
                for delay, notebook_name, options in held:
                    self.fill_if_needed(delay=delay, notebook_name=notebook_name, **options)

        return FillsHeldBack

    return make


class ShutdownBeaconHandler(VoilaShutdownKernelHandler):
    """Voila's kernel shutdown on tab close, let through without an XSRF token."""

    def check_xsrf_cookie(self) -> None:
        if not hasattr(self, "_jupyter_current_user"):
            return None  # called before authentication; jupyter_server calls it again after
        # the beacon comes from our own page: a page of another site is still refused
        if not self.check_origin():
            raise HTTPError(404)
        return None


class WorkshopVoila(Voila):
    """Standalone Voila with the beacon exemption and the token read from the environment."""

    fork_kernels = Bool(True, config=True,
                        help="Fork kernels from a template that has imported what they need.")
    public = Bool(False, config=True,
                  help="Reached by any name (with a token): Host is not checked, Origin is "
                       "for websockets and changes. Else only this machine's loopback names.")
    certfile = Unicode("", config=True, help="Serve HTTPS with this PEM certificate.")
    keyfile = Unicode("", config=True, help="The certificate's PEM private key.")

    @property
    def access(self) -> Access:
        """Which requests this server answers (``socialplaybook.serve.access``)."""
        return Access(port=self.port, public=self.public,
                      scheme="https" if self.certfile else "http")

    def _url(self, ip):
        url = super()._url(ip)  # always http:// in Voila 0.5
        return "https" + url.removeprefix("http") if self.certfile else url

    def listen(self):
        if self.certfile:
            # Voila's listen() gives tornado no TLS options: they are added to its call.
            context = tls_context(self.certfile, self.keyfile)
            plain_listen = self.app.listen
            self.app.listen = lambda port, address=None, **options: plain_listen(
                port, address, ssl_options=context, **options)
        super().listen()

    def setup_template_dirs(self):
        # Voila finds templates on the Jupyter data path; ours ships inside the package.
        paths = os.environ.get("JUPYTER_PATH", "").split(os.pathsep)
        if str(TEMPLATES_ROOT) not in paths:
            os.environ["JUPYTER_PATH"] = os.pathsep.join(
                [str(TEMPLATES_ROOT), *[path for path in paths if path]])
        if self.voila_configuration.template in ("", "lab"):  # not chosen on the command line
            self.voila_configuration.template = TEMPLATE
        super().setup_template_dirs()
        resources = self.voila_configuration.config.VoilaConfiguration
        extra = resources.get("resources")
        extra = dict(extra) if isinstance(extra, dict) else {}
        resources.resources = {**extra, "social_playbook": {
            **page_texts(), "preload_scripts": page_scripts(self.log)}}

    def init_settings(self):
        # Voila makes its page exporter by this name for every page (notebook_renderer).
        notebook_renderer.VoilaExporter = CompiledOnceExporter
        if self.fork_kernels:
            self.start_kernel_template()
        # Voila's kernel manager fills every pool from its constructor, before ProvenPools
        # can wrap it: with --room 20 that started about a hundred kernels at once on two
        # cores, every one of them timed out, and the room got cold kernels. The fills
        # asked for while it is made are held back and asked again once it is wrapped.
        original = voila_app.voila_kernel_manager_factory
        voila_app.voila_kernel_manager_factory = _with_fills_held_back(original)
        try:
            settings = super().init_settings()
        finally:
            voila_app.voila_kernel_manager_factory = original
        held = getattr(self.kernel_manager, "held_back_fills", None)
        if held is not None:  # preheating (--pool-size above 0)
            self.proven_pools = ProvenPools(self.kernel_manager, self.log,
                                            running_at_once=usable_cores())
            self.kernel_manager.release_held_back_fills()
        # jupyter_server's Host check (Voila turns it off), behind our own: access.py
        settings["allow_remote_access"] = self.public
        if self.certfile:
            self.identity_provider.secure_cookie = True
            settings["xsrf_cookie_kwargs"] = {**settings.get("xsrf_cookie_kwargs", {}),
                                              "secure": True}
        return settings

    def start_kernel_template(self) -> None:
        """Start the template kernels are forked from, and have every kernel forked."""
        environment = {k: v for k, v in os.environ.items() if k != TOKEN_ENV_VAR}
        template = KernelTemplate(notebook_imports(Path(self.root_dir)), log=self.log,
                                  env=environment)
        atexit.register(template.stop)
        use_template(template)
        self.kernel_template = template
        self.config.KernelProvisionerFactory.default_provisioner_name = FORKING_PROVISIONER

    def initialize(self, argv=None):
        super().initialize(argv)
        token = os.environ.pop(TOKEN_ENV_VAR, None)
        if token:
            self.token = token

    def init_handlers(self) -> list:
        handlers, replaced = [], 0
        for spec in super().init_handlers():
            if isinstance(spec, tuple) and len(spec) >= 2 and spec[1] is VoilaShutdownKernelHandler:
                spec = (spec[0], ShutdownBeaconHandler, *spec[2:])
                replaced += 1
            handlers.append(spec)
        if replaced != 1:
            raise RuntimeError("Voila's kernel shutdown handler was not found: check the "
                               "Voila version against socialplaybook/serve/voila_app.py")
        folder, name = PLOTLY_JS_PATH.rsplit("/", 1)
        plotly_route = url_path_join(self.server_url, folder, f"({re.escape(name)})")
        fontawesome_route = url_path_join(self.server_url, FONTAWESOME_PATH,
                                          r"((?:css|webfonts)/[\w.-]+)")
        handlers[:0] = [
            # first: a refused request reaches no other handler
            (RefusedRequests(lambda: self.access, self.log), ErrorHandler, {"status_code": 403}),
            (plotly_route, StaticFileHandler, {"path": str(plotly_js_file().parent)}),
            (fontawesome_route, StaticFileHandler, {"path": str(fontawesome_dir())}),
        ]
        return handlers


main = WorkshopVoila.launch_instance

if __name__ == "__main__":
    main()
