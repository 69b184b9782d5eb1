"""A real `social-playbook serve` answers only its own names and pages; --public over HTTPS.

A page of another site that points its own name at 127.0.0.1 (DNS rebinding) sends
`Host: attacker.example:PORT` and its own Origin; another site's script sends its Origin.
"""

from __future__ import annotations

import http.client
import ssl
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import SERVER_START_TIMEOUT_S, Server
from tests.browser.test_serve import kernel_id_of, kernels_of

pytestmark = pytest.mark.browser

APP = "01-myth-audit.ipynb"
WEBSOCKET_UPGRADE = {"Upgrade": "websocket", "Connection": "Upgrade",
                     "Sec-WebSocket-Version": "13",
                     "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ=="}


def status_of(port: int, method: str, path: str, headers: dict, tls: ssl.SSLContext | None = None
              ) -> int:
    """One request as a script or a forged page sends it: headers as given, Host included."""
    if tls is None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    else:
        connection = http.client.HTTPSConnection("127.0.0.1", port, timeout=30, context=tls)
    try:
        connection.putrequest(method, path, skip_host="Host" in headers,
                              skip_accept_encoding=True)
        for name, value in headers.items():
            connection.putheader(name, value)
        body = b"{}" if method == "POST" else None
        if body is not None:
            connection.putheader("Content-Length", str(len(body)))
        connection.endheaders(body)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


@pytest.fixture(scope="module")
def local_server(tmp_path_factory):
    server = Server(tmp_path_factory.mktemp("local"), pool_size=0)
    yield server
    server.stop()


def test_a_forged_host_gets_403_on_every_path(local_server, browser):
    port = local_server.port
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(local_server.app_url(APP))
        expect(page.locator(".sp-team-picker select")).to_be_visible(timeout=60_000)
        [kernel] = kernels_of(local_server)
        kernel_id = kernel_id_of(kernel)
        forged = {"Host": f"attacker.example:{port}", "Origin": f"http://attacker.example:{port}"}
        for method, path, extra in [
            ("GET", "/", {}),
            ("GET", f"/voila/render/{APP}", {}),
            ("GET", "/voila/static/voila.js", {}),
            ("GET", "/social-playbook/static/fontawesome/css/all.min.css", {}),
            ("GET", f"/api/kernels/{kernel_id}", {}),
            ("GET", f"/api/kernels/{kernel_id}/channels", WEBSOCKET_UPGRADE),
            ("POST", f"/voila/api/shutdown/{kernel_id}", {}),
            ("GET", "/no/such/page", {}),
        ]:
            assert status_of(port, method, path, {**forged, **extra}) == 403, path
            # the same without an Origin (a script): the Host alone is refused
            assert status_of(port, method, path, {"Host": forged["Host"], **extra}) == 403, path
        # another site's page on the real name: its Origin is refused, websocket and beacon
        evil = {"Host": f"127.0.0.1:{port}", "Origin": "http://evil.example"}
        assert status_of(port, "GET", f"/api/kernels/{kernel_id}/channels",
                         {**evil, **WEBSOCKET_UPGRADE}) == 403
        assert status_of(port, "POST", f"/voila/api/shutdown/{kernel_id}", evil) == 403
        assert status_of(port, "GET", f"/voila/render/{APP}", evil) == 403
        time.sleep(1)
        assert kernels_of(local_server) == [kernel]  # nothing of that reached the kernel
        assert "attacker.example" in local_server.log_text()  # each refusal is logged

        # the page itself still works: its widgets answer over the websocket, a save lands
        page.get_by_placeholder("New team name").fill("Own Origin Team")
        page.get_by_role("button", name="Create team").click()
        expect(page.locator(".sp-status")).to_contain_text("Saved · revision 1")
    finally:
        context.close()


@pytest.mark.parametrize("name", ["localhost", "127.0.0.1"])
def test_this_machines_names_with_the_port_get_the_page(local_server, name):
    port = local_server.port
    assert status_of(port, "GET", f"/voila/render/{APP}", {"Host": f"{name}:{port}"}) == 200
    assert status_of(port, "GET", f"/voila/render/{APP}", {"Host": f"{name}:{port + 1}"}) == 403


# -- --public over HTTPS ---------------------------------------------------------------------


class HttpsServer(Server):
    """The workshop server, probed over HTTPS with its own (self-signed) certificate."""

    def __init__(self, tmp: Path, certfile: Path, *args, **kwargs) -> None:
        self.tls = ssl.create_default_context(cafile=str(certfile))
        self.tls.check_hostname = False  # the certificate names localhost; we use 127.0.0.1
        super().__init__(tmp, *args, **kwargs)

    def _wait_until_up(self, probe_path: str) -> None:
        self.url = f"https://127.0.0.1:{self.port}"
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.log_text()[-2000:]}")
            try:
                with urllib.request.urlopen(self.url + probe_path, timeout=2,
                                            context=self.tls) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError("server did not answer within the time limit")


TOKEN = "tls-t0ken-for-the-room"


@pytest.fixture(scope="module")
def tls_files(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("tls")
    certfile, keyfile = folder / "workshop.crt", folder / "workshop.key"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
                    str(keyfile), "-out", str(certfile), "-days", "2", "-subj", "/CN=localhost"],
                   check=True, capture_output=True, timeout=60)
    return certfile, keyfile


def test_public_server_with_a_certificate_serves_https_with_secure_cookies(tmp_path, browser,
                                                                          tls_files):
    certfile, keyfile = tls_files
    server = HttpsServer(tmp_path, certfile, pool_size=0, probe_path=f"/?token={TOKEN}",
                         extra_args=("--public", "--token", TOKEN, "--certfile", str(certfile),
                                     "--keyfile", str(keyfile)))
    context = browser.new_context(ignore_https_errors=True)
    try:
        log = server.log_text()
        assert "Workshop at https://" in log
        assert TOKEN not in log  # a token the facilitator chose is never printed
        # plain HTTP gets nothing from it
        with pytest.raises((http.client.HTTPException, OSError)):
            status_of(server.port, "GET", "/", {"Host": f"127.0.0.1:{server.port}"})

        page = context.new_page()
        page.goto(f"{server.url}/voila/render/{APP}?token={TOKEN}")
        expect(page.locator(".sp-team-picker select")).to_be_visible(timeout=60_000)
        page.get_by_placeholder("New team name").fill("TLS Team")
        page.get_by_role("button", name="Create team").click()  # over wss://
        expect(page.locator(".sp-status")).to_contain_text("Saved · revision 1")
        cookies = context.cookies()
        assert any(cookie["name"].startswith("username-") for cookie in cookies), cookies
        assert all(cookie["secure"] for cookie in cookies), cookies  # the login's included
        # the login form's XSRF cookie too
        with urllib.request.urlopen(f"{server.url}/login", timeout=30,
                                    context=server.tls) as response:
            set_cookies = response.headers.get_all("Set-Cookie") or []
        xsrf = [line for line in set_cookies if line.startswith("_xsrf=")]
        assert xsrf and all("; Secure" in line for line in xsrf), set_cookies

        # public: any name reaches the login; a change or websocket from another site does not
        [kernel] = kernels_of(server)
        kernel_id = kernel_id_of(kernel)
        host = {"Host": f"workshop.example:{server.port}"}
        assert status_of(server.port, "GET", "/voila/render/" + APP, host, server.tls) == 302
        evil = {**host, "Origin": "https://evil.example"}
        assert status_of(server.port, "POST", f"/voila/api/shutdown/{kernel_id}", evil,
                         server.tls) == 403
        assert status_of(server.port, "GET", f"/api/kernels/{kernel_id}/channels",
                         {**evil, **WEBSOCKET_UPGRADE}, server.tls) == 403
    finally:
        context.close()
        server.stop()
