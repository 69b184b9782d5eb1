"""The room at a glance: a team's row from its plan (where it is, audit, readiness per step,
platforms, total cost with staff time, KPIs and vanity), sorting and filtering the room,
and every team's playbook as one zip."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialplaybook.plan.model import Plan
from socialplaybook.plan.playbooks import (
    PLAYBOOK_FORMATS,
    file_stem,
    playbook_files,
    playbooks_zip,
)
from socialplaybook.plan.room import (
    filter_rows,
    room_row,
    sort_labels,
    sort_rows,
    where_the_team_is,
)
from socialplaybook.steps.budget.section import BudgetSection, MonthlyCosts, PlatformBudget
from socialplaybook.steps.budget.view import budget_view
from socialplaybook.steps.engagement.section import EngagementSection, Pillar
from socialplaybook.steps.kpis.catalog import catalog_by_id, kpi_from_catalog
from socialplaybook.steps.kpis.section import KpisSection
from socialplaybook.steps.planning.section import Goal, PlanningSection
from socialplaybook.steps.platforms.section import PlatformChoice, PlatformsSection
from socialplaybook.steps.registry import section_steps

TODAY = date(2026, 12, 5)
SAVED = datetime(2026, 12, 5, 10, 30, tzinfo=timezone.utc)
REPUTATION = "Reputation and trust"  # goal g2 has no metric: the KPI app names it by its result


def worked_plan(team: str = "Harbour Café") -> Plan:
    """A team well into the day: audit, a goal, two platforms (one a handle only), a budget
    with staff time, and KPIs of which one goal has only vanity ones."""
    catalog = catalog_by_id()
    return Plan(
        team=team, currency="NOK",
        audit={"answers": {"no-plan": 4, "not-for-our-audience": 0}},
        planning=PlanningSection(goals=[
            Goal(id="g1", business_result="leads", metric="qualified leads per month",
                 baseline=10, target=14, deadline=TODAY + timedelta(days=180), owner="Ana"),
            Goal(id="g2", business_result="reputation", metric="")]),
        platforms=PlatformsSection(people=2, hours_per_week=12, choices=[
            PlatformChoice(id="instagram", platform="Instagram", role="primary"),
            PlatformChoice(id="linkedin", platform="LinkedIn", role="handle_only")]),
        budget=BudgetSection(hourly_staff_cost=400, paid_budget=3000,
                             monthly_costs=MonthlyCosts(publishing_tools=250),
                             platforms=[PlatformBudget(id="instagram", platform="Instagram",
                                                       posts_per_week=3,
                                                       minutes_per_post=60)]),
        kpis=KpisSection(kpis=[kpi_from_catalog(catalog["leads-from-social"], "g1"),
                               kpi_from_catalog(catalog["followers"], "g2"),
                               kpi_from_catalog(catalog["engagement-rate"], "g2")]),
        engagement=EngagementSection(pillars=[Pillar(name="Behind the bar", goal_id="g1")]),
    )


def test_a_teams_row_from_its_plan():
    plan = worked_plan()
    row = room_row(plan, 14, SAVED, "budget", TODAY)
    assert (row.team, row.revision, row.saved_at, row.currency) == (
        "Harbour Café", 14, SAVED, "NOK")
    assert (row.step_key, row.step_label) == ("budget", "Budget")
    # the audit: "no-plan" rated 4 (planning 0/100), "not-for-our-audience" 0 (platforms 100)
    assert row.audit["planning"].score == 0 and row.audit["platforms"].score == 100
    assert row.audit["budget"].score is None
    assert row.audit_overall == 50
    # an account to run, not a handle reserved
    assert row.platforms == ("Instagram",)
    # the budget step's own total, staff time included
    view = budget_view(plan.budget, plan.platforms, plan.planning, plan.currency)
    assert row.cost.monthly_total == pytest.approx(view.costs.total)
    assert view.costs.staff and row.cost.monthly_total > 3000 + 250
    assert row.cost.staff_priced
    assert (row.kpis, row.vanity_kpis) == (3, 2)
    # the reputation goal is measured only by followers and engagement rate
    assert row.vanity_goals == (REPUTATION,)


def test_readiness_has_a_cell_per_step_of_the_registry_filled_or_not():
    row = room_row(worked_plan(), 3, SAVED, "kpis", TODAY)
    assert [step.key for step in row.readiness] == [step.key for step in section_steps()]
    assert all(step.filled for step in row.readiness)
    assert row.steps_filled == len(section_steps())
    by_key = {step.key: step for step in row.readiness}
    assert by_key["audit"].open_checks is None  # the audit shows no checks
    assert by_key["kpis"].open_checks >= 1  # a goal measured only by vanity metrics
    assert row.open_checks == sum(step.open_checks or 0 for step in row.readiness)

    empty = room_row(Plan(team="New"), 1, SAVED, "created", TODAY)
    assert not any(step.filled for step in empty.readiness)
    # a step not started has nothing to check yet (the planning app's empty RACI warnings
    # are not "open checks" of a team that has not begun)
    assert all(step.open_checks is None for step in empty.readiness)
    assert (empty.step_key, empty.step_label, empty.audit_overall) == ("", "Start", None)
    assert (empty.cost.monthly_total, empty.cost.staff_priced, empty.kpis) == (0, False, 0)


def test_staff_time_without_an_hourly_cost_is_said_to_be_unpriced():
    plan = worked_plan()
    plan = plan.model_copy(update={"budget": plan.budget.model_copy(
        update={"hourly_staff_cost": None})})
    row = room_row(plan, 2, SAVED, "budget", TODAY)
    assert not row.cost.staff_priced
    assert row.cost.monthly_total == 3000 + 250
    assert row.cost.staff_hours_per_week > 0


@pytest.mark.parametrize(("section", "expected"), [
    ("audit", ("audit", "Myth audit")),
    ("planning", ("planning", "Planning")),
    ("kpis", ("kpis", "KPIs")),
    ("created", ("", "Start")),
    ("currency", ("", "Start")),
    ("import", ("", "Start")),
    ("restore 12", ("", "Restored revision 12")),
    ("something else", ("", "something else")),
])
def test_where_the_team_is_from_its_latest_saves_section(section, expected):
    assert where_the_team_is(section) == expected


def rows_of_the_room():
    harbour = room_row(worked_plan(), 9, SAVED, "budget", TODAY)
    cafe = room_row(worked_plan("Cafe\u0301 Nord"), 4, SAVED + timedelta(minutes=5), "audit",
                    TODAY)
    new = room_row(Plan(team="apple"), 1, SAVED - timedelta(minutes=30), "created", TODAY)
    return [harbour, cafe, new]


@pytest.mark.parametrize(("by", "teams"), [
    ("activity", ["Café Nord", "Harbour Café", "apple"]),
    ("name", ["apple", "Café Nord", "Harbour Café"]),
    ("step", ["Harbour Café", "Café Nord", "apple"]),
    ("readiness", ["Café Nord", "Harbour Café", "apple"]),
    ("cost", ["Café Nord", "Harbour Café", "apple"]),
])
def test_the_room_sorts_by_what_the_facilitator_chooses(by, teams):
    assert by in sort_labels()
    assert [row.team for row in sort_rows(rows_of_the_room(), by)] == teams


def test_the_room_filters_by_name_ignoring_case_and_how_an_accent_was_typed():
    rows = rows_of_the_room()
    assert [r.team for r in filter_rows(rows, "CAFÉ")] == ["Harbour Café", "Café Nord"]
    assert [r.team for r in filter_rows(rows, "cafe\u0301 n")] == ["Café Nord"]
    assert [r.team for r in filter_rows(rows, "")] == [r.team for r in rows]
    assert [r.team for r in filter_rows(rows, "", "audit")] == ["Café Nord"]
    assert [r.team for r in filter_rows(rows, "", "")] == ["apple"]
    assert filter_rows(rows, "nobody") == []


# -- playbooks ------------------------------------------------------------------------------


def test_a_playbook_in_every_format_named_after_the_team():
    plan = worked_plan()
    files = playbook_files(plan)
    assert list(files) == [f"Harbour-Café{fmt.suffix}" for fmt in PLAYBOOK_FORMATS]
    assert files["Harbour-Café-plan.json"].decode().startswith("{")
    assert files["Harbour-Café-playbook.md"].decode().startswith(
        "# Social media playbook: Harbour Café")


def test_the_zip_is_the_same_for_the_same_plans_and_keeps_teams_apart():
    plans = [worked_plan("A/B"), worked_plan("A B"), worked_plan("a-b")]
    first, second = playbooks_zip(plans), playbooks_zip(plans)
    assert first == second
    names = zipfile.ZipFile(io.BytesIO(first)).namelist()
    assert sorted({name.split("/")[0] for name in names}) == ["A-B", "A-B-2", "a-b-3"]


@given(st.text(min_size=0, max_size=80))
def test_a_file_stem_is_safe_on_every_system(team):
    stem = file_stem(team)
    assert 1 <= len(stem) <= 60
    assert re.fullmatch(r"[\w.-]+", stem)  # no folder separator, no space, no quote
    assert not stem.startswith((".", "-"))  # no hidden file, no "..", no option
