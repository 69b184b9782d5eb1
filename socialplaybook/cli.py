"""The ``social-playbook`` command: serve the workshop and manage the team workspace.

Every command honours ``SOCIAL_PLAYBOOK_DB``. Bad input ends with exit status 2 and one
line on stderr saying what is wrong; the workspace is left as it was.
"""

from __future__ import annotations

import argparse
import math
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
from datetime import timedelta
from pathlib import Path

from pydantic import ValidationError

from socialplaybook.data import notebooks_dir
from socialplaybook.i18n import _
from socialplaybook.plan import PlanError, describe_validation_error, plan_from_json
from socialplaybook.report import plan_to_json, plan_to_markdown
from socialplaybook.room import available_memory_mb, plan_room, usable_cores
from socialplaybook.store import DB_ENV_VAR, Workspace, WorkspaceError, default_database_url
from socialplaybook.thinning import DEFAULT_KEEP_ALL_FOR, DEFAULT_ONE_PER, ThinningPolicy

MAX_IMPORT_BYTES = 5 * 1024 * 1024
EXIT_BAD_INPUT = 2
# ``serve`` hands the token to Voila in this environment variable, never on its command line
# (which ``ps`` shows to everyone); socialplaybook.voila_server reads and removes it.
TOKEN_ENV_VAR = "JUPYTER_TOKEN"
# A token chosen by the facilitator can come from here instead of --token (which ps shows).
CHOSEN_TOKEN_ENV_VAR = "SOCIAL_PLAYBOOK_TOKEN"
THIN_EVERY_MINUTES = 10


class CommandError(Exception):
    """Ends the command with exit status 2 and this one-line message."""


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``social-playbook``; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args) or 0
    except ValidationError as exc:
        print(f"social-playbook: {describe_validation_error(exc)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except (CommandError, WorkspaceError, PlanError, ValueError) as exc:
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        print(f"social-playbook: {message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as exc:
        # e.g. ``export -o`` into a folder that does not exist, or a file that cannot be read
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"social-playbook: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="social-playbook",
        description=_("Run the social media playbook workshop and manage its teams."),
    )
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    serve = commands.add_parser("serve", help=_("start the workshop apps (Voila)"))
    serve.add_argument("--port", type=int, default=8866)
    serve.add_argument("--public", action="store_true",
                       help=_("listen on all interfaces (requires a token)"))
    serve.add_argument("--token", help=_("access token; generated when --public has none. "
                                         "Other users see it in ps: prefer the environment "
                                         "variable {var}").format(var=CHOSEN_TOKEN_ENV_VAR))
    serve.add_argument("--pool-size", type=int, default=None,
                       help=_("preheated kernels kept ready per notebook (default 1)"))
    serve.add_argument("--room", type=int, default=None, metavar="N",
                       help=_("keep kernels ready for a room of N participants, as much as "
                              "this machine's memory allows (instead of --pool-size)"))
    serve.add_argument("--cull-idle-minutes", type=float, default=10,
                       help=_("shut down kernels with no open page after this long (default 10)"))
    _history_arguments(serve)
    serve.add_argument("--keep-all-revisions", action="store_true",
                       help=_("never thin the history (the database grows with every save)"))
    # default: the notebooks installed with the package (socialplaybook.notebooks)
    serve.add_argument("--notebooks", type=Path, default=None, help=argparse.SUPPRESS)
    serve.set_defaults(run=_serve)

    new = commands.add_parser("new", help=_("create a team"))
    new.add_argument("team")
    new.add_argument("--currency", default="EUR", help=_("ISO 4217 code (default EUR)"))
    new.set_defaults(run=_new)

    teams = commands.add_parser("teams", help=_("list teams: name, last saved, revisions"))
    teams.set_defaults(run=_teams)

    export = commands.add_parser("export", help=_("write a team's plan to a file"))
    export.add_argument("team")
    export.add_argument("--format", choices=["json", "md"], default="json")
    export.add_argument("-o", "--output", default="-", help=_("file to write; - for stdout"))
    export.set_defaults(run=_export)

    imp = commands.add_parser("import", help=_("import a plan exported as JSON"))
    imp.add_argument("file", type=Path)
    imp.add_argument("--team", help=_("store it under this team name"))
    imp.set_defaults(run=_import)

    revisions = commands.add_parser("revisions", help=_("list a team's saved revisions"))
    revisions.add_argument("team")
    revisions.set_defaults(run=_revisions)

    restore = commands.add_parser("restore", help=_("make an old revision the latest again"))
    restore.add_argument("team")
    restore.add_argument("revision", type=int)
    restore.set_defaults(run=_restore)

    thin = commands.add_parser(
        "thin", help=_("drop old autosaves nobody restored or exported (serve does this "
                       "every {minutes} minutes)").format(minutes=THIN_EVERY_MINUTES))
    _history_arguments(thin)
    thin.set_defaults(run=_thin)
    return parser


def _history_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--keep-every-save-minutes", type=float,
                        default=DEFAULT_KEEP_ALL_FOR.total_seconds() / 60, metavar="M",
                        help=_("keep every revision of the last M minutes (default 60)"))
    parser.add_argument("--then-one-per-minutes", type=float,
                        default=DEFAULT_ONE_PER.total_seconds() / 60, metavar="M",
                        help=_("older ones: one per M minutes and one per section change "
                               "(default 1)"))


def thinning_policy(args: argparse.Namespace) -> ThinningPolicy:
    """The history policy the command line asks for; CommandError when it makes no sense."""
    keep, one_per = args.keep_every_save_minutes, args.then_one_per_minutes
    if not (math.isfinite(keep) and math.isfinite(one_per)) or keep < 0 or one_per <= 0:
        raise CommandError(_("--keep-every-save-minutes must be 0 or more and "
                             "--then-one-per-minutes above 0."))
    return ThinningPolicy(keep_all_for=timedelta(minutes=keep),
                          one_per=timedelta(minutes=one_per))


def _new(args: argparse.Namespace) -> None:
    plan = Workspace().create_team(args.team, currency=args.currency)
    print(_("Created team '{team}'.").format(team=plan.team))


def _teams(args: argparse.Namespace) -> None:
    for team in Workspace().teams():
        last = team.last_saved.strftime("%Y-%m-%d %H:%M UTC") if team.last_saved else "-"
        print(f"{team.name}\t{last}\t{team.revisions}")


def _export(args: argparse.Namespace) -> None:
    workspace = Workspace()
    plan, revision = workspace.load_with_revision(args.team)
    try:  # the export does not depend on it: a busy or read-only workspace still exports
        workspace.protect(args.team, revision.number, "exported")
    except WorkspaceError as exc:
        print(_("social-playbook: note: revision {n} is exported but could not be kept "
                "from thinning ({error}).").format(n=revision.number, error=exc),
              file=sys.stderr)
    text = plan_to_json(plan) if args.format == "json" else plan_to_markdown(plan)
    if args.output == "-":
        sys.stdout.write(text)
    else:
        Path(args.output).write_text(text, encoding="utf-8", newline="\n")


def read_plan_file(path: Path):
    """Read and validate a plan file; CommandError/PlanError say what is wrong with it."""
    if not path.is_file():
        raise CommandError(_("{path}: no such file.").format(path=path))
    size = path.stat().st_size
    if size > MAX_IMPORT_BYTES:
        raise CommandError(
            _("{path} is {mb:.1f} MB; a plan file is at most {limit} MB.").format(
                path=path, mb=size / 1e6, limit=MAX_IMPORT_BYTES // (1024 * 1024)))
    try:
        return plan_from_json(path.read_bytes())
    except PlanError as exc:
        raise CommandError(f"{path}: {exc}") from None


def _import(args: argparse.Namespace) -> None:
    plan = read_plan_file(args.file)
    workspace = Workspace()
    revision = workspace.import_plan(plan, team=args.team)
    name = args.team if args.team else plan.team
    print(_("Imported into team '{team}' as revision {n}.").format(
        team=" ".join(name.split()), n=revision.number))


def _revisions(args: argparse.Namespace) -> None:
    for revision in Workspace().revisions(args.team):
        saved = revision.saved_at.strftime("%Y-%m-%d %H:%M:%S UTC")
        print(f"{revision.number}\t{saved}\t{revision.section}")


def _restore(args: argparse.Namespace) -> None:
    revision = Workspace().restore(args.team, args.revision)
    print(_("Revision {old} restored as revision {new}.").format(
        old=args.revision, new=revision.number))


DEFAULT_POOL_SIZE = 1
IOPUB_TIMEOUT_SECONDS = 60
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
        # read from the environment: socialplaybook/voila_server.py
        sys.executable, "-m", "socialplaybook.voila_server", str(notebooks),
        f"--port={args.port}",
        "--no-browser",
        f"--Voila.ip={'0.0.0.0' if args.public else '127.0.0.1'}",
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
        # Charts load plotly.js themselves, only where one is drawn (widgets/charts.py);
        # syntax colours are for code, which no app shows.
        f"--VoilaConfiguration.extension_denylist={UNUSED_PAGE_EXTENSIONS!r}",
    ]
    pool_size = DEFAULT_POOL_SIZE if args.pool_size is None else args.pool_size
    if pool_size > 0:
        command += ["--preheat_kernel=True", f"--pool_size={pool_size}"]
    return command


def voila_environment(token: str | None) -> dict[str, str]:
    """The environment Voila runs in: the workspace it and its kernels use, and the token."""
    env = dict(os.environ)
    env[DB_ENV_VAR] = default_database_url()
    env.pop(TOKEN_ENV_VAR, None)  # one left in the shell is not used: --token/--public decide
    env.pop(CHOSEN_TOKEN_ENV_VAR, None)  # read by serve; the kernels need not know it
    if token:
        env[TOKEN_ENV_VAR] = token
    return env


def _thin(args: argparse.Namespace) -> None:
    dropped = Workspace().thin(thinning_policy(args))
    print(_("{n} old revisions dropped.").format(n=dropped))


def _serve(args: argparse.Namespace) -> int:
    notebooks = args.notebooks if args.notebooks is not None else notebooks_dir()
    if not notebooks.is_dir():
        raise CommandError(_("{path}: no notebooks folder.").format(path=notebooks))
    if not 1 <= args.port <= 65535:
        raise CommandError(_("--port must be from 1 to 65535."))
    if (args.pool_size is not None and args.pool_size < 0) or args.cull_idle_minutes <= 0:
        raise CommandError(_("--pool-size must be 0 or more and --cull-idle-minutes above 0."))
    policy = None if args.keep_all_revisions else thinning_policy(args)
    if args.room is not None:
        args.pool_size = _size_for_room(args, notebooks)
    token = args.token if args.token is not None else os.environ.get(CHOSEN_TOKEN_ENV_VAR)
    if token is not None and not token.strip():
        raise CommandError(_("--token cannot be empty."))
    if args.public and not token:
        token = secrets.token_urlsafe(24)
    env = voila_environment(token)
    host = socket.gethostname() if args.public else "127.0.0.1"
    url = f"http://{host}:{args.port}/" + (f"?token={token}" if token else "")
    print(_("Workshop at {url}  (workspace: {db}; Ctrl-C stops it)").format(
        url=url, db=env[DB_ENV_VAR]), flush=True)
    process = subprocess.Popen(voila_command(args), env=env)
    stop_thinning = threading.Event()
    if policy is not None:
        threading.Thread(target=_thin_periodically, args=(env[DB_ENV_VAR], policy,
                                                          stop_thinning),
                         name="thin-history", daemon=True).start()
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
        stop_thinning.set()
        signal.signal(signal.SIGTERM, previous)


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
                print(_("{n} old revisions dropped.").format(n=dropped), flush=True)


def _size_for_room(args: argparse.Namespace, notebooks: Path) -> int:
    """The pool size ``--room`` chooses for this machine, after saying what it costs."""
    if args.pool_size is not None:
        raise CommandError(_("Give --room or --pool-size, not both."))
    apps = sorted(path.name for path in notebooks.glob("*.ipynb"))
    try:
        room = plan_room(args.room, apps, available_memory_mb(), usable_cores())
    except ValueError as exc:  # RoomTooBig included: it says what would fit
        raise CommandError(str(exc)) from None
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


if __name__ == "__main__":
    sys.exit(main())
