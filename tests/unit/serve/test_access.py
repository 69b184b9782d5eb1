"""Which requests the server answers: Host and Origin (socialplaybook/serve/access.py).

tests/browser/test_host_origin.py sends the same forged requests to a real server.
"""

from __future__ import annotations

import logging
import ssl
import subprocess

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tornado.httpclient import HTTPClientError, HTTPRequest
from tornado.testing import AsyncHTTPTestCase
from tornado.web import Application, ErrorHandler, RequestHandler
from tornado.websocket import WebSocketHandler, websocket_connect

from socialplaybook.serve.access import Access, RefusedRequests, tls_context

PORT = 8866
LOCAL = Access(port=PORT)
PUBLIC = Access(port=PORT, public=True)
ANSWERED_HOSTS = [f"localhost:{PORT}", f"127.0.0.1:{PORT}", f"[::1]:{PORT}"]
METHODS = st.sampled_from(["GET", "HEAD", "OPTIONS", "POST", "PUT", "DELETE", "PATCH"])

ports = st.integers(min_value=0, max_value=99_999).filter(lambda port: port != PORT)
evil_names = st.sampled_from(["evil.com", "attacker.example", "localhost.evil", "127.0.0.1.nip.io",
                              "x", "127.0.0.2", "0.0.0.0", "10.0.0.5", "[::2]"])
names = st.sampled_from(["localhost", "127.0.0.1", "[::1]"])


@st.composite
def forged_hosts(draw) -> str:
    """Host headers a DNS-rebinding page or a confused client could send, none of them local."""
    name, evil, port = draw(names), draw(evil_names), draw(ports)
    return draw(st.sampled_from([
        f"{name}.{evil}:{PORT}", f"{name}@{evil}:{PORT}", f"{evil}@{name}:{PORT}",
        f"{name}:{PORT}@{evil}", f"{name}:{PORT}.{evil}", f"{evil}:{PORT}", f"{evil}",
        f"{name}:{port}", f"{name}:0{PORT}", f"{name}:+{PORT}", f"{name}", f"{name}:",
        f"{name}:{PORT}:{PORT}", f"{name}:{PORT},{evil}:{PORT}", f"{name} :{PORT}",
        f"{name}:{PORT} x", f"{name}.:{PORT}", f"[{name}]:{PORT}", f"{name}%00:{PORT}",
        # other spellings of IPv6 loopback and of 127.0.0.1 (a browser sends [::1] and
        # 127.0.0.1; anything else was typed or forged)
        f"[0:0:0:0:0:0:0:1]:{PORT}", f"[::ffff:127.0.0.1]:{PORT}", f"[::1%25lo]:{PORT}",
        f"::1:{PORT}", f"127.1:{PORT}", f"2130706433:{PORT}", f"0x7f000001:{PORT}",
        f"127.000.000.001:{PORT}", f"loca\u0131host:{PORT}", f"LOCALHOST:{PORT}\u212a",
        f"\u029fOCALHOST:{PORT}",
    ]))


# -- local: only this machine's loopback names with the port served ---------------------------


@pytest.mark.parametrize("host", [*ANSWERED_HOSTS, f"LocalHost:{PORT}"])
def test_a_local_server_answers_its_loopback_names_with_its_port(host):
    for method in ("GET", "POST"):
        assert LOCAL.refusal(method, host, None) is None


@given(host=forged_hosts(), method=METHODS)
def test_a_local_server_refuses_any_other_host(host, method):
    assert LOCAL.refusal(method, host, None) is not None
    assert LOCAL.refusal(method, host, f"http://{host}") is not None  # its own "origin"


@given(host=st.text(max_size=40), method=METHODS)
def test_a_host_is_answered_only_when_it_is_one_of_the_three_but_for_letter_case(host,
                                                                                method):
    answered = host.isascii() and host.lower() in ANSWERED_HOSTS
    assert (LOCAL.refusal(method, host, None) is None) is answered


def test_a_request_without_a_host_is_refused():
    assert LOCAL.refusal("GET", None, None) is not None


def test_a_default_port_may_be_left_out_as_browsers_do():
    assert Access(port=80).refusal("GET", "localhost", None) is None
    assert Access(port=443, scheme="https").refusal("GET", "127.0.0.1", None) is None
    assert Access(port=443).refusal("GET", "localhost", None) is not None  # http on 443
    assert LOCAL.refusal("GET", "localhost", None) is not None


@st.composite
def forged_origins(draw) -> str:
    name, evil, port = draw(names), draw(evil_names), draw(ports)
    return draw(st.sampled_from([
        f"http://{evil}", f"http://{evil}:{PORT}", f"https://{name}:{PORT}",
        f"http://{name}:{port}", f"http://{name}", f"http://{name}:{PORT}.{evil}",
        f"http://{name}:{PORT}@{evil}", f"http://{evil}@{name}:{PORT}", f"http://{name}:{PORT}/",
        f"ws://{name}:{PORT}", f"file://{name}:{PORT}", "null", "", f"{name}:{PORT}",
        f"http://{name}:{PORT} http://{evil}", f"http://{name}:{PORT},http://{evil}",
    ]))


@given(origin=forged_origins(), host=st.sampled_from(ANSWERED_HOSTS), method=METHODS,
       upgrade=st.sampled_from([None, "websocket"]))
def test_a_local_server_refuses_every_request_from_another_origin(origin, host, method,
                                                                 upgrade):
    assert LOCAL.refusal(method, host, origin, upgrade) is not None


@given(origin=st.sampled_from([f"http://{host}" for host in ANSWERED_HOSTS]),
       host=st.sampled_from(ANSWERED_HOSTS), method=METHODS,
       upgrade=st.sampled_from([None, "websocket"]))
def test_a_local_server_answers_its_own_pages(origin, host, method, upgrade):
    assert LOCAL.refusal(method, host, origin, upgrade) is None
    assert LOCAL.refusal(method, host, origin.upper(), upgrade) is None


def test_a_local_request_with_no_origin_is_answered():
    """Scripts on this machine send none (jupyter_server's XSRF check still applies)."""
    assert LOCAL.refusal("POST", f"127.0.0.1:{PORT}", None) is None


# -- public: reached by any name; websockets and changes from its own pages only ---------------


@given(host=st.text(min_size=1, max_size=40).filter(lambda text: text.isascii()),
       method=st.sampled_from(["GET", "HEAD"]))
def test_a_public_server_answers_any_host(host, method):
    assert PUBLIC.refusal(method, host, None) is None


@given(host=st.sampled_from(["workshop.lan:8866", "192.168.1.20:8866", "Workshop.Example"]),
       scheme=st.sampled_from(["http", "https"]), method=METHODS,
       upgrade=st.sampled_from([None, "websocket"]))
def test_a_public_server_answers_its_own_pages(host, scheme, method, upgrade):
    """https too: behind a TLS proxy the page's origin is https, the server's http."""
    assert PUBLIC.refusal(method, host, f"{scheme}://{host}", upgrade) is None


@given(origin=forged_origins(), method=st.sampled_from(["POST", "PUT", "DELETE", "PATCH"]))
def test_a_public_server_refuses_changes_from_another_origin(origin, method):
    host = f"workshop.lan:{PORT}"
    assert PUBLIC.refusal(method, host, origin) is not None
    assert PUBLIC.refusal(method, host, f"http://{host}.evil.com") is not None


@given(origin=forged_origins())
def test_a_public_server_refuses_websockets_from_another_origin(origin):
    assert PUBLIC.refusal("GET", f"workshop.lan:{PORT}", origin, "websocket") is not None


def test_a_public_server_lets_a_cross_site_read_through_to_its_token_check():
    """A GET from another site's script: the browser does not let that site read the answer,
    and without the login cookie it gets only the login page."""
    assert PUBLIC.refusal("GET", f"workshop.lan:{PORT}", "http://evil.com") is None


# -- the matcher in a real tornado application ------------------------------------------------


class Page(RequestHandler):
    def get(self):
        self.write("the app")

    def post(self):
        self.write("changed")

    def check_xsrf_cookie(self):
        pass


class Echo(WebSocketHandler):
    def check_origin(self, origin):
        return True  # tornado's own check would hide whether ours refused it

    def on_message(self, message):
        self.write_message(message)


class GuardedApp(AsyncHTTPTestCase):
    public = False

    def get_app(self):
        self.log = logging.getLogger("access-test")
        access = Access(port=self.get_http_port(), public=self.public)
        return Application([
            (RefusedRequests(lambda: access, self.log), ErrorHandler, {"status_code": 403}),
            (r"/ws", Echo), (r"/.*", Page)])

    def status(self, path="/", method="GET", **headers) -> int:
        body = "" if method == "POST" else None
        return self.fetch(path, method=method, headers=headers, body=body,
                          follow_redirects=False, raise_error=False).code


class TestLocal(GuardedApp):
    def test_its_own_name_and_port_get_the_app(self):
        local = f"127.0.0.1:{self.get_http_port()}"
        assert self.status(Host=local) == 200
        assert self.status(Host=f"localhost:{self.get_http_port()}") == 200
        assert self.status(method="POST", Host=local, Origin=f"http://{local}") == 200

    def test_a_forged_host_gets_403_on_every_path(self):
        forged = f"attacker.example:{self.get_http_port()}"
        with self.assertLogs("access-test", "WARNING") as logged:
            for path in ("/", "/voila/render/01-myth-audit.ipynb", "/static/x.js", "/nowhere"):
                assert self.status(path, Host=forged) == 403
                assert self.status(path, method="POST", Host=forged,
                                   Origin=f"http://{forged}") == 403
        assert "attacker.example" in logged.output[0]

    def test_a_forged_origin_gets_403(self):
        local = f"127.0.0.1:{self.get_http_port()}"
        assert self.status(Host=local, Origin="http://evil.com") == 403
        assert self.status(method="POST", Host=local, Origin="http://evil.com") == 403

    def test_websockets_with_a_forged_host_or_origin_are_refused(self):
        port = self.get_http_port()
        url = f"ws://127.0.0.1:{port}/ws"

        def connect(**headers):
            return self.io_loop.run_sync(lambda: websocket_connect(
                HTTPRequest(url, headers=headers)))

        socket = connect(Origin=f"http://127.0.0.1:{port}")
        socket.write_message("hello")
        assert self.io_loop.run_sync(socket.read_message) == "hello"
        socket.close()
        for headers in ({"Host": f"attacker.example:{port}",
                         "Origin": f"http://attacker.example:{port}"},
                        {"Origin": "http://evil.com"}):
            with pytest.raises(HTTPClientError) as refused:
                connect(**headers)
            assert refused.value.code == 403


class TestPublic(GuardedApp):
    public = True

    def test_any_name_gets_the_app_and_changes_need_the_same_origin(self):
        assert self.status(Host="workshop.lan:8866") == 200
        assert self.status(method="POST", Host="workshop.lan:8866",
                           Origin="http://workshop.lan:8866") == 200
        assert self.status(method="POST", Host="workshop.lan:8866",
                           Origin="http://evil.com") == 403


# -- TLS files -------------------------------------------------------------------------------


def self_signed(folder, name="localhost", *options) -> tuple[str, str]:
    certfile, keyfile = folder / f"{name}.crt", folder / f"{name}.key"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-keyout", str(keyfile),
                    "-out", str(certfile), "-days", "2", "-subj", f"/CN={name}", *options],
                   check=True, capture_output=True, timeout=60)
    return str(certfile), str(keyfile)


def test_a_certificate_and_its_key_make_a_server_context(tmp_path):
    context = tls_context(*self_signed(tmp_path, "localhost", "-nodes"))
    assert isinstance(context, ssl.SSLContext)


def test_a_key_with_a_passphrase_is_refused_not_asked_for(tmp_path):
    certfile, keyfile = self_signed(tmp_path, "locked", "-passout", "pass:secret")
    with pytest.raises(ValueError, match="passphrase"):
        tls_context(certfile, keyfile)


def test_a_key_of_another_certificate_is_refused(tmp_path):
    certfile, _key = self_signed(tmp_path, "one", "-nodes")
    _cert, other_key = self_signed(tmp_path, "two", "-nodes")
    with pytest.raises(ssl.SSLError):
        tls_context(certfile, other_key)
