"""A plan stored as a new team: a client scenario started, a team copied as a variant."""

from __future__ import annotations

from datetime import timedelta

import pytest

from socialplaybook.plan.model import Plan, utc_now
from socialplaybook.plan.scenarios import load_scenario, start_names, variant_names
from socialplaybook.workspace.errors import TeamExistsError
from socialplaybook.workspace.store import Workspace
from tests.plans import full_plan
from tests.unit.conftest import database_url


@pytest.fixture
def ws(backend, tmp_path, request) -> Workspace:
    return Workspace(database_url(backend, tmp_path, request))


def test_a_scenario_becomes_a_new_team_with_its_plan(ws):
    scenario = load_scenario("oslo-cafe")
    before = utc_now()
    plan, revision = ws.add_team(scenario, start_names(scenario.team))
    assert (plan.team, revision.number, revision.section) == ("Bakgården Kafé", 1, "import")
    assert plan.created_at >= before and plan.updated_at >= plan.created_at  # made now
    stored = ws.load("Bakgården Kafé")
    assert stored == plan
    assert stored.model_dump(exclude={"created_at", "updated_at"}) == scenario.model_dump(
        exclude={"created_at", "updated_at"})


def test_the_scenarios_name_is_numbered_when_taken(ws):
    scenario = load_scenario("oslo-cafe")
    names = [ws.add_team(scenario, start_names(scenario.team))[0].team for _ in range(3)]
    assert names == ["Bakgården Kafé", "Bakgården Kafé 2", "Bakgården Kafé 3"]
    assert [t.revisions for t in ws.teams()] == [1, 1, 1]


def test_a_typed_name_that_is_taken_is_refused_and_nothing_is_stored(ws):
    ws.create_team("Demo Café")
    scenario = load_scenario("oslo-cafe")
    with pytest.raises(TeamExistsError):
        ws.add_team(scenario, start_names(scenario.team, "demo  café"))
    assert [(t.name, t.revisions) for t in ws.teams()] == [("Demo Café", 1)]
    plan, _revision = ws.add_team(scenario, start_names(scenario.team, " Demo  café 2 "))
    assert plan.team == "Demo café 2"


def test_a_team_copied_as_a_variant_keeps_the_original_as_it_was(ws):
    team = full_plan("Harbour Café")
    ws.import_plan(team)
    original = ws.load("Harbour Café")
    first, _ = ws.add_team(original, variant_names("Harbour Café"))
    second, _ = ws.add_team(original, variant_names("Harbour Café"))
    assert (first.team, second.team) == ("Harbour Café (variant)",
                                         "Harbour Café (variant 2)")
    assert ws.load("Harbour Café") == original  # untouched, no revision added
    assert ws.latest_number("Harbour Café") == 1
    assert ws.load(first.team).budget == original.budget


def test_a_name_taken_while_it_was_chosen_gives_the_next(ws, monkeypatch):
    scenario = load_scenario("oslo-cafe")
    ws.create_team("Bakgården Kafé")
    real = ws._insert_team

    def raced(plan, section):  # someone took "Bakgården Kafé 2" just before this write
        if plan.team == "Bakgården Kafé 2" and not ws.has_team(plan.team):
            real(Plan(team=plan.team), "created")
        return real(plan, section)

    monkeypatch.setattr(ws, "_insert_team", raced)
    plan, _revision = ws.add_team(scenario, start_names(scenario.team))
    assert plan.team == "Bakgården Kafé 3"
    assert plan.created_at > scenario.created_at + timedelta(days=1)
