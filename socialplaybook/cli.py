"""The ``social-playbook`` command: serve the workshop and manage the team workspace.

Every command honours ``SOCIAL_PLAYBOOK_DB``. Bad input ends with exit status 2 and one
line on stderr saying what is wrong; the workspace is left as it was.
"""

from __future__ import annotations

import argparse
import math
import sys
from datetime import timedelta
from pathlib import Path

from pydantic import ValidationError

from socialplaybook.plan.export import plan_to_markdown
from socialplaybook.plan.files import plan_to_json, read_plan_file
from socialplaybook.plan.model import PlanError
from socialplaybook.rules.i18n import _, ngettext
from socialplaybook.rules.messages import describe_validation_error
from socialplaybook.serve.launch import CHOSEN_TOKEN_ENV_VAR, THIN_EVERY_MINUTES, serve
from socialplaybook.workspace.errors import WorkspaceError
from socialplaybook.workspace.store import Workspace
from socialplaybook.workspace.thinning import DEFAULT_KEEP_ALL_FOR, DEFAULT_ONE_PER, ThinningPolicy

EXIT_BAD_INPUT = 2


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

    serving = commands.add_parser("serve", help=_("start the workshop apps (Voila)"))
    serving.add_argument("--port", type=int, default=8866)
    serving.add_argument("--public", action="store_true",
                       help=_("listen on all interfaces (requires a token)"))
    serving.add_argument("--token", help=_("access token; generated when --public has none. "
                                         "Other users see it in ps: prefer the environment "
                                         "variable {var}").format(var=CHOSEN_TOKEN_ENV_VAR))
    serving.add_argument("--certfile", type=Path, default=None, metavar="PEM",
                         help=_("with --public: serve HTTPS with this certificate (PEM; "
                                "with --keyfile)"))
    serving.add_argument("--keyfile", type=Path, default=None, metavar="PEM",
                         help=_("the certificate's private key (PEM, no passphrase)"))
    serving.add_argument("--pool-size", type=int, default=None,
                       help=_("preheated kernels kept ready per notebook (default 1)"))
    serving.add_argument("--room", type=int, default=None, metavar="N",
                       help=_("keep kernels ready for a room of N participants, as much as "
                              "this machine's memory allows (instead of --pool-size)"))
    serving.add_argument("--cull-idle-minutes", type=float, default=10,
                       help=_("shut down kernels with no open page after this long (default 10)"))
    _history_arguments(serving)
    serving.add_argument("--keep-all-revisions", action="store_true",
                       help=_("never thin the history (the database grows with every save)"))
    # default: the notebooks installed with the package (socialplaybook._notebooks)
    serving.add_argument("--notebooks", type=Path, default=None, help=argparse.SUPPRESS)
    serving.set_defaults(run=_serve)

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
                        help=_("older ones: the first and the last of every M minutes, "
                               "the last before each change of section and the two around "
                               "each deletion of an item (default 1)"))


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


def _serve(args: argparse.Namespace) -> int:
    policy = None if args.keep_all_revisions else thinning_policy(args)
    return serve(args, policy)


def _thin(args: argparse.Namespace) -> None:
    dropped = Workspace().thin(thinning_policy(args))
    print(ngettext("{n} old revision dropped.", "{n} old revisions dropped.", dropped).format(
        n=dropped))


if __name__ == "__main__":
    sys.exit(main())
