"""Voila as ``social-playbook serve`` runs it (``python -m socialplaybook.voila_server``).

Standalone Voila with two changes, and every Voila option still taken from the command line:

- **The tab-close beacon passes the XSRF check, nothing else does.** Voila 0.5's page
  sends ``POST voila/api/shutdown/<kernel id>`` with ``navigator.sendBeacon`` when its tab
  closes, and a beacon cannot carry the XSRF token, so jupyter_server refuses it and every
  closed tab would keep its kernel until culled (voila issue #1458). Only that handler
  skips the token check; it still refuses another site's origin and, with a token, an
  unauthenticated caller. Every other POST, PUT or DELETE needs the XSRF token as before.
- **plotly.js is served at ``PLOTLY_JS_PATH``** (cached by browsers), for the pages that
  draw a chart (widgets/charts.py), and plotly's JupyterLab extension is left out of every
  page (``cli.voila_command``): it made each page load 4.8 MB of JavaScript before it
  connected, chart or no chart.
- **The page is social-playbook's template** (``share/jupyter/voila/templates/``): Voila's
  own page with Font Awesome served from here (``FONTAWESOME_PATH``) rather than a public
  CDN, and a message with a Reload button when the app has not appeared within 10 s.
- **The access token comes from the environment** (``JUPYTER_TOKEN``), never from the
  command line, where ``ps`` shows it to every user of the machine. It is removed from
  the environment at once, so kernels (which run the notebooks) never see it.

Only this module imports Voila: the rest of the core stays plain Python.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from jupyter_server.utils import url_path_join
from tornado.web import HTTPError, StaticFileHandler
from voila.app import Voila
from voila.shutdown_kernel_handler import VoilaShutdownKernelHandler

from socialplaybook.charts import PLOTLY_JS_PATH, plotly_js_file
from socialplaybook.i18n import _

TOKEN_ENV_VAR = "JUPYTER_TOKEN"
TEMPLATE = "social-playbook"
TEMPLATES_ROOT = Path(__file__).parent / "share" / "jupyter"
FONTAWESOME_PATH = "social-playbook/static/fontawesome"
APP_MISSING_AFTER_MS = 10_000


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
        resources.resources = {**extra, "social_playbook": page_texts()}

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
                               "Voila version against socialplaybook/voila_server.py")
        folder, name = PLOTLY_JS_PATH.rsplit("/", 1)
        plotly_route = url_path_join(self.server_url, folder, f"({re.escape(name)})")
        fontawesome_route = url_path_join(self.server_url, FONTAWESOME_PATH,
                                          r"((?:css|webfonts)/[\w.-]+)")
        handlers[:0] = [
            (plotly_route, StaticFileHandler, {"path": str(plotly_js_file().parent)}),
            (fontawesome_route, StaticFileHandler, {"path": str(fontawesome_dir())}),
        ]
        return handlers


main = WorkshopVoila.launch_instance

if __name__ == "__main__":
    main()
