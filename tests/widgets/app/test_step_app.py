"""The step-app base as people use it: the dropdown, two laptops on one team, a bad database."""

import html
import re
import sqlite3
import threading
import time
from datetime import date

import ipywidgets
import pytest
from sqlalchemy.exc import OperationalError

from socialplaybook.workspace.errors import WorkspaceBusyError
from socialplaybook.workspace.store import Workspace
from widgets.audit import MythAuditApp
from widgets.planning.app import PlanningApp

TODAY = date(2026, 11, 21)


def planning_app(workspace, team="Acme", **kwargs):
    app = PlanningApp(workspace, today=lambda: TODAY, autosave_delay=60, **kwargs)
    app.picker.dropdown.value = team
    return app


def wait_for(condition, timeout=15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def status_text(app) -> str:
    """The save status as the person reads it (without its markup)."""
    return html.unescape(re.sub(r"<[^>]+>", "", app.status))


@pytest.fixture
def acme(workspace):
    workspace.create_team("Acme")
    workspace.create_team("Other")
    return workspace


# -- the team a save belongs to ---------------------------------------------------------------


def test_goal_edited_then_team_switched_in_the_dropdown_lands_in_the_first_team(acme):
    app = planning_app(acme)
    app._add_goal.click()
    app._goal_list.children[0]._metric.value = "qualified leads per month"
    app.picker.dropdown.value = "Other"  # within the autosave delay
    app.flush()
    assert [g.metric for g in acme.load("Acme").planning.goals] == ["qualified leads per month"]
    assert acme.load("Other").planning.goals == []
    assert app.team == "Other" and app.section.goals == []
    assert list(app._goal_list.children) == []


def test_goal_edited_then_team_created_lands_in_the_first_team(acme):
    app = planning_app(acme)
    app._add_goal.click()
    app._goal_list.children[0]._owner.value = "Sales"
    app.picker.new_name.value = "Fresh team"
    app.picker.create_button.click()
    app.flush()
    assert [g.owner for g in acme.load("Acme").planning.goals] == ["Sales"]
    assert acme.load("Fresh team").planning.goals == []
    assert "revision" in app.status and "Saving" not in app.status


def test_a_team_that_cannot_be_loaded_leaves_nothing_of_the_old_team_on_screen(acme, monkeypatch):
    app = planning_app(acme)
    app._add_goal.click()
    app.flush()

    def broken(team):
        raise OperationalError("SELECT", {}, Exception("disk I/O error"))

    monkeypatch.setattr(acme, "load_with_revision", broken)
    app.picker.dropdown.value = "Other"
    assert app.workarea.layout.display == "none"
    assert app.team == "" and app.section is None
    assert "could not be opened" in app.message
    assert app.status == ""
    before = acme.revisions("Other")
    app._on_add_goal()  # a click that reached the hidden app stores nothing anywhere
    app.flush()
    assert acme.revisions("Other") == before


def test_many_quick_edits_are_one_save(acme):
    app = MythAuditApp(Workspace(acme.url), autosave_delay=0.2)
    app.picker.dropdown.value = "Acme"
    for rating in [0, 1, 2, 3, 4, 3, 2]:
        app.row("no-plan").rating.value = rating
    assert "Saving" in app.status
    assert wait_for(lambda: "revision 2" in app.status)
    time.sleep(0.4)
    assert [r.number for r in acme.revisions("Acme")] == [2, 1]
    assert acme.load("Acme").audit.answers == {"no-plan": 2}


# -- two laptops, one team ------------------------------------------------------------------------


def two_laptops(workspace):
    url = workspace.url
    laptop_a = planning_app(Workspace(url))
    laptop_b = planning_app(Workspace(url))
    return laptop_a, laptop_b


def test_two_laptops_adding_different_goals_keep_both(acme):
    a, b = two_laptops(acme)
    a._add_goal.click()
    a._goal_list.children[0]._metric.value = "leads"
    b._add_goal.click()
    b._goal_list.children[0]._metric.value = "orders"
    a.flush()
    b.flush()
    assert sorted(g.metric for g in acme.load("Acme").planning.goals) == ["leads", "orders"]
    # B's app shows A's goal too after its save merged it; A sees B's on its live check.
    assert sorted(g.metric for g in b.section.goals) == ["leads", "orders"]
    assert len(b._goal_list.children) == 2
    assert a.refresh_from_workspace()
    assert sorted(g.metric for g in a.section.goals) == ["leads", "orders"]
    assert b.message == "" and a.message == ""


def test_goal_added_on_one_laptop_and_raci_cell_on_the_other_keeps_both(acme):
    a, b = two_laptops(acme)
    a._add_goal.click()
    b.open_tab("raci")
    b.raci_grid.cells[("complaints", "customer_service")].value = "R"
    a.flush()
    b.flush()
    latest = acme.load("Acme").planning
    assert len(latest.goals) == 1
    assert latest.raci.letter("complaints", "customer_service") == "R"
    assert "revision 3" in b.status


def test_different_fields_of_one_goal_are_both_kept(acme):
    a, b = two_laptops(acme)
    a._add_goal.click()
    a.flush()
    assert b.refresh_from_workspace()
    a._goal_list.children[0]._target.text.value = "500"
    b._goal_list.children[0]._owner.value = "Sales"
    a.flush()
    b.flush()
    goal = acme.load("Acme").planning.goals[0]
    assert (goal.target, goal.owner) == (500, "Sales")
    assert b.message == ""


def test_the_same_field_changed_on_both_keeps_the_later_and_says_which_field(acme):
    a, b = two_laptops(acme)
    a._add_goal.click()
    a.flush()
    b.refresh_from_workspace()
    a._goal_list.children[0]._target.text.value = "500"
    b._goal_list.children[0]._target.text.value = "800"
    a.flush()
    b.flush()
    assert acme.load("Acme").planning.goals[0].target == 800
    assert "Target" in b.message and "teammate" in b.message


def test_a_teammates_save_shows_without_touching_an_unchanged_field(acme):
    a, b = two_laptops(acme)
    a._add_goal.click()
    a.flush()
    b.refresh_from_workspace()
    owner_box = b._goal_list.children[0]._owner
    metric_box = b._goal_list.children[0]._metric
    a._goal_list.children[0]._metric.value = "orders per month"
    a.flush()
    assert b.refresh_from_workspace()
    assert metric_box.value == "orders per month"
    assert b._goal_list.children[0]._owner is owner_box  # the same editor, not rebuilt
    assert "revision 3" in b.status


def test_audit_ratings_on_two_laptops_are_both_kept(acme):
    a = MythAuditApp(Workspace(acme.url), autosave_delay=60)
    b = MythAuditApp(Workspace(acme.url), autosave_delay=60)
    a.picker.dropdown.value = b.picker.dropdown.value = "Acme"
    a.row("no-plan").rating.value = 3
    b.row("vanity-kpis").rating.value = 1
    a.flush()
    b.flush()
    assert acme.load("Acme").audit.answers == {"no-plan": 3, "vanity-kpis": 1}
    assert b.row("no-plan").rating.value == 3


# -- widgets are closed -----------------------------------------------------------------------


def test_live_widgets_stay_bounded_over_adds_removes_and_team_switches(acme):
    app = planning_app(acme)
    for tab in app.TABS:
        app.open_tab(tab)
    app.open_tab("goals")
    app._add_goal.click()
    app._goal_list.children[0]._remove.click()
    start = len(ipywidgets.widgets.widget._instances)
    for _ in range(50):
        app._add_goal.click()
        app._goal_list.children[0]._remove.click()
        app._add_segment.click()
        app._segment_list.children[0].children[0].children[1].click()  # its Remove
        app._on_add_milestone()
        app._on_remove_milestone(app._milestone_list.children[0])
    for number in range(20):
        app.picker.dropdown.value = "Other" if number % 2 == 0 else "Acme"
    app.flush()
    grown = len(ipywidgets.widgets.widget._instances) - start
    assert grown < 60, grown


# -- a database that is busy or gone ------------------------------------------------------------


def save_threads(app, monkeypatch) -> list[int]:
    """The threads ``app``'s saves run on, noted as each starts."""
    threads: list[int] = []
    real = app.workspace.save_section

    def noting(*args, **kwargs):
        threads.append(threading.get_ident())
        return real(*args, **kwargs)

    monkeypatch.setattr(app.workspace, "save_section", noting)
    return threads


def test_a_locked_database_keeps_the_page_responsive_and_the_change_lands_later(acme,
                                                                                monkeypatch):
    app = MythAuditApp(Workspace(acme.url, busy_timeout_seconds=0.2), autosave_delay=0.05)
    app.picker.dropdown.value = "Acme"
    threads = save_threads(app, monkeypatch)
    path = acme.url.removeprefix("sqlite:///")
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        app.row("no-plan").rating.value = 2
        assert wait_for(lambda: "Not saved" in app.status)
        # The edit itself never waits for the lock: its save runs on another thread (how
        # long an edit takes: make bench, S4).
        assert threads and threading.get_ident() not in threads
        assert "busy" in app.status and "kept on this page" in app.status
        assert acme.load("Acme").audit.answers == {}
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert wait_for(lambda: "revision 2" in app.status)
    assert acme.load("Acme").audit.answers == {"no-plan": 2}


def test_an_unreachable_database_says_so_and_retries_until_the_change_lands(acme, monkeypatch):
    app = MythAuditApp(Workspace(acme.url), autosave_delay=0.05)
    app.picker.dropdown.value = "Acme"
    real = app.workspace.save_section
    failures = []

    def down_twice(*args, **kwargs):
        if len(failures) < 2:
            failures.append(1)
            from socialplaybook.workspace.errors import classify_database_error

            raise classify_database_error(
                OperationalError("INSERT", {}, Exception("could not connect to server")))
        return real(*args, **kwargs)

    monkeypatch.setattr(app.workspace, "save_section", down_twice)
    app.row("no-plan").rating.value = 4
    assert wait_for(lambda: "cannot be reached" in app.status)
    assert "Saved" not in app.status
    assert wait_for(lambda: "revision 2" in app.status)
    assert acme.load("Acme").audit.answers == {"no-plan": 4}
    assert len(failures) == 2


def test_a_database_that_really_cannot_be_reached_says_so_and_the_page_stays_responsive(
        tmp_path, monkeypatch):
    share = tmp_path / "share"
    share.mkdir()
    workspace = Workspace(f"sqlite:///{share}/workspace.sqlite", busy_timeout_seconds=0.2)
    workspace.create_team("Acme")
    app = MythAuditApp(workspace, autosave_delay=0.05)
    app.picker.dropdown.value = "Acme"
    threads = save_threads(app, monkeypatch)
    share.rename(tmp_path / "unmounted")  # the share or stick holding the workspace is gone
    workspace.engine.dispose()  # connections already open keep the moved file
    try:
        app.row("no-plan").rating.value = 2
        assert wait_for(lambda: "cannot be reached" in app.status)
        assert status_text(app).startswith("Not saved: the workspace cannot be reached.")
        assert "your change is kept on this page" in app.status
        assert "Saved ·" not in app.status
        # Still responsive: the next edits are taken and kept with the first, and no edit
        # waits for the database: the saves run on another thread (make bench, S4).
        app.row("vanity-kpis").rating.value = 1
        assert app.row("vanity-kpis").rating.value == 1
        assert wait_for(lambda: "cannot be reached" in app.status)
        assert app.pending
        assert threads and threading.get_ident() not in threads
    finally:
        (tmp_path / "unmounted").rename(share)
    assert wait_for(lambda: "Saved · revision 2" in app.status, timeout=20)
    assert Workspace(workspace.url).load("Acme").audit.answers == {"no-plan": 2, "vanity-kpis": 1}
    assert not app.pending


def test_a_change_to_a_team_left_while_its_save_fails_says_it_is_not_stored_yet(acme):
    app = MythAuditApp(Workspace(acme.url, busy_timeout_seconds=0.2), autosave_delay=0.05)
    app.picker.dropdown.value = "Acme"
    blocker = sqlite3.connect(acme.url.removeprefix("sqlite:///"), isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # another save holds the workspace
    try:
        app.row("no-plan").rating.value = 3
        assert wait_for(lambda: "busy" in app.status)
        app.picker.dropdown.value = "Other"  # the person moves on to another team
        assert app.team == "Other"
        # Its next try fails too: the status on Other names the team whose change waits.
        assert wait_for(lambda: "not stored yet" in app.status)
        assert status_text(app).startswith(
            "Not saved: your last change to team Acme is not stored yet: the workspace is "
            "busy with another save.")
        assert "your change is kept on this page" in app.status
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert wait_for(lambda: acme.load("Acme").audit.answers == {"no-plan": 3}, timeout=20)
    assert acme.load("Other").audit.answers == {}


def test_a_left_teams_change_that_lands_is_no_longer_called_not_stored(acme):
    app = MythAuditApp(Workspace(acme.url, busy_timeout_seconds=0.2), autosave_delay=0.05)
    app.picker.dropdown.value = "Acme"
    blocker = sqlite3.connect(acme.url.removeprefix("sqlite:///"), isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        app.row("no-plan").rating.value = 3
        assert wait_for(lambda: "busy" in app.status)
        app.picker.dropdown.value = "Other"
        assert wait_for(lambda: "not stored yet" in app.status)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert wait_for(lambda: acme.load("Acme").audit.answers == {"no-plan": 3}, timeout=20)
    assert wait_for(lambda: "Not saved" not in app.status, timeout=3)
    assert status_text(app).startswith("Saved · revision 1")  # Other's own revision


def test_a_save_of_the_open_team_does_not_hide_that_a_left_teams_change_is_not_stored(acme):
    workspace = Workspace(acme.url, busy_timeout_seconds=0.2)
    real_save = workspace.save_section

    def acme_unreachable(team, *args, **kwargs):
        if team == "Acme":
            raise WorkspaceBusyError("the workspace is busy with another save")
        return real_save(team, *args, **kwargs)

    workspace.save_section = acme_unreachable
    app = MythAuditApp(workspace, autosave_delay=0.05)
    app.picker.dropdown.value = "Acme"
    app.row("no-plan").rating.value = 3
    assert wait_for(lambda: "busy" in app.status)
    app.picker.dropdown.value = "Other"
    app.row("no-plan").rating.value = 1  # Other's own change lands
    assert wait_for(lambda: acme.load("Other").audit.answers == {"no-plan": 1})
    assert wait_for(lambda: "team Acme is not stored yet" in status_text(app), timeout=5)
    workspace.save_section = real_save  # Acme's workspace answers again
    assert wait_for(lambda: acme.load("Acme").audit.answers == {"no-plan": 3}, timeout=20)
    assert wait_for(lambda: "not stored" not in status_text(app), timeout=3)


def test_a_teammates_new_goal_is_added_after_the_goals_on_screen(acme):
    a, b = two_laptops(acme)
    a._add_goal.click()
    a._goal_list.children[0]._metric.value = "leads"
    b._add_goal.click()
    b._goal_list.children[0]._metric.value = "orders"
    b.flush()  # B's goal is stored first, so the stored order is B's, then A's
    a.flush()
    mine = a._goal_list.children[0]
    assert mine._metric.value == "leads"  # A's editor did not move (its view is not rebuilt)
    assert [e._metric.value for e in a._goal_list.children] == ["leads", "orders"]
    assert [g.metric for g in acme.load("Acme").planning.goals] == ["orders", "leads"]
