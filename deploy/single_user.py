"""A participant's server on JupyterHub: the workshop's apps and nothing else.

JupyterHub starts this instead of ``jupyterhub-singleuser`` (``Spawner.cmd`` in
``tljh/social-playbook.py`` and ``singleuser.cmd`` in ``z2jh/config.yaml``). It checks the
workspace it was given, then replaces itself with jupyter-server-proxy's standalone proxy
(``jupyter standaloneproxy``, the documented way to serve Voila from JupyterHub instead of a
Jupyter server), which lets in only this participant (and the hub's admins) through
JupyterHub's OAuth and runs Voila as ``social-playbook serve`` runs it:

- no Jupyter server behind it: no JupyterLab, no notebook editor, no terminals, no contents
  API, no kernel the participant can start (Voila's routes only: its pages, its static
  files, a read-only list of the workshop's notebooks);
- Voila's kernels run the workshop's notebooks and take widget messages only: Voila drops
  every execute request from the page (``allowed_message_types``);
- the kernels do not inherit the server's JupyterHub token;
- it refuses to start on a workspace that is not PostgreSQL (a hub's participants share one)
  or whose database user may update, delete or truncate the history: a participant's server
  must hold the apps' role's URL (``postgres-roles.sql``), never the owner's.

Run by the user environment's Python, where social-playbook and
``jupyter-server-proxy[standalone]`` are installed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

DB_ENV_VAR = "SOCIAL_PLAYBOOK_DB"
CULL_IDLE_MINUTES = 10  # kernels of closed pages, as `serve` culls them
READY_TIMEOUT_SECONDS = 60  # Voila starting beside its kernel template, on a busy machine
# The server's own JupyterHub credentials: the proxy needs them, the kernels do not.
HUB_SECRETS = ("JUPYTERHUB_API_TOKEN", "JPY_API_TOKEN")
# What the apps' role must not be able to do to these tables.
DESTRUCTIVE = ("UPDATE", "DELETE", "TRUNCATE")
GUARDED_TABLES = ("teams", "revisions", "protected_revisions", "room_notices")


class RefusedWorkspace(Exception):
    """The workspace this server was given is not one a participant's server may hold."""


def voila_arguments() -> list[str]:
    """Voila's command line as ``serve`` builds it, for the standalone proxy to run.

    The proxy fills ``{port}`` and ``{base_url}`` (JupyterHub's prefix for this server) in
    every argument, so any other brace is doubled. No preheated kernels: one participant's
    server needs none, and each would cost about 90 MB per app.
    """
    from socialplaybook.serve.launch import voila_command

    options = argparse.Namespace(port=0, public=False, cull_idle_minutes=CULL_IDLE_MINUTES,
                                 notebooks=None, pool_size=0)
    arguments = []
    for argument in voila_command(options):
        if argument.startswith("--port="):
            arguments.append("--port={port}")
        elif argument == "--WorkshopVoila.public=False":
            # Reached through the hub's proxy under the hub's own name: no loopback Host
            # check (it still listens on 127.0.0.1 only); same-origin checks stay.
            arguments.append("--WorkshopVoila.public=True")
        else:
            arguments.append(argument.replace("{", "{{").replace("}", "}}"))
    return [*arguments, "--Voila.base_url={base_url}/"]


def server_command() -> list[str]:
    """The command this process becomes: the standalone proxy in front of Voila."""
    bin_dir = str(Path(sys.executable).parent)
    search = os.pathsep.join([bin_dir, os.environ.get("PATH", "")])
    proxy = shutil.which("jupyter-standaloneproxy", path=search)
    env = shutil.which("env", path=search)
    if proxy is None or env is None:
        raise RefusedWorkspace(
            "jupyter-standaloneproxy is not installed beside this Python: "
            "pip install 'jupyter-server-proxy[standalone]' (deploy/README.md).")
    strip = [part for name in HUB_SECRETS for part in ("-u", name)]
    return [proxy, "--absolute-url", f"--timeout={READY_TIMEOUT_SECONDS}",
            "--", env, *strip, *voila_arguments()]


def check_workspace(url: str | None) -> None:
    """Refuse a workspace a participant's server must not hold (see the module's doc)."""
    if not url:
        raise RefusedWorkspace(f"{DB_ENV_VAR} is not set: give the hub the apps' role's URL "
                               "of the shared PostgreSQL workspace (deploy/README.md).")
    if not url.startswith("postgresql"):
        raise RefusedWorkspace(f"{DB_ENV_VAR} is not a PostgreSQL URL: on a hub every "
                               "participant's server must use the one shared workspace.")
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import SQLAlchemyError

    try:
        engine = create_engine(url, connect_args={"connect_timeout": 5})
    except ImportError as exc:
        raise RefusedWorkspace(f"The PostgreSQL driver is missing ({exc}): "
                               "pip install 'psycopg[binary]'.") from None
    try:
        with engine.connect() as conn:
            if conn.execute(text("SELECT rolsuper FROM pg_roles "
                                 "WHERE rolname = current_user")).scalar():
                raise RefusedWorkspace(
                    f"{DB_ENV_VAR} names a superuser: give the apps' role's URL "
                    "(deploy/postgres-roles.sql).")
            for table in GUARDED_TABLES:
                if conn.execute(text("SELECT to_regclass(:name)"),
                                {"name": f"public.{table}"}).scalar() is None:
                    continue  # not made yet: the apps will say the workspace needs the owner
                for privilege in DESTRUCTIVE:
                    if conn.execute(text("SELECT has_table_privilege(:table, :privilege)"),
                                    {"table": f"public.{table}",
                                     "privilege": privilege}).scalar():
                        raise RefusedWorkspace(
                            f"The database user in {DB_ENV_VAR} may {privilege} {table}: a "
                            "participant's server must hold the apps' role's URL "
                            "(deploy/postgres-roles.sql), never the owner's.")
    except SQLAlchemyError as exc:
        # A database down now may be up when a page opens; the apps say so and retry.
        print(f"single_user: the workspace cannot be checked now ({type(exc).__name__}); "
              "starting anyway.", file=sys.stderr, flush=True)
    finally:
        engine.dispose()


def main() -> int:
    try:
        check_workspace(os.environ.get(DB_ENV_VAR, "").strip())
        command = server_command()
    except RefusedWorkspace as refused:
        print(f"single_user: {refused}", file=sys.stderr, flush=True)
        return 1
    os.execv(command[0], command)
    return 0  # not reached: execv replaced this process


if __name__ == "__main__":
    sys.exit(main())
