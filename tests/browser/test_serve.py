"""`social-playbook serve` as a facilitator runs it: token, culling, Ctrl-C."""

import http.client
import os
import signal
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Server

pytestmark = pytest.mark.browser


def children_of(pid: int) -> list[int]:
    """Every process below ``pid`` (Voila and its kernels below the CLI)."""
    found, frontier = [], [pid]
    while frontier:
        parent = frontier.pop()
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == parent:
                found.append(int(entry.name))
                frontier.append(int(entry.name))
    return found


def kernels_of(server: Server) -> list[int]:
    kernels = []
    for pid in children_of(server.process.pid):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if b"ipykernel_launcher" in command:
            kernels.append(pid)
    return kernels


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
        assert "?token=s3cret-t0ken" in server.log_text()
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        connection.request("GET", "/voila/render/01-myth-audit.ipynb")
        refused = connection.getresponse()
        assert refused.status == 302
        assert refused.getheader("Location").startswith("/login") or "/login?" in (
            refused.getheader("Location"))
        connection.close()
        page.goto(server.app_url("01-myth-audit.ipynb") + "?token=s3cret-t0ken")
        expect(page.locator(".sp-team-picker select")).to_be_visible(timeout=60_000)
        page.get_by_placeholder("New team name").fill("Token Team")
        page.get_by_role("button", name="Create team").click()
        expect(page.locator(".sp-status")).to_contain_text("Saved · revision 1")
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
    everything = children_of(server.process.pid)
    assert kernels_of(server)
    os.killpg(server.process.pid, signal.SIGINT)  # what Ctrl-C in the terminal sends
    server.process.wait(timeout=30)
    wait_until(lambda: not any(Path(f"/proc/{pid}").exists() for pid in everything), 20,
               "Voila and its kernels to exit")
    log = server.log_text()
    assert "Stopping..." in log and "Kernel shutdown" in log
    assert "KeyboardInterrupt" not in log  # Voila was not interrupted twice mid-shutdown
    server.stop()


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
