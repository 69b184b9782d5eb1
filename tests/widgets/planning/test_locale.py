"""The planning app for a team that writes numbers the German way: the SMART checks and
the assumptions they use write them as the goal's fields do."""

from datetime import date

from tests.widgets.teams import TODAY, team_writing_numbers
from tests.widgets.visible import foreign_numbers, visible_text
from widgets.planning.app import PlanningApp


def test_every_number_on_the_planning_pages_is_written_the_teams_way(workspace):
    """A Berlin machine maker types goals from 1.250 to 2.500,5 leads and an answer rate
    from 12,5 to 30,25 %: the checks never say "target 2,500.5" or "at most 17.92"."""
    team = team_writing_numbers(workspace, "Maschinenbau", "de")
    app = PlanningApp(workspace, today=lambda: TODAY, autosave_delay=60)
    app.picker.dropdown.value = team
    app._add_goal.click()
    editor = app._goal_list.children[-1]
    editor._result.value = "service_cost"
    editor._metric.value = "answer rate %"
    editor._baseline.text.value = "12,5"
    editor._target.text.value = "30,25"
    editor._deadline.value = date(2027, 11, 1)
    growth = app.assumptions_editor._growth
    growth.text.value = "2,5"
    assert app.section.assumptions.growth_per_year == 2.5
    assert app.section.goals[0].target == 2500.5 and app.section.goals[2].target == 30.25
    for tab in ("audience", "raci", "timeline", "resources"):
        app.open_tab(tab)
    shown = visible_text(app)
    assert foreign_numbers(shown, "de") == []
    assert "target 2.500,5" in shown and "at most 2,5x" in shown
    assert "from 1.250, up to 3.125 in 12 months" in shown  # 1.250 x 2,5
    assert "from 12.500,75 in 5 months: at most 18.312,36" in shown


def test_switching_to_a_team_writing_numbers_another_way_rewrites_the_checks(workspace):
    """The checks and the assumptions' explanation follow the team picked, as the fields
    do: the English team's "2.5x" becomes the German team's "2,5x"."""
    workspace.create_team("Acme")
    team_writing_numbers(workspace, "Maschinenbau", "de")
    app = PlanningApp(workspace, today=lambda: TODAY, autosave_delay=60)
    app.picker.dropdown.value = "Acme"
    app._add_goal.click()
    app._goal_list.children[-1]._baseline.text.value = "1,250"
    app._goal_list.children[-1]._target.text.value = "2,500.5"
    app.assumptions_editor._growth.text.value = "2.5"
    assert "at most 2.5x" in app.assumptions_editor._explained.value
    app.flush()
    app.picker.dropdown.value = "Maschinenbau"
    shown = visible_text(app)
    assert foreign_numbers(shown, "de") == []
    assert "target 2.500,5" in shown and "at most 2x" in shown
    app.assumptions_editor._growth.text.value = "2,5"
    assert "at most 2,5x" in app.assumptions_editor._explained.value
