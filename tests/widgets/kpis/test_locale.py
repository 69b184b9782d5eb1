"""The KPI app for a team that writes numbers the German way: checks, the ROI summary and
its assumptions, the measurement plan and the chart's axis write them as the fields do."""

import re

from socialplaybook.steps.budget.section import BudgetSection, MonthlyCosts
from tests.widgets.teams import save, team_writing_numbers
from tests.widgets.visible import foreign_numbers, visible_text
from widgets.kpis.app import KpisApp


def test_every_number_on_the_kpi_pages_is_written_the_teams_way(workspace):
    """A Berlin machine maker sets a KPI from 1.250 to 2.500,5 and its ROI assumptions:
    no "From 1,250 to 2,500.5", "12.5 %" or "10695.527778" anywhere on the pages."""
    team = team_writing_numbers(workspace, "Maschinenbau", "de")
    save(workspace, team, "budget", BudgetSection(
        paid_budget=2500, hourly_staff_cost=45.5,
        monthly_costs=MonthlyCosts(listening_tools=1250.5, content_production=1800)))
    app = KpisApp(workspace, autosave_delay=60)
    app.picker.dropdown.value = team
    app._goal_pick.value = "g-leads"
    app._catalog_pick.label = "Leads from social"
    app._add_catalog.click()
    editor = app._editor
    editor._baseline.text.value = "1.250"
    editor._target.text.value = "2.500,5"
    editor._horizon.text.value = "1"
    app._goal_pick.value = "g-leads"
    app._catalog_pick.label = "Cost per lead"
    app._add_catalog.click()
    app._editor._baseline.text.value = "45,5"
    app._editor._target.text.value = "120,25"  # a cost that should fall: the direction check
    app._editor._horizon.text.value = "1"
    assert app.section.kpis[0].target == 2500.5
    app.open_tab("roi")
    typed = {"value_per_conversion": "1.250,5", "conversions_per_month": "12,5",
             "margin_percent": "42,5", "carry_over_percent_per_week": "12,5",
             "growth_percent_per_month": "2,5", "growth_ceiling_multiple": "2,5",
             "organic_decline_percent_per_month": "1,5", "months": "1"}
    for name, text in typed.items():
        app._roi_fields[name].text.value = text
    assert app.section.roi.conversions_per_month == 12.5
    app.open_tab("links")
    app.open_tab("plan")
    # the blank cost field shows the budget step's monthly total it stands for
    assert re.fullmatch(r"\d{1,3}(\.\d{3})+", app._cost.text.placeholder)
    assert "budget step (activities, paid promotion and staff time): " \
           f"{app._cost.text.placeholder} EUR." in app._cost_note.value
    shown = visible_text(app)
    assert foreign_numbers(shown, "de") == []
    assert "From 45,5 to 120,25 in 1 month." in shown  # one month, not "1 months"
    assert "The target 120,25 is above today's 45,5" in shown
    assert "Over 1 month." in shown
    assert "2.500,5" in app._plan.value


def test_an_open_kpi_editor_follows_a_teammates_new_number_format(workspace):
    """A teammate switches the team to German numbers on the start page while a KPI is
    open here: its fields read and show them the German way from the next refresh."""
    team = team_writing_numbers(workspace, "Acme", "en")
    app = KpisApp(workspace, autosave_delay=60)
    app.picker.dropdown.value = team
    app._catalog_pick.label = "Leads from social"
    app._add_catalog.click()
    app._editor._baseline.text.value = "1,250"
    app.flush()
    save(workspace, team, "locale", "de")  # the teammate's save
    assert app.refresh_from_workspace()
    editor = app._editor
    assert editor._baseline.text.value == "1.250"
    editor._target.text.value = "2.500,5"
    assert app.section.kpis[0].target == 2500.5
