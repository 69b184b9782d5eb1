"""The response playbook, staffing arithmetic, what a target costs, automation and triage."""

from __future__ import annotations

import math

import pytest
from pydantic import ValidationError

from socialplaybook.plan.model import Plan
from socialplaybook.steps.budget.section import BudgetSection, PlatformBudget
from socialplaybook.steps.engagement.automation import automation_checks
from socialplaybook.steps.engagement.inputs import engagement_inputs
from socialplaybook.steps.engagement.playbook import (
    default_department,
    department_message,
    hours_text,
    playbook_checks,
    playbook_rows,
    with_rule,
)
from socialplaybook.steps.engagement.section import (
    AutomationShares,
    DepartmentStaff,
    EngagementSection,
    Incident,
    MessageShares,
    ResponseRule,
    StaffingInputs,
)
from socialplaybook.steps.engagement.staffing import (
    PlatformMessages,
    after_hours_note,
    department_loads,
    department_people,
    platform_messages,
    staffing_checks,
    target_cost,
    target_costs,
)
from socialplaybook.steps.engagement.triage import tier_of, triage, worked_example
from socialplaybook.steps.planning.section import RACI, DepartmentResource, PlanningSection
from socialplaybook.steps.platforms.section import PlatformChoice, PlatformsSection

RACI_GRID = (RACI().with_cell("questions", "marketing", "R")
             .with_cell("questions", "customer_service", "R")
             .with_cell("complaints", "customer_service", "A")
             .with_cell("crisis", "pr", "R").with_cell("crisis", "leadership", "A"))


def rows_by_type(section=None, raci=RACI_GRID):
    return {r.message_type: r for r in playbook_rows(section or EngagementSection(), raci)}


def test_owners_come_from_the_raci_beyond_marketing_else_the_toolkit():
    rows = rows_by_type()
    assert (rows["question"].department, rows["question"].origin["department"]) == (
        "customer_service", "raci")  # marketing is R too, but answers go beyond it
    assert (rows["complaint"].department, rows["complaint"].origin["department"]) == (
        "customer_service", "raci")  # nobody R: the Accountable
    assert (rows["sales_lead"].department, rows["sales_lead"].origin["department"]) == (
        "sales", "default")
    assert rows["crisis"].department == "pr"
    assert default_department("question", None) == ("customer_service", "default")


def test_targets_are_the_cited_expectation_or_the_toolkits_and_the_teams_wins():
    rows = rows_by_type()
    assert rows["question"].target_hours == 4 and rows["question"].origin["target"] == "cited"
    assert rows["outage"].target_hours == 1 and rows["outage"].origin["target"] == "default"
    assert rows["troll"].handling == "monitor" and rows["troll"].target_hours is None
    assert rows["spam"].handling == "hide"
    section = with_rule(EngagementSection(), ResponseRule(message_type="question",
                                                          target_hours=8, tone="Brisk"))
    mine = rows_by_type(section)["question"]
    assert (mine.target_hours, mine.tone, mine.origin["target"]) == (8, "Brisk", "team")
    assert with_rule(section, ResponseRule(message_type="question")).responses == []


def test_a_target_slower_than_customers_expect_or_no_answer_is_warned_about():
    section = with_rule(EngagementSection(), ResponseRule(message_type="complaint",
                                                          target_hours=24))
    section = with_rule(section, ResponseRule(message_type="sales_lead", handling="monitor"))
    check = {c.key: c for c in playbook_checks(list(rows_by_type(section).values()), {})}
    assert check["playbook.expectation"].level == "warning"
    assert "Complaint in 24 h and Sales lead not answered" in check["playbook.expectation"].message
    assert "4 h" in check["playbook.expectation"].message and "Sprout" in check[
        "playbook.expectation"].why
    fine = {c.key: c for c in playbook_checks(list(rows_by_type().values()), {})}
    assert fine["playbook.expectation"].ok


def test_answers_by_marketing_alone_and_owners_without_people():
    section = EngagementSection()
    for kind in ("question", "complaint", "sales_lead", "outage"):
        section = with_rule(section, ResponseRule(message_type=kind, department="marketing"))
    checks = {c.key: c for c in playbook_checks(list(rows_by_type(section).values()),
                                                {"marketing": 0})}
    assert checks["playbook.beyond_marketing"].level == "warning"
    assert checks["playbook.people"].level == "error"
    assert "Marketing" in department_message("marketing", {"marketing": 0})
    assert department_message("marketing", {"marketing": None}) is None  # not known: allowed


def test_a_target_outside_its_bounds_is_refused():
    with pytest.raises(ValidationError):
        ResponseRule(message_type="question", target_hours=0)
    with pytest.raises(ValidationError):
        ResponseRule(message_type="question", target_hours=1000)


@pytest.mark.parametrize("hours, text", [(0.25, "15 min"), (4, "4 h"), (1.5, "1.5 h")])
def test_hours_as_read(hours, text):
    assert hours_text(hours) == text


# -- staffing -----------------------------------------------------------------------------------


def staffing_plan(**staffing) -> Plan:
    return Plan(team="Harbour",
                planning=PlanningSection(raci=RACI_GRID, resources=[
                    DepartmentResource(department="customer_service", people=2,
                                       hours_per_week=4),
                    DepartmentResource(department="sales", people=0)]),
                platforms=PlatformsSection(choices=[
                    PlatformChoice(id="instagram", platform="Instagram"),
                    PlatformChoice(id="tiktok", platform="TikTok", role="handle_only")]),
                budget=BudgetSection(platforms=[PlatformBudget(
                    id="instagram", platform="Instagram", messages_per_week=100,
                    minutes_per_answer=6)]),
                engagement=EngagementSection(staffing=StaffingInputs(**staffing)))


def test_messages_times_minutes_to_hours_per_department():
    plan = staffing_plan()
    inputs = engagement_inputs(plan)
    messages = platform_messages(inputs)
    assert messages == [PlatformMessages("Instagram", 100, 6)]  # TikTok: handle only
    rows = list(rows_by_type(plan.engagement).values())
    loads = {d.department: d for d in department_loads(rows, plan.engagement.staffing,
                                                       messages, inputs)}
    # questions 40 %, complaints 20 % and outages 5 % (by RACI: complaints' Accountable)
    service = loads["customer_service"]
    assert service.messages_per_week == pytest.approx(65)
    assert service.hours_needed == pytest.approx(65 * 6 / 60)
    assert (service.people, service.hours_available, service.source) == (2, 4, "planning")
    assert loads["sales"].hours_needed == pytest.approx(10 * 6 / 60)
    assert sum(d.messages_per_week for d in loads.values()) == pytest.approx(100)
    checks = {c.key: c for c in staffing_checks(list(loads.values()))}
    assert checks["staffing.customer_service"].level == "warning"  # 6.5 h needed, 4 h there
    assert checks["staffing.sales"].level == "error"  # leads go to a department of nobody


def test_hours_entered_here_override_planning_and_need_people():
    plan = staffing_plan(departments=[DepartmentStaff(department="customer_service",
                                                      hours_per_week=10)])
    inputs = engagement_inputs(plan)
    assert department_people(plan.engagement.staffing, inputs)["customer_service"] == 2
    rows = list(rows_by_type(plan.engagement).values())
    service = next(d for d in department_loads(rows, plan.engagement.staffing,
                                               platform_messages(inputs), inputs)
                   if d.department == "customer_service")
    assert (service.hours_available, service.source) == (10, "engagement")
    with pytest.raises(ValidationError, match="Enter how many people first"):
        DepartmentStaff(department="sales", people=0, hours_per_week=5)
    with pytest.raises(ValidationError, match="at most 168 hours"):
        DepartmentStaff(department="sales", people=1, hours_per_week=200)


def test_message_shares_over_100_are_refused():
    with pytest.raises(ValidationError, match="at most 100 %"):
        MessageShares(question=90)
    assert sum(MessageShares().as_dict().values()) == 100


@pytest.mark.parametrize("target, looks", [(24, 1), (8, 1), (4, 2), (1, 8), (0.25, 32),
                                           (3, 3)])
def test_what_a_response_time_target_costs(target, looks):
    staffing = StaffingInputs()  # 8 h a day, 5 days, 10 minutes a look
    cost = target_cost(target, staffing)
    assert cost.checks_per_day == looks == max(1, math.ceil(8 / target))
    assert cost.hours_per_week == pytest.approx(looks * 5 * 10 / 60)


def test_the_playbooks_tightest_target_comes_first_and_the_night_is_said():
    costs = target_costs(list(rows_by_type().values()), StaffingInputs())
    assert [c.target_hours for c in costs] == [1, 24, 4, 0.25]
    note = after_hours_note(1, StaffingInputs())
    assert "waits up to 16 h" in note and "2 days a week nobody watches" in note
    assert after_hours_note(1, StaffingInputs(coverage_hours_per_day=24,
                                              coverage_days_per_week=7)) is None


# -- automation ---------------------------------------------------------------------------------


def test_automation_above_the_teams_share_is_warned_about_scheduling_is_not():
    checks = {c.key: c for c in automation_checks(AutomationShares(
        scheduled_posts_percent=90, automated_posts_percent=10,
        automated_replies_percent=30))}
    assert checks["automation.scheduled"].ok and "not to scheduling" in checks[
        "automation.scheduled"].message
    assert checks["automation.posts"].ok
    assert checks["automation.replies"].level == "warning"
    assert "instant replies" in checks["automation.replies"].message
    assert "seed 000" in checks["automation.replies"].why
    with pytest.raises(ValidationError, match="at most 100 %"):
        AutomationShares(scheduled_posts_percent=70, automated_posts_percent=40)
    with pytest.raises(ValidationError):
        AutomationShares(automated_replies_percent=-5)


# -- triage -------------------------------------------------------------------------------------


@pytest.mark.parametrize("ratings, tier", [
    ((0, 0, 0, 0), 1), ((1, 1, 1, 0), 1), ((1, 1, 1, 1), 2), ((2, 2, 2, 0), 2),
    ((2, 2, 2, 1), 3), ((3, 3, 3, 1), 4), ((0, 0, 0, 3), 3), ((0, 0, 3, 0), 3),
    ((3, 2, 0, 0), 3), ((3, 1, 0, 0), 2), ((0, 0, 0, 2), 2)])
def test_tiers_from_the_four_ratings(ratings, tier):
    reach, sentiment, impact, legal = ratings
    assert tier_of(Incident(reach=reach, sentiment=sentiment, impact=impact,
                            legal=legal)) == tier


def test_each_tier_has_an_owner_a_first_reply_time_and_a_trigger():
    grid = RACI_GRID
    assert triage(Incident(), grid, "customer_service", 4).owner == "customer_service"
    two = triage(Incident(reach=2, sentiment=2, impact=1), grid)
    assert (two.tier, two.owner, two.first_reply_hours) == (2, "customer_service", 1)
    three = triage(Incident(legal=3), grid)
    assert (three.tier, three.owner) == (3, "pr")
    four = triage(Incident(reach=3, sentiment=3, impact=3, legal=3), grid)
    assert (four.tier, four.owner, four.first_reply_hours) == (4, "leadership", 0.5)
    assert triage(Incident(reach=3, sentiment=3, impact=3, legal=3)).owner == "leadership"
    assert all(t.escalate_when and "[time]" in t.first_reply for t in (two, three, four))


def test_the_worked_example_shows_most_mishaps_are_tier_1_or_2():
    tiers = [tier_of(example.incident) for example in worked_example()]
    assert sum(t <= 2 for t in tiers) > len(tiers) / 2
    assert sorted(set(tiers)) == [1, 2, 3, 4]  # and what the higher tiers look like


def test_ratings_outside_0_to_3_are_refused():
    with pytest.raises(ValidationError):
        Incident(reach=4)
    with pytest.raises(ValidationError):
        Incident(legal=-1)
