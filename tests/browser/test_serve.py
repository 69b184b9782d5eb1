"""`social-playbook serve` as a facilitator runs it: token, XSRF, culling, Ctrl-C."""

import http.client
import os
import re
import signal
import socket
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Server
from tests.processes import command_line, descendants

pytestmark = pytest.mark.browser


def kernels_of(server: Server) -> list[int]:
    return [pid for pid in descendants(server.process.pid)
            if "ipykernel_launcher" in command_line(pid)]


def kernel_id_of(pid: int) -> str:
    """The kernel's id, from the connection file on its command line."""
    command = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    return re.search(r"kernel-([0-9a-f-]{36})\.json", command).group(1)


def request(server: Server, method: str, path: str, headers: dict | None = None,
            body: str | None = None) -> tuple[int, str]:
    """One request the way a script or another site sends it: no cookie, no XSRF token."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read().decode(errors="replace")
    finally:
        connection.close()


def wait_until(condition, timeout_s: float, what: str) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


def open_start_page(browser, server: Server):
    """A new tab on the start page, its kernel running (the only kernel: no pool)."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(server.app_url("00-start-here.ipynb"))
    expect(page.locator(".sp-team-picker select")).to_be_visible(timeout=60_000)
    assert len(kernels_of(server)) == 1
    return context, page


def test_public_server_needs_the_token(tmp_path, page):
    server = Server(tmp_path, pool_size=1, extra_args=("--public", "--token", "s3cret-t0ken"),
                    probe_path="/?token=s3cret-t0ken")
    try:
        # the URL is printed, a token the facilitator chose is not (only where it came from)
        assert f"http://{socket.gethostname()}:{server.port}/ " in server.log_text()
        assert "token given with --token" in server.log_text()
        assert "s3cret-t0ken" not in server.log_text()
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        connection.request("GET", "/voila/render/01-myth-audit.ipynb")
        refused = connection.getresponse()
        assert refused.status == 302
        assert refused.getheader("Location").startswith("/login") or "/login?" in (
            refused.getheader("Location"))
        connection.close()
        # the login form without its XSRF token: refused, even with the right token
        status, _ = request(server, "POST", "/login", {
            "Content-Type": "application/x-www-form-urlencoded"}, "password=s3cret-t0ken")
        assert status == 403
        page.goto(server.app_url("01-myth-audit.ipynb") + "?token=s3cret-t0ken")
        expect(page.locator(".sp-team-picker select")).to_be_visible(timeout=60_000)
        page.get_by_placeholder("New team name").fill("Token Team")
        page.get_by_role("button", name="Create team").click()
        expect(page.locator(".sp-status")).to_contain_text("Saved · revision 1")

        # the token reaches Voila through its environment: no command line of Voila or its
        # kernels shows it (ps shows command lines to every user), and Voila takes it out
        # of the environment its kernels inherit (only the page's own URL, which Voila
        # hands a kernel as VOILA_REQUEST_URL, can carry it)
        processes = descendants(server.process.pid)
        assert len(processes) >= 2  # Voila, at least one kernel
        for pid in processes:
            assert b"s3cret-t0ken" not in Path(f"/proc/{pid}/cmdline").read_bytes(), pid
        for pid in kernels_of(server):
            environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
            assert not [v for v in environ if v.startswith(b"JUPYTER_TOKEN=")], pid
    finally:
        server.stop()


def test_kernel_of_a_page_whose_close_beacon_was_lost_is_culled(tmp_path, browser):
    server = Server(tmp_path, pool_size=0, extra_args=("--cull-idle-minutes", "0.1"))
    try:
        context, page = open_start_page(browser, server)
        page.evaluate("navigator.sendBeacon = () => true")  # the close beacon gets lost
        context.close()
        time.sleep(2)
        assert len(kernels_of(server)) == 1, "the kernel outlived its page, as Voila leaks it"
        wait_until(lambda: not kernels_of(server), 40, "the idle kernel to be culled")
        assert "Culling" in server.log_text()
    finally:
        server.stop()


def test_ctrl_c_stops_the_server_and_its_kernels(tmp_path, page):
    server = Server(tmp_path, pool_size=1)
    page.goto(server.app_url("01-myth-audit.ipynb"))
    expect(page.locator(".sp-team-picker select")).to_be_visible(timeout=60_000)
    everything = descendants(server.process.pid)
    kernel_ids = [kernel_id_of(pid) for pid in kernels_of(server)]
    assert kernel_ids
    os.killpg(server.process.pid, signal.SIGINT)  # what Ctrl-C in the terminal sends
    server.process.wait(timeout=30)
    wait_until(lambda: not any(Path(f"/proc/{pid}").exists() for pid in everything), 20,
               "Voila and its kernels to exit")
    log = server.log_text()
    # The kernels were shut down by Voila, not killed with it. (Voila logs "Stopping..."
    # when the interrupt reaches its loop; on a loaded machine it can land elsewhere, and
    # serve then asks Voila to stop with SIGTERM after 10 s: the same clean shutdown.)
    assert all(f"Kernel shutdown: {kernel_id}" in log for kernel_id in kernel_ids), log
    # Voila was not interrupted twice mid-shutdown. (A pool kernel still running its
    # notebook gets the terminal's Ctrl-C too and prints its own KeyboardInterrupt: that
    # one goes through IPython, not through the server.)
    interrupted = [block for block in log.split("Traceback (most recent call last):")[1:]
                   if "KeyboardInterrupt" in block]
    assert not [block for block in interrupted
                if "/voila/" in block or "/jupyter_server/" in block or "/tornado/" in block]
    server.stop()


def test_sigterm_stops_a_server_started_in_the_background_and_its_kernels(tmp_path, page):
    """`kill PID` (or a service manager) stops the workshop, even when a script started it
    with `&`, which makes it ignore SIGINT (it used to run on for minutes)."""
    server = Server(tmp_path, pool_size=1, background=True)
    try:
        page.goto(server.app_url("01-myth-audit.ipynb"))
        expect(page.locator(".sp-team-picker select")).to_be_visible(timeout=60_000)
        everything = descendants(server.process.pid)
        assert kernels_of(server)
        os.kill(server.process.pid, signal.SIGTERM)  # to serve alone, as `kill PID` does
        server.process.wait(timeout=30)
        wait_until(lambda: not any(Path(f"/proc/{pid}").exists() for pid in everything), 20,
                   "Voila and its kernels to exit")
        assert "Kernel shutdown" in server.log_text()  # stopped by Voila, not left to die
    finally:
        server.stop()  # SIGKILL to what is left: forked kernels then stop with Voila


def test_closing_a_tab_shuts_its_kernel_down_at_once(tmp_path, browser):
    server = Server(tmp_path, pool_size=0)
    try:
        context, page = open_start_page(browser, server)
        page.close(run_before_unload=True)
        wait_until(lambda: not kernels_of(server), 15, "the closed tab's kernel to stop")
        assert "_xsrf" not in server.log_text()
        context.close()
    finally:
        server.stop()


def test_requests_without_an_xsrf_token_are_refused_but_the_close_beacon(tmp_path, browser):
    """XSRF checks stay on: only Voila's tab-close beacon (which cannot carry the token)
    is let through, and only from the app's own origin."""
    server = Server(tmp_path, pool_size=0)
    try:
        context, page = open_start_page(browser, server)
        [kernel] = kernels_of(server)
        kernel_id = kernel_id_of(kernel)

        # a POST to another endpoint (the kernel API) is refused for want of the XSRF token,
        # and so is the kernel API's DELETE, which would shut the kernel down
        status, body = request(server, "POST", f"/api/kernels/{kernel_id}",
                               {"Content-Type": "application/json"}, "{}")
        assert status == 403, (status, body[:300])
        status, body = request(server, "DELETE", f"/api/kernels/{kernel_id}")
        assert status == 403, (status, body[:300])
        # the shutdown beacon sent by a page of another site is refused (403 from the Origin
        # check in front of every handler, socialplaybook/serve/access.py)
        status, _ = request(server, "POST", f"/voila/api/shutdown/{kernel_id}",
                            {"Origin": "http://evil.example"})
        assert status == 403
        time.sleep(1)
        assert kernels_of(server) == [kernel]
        assert "_xsrf" in server.log_text()  # jupyter_server said why it refused them

        # the same beacon from the app's own page: the kernel stops at once
        page.close(run_before_unload=True)
        wait_until(lambda: not kernels_of(server), 15, "the closed tab's kernel to stop")
        context.close()
    finally:
        server.stop()
