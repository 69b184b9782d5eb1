"""``social-playbook serve``: Voila on the workshop's notebooks, its kernel pools sized for the
room, thinning on a timer, changes kernels kept for recovery stored, and a clean stop.
"""

from __future__ import annotations

import argparse
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path

from socialplaybook.datasets import notebooks_dir
from socialplaybook.rules.i18n import _, ngettext
from socialplaybook.serve.access import tls_context
from socialplaybook.serve.roles import (
    FACILITATOR_KEY_HASH_ENV_VAR,
    FACILITATOR_NOTEBOOK,
    FACILITATOR_TOKEN_ENV_VAR,
    hash_facilitator_token,
    new_facilitator_token,
)
from socialplaybook.serve.room import available_memory_mb, plan_room, usable_cores
from socialplaybook.workspace.database import (
    DB_ENV_VAR,
    default_database_url,
    masked_database_url,
)
from socialplaybook.workspace.recovery import RECOVER_EVERY_SECONDS, recover
from socialplaybook.workspace.store import Workspace
from socialplaybook.workspace.thinning import ThinningPolicy

# ``serve`` hands the token to Voila in this environment variable, never on its command line
# (which ``ps`` shows to everyone); socialplaybook.serve.voila_app reads and removes it.
TOKEN_ENV_VAR = "JUPYTER_TOKEN"
# A token chosen by the facilitator can come from here instead of --token (which ps shows).
CHOSEN_TOKEN_ENV_VAR = "SOCIAL_PLAYBOOK_TOKEN"
THIN_EVERY_MINUTES = 10


DEFAULT_POOL_SIZE = 1
IOPUB_TIMEOUT_SECONDS = 60
# How often the server checks that each kernel's process is alive. A killed kernel is
# noticed at the next check, and only then do its page's widgets say the connection is
# lost (widgets/page/connection.py: a late answer alone is no loss); jupyter_client's 3 s
# made that up to 3 s late. A check is a signal 0 to a pid, or reading a file.
KERNEL_CHECK_SECONDS = 1.0
# JupyterLab extensions every page would load and none of the apps uses.
UNUSED_PAGE_EXTENSIONS = ["jupyterlab-plotly", "jupyterlab_pygments"]


def cell_error_instruction() -> str:
    """What a participant reads where a cell failed (tracebacks are never shown)."""
    return _("Something went wrong on our side. Your saved work is safe: reload the page, "
             "and tell the facilitator if it happens again.")


def voila_command(args: argparse.Namespace) -> list[str]:
    """The Voila command line ``serve`` runs; the token is not on it (``voila_environment``)."""
    cull_seconds = max(1, round(args.cull_idle_minutes * 60))
    notebooks = args.notebooks if args.notebooks is not None else notebooks_dir()
    command = [
        # Voila with XSRF checks on for everything but its tab-close beacon, and the token
        # read from the environment: socialplaybook/serve/voila_app.py
        sys.executable, "-m", "socialplaybook.serve.voila_app", str(notebooks),
        f"--port={args.port}",
        "--no-browser",
        f"--Voila.ip={'0.0.0.0' if args.public else '127.0.0.1'}",
        # local: only this machine's loopback names and port, from its own pages (access.py)
        f"--WorkshopVoila.public={bool(args.public)}",
        "--Voila.port_retries=0",
        "--show_tracebacks=False",
        "--VoilaExecutor.cell_error_instruction=" + cell_error_instruction(),
        f"--MappingKernelManager.cull_idle_timeout={cull_seconds}",
        f"--MappingKernelManager.cull_interval={max(1, min(60, cull_seconds // 2))}",
        "--MappingKernelManager.cull_connected=False",
        # A machine busy starting kernels for a roomful delivers a cell's output late:
        # with nbclient's 4 s the app's output was dropped and the page showed no app.
        f"--VoilaExecutor.iopub_timeout={IOPUB_TIMEOUT_SECONDS}",
        # Kernels talk to the server over Unix sockets: no TCP ports to collide (a pool
        # kernel once failed to start with "Address already in use", voila#1178).
        "--KernelManager.transport=ipc",
        f"--KernelRestarter.time_to_dead={KERNEL_CHECK_SECONDS}",
        # Charts load plotly.js themselves, only where one is drawn (widgets/kit/charts.py);
        # syntax colours are for code, which no app shows.
        f"--VoilaConfiguration.extension_denylist={UNUSED_PAGE_EXTENSIONS!r}",
    ]
    pool_size = DEFAULT_POOL_SIZE if args.pool_size is None else args.pool_size
    if pool_size > 0:
        command += ["--preheat_kernel=True", f"--pool_size={pool_size}",
                    # one person opens the facilitator's view: a kernel forked on request
                    f"--VoilaKernelManager.preheat_denylist={[FACILITATOR_NOTEBOOK]!r}"]
    certfile = getattr(args, "certfile", None)  # absent from options a hub's launcher builds
    if certfile is not None:
        command += [f"--WorkshopVoila.certfile={Path(certfile).resolve()}",
                    f"--WorkshopVoila.keyfile={Path(args.keyfile).resolve()}"]
    return command


def voila_environment(token: str | None, facilitator_token: str | None = None
                      ) -> dict[str, str]:
    """The environment Voila runs in: the workspace it and its kernels use, the token, and
    the hash the facilitator's view checks its key with (never the facilitator's token)."""
    env = dict(os.environ)
    env[DB_ENV_VAR] = default_database_url()
    env.pop(TOKEN_ENV_VAR, None)  # one left in the shell is not used: --token/--public decide
    env.pop(CHOSEN_TOKEN_ENV_VAR, None)  # read by serve; the kernels need not know it
    env.pop(FACILITATOR_TOKEN_ENV_VAR, None)
    env.pop(FACILITATOR_KEY_HASH_ENV_VAR, None)
    if token:
        env[TOKEN_ENV_VAR] = token
    if facilitator_token:
        env[FACILITATOR_KEY_HASH_ENV_VAR] = hash_facilitator_token(facilitator_token)
    return env


class ServeError(ValueError):
    """Options ``serve`` cannot run with; the message says which and why."""


def serve(args: argparse.Namespace, policy: ThinningPolicy | None) -> int:
    """Run the workshop until it is stopped; thin the history by ``policy`` (None: never).

    Returns Voila's exit status.
    """
    notebooks = args.notebooks if args.notebooks is not None else notebooks_dir()
    if not notebooks.is_dir():
        raise ServeError(_("{path}: no notebooks folder.").format(path=notebooks))
    if not 1 <= args.port <= 65535:
        raise ServeError(_("--port must be from 1 to 65535."))
    if (args.pool_size is not None and args.pool_size < 0) or args.cull_idle_minutes <= 0:
        raise ServeError(_("--pool-size must be 0 or more and --cull-idle-minutes above 0."))
    if args.room is not None:
        args.pool_size = _size_for_room(args, notebooks)
    _check_tls_files(args)
    token = args.token if args.token is not None else os.environ.get(CHOSEN_TOKEN_ENV_VAR)
    if token is not None and not token.strip():
        raise ServeError(_("--token cannot be empty."))
    generated = args.public and not token
    if generated:
        token = secrets.token_urlsafe(24)
    facilitator, facilitator_generated = _facilitator_token(args, token)
    env = voila_environment(token, facilitator)
    scheme = "https" if args.certfile is not None else "http"
    host = socket.gethostname() if args.public else "127.0.0.1"
    # A token the facilitator chose is not printed: logs and terminals are read by others.
    url = f"{scheme}://{host}:{args.port}/" + (f"?token={token}" if generated else "")
    print(_("Workshop at {url}  (workspace: {db}; Ctrl-C stops it)").format(
        url=url, db=masked_database_url(env[DB_ENV_VAR])), flush=True)
    if token and not generated:
        where = (_("Participants log in with the token given with --token.")
                 if args.token is not None else
                 _("Participants log in with the token set in {var}.").format(
                     var=CHOSEN_TOKEN_ENV_VAR))
        print(where, flush=True)
    recover_kept_changes(env[DB_ENV_VAR])  # what kernels could not store before they stopped
    _print_facilitator_link(f"{scheme}://{host}:{args.port}/", token if generated else None,
                            facilitator if facilitator_generated else None, args)
    process = subprocess.Popen(voila_command(args), env=env)
    stopping = threading.Event()
    if policy is not None:
        threading.Thread(target=_thin_periodically, args=(env[DB_ENV_VAR], policy,
                                                          stopping),
                         name="thin-history", daemon=True).start()
    threading.Thread(target=_recover_periodically, args=(env[DB_ENV_VAR], stopping),
                     name="recover-kept-changes", daemon=True).start()
    # A service manager or `kill` stops us with SIGTERM: it is passed on, and Voila stops
    # its kernels on it. (Not SIGINT: a server started in the background by a script
    # ignores SIGINT, as every command a non-interactive shell runs with & does.)
    previous = signal.signal(signal.SIGTERM,
                             lambda _signum, _frame: process.send_signal(signal.SIGTERM))
    try:
        return process.wait()
    except KeyboardInterrupt:
        return _stop(process)
    finally:
        stopping.set()
        signal.signal(signal.SIGTERM, previous)


def _facilitator_token(args: argparse.Namespace, token: str | None) -> tuple[str, bool]:
    """The facilitator's token (``--facilitator-token``, its environment variable, or a new
    one) and whether serve generated it."""
    chosen = getattr(args, "facilitator_token", None)  # absent from a hub's options
    if chosen is None:
        chosen = os.environ.get(FACILITATOR_TOKEN_ENV_VAR)
    if chosen is None:
        return new_facilitator_token(), True
    if not chosen.strip():
        raise ServeError(_("--facilitator-token cannot be empty."))
    if token is not None and chosen == token:
        raise ServeError(_("--facilitator-token must differ from the participants' token: "
                           "with it, every participant could open the facilitator's view."))
    return chosen, False


def _print_facilitator_link(root: str, token: str | None, generated_key: str | None,
                            args: argparse.Namespace) -> None:
    """Where the facilitator's view is; its key only when serve generated it."""
    view = f"{root}voila/render/{FACILITATOR_NOTEBOOK}"
    if generated_key is not None:
        query = (f"?token={token}&key={generated_key}" if token else f"?key={generated_key}")
        print(_("Facilitator's view (keep this link to yourself): {url}").format(
            url=view + query), flush=True)
        return
    where = (_("given with --facilitator-token")
             if getattr(args, "facilitator_token", None) is not None
             else _("set in {var}").format(var=FACILITATOR_TOKEN_ENV_VAR))
    print(_("Facilitator's view: {url}?key= followed by the facilitator's key {where}.").format(
        url=view, where=where), flush=True)


def _check_tls_files(args: argparse.Namespace) -> None:
    """ServeError unless --certfile and --keyfile are both given, with --public, and usable."""
    certfile, keyfile = args.certfile, args.keyfile
    if certfile is None and keyfile is None:
        return
    if certfile is None or keyfile is None:
        raise ServeError(_("Give --certfile and --keyfile together (the certificate and "
                           "its key)."))
    if not args.public:
        raise ServeError(_("--certfile and --keyfile are for --public: a local server is "
                           "reached from this machine only."))
    for path in (certfile, keyfile):
        if not Path(path).is_file():
            raise ServeError(_("{path}: no such file.").format(path=path))
    try:
        tls_context(str(certfile), str(keyfile))
    except (OSError, ValueError) as error:
        raise ServeError(_("{certfile} and {keyfile} cannot serve HTTPS: they must be a "
                           "PEM certificate and its key ({error}).").format(
            certfile=certfile, keyfile=keyfile, error=error)) from None


def _thin_periodically(url: str, policy: ThinningPolicy, stop: threading.Event) -> None:
    """Thin the workspace's history every THIN_EVERY_MINUTES while the workshop runs."""
    while not stop.wait(THIN_EVERY_MINUTES * 60):
        try:
            dropped = Workspace(url).thin(policy)
        except Exception as exc:  # a busy or unreachable database: try again next time
            print(_("Thinning the history failed, will try again: {error}").format(
                error=exc), file=sys.stderr, flush=True)
        else:
            if dropped:
                print(ngettext("{n} old revision dropped.", "{n} old revisions dropped.",
                               dropped).format(n=dropped), flush=True)


def recover_kept_changes(url: str) -> None:
    """Store the changes kernels kept for recovery (socialplaybook.workspace.recovery) and
    log each with its team and section; a workspace that cannot be opened is tried later."""
    try:
        outcomes = recover(Workspace(url))
    except Exception as exc:  # noqa: BLE001 - an unreachable database: next time
        print(_("Looking for changes kept for recovery failed, will try again: {error}")
              .format(error=exc), file=sys.stderr, flush=True)
        return
    for outcome in outcomes:
        print(outcome.describe(), file=sys.stderr if outcome.kind != "stored" else sys.stdout,
              flush=True)


def _recover_periodically(url: str, stop: threading.Event) -> None:
    """Store kept changes every RECOVER_EVERY_SECONDS while the workshop runs (a kernel
    culled while the workspace was locked kept one)."""
    while not stop.wait(RECOVER_EVERY_SECONDS):
        recover_kept_changes(url)


def _size_for_room(args: argparse.Namespace, notebooks: Path) -> int:
    """The pool size ``--room`` chooses for this machine, after saying what it costs."""
    if args.pool_size is not None:
        raise ServeError(_("Give --room or --pool-size, not both."))
    apps = sorted(path.name for path in notebooks.glob("*.ipynb")
                  if path.name != FACILITATOR_NOTEBOOK)  # not preheated (voila_command)
    try:
        room = plan_room(args.room, apps, available_memory_mb(), usable_cores())
    except ValueError as exc:  # RoomTooBig included: it says what would fit
        raise ServeError(str(exc)) from None
    print(room.describe(), flush=True)
    return max(room.pools.values())


def _stop(process: subprocess.Popen) -> int:
    """Stop Voila and its kernels after Ctrl-C, without a second interrupt if it has one."""
    # Ctrl-C in a terminal reaches the whole process group, Voila included, and Voila shuts
    # its kernels down on it; a second signal would cut that short. Only when Voila did
    # not get the first (the interrupt was sent to this process alone) is it asked to stop.
    try:
        process.wait(timeout=10)
        return 0
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    return 0
