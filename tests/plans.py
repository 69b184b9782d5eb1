"""Plans for tests and benches: a full one (every step filled in), and one holding hostile
text in every field a team types."""

from __future__ import annotations

from datetime import date

from socialplaybook.datasets import load_myths
from socialplaybook.plan.model import Plan
from socialplaybook.steps.budget.section import BudgetSection, MonthlyCosts, PlatformBudget
from socialplaybook.steps.kpis.catalog import catalog_by_id, kpi_from_catalog
from socialplaybook.steps.kpis.section import Kpi, KpisSection, RoiAssumptions, UtmSettings
from socialplaybook.steps.planning.section import (
    RACI,
    AudienceSegment,
    DepartmentResource,
    Goal,
    Milestone,
    PlanningSection,
)
from socialplaybook.steps.platforms.section import PlatformChoice, PlatformsSection

# What a team might type, on purpose or not: HTML that runs, and a spreadsheet formula.
SCRIPT = "<img src=x onerror=alert(1)>"
FORMULA = "=cmd|' /C calc'!A0"


def full_plan(team: str = "Harbour Café", text: str = "") -> Plan:
    """A plan with every step filled in (``text``, when given, in every typed field)."""
    def typed(value: str) -> str:
        return text or value

    raci = RACI()
    for activity, department, letter in (
            ("listening", "marketing", "R"), ("listening", "leadership", "A"),
            ("publishing", "marketing", "R"), ("publishing", "leadership", "A"),
            ("questions", "customer_service", "R"), ("questions", "marketing", "A"),
            ("complaints", "customer_service", "R"), ("complaints", "leadership", "A"),
            ("sales", "sales", "R"), ("sales", "leadership", "A"),
            ("crisis", "pr", "R"), ("crisis", "leadership", "A"),
            ("reporting", "marketing", "R"), ("reporting", "leadership", "A")):
        raci = raci.with_cell(activity, department, letter)
    planning = PlanningSection(
        goals=[Goal(id="g-leads", business_result="leads", metric=typed("qualified leads"),
                    baseline=20, target=35, deadline=date(2027, 9, 30), owner=typed("Sales")),
               Goal(id="g-revenue", business_result="revenue",
                    metric=typed("catering revenue"), baseline=40_000, target=52_000.5,
                    deadline=date(2027, 12, 31), owner=typed("Owner"))],
        audience=[AudienceSegment(name=typed("Office managers"), kind="B2B",
                                  age_bands=["30-49"], region_code="US", region=typed("Bergen"),
                                  needs=typed("Quick quotes"),
                                  where_they_are=[typed("LinkedIn")])],
        raci=raci, horizon_start=date(2027, 1, 1), horizon_months=12,
        milestones=[Milestone(id="m1", title=typed("Reply guidelines"), owner=typed("Service"),
                              start=date(2027, 1, 4), end=date(2027, 1, 29)),
                    Milestone(id="m2", title=typed("Catering campaign"), owner=typed("Ana"),
                              start=date(2027, 2, 1), end=date(2027, 4, 30),
                              depends_on=["m1"])],
        resources=[DepartmentResource(department="marketing", people=2, hours_per_week=12),
                   DepartmentResource(department="customer_service", people=1,
                                      hours_per_week=5),
                   DepartmentResource(department="sales", people=1, hours_per_week=3),
                   DepartmentResource(department="pr", people=1, hours_per_week=1)])
    platforms = PlatformsSection(
        people=3, hours_per_week=20,
        choices=[PlatformChoice(id="linkedin", platform="LinkedIn", role="primary",
                                goal_id="g-leads", cadence=typed("3 posts a week"),
                                tone=typed("expert")),
                 PlatformChoice(id="instagram", platform="Instagram", goal_id="g-revenue",
                                cadence=typed("daily stories"))],
        handles={"linkedin": True})
    budget = BudgetSection(
        paid_budget=6000, hourly_staff_cost=45.5, outcome="leads",
        monthly_costs=MonthlyCosts(listening_tools=120, publishing_tools=60,
                                   content_production=800),
        platforms=[PlatformBudget(id="linkedin", platform="LinkedIn", current_spend=1500,
                                  cost_per_lead=95.25),
                   PlatformBudget(id="instagram", platform="Instagram", min_spend=500)])
    catalog = catalog_by_id()
    kpis = KpisSection(
        kpis=[kpi_from_catalog(catalog["leads-from-social"], "g-leads"),
              kpi_from_catalog(catalog["social-sessions"], "g-leads"),
              Kpi(id="k-own", name=typed("Catering orders from Instagram"),
                  goal_id="g-revenue", level="outcome", baseline=4, target=9,
                  horizon_months=12, data_source="crm", owner=typed("Ana"),
                  cadence="monthly")],
        roi=RoiAssumptions(monthly_cost=9000, value_per_conversion=450,
                           conversions_per_month=30, margin_percent=60, months=12),
        utm=UtmSettings(campaigns=["spring-launch"]), hear_about_us_added=True)
    answers = {myth.id: index % 5 for index, myth in enumerate(load_myths())}
    return Plan(team=team if not text else f"Team {text}"[:60], currency="NOK", locale="nb",
                audit={"answers": answers}, planning=planning, platforms=platforms,
                budget=budget, kpis=kpis)
