"""The planning app without a browser: edits go into the Plan section and the store."""

from datetime import date

import ipywidgets as w
import pytest

from socialplaybook.steps.planning.section import Goal
from widgets.planning.app import PlanningApp

TODAY = date(2026, 11, 21)


@pytest.fixture
def app(workspace):
    workspace.create_team("Acme")
    app = PlanningApp(workspace, today=lambda: TODAY, autosave_delay=60)  # tests flush
    app.picker.dropdown.value = "Acme"
    return app


def first_goal(app):
    app._add_goal.click()
    return app._goal_list.children[-1]


def test_editing_a_goal_updates_the_section_and_the_store(app, workspace):
    editor = first_goal(app)
    editor._result.value = "leads"
    editor._metric.value = "qualified leads per month"
    editor._baseline.text.value = "40"
    editor._target.text.value = "1,000"
    editor._deadline.value = date(2027, 11, 1)
    editor._owner.value = "Sales"
    assert app.section.goals == [Goal(id=editor.goal.id, business_result="leads",
                                      metric="qualified leads per month", baseline=40,
                                      target=1000, deadline=date(2027, 11, 1), owner="Sales")]
    assert "Saving" in app.status
    app.flush()
    assert workspace.load("Acme").planning.goals == app.section.goals
    assert "revision" in app.status
    # 1,000 from 40 in 11 months is beyond the default assumption; the why states it.
    assert "sp-check-warning" in editor._checks.value
    assert "grows at most 2x" in editor._checks.value
    assert "not a published benchmark" in editor._checks.value


def test_follower_metric_gets_the_vanity_warning(app):
    editor = first_goal(app)
    editor._result.value = "revenue"
    editor._metric.value = "followers on Instagram"
    assert "&#x27;followers&#x27; counts attention, not business" in editor._checks.value
    editor._metric.value = "orders from Instagram"
    assert "counts attention" not in editor._checks.value
    assert "Tied to a business result: Revenue" in editor._checks.value


def test_non_number_target_shows_a_message_and_keeps_the_saved_value(app, workspace):
    editor = first_goal(app)
    editor._target.text.value = "500"
    app.flush()
    editor._target.text.value = "5oo"
    assert "not a number" in editor._target.message
    assert app.section.goals[0].target == 500
    app.flush()
    assert workspace.load("Acme").planning.goals[0].target == 500
    editor._target.text.value = "-5"
    assert "0 or more" in editor._target.message
    assert app.section.goals[0].target == 500


def test_at_most_five_goals(app):
    for _ in range(5):
        app._add_goal.click()
    assert len(app.section.goals) == 5
    assert app._add_goal.disabled
    app._goal_list.children[0]._remove.click()
    assert len(app.section.goals) == 4
    assert not app._add_goal.disabled


def test_raci_cell_change_is_saved_and_checked(app, workspace):
    app.open_tab("raci")
    assert "nobody is Responsible" in app._raci_checks.value
    app.raci_grid.cells[("complaints", "marketing")].value = "R"
    assert "only marketing is responsible" in app._raci_checks.value
    app.raci_grid.cells[("complaints", "customer_service")].value = "R"
    assert app.section.raci.letter("complaints", "customer_service") == "R"
    app.flush()
    assert workspace.load("Acme").planning.raci.letter("complaints", "customer_service") == "R"


def test_milestones_draw_a_timeline_and_flag_a_cycle(app):
    app.open_tab("timeline")
    app._add_milestone.click()
    app._add_milestone.click()
    assert [m.id for m in app.section.milestones] == ["m1", "m2"]
    assert app.timeline.drawn  # the chart is drawn
    assert app.timeline.figure_json["data"]
    first, second = app._milestone_list.children
    first._after.value = ["m2"]
    second._after.value = ["m1"]
    checks = app._timeline_checks.value
    assert "wait for each other in a circle:" in checks
    assert "m1 → m2 → m1" in checks or "m2 → m1 → m2" in checks
    second._end.value = date(2026, 1, 1)
    assert "sp-check-error" in app._timeline_checks.value


def test_resources_refuse_impossible_hours_at_the_field(app):
    app.open_tab("resources")
    marketing = app._resource_rows[0]
    marketing._people.text.value = "2"
    marketing._hours.text.value = "20"
    assert app.section.resources[0].hours_per_week == 20
    marketing._hours.text.value = "400"
    assert "at most 336 hours" in marketing._message.value
    assert app.section.resources[0].hours_per_week == 20


def test_audience_segment_is_stored(app, workspace):
    app.open_tab("audience")
    app._add_segment.click()
    editor = app._segment_list.children[0]
    editor._name.value = "Office managers"
    editor._kind.value = "B2B"
    assert editor._bands == {}  # no data chosen: no bands offered
    editor._region_code.value = "US"
    editor._bands["30-49"].value = True
    editor._where.value = ["LinkedIn"]
    segment = app.section.audience[0]
    assert (segment.name, segment.kind, segment.region_code, segment.age_bands,
            segment.where_they_are) == ("Office managers", "B2B", "US", ["30-49"], ["LinkedIn"])


def test_readiness_summary_tracks_the_parts(app):
    assert app._readiness.value.count("to do") == 5
    editor = first_goal(app)
    for field, value in [("_result", "leads"), ("_metric", "leads per month"),
                         ("_deadline", date(2027, 6, 1)), ("_owner", "Sales")]:
        getattr(editor, field).value = value
    editor._baseline.text.value = "10"
    editor._target.text.value = "12"
    assert "✓ <b>Goals</b> · complete" in app._readiness.value


def test_everything_comes_back_after_reopening(app, workspace):
    editor = first_goal(app)
    editor._metric.value = "leads"
    app.open_tab("raci")
    app.raci_grid.cells[("crisis", "pr")].value = "A"
    app.flush()
    again = PlanningApp(workspace, today=lambda: TODAY)
    again.picker.select("Acme")
    assert again._goal_list.children[0]._metric.value == "leads"
    again.open_tab("raci")
    assert again.raci_grid.cells[("crisis", "pr")].value == "A"


def test_a_too_long_text_is_named_at_the_goal_and_the_rest_stays_saved(app, workspace):
    editor = first_goal(app)
    editor._metric.value = "qualified leads"
    app.flush()
    editor._metric.value = "x" * 130
    assert "Metric: at most 120 characters" in editor._field_message.value
    assert app.section.goals[0].metric == "qualified leads"
    editor._metric.value = "qualified leads per month"
    assert editor._field_message.value == ""
    assert app.section.goals[0].metric == "qualified leads per month"


def test_people_beyond_the_limit_are_refused_at_the_field(app):
    app.open_tab("resources")
    row = app._resource_rows[1]
    row._people.text.value = "99999"
    assert "too large" in row._people.message
    assert app.section.resources == []


def test_numbers_are_shown_and_read_as_the_team_writes_them(app, workspace):
    workspace.create_team("Bergen")
    _, revision = workspace.load_with_revision("Bergen")
    workspace.save_section("Bergen", "locale", "nb", revision.number)
    editor = first_goal(app)
    editor._baseline.text.value = "1,234,567.5"
    app.flush()
    app.picker.refresh()
    app.picker.dropdown.value = "Bergen"
    app._add_goal.click()
    norwegian = app._goal_list.children[0]
    norwegian._target.text.value = "2,5"  # a Norwegian's two and a half
    assert app.section.goals[0].target == 2.5
    app.flush()
    app.picker.dropdown.value = "Acme"
    shown = app._goal_list.children[0]._baseline
    assert shown.text.value == "1,234,567.5"
    assert workspace.load("Acme").planning.goals[0].baseline == 1234567.5
    app.picker.dropdown.value = "Bergen"
    assert app._goal_list.children[0]._target.text.value == "2,5"


def test_fields_kept_across_teams_switch_to_the_new_teams_number_locale(app, workspace):
    workspace.create_team("Berlin")
    _, revision = workspace.load_with_revision("Berlin")
    workspace.save_section("Berlin", "locale", "de", revision.number)
    app.open_tab("resources")
    app.picker.refresh()
    app.picker.dropdown.value = "Berlin"
    marketing = app._resource_rows[0]  # the same row, now for Berlin
    marketing._people.text.value = "2"
    marketing._hours.text.value = "7,5"
    assert app.section.resources[0].hours_per_week == 7.5
    assert marketing._hours.message == ""


def test_the_segment_editor_offers_its_regions_bands(app, workspace):
    app.open_tab("audience")
    app._add_segment.click()
    editor = app._segment_list.children[0]
    assert [label for label, _code in editor._region_code.options][1:] == [
        "United States (Pew Research Center 2023)", "European Union (Eurostat 2024)",
        "Germany (ARD/ZDF-Onlinestudie 2023)", "Norway (Ipsos SoMe-tracker 2022)",
        "Georgia (CRRC Caucasus Barometer 2021)",
        "Mainland China (GWI, Bilibili Inc., Kuaishou Technology, Weibo Corporation 2023, "
        "2025)"]
    editor._region_code.value = "US"
    assert list(editor._bands) == ["18-29", "30-49", "50-64", "65+"]
    editor._bands["65+"].value = True
    editor._region.value = "Tromsø"
    editor._region_code.value = "EU"  # Eurostat's bands; Pew's 65+ has no place there
    assert list(editor._bands) == ["16-29"]
    editor._bands["16-29"].value = True
    segment = app.section.audience[0]
    assert (segment.region_code, segment.age_bands, segment.region) == (
        "EU", ["16-29"], "Tromsø")
    app.flush()
    again = PlanningApp(workspace, today=lambda: TODAY)
    again.picker.select("Acme")
    again.open_tab("audience")
    shown = again._segment_list.children[0]
    assert shown._region_code.value == "EU" and shown._bands["16-29"].value


def test_changing_the_assumption_in_the_goals_tab_changes_the_check_and_is_stored(
        app, workspace):
    editor = first_goal(app)
    editor._metric.value = "qualified leads per month"
    editor._baseline.text.value = "100"
    editor._target.text.value = "300"
    editor._deadline.value = date(2027, 11, 21)  # 12 months
    assert "A target of 300 is beyond" in editor._checks.value
    assert "Our assumptions" in editor._checks.value
    assumptions = app.assumptions_editor
    assert "toolkit&#x27;s defaults" in assumptions._explained.value
    assumptions._growth.text.value = "3"
    assert "Realistic by your assumption: from 100, up to 300" in editor._checks.value
    assert "your team&#x27;s own figures" in assumptions._explained.value
    assert app.section.assumptions.growth_per_year == 3
    app.flush()
    assert workspace.load("Acme").planning.assumptions.growth_per_year == 3
    # a window that ends before it starts is named and not taken
    assumptions._window_min.text.value = "40"
    assert "cannot be further" in assumptions._message.value
    assert app.section.assumptions.deadline_min_months == 1
    assumptions._window_min.text.value = "1"
    assumptions._defaults.click()
    assert app.section.assumptions.growth_per_year == 2
    assert "A target of 300 is beyond" in editor._checks.value


def test_a_percentage_goal_is_judged_in_points(app):
    editor = first_goal(app)
    editor._metric.value = "share of orders from social"
    editor._baseline.text.value = "20"
    editor._target.text.value = "30"
    editor._deadline.value = date(2027, 11, 21)
    assert "at most 400" not in editor._checks.value
    editor._unit.value = "percent"
    assert app.section.goals[0].unit == "percent"
    assert "percentage points" in editor._checks.value and "at most 25" in editor._checks.value
    editor._target.text.value = "120"
    assert "cannot exceed 100" in editor._checks.value


def test_a_goal_from_zero_is_to_do_not_passed(app):
    editor = first_goal(app)
    editor._baseline.text.value = "0"
    editor._target.text.value = "50"
    editor._deadline.value = date(2027, 11, 21)
    assert "sp-check-todo\">Starting from 0" in editor._checks.value


def test_the_timeline_is_cleared_when_the_last_milestone_goes(app):
    app.open_tab("timeline")
    app._add_milestone.click()
    assert app.timeline.drawn
    row = app._milestone_list.children[0]
    remove = next(child for child in row.children[0].children
                  if isinstance(child, w.Button) and child.icon == "trash")
    remove.click()
    assert app.section.milestones == []
    assert not app.timeline.drawn and app.timeline.figure is None


def test_finn_no_typed_where_the_segment_is_is_kept_in_the_plan(app, workspace):
    app.open_tab("audience")
    app._add_segment.click()
    editor = app._segment_list.children[0]
    editor._name.value = "Young families in Bergen"
    assert editor._where.allowed_tags == []  # suggestions, not a fence
    # What the tags field sends when a person types a place and presses Enter, twice.
    editor._where.value = [*editor._where.value, "Finn.no"]
    editor._where.value = [*editor._where.value, "our forum"]
    assert app.section.audience[0].where_they_are == ["Finn.no", "our forum"]
    assert editor._message.value == ""
    app.flush()
    assert workspace.load("Acme").planning.audience[0].where_they_are == ["Finn.no", "our forum"]
    again = PlanningApp(workspace, today=lambda: TODAY, autosave_delay=60)
    again.picker.dropdown.value = "Acme"
    again.open_tab("audience")
    assert list(again._segment_list.children[0]._where.value) == ["Finn.no", "our forum"]


def test_the_working_week_is_stored_and_counts_the_hours_in_full_time_equivalents(app,
                                                                                  workspace):
    """Issue 19, finding 6: capacity is the hours given to social media in full-time
    equivalents of the team's working week (40 h unless the team says otherwise), not
    the departments' headcount; 168 h stays only the physical bound."""
    app.open_tab("resources")
    assert app._work_week.value == 40
    marketing, service = app._resource_rows[0], app._resource_rows[2]
    marketing._people.text.value = "1"
    marketing._hours.text.value = "8"
    service._people.text.value = "3"
    service._hours.text.value = "3"
    assert ("Together your departments give 11 h a week (0.28 FTE of a 40-hour week): at "
            "most 1 account runs well") in app._resource_checks.value
    app._work_week.text.value = "20"
    assert app.section.work_week_hours == 20
    assert "(0.55 FTE of a 20-hour week): at most 2 accounts run well" in (
        app._resource_checks.value)
    marketing._hours.text.value = "30"  # more than one person's 20-hour week
    assert "1 person gives at most 20 h a week in a 20-hour working week, not 30" in (
        app._resource_checks.value)
    app._work_week.text.value = "0"
    assert app._work_week.message and app.section.work_week_hours == 20
    app._work_week.text.value = "200"
    assert app._work_week.message and app.section.work_week_hours == 20
    app.flush()
    assert workspace.load("Acme").planning.work_week_hours == 20


def test_the_working_week_is_written_the_teams_way(workspace):
    workspace.create_team("Berlin")
    workspace.save_section("Berlin", "locale", "de", 1)
    app = PlanningApp(workspace, autosave_delay=60)
    app.picker.dropdown.value = "Berlin"
    app.open_tab("resources")
    app._work_week.text.value = "37,5"
    assert app.section.work_week_hours == 37.5
