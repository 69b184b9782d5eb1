"""A save the workspace refuses is never shown as "Saved" (issue 20, finding 9): the team
deleted underneath, the base revision gone (thinned away, or the team created again), a
merge that does not validate. Real workspaces, no stand-ins for the store."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone

import pytest

from socialplaybook.steps.audit.section import AuditSection
from socialplaybook.steps.planning.vocabulary import MAX_GOALS
from socialplaybook.workspace.store import Workspace
from tests.widgets.app.test_step_app import planning_app, status_text, wait_for
from widgets.audit import MythAuditApp


@pytest.fixture
def acme(workspace):
    workspace.create_team("Acme")
    workspace.create_team("Other")
    return workspace


def audit_app(workspace, team="Acme", autosave_delay=0.05):
    app = MythAuditApp(Workspace(workspace.url), autosave_delay=autosave_delay)
    app.picker.dropdown.value = team
    return app


def logged(caplog) -> str:
    return "\n".join(record.getMessage() for record in caplog.records
                     if record.name == "socialplaybook.saves")


def test_a_team_deleted_underneath_keeps_the_change_on_the_page_and_says_why(acme, caplog):
    app = audit_app(acme)
    acme.delete_team("Acme")  # the facilitator, from the command line
    with caplog.at_level(logging.WARNING):
        app.row("no-plan").rating.value = 3
        assert wait_for(lambda: "Not saved" in app.status)
    assert status_text(app) == (
        "Not saved: this change could not be stored: There is no team called 'Acme'. It "
        "stays on this page; reload the page to see what is stored.")
    assert app.row("no-plan").rating.value == 3 and app.section.answers == {"no-plan": 3}
    assert not app.refresh_from_workspace()
    assert "Saved" not in status_text(app)
    assert "team 'Acme' (audit) was refused" in logged(caplog)


def test_a_refused_change_to_a_team_left_meanwhile_is_not_hidden_by_the_next_teams_saved(
        acme, caplog):
    app = audit_app(acme, autosave_delay=60)
    acme.delete_team("Acme")
    app.row("no-plan").rating.value = 3
    with caplog.at_level(logging.WARNING):
        app.picker.dropdown.value = "Other"  # sends Acme's change, which is refused
        app.flush()
        assert wait_for(lambda: "Not saved" in app.status)
    assert status_text(app) == ("Not saved: your last change to team Acme could not be "
                                "stored: There is no team called 'Acme'.")
    assert "team 'Acme' (audit) was refused by the workspace and is lost" in logged(caplog)
    assert acme.load("Other").audit.answers == {}


def test_a_teammates_save_does_not_replace_a_change_the_workspace_refused(acme):
    for answer in (1, 2):  # Acme at revision 3 when the app opens it
        acme.save_section("Acme", "audit", AuditSection(answers={"no-plan": answer}), None)
    app = audit_app(acme)
    acme.delete_team("Acme")
    acme.create_team("Acme")  # a new team of the same name: revision 3 is not its own
    app.row("vanity-kpis").rating.value = 4
    assert wait_for(lambda: "Not saved" in app.status)
    assert "has no revision 3" in status_text(app)
    for answer in (0, 1, 0):  # the new team's revisions 2-4: newer than the page's base
        acme.save_section("Acme", "audit", AuditSection(answers={"no-plan": answer}), None)
    assert not app.refresh_from_workspace()  # the page keeps the refused change
    assert app.row("vanity-kpis").rating.value == 4
    assert app.row("no-plan").rating.value == 2
    assert "Saved" not in status_text(app)


def test_a_base_revision_thinned_away_merges_from_what_the_page_started_with(acme):
    a, b = audit_app(acme, autosave_delay=60), audit_app(acme, autosave_delay=60)
    a.row("no-plan").rating.value = 1
    a.flush()  # 2
    a.row("no-plan").rating.value = 2
    a.flush()  # 3
    assert b.refresh_from_workspace() and b.base_revision == 3
    a.row("no-plan").rating.value = 4
    a.flush()  # 4
    a.row("vanity-kpis").rating.value = 1
    a.flush()  # 5
    acme.thin(now=datetime.now(timezone.utc) + timedelta(hours=2))
    assert 3 not in {r.number for r in acme.revisions("Acme")}
    b.row("same-everywhere").rating.value = 3  # B's only change
    b.flush()
    assert acme.load("Acme").audit.answers == {"no-plan": 4, "vanity-kpis": 1,
                                               "same-everywhere": 3}
    assert b.message == ""  # no teammate's field was overwritten: nothing to report
    assert status_text(b).startswith("Saved · revision 6")
    assert b.row("no-plan").rating.value == 4


def test_goals_beyond_the_limit_from_two_laptops_store_the_later_whole_and_say_so(acme):
    a, b = planning_app(Workspace(acme.url)), planning_app(Workspace(acme.url))
    for _ in range(MAX_GOALS - 1):
        a._add_goal.click()
    a.flush()
    assert b.refresh_from_workspace()
    a._add_goal.click()  # A: the fifth goal
    b._add_goal.click()  # B: a fifth goal too; both together would be six
    a.flush()
    result = b.flush()
    assert result is not None
    stored = acme.load("Acme").planning
    assert len(stored.goals) == MAX_GOALS
    assert b.section == stored  # what B's page shows is what is stored
    assert status_text(b).startswith(f"Saved · revision {result.revision.number}")
    assert "teammate" in b.message
