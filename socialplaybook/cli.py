"""The ``social-playbook`` command: serve the workshop and manage the team workspace.

Every command honours ``SOCIAL_PLAYBOOK_DB``. Bad input ends with exit status 2 and one
line on stderr saying what is wrong; the workspace is left as it was. ``lock``, ``unlock``,
``delete``, ``restore`` and ``thin`` are the facilitator's: on PostgreSQL they run with the
database owner's URL (the apps' role may only read and append).
"""

from __future__ import annotations

import argparse
import math
import sys
from datetime import timedelta
from pathlib import Path

from pydantic import ValidationError

from socialplaybook.plan.export import EXPORT_FORMATS, PAPERS, export_format, export_plan
from socialplaybook.plan.files import read_plan_file
from socialplaybook.plan.model import PlanError, team_name_key
from socialplaybook.rules.i18n import LANGUAGES, _, ngettext, parse_language
from socialplaybook.rules.messages import describe_validation_error
from socialplaybook.serve.launch import CHOSEN_TOKEN_ENV_VAR, THIN_EVERY_MINUTES, serve
from socialplaybook.serve.roles import FACILITATOR_TOKEN_ENV_VAR
from socialplaybook.workspace.errors import WorkspaceError
from socialplaybook.workspace.recovery import RECOVER_EVERY_SECONDS, recover
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
    serving.add_argument("--facilitator-token", default=None, metavar="T",
                         help=_("the key of the facilitator's view (?key=T); generated and "
                                "printed when not given. Other users see it in ps: prefer "
                                "the environment variable {var}").format(
                                    var=FACILITATOR_TOKEN_ENV_VAR))
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
    new.add_argument("--language", type=_language, default="en",
                     help=_("the team's language: {languages} (default en)").format(
                         languages=", ".join(LANGUAGES)))
    new.set_defaults(run=_new)

    teams = commands.add_parser("teams", help=_("list teams: name, last saved, revisions "
                                                "(and 'locked' for a locked history)"))
    teams.set_defaults(run=_teams)

    export = commands.add_parser("export", help=_("write a team's plan to a file, or every "
                                                  "team's playbook to one zip with --all"))
    export.add_argument("team", nargs="?")
    export.add_argument("--all", action="store_true", dest="all_teams",
                        help=_("every team's playbook in a zip, as the facilitator's view "
                               "downloads it (needs -o FILE)"))
    export.add_argument("--format", choices=EXPORT_FORMATS, default="json",
                        help=_("json (imports back), md, html (opens offline, prints), "
                               "pdf, xlsx (default json)"))
    export.add_argument("--paper", choices=PAPERS, default="a4",
                        help=_("the PDF's paper size (default a4)"))
    export.add_argument("-o", "--output", default="-", help=_("file to write; - for stdout"))
    export.add_argument("--language", type=_language, default=None,
                        help=_("write it in this language ({languages}; default: the "
                               "team's)").format(languages=", ".join(LANGUAGES)))
    export.set_defaults(run=_export)

    imp = commands.add_parser("import", help=_("import a plan exported as JSON"))
    imp.add_argument("file", type=Path)
    imp.add_argument("--team", help=_("store it under this team name"))
    imp.set_defaults(run=_import)

    revisions = commands.add_parser("revisions", help=_("list a team's saved revisions"))
    revisions.add_argument("team")
    revisions.set_defaults(run=_revisions)

    lock = commands.add_parser("lock", help=_("lock a team's history: no thinning, nothing "
                                              "restored over it, no delete (saves go on)"))
    lock.add_argument("team")
    lock.set_defaults(run=_lock)

    unlock = commands.add_parser("unlock", help=_("unlock a team's history"))
    unlock.add_argument("team")
    unlock.set_defaults(run=_unlock)

    delete = commands.add_parser("delete", help=_("delete a team and all its revisions"))
    delete.add_argument("team")
    delete.add_argument("--yes", action="store_true",
                        help=_("delete without asking (needed when not run in a terminal)"))
    delete.set_defaults(run=_delete)

    recovering = commands.add_parser(
        "recover", help=_("store the changes kernels kept when they could not store them "
                          "(serve does this when it starts and every {seconds} s)").format(
                              seconds=RECOVER_EVERY_SECONDS))
    recovering.set_defaults(run=_recover)

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


def _language(text: str) -> str:
    """A ``--language`` value: one of the five languages, however the tag is written."""
    code = parse_language(text)
    if code is None:
        raise argparse.ArgumentTypeError(_("'{tag}' is not one of the languages {languages}."
                                           ).format(tag=text, languages=", ".join(LANGUAGES)))
    return code


def _new(args: argparse.Namespace) -> None:
    plan = Workspace().create_team(args.team, currency=args.currency, language=args.language)
    print(_("Created team '{team}'.").format(team=plan.team))


def _teams(args: argparse.Namespace) -> None:
    for team in Workspace().teams():
        last = team.last_saved.strftime("%Y-%m-%d %H:%M UTC") if team.last_saved else "-"
        locked = "\t" + _("locked") if team.locked else ""
        print(f"{team.name}\t{last}\t{team.revisions}{locked}")


def _export(args: argparse.Namespace) -> None:
    if args.all_teams:
        _export_all(args)
        return
    if not args.team:
        raise CommandError(_("Name the team to export, or give --all for every team."))
    workspace = Workspace()
    plan, revision = workspace.load_with_revision(args.team)
    try:  # the export does not depend on it: a busy or read-only workspace still exports
        workspace.protect(args.team, revision.number, "exported")
    except WorkspaceError as exc:
        print(_("social-playbook: note: revision {n} is exported but could not be kept "
                "from thinning ({error}).").format(n=revision.number, error=exc),
              file=sys.stderr)
    if args.output == "-" and export_format(args.format).binary and sys.stdout.isatty():
        raise CommandError(_("A {format} file is not text: write it to a file with -o FILE."
                             ).format(format=args.format.upper()))
    content = export_plan(plan, args.format, args.paper, language=args.language)
    if args.output == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
    else:
        Path(args.output).write_bytes(content)


def _export_all(args: argparse.Namespace) -> None:
    """Every team's playbook in one zip, the same file the facilitator's view downloads."""
    if args.team:
        raise CommandError(_("Give a team or --all, not both."))
    if args.output == "-":
        raise CommandError(_("A zip file is not text: write it to a file with -o FILE."))
    content, revisions = Workspace().export_playbooks()
    Path(args.output).write_bytes(content)
    print(_("{count} teams' playbooks written to {file}.").format(
        count=len(revisions), file=args.output), file=sys.stderr)


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


def _lock(args: argparse.Namespace) -> None:
    workspace = Workspace()
    changed = workspace.lock(args.team)
    name = workspace.stored_name(args.team)
    print((_("Locked the history of team '{team}': it is kept whole; saves go on.")
           if changed else _("The history of team '{team}' was already locked.")).format(
               team=name))


def _unlock(args: argparse.Namespace) -> None:
    workspace = Workspace()
    changed = workspace.unlock(args.team)
    name = workspace.stored_name(args.team)
    print((_("Unlocked the history of team '{team}'.") if changed
           else _("The history of team '{team}' was not locked.")).format(team=name))


def _delete(args: argparse.Namespace) -> None:
    workspace = Workspace()
    name = workspace.stored_name(args.team)
    count = len(workspace.revisions(name))
    if not args.yes:
        if not sys.stdin.isatty():
            raise CommandError(_("Deleting team '{team}' removes its {n} revisions for good: "
                                 "add --yes to do it.").format(team=name, n=count))
        try:
            answer = input(_("Delete team '{team}' and its {n} revisions for good? Type the "
                             "team's name to confirm: ").format(team=name, n=count))
        except EOFError:
            answer = ""
        if not _same_team(answer, name):
            raise CommandError(_("Nothing was deleted."))
    deleted = workspace.delete_team(name)
    print(_("Deleted team '{team}' and its {n} revisions.").format(team=name, n=deleted))


def _same_team(typed: str, name: str) -> bool:
    try:
        return team_name_key(typed) == team_name_key(name)
    except ValueError:
        return False


def _recover(args: argparse.Namespace) -> int:
    outcomes = recover(Workspace())
    for outcome in outcomes:
        print(outcome.describe())
    if not outcomes:
        print(_("No kept changes to recover."))
    return EXIT_BAD_INPUT if any(o.kind in ("later", "refused", "unreadable")
                                 for o in outcomes) else 0


def _serve(args: argparse.Namespace) -> int:
    policy = None if args.keep_all_revisions else thinning_policy(args)
    return serve(args, policy)


def _thin(args: argparse.Namespace) -> None:
    dropped = Workspace().thin(thinning_policy(args))
    print(ngettext("{n} old revision dropped.", "{n} old revisions dropped.", dropped).format(
        n=dropped))


if __name__ == "__main__":
    sys.exit(main())
