"""The kernel template: a process that has imported what kernels need, and forks them.

A kernel started the usual way is a new Python: it imports ipykernel, then, running its
notebook, the app's modules, before its page can show anything. The template
(``python -m socialplaybook.serve.kernel_template SOCKET MODULE...``) imports ipykernel and
the modules the served notebooks import, then waits on a Unix socket in a private folder.
Each request is answered with a fork: its own process, in its own session, titled with the
kernel command, which runs ``ipykernel_launcher`` as ``python -m`` would once the server
has acknowledged its pid.

Forking is safe because the template runs no thread, event loop or ZeroMQ context: it only
imports, checks that no thread was started, then serves with a selector.
"""

from __future__ import annotations

import argparse
import ast
import atexit
import gc
import importlib
import json
import os
import runpy
import selectors
import signal
import socket
import sys
import threading
import time
import traceback
from pathlib import Path
from typing import Any

from setproctitle import setproctitle

KERNEL_MODULE = "ipykernel_launcher"
KERNEL_IMPORTS = ("ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.zmqshell",
                  "ipykernel.comm", "IPython.core.interactiveshell", "comm")
REQUEST_TIMEOUT_S = 5.0
MAX_REQUEST_BYTES = 1_000_000
SOCKET_NAME = "template.sock"
EXITS_NAME = "exits"  # beside the socket: a file per ended kernel, named by pid, its status
SERVER_CHECK_S = 1.0  # as often as ipykernel's parent poller
SERVER_GONE_GRACE_S = 5.0  # a kernel whose server is gone has this long to save and stop
ACK = b"ok\n"  # the server has the forked kernel's pid
GO = b"g"  # the template tells its fork to run the kernel


# -- which modules a kernel will import ----------------------------------------------------


def notebook_imports(folder: Path) -> list[str]:
    """Modules the code cells of the notebooks in ``folder`` import (absolute imports)."""
    modules: list[str] = []
    for notebook in sorted(folder.glob("*.ipynb")):
        try:
            cells = json.loads(notebook.read_text(encoding="utf-8")).get("cells", [])
        except (OSError, ValueError, AttributeError):
            continue
        for cell in cells if isinstance(cells, list) else []:
            if not isinstance(cell, dict) or cell.get("cell_type") != "code":
                continue
            source = cell.get("source", "")
            source = "".join(source) if isinstance(source, list) else str(source)
            for name in _imported_modules(source):
                if name not in modules:
                    modules.append(name)
    return modules


def _imported_modules(source: str) -> list[str]:
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):  # IPython magics, a broken cell: nothing to preload
        return []
    names: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.append(node.module)
    return names


# -- the template process --------------------------------------------------------------------

_EXITS: Path | None = None  # where ended kernels' statuses are written (serve_template)


def serve_template(socket_path: Path, preload: list[str], module: str = KERNEL_MODULE) -> int:
    """Import ``preload``, then fork a kernel for each request on ``socket_path``.

    Ends when its standard input closes (the server that started it has stopped).
    """
    server_pid = os.getppid()  # the server started the template
    global _EXITS
    _EXITS = socket_path.parent / EXITS_NAME
    _EXITS.mkdir(mode=0o700, exist_ok=True)
    # Forked kernels are reaped as they end (no zombies), and waited for: the CPU time
    # they used is then counted in the template's children's time, as a server's
    # tools and the bench read it (with SIGCHLD ignored, it was lost). Their exit status
    # is written for the server, which cannot wait for another process's children.
    signal.signal(signal.SIGCHLD, _reap_kernels)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server stops it, not Ctrl-C
    for name in (*KERNEL_IMPORTS, *preload):
        try:
            importlib.import_module(name)
        except Exception as error:  # the kernel will meet (and show) the same error
            print(f"kernel template: could not import {name}: {error}", file=sys.stderr)
    if threading.active_count() != 1:
        print("kernel template: an import started a thread, so kernels cannot be forked "
              "safely; they are started the usual way", file=sys.stderr)
        return 1
    # The garbage collector would write to every object it tracks, copying the pages the
    # forks share; frozen, it leaves the template's objects alone (13 MB less per kernel).
    gc.freeze()
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(socket_path) + ".new")
    listener.listen(64)
    os.rename(str(socket_path) + ".new", socket_path)  # the socket appears ready
    selector = selectors.DefaultSelector()
    selector.register(listener, selectors.EVENT_READ)
    selector.register(sys.stdin, selectors.EVENT_READ)
    try:
        while True:
            for key, _events in selector.select():
                if key.fileobj is sys.stdin:
                    if not sys.stdin.buffer.read1(4096):
                        return 0
                    continue
                connection, _address = listener.accept()
                with connection:
                    _answer(connection, module, (listener, selector), server_pid)
    finally:
        selector.close()
        listener.close()


def exit_status_file(exits: Path, pid: int) -> Path:
    """The file in ``exits`` that holds the exit status of the kernel ``pid`` once it ended."""
    return exits / str(pid)


def _reap_kernels(_signum: int = 0, _frame: Any = None) -> None:
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        if _EXITS is not None:
            _write_exit_status(exit_status_file(_EXITS, pid), os.waitstatus_to_exitcode(status))


def _write_exit_status(path: Path, code: int) -> None:
    """``code`` as subprocess gives it (-N: ended by signal N), written whole or not at all."""
    partial = path.with_name(path.name + ".new")
    try:
        partial.write_text(str(code))
        os.replace(partial, path)
    except OSError:
        pass  # the folder is gone (the server stopped): nobody is waiting for it


def _answer(connection: socket.socket, module: str, to_close: tuple, server_pid: int) -> None:
    connection.settimeout(REQUEST_TIMEOUT_S)
    try:
        request = _read_request(connection)
        argv, env, cwd = _checked(request, module)
    except (OSError, ValueError) as error:
        _reply(connection, {"error": str(error)})
        return
    forked = _fork_kernel(argv, env, cwd, (connection, *to_close), server_pid)
    if forked is None:
        _reply(connection, {"error": "the kernel did not start"})
        return
    pid, go = forked
    # The kernel runs only once the server has its pid: a server that gave up waiting
    # starts the kernel the usual way, on the same ports, and must not meet a twin there.
    acknowledged = _reply(connection, {"pid": pid}) and _acknowledged(connection)
    try:
        if acknowledged:
            os.write(go, GO)
        else:
            os.killpg(pid, signal.SIGKILL)
    except OSError:
        pass  # the kernel has already ended
    finally:
        os.close(go)


def _read_request(connection: socket.socket) -> Any:
    data = b""
    while not data.endswith(b"\n"):
        chunk = connection.recv(65536)
        if not chunk:
            break
        data += chunk
        if len(data) > MAX_REQUEST_BYTES:
            raise ValueError("request too large")
    return json.loads(data)


def _checked(request: Any, module: str) -> tuple[list[str], dict[str, str], str]:
    if not isinstance(request, dict):
        raise ValueError("not a kernel request")
    argv, env, cwd = request.get("argv"), request.get("env"), request.get("cwd")
    if (not isinstance(argv, list) or not all(isinstance(a, str) for a in argv)
            or argv[:3] != [sys.executable, "-m", module]):
        raise ValueError(f"only {sys.executable} -m {module} is forked")
    if not isinstance(env, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                            for k, v in env.items()):
        raise ValueError("the environment is not a mapping of texts")
    if not isinstance(cwd, str) or not os.path.isdir(cwd):
        raise ValueError(f"no such folder: {cwd!r}")
    return argv, env, cwd


def _reply(connection: socket.socket, answer: dict) -> bool:
    try:
        connection.sendall(json.dumps(answer).encode() + b"\n")
        return True
    except OSError:
        return False  # the server gave up waiting


def _acknowledged(connection: socket.socket) -> bool:
    received = b""
    try:
        while len(received) < len(ACK):
            chunk = connection.recv(len(ACK) - len(received))
            if not chunk:
                break
            received += chunk
    except OSError:  # includes the time allowed running out
        return False
    return received == ACK


def _fork_kernel(argv: list[str], env: dict[str, str], cwd: str, to_close: tuple,
                 server_pid: int) -> tuple[int, int] | None:
    """Fork a kernel that waits for the word to go; its pid (once it leads its session) and
    the pipe to send ``GO`` on. Closing that pipe without a word ends the kernel."""
    started_r, started_w = os.pipe()
    go_r, go_w = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the kernel
        code = 1
        try:
            os.close(started_r)
            os.close(go_w)
            for resource in to_close:
                resource.close()
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            signal.signal(signal.SIGINT, signal.default_int_handler)
            os.setsid()  # its own process group, as jupyter_client starts kernels
            os.write(started_w, b"1")
            os.close(started_w)
            go = os.read(go_r, len(GO))
            os.close(go_r)
            if go == GO:
                code = _run_kernel(argv, env, cwd, server_pid)
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None
                                                                     else 1)
        except BaseException:
            traceback.print_exc()
        finally:
            try:  # what a normal interpreter exit runs; never the template's own code
                atexit._run_exitfuncs()
                sys.stdout.flush()
                sys.stderr.flush()
            finally:
                os._exit(code)
    os.close(started_w)
    os.close(go_r)
    if _EXITS is not None:  # an earlier kernel's status under the same (reused) pid
        exit_status_file(_EXITS, pid).unlink(missing_ok=True)
    try:
        started = os.read(started_r, 1)
    finally:
        os.close(started_r)
    if not started:
        os.close(go_w)
        return None
    return pid, go_w


def _run_kernel(argv: list[str], env: dict[str, str], cwd: str, server_pid: int) -> int:
    # ps, top and the server's tools see the kernel's own command, not the template's
    # (before the environment is replaced: setproctitle finds argv through it)
    setproctitle(" ".join(argv))
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(env)
    # A kernel stops with the server, as one started the usual way does (ipykernel's
    # parent poller). Its parent is the template, though, and a kernel must outlive a
    # template that died: it watches the server itself, and ipykernel's poller is off
    # (parent_handle 1 turns it off and keeps the kernel quiet about how to stop it).
    os.environ["JPY_PARENT_PID"] = str(server_pid)
    threading.Thread(target=_stop_with, args=(server_pid,), daemon=True,
                     name="stop-with-server").start()
    if argv[2] == KERNEL_MODULE:
        argv = [*argv, "--IPKernelApp.parent_handle=1"]
        if "ipywidgets" in sys.modules:
            # ipywidgets registers its comm targets when imported in a running kernel;
            # the template imported it without one, so the kernel loads it as an extension.
            argv.append("--IPKernelApp.extensions=ipywidgets")
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    sys.argv = [argv[2], *argv[3:]]
    sys.path[0] = cwd  # as ``python -m`` started in cwd sets it
    runpy.run_module(argv[2], run_name="__main__", alter_sys=True)
    return 0


def _stop_with(server_pid: int) -> None:
    while True:
        time.sleep(SERVER_CHECK_S)
        try:
            os.kill(server_pid, 0)
        except (ProcessLookupError, PermissionError):
            break
    # The server is gone (killed): stop as a kernel told to stop does, with a SIGTERM, which
    # lets the apps store or keep what they have not stored yet (widgets/app/exit_saves.py);
    # a kernel still there after SERVER_GONE_GRACE_S is ended all the same.
    os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(SERVER_GONE_GRACE_S)
    os._exit(1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="The kernel template serve starts.")
    parser.add_argument("socket", type=Path)
    parser.add_argument("--module", default=KERNEL_MODULE)
    parser.add_argument("preload", nargs="*")
    args = parser.parse_args(argv)
    return serve_template(args.socket, args.preload, args.module)


if __name__ == "__main__":
    sys.exit(main())
