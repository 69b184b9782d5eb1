"""The facilitator's commands: lock and unlock a team's history, delete a team (confirmed),
recover the changes kernels kept; and ``serve`` storing kept changes as it starts and runs."""

from __future__ import annotations

import io
import subprocess
import threading

import pytest

from socialplaybook import cli
from socialplaybook.serve import launch
from socialplaybook.steps.audit.section import AuditSection
from socialplaybook.workspace.recovery import PendingChange, keep, recovery_folder
from socialplaybook.workspace.store import Workspace
from tests.unit.test_cli import assert_bad_input, run


@pytest.fixture
def harbour(workspace) -> Workspace:
    workspace.create_team("Harbour Café")
    for answer in (1, 2):
        workspace.save_section("Harbour Café", "audit", AuditSection(answers={"no-plan": answer}),
                               None)
    workspace.create_team("Fjord Bakery")
    return workspace


def kept_change(workspace: Workspace, answers: dict[str, int], team="Harbour Café") -> None:
    keep(recovery_folder(workspace.url), PendingChange(
        team, "audit", 1, AuditSection(answers=answers).model_dump(mode="json"),
        AuditSection().model_dump(mode="json"), True)).release()


# -- lock / unlock ----------------------------------------------------------------------------


def test_lock_and_unlock_say_what_they_did_and_teams_shows_it(harbour, capsys):
    assert run(capsys, "lock", "harbour café") == (
        0, "Locked the history of team 'Harbour Café': it is kept whole; saves go on.\n", "")
    assert run(capsys, "lock", "Harbour Café")[1] == (
        "The history of team 'Harbour Café' was already locked.\n")
    code, out, _ = run(capsys, "teams")
    assert [line.split("\t")[0::3] for line in out.splitlines()] == [
        ["Fjord Bakery"], ["Harbour Café", "locked"]]
    assert run(capsys, "unlock", "Harbour Café") == (
        0, "Unlocked the history of team 'Harbour Café'.\n", "")
    assert run(capsys, "unlock", "Harbour Café")[1] == (
        "The history of team 'Harbour Café' was not locked.\n")
    assert not harbour.is_locked("Harbour Café")


def test_a_missing_team_cannot_be_locked(harbour, capsys):
    line = assert_bad_input(*run(capsys, "lock", "Nobody"))
    assert "no team called 'Nobody'" in line


def test_restore_over_a_locked_team_is_refused_with_one_line(harbour, capsys):
    run(capsys, "lock", "Harbour Café")
    line = assert_bad_input(*run(capsys, "restore", "Harbour Café", "2"))
    assert line == ("social-playbook: The history of team 'Harbour Café' is locked by the "
                    "facilitator; unlock it first (social-playbook unlock \"Harbour Café\").")
    assert len(harbour.revisions("Harbour Café")) == 3


# -- delete -----------------------------------------------------------------------------------


def test_delete_without_yes_and_no_terminal_deletes_nothing(harbour, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    line = assert_bad_input(*run(capsys, "delete", "Harbour Café"))
    assert line == ("social-playbook: Deleting team 'Harbour Café' removes its 3 revisions "
                    "for good: add --yes to do it.")
    assert harbour.team_names() == ["Fjord Bakery", "Harbour Café"]


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("typed", "deleted"), [
    ("harbour  café\n", True), ("Fjord Bakery\n", False), ("\n", False), ("", False)])
def test_delete_in_a_terminal_asks_for_the_teams_name(harbour, capsys, monkeypatch, typed,
                                                      deleted):
    monkeypatch.setattr("sys.stdin", Terminal(typed))
    code, out, err = run(capsys, "delete", "Harbour Café")
    assert "Type the team's name to confirm" in out
    if deleted:
        assert code == 0 and out.endswith("Deleted team 'Harbour Café' and its 3 revisions.\n")
        assert harbour.team_names() == ["Fjord Bakery"]
    else:
        assert code == cli.EXIT_BAD_INPUT and err == "social-playbook: Nothing was deleted.\n"
        assert harbour.team_names() == ["Fjord Bakery", "Harbour Café"]


def test_delete_with_yes_deletes_the_team_and_only_it(harbour, capsys):
    assert run(capsys, "delete", "Harbour Café", "--yes") == (
        0, "Deleted team 'Harbour Café' and its 3 revisions.\n", "")
    assert harbour.team_names() == ["Fjord Bakery"]
    assert_bad_input(*run(capsys, "revisions", "Harbour Café"))


def test_a_locked_team_is_not_deleted(harbour, capsys):
    run(capsys, "lock", "Harbour Café")
    line = assert_bad_input(*run(capsys, "delete", "Harbour Café", "--yes"))
    assert "locked by the facilitator" in line
    assert len(harbour.revisions("Harbour Café")) == 3


# -- recover ----------------------------------------------------------------------------------


def test_recover_stores_kept_changes_and_names_each(harbour, capsys):
    assert run(capsys, "recover") == (0, "No kept changes to recover.\n", "")
    kept_change(harbour, {"vanity-kpis": 4})
    code, out, _ = run(capsys, "recover")
    assert (code, out) == (0, "Recovered a change to team 'Harbour Café' (audit) that a "
                              "kernel could not store before it stopped: stored as "
                              "revision 4.\n")
    assert harbour.load("Harbour Café").audit.answers == {"no-plan": 2, "vanity-kpis": 4}


def test_recover_exits_2_when_a_change_is_refused(harbour, capsys):
    kept_change(harbour, {"vanity-kpis": 4}, team="Fjord Bakery")
    harbour.delete_team("Fjord Bakery")
    code, out, _ = run(capsys, "recover")
    assert code == cli.EXIT_BAD_INPUT
    assert "team 'Fjord Bakery' (audit) was refused" in out


# -- serve --------------------------------------------------------------------------------------


def test_serve_stores_kept_changes_before_it_starts_voila(harbour, monkeypatch, capsys):
    kept_change(harbour, {"vanity-kpis": 4})
    seen_at_start = []

    class Started:
        def __init__(self, command, env):
            seen_at_start.append(Workspace(env["SOCIAL_PLAYBOOK_DB"]).load(
                "Harbour Café").audit.answers)

        def wait(self):
            return 0

    monkeypatch.setattr(subprocess, "Popen", Started)
    assert cli.main(["serve", "--keep-all-revisions"]) == 0
    assert seen_at_start == [{"no-plan": 2, "vanity-kpis": 4}]
    assert "Recovered a change to team 'Harbour Café' (audit)" in capsys.readouterr().out


def test_serve_stores_a_change_kept_while_it_runs(harbour, monkeypatch, capsys):
    monkeypatch.setattr(launch, "RECOVER_EVERY_SECONDS", 0.05)
    stored = threading.Event()

    class Running:
        def __init__(self, command, env):
            kept_change(harbour, {"vanity-kpis": 1})  # a kernel culled meanwhile kept it

        def wait(self):
            for _ in range(100):
                if harbour.load("Harbour Café").audit.answers.get("vanity-kpis") == 1:
                    stored.set()
                    break
                threading.Event().wait(0.05)
            return 0

    monkeypatch.setattr(subprocess, "Popen", Running)
    assert cli.main(["serve", "--keep-all-revisions"]) == 0
    assert stored.is_set(), "serve never stored the change kept while it ran"
    # the thread stops with serve; it says what it stored after storing it, so wait for it
    for thread in threading.enumerate():
        if thread.name == "recover-kept-changes":
            thread.join(5)
            assert not thread.is_alive()
    assert "Recovered a change to team 'Harbour Café' (audit)" in capsys.readouterr().out
