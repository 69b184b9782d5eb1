"""What a participant's server on a hub offers: the Voila that deploy/single_user.py runs
behind the hub's proxy, started with exactly its arguments under a hub prefix, probed over
HTTP and over its kernel websocket. No JupyterLab, terminals, contents API or way to start
a kernel; the kernel of an app's page drops code sent to it.

The proxy itself (jupyter-server-proxy's standalone proxy, JupyterHub's OAuth) is not in
the lock and not started here: deploy/README.md says how it was checked end to end.
"""

from __future__ import annotations

import asyncio
import importlib.util
import json
import os
import re
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest
from tornado.websocket import websocket_connect

DEPLOY = Path(__file__).resolve().parents[3] / "deploy"
PREFIX = "/user/alice"
START_APP = "voila/render/00-start-here.ipynb"
STARTUP_SECONDS = 90  # a bound on waiting for the server, not a measure of it


def single_user_module():
    spec = importlib.util.spec_from_file_location("single_user", DEPLOY / "single_user.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """Voila as a participant's server runs it, on a free port, under ``PREFIX``."""
    port = free_port()
    arguments = [argument.format(port=port, base_url=PREFIX, unix_socket="")
                 for argument in single_user_module().voila_arguments()]
    folder = tmp_path_factory.mktemp("single-user")
    env = {**os.environ, "SOCIAL_PLAYBOOK_DB": f"sqlite:///{folder}/ws.sqlite",
           "HOME": str(folder)}
    process = subprocess.Popen(arguments, env=env, stdout=subprocess.DEVNULL,
                               stderr=open(folder / "voila.log", "wb"))  # noqa: SIM115
    base = f"http://127.0.0.1:{port}{PREFIX}/"
    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("Voila did not start: " + (folder / "voila.log").read_text())
            time.sleep(0.2)
    yield {"base": base, "port": port, "folder": folder}
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()


async def fetch(url: str, method: str = "GET", body: str | None = None):
    client = AsyncHTTPClient(force_instance=True)
    try:
        return await client.fetch(HTTPRequest(url, method=method, body=body,
                                               follow_redirects=False,
                                               request_timeout=STARTUP_SECONDS))
    except HTTPClientError as error:
        return error.response
    finally:
        client.close()


def status(url: str, method: str = "GET") -> int:
    body = "{}" if method in ("POST", "PUT", "PATCH") else None
    return asyncio.run(fetch(url, method, body)).code


def test_the_arguments_are_the_servers_and_run_the_apps():
    arguments = [argument.format(port=1234, base_url=PREFIX, unix_socket="")
                 for argument in single_user_module().voila_arguments()]
    assert arguments[:3] == [sys.executable, "-m", "socialplaybook.serve.voila_app"]
    assert (Path(arguments[3]) / "00-start-here.ipynb").is_file()
    assert {"--port=1234", f"--Voila.base_url={PREFIX}/", "--Voila.ip=127.0.0.1",
            "--show_tracebacks=False"} <= set(arguments)
    assert not any(argument.startswith("--preheat_kernel") for argument in arguments)


def test_the_start_app_is_served_under_the_hubs_prefix(server):
    page = asyncio.run(fetch(server["base"] + START_APP))
    assert page.code == 200
    assert re.search(r'"kernelId":\s*"[0-9a-f-]{36}"', page.body.decode())


@pytest.mark.parametrize(("method", "path"), [
    ("GET", "lab"),
    ("GET", "lab/tree/00-start-here.ipynb"),
    ("GET", "tree"),
    ("GET", "notebooks/00-start-here.ipynb"),
    ("GET", "edit/00-start-here.ipynb"),
    ("GET", "terminals/1"),
    ("GET", "api/terminals"),
    ("POST", "api/terminals"),
    ("GET", "api/contents"),
    ("GET", "api/contents/00-start-here.ipynb"),
    ("PUT", "api/contents/evil.py"),
    ("GET", "files/00-start-here.ipynb"),
    ("GET", "api/kernels"),
    ("POST", "api/kernels"),
    ("GET", "api/sessions"),
    ("POST", "api/sessions"),
    ("GET", "api/kernelspecs"),
    ("GET", "nbconvert/html/00-start-here.ipynb"),
    ("PUT", "api/config/notebook"),
])
def test_no_lab_terminal_contents_api_or_new_kernel(server, method, path):
    assert status(server["base"] + path, method) == 404


def test_voilas_own_listing_names_the_notebooks_and_never_serves_their_content(server):
    listing = asyncio.run(fetch(server["base"] + "voila/api/contents"))
    names = {item["name"] for item in json.loads(listing.body)["content"]}
    assert "00-start-here.ipynb" in names
    assert all(name.endswith(".ipynb") for name in names)
    one = json.loads(asyncio.run(fetch(
        server["base"] + "voila/api/contents/00-start-here.ipynb")).body)
    assert one["content"] is None
    assert status(server["base"] + "voila/files/00-start-here.ipynb") == 403


def test_the_apps_kernel_drops_code_sent_to_it(server):
    marker = server["folder"] / "code-ran"
    page = asyncio.run(fetch(server["base"] + START_APP)).body.decode()
    kernel_id = re.search(r'"kernelId":\s*"([0-9a-f-]{36})"', page).group(1)
    seen = asyncio.run(_send_code_then_ask_kernel_info(server, kernel_id, marker))
    # The kernel answers shell requests in order: had it taken the code, its execute_reply
    # would have come before this kernel_info_reply.
    assert "kernel_info_reply" in seen
    assert not {"execute_input", "execute_reply", "execute_result", "stream"} & set(seen)
    assert not marker.exists()


async def _send_code_then_ask_kernel_info(server, kernel_id: str, marker: Path) -> list[str]:
    url = (f"ws://127.0.0.1:{server['port']}{PREFIX}/api/kernels/{kernel_id}/channels"
           f"?session_id={uuid.uuid4().hex}")
    connection = await websocket_connect(url)
    session = uuid.uuid4().hex

    def message(msg_type: str, content: dict) -> str:
        return json.dumps({
            "channel": "shell", "header": {
                "msg_id": uuid.uuid4().hex, "msg_type": msg_type, "session": session,
                "username": "participant", "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": {}, "content": content, "buffers": []})

    code = f"open({str(marker)!r}, 'w').write('ran')"
    await connection.write_message(message("execute_request", {
        "code": code, "silent": False, "store_history": False, "user_expressions": {},
        "allow_stdin": False, "stop_on_error": True}))
    await connection.write_message(message("kernel_info_request", {}))
    seen: list[str] = []
    try:
        while "kernel_info_reply" not in seen:
            raw = await asyncio.wait_for(connection.read_message(), STARTUP_SECONDS)
            if raw is None:
                break
            if isinstance(raw, str):
                seen.append(json.loads(raw)["header"]["msg_type"])
    finally:
        connection.close()
    return seen
