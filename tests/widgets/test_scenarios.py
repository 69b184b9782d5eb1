"""The client scenarios in the apps: each imported as the command line imports it opens in
every app of the registry (every tab built) without an error and without a save, and the
start page starts a team from one through its controls."""

from __future__ import annotations

import html

import pytest

from socialplaybook.plan.files import read_plan_file
from socialplaybook.plan.scenarios import load_scenario, scenario_catalog
from socialplaybook.steps.registry import built_steps, load_attribute
from widgets.start import StartHere

SCENARIOS = [info.id for info in scenario_catalog()]


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_every_app_opens_on_an_imported_scenario(workspace, scenario_id):
    info = next(i for i in scenario_catalog() if i.id == scenario_id)
    workspace.import_plan(read_plan_file(info.path))  # as `social-playbook import` does
    plan = workspace.load(info.team)
    for step in built_steps():
        app = load_attribute(step.app)(workspace, live_check_seconds=0)
        app.picker.dropdown.value = info.team
        assert app.team == info.team, step.key
        assert app.workarea.layout.display == "flex", step.key
        for key in getattr(app, "TABS", ()):
            app.open_tab(key)
        assert app.message == "", (step.key, app.message)
        if step.section:
            assert app.section == getattr(plan, step.key), step.key
            assert (app.currency, app.locale) == (info.currency, info.locale)
            app.flush()
    assert workspace.latest_number(info.team) == 1  # showing a plan saves nothing


def start(page: StartHere, scenario_id: str, name: str = "") -> None:
    page.scenario.value = scenario_id  # as a person picks it
    page.scenario_team.value = name
    page.scenario_button.click()


def test_starting_from_a_scenario_makes_a_team_with_its_plan(workspace):
    page = StartHere(workspace, live_check_seconds=0)
    assert [label for label, _id in page.scenario.options] == [
        i.team for i in scenario_catalog()]
    page.scenario.value = "tbilisi-winery"
    assert "family winery" in page._scenario_summary.value
    assert page.scenario_team.placeholder == "ქვევრის სახლი · Kvevri House"
    start(page, "tbilisi-winery")
    assert page.picker.team == "ქვევრის სახლი · Kvevri House"  # working as the new team
    assert "started from the scenario" in page.scenario_message
    assert "Saved · revision 1" in page.status
    assert (page.currency.value, page.locale.value) == ("GEL", "ka")  # the scenario's
    stored = workspace.load(page.picker.team)
    scenario = load_scenario("tbilisi-winery")
    assert stored.model_dump(exclude={"created_at", "updated_at"}) == scenario.model_dump(
        exclude={"created_at", "updated_at"})
    assert "Kvevri+House" in page._steps.value  # the map's links open the new team


def test_a_second_start_numbers_the_name_and_a_typed_name_is_used(workspace):
    page = StartHere(workspace, live_check_seconds=0)
    start(page, "oslo-cafe")
    start(page, "oslo-cafe")
    assert page.picker.team == "Bakgården Kafé 2"
    start(page, "columbus-food-bank", "  Demo   non-profit ")
    assert page.picker.team == "Demo non-profit"
    assert page.scenario_team.value == ""  # ready for the next
    assert workspace.load("Demo non-profit").currency == "USD"
    assert workspace.team_names() == ["Bakgården Kafé", "Bakgården Kafé 2",
                                      "Demo non-profit"]


def test_a_taken_or_broken_name_starts_nothing_and_says_why(workspace):
    workspace.create_team("Acme")
    page = StartHere(workspace, live_check_seconds=0)
    start(page, "oslo-cafe", "acme")
    assert "There is already a team called" in html.unescape(page.scenario_message)
    start(page, "oslo-cafe", "x" * 61)
    assert "at most 60 characters" in page.scenario_message
    assert workspace.team_names() == ["Acme"] and page.picker.team == ""


def test_presenting_starts_nothing(workspace):
    page = StartHere(workspace, live_check_seconds=0)
    page.set_presenting(True)
    start(page, "oslo-cafe")
    assert workspace.team_names() == []
