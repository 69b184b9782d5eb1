"""Kernels forked from a template: what the fork sees, its life and death, refusals, fallback."""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jupyter_client.manager import AsyncKernelManager
from jupyter_client.provisioning import KernelProvisionerFactory, LocalProvisioner

from socialplaybook.serve import kernel_forks, kernel_template
from socialplaybook.serve.kernel_forks import (
    ForkedKernel,
    ForkingProvisioner,
    KernelTemplate,
    use_template,
)
from socialplaybook.serve.kernel_template import notebook_imports
from socialplaybook.serve.voila_app import FORKING_PROVISIONER
from tests.processes import command_line

PROBE = "tests.unit.serve.fork_probe"
PRELOAD = "tests.unit.serve.fork_probe_preload"
REPO = Path(__file__).resolve().parents[3]


def run_coroutine(coroutine):
    """Run ``coroutine`` on a loop of its own: an earlier test (Playwright's sync API) can
    leave this thread's event loop running, where ``asyncio.run`` refuses to start."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def wait_for(condition, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "not within the time allowed"
        time.sleep(0.02)


@pytest.fixture
def probe_template(caplog):
    template = KernelTemplate([PRELOAD], log=logging.getLogger("forks-test"), module=PROBE,
                              env={**os.environ, "SERVER_ONLY": "1"})
    yield template
    template.stop()


def fork_probe(template, tmp_path, *extra, env=None, cwd=None):
    report = tmp_path / f"report-{time.monotonic_ns()}.json"
    argv = [sys.executable, "-m", PROBE, str(report), *extra]
    forked = run_coroutine(template.fork(argv, env if env is not None else {"ONLY_THIS": "yes",
                                                                             "PATH": "/usr/bin"},
                                       str(cwd or tmp_path)))
    return forked, report


def read_report(report: Path) -> dict:
    wait_for(lambda: report.exists() and report.stat().st_size > 0)
    wait_for(lambda: _parses(report))
    return json.loads(report.read_text())


def _parses(path: Path) -> bool:
    try:
        json.loads(path.read_text())
        return True
    except ValueError:
        return False


# -- what a forked kernel sees ---------------------------------------------------------------


def test_a_fork_runs_the_module_with_its_own_arguments_environment_and_folder(probe_template,
                                                                             tmp_path):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    forked, report = fork_probe(probe_template, tmp_path, cwd=folder)
    assert forked is not None
    seen = read_report(report)
    assert seen["pid"] == forked.pid
    assert seen["cwd"] == str(folder)
    assert seen["path0"] == str(folder)  # as `python -m` started there
    assert seen["argv"][1:] == [str(report)]
    assert seen["env"]["ONLY_THIS"] == "yes"
    assert "SERVER_ONLY" not in seen["env"]  # the template's own environment is not kept
    assert seen["env"]["JPY_PARENT_PID"] == str(os.getpid())  # the server's, as usual
    assert seen["stdin"] == "/dev/null"
    # no thread of the template's, only the fork's own watch on the server
    assert seen["threads"] == ["MainThread", "stop-with-server"]


def test_a_fork_has_the_preloaded_modules_and_leads_its_own_session(probe_template, tmp_path):
    forked, report = fork_probe(probe_template, tmp_path, "sleep")
    seen = read_report(report)
    # ps and the server's tools see the kernel's command, not the template's
    assert command_line(forked.pid) == [sys.executable, "-m", PROBE, str(report), "sleep"]
    forked.kill()
    assert seen["preloaded"] is True
    # the template's objects are out of the collector's way (it would copy shared pages)
    assert seen["frozen_objects"] > 10_000 and seen["gc_enabled"] is True
    assert seen["ppid"] == probe_template.process.pid
    assert seen["sid"] == seen["pgid"] == forked.pid  # signals to the group reach only it


def test_a_forked_kernel_is_alive_until_terminated_then_gone(probe_template, tmp_path):
    forked, report = fork_probe(probe_template, tmp_path, "sleep")
    read_report(report)
    assert forked.poll() is None
    with pytest.raises(Exception, match="timed out|Timeout"):
        forked.wait(timeout=0.2)
    forked.terminate()
    assert forked.wait(timeout=10) == -signal.SIGTERM  # as Popen says it: ended by SIGTERM
    assert forked.poll() == -signal.SIGTERM
    forked.kill()  # signalling a kernel that is gone is harmless


def test_a_signal_to_the_group_reaches_the_forked_kernel(probe_template, tmp_path):
    forked, report = fork_probe(probe_template, tmp_path, "sleep")
    read_report(report)
    os.killpg(forked.pid, signal.SIGKILL)  # what jupyter_client sends to stop a kernel
    assert forked.wait(timeout=10) == -signal.SIGKILL


def test_a_kernel_that_exits_is_reaped_and_seen_as_gone(probe_template, tmp_path):
    forked, report = fork_probe(probe_template, tmp_path, "exit3")
    read_report(report)
    assert forked.wait(timeout=10) == 3  # its own status, though the template reaped it
    assert forked.poll() == 3
    assert not forked.status_file.exists()  # read once, then removed
    # no zombie left behind
    assert not Path(f"/proc/{forked.pid}").exists() or "Z" not in Path(
        f"/proc/{forked.pid}/stat").read_text().split(")")[1][:3]


def test_the_cpu_time_of_an_ended_kernel_is_counted_in_its_template(probe_template, tmp_path):
    """The server's tools (and the bench) read a kernel's CPU time, once it has ended, in
    its parent's children's time: the template waits for its kernels for that."""
    def children_cpu_s() -> float:
        fields = Path(f"/proc/{probe_template.process.pid}/stat").read_text()
        fields = fields[fields.rindex(")") + 2:].split()
        return (int(fields[13]) + int(fields[14])) / os.sysconf("SC_CLK_TCK")

    fork_probe(probe_template, tmp_path)  # ready
    before = children_cpu_s()
    forked, report = fork_probe(probe_template, tmp_path, "burn")
    read_report(report)
    assert forked.wait(timeout=10) == 0  # it ended on its own, with status 0
    wait_for(lambda: children_cpu_s() - before >= 0.4)


def test_a_forked_kernel_outlives_its_template(probe_template, tmp_path):
    forked, report = fork_probe(probe_template, tmp_path, "sleep")
    read_report(report)
    probe_template.process.kill()
    probe_template.process.wait(10)
    time.sleep(2.5)  # over twice the kernel's check of its server
    assert forked.poll() is None
    forked.kill()
    # nobody wrote its status: the template that would have reaped it was gone
    assert forked.wait(timeout=10) == kernel_forks.UNKNOWN_EXIT_STATUS


def test_a_forked_kernel_stops_with_its_server(tmp_path):
    """The server is killed (no chance to stop anything): its template and kernels stop."""
    report = tmp_path / "report.json"
    server = subprocess.Popen([sys.executable, "-m", "tests.unit.serve.fork_probe_server",
                               str(report)], cwd=REPO)
    try:
        kernel = read_report(report)
        template_pid = kernel["ppid"]
        assert kernel["env"]["JPY_PARENT_PID"] == str(server.pid)
        server.kill()
        server.wait(10)
        wait_for(lambda: ForkedKernel(kernel["pid"]).poll() is not None, seconds=10)
        wait_for(lambda: ForkedKernel(template_pid).poll() is not None, seconds=10)
    finally:
        if server.poll() is None:
            server.kill()


def test_a_kernel_whose_server_was_killed_is_sent_sigterm_first(tmp_path):
    """A SIGTERM, not an immediate exit: the apps store or keep what they have not stored
    yet (widgets/app/exit_saves.py) before the kernel stops."""
    report = tmp_path / "report.json"
    server = subprocess.Popen([sys.executable, "-m", "tests.unit.serve.fork_probe_server",
                               str(report), "trap"], cwd=REPO)
    try:
        kernel = read_report(report)
        server.kill()
        server.wait(10)
        wait_for(lambda: ForkedKernel(kernel["pid"]).poll() is not None, seconds=10)
        assert Path(f"{report}.term").read_text() == "SIGTERM"
    finally:
        if server.poll() is None:
            server.kill()


def test_many_forks_each_get_their_own_process(probe_template, tmp_path):
    forks = [fork_probe(probe_template, tmp_path) for _ in range(5)]
    pids = {read_report(report)["pid"] for _forked, report in forks}
    assert len(pids) == 5


# -- what the template refuses, and the fallback ---------------------------------------------


def test_another_command_is_not_for_the_template(probe_template):
    assert probe_template.handles([sys.executable, "-m", PROBE, "x"])
    assert not probe_template.handles(["/usr/bin/python3", "-m", PROBE, "x"])
    assert not probe_template.handles([sys.executable, "-m", "other_module"])
    assert not probe_template.handles([sys.executable])


def test_a_request_for_another_module_is_refused_and_logged_once(probe_template, tmp_path,
                                                                caplog):
    argv = [sys.executable, "-m", "http.server", "8000"]
    with caplog.at_level(logging.WARNING, logger="forks-test"):
        for _ in range(2):
            assert run_coroutine(probe_template.fork(argv, {}, str(tmp_path))) is None
    refusals = [r for r in caplog.records if "refused" in r.getMessage()]
    assert len(refusals) == 1
    assert "only" in refusals[0].getMessage()
    # the template still serves
    forked, report = fork_probe(probe_template, tmp_path)
    assert read_report(report)["pid"] == forked.pid


def test_a_folder_that_does_not_exist_is_refused(probe_template, tmp_path):
    forked, _report = fork_probe(probe_template, tmp_path, cwd=tmp_path / "gone")
    assert forked is None


@pytest.mark.parametrize("raw", [b"not json\n", b"[1, 2]\n", b'{"argv": "x"}\n',
                                 b'{"argv": [], "env": {}, "cwd": "/"}\n', b"\n",
                                 b'{"argv": null}' + b" " * 10 + b"\n"])
def test_a_malformed_request_gets_an_error_and_the_template_keeps_serving(probe_template,
                                                                         tmp_path, raw):
    forked, report = fork_probe(probe_template, tmp_path)  # waits until it is ready
    read_report(report)
    with socket.socket(socket.AF_UNIX) as connection:
        connection.settimeout(10)
        connection.connect(str(probe_template.socket_path))
        connection.sendall(raw)
        answer = json.loads(connection.makefile().readline())
    assert "error" in answer and "pid" not in answer
    forked, report = fork_probe(probe_template, tmp_path)
    assert read_report(report)["pid"] == forked.pid


def test_a_request_too_large_is_refused(probe_template, tmp_path):
    fork_probe(probe_template, tmp_path)
    with socket.socket(socket.AF_UNIX) as connection:
        connection.settimeout(10)
        connection.connect(str(probe_template.socket_path))
        try:
            connection.sendall(b"x" * (kernel_template.MAX_REQUEST_BYTES + 70_000))
        except BrokenPipeError:  # it stopped reading past the limit, answered and closed
            pass
        answer = json.loads(connection.makefile().readline())
    assert answer == {"error": "request too large"}


def _request_then(template, report: Path, tmp_path, acknowledgement: bytes) -> int:
    """Ask for a probe kernel as a server would, answer its pid with ``acknowledgement``
    instead of ``ACK`` and leave; the fork's pid, once it has ended."""
    request = {"argv": [sys.executable, "-m", PROBE, str(report), "sleep"],
               "env": {"PATH": "/usr/bin"}, "cwd": str(tmp_path)}
    with socket.socket(socket.AF_UNIX) as connection:
        connection.settimeout(10)
        connection.connect(str(template.socket_path))
        connection.sendall(json.dumps(request).encode() + b"\n")
        pid = json.loads(connection.makefile().readline())["pid"]
        connection.sendall(acknowledgement)
    wait_for(lambda: ForkedKernel(pid).poll() is not None)
    return pid

@pytest.mark.parametrize("acknowledgement", [b"", b"no\n"])
def test_a_fork_whose_pid_the_server_did_not_acknowledge_never_runs(probe_template, tmp_path,
                                                                    acknowledgement):
    """A server that gave up waiting starts the kernel the usual way on the same ports: the
    fork it never heard of must not run beside it."""
    fork_probe(probe_template, tmp_path)  # the template is ready
    report = tmp_path / "unacknowledged.json"
    _request_then(probe_template, report, tmp_path, acknowledgement)
    assert not report.exists()
    forked, report = fork_probe(probe_template, tmp_path)  # the template serves on
    assert read_report(report)["pid"] == forked.pid


def test_a_template_that_dies_after_serving_is_started_again_once_a_minute(probe_template,
                                                                           tmp_path, caplog):
    first, report = fork_probe(probe_template, tmp_path, "sleep")
    read_report(report)
    dead = probe_template.process
    dead.kill()
    dead.wait(10)
    with caplog.at_level(logging.WARNING, logger="forks-test"):
        second, report = fork_probe(probe_template, tmp_path)
    assert probe_template.process is not dead and probe_template.process.poll() is None
    assert read_report(report)["ppid"] == probe_template.process.pid
    assert "starting it again" in caplog.text
    assert first.poll() is None  # a kernel of the old template runs on
    first.kill()
    # a template that dies again within the minute is left stopped: kernels start as usual
    probe_template.process.kill()
    probe_template.process.wait(10)
    with caplog.at_level(logging.WARNING, logger="forks-test"):
        third, _report = fork_probe(probe_template, tmp_path)
    assert third is None
    assert "the kernel template has stopped" in caplog.text


def test_a_stopped_template_gives_no_kernel_and_says_why(tmp_path, caplog):
    template = KernelTemplate([], log=logging.getLogger("forks-test"), module=PROBE)
    template.stop()
    assert not template.folder.exists()
    with caplog.at_level(logging.WARNING, logger="forks-test"):
        forked, _report = fork_probe(template, tmp_path)
    assert forked is None
    assert "the kernel template has stopped" in caplog.text


def test_a_template_not_ready_in_time_gives_no_kernel(tmp_path, caplog, monkeypatch):
    monkeypatch.setattr(kernel_forks, "READY_WITHIN_S", 0.3)
    template = KernelTemplate([PRELOAD], log=logging.getLogger("forks-test"), module=PROBE,
                              env={**os.environ, "FORK_PROBE_IMPORT_DELAY_S": "30"})
    try:
        with caplog.at_level(logging.WARNING, logger="forks-test"):
            forked, _report = fork_probe(template, tmp_path)
        assert forked is None
        assert "not ready within" in caplog.text
    finally:
        template.stop()
    assert template.process.poll() is not None


def test_the_template_stops_when_its_server_closes_the_pipe(probe_template):
    probe_template.process.stdin.close()
    assert probe_template.process.wait(timeout=10) == 0


def test_a_template_whose_import_starts_a_thread_refuses_to_fork(tmp_path, caplog):
    template = KernelTemplate(["tests.unit.serve.fork_probe_thread"],
                              log=logging.getLogger("forks-test"), module=PROBE)
    try:
        assert template.process.wait(timeout=30) == 1
        with caplog.at_level(logging.WARNING, logger="forks-test"):
            forked, _report = fork_probe(template, tmp_path)
        assert forked is None
        assert "starting it again" not in caplog.text  # it never served: not restarted
    finally:
        template.stop()


@settings(max_examples=200, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=8),
                    lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(st.sampled_from(["argv", "env", "cwd", "x"]), inner,
                                      max_size=4), max_leaves=12))
def test_any_request_is_checked_or_refused_with_a_message(request):
    try:
        argv, env, cwd = kernel_template._checked(request, PROBE)
    except ValueError as error:
        assert str(error)
        return
    assert argv[:3] == [sys.executable, "-m", PROBE]
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in env.items())
    assert os.path.isdir(cwd)


# -- ForkedKernel without a template ---------------------------------------------------------


def test_a_forked_kernel_whose_pid_is_gone_polls_as_ended_with_an_unknown_status():
    gone = ForkedKernel(2**22 + 12345)  # above Linux's pid_max default of 4194304
    assert gone.poll() == kernel_forks.UNKNOWN_EXIT_STATUS
    gone.send_signal(signal.SIGTERM)  # nothing to signal, no error


def test_a_gone_kernel_waits_a_moment_for_its_status_then_reads_it(tmp_path):
    status_file = tmp_path / "123"
    gone = ForkedKernel(2**22 + 12345, status_file)
    assert gone.poll() is None  # its template has not written it yet
    gone.send_signal(signal.SIGTERM)  # no error either
    status_file.write_text("-9")
    assert gone.wait(timeout=5) == -9
    assert not status_file.exists()


def test_a_gone_kernel_whose_status_never_comes_ends_with_an_unknown_one(tmp_path,
                                                                        monkeypatch):
    monkeypatch.setattr(kernel_forks, "STATUS_WRITTEN_WITHIN_S", 0.1)
    gone = ForkedKernel(2**22 + 12345, tmp_path / "never-written")
    assert gone.wait(timeout=5) == kernel_forks.UNKNOWN_EXIT_STATUS


# -- which modules the notebooks import ------------------------------------------------------


def _notebook(path: Path, *cells) -> None:
    path.write_text(json.dumps({"cells": [
        {"cell_type": kind, "source": source, "metadata": {}} for kind, source in cells],
        "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))


def test_notebook_imports_are_the_code_cells_absolute_imports_in_order(tmp_path):
    _notebook(tmp_path / "a.ipynb", ("code", ["from widgets.planning import PlanningApp\n",
                                              "import json, os.path\n"]),
              ("markdown", "import not_code"), ("code", "from . import relative\nx = 1"))
    _notebook(tmp_path / "b.ipynb", ("code", "%matplotlib inline\nimport broken"),
              ("code", "from widgets.planning import X\nimport csv"))
    (tmp_path / "c.ipynb").write_text("{ not json")
    (tmp_path / "d.ipynb").write_text('{"cells": 3}')
    assert notebook_imports(tmp_path) == ["widgets.planning", "json", "os.path", "csv"]


def test_the_workshop_notebooks_import_the_widgets_apps():
    modules = notebook_imports(REPO / "notebooks")
    assert "widgets.platforms.app" in modules and "widgets.planning.app" in modules


# -- a real kernel through jupyter_client -----------------------------------------------------


@pytest.fixture
def forking_provisioner():
    factory = KernelProvisionerFactory.instance()
    before = factory.default_provisioner_name
    factory.default_provisioner_name = FORKING_PROVISIONER
    template = KernelTemplate(["widgets.platforms.app"], log=logging.getLogger("forks-test"))
    use_template(template)
    yield template
    use_template(None)
    factory.default_provisioner_name = before
    template.stop()


async def _run_in_kernel(code: str, cwd: Path) -> tuple[AsyncKernelManager, list[str]]:
    # serve's transport: Unix sockets beside the connection file
    manager = AsyncKernelManager(kernel_name="python3", transport="ipc",
                                 connection_file=str(cwd / "kernel.json"))
    await manager.start_kernel(cwd=str(cwd), env={**os.environ, "SP_PROBE": "forked"})
    client = manager.client()
    client.start_channels()
    outputs: list[str] = []
    try:
        await client.wait_for_ready(timeout=60)
        await client.execute_interactive(
            code, timeout=60,
            output_hook=lambda msg: outputs.append(msg["content"].get("text", "")))
    finally:
        client.stop_channels()
    return manager, outputs


def test_jupyter_client_gets_a_forked_kernel_that_runs_code_and_shuts_down(forking_provisioner,
                                                                          tmp_path):
    # ipywidgets was imported by the template, before any kernel: its comm targets (the
    # page asks "jupyter.widget.control" for every widget's state) are registered anyway.
    code = ("import os, sys, comm\nprint(os.getppid(), os.environ['SP_PROBE'], os.getcwd(), "
            "'widgets.platforms.app' in sys.modules, *sorted(comm.get_comm_manager().targets))")

    async def scenario():
        manager, outputs = await _run_in_kernel(code, tmp_path)
        assert isinstance(manager.provisioner, ForkingProvisioner)
        assert isinstance(manager.provisioner.process, ForkedKernel)
        pid = manager.provisioner.pid
        assert await manager.is_alive()
        await manager.shutdown_kernel(now=False)
        assert not await manager.is_alive()
        return outputs, pid

    outputs, pid = run_coroutine(scenario())
    assert "".join(outputs).split() == [str(forking_provisioner.process.pid), "forked",
                                        str(tmp_path), "True", "jupyter.widget",
                                        "jupyter.widget.control"]
    wait_for(lambda: not Path(f"/proc/{pid}").exists())


def test_without_a_template_jupyter_client_starts_kernels_the_usual_way(forking_provisioner,
                                                                        tmp_path):
    use_template(None)

    async def scenario():
        manager, outputs = await _run_in_kernel("import os; print(os.getppid())", tmp_path)
        assert isinstance(manager.provisioner, LocalProvisioner)
        assert not isinstance(manager.provisioner.process, ForkedKernel)
        await manager.shutdown_kernel(now=True)
        return outputs

    assert "".join(run_coroutine(scenario())).strip() == str(os.getpid())
