"""The planning step's core: section models, SMART goal checks, vanity metrics, RACI rules,
milestone graphs, readiness, Markdown, and the planning section inside a Plan."""

from __future__ import annotations

import json
import math
from datetime import date, datetime, timedelta, timezone
from itertools import pairwise

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from socialplaybook.plan.files import plan_from_json
from socialplaybook.plan.model import Plan, PlanError
from socialplaybook.plan.schema import SCHEMA_VERSION
from socialplaybook.rules.checks import HOURS_IN_A_WEEK, Check, PartReadiness
from socialplaybook.rules.dates import add_months, horizon_end, months_between
from socialplaybook.rules.metrics import is_vanity_metric, vanity_terms
from socialplaybook.rules.numbers import MAX_TYPED_NUMBER, format_rounded
from socialplaybook.rules.section import Section
from socialplaybook.rules.vocabulary import BUSINESS_RESULTS, MAX_PEOPLE, business_result_labels
from socialplaybook.steps.audit.section import AuditSection
from socialplaybook.steps.planning.goals import (
    achievable_limit,
    achievable_range,
    achievable_rule,
    goal_checks,
)
from socialplaybook.steps.planning.markdown import planning_markdown
from socialplaybook.steps.planning.milestones import (
    find_cycle,
    milestone_checks,
    milestone_order,
    next_milestone_id,
)
from socialplaybook.steps.planning.raci import raci_checks
from socialplaybook.steps.planning.readiness import readiness, resource_checks
from socialplaybook.steps.planning.section import (
    RACI,
    AudienceSegment,
    DepartmentResource,
    Goal,
    GoalAssumptions,
    Milestone,
    PlanningSection,
    goal_unit,
    region_bands,
)
from socialplaybook.steps.planning.vocabulary import (
    ACHIEVABLE_GROWTH_PER_YEAR,
    ACTIVITIES,
    DEADLINE_MAX_MONTHS,
    DEADLINE_MIN_MONTHS,
    DEPARTMENTS,
    MAX_GOALS,
    MAX_MILESTONES,
    MAX_SEGMENTS,
    PARTS,
    activity_labels,
    department_labels,
    part_labels,
)

TODAY = date(2025, 3, 15)
GOAL_KEYS = ["goal.measurable", "goal.business_result", "goal.achievable", "goal.time_bound"]
RACI_KEYS = ["raci.one_accountable", "raci.questions_beyond_marketing",
             "raci.complaints_beyond_marketing", "raci.beyond_marketing"]
MILESTONE_KEYS = ["milestones.dates_in_order", "milestones.dependencies_exist",
                  "milestones.no_cycle", "milestones.inside_horizon"]


def by_key(checks: list[Check]) -> dict[str, Check]:
    return {c.key: c for c in checks}


def assert_well_formed(checks: list[Check]) -> None:
    for c in checks:
        assert c.ok == (c.level == "ok"), c
        assert c.level in ("ok", "todo", "warning", "error")
        assert c.message.strip() and c.why.strip()
        assert "\n" not in c.why, "why is one line"


def good_goal(**changes) -> Goal:
    data = dict(business_result="leads", metric="Qualified leads from LinkedIn", baseline=40,
                target=60, deadline=date(2025, 12, 31), owner="Sales")
    data.update(changes)
    return Goal(**data)


def full_raci() -> RACI:
    cells = {a: {} for a in ACTIVITIES}
    for a in ACTIVITIES:
        cells[a]["marketing"] = "A" if a in ("listening", "publishing", "reporting") else "C"
    cells["listening"]["customer_service"] = "R"
    cells["publishing"]["marketing"] = "A"
    cells["publishing"]["pr"] = "R"
    cells["questions"]["customer_service"] = "A"
    cells["questions"]["sales"] = "R"
    cells["complaints"]["customer_service"] = "R"
    cells["complaints"]["leadership"] = "A"
    cells["sales"]["sales"] = "A"
    cells["sales"]["billing"] = "R"
    cells["crisis"]["pr"] = "A"
    cells["crisis"]["hr_legal"] = "R"
    cells["reporting"]["product"] = "R"
    return RACI(cells=cells)


def milestone(id_: str, start: date = date(2025, 2, 1), end: date = date(2025, 3, 1),
              depends_on: list[str] | None = None, **changes) -> Milestone:
    data = dict(id=id_, title=f"Step {id_}", owner="Marketing", start=start, end=end,
                depends_on=depends_on or [])
    data.update(changes)
    return Milestone(**data)


def full_section() -> PlanningSection:
    return PlanningSection(
        goals=[
            good_goal(),
            good_goal(business_result="service_cost", metric="Support calls per month",
                      baseline=900, target=700, owner="Customer service"),
        ],
        audience=[
            AudienceSegment(name="Facility managers", kind="B2B", age_bands=["50-64", "30-49"],
                            region="Norway", needs="Quick answers on | service contracts",
                            where_they_are=["LinkedIn", "Facebook"]),
            AudienceSegment(name="Home owners", kind="B2C", age_bands=["65+"], region="Oslo",
                            needs="Someone to call", where_they_are=["Facebook"]),
        ],
        raci=full_raci(),
        milestones=[
            milestone("kickoff", date(2025, 1, 6), date(2025, 1, 10), title="Kick-off"),
            milestone("policy", date(2025, 1, 13), date(2025, 2, 28), ["kickoff"],
                      title="Write the policy", owner="HR and legal"),
            milestone("launch", date(2025, 3, 3), date(2025, 3, 3), ["policy", "kickoff"],
                      title="Launch"),
        ],
        resources=[
            DepartmentResource(department="sales", people=2, hours_per_week=4),
            DepartmentResource(department="marketing", people=1, hours_per_week=20),
            DepartmentResource(department="customer_service", people=3, hours_per_week=12.5),
            DepartmentResource(department="pr", people=1, hours_per_week=2),
            DepartmentResource(department="billing", people=1, hours_per_week=1),
            DepartmentResource(department="hr_legal", people=1, hours_per_week=1),
            DepartmentResource(department="product", people=1, hours_per_week=1),
        ],
        horizon_start=date(2025, 1, 1),
        horizon_months=12,
    )


# -- models: what is stored, what is refused ----------------------------------------------------


def test_sections_share_the_plan_section_base():
    from socialplaybook.steps.audit.section import AuditSection

    assert issubclass(AuditSection, Section)
    for model in (Goal, AudienceSegment, RACI, Milestone, DepartmentResource, PlanningSection):
        assert issubclass(model, Section)


def test_half_typed_goal_is_storable():
    goal = Goal()
    assert goal.metric == "" and goal.target is None and goal.business_result is None
    assert Goal(business_result="revenue", metric="", target=None).metric == ""
    # text is kept as typed (a widget typing "new " must not lose its space)
    assert Goal(metric="new ").metric == "new "


@pytest.mark.parametrize("field", ["baseline", "target"])
@pytest.mark.parametrize("value", [-1, -0.01, float("inf"), float("nan"), "many"])
def test_goal_numbers_refused(field, value):
    with pytest.raises(ValidationError):
        Goal(**{field: value})


def test_goal_number_assignment_refused_keeps_last_valid_value():
    goal = good_goal()
    with pytest.raises(ValidationError):
        goal.target = -5
    with pytest.raises(ValidationError):
        goal.target = "12a"
    assert goal.target == 60
    goal.target = "75"
    assert goal.target == 75.0


def test_goal_business_result_must_be_known():
    assert set(BUSINESS_RESULTS) == {"revenue", "leads", "retention", "service_cost",
                                     "reputation", "hiring", "other"}
    assert set(business_result_labels()) == set(BUSINESS_RESULTS)
    with pytest.raises(ValidationError):
        Goal(business_result="followers")


def test_unknown_fields_refused():
    with pytest.raises(ValidationError):
        Goal(colour="red")
    with pytest.raises(ValidationError):
        PlanningSection(budget=1)


def test_audience_segment_bands_and_kind():
    segment = AudienceSegment(age_bands=["65+", "18-29", "65+"])
    assert segment.age_bands == ["18-29", "65+"]
    assert segment.region_code == "US"  # bands without a region: Pew's, as before schema 4
    assert region_bands("US") == ("18-29", "30-49", "50-64", "65+")
    with pytest.raises(ValidationError):
        AudienceSegment(age_bands=["25-34"])
    with pytest.raises(ValidationError):
        AudienceSegment(kind="B2G")
    assert AudienceSegment(kind="B2B", where_they_are=["TikTok", "a forum"]).kind == "B2B"


def test_raci_default_is_the_full_empty_grid():
    raci = RACI()
    assert list(raci.cells) == list(ACTIVITIES)
    for row in raci.cells.values():
        assert list(row) == list(DEPARTMENTS)
        assert set(row.values()) == {""}


def test_raci_letters_normalised_and_grid_filled():
    raci = RACI(cells={"crisis": {"pr": " a ", "leadership": "i"}})
    assert raci.letter("crisis", "pr") == "A"
    assert raci.letter("crisis", "leadership") == "I"
    assert raci.letter("sales", "sales") == ""
    assert list(raci.cells) == list(ACTIVITIES)


@pytest.mark.parametrize("letter", ["X", "RA", "A/R", "responsible", "1", "-"])
def test_raci_bad_letter_refused(letter):
    with pytest.raises(ValidationError) as excinfo:
        RACI(cells={"crisis": {"pr": letter}})
    assert "RACI letter" in str(excinfo.value)


def test_raci_unknown_activity_or_department_refused():
    with pytest.raises(ValidationError, match="activity"):
        RACI(cells={"dancing": {"pr": "R"}})
    with pytest.raises(ValidationError, match="department"):
        RACI(cells={"crisis": {"it": "R"}})


def test_raci_with_cell_returns_a_validated_copy():
    raci = RACI()
    changed = raci.with_cell("complaints", "customer_service", "r")
    assert changed.letter("complaints", "customer_service") == "R"
    assert raci.letter("complaints", "customer_service") == ""
    with pytest.raises(ValidationError):
        raci.with_cell("complaints", "customer_service", "Z")
    with pytest.raises(ValidationError):
        raci.with_cell("nope", "customer_service", "R")


def test_section_raci_assignment_is_validated():
    section = PlanningSection()
    with pytest.raises(ValidationError):
        section.raci = {"cells": {"crisis": {"pr": "Q"}}}
    assert section.raci == RACI()


@pytest.mark.parametrize("bad_id", ["", "Kickoff", "-a", "a b", "a_b", "a" * 65, "ü"])
def test_milestone_id_must_be_a_slug(bad_id):
    with pytest.raises(ValidationError):
        milestone(bad_id)
    with pytest.raises(ValidationError):
        milestone("ok", depends_on=[bad_id])


def test_milestone_end_before_start_is_storable_and_dependencies_deduplicated():
    m = milestone("a", date(2025, 5, 1), date(2025, 4, 1), ["b", "c", "b"])
    assert m.end < m.start
    assert m.depends_on == ["b", "c"]


@pytest.mark.parametrize(
    ("people", "hours"),
    [(-1, 0), (MAX_PEOPLE + 1, 0), (1, -0.5), (1, HOURS_IN_A_WEEK + 0.01), (0, 1),
     (2, 2 * HOURS_IN_A_WEEK + 1), (1, float("inf")), (1.5, 1)],
)
def test_department_resource_refused(people, hours):
    with pytest.raises(ValidationError):
        DepartmentResource(department="sales", people=people, hours_per_week=hours)


def test_department_resource_limits():
    assert DepartmentResource(department="sales", people=2,
                              hours_per_week=2 * HOURS_IN_A_WEEK).hours_per_week == 336
    assert DepartmentResource(department="sales").people == 0
    assert DepartmentResource(department="sales", people=MAX_PEOPLE).people == MAX_PEOPLE
    with pytest.raises(ValidationError):
        DepartmentResource(department="it", people=1)
    resource = DepartmentResource(department="sales", people=1, hours_per_week=10)
    with pytest.raises(ValidationError):
        resource.people = 0
    assert resource.people == 1


def test_section_list_limits():
    PlanningSection(goals=[Goal() for _ in range(MAX_GOALS)],
                    audience=[AudienceSegment() for _ in range(MAX_SEGMENTS)])
    with pytest.raises(ValidationError):
        PlanningSection(goals=[Goal() for _ in range(MAX_GOALS + 1)])
    with pytest.raises(ValidationError):
        PlanningSection(audience=[AudienceSegment() for _ in range(MAX_SEGMENTS + 1)])
    ids = [f"m{i}" for i in range(MAX_MILESTONES + 1)]
    PlanningSection(milestones=[milestone(i) for i in ids[:MAX_MILESTONES]])
    with pytest.raises(ValidationError):
        PlanningSection(milestones=[milestone(i) for i in ids])


def test_more_than_five_goals_refused_on_assignment_too():
    section = PlanningSection(goals=[Goal() for _ in range(MAX_GOALS)])
    with pytest.raises(ValidationError):
        section.goals = [Goal() for _ in range(MAX_GOALS + 1)]
    assert len(section.goals) == MAX_GOALS


def test_refused_assignment_keeps_the_last_valid_value():
    section = PlanningSection(milestones=[milestone("a")])
    with pytest.raises(ValidationError):
        section.milestones = [milestone("a"), milestone("a")]
    assert [m.id for m in section.milestones] == ["a"]
    resource = DepartmentResource(department="pr", people=2, hours_per_week=300)
    with pytest.raises(ValidationError):
        resource.people = 1
    assert resource.people == 2
    resource.people = 3
    assert resource.people == 3 and "people" in resource.model_fields_set


def test_section_duplicates_refused():
    with pytest.raises(ValidationError, match="id 'a'"):
        PlanningSection(milestones=[milestone("a"), milestone("a")])
    with pytest.raises(ValidationError, match="twice"):
        PlanningSection(resources=[DepartmentResource(department="pr"),
                                   DepartmentResource(department="pr")])


@pytest.mark.parametrize(("months", "valid"), [(0, False), (1, True), (12, True), (36, True),
                                                (37, False), (-3, False)])
def test_horizon_months_range(months, valid):
    if valid:
        assert PlanningSection(horizon_months=months).horizon_months == months
    else:
        with pytest.raises(ValidationError):
            PlanningSection(horizon_months=months)
    assert PlanningSection().horizon_months == 12


# -- months -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        (date(2025, 1, 15), date(2025, 2, 14), 0),
        (date(2025, 1, 15), date(2025, 2, 15), 1),
        (date(2025, 1, 15), date(2026, 1, 15), 12),
        (date(2025, 1, 15), date(2028, 1, 14), 35),
        (date(2025, 1, 15), date(2028, 1, 15), 36),
        (date(2025, 1, 31), date(2025, 2, 28), 0),
        (date(2025, 1, 15), date(2025, 1, 1), 0),
        (date(2025, 3, 15), date(2025, 1, 20), -1),
        (date(2025, 3, 15), date(2025, 1, 15), -2),
    ],
)
def test_months_between(start, end, months):
    assert months_between(start, end) == months


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2025, 11, 30), 3, date(2026, 2, 28)),
        (date(2025, 3, 15), -3, date(2024, 12, 15)),
        (date(9999, 6, 1), 12, date.max),
        (date(1, 3, 1), -12, date.min),
    ],
)
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


def test_horizon_end_is_the_last_day_inside():
    assert horizon_end(date(2025, 1, 1), 12) == date(2025, 12, 31)
    assert horizon_end(date(2025, 3, 15), 1) == date(2025, 4, 14)
    assert horizon_end(date(9999, 12, 1), 36) == date.max


@given(st.dates(max_value=date(9960, 1, 1)).filter(lambda d: d.day <= 28),
       st.integers(0, 400), st.integers(0, 27))
def test_months_between_counts_whole_months(start, n, extra_days):
    later = add_months(start, n) + timedelta(days=extra_days)
    expected = n if later < add_months(start, n + 1) else n + 1
    assert months_between(start, later) == expected
    assert months_between(start, add_months(start, n)) == n


# -- goal checks -------------------------------------------------------------------------------


def test_good_goal_passes_everything():
    checks = goal_checks(good_goal(), TODAY)
    assert [c.key for c in checks] == GOAL_KEYS
    assert all(c.ok for c in checks), checks
    assert_well_formed(checks)


@pytest.mark.parametrize(
    ("changes", "fragment"),
    [
        ({"metric": ""}, "metric"),
        ({"metric": "   "}, "metric"),
        ({"target": None}, "target"),
        ({"metric": "", "target": None}, "metric (what you count) and a target"),
    ],
)
def test_measurable_fails(changes, fragment):
    check = by_key(goal_checks(good_goal(**changes), TODAY))["goal.measurable"]
    assert not check.ok and check.level == "warning"
    assert fragment in check.message


def test_measurable_passes_with_target_zero():
    check = by_key(goal_checks(good_goal(target=0, baseline=3), TODAY))["goal.measurable"]
    assert check.ok


VANITY_METRICS = [
    "Followers", "follower count", "Instagram followers", "page likes", "Likes per post",
    "comments", "Blog comments per month", "video views", "Impressions", "YouTube subscribers",
    "reach", "Fans on Facebook", "page-followers",
    "Followerzahl auf Instagram", "Anzahl Kommentare", "Reichweite", "Abonnenten",
    "Seitenaufrufe", "antall følgere", "Følgertall", "kommentarer på bloggen", "visninger",
    "rekkevidde", "微信粉丝数", "点赞数", "评论数量", "浏览量", "მიმდევრების რაოდენობა",
    "კომენტარები", "ლაიქები",
]
BUSINESS_METRICS = [
    "Qualified leads", "Revenue from social", "orders via Instagram shop", "Support calls",
    "Repeat customers", "Applications per job ad", "Cost per ticket", "Reviews rated 4+",
    "Share of customers who heard of us on LinkedIn", "Likelihood to recommend (NPS)",
    "Leads from followers", "Sales from Facebook fans", "Kundenanfragen", "Umsatz",
    "antall henvendelser", "salg fra Facebook", "销售额", "客户线索", "გაყიდვები",
    "Preview downloads", "Commentary quality", "fantastic service score", "",
]


@pytest.mark.parametrize("metric", VANITY_METRICS)
def test_vanity_metrics_detected(metric):
    assert is_vanity_metric(metric)
    assert vanity_terms(metric)
    check = by_key(goal_checks(good_goal(metric=metric), TODAY))["goal.business_result"]
    assert not check.ok and check.level == "warning"
    assert "not clients" in check.message
    assert vanity_terms(metric)[0] in check.message


@pytest.mark.parametrize("metric", BUSINESS_METRICS)
def test_business_metrics_pass(metric):
    assert not is_vanity_metric(metric)
    check = by_key(goal_checks(good_goal(metric=metric), TODAY))["goal.business_result"]
    assert check.ok
    assert "Leads" in check.message


def test_vanity_terms_reported_once_in_order():
    assert vanity_terms("Likes and page-followers and likes") == ["likes", "page-followers"]


def test_business_result_must_be_chosen():
    check = by_key(goal_checks(good_goal(business_result=None), TODAY))["goal.business_result"]
    assert not check.ok and "business result" in check.message


def test_business_result_why_paraphrases_the_articles():
    check = by_key(goal_checks(good_goal(), TODAY))["goal.business_result"]
    assert "not clients" in check.why and "business" in check.why


def test_achievable_default_is_shown_as_a_default_not_a_fact():
    assert ACHIEVABLE_GROWTH_PER_YEAR == 2.0 == GoalAssumptions().growth_per_year
    why = by_key(goal_checks(good_goal(), TODAY))["goal.achievable"].why
    assert why == achievable_rule()
    assert "2x" in why and "12 months" in why and "5 points" in why
    assert "default" in why and "not a published benchmark" in why
    own = GoalAssumptions(growth_per_year=3)
    assert "your team's own" in achievable_rule(own) and "3x" in achievable_rule(own)


@pytest.mark.parametrize(
    ("baseline", "target", "deadline", "ok"),
    [
        (100, 200, date(2026, 3, 15), True),     # doubling in exactly 12 months
        (100, 200.01, date(2026, 3, 15), False),
        (100, 200, date(2026, 3, 14), False),    # 11 whole months: at most 188.8
        (100, 188, date(2026, 3, 14), True),
        (100, 400, date(2027, 3, 15), True),     # 24 months: x4
        (100, 800, date(2028, 3, 15), True),     # 36 months: x8
        (100, 1000, date(2028, 3, 15), False),
        (100, 100, date(2025, 3, 20), True),     # no change needs no time
        (100, 101, date(2025, 3, 20), False),    # 0 whole months: no growth allowed
        (100, 150, date(2024, 1, 1), False),     # a past deadline counts as 0 months
        (100, 60, date(2026, 3, 15), True),      # a cut (service cost): halving in a year
        (100, 40, date(2026, 3, 15), False),     # more than halving in a year
        (100, 50, date(2025, 6, 1), False),      # halving in 2 months
        (0.5, 1, date(2026, 3, 15), True),       # small: judged by additions
    ],
)
def test_achievable(baseline, target, deadline, ok):
    check = by_key(goal_checks(good_goal(baseline=baseline, target=target, deadline=deadline),
                               TODAY))["goal.achievable"]
    assert check.ok is ok
    assert check.level == ("ok" if ok else "warning")
    if not ok:
        assert "at most" in check.message
    if baseline != target:  # the message names the assumption and where to change it
        assert "Our assumptions" in check.message


def test_achievable_from_zero_is_a_todo_not_a_pass():
    check = by_key(goal_checks(good_goal(baseline=0, target=10_000), TODAY))["goal.achievable"]
    assert not check.ok and check.level == "todo"
    assert "Starting from 0" in check.message and "2x per 12 months" in check.message
    assert "Our assumptions" in check.message
    same = by_key(goal_checks(good_goal(baseline=0, target=0), TODAY))["goal.achievable"]
    assert same.ok  # nothing to grow


def test_two_to_ten_leads_in_a_year_is_judged_by_additions():
    goal = good_goal(baseline=2, target=10, deadline=date(2026, 3, 15))
    check = by_key(goal_checks(goal, TODAY))["goal.achievable"]
    assert check.ok, check.message  # x5, but only 8 more: the default allows +10 from 2
    assert "additions" in check.message and "up to 12" in check.message
    assert achievable_range(2, 12, "number") == (pytest.approx(0), 12, "additions")
    too_many = by_key(goal_checks(goal.model_copy(update={"target": 13}), TODAY))
    assert not too_many["goal.achievable"].ok
    # a team that says small counts are its normal scale judges 2 by multiples again
    strict = GoalAssumptions(small_baseline=0)
    assert not by_key(goal_checks(goal, TODAY, strict))["goal.achievable"].ok


@pytest.mark.parametrize(("metric", "unit", "expected"), [
    ("conversion rate %", None, "percent"), ("share of sales in per cent", None, "percent"),
    ("Anteil in Prozent", None, "percent"), ("qualified leads", None, "number"),
    ("revenue", "percent", "percent"), ("% of orders", "number", "number")])
def test_goal_unit_is_chosen_or_read_from_the_metric(metric, unit, expected):
    assert goal_unit(Goal(metric=metric, unit=unit)) == expected


@pytest.mark.parametrize(("baseline", "target", "months", "level"), [
    (20, 25, 12, "ok"),          # +5 points in a year
    (20, 26, 12, "warning"),     # +6 points: doubling 20 % would be +20 points
    (2, 4, 12, "ok"),            # 2 % -> 4 %: x2, but only 2 points
    (0, 3, 12, "ok"),            # a share can be judged from 0: points, not multiples
    (98, 100, 12, "ok"),
    (40, 35, 12, "ok"),          # down 5 points
    (40, 30, 12, "warning"),
    (50, 120, 12, "error"),      # a share cannot exceed 100
])
def test_percentages_move_by_points_within_0_to_100(baseline, target, months, level):
    goal = good_goal(metric="share of orders from social", unit="percent", baseline=baseline,
                     target=target, deadline=add_months(TODAY, months))
    check = by_key(goal_checks(goal, TODAY))["goal.achievable"]
    assert check.level == level, check.message
    if level != "error":
        assert "percentage points" in check.message
    assert achievable_range(98, 12, "percent").high == 100


def test_the_team_changes_the_assumption_and_the_check_follows():
    goal = good_goal(baseline=100, target=300, deadline=date(2026, 3, 15))
    section = PlanningSection(goals=[goal])
    assert not by_key(goal_checks(goal, TODAY, section.assumptions))["goal.achievable"].ok
    assert readiness(section, TODAY)[0].warnings == 1
    section.assumptions = GoalAssumptions(growth_per_year=3)
    check = by_key(goal_checks(goal, TODAY, section.assumptions))["goal.achievable"]
    assert check.ok and "3x" in check.message and "3x" in check.why
    assert readiness(section, TODAY)[0].warnings == 0
    with pytest.raises(ValidationError):
        GoalAssumptions(growth_per_year=0.5)  # growth below 1 is a cut, not a ceiling
    with pytest.raises(ValidationError):
        GoalAssumptions(deadline_min_months=12, deadline_max_months=6)


@pytest.mark.parametrize("changes", [{"baseline": None}, {"target": None}, {"deadline": None}])
def test_achievable_needs_baseline_target_and_deadline(changes):
    check = by_key(goal_checks(good_goal(**changes), TODAY))["goal.achievable"]
    assert not check.ok and check.level == "warning"


def test_achievable_limit():
    assert achievable_limit(100, 12) == 200
    assert achievable_limit(100, 0) == 100
    assert achievable_limit(100, -5) == 100
    assert achievable_limit(100, 6) == pytest.approx(141.421356)
    assert achievable_limit(1, 10**6) == math.inf
    assert achievable_limit(100, 12, 3) == 300


@pytest.mark.parametrize(
    ("deadline", "ok", "fragment"),
    [
        (None, False, "Set a deadline"),
        (date(2025, 3, 1), False, "not ahead"),
        (TODAY, False, "not ahead"),
        (date(2025, 4, 14), False, "0 months ahead, nearer than your planning window"),
        (date(2025, 4, 15), True, "1 month ahead"),
        (date(2026, 3, 15), True, "12 months"),
        (date(2028, 3, 15), True, "36 months"),
        (date(2028, 4, 14), True, "36 months"),
        (date(2028, 4, 15), False, "37 months ahead, further than your planning window of "
                                   "1 to 36 months"),
        (date(2040, 1, 1), False, "further than"),
    ],
)
def test_time_bound(deadline, ok, fragment):
    check = by_key(goal_checks(good_goal(deadline=deadline), TODAY))["goal.time_bound"]
    assert check.ok is ok
    assert fragment in check.message
    assert str(DEADLINE_MIN_MONTHS) in check.why and str(DEADLINE_MAX_MONTHS) in check.why
    assert "default" in check.why and "take years" in check.why


def test_the_deadline_window_is_the_teams_to_change():
    far = good_goal(deadline=date(2030, 3, 15))  # 60 months
    assert not by_key(goal_checks(far, TODAY))["goal.time_bound"].ok
    window = GoalAssumptions(deadline_min_months=3, deadline_max_months=60)
    check = by_key(goal_checks(far, TODAY, window))["goal.time_bound"]
    assert check.ok and "3 to 60 months" in check.message and "your team's own" in check.why
    soon = by_key(goal_checks(good_goal(deadline=date(2025, 5, 15)), TODAY, window))
    assert soon["goal.time_bound"].level == "warning"
    assert "early signs" in soon["goal.time_bound"].message
    assert "Our assumptions" in soon["goal.time_bound"].message


def reference_months(today: date, deadline: date) -> int:
    """Whole months ahead, written out independently; 0 for a deadline not ahead."""
    if deadline <= today:
        return 0
    months = (deadline.year - today.year) * 12 + deadline.month - today.month
    return months - (1 if deadline.day < today.day else 0)


# Up to the bound a goal's numbers have (what a field reads and shows: 1e12).
NUMBERS = st.one_of(st.none(), st.floats(min_value=0, max_value=1e6),
                    st.floats(min_value=0, max_value=MAX_TYPED_NUMBER),
                    st.integers(0, 10**6))


@settings(max_examples=400)
@given(
    business_result=st.one_of(st.none(), st.sampled_from(BUSINESS_RESULTS)),
    metric=st.one_of(st.text(max_size=120), st.sampled_from(VANITY_METRICS + BUSINESS_METRICS)),
    baseline=NUMBERS, target=NUMBERS,
    deadline=st.one_of(st.none(), st.dates()),
    today=st.dates(),
)
@example(business_result="leads", metric="leads", baseline=MAX_TYPED_NUMBER,
         target=MAX_TYPED_NUMBER, deadline=date.max, today=date.min)
@example(business_result="leads", metric="leads", baseline=5e-324, target=1.0,
         deadline=date.max, today=date.min)
def test_goal_checks_property(business_result, metric, baseline, target, deadline, today):
    goal = Goal(business_result=business_result, metric=metric, baseline=baseline,
                target=target, deadline=deadline)
    checks = goal_checks(goal, today)
    assert [c.key for c in checks] == GOAL_KEYS
    assert_well_formed(checks)
    found = by_key(checks)
    assert found["goal.measurable"].ok == (bool(metric.strip()) and target is not None)
    assert found["goal.business_result"].ok == (
        business_result is not None and not is_vanity_metric(metric))
    if deadline is not None:
        months = reference_months(today, deadline)
        assert found["goal.time_bound"].ok == (
            DEADLINE_MIN_MONTHS <= months <= DEADLINE_MAX_MONTHS)
    if baseline is None or target is None or deadline is None:
        assert not found["goal.achievable"].ok
    elif goal_unit(goal) == "percent" and max(baseline, target) > 100:
        assert found["goal.achievable"].level == "error"
    elif target == baseline:
        assert found["goal.achievable"].ok
    elif baseline == 0 and goal_unit(goal) == "number":
        assert found["goal.achievable"].level == "todo"
    elif goal_unit(goal) == "percent":
        step = 5 * reference_months(today, deadline) / 12
        assert found["goal.achievable"].ok == (
            max(0.0, baseline - step) <= target <= min(100.0, baseline + step))
    else:
        months = reference_months(today, deadline)
        try:
            factor = ACHIEVABLE_GROWTH_PER_YEAR ** (months / 12)
        except OverflowError:
            factor = math.inf
        if baseline < 10:  # additions, as many as from 10
            high = baseline + (10 * (factor - 1) if factor != math.inf else math.inf)
            low = baseline - 10 * (1 - 1 / factor)
        else:
            high = baseline * factor if factor != math.inf else math.inf
            low = baseline / factor
        assert found["goal.achievable"].ok == (low <= target <= high)


# -- RACI checks -------------------------------------------------------------------------------


def test_full_raci_passes():
    checks = raci_checks(full_raci())
    assert [c.key for c in checks] == RACI_KEYS
    assert all(c.ok for c in checks), checks
    assert_well_formed(checks)


def test_empty_raci_warns_on_everything():
    checks = raci_checks(RACI())
    assert [c.ok for c in checks] == [False] * 4
    assert all(c.level == "warning" for c in checks)
    assert_well_formed(checks)


def test_missing_accountable_is_named():
    raci = full_raci().with_cell("crisis", "pr", "R")
    check = by_key(raci_checks(raci))["raci.one_accountable"]
    assert not check.ok and check.level == "warning"
    assert activity_labels()["crisis"] in check.message
    assert activity_labels()["sales"] not in check.message


def test_two_accountables_is_an_error():
    raci = full_raci().with_cell("crisis", "leadership", "A")
    check = by_key(raci_checks(raci))["raci.one_accountable"]
    assert not check.ok and check.level == "error"
    assert activity_labels()["crisis"] in check.message


@pytest.mark.parametrize("activity", ["questions", "complaints"])
def test_marketing_alone_does_not_answer(activity):
    raci = full_raci()
    for department in DEPARTMENTS:
        if raci.letter(activity, department) == "R":
            raci = raci.with_cell(activity, department, "")
    key = f"raci.{activity}_beyond_marketing"
    nobody = by_key(raci_checks(raci))[key]
    assert not nobody.ok and "nobody" in nobody.message
    only_marketing = by_key(raci_checks(raci.with_cell(activity, "marketing", "R")))[key]
    assert not only_marketing.ok and "only marketing" in only_marketing.message
    both = raci.with_cell(activity, "marketing", "R").with_cell(activity, "billing", "R")
    check = by_key(raci_checks(both))[key]
    assert check.ok and department_labels()["billing"] in check.message
    assert department_labels()["marketing"] not in check.message


def test_accountable_alone_does_not_answer():
    raci = RACI(cells={"complaints": {"customer_service": "A", "marketing": "R"}})
    assert not by_key(raci_checks(raci))["raci.complaints_beyond_marketing"].ok


def test_someone_beyond_marketing_must_be_responsible():
    only_marketing = RACI(cells={a: {"marketing": "R", "sales": "C"} for a in ACTIVITIES})
    assert not by_key(raci_checks(only_marketing))["raci.beyond_marketing"].ok
    one_more = only_marketing.with_cell("reporting", "leadership", "R")
    check = by_key(raci_checks(one_more))["raci.beyond_marketing"]
    assert check.ok and department_labels()["leadership"] in check.message


RACI_GRIDS = st.dictionaries(
    st.sampled_from(ACTIVITIES),
    st.dictionaries(st.sampled_from(DEPARTMENTS), st.sampled_from(["R", "A", "C", "I", ""])),
)


@given(RACI_GRIDS)
def test_raci_checks_property(cells):
    raci = RACI(cells=cells)
    checks = by_key(raci_checks(raci))
    assert_well_formed(list(checks.values()))

    def letter(a, d):
        return cells.get(a, {}).get(d, "")

    counts = [sum(letter(a, d) == "A" for d in DEPARTMENTS) for a in ACTIVITIES]
    assert checks["raci.one_accountable"].ok == all(n == 1 for n in counts)
    assert (checks["raci.one_accountable"].level == "error") == any(n > 1 for n in counts)
    for activity in ("questions", "complaints"):
        assert checks[f"raci.{activity}_beyond_marketing"].ok == any(
            letter(activity, d) == "R" for d in DEPARTMENTS if d != "marketing")
    assert checks["raci.beyond_marketing"].ok == any(
        letter(a, d) == "R" for a in ACTIVITIES for d in DEPARTMENTS if d != "marketing")


# -- milestone checks ------------------------------------------------------------------------


def test_good_milestones_pass():
    section = full_section()
    checks = milestone_checks(section.milestones, section.horizon_start, section.horizon_months)
    assert [c.key for c in checks] == MILESTONE_KEYS
    assert all(c.ok for c in checks), checks
    assert_well_formed(checks)


def test_no_milestones_is_todo_not_a_tick():
    # nothing to judge yet: neither a pass (a tick) nor a warning
    checks = milestone_checks([], date(2025, 1, 1), 12)
    assert [c.key for c in checks] == MILESTONE_KEYS
    assert [c.level for c in checks] == ["todo"] * 4
    assert not any(c.ok for c in checks)
    assert all("Add a milestone" in c.message for c in checks)
    assert_well_formed(checks)


def test_end_before_start_is_an_error_check():
    ms = [milestone("a", date(2025, 5, 2), date(2025, 5, 1), title="Launch"),
          milestone("b", date(2025, 5, 1), date(2025, 5, 1))]
    check = by_key(milestone_checks(ms, None, 12))["milestones.dates_in_order"]
    assert not check.ok and check.level == "error"
    assert "Launch" in check.message and "Step b" not in check.message


def test_missing_dependency_is_named():
    ms = [milestone("a"), milestone("b", depends_on=["a", "ghost"])]
    check = by_key(milestone_checks(ms, None, 12))["milestones.dependencies_exist"]
    assert not check.ok and check.level == "error"
    assert "ghost" in check.message and "Step b" in check.message


def test_cycle_is_reported_with_its_ids():
    ms = [milestone("a", depends_on=["c"]), milestone("b", depends_on=["a"]),
          milestone("c", depends_on=["b"]), milestone("d", depends_on=["a"])]
    check = by_key(milestone_checks(ms, None, 12))["milestones.no_cycle"]
    assert not check.ok and check.level == "error"
    cycle = find_cycle(ms)
    assert cycle[0] == cycle[-1] and set(cycle) == {"a", "b", "c"}
    assert " → ".join(cycle) in check.message
    assert "d" not in cycle


def test_self_dependency_is_a_cycle():
    ms = [milestone("a", depends_on=["a"])]
    assert find_cycle(ms) == ["a", "a"]
    assert not by_key(milestone_checks(ms, None, 12))["milestones.no_cycle"].ok


def test_horizon():
    ms = [milestone("in", date(2025, 1, 1), date(2025, 12, 31)),
          milestone("late", date(2025, 12, 1), date(2026, 1, 1), title="Too late"),
          milestone("early", date(2024, 12, 31), date(2025, 1, 5), title="Too early")]
    check = by_key(milestone_checks(ms, date(2025, 1, 1), 12))["milestones.inside_horizon"]
    assert not check.ok and check.level == "warning"
    assert "Too late" in check.message and "Too early" in check.message
    assert "Step in" not in check.message and "2025-12-31" in check.message
    assert by_key(milestone_checks(ms[:1], date(2025, 1, 1), 12))["milestones.inside_horizon"].ok
    not_set = by_key(milestone_checks(ms, None, 12))["milestones.inside_horizon"]
    assert not not_set.ok and not_set.level == "todo" and "start date" in not_set.message


def has_cycle_brute_force(graph: dict[str, list[str]]) -> bool:
    """Whether some milestone can reach itself by following dependencies (plain DFS)."""

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for nxt in graph.get(start, []):
            if nxt == goal:
                return True
            if nxt in graph and nxt not in seen:
                seen.add(nxt)
                if reaches(nxt, goal, seen):
                    return True
        return False

    return any(reaches(node, node, set()) for node in graph)


@st.composite
def milestone_graphs(draw):
    n = draw(st.integers(0, 9))
    ids = [f"m{i}" for i in range(n)]
    candidates = ids + ["ghost", "x-1"]
    graph = {i: draw(st.lists(st.sampled_from(candidates), max_size=4)) if candidates else []
             for i in ids}
    return graph


@settings(max_examples=300)
@given(milestone_graphs())
@example({"a": ["b"], "b": ["c"], "c": ["a"]})
@example({"a": ["a"]})
@example({"a": ["ghost"], "b": ["a"]})
def test_cycle_detection_agrees_with_brute_force(graph):
    ms = [milestone(i, depends_on=deps) for i, deps in graph.items()]
    existing = {i: [d for d in deps if d in graph] for i, deps in graph.items()}
    expected = has_cycle_brute_force(existing)
    cycle = find_cycle(ms)
    check = by_key(milestone_checks(ms, None, 12))["milestones.no_cycle"]
    assert check.ok == (bool(graph) and not expected)  # no milestones: todo
    assert (cycle is not None) == expected
    if cycle:
        assert cycle[0] == cycle[-1] and len(cycle) >= 2
        # each id in the report is one the next waits for: a real cycle
        for before, after in pairwise(cycle):
            assert before in existing[after]
    else:
        order = milestone_order(ms)
        assert sorted(order) == sorted(graph)
        position = {m: k for k, m in enumerate(order)}
        for i, deps in existing.items():
            assert all(position[d] < position[i] for d in deps)
    missing = by_key(milestone_checks(ms, None, 12))["milestones.dependencies_exist"]
    assert missing.ok == (bool(graph) and all(d in graph for deps in graph.values() for d in deps))


@given(st.lists(st.tuples(st.dates(), st.dates()), max_size=6), st.one_of(st.none(), st.dates()),
       st.integers(1, 36))
def test_milestone_dates_property(spans, horizon_start, horizon_months):
    ms = [milestone(f"m{i}", start, end) for i, (start, end) in enumerate(spans)]
    checks = by_key(milestone_checks(ms, horizon_start, horizon_months))
    assert_well_formed(list(checks.values()))
    assert checks["milestones.dates_in_order"].ok == (bool(spans)
                                                      and all(e >= s for s, e in spans))
    if horizon_start is None:
        assert checks["milestones.inside_horizon"].level == "todo"
    else:
        last = horizon_end(horizon_start, horizon_months)
        assert checks["milestones.inside_horizon"].ok == (bool(spans) and all(
            horizon_start <= s <= last and horizon_start <= e <= last for s, e in spans))


def test_next_milestone_id():
    assert next_milestone_id([]) == "m1"
    assert next_milestone_id([milestone("m1"), milestone("m3")]) == "m2"
    assert Milestone(id=next_milestone_id([]), start=TODAY, end=TODAY).id == "m1"


# -- resources ---------------------------------------------------------------------------------


def test_responsible_departments_need_hours():
    section = full_section()
    assert resource_checks(section)[0].ok
    short = section.model_copy(update={"resources": [
        r for r in section.resources if r.department != "billing"]})
    check = resource_checks(short)[0]
    assert not check.ok and department_labels()["billing"] in check.message
    zero = section.model_copy(update={"resources": [
        DepartmentResource(department="billing", people=1, hours_per_week=0)
        if r.department == "billing" else r for r in section.resources]})
    assert not resource_checks(zero)[0].ok
    assert_well_formed(resource_checks(zero))


def test_resources_are_todo_until_someone_is_responsible():
    check = resource_checks(PlanningSection())[0]
    assert (check.ok, check.level) == (False, "todo")
    assert "Responsible (R)" in check.message
    marked = PlanningSection(raci=RACI().with_cell("complaints", "customer_service", "R"))
    assert resource_checks(marked)[0].level == "warning"


def test_readiness_does_not_count_todo_checks_as_warnings():
    # no start date and no milestones: the timeline checks are todo, not "to check"
    section = PlanningSection(raci=full_raci())
    assert by_key(milestone_checks([], None, 12))["milestones.inside_horizon"].level == "todo"
    summary = {p.part: p for p in readiness(section, TODAY)}
    assert summary["timeline"].warnings == 0
    assert summary["resources"].warnings == 1  # Responsible departments without hours


# -- readiness --------------------------------------------------------------------------------


def test_readiness_of_an_empty_section():
    summary = readiness(PlanningSection(), TODAY)
    assert [p.part for p in summary] == list(PARTS) == list(part_labels())
    assert [p.complete for p in summary] == [False] * 5
    assert all(isinstance(p, PartReadiness) and isinstance(p, tuple) for p in summary)
    # an empty RACI warns on its four rules; nothing else exists yet to warn about
    assert {p.part: p.warnings for p in summary} == {
        "goals": 0, "audience": 0, "raci": 4, "timeline": 0, "resources": 0}


def test_readiness_of_a_full_section():
    summary = readiness(full_section(), TODAY)
    assert all(p.complete for p in summary), summary
    assert all(p.warnings == 0 for p in summary), summary
    part, complete, warnings = summary[0]
    assert (part, complete, warnings) == ("goals", True, 0)


def test_readiness_counts_warnings_and_gaps():
    section = full_section()
    section.goals = [good_goal(metric="Instagram followers", deadline=None), Goal()]
    section.audience = [AudienceSegment(name="Students", kind="B2C", age_bands=["18-29"])]
    section.milestones = [milestone("a", depends_on=["b"]), milestone("b", depends_on=["a"])]
    section.raci = section.raci.with_cell("crisis", "leadership", "A")
    summary = {p.part: p for p in readiness(section, TODAY)}
    # goal 1: vanity metric, no deadline (achievable and time-bound); goal 2: all four
    assert summary["goals"] == ("goals", False, 3 + 4)
    assert summary["audience"] == ("audience", False, 0)
    assert summary["raci"] == ("raci", False, 1)
    assert summary["timeline"] == ("timeline", True, 1)
    assert summary["resources"] == ("resources", True, 0)


# -- Markdown ---------------------------------------------------------------------------------


def test_planning_markdown_of_a_full_section():
    text = "\n".join(planning_markdown(full_section()))
    assert text.startswith("## Planning")
    for heading in ("### Goals", "### Audience", "### Who answers (RACI)",
                    "### Action plan and timeline", "### Resources"):
        assert heading in text
    assert "| Leads | Qualified leads from LinkedIn | 40 | 60 | 2025-12-31 | Sales |" in text
    assert "| Customer-service cost | Support calls per month | 900 | 700 |" in text
    assert "**Facility managers** (B2B · 30-49, 50-64 (US) · Norway)" in text
    assert "Where they are: LinkedIn, Facebook" in text
    assert "Quick answers on \\| service contracts" in text  # shown as typed
    assert "| Handling complaints |" in text and "Customer service" in text
    assert "Horizon: 2025-01-01 to 2025-12-31 (12 months)." in text
    assert "| Launch | Marketing | 2025-03-03 | 2025-03-03 | Write the policy, Kick-off |" in text
    assert text.index("| Kick-off") < text.index("| Write the policy") < text.index("| Launch")
    assert "| Customer service | 3 | 12.5 |" in text
    assert "| **Total** | **10** | **41.5** |" in text
    assert planning_markdown(full_section())[-1] == ""


def test_planning_markdown_raci_rows_have_one_cell_per_column():
    lines = planning_markdown(full_section())
    start = lines.index("### Who answers (RACI)")
    table = [line for line in lines[start:] if line.startswith("|")][: 2 + len(ACTIVITIES)]
    widths = {line.count("|") for line in table}
    assert len(widths) == 1


def test_planning_markdown_escapes_table_cells():
    section = PlanningSection(goals=[Goal(metric="a | b\nc", owner="")])
    text = "\n".join(planning_markdown(section))
    assert "a \\| b c" in text
    row = next(line for line in text.splitlines() if "a \\| b" in line)
    assert row.replace("\\|", "").count("|") == 7


def test_planning_markdown_of_an_empty_section():
    text = "\n".join(planning_markdown(PlanningSection()))
    for line in ("No goals yet.", "No audience segments yet.", "No roles assigned yet.",
                 "No milestones yet.", "No resources entered yet."):
        assert line in text


def test_format_rounded():
    assert format_rounded(1500000) == "1,500,000"
    assert format_rounded(12.5) == "12.5"
    assert format_rounded(0.004) == "0"
    assert format_rounded(2.0) == "2"
    assert format_rounded(math.inf) == "∞"
    assert format_rounded(1e300) == "1e+300"


# -- inside the Plan --------------------------------------------------------------------------


def test_plan_has_an_empty_planning_section_by_default():
    plan = Plan(team="Sales")
    assert plan.planning == PlanningSection()
    assert SCHEMA_VERSION == 13
    assert "planning" in json.loads(plan.to_json())


def test_plan_json_round_trip_with_a_full_planning_section():
    moment = datetime(2025, 3, 1, 9, tzinfo=timezone.utc)
    plan = Plan(team="Sales Nord", created_at=moment, updated_at=moment,
                planning=full_section())
    text = plan.to_json()
    again = plan_from_json(text)
    assert again == plan
    assert again.to_json() == text
    assert again.planning.milestones[1].depends_on == ["kickoff"]
    assert again.planning.raci.letter("complaints", "customer_service") == "R"
    assert again.planning.goals[0].deadline == date(2025, 12, 31)


def test_schema_1_plan_without_planning_loads():
    data = {"schema_version": 1, "team": "Old team", "currency": "NOK",
            "created_at": "2024-03-01T09:00:00Z", "updated_at": "2024-03-02T09:00:00Z",
            "audit": {"answers": {"no-plan": 3}}}
    plan = plan_from_json(json.dumps(data))
    assert plan.schema_version == SCHEMA_VERSION == 13
    assert plan.planning == PlanningSection()
    assert plan.audit.answers == {"no-plan": 3}
    assert json.loads(plan.to_json())["schema_version"] == SCHEMA_VERSION


def test_schema_3_segments_get_the_region_of_their_bands_and_keep_their_place():
    data = json.loads(Plan(team="Old team").to_json()) | {"schema_version": 3}
    data["planning"]["audience"] = [
        {"id": "s-1", "name": "Facility managers", "age_bands": ["30-49", "50-64"],
         "region": "Bergen"},
        {"id": "s-2", "name": "Students", "age_bands": [], "region": "Oslo"}]
    data["planning"].pop("assumptions")
    data["planning"]["goals"] = [{"id": "g-1", "metric": "leads", "baseline": 2}]
    plan = plan_from_json(json.dumps(data))
    first, second = plan.planning.audience
    assert (first.region_code, first.age_bands, first.region) == (
        "US", ["30-49", "50-64"], "Bergen")
    assert (second.region_code, second.region) == (None, "Oslo")
    assert plan.planning.assumptions == GoalAssumptions()
    assert plan.planning.goals[0].unit is None
    assert plan_from_json(plan.to_json()) == plan


def test_segments_offer_their_regions_bands():
    assert region_bands("EU") == ("16-29",)
    assert region_bands(None) == ()
    eu = AudienceSegment(region_code="eu", age_bands=["16-29"])
    assert eu.region_code == "EU"
    with pytest.raises(ValidationError, match="not an age band of the EU data"):
        AudienceSegment(region_code="EU", age_bands=["65+"])
    with pytest.raises(ValidationError, match="not a region with platform data"):
        AudienceSegment(region_code="JP")  # CN has data now (issue 19)
    assert region_bands("NO") == ()  # Norway: overall shares only, no bands to pick
    us = AudienceSegment(age_bands=["18-29", "65+"], region="Tromsø")
    moved = us.in_region("EU")
    assert (moved.region_code, moved.age_bands, moved.region) == ("EU", [], "Tromsø")
    assert AudienceSegment(age_bands=["16-29"], region_code="EU").in_region("US").age_bands == []
    assert "(US)" in "\n".join(planning_markdown(PlanningSection(audience=[us])))


def test_invalid_planning_in_a_file_is_one_plan_error_line():
    data = json.loads(Plan(team="A").to_json())
    data["planning"]["raci"] = {"cells": {"crisis": {"pr": "X\nY"}}}
    with pytest.raises(PlanError) as excinfo:
        plan_from_json(json.dumps(data))
    message = str(excinfo.value)
    assert "\n" not in message and "planning.raci.cells" in message
    data["planning"] = {"goals": [{}] * 6}
    with pytest.raises(PlanError, match="planning.goals"):
        plan_from_json(json.dumps(data))


def test_workspace_saves_and_reloads_the_planning_section(workspace):
    workspace.create_team("Sales")
    section = full_section()
    revision, plan = workspace.update_section("Sales", "planning", section)
    assert revision.number == 2 and revision.section == "planning"
    assert plan.planning == section
    workspace.update_section("Sales", "audit", AuditSection(answers={"no-plan": 1}))
    loaded = workspace.load("Sales")
    assert loaded.planning == section
    assert loaded.audit.answers == {"no-plan": 1}
    assert workspace.load_revision("Sales", 1).planning == PlanningSection()


JSON_SCALARS = (st.none() | st.booleans() | st.integers(-10, 10**6) | st.floats()
                | st.text(max_size=12) | st.sampled_from(["2025-01-01", "R", "a", "marketing"]))
JSONISH = st.recursive(JSON_SCALARS, lambda c: st.lists(c, max_size=3)
                       | st.dictionaries(st.text(max_size=8), c, max_size=3), max_leaves=10)
PLANNINGISH = st.fixed_dictionaries({}, optional={
    "goals": st.lists(st.fixed_dictionaries({}, optional={
        "business_result": st.sampled_from(list(BUSINESS_RESULTS) + ["x", None]),
        "metric": JSON_SCALARS, "baseline": JSON_SCALARS, "target": JSON_SCALARS,
        "deadline": JSON_SCALARS, "owner": JSON_SCALARS}), max_size=6),
    "raci": st.fixed_dictionaries({"cells": st.dictionaries(
        st.sampled_from(list(ACTIVITIES) + ["x"]),
        st.one_of(st.dictionaries(st.sampled_from(list(DEPARTMENTS) + ["y"]), JSON_SCALARS),
                  JSONISH))}) | JSONISH,
    "milestones": st.lists(st.fixed_dictionaries(
        {"id": st.sampled_from(["a", "b", "B", ""]), "start": JSON_SCALARS,
         "end": JSON_SCALARS},
        optional={"depends_on": st.lists(st.sampled_from(["a", "b", "c", "-"]))}), max_size=3),
    "resources": st.lists(st.fixed_dictionaries(
        {"department": st.sampled_from(list(DEPARTMENTS) + ["z"])},
        optional={"people": JSON_SCALARS, "hours_per_week": JSON_SCALARS}), max_size=3),
    "horizon_start": JSON_SCALARS, "horizon_months": JSON_SCALARS,
    "audience": st.lists(st.fixed_dictionaries({}, optional={
        "age_bands": st.lists(st.sampled_from(["18-29", "30-49", "50-64", "65+", "16-29",
                                               "0-17"])),
        "region_code": st.sampled_from(["US", "EU", "eu", "NO", "", None, 3]),
        "where_they_are": JSONISH, "kind": JSON_SCALARS}), max_size=3),
}) | JSONISH


@settings(max_examples=300, deadline=None)
@given(PLANNINGISH)
def test_any_planning_json_loads_or_gives_a_plan_error(planning):
    data = json.loads(Plan(team="A").to_json())
    data["planning"] = planning
    try:
        plan = plan_from_json(json.dumps(data))
    except PlanError as exc:
        assert str(exc).strip() and "\n" not in str(exc)
    else:
        for goal in plan.planning.goals:
            assert_well_formed(goal_checks(goal, TODAY))
        section = plan.planning
        readiness(section, TODAY)
        planning_markdown(section)
        assert plan_from_json(plan.to_json()) == plan


def test_new_milestone_starts_at_the_horizon_or_today_and_takes_the_next_id():
    from socialplaybook.steps.planning.milestones import new_milestone

    today = date(2026, 11, 22)
    section = PlanningSection(milestones=[
        Milestone(id="m1", start=today, end=today)])
    fresh = new_milestone(section, today)
    assert (fresh.id, fresh.start, fresh.end) == ("m2", today, date(2026, 12, 22))
    planned = new_milestone(section.model_copy(update={"horizon_start": date(2027, 1, 4)}),
                            today)
    assert planned.start == date(2027, 1, 4)


def test_removing_a_milestone_removes_it_from_what_others_wait_for():
    from socialplaybook.steps.planning.milestones import without_milestone

    day = date(2027, 1, 4)
    milestones = [Milestone(id="m1", start=day, end=day),
                  Milestone(id="m2", start=day, end=day, depends_on=["m1"]),
                  Milestone(id="m3", start=day, end=day, depends_on=["m1", "m2"])]
    left = without_milestone(milestones, "m1")
    assert [m.id for m in left] == ["m2", "m3"]
    assert [m.depends_on for m in left] == [[], ["m2"]]
    assert milestones[1].depends_on == ["m1"]  # the originals are untouched
