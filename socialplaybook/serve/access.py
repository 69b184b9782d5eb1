"""Which requests the workshop server answers: the Host and Origin checks.

A local server (no ``--public``) answers only requests addressed to this machine by one of
its loopback names (``LOCAL_NAMES``) with the port it serves, and only from its own pages.
Without the Host check a page of any site the facilitator visits could point its own name
at 127.0.0.1 (DNS rebinding) and drive every team's plan through the facilitator's browser;
without the Origin check it could send requests to the server from its own origin.

A public server is reached by whatever name or address the room uses, so its Host is not
checked (the token guards it); a websocket or a request that changes something must still
come from a page of the server itself (its Origin names the Host it was sent to).
"""

from __future__ import annotations

import logging
import ssl
from collections.abc import Callable
from dataclasses import dataclass

from tornado.httputil import HTTPServerRequest
from tornado.routing import Matcher

from socialplaybook.rules.i18n import _

LOCAL_NAMES = ("localhost", "127.0.0.1", "[::1]")
DEFAULT_PORTS = {"http": 80, "https": 443}
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True)
class Access:
    """What a server on ``port`` over ``scheme`` answers; ``public``: reached by any name."""

    port: int
    public: bool = False
    scheme: str = "http"

    def local_hosts(self) -> frozenset[str]:
        """The Host headers a local server answers (a browser leaves out a default port)."""
        hosts = {f"{name}:{self.port}" for name in LOCAL_NAMES}
        if DEFAULT_PORTS.get(self.scheme) == self.port:
            hosts.update(LOCAL_NAMES)
        return frozenset(hosts)

    def local_origins(self) -> frozenset[str]:
        """The origins of a local server's own pages."""
        return frozenset(f"{self.scheme}://{host}" for host in self.local_hosts())

    def refusal(self, method: str, host: str | None, origin: str | None,
                upgrade: str | None = None) -> str | None:
        """Why a request is refused (for the log), or None when it is answered.

        ``host``, ``origin`` and ``upgrade`` are the request's headers (None: absent).
        """
        if not self.public:
            if not _one_of(host, self.local_hosts()):
                return "its Host is not this machine's loopback name and port"
            if origin is not None and not _one_of(origin, self.local_origins()):
                return "it comes from a page of another site"
            return None
        if origin is None or (method.upper() in SAFE_METHODS and upgrade is None):
            return None
        if host is None or not _one_of(origin, {f"{scheme}://{host.lower()}"
                                                 for scheme in DEFAULT_PORTS}):
            return "it comes from a page of another site"
        return None


def _one_of(header: str | None, allowed) -> bool:
    """Whether ``header`` is one of ``allowed`` (lower case) but for the case of its letters.

    Only ASCII: ``str.lower`` turns a few other letters into ASCII ones (KELVIN SIGN to k).
    """
    return header is not None and header.isascii() and header.lower() in allowed


def tls_context(certfile: str, keyfile: str) -> ssl.SSLContext:
    """The server's TLS context for ``certfile`` and ``keyfile`` (PEM).

    Raises ``OSError`` (``ssl.SSLError`` included) or ``ValueError`` when they cannot be
    used; a key protected by a passphrase is refused rather than asked for on the terminal.
    """
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(certfile, keyfile, password=_no_passphrase)
    return context


def _no_passphrase() -> bytes:
    raise ValueError(_("the key is protected by a passphrase; give one without"))


class RefusedRequests(Matcher):
    """A tornado route matcher for the requests ``access()`` refuses, each logged once.

    Put first in an application's handlers with ``ErrorHandler`` and status 403, it keeps
    every refused request (page, static file, API, websocket upgrade, beacon) from reaching
    any other handler. ``access`` is called per request: the port is known only once the
    server listens.
    """

    def __init__(self, access: Callable[[], Access], log: logging.Logger) -> None:
        self.access = access
        self.log = log

    def match(self, request: HTTPServerRequest) -> dict | None:
        headers = request.headers
        host, origin = headers.get("Host"), headers.get("Origin")
        why = self.access().refusal(request.method or "", host, origin, headers.get("Upgrade"))
        if why is None:
            return None
        self.log.warning("Refused %s %r (Host %r, Origin %r): %s.", request.method,
                         (request.path or "")[:200], (host or "")[:200], (origin or "")[:200],
                         why)
        return {}
