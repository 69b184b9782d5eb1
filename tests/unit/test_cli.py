"""The ``social-playbook`` command, run in-process (and once as the installed entry point)."""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import subprocess
import sys
import threading
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from socialplaybook import cli
from socialplaybook.cli import EXIT_BAD_INPUT, main
from socialplaybook.datasets import notebooks_dir
from socialplaybook.plan.schema import SCHEMA_VERSION
from socialplaybook.serve import launch
from socialplaybook.serve.launch import (
    TOKEN_ENV_VAR,
    cell_error_instruction,
    voila_command,
    voila_environment,
)
from socialplaybook.serve.roles import (
    FACILITATOR_KEY_HASH_ENV_VAR,
    FACILITATOR_TOKEN_ENV_VAR,
    key_matches,
)
from socialplaybook.steps.audit.section import AuditSection
from socialplaybook.workspace.database import DB_ENV_VAR, default_database_url
from socialplaybook.workspace.store import Workspace

ENTRY_POINT = Path(sys.executable).with_name("social-playbook")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return code, out, err


def assert_bad_input(code: int, out: str, err: str) -> str:
    """Exit 2, nothing on stdout, exactly one line on stderr, no traceback; returns the line."""
    assert code == EXIT_BAD_INPUT
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("social-playbook: ")
    assert len(lines[0]) > len("social-playbook: ")
    assert "Traceback" not in err
    return lines[0]


def rate(ws: Workspace, team: str, answers: dict[str, int]) -> None:
    plan = ws.load(team).touched()
    ws.save(plan.model_copy(update={"audit": AuditSection(answers=answers)}), "audit")


@pytest.fixture
def team_with_history(workspace, capsys):
    """A workspace holding team 'Keep' with 3 revisions and team 'Other' with 1."""
    assert run(capsys, "new", "Keep", "--currency", "NOK")[0] == 0
    rate(workspace, "Keep", {"no-plan": 3, "vanity-kpis": 1})
    rate(workspace, "Keep", {"no-plan": 4})
    assert run(capsys, "new", "Other")[0] == 0
    return workspace


# -- new / teams / revisions / restore ------------------------------------------------------


def test_new(workspace, capsys):
    code, out, err = run(capsys, "new", "  Sales   Nord ", "--currency", "nok")
    assert (code, err) == (0, "")
    assert out == "Created team 'Sales Nord'.\n"
    assert workspace.load("sales nord").currency == "NOK"


def test_teams_lines(team_with_history, capsys):
    code, out, err = run(capsys, "teams")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert len(lines) == 2
    pattern = r"^(.+)\t(\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC)\t(\d+)$"
    parsed = [re.match(pattern, line).groups() for line in lines]
    assert [(name, count) for name, _, count in parsed] == [("Keep", "3"), ("Other", "1")]
    last = team_with_history.latest_revision("Keep").saved_at.strftime("%Y-%m-%d %H:%M UTC")
    assert parsed[0][1] == last


def test_teams_empty_workspace(workspace, capsys):
    assert run(capsys, "teams") == (0, "", "")


def test_revisions(team_with_history, capsys):
    code, out, err = run(capsys, "revisions", "keep")
    assert (code, err) == (0, "")
    rows = [line.split("\t") for line in out.splitlines()]
    assert [(number, section) for number, _, section in rows] == [
        ("3", "audit"), ("2", "audit"), ("1", "created")]
    for _, saved, _ in rows:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC", saved)


def test_restore(team_with_history, capsys):
    code, out, err = run(capsys, "restore", "Keep", "2")
    assert (code, err) == (0, "")
    assert out == "Revision 2 restored as revision 4.\n"
    ws = team_with_history
    assert [r.section for r in ws.revisions("Keep")][:1] == ["restore 2"]
    assert ws.load("Keep").audit.answers == {"no-plan": 3, "vanity-kpis": 1}
    assert ws.load_revision("Keep", 3).audit.answers == {"no-plan": 4}


# -- export ---------------------------------------------------------------------------------


def test_export_json_to_stdout(team_with_history, capsys):
    code, out, err = run(capsys, "export", "KEEP")
    assert (code, err) == (0, "")
    assert out == team_with_history.load("Keep").to_json()
    assert json.loads(out)["audit"]["answers"] == {"no-plan": 4}


def test_export_json_to_file(team_with_history, capsys, tmp_path):
    target = tmp_path / "keep.json"
    code, out, err = run(capsys, "export", "Keep", "--format", "json", "-o", target)
    assert (code, out, err) == (0, "", "")
    assert target.read_bytes() == team_with_history.load("Keep").to_json().encode("utf-8")


def test_export_all_writes_the_facilitators_zip(team_with_history, capsys, tmp_path):
    target = tmp_path / "room.zip"
    code, out, err = run(capsys, "export", "--all", "-o", target)
    assert (code, out) == (0, "")
    assert err == f"2 teams' playbooks written to {target}.\n"
    content, _revisions = team_with_history.export_playbooks()
    assert target.read_bytes() == content  # the same file the facilitator's view downloads
    with zipfile.ZipFile(target) as archive:
        folders = {name.split("/")[0] for name in archive.namelist()}
        plan = json.loads(archive.read(next(n for n in archive.namelist()
                                            if n.startswith("Keep/") and n.endswith(".json"))))
    assert folders == {"Keep", "Other"}
    assert plan["audit"]["answers"] == {"no-plan": 4}


@pytest.mark.parametrize("args, message", [
    (("export",), "Name the team to export, or give --all for every team."),
    (("export", "Keep", "--all", "-o", "x.zip"), "Give a team or --all, not both."),
    (("export", "--all"), "A zip file is not text: write it to a file with -o FILE."),
])
def test_export_all_refusals(team_with_history, capsys, args, message):
    code, out, err = run(capsys, *args)
    assert code != 0 and out == ""
    assert message in err and "Traceback" not in err


def test_export_markdown_has_the_audit(team_with_history, capsys, tmp_path):
    target = tmp_path / "keep.md"
    assert run(capsys, "export", "Keep", "--format", "md", "-o", target)[0] == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Social media playbook: Keep\n")
    assert "Currency: NOK" in text
    assert "## Myth audit" in text
    assert "| Planning | 0 | 1 / " in text  # no-plan rated 4 -> planning scores 0
    assert "Start here: Planning" in text
    assert "| Completely |" in text


def test_export_markdown_with_nothing_rated(team_with_history, capsys):
    code, out, _ = run(capsys, "export", "Other", "--format", "md")
    assert code == 0
    assert "## Myth audit" in out
    assert "No statements rated yet." in out


def test_export_import_export_is_byte_identical(team_with_history, capsys, tmp_path, monkeypatch):
    first = tmp_path / "first.json"
    second = tmp_path / "second.json"
    assert run(capsys, "export", "Keep", "-o", first)[0] == 0

    empty_url = f"sqlite:///{tmp_path}/empty.sqlite"
    monkeypatch.setenv(DB_ENV_VAR, empty_url)
    assert Workspace().teams() == []
    code, out, err = run(capsys, "import", first)
    assert (code, err) == (0, "")
    assert out == "Imported into team 'Keep' as revision 1.\n"
    assert run(capsys, "export", "Keep", "-o", second)[0] == 0

    assert second.read_bytes() == first.read_bytes()
    assert [(t.name, t.revisions) for t in Workspace().teams()] == [("Keep", 1)]


def test_import_into_existing_team(team_with_history, capsys, tmp_path):
    exported = tmp_path / "other.json"
    assert run(capsys, "export", "Other", "-o", exported)[0] == 0
    code, out, err = run(capsys, "import", exported)
    assert (code, err) == (0, "")
    assert out == "Imported into team 'Other' as revision 2.\n"
    assert team_with_history.latest_revision("Other").section == "import"


def test_import_with_team_override(team_with_history, capsys, tmp_path):
    exported = tmp_path / "keep.json"
    assert run(capsys, "export", "Keep", "-o", exported)[0] == 0
    code, out, err = run(capsys, "import", exported, "--team", "  Keep   Copy ")
    assert (code, err) == (0, "")
    assert out == "Imported into team 'Keep Copy' as revision 1.\n"
    ws = team_with_history
    assert ws.load("Keep Copy").audit == ws.load("Keep").audit
    assert ws.load("Keep Copy").team == "Keep Copy"


# -- bad input: exit 2, one line, workspace unchanged ----------------------------------------


def _valid_export(ws: Workspace) -> dict:
    return json.loads(ws.load("Keep").to_json())


def _write(content):
    def make(path: Path, ws: Workspace) -> None:
        data = content(ws) if callable(content) else content
        if isinstance(data, str):
            data = data.encode("utf-8")
        path.write_bytes(data)
    return make


def _write_60_mb(path: Path, ws: Workspace) -> None:
    with open(path, "wb") as handle:
        handle.write(b"{" + b" " * 60_000_000)


BAD_IMPORTS = {
    "truncated json": (_write(lambda ws: ws.load("Keep").to_json()[:80]), "not valid JSON"),
    "json that is not a plan": (_write('{"hello": "world"}'), "not a social-playbook plan"),
    "json list": (_write("[1, 2, 3]"), "not a social-playbook plan"),
    "newer schema": (
        _write(lambda ws: json.dumps(_valid_export(ws) | {"schema_version": SCHEMA_VERSION + 1})),
        "newer"),
    "invalid rating": (
        _write(lambda ws: json.dumps(_valid_export(ws) | {"audit": {"answers": {"no-plan": 9}}})),
        "no-plan"),
    "not utf-8": (_write(b'{"team": "Caf\xe9"}'), "UTF-8"),
    "deeply nested": (_write("[" * 200_000), "JSON"),
    "60 MB": (_write_60_mb, "MB"),
    "missing file": (None, "no such file"),
}


@pytest.mark.parametrize("case", list(BAD_IMPORTS), ids=list(BAD_IMPORTS))
def test_import_errors(team_with_history, snapshot, capsys, tmp_path, case):
    make, fragment = BAD_IMPORTS[case]
    path = tmp_path / "plan.json"
    if make is not None:
        make(path, team_with_history)
    before = snapshot(team_with_history)
    line = assert_bad_input(*run(capsys, "import", path))
    assert fragment in line
    assert str(path) in line
    assert snapshot(team_with_history) == before


def test_import_error_with_team_override_changes_nothing(team_with_history, snapshot, capsys,
                                                         tmp_path):
    path = tmp_path / "plan.json"
    path.write_text('{"hello": 1}', encoding="utf-8")
    before = snapshot(team_with_history)
    assert_bad_input(*run(capsys, "import", path, "--team", "Brand New"))
    assert snapshot(team_with_history) == before


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["new", ""], "team"),
        (["new", "   "], "team"),
        (["new", "x" * 61], "at most 60"),
        (["new", "x", "--currency", "XYZ"], "XYZ"),
        (["new", "keep"], "already a team"),
        (["restore", "Keep", "99"], "no revision 99"),
        (["restore", "Nobody", "1"], "no team called 'Nobody'"),
        (["export", "Nobody"], "no team called 'Nobody'"),
        (["export", "Nobody", "--format", "md"], "no team called 'Nobody'"),
        (["revisions", "Nobody"], "no team called 'Nobody'"),
    ],
)
def test_bad_input_exits_2_with_one_line(team_with_history, snapshot, capsys, argv, fragment):
    before = snapshot(team_with_history)
    line = assert_bad_input(*run(capsys, *argv))
    assert fragment in line
    assert snapshot(team_with_history) == before


def test_export_to_a_missing_folder(team_with_history, capsys, tmp_path):
    target = tmp_path / "no-such-folder" / "keep.json"
    line = assert_bad_input(*run(capsys, "export", "Keep", "-o", target))
    assert "no-such-folder" in line
    assert not target.exists()


def test_usage_errors_exit_2(workspace, capsys):
    with pytest.raises(SystemExit) as excinfo:
        main(["restore", "Keep", "two"])
    assert excinfo.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


# -- the installed entry point --------------------------------------------------------------


def test_entry_point_subprocess(db_url, tmp_path):
    assert ENTRY_POINT.is_file(), ENTRY_POINT
    env = dict(os.environ, **{DB_ENV_VAR: db_url})

    def command(*argv: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(ENTRY_POINT), *argv], env=env, capture_output=True,
                              text=True, timeout=60, cwd=tmp_path)

    created = command("new", "Sub Team")
    assert (created.returncode, created.stderr) == (0, "")
    assert created.stdout == "Created team 'Sub Team'.\n"
    listed = command("teams")
    assert listed.returncode == 0
    assert listed.stdout.startswith("Sub Team\t") and listed.stdout.endswith("\t1\n")
    failed = command("import", str(tmp_path / "missing.json"))
    assert failed.returncode == 2
    assert failed.stdout == ""
    assert len(failed.stderr.splitlines()) == 1 and "Traceback" not in failed.stderr
    assert [(t.name, t.revisions) for t in Workspace(db_url).teams()] == [("Sub Team", 1)]


# -- serve: the options and the Voila command built from them --------------------------------
# (tests/browser/test_serve.py runs the real server: token, XSRF, culling, Ctrl-C)


def serve_args(*argv: str):
    return cli._parser().parse_args(["serve", *argv])


def option(command: list[str], name: str) -> str | None:
    """The value of ``--name=value`` in ``command`` (None when absent)."""
    values = [part.split("=", 1)[1] for part in command if part.startswith(f"--{name}=")]
    assert len(values) <= 1, values
    return values[0] if values else None


def test_voila_command_defaults():
    command = voila_command(serve_args())
    # our Voila (XSRF exemption for the close beacon, token from the environment) on the
    # notebooks installed with the package, with this Python
    assert command[:4] == [sys.executable, "-m", "socialplaybook.serve.voila_app",
                           str(notebooks_dir())]
    assert (notebooks_dir() / "01-myth-audit.ipynb").is_file()
    assert "--no-browser" in command
    assert option(command, "port") == "8866"
    assert option(command, "Voila.ip") == "127.0.0.1"
    assert option(command, "Voila.port_retries") == "0"
    assert option(command, "show_tracebacks") == "False"
    assert option(command, "VoilaExecutor.cell_error_instruction") == cell_error_instruction()
    assert option(command, "preheat_kernel") == "True"
    assert option(command, "pool_size") == "1"
    assert option(command, "MappingKernelManager.cull_idle_timeout") == "600"
    assert option(command, "MappingKernelManager.cull_interval") == "60"
    assert option(command, "MappingKernelManager.cull_connected") == "False"
    assert int(option(command, "VoilaExecutor.iopub_timeout")) >= 30
    assert option(command, "KernelManager.transport") == "ipc"
    # a killed kernel is noticed (and its page told) within a second, not jupyter's 3 s
    assert float(option(command, "KernelRestarter.time_to_dead")) <= 1.0
    denied = ast.literal_eval(option(command, "VoilaConfiguration.extension_denylist"))
    assert "jupyterlab-plotly" in denied
    assert "anywidget" not in denied and "@jupyter-widgets/jupyterlab-manager" not in denied


def test_voila_command_keeps_xsrf_checks_and_has_no_token():
    command = voila_command(serve_args("--public", "--token", "s3cret"))
    assert not any("xsrf" in part.lower() for part in command)
    assert not any("s3cret" in part for part in command)
    assert not any("token" in part.lower() for part in command)


def test_voila_command_public_port_pool_and_culling(tmp_path):
    args = serve_args("--notebooks", str(tmp_path), "--public", "--port", "9000",
                      "--pool-size", "0", "--cull-idle-minutes", "2.5")
    command = voila_command(args)
    assert command[3] == str(tmp_path)
    assert option(command, "Voila.ip") == "0.0.0.0"
    assert option(command, "port") == "9000"
    assert option(command, "MappingKernelManager.cull_idle_timeout") == "150"
    assert option(command, "MappingKernelManager.cull_interval") == "60"
    assert not any("preheat" in part or "pool_size" in part for part in command)
    short = voila_command(serve_args("--cull-idle-minutes", "0.01"))
    assert option(short, "MappingKernelManager.cull_idle_timeout") == "1"
    assert option(short, "MappingKernelManager.cull_interval") == "1"


def test_voila_environment_carries_the_token_and_the_workspace(db_url, monkeypatch):
    monkeypatch.setenv(TOKEN_ENV_VAR, "left-in-the-shell")
    env = voila_environment("s3cret")
    assert env[TOKEN_ENV_VAR] == "s3cret"
    assert env[DB_ENV_VAR] == db_url
    local = voila_environment(None)
    assert TOKEN_ENV_VAR not in local  # a local server has no token, whatever the shell says
    assert local[DB_ENV_VAR] == db_url


def test_voila_environment_names_the_default_workspace(monkeypatch, tmp_path):
    """Without SOCIAL_PLAYBOOK_DB, Voila and its kernels get the default workspace's URL, so
    they use the same one whatever folder the kernels run in."""
    monkeypatch.delenv(DB_ENV_VAR)
    assert voila_environment(None)[DB_ENV_VAR] == default_database_url()


def test_the_voila_module_serve_runs_imports():
    from socialplaybook.serve import voila_app as voila_server

    assert voila_server.TOKEN_ENV_VAR == TOKEN_ENV_VAR
    assert voila_server.main.__self__ is voila_server.WorkshopVoila


@pytest.fixture
def no_server(monkeypatch):
    """Bad options must end the command before any server starts."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"serve started a process: {args[0] if args else kwargs}")

    monkeypatch.setattr(subprocess, "Popen", refuse)


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["--port", "0"], "--port"),
        (["--port", "65536"], "--port"),
        (["--port", "-1"], "--port"),
        (["--pool-size", "-1"], "--pool-size"),
        (["--cull-idle-minutes", "0"], "--cull-idle-minutes"),
        (["--token", "   "], "--token"),
        (["--public", "--token", ""], "--token"),
        (["--keep-every-save-minutes", "-5"], "--keep-every-save-minutes"),
        (["--then-one-per-minutes", "0"], "--then-one-per-minutes"),
        (["--then-one-per-minutes", "nan"], "--then-one-per-minutes"),
    ],
)
def test_serve_bad_options(db_url, no_server, capsys, argv, fragment):
    line = assert_bad_input(*run(capsys, "serve", *argv))
    assert fragment in line


def test_serve_missing_notebooks_folder(db_url, no_server, capsys, tmp_path):
    line = assert_bad_input(*run(capsys, "serve", "--notebooks", tmp_path / "nope"))
    assert "notebooks" in line and "nope" in line


def test_serve_room_prints_its_sizing_and_keeps_that_many_kernels_ready(db_url, monkeypatch,
                                                                          capsys):
    monkeypatch.setattr(launch, "available_memory_mb", lambda: 64_000.0)
    monkeypatch.setattr(launch, "usable_cores", lambda: 8)
    started = []

    class Started:
        def __init__(self, command, env):
            started.append(command)

        def wait(self):
            return 0

    monkeypatch.setattr(subprocess, "Popen", Started)
    assert main(["serve", "--room", "12"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Room of 12: ")
    assert option(started[0], "pool_size") == "12"


def test_serve_room_too_big_for_the_machine_is_refused_before_any_server(db_url, no_server,
                                                                        monkeypatch, capsys):
    monkeypatch.setattr(launch, "available_memory_mb", lambda: 2_000.0)
    line = assert_bad_input(*run(capsys, "serve", "--room", "40"))
    assert "room of 40" in line and "--room " in line


@pytest.mark.parametrize(("argv", "fragment"), [
    (["--room", "0"], "room size"),
    (["--room", "12", "--pool-size", "2"], "not both"),
])
def test_serve_room_bad_options(db_url, no_server, capsys, argv, fragment):
    line = assert_bad_input(*run(capsys, "serve", *argv))
    assert fragment in line


@pytest.mark.parametrize("argv", [["--port", "eighty"], ["--pool-size", "1.5"], ["--bogus"]])
def test_serve_unparsable_options_are_usage_errors(no_server, capsys, argv):
    with pytest.raises(SystemExit) as excinfo:
        main(["serve", *argv])
    assert excinfo.value.code == 2
    err = capsys.readouterr().err
    assert "usage:" in err and "Traceback" not in err


def test_a_token_from_the_environment_is_used_and_not_passed_to_the_kernels(db_url, monkeypatch,
                                                                         capsys):
    monkeypatch.setenv(cli.CHOSEN_TOKEN_ENV_VAR, "from-the-env")
    started = []

    class Started:
        def __init__(self, command, env):
            started.append((command, env))

        def wait(self):
            return 0

    monkeypatch.setattr(subprocess, "Popen", Started)
    assert main(["serve", "--public", "--keep-all-revisions"]) == 0
    command, env = started[0]
    assert env[TOKEN_ENV_VAR] == "from-the-env"
    assert cli.CHOSEN_TOKEN_ENV_VAR not in env
    assert not any("from-the-env" in part for part in command)
    out = capsys.readouterr().out
    assert "from-the-env" not in out  # a chosen token is never printed
    assert "token set in SOCIAL_PLAYBOOK_TOKEN" in out


class Started:
    """subprocess.Popen in place of Voila: the command and environment serve started."""

    started: list = []

    def __init__(self, command, env):
        Started.started.append((command, env))

    def wait(self):
        return 0


@pytest.fixture
def started(monkeypatch):
    Started.started = []
    monkeypatch.setattr(subprocess, "Popen", Started)
    return Started.started


def test_a_token_serve_generates_is_printed_in_the_url(db_url, monkeypatch, started, capsys):
    monkeypatch.delenv(cli.CHOSEN_TOKEN_ENV_VAR, raising=False)
    assert main(["serve", "--public", "--keep-all-revisions"]) == 0
    token = started[0][1][TOKEN_ENV_VAR]
    first_line = capsys.readouterr().out.splitlines()[0]
    assert f":8866/?token={token} " in first_line


def test_a_token_given_with_the_option_is_not_printed(db_url, monkeypatch, started, capsys):
    monkeypatch.delenv(cli.CHOSEN_TOKEN_ENV_VAR, raising=False)
    assert main(["serve", "--public", "--token", "typed-t0ken", "--keep-all-revisions"]) == 0
    assert started[0][1][TOKEN_ENV_VAR] == "typed-t0ken"
    out = capsys.readouterr().out
    assert "typed-t0ken" not in out and "?token=" not in out
    assert "token given with --token" in out


def test_a_local_server_prints_no_token(db_url, started, capsys):
    assert main(["serve", "--keep-all-revisions"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Workshop at http://127.0.0.1:8866/  (workspace: ")
    assert "token" not in out


def test_serve_prints_the_workspace_url_with_its_password_masked(monkeypatch, started, capsys):
    # no database is opened before Voila starts: the URL only needs to be printed
    monkeypatch.setenv(DB_ENV_VAR, "postgresql+psycopg://workshop:pg-s3cret@db.example/playbook")
    assert main(["serve", "--keep-all-revisions"]) == 0
    out = capsys.readouterr().out
    assert "pg-s3cret" not in out
    assert "(workspace: postgresql+psycopg://workshop:***@db.example/playbook;" in out
    # Voila and its kernels still get the whole URL
    assert started[0][1][DB_ENV_VAR].endswith(":pg-s3cret@db.example/playbook")


def test_the_voila_command_says_whether_the_server_is_public():
    assert option(voila_command(serve_args()), "WorkshopVoila.public") == "False"
    assert option(voila_command(serve_args("--public")), "WorkshopVoila.public") == "True"


# -- serve --public over HTTPS ---------------------------------------------------------------


@pytest.fixture(scope="module")
def tls_files(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("tls")
    certfile, keyfile = folder / "workshop.crt", folder / "workshop.key"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
                    str(keyfile), "-out", str(certfile), "-days", "2", "-subj", "/CN=workshop"],
                   check=True, capture_output=True, timeout=60)
    return certfile, keyfile


def test_serve_with_a_certificate_serves_https(db_url, started, capsys, tls_files, monkeypatch):
    monkeypatch.delenv(cli.CHOSEN_TOKEN_ENV_VAR, raising=False)
    certfile, keyfile = tls_files
    assert main(["serve", "--public", "--certfile", str(certfile), "--keyfile", str(keyfile),
                 "--keep-all-revisions"]) == 0
    command = started[0][0]
    assert option(command, "WorkshopVoila.certfile") == str(certfile.resolve())
    assert option(command, "WorkshopVoila.keyfile") == str(keyfile.resolve())
    assert capsys.readouterr().out.startswith("Workshop at https://")


def test_serve_without_a_certificate_passes_none():
    command = voila_command(serve_args("--public"))
    assert option(command, "WorkshopVoila.certfile") is None
    assert not any("keyfile" in part for part in command)


@pytest.mark.parametrize(("argv", "fragments"), [
    (["--public", "--certfile", "{cert}"], ["--certfile and --keyfile together"]),
    (["--public", "--keyfile", "{key}"], ["--certfile and --keyfile together"]),
    (["--certfile", "{cert}", "--keyfile", "{key}"], ["for --public"]),
    (["--public", "--certfile", "{folder}/missing.crt", "--keyfile", "{key}"],
     ["missing.crt", "no such file"]),
    (["--public", "--certfile", "{cert}", "--keyfile", "{folder}"], ["no such file"]),
    (["--public", "--certfile", "{key}", "--keyfile", "{cert}"], ["cannot serve HTTPS", "PEM"]),
])
def test_serve_bad_certificate_options(db_url, no_server, capsys, tls_files, argv, fragments):
    certfile, keyfile = tls_files
    argv = [part.format(cert=certfile, key=keyfile, folder=certfile.parent) for part in argv]
    line = assert_bad_input(*run(capsys, "serve", *argv))
    for fragment in fragments:
        assert fragment in line


# -- a long day's history -----------------------------------------------------------------


def test_thin_drops_old_autosaves_and_says_how_many(team_with_history, capsys, monkeypatch):
    for value in range(4):
        rate(team_with_history, "Keep", {"no-plan": value})  # Keep: revisions 4-7
    later = cli.Workspace.thin

    def two_hours_on(self, policy=None, now=None):
        return later(self, policy, now=datetime.now(timezone.utc) + timedelta(hours=2))

    monkeypatch.setattr(cli.Workspace, "thin", two_hours_on)
    code, out, _err = run(capsys, "thin")
    assert code == 0
    assert out.strip() == "5 old revisions dropped."  # Keep 2-6: one minute, one section
    assert [r.number for r in team_with_history.revisions("Keep")] == [7, 1]
    assert run(capsys, "thin")[1].strip() == "0 old revisions dropped."


def test_thin_keeps_what_its_options_say(team_with_history, capsys):
    code, out, _err = run(capsys, "thin", "--keep-every-save-minutes", "0",
                          "--then-one-per-minutes", "60")
    assert code == 0 and out.strip() == "1 old revision dropped."  # Keep 2 (of 1-3)
    line = assert_bad_input(*run(capsys, "thin", "--then-one-per-minutes", "-1"))
    assert "--then-one-per-minutes" in line


def test_an_exported_revision_is_kept_through_thinning(team_with_history, capsys):
    assert run(capsys, "export", "Keep")[0] == 0
    assert team_with_history.protected("Keep") == {3: {"exported"}}
    rate(team_with_history, "Keep", {"no-plan": 1})
    run(capsys, "thin", "--keep-every-save-minutes", "0")
    assert [r.number for r in team_with_history.revisions("Keep")] == [4, 3, 1]


def test_an_export_still_works_when_its_revision_cannot_be_kept(team_with_history, capsys,
                                                                monkeypatch):
    from socialplaybook.workspace.errors import WorkspaceBusyError

    def busy(self, team, number, reason):
        raise WorkspaceBusyError("the workspace is busy with another save")

    monkeypatch.setattr(cli.Workspace, "protect", busy)
    code, out, err = run(capsys, "export", "Keep")
    assert code == 0 and json.loads(out)["team"] == "Keep"
    assert err.splitlines() == ["social-playbook: note: revision 3 is exported but could not "
                                "be kept from thinning (the workspace is busy with another "
                                "save)."]


def test_serve_thins_the_history_while_it_runs_and_stops_with_it(db_url, monkeypatch, capsys):
    monkeypatch.setattr(launch, "THIN_EVERY_MINUTES", 0.002)  # every 0.12 s
    thinned = threading.Event()
    monkeypatch.setattr(cli.Workspace, "thin", lambda self, policy: thinned.set() or 3)

    class Running:
        def __init__(self, command, env):
            pass

        def wait(self):
            assert thinned.wait(5), "serve never thinned the history"
            return 0

    monkeypatch.setattr(subprocess, "Popen", Running)
    assert main(["serve"]) == 0
    assert "3 old revisions dropped." in capsys.readouterr().out
    for thread in threading.enumerate():
        if thread.name == "thin-history":
            thread.join(2)
            assert not thread.is_alive()


@pytest.mark.parametrize(("argv", "thins"), [(["--keep-all-revisions"], False), ([], True)])
def test_serve_with_keep_all_revisions_never_thins(db_url, monkeypatch, argv, thins):
    """Thinning runs in serve's background thread: what it did is recorded and checked here,
    where a failure reaches the test (a pytest.fail in that thread was only a warning)."""
    monkeypatch.setattr(launch, "THIN_EVERY_MINUTES", 0.001)  # every 0.06 s
    thinned = threading.Event()
    monkeypatch.setattr(cli.Workspace, "thin", lambda self, policy: thinned.set() or 0)
    threads_while_serving = []

    class Running:
        def __init__(self, command, env):
            pass

        def wait(self):
            # a thinner, if there is one, thins within the wait (which the case that
            # thins shows); none may be running at all
            thinned.wait(2)
            threads_while_serving.extend(t.name for t in threading.enumerate())
            return 0

    monkeypatch.setattr(subprocess, "Popen", Running)
    assert main(["serve", *argv]) == 0
    assert thinned.is_set() is thins
    assert ("thin-history" in threads_while_serving) is thins


# -- the test run's own workspace -------------------------------------------------------------


def test_the_session_workspace_is_a_throwaway():
    url = os.environ[DB_ENV_VAR]
    assert url.startswith("sqlite:///") and "/social-playbook-tests-" in url


def test_a_workspace_set_in_the_shell_is_never_used_by_tests(tmp_path):
    real = tmp_path / "real-workshop.sqlite"
    inner = f"{Path(__file__).resolve()}::test_the_session_workspace_is_a_throwaway"
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", inner],
        env={**os.environ, DB_ENV_VAR: f"sqlite:///{real}"}, cwd=Path(__file__).parents[2],
        capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-2000:]
    assert "1 passed" in done.stdout
    assert not real.exists()


def test_the_voila_command_for_options_built_by_hand_has_no_certificate():
    """deploy/'s launcher builds serve's options itself, without the TLS ones."""
    options = argparse.Namespace(port=0, public=False, cull_idle_minutes=10, notebooks=None,
                                 pool_size=0)
    command = voila_command(options)
    assert option(command, "WorkshopVoila.public") == "False"
    assert not any("certfile" in part or "keyfile" in part for part in command)


# -- the facilitator's key ---------------------------------------------------------------------


def facilitator_line(out: str) -> str:
    return next(line for line in out.splitlines() if line.startswith("Facilitator's view"))


def test_serve_generates_the_facilitators_key_prints_its_link_and_gives_kernels_a_hash(
        db_url, monkeypatch, started, capsys):
    monkeypatch.delenv(FACILITATOR_TOKEN_ENV_VAR, raising=False)
    assert main(["serve", "--keep-all-revisions"]) == 0
    line = facilitator_line(capsys.readouterr().out)
    key = re.search(r"/voila/render/facilitator\.ipynb\?key=(\S+)$", line).group(1)
    assert line.startswith("Facilitator's view (keep this link to yourself): "
                           "http://127.0.0.1:8866/")
    command, env = started[0]
    assert key_matches(key, env[FACILITATOR_KEY_HASH_ENV_VAR])
    assert not any(key in value for value in env.values())  # the kernels get no key
    assert not any(key in part for part in command)


def test_with_a_generated_participant_token_the_facilitators_link_logs_in_too(
        db_url, monkeypatch, started, capsys):
    monkeypatch.delenv(FACILITATOR_TOKEN_ENV_VAR, raising=False)
    monkeypatch.delenv(cli.CHOSEN_TOKEN_ENV_VAR, raising=False)
    assert main(["serve", "--public", "--keep-all-revisions"]) == 0
    token = started[0][1][TOKEN_ENV_VAR]
    line = facilitator_line(capsys.readouterr().out)
    assert re.search(rf"facilitator\.ipynb\?token={re.escape(token)}&key=\S+$", line)


@pytest.mark.parametrize("how", ["option", "environment"])
def test_a_facilitators_token_given_is_used_and_never_printed(db_url, monkeypatch, started,
                                                              capsys, how):
    monkeypatch.delenv(FACILITATOR_TOKEN_ENV_VAR, raising=False)
    argv = ["serve", "--keep-all-revisions"]
    if how == "option":
        argv += ["--facilitator-token", "chosen-f4cil"]
    else:
        monkeypatch.setenv(FACILITATOR_TOKEN_ENV_VAR, "chosen-f4cil")
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "chosen-f4cil" not in out
    assert ("given with --facilitator-token" if how == "option"
            else f"set in {FACILITATOR_TOKEN_ENV_VAR}") in facilitator_line(out)
    env = started[0][1]
    assert key_matches("chosen-f4cil", env[FACILITATOR_KEY_HASH_ENV_VAR])
    assert FACILITATOR_TOKEN_ENV_VAR not in env
    assert not any("chosen-f4cil" in value for value in env.values())


@pytest.mark.parametrize(("argv", "fragment"), [
    (["--facilitator-token", "  "], "--facilitator-token cannot be empty"),
    (["--public", "--token", "same", "--facilitator-token", "same"], "must differ"),
])
def test_serve_refuses_a_facilitators_token_that_keeps_nothing_out(db_url, no_server, capsys,
                                                                  argv, fragment):
    line = assert_bad_input(*run(capsys, "serve", *argv))
    assert fragment in line


def test_voila_environment_holds_only_the_facilitators_hash(db_url, monkeypatch):
    monkeypatch.setenv(FACILITATOR_TOKEN_ENV_VAR, "left-in-the-shell")
    monkeypatch.setenv(FACILITATOR_KEY_HASH_ENV_VAR, "a-stale-hash")
    env = voila_environment(None, "f4cil")
    assert FACILITATOR_TOKEN_ENV_VAR not in env
    assert key_matches("f4cil", env[FACILITATOR_KEY_HASH_ENV_VAR])
    assert FACILITATOR_KEY_HASH_ENV_VAR not in voila_environment(None)


def test_the_facilitators_view_gets_no_preheated_kernels():
    command = voila_command(serve_args("--pool-size", "3"))
    assert ast.literal_eval(option(command, "VoilaKernelManager.preheat_denylist")) == [
        "facilitator.ipynb"]
    assert not any("denylist" in part and "facilitator" in part
                   for part in voila_command(serve_args("--pool-size", "0")))
