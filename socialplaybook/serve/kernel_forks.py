"""The server's side of forked kernels: the template ``serve`` starts, and the provisioner
that asks it for kernels.

``serve`` starts one *kernel template* beside Voila (``KernelTemplate``, the process in
``kernel_template.py``): a Python that has imported ipykernel and the modules the served
notebooks import. ``ForkingProvisioner`` (jupyter_client's provisioner, named in
pyproject.toml's entry points) asks it for each kernel: a fork with the kernel command's
arguments, environment and folder and those modules already loaded.

When the template is missing, still importing after ``READY_WITHIN_S``, or gone, a kernel
is started the usual way (jupyter_client's ``LocalProvisioner``) and the server log says
why, once. A template that stops after it has served is started again, at most once in
``RESTART_AFTER_S``. A fork runs its kernel only once the server has acknowledged its pid:
a server that gave up waiting starts that kernel the usual way, and the fork is killed.
Only ``ipykernel_launcher`` (or the module named with ``--module``) is run, and only for
the template's own Python: another kernel command is started the usual way.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from jupyter_client.provisioning import LocalProvisioner

from socialplaybook.serve.kernel_template import (
    ACK,
    EXITS_NAME,
    KERNEL_MODULE,
    REQUEST_TIMEOUT_S,
    SOCKET_NAME,
    exit_status_file,
)

READY_WITHIN_S = 20.0  # the template's imports took 1.3-2 s; under load, longer
RESTART_AFTER_S = 60.0  # a template that stopped is started again at most this often
STATUS_WRITTEN_WITHIN_S = 1.0  # after a kernel is gone, its template has written its status
# A forked kernel's exit status when its template did not write it (Popen's codes are
# 0-255 and -1 to -64, signals): it ended after its template had stopped.
UNKNOWN_EXIT_STATUS = -256


def _answer_in(line: bytes) -> dict:
    try:
        answer = json.loads(line)
    except ValueError:
        answer = None
    return answer if isinstance(answer, dict) else {}


class ForkedKernel:
    """A forked kernel, with the part of ``subprocess.Popen`` jupyter_client uses.

    It is the template's child, not the server's: it is watched through its pid, and its
    exit status is the one its template wrote in ``status_file`` as it reaped it (as
    ``Popen.returncode`` gives it: -N when signal N ended it). A kernel whose status
    nobody wrote (it outlived its template, or no ``status_file``) ends with
    ``UNKNOWN_EXIT_STATUS``.
    """

    stdin = stdout = stderr = None

    def __init__(self, pid: int, status_file: Path | None = None) -> None:
        self.pid = pid
        self.status_file = status_file
        self.returncode: int | None = None
        self._gone_since: float | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            self.returncode = self._ended_with()
        return self.returncode

    def _ended_with(self) -> int | None:
        written = self._written_status()
        if written is not None:
            return written
        try:
            os.kill(self.pid, 0)
            return None  # running, or ended and not reaped yet
        except (ProcessLookupError, PermissionError):  # gone (the pid may be another's)
            pass
        if self.status_file is None:
            return UNKNOWN_EXIT_STATUS
        # The template writes the status just after reaping: a moment's grace for it.
        now = time.monotonic()
        if self._gone_since is None:
            self._gone_since = now
        if now - self._gone_since < STATUS_WRITTEN_WITHIN_S:
            return None
        return UNKNOWN_EXIT_STATUS

    def _written_status(self) -> int | None:
        if self.status_file is None:
            return None
        try:
            code = int(self.status_file.read_text())
        except (OSError, ValueError):
            return None
        self.status_file.unlink(missing_ok=True)
        return code

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(str(self.pid), timeout or 0)
            time.sleep(0.05)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            try:
                os.kill(self.pid, signum)
            except (ProcessLookupError, PermissionError):
                pass  # ended; its status is on its way

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


class KernelTemplate:
    """The template process ``serve`` starts, and the requests for kernels sent to it."""

    def __init__(self, preload: list[str], log=None, module: str = KERNEL_MODULE,
                 env: dict[str, str] | None = None) -> None:
        self.log = log
        self.module = module
        self.folder = Path(tempfile.mkdtemp(prefix="sp-kernels-"))  # private: mode 0700
        self.socket_path = self.folder / SOCKET_NAME
        self.exits = self.folder / EXITS_NAME  # the template writes its kernels' statuses
        self.command = [sys.executable, "-m", "socialplaybook.serve.kernel_template",
                        *(["--module", module] if module != KERNEL_MODULE else []),
                        str(self.socket_path), *preload]
        self.env = env
        self._told: set[str] = set()
        self.restarted: float | None = None
        self.stopped = False
        self._start()

    def _start(self) -> None:
        self._remove_socket()
        self.started = time.monotonic()
        self.served = False  # whether it has answered a request since it started
        self.process = subprocess.Popen(self.command, stdin=subprocess.PIPE,
                                        start_new_session=True, env=self.env)

    def _remove_socket(self) -> None:
        for path in (self.socket_path, Path(str(self.socket_path) + ".new")):
            path.unlink(missing_ok=True)

    def handles(self, argv: list[str]) -> bool:
        """Whether a kernel command is one the template can fork."""
        return list(argv[:3]) == [sys.executable, "-m", self.module]

    async def fork(self, argv: list[str], env: dict[str, str], cwd: str) -> ForkedKernel | None:
        """A forked kernel, or None (said in the log) when it must be started the usual way."""
        request = json.dumps({"argv": list(argv), "env": dict(env), "cwd": str(cwd)})
        while True:
            if self.process.poll() is not None and not self._restarted():
                return self._none("the kernel template has stopped "
                                  f"(exit code {self.process.returncode})")
            try:
                reader, writer = await asyncio.open_unix_connection(str(self.socket_path))
                self.served = True
                break
            except (FileNotFoundError, ConnectionRefusedError):
                if time.monotonic() - self.started > READY_WITHIN_S:
                    return self._none(f"the kernel template was not ready within "
                                      f"{READY_WITHIN_S:.0f} s")
                await asyncio.sleep(0.05)
        try:
            writer.write(request.encode() + b"\n")
            await writer.drain()
            line = await asyncio.wait_for(reader.readline(), REQUEST_TIMEOUT_S)
            answer = _answer_in(line)
            if isinstance(answer.get("pid"), int):
                writer.write(ACK)  # the fork runs the kernel only after this
                await writer.drain()
        except (OSError, asyncio.TimeoutError) as error:
            return self._none(f"the kernel template did not answer ({error!r})")
        finally:
            writer.close()
        if not isinstance(answer.get("pid"), int):
            return self._none(f"the kernel template refused: {answer['error']}"
                              if "error" in answer else "the kernel template gave no answer")
        return ForkedKernel(answer["pid"], exit_status_file(self.exits, answer["pid"]))

    def _restarted(self) -> bool:
        """Start again a template that stopped after it had served, at most once in
        RESTART_AFTER_S (one that cannot start, or keeps stopping, is left stopped)."""
        now = time.monotonic()
        if self.stopped or not self.served or (self.restarted is not None
                               and now - self.restarted < RESTART_AFTER_S):
            return False
        if self.log is not None:
            self.log.warning("The kernel template stopped (exit code %s); starting it again.",
                             self.process.returncode)
        self.restarted = now
        self._start()
        return True

    def _none(self, why: str) -> None:
        if why not in self._told and self.log is not None:
            self._told.add(why)
            self.log.warning("Kernels are started the usual way (slower): %s.", why)
        return None

    def stop(self) -> None:
        """Stop the template (forked kernels keep running until the server stops them)."""
        self.stopped = True
        if self.process.poll() is None:
            self.process.stdin.close()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        elif self.process.stdin:
            self.process.stdin.close()
        self._remove_socket()
        shutil.rmtree(self.exits, ignore_errors=True)
        try:
            self.folder.rmdir()
        except OSError:
            pass


TEMPLATE: KernelTemplate | None = None


def use_template(template: KernelTemplate | None) -> None:
    """The template ``ForkingProvisioner`` asks for kernels (None: start them the usual way)."""
    global TEMPLATE
    TEMPLATE = template


class ForkingProvisioner(LocalProvisioner):
    """jupyter_client's local provisioner, forking kernels from ``TEMPLATE`` when it can."""

    async def launch_kernel(self, cmd: list[str], **kwargs: Any):
        template = TEMPLATE
        env, cwd = kwargs.get("env"), kwargs.get("cwd") or os.getcwd()
        if template is not None and template.handles(cmd) and env is not None:
            forked = await template.fork(cmd, env, str(cwd))
            if forked is not None:
                self.process = forked
                self.pid = self.pgid = forked.pid
                self.cwd = cwd
                return self.connection_info
        return await super().launch_kernel(cmd, **kwargs)
