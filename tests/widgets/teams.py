"""A team whose numbers are not written the English way, with what the other steps gave it.

A German machine maker in Berlin (locale "de": 1.250 and 2.500,5) or a Norwegian one in
Bergen ("nb": 1 250 and 2 500,5), paying in euros or kroner: goals with baselines and
targets in the thousands and with decimals, people and hours from planning, four chosen
platforms. Each app's test types the rest through its own controls.
"""

from __future__ import annotations

from datetime import date

from socialplaybook.steps.planning.section import DepartmentResource, Goal, PlanningSection
from socialplaybook.steps.platforms.section import PlatformChoice, PlatformsSection

TODAY = date(2026, 11, 21)


def save(workspace, team: str, key: str, value) -> None:
    _plan, revision = workspace.load_with_revision(team)
    workspace.save_section(team, key, value, revision.number)


def team_writing_numbers(workspace, team: str, locale: str, currency: str = "EUR") -> str:
    """``team`` created with its number ``locale`` and ``currency``, its planning goals and
    resources and its chosen platforms (as the planning and platforms steps saved them)."""
    workspace.create_team(team)
    save(workspace, team, "locale", locale)
    save(workspace, team, "currency", currency)
    save(workspace, team, "planning", PlanningSection(
        goals=[Goal(id="g-leads", business_result="leads", metric="qualified leads per month",
                    baseline=1250, target=2500.5, deadline=date(2027, 12, 1), owner="Anna"),
               Goal(id="g-revenue", business_result="revenue", metric="online revenue",
                    baseline=12500.75, target=40000, deadline=date(2027, 5, 1),
                    owner="Ben")],
        resources=[DepartmentResource(department="marketing", people=2, hours_per_week=12.5),
                   DepartmentResource(department="customer_service", people=1,
                                      hours_per_week=7.5)]))
    save(workspace, team, "platforms", PlatformsSection(choices=[
        PlatformChoice(id="linkedin", platform="LinkedIn", role="primary"),
        PlatformChoice(id="facebook", platform="Facebook"),
        PlatformChoice(id="instagram", platform="Instagram"),
        PlatformChoice(id="youtube", platform="YouTube")]))
    return team
