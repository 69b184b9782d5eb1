"""The KPI app without a browser: through the controls a person uses."""

import html
import re
from urllib.parse import unquote

import pytest

from socialplaybook.steps.kpis.section import Kpi, KpisSection
from socialplaybook.steps.planning.section import Goal, PlanningSection
from socialplaybook.steps.platforms.section import PlatformChoice, PlatformsSection
from widgets.kpis.app import KpisApp

XSS = "<img src=x onerror=alert(1)>"


@pytest.fixture
def workspace_with_plan(workspace):
    workspace.create_team("Acme")
    workspace.save_section("Acme", "planning", PlanningSection(goals=[
        Goal(id="g-leads", metric="qualified leads per month", business_result="leads"),
        Goal(id="g-rep", metric="", business_result="reputation")]), None)
    workspace.save_section("Acme", "platforms", PlatformsSection(choices=[
        PlatformChoice(id="linkedin", platform="LinkedIn", role="primary"),
        PlatformChoice(id="x", platform="X"),
        PlatformChoice(id="tiktok", platform="TikTok", role="handle_only")]), None)
    return workspace


@pytest.fixture
def app(workspace_with_plan):
    app = KpisApp(workspace_with_plan, autosave_delay=60)  # tests flush
    app.picker.dropdown.value = "Acme"
    return app


def stored(workspace) -> KpisSection:
    return workspace.load("Acme").kpis


def add_from_catalog(app, goal_id, kpi_name):
    app._goal_pick.value = goal_id
    app._catalog_pick.label = kpi_name
    app._add_catalog.click()


def test_goals_come_from_planning_and_suggestions_follow_the_business_result(app):
    assert [v for _l, v in app._goal_pick.options] == ["g-leads", "g-rep", ""]
    assert app._goal_pick.value == "g-leads"
    assert "Leads from social" in app._suggestions.value
    assert app._catalog_pick.label == "Leads from social"  # the first suggestion
    app._goal_pick.value = "g-rep"
    assert "Complaints resolved on social" in app._suggestions.value
    assert "Followers" in app._suggestions.value  # an activity KPI, marked vanity
    assert "Goal 2" not in app._goal_note.value
    assert dict(app._goal_pick.options)["Reputation and trust"] == "g-rep"  # no metric: label


def test_adding_kpis_builds_the_tree_and_is_stored(app, workspace):
    add_from_catalog(app, "g-leads", "Leads from social")
    add_from_catalog(app, "g-leads", "Website visits from social")
    add_from_catalog(app, "g-leads", "Followers")
    kpis = app.section.kpis
    assert [(k.name, k.level, k.goal_id) for k in kpis] == [
        ("Leads from social", "outcome", "g-leads"),
        ("Website visits from social", "driver", "g-leads"),
        ("Followers", "activity", "g-leads")]
    tree = app._tree.value
    assert tree.index("qualified leads per month") < tree.index("Outcome: Leads from social") \
        < tree.index("Driver: Website visits from social") < tree.index("Activity: Followers")
    assert tree.count("<ul>") == 4  # the goals, then one list deeper per level below a goal
    assert "sp-kp-vanity" in tree
    assert "measured by its business result" in app._vanity.value
    app.flush()
    assert [k.name for k in stored(workspace).kpis] == [k.name for k in kpis]


def test_the_same_catalog_kpi_twice_for_a_goal_is_not_added(app):
    add_from_catalog(app, "g-leads", "Leads from social")
    add_from_catalog(app, "g-leads", "Leads from social")
    assert len(app.section.kpis) == 1
    assert "already a KPI of this goal" in app.message


def test_a_goal_measured_only_by_vanity_metrics_is_warned_about(app):
    add_from_catalog(app, "g-rep", "Followers")
    add_from_catalog(app, "g-rep", "Likes")
    assert "is measured only by vanity metrics (Followers, Likes)" in app._vanity.value
    add_from_catalog(app, "g-rep", "Complaints resolved on social")
    assert "only by vanity" not in app._vanity.value


def test_an_own_kpi_needs_a_name_and_its_text_is_escaped_everywhere(app, workspace):
    app._own_name.value = "   "
    app._add_own.click()
    assert "A KPI needs a name" in app._own_message.value
    assert app.section.kpis == []
    app._own_name.value = XSS
    app._add_own.click()
    assert app._own_message.value == "" and app._own_name.value == ""
    assert app.section.kpis[0].name == XSS
    assert XSS not in app._tree.value and "&lt;img src=x onerror=alert(1)&gt;" in app._tree.value
    assert XSS not in app._editor.children[0].value
    app.open_tab("plan")
    assert XSS not in app._plan.value and "&lt;img" in app._plan.value
    app.flush()
    assert stored(workspace).kpis[0].name == XSS


def test_the_editor_sets_numbers_checks_them_and_keeps_the_last_valid_value(app, workspace):
    add_from_catalog(app, "g-leads", "Leads from social")
    editor = app._editor
    assert editor is not None and app._kpi_pick.value == app.section.kpis[0].id
    editor._baseline.text.value = "50"
    editor._target.text.value = "40"
    assert "below today's 50, but this KPI should grow" in editor.checks.value.replace(
        "&#x27;", "'")
    editor._target.text.value = "-5"
    assert editor._target.message  # said at the field
    assert app.section.kpis[0].target == 40  # the last valid value kept
    editor._target.text.value = "1e13"
    assert editor._target.message and app.section.kpis[0].target == 40
    editor._target.text.value = "80"
    editor._horizon.text.value = "12"
    editor._owner.value = "x" * 121
    assert "Owner: at most 120 characters" in editor._message.value
    assert app.section.kpis[0].owner == ""
    editor._owner.value = "Sales lead"
    editor._cadence.value = "monthly"
    assert "Sales lead reviews it monthly." in editor.checks.value
    assert "sp-check-warning" not in editor.checks.value
    app.flush()
    kpi = stored(workspace).kpis[0]
    assert (kpi.baseline, kpi.target, kpi.horizon_months, kpi.owner, kpi.cadence) == (
        50, 80, 12, "Sales lead", "monthly")


def test_a_platform_only_kpi_is_checked_against_the_chosen_platforms(app, workspace):
    _plan, revision = workspace.load_with_revision("Acme")
    workspace.save_section("Acme", "platforms", PlatformsSection(choices=[
        PlatformChoice(id="x", platform="X", role="primary"),
        PlatformChoice(id="reddit", platform="Reddit"),
        PlatformChoice(id="instagram", platform="Instagram", role="handle_only")]),
        revision.number)
    app.picker.dropdown.value = ""
    app.picker.dropdown.value = "Acme"
    add_from_catalog(app, "g-rep", "Saves")
    text = app._editor.checks.value
    assert "None of your chosen platforms (x, reddit)" in text  # Instagram: handle only
    app._editor._source.value = "survey"
    assert "None of your chosen platforms" not in app._editor.checks.value


def test_removing_a_kpi_closes_its_editor(app):
    add_from_catalog(app, "g-leads", "Leads from social")
    app._editor._remove.click()
    assert app.section.kpis == [] and app._editor is None
    assert app._editor_slot.children == ()


def test_roi_over_time_shows_no_break_even_for_a_loss_unless_the_teams_growth_makes_one(
        app, workspace):
    """A plan costing 1,000 a month whose conversions bring 750 loses 250 every month: no
    break-even on the defaults (issue 19: it used to say month 4). Only the growth the team
    assumes, up to the ceiling it sets, can make one, and the app names it."""
    app.open_tab("roi")
    assert "Enter the monthly cost" in app._roi_summary.value
    assert "no monthly total yet" in app._cost_note.value
    fields = app._roi_fields
    fields["monthly_cost"].text.value = "1000"
    fields["value_per_conversion"].text.value = "150"
    fields["conversions_per_month"].text.value = "5"
    summary = html.unescape(app._roi_summary.value)
    assert "No break-even within 24 months" in summary
    assert "750 EUR against a monthly cost of 1,000 EUR" in summary
    assert "counts revenue, not profit" in summary
    assert "<svg" in app._roi_chart.value and app._roi_chart.value.count("<polyline") == 2
    fields["growth_percent_per_month"].text.value = "60"  # above the 50 % bound
    assert fields["growth_percent_per_month"].message
    assert app.section.roi.growth_percent_per_month == 0
    fields["growth_percent_per_month"].text.value = "10"
    assert "No break-even" in app._roi_summary.value  # growth without a ceiling: not counted
    fields["growth_ceiling_multiple"].text.value = "2"
    summary = html.unescape(app._roi_summary.value)
    match = re.search(r"Break-even: month (\d+)", summary)
    assert match and "because of the 10 % monthly growth you assumed" in summary
    fields["carry_over_percent_per_week"].text.value = "0"
    assert "You set this carry-over here" in html.unescape(app._roi_assumptions.value)
    app.flush()
    roi = stored(workspace).roi
    assert (roi.monthly_cost, roi.value_per_conversion, roi.carry_over_percent_per_week,
            roi.growth_ceiling_multiple) == (1000, 150, 0, 2)


def test_link_builder_normalises_with_notices_and_refuses_what_changes_meaning(app, workspace):
    app.open_tab("links")
    utm = app._utm
    utm["url"].value = "not a url"
    assert "cannot contain spaces" in app._utm_errors["url"].value
    assert app.section.utm.url == ""
    utm["url"].value = "Acme.com/Offer"
    assert utm["url"].value == "https://acme.com/Offer"
    assert "https:// added" in app._utm_notices.value and app._utm_errors["url"].value == ""
    utm["source"].value = "LinkedIn"
    assert utm["source"].value == "linkedin"
    assert "upper case made lower case" in app._utm_notices.value
    assert "Fill in Campaign" in app._link.value
    utm["campaign"].value = "Spring & Summer"
    assert "would be cut off" in app._utm_errors["campaign"].value
    assert utm["campaign"].value == "Spring & Summer"  # left for the person to fix
    assert app.section.utm.campaign == ""
    utm["campaign"].value = XSS
    assert app.section.utm.campaign == "" and XSS not in app._utm_errors["campaign"].value
    utm["campaign"].value = "Spring Sale"
    link = "https://acme.com/Offer?utm_source=linkedin&amp;utm_medium=social&amp;utm_campaign=spring-sale"
    assert link in app._link.value
    assert "GA4 files its visits under: Organic Social." in html.unescape(app._link.value)
    utm["medium"].value = "email"  # GA4: a social site as source is Organic Social anyway
    assert "warning" not in app._link.value
    utm["source"].value = "newsletter"
    assert "under Email, not social" in html.unescape(app._link.value)
    utm["source"].value = "linkedin"
    utm["medium"].value = "social"
    utm["source"].value = "acme"
    assert "looks like your own site" in app._link.value
    app.flush()
    stored_utm = stored(workspace).utm
    assert (stored_utm.url, stored_utm.source, stored_utm.campaign) == (
        "https://acme.com/Offer", "acme", "spring-sale")


def test_batch_links_for_every_chosen_platform_and_campaign_with_a_csv(app, workspace):
    app.open_tab("links")
    assert "one or more campaigns" in app._batch.value
    app._utm["url"].value = "https://acme.com/p"
    app._campaigns.value = "Launch, Spring Sale, launch"
    assert app._campaigns.value == "launch, spring-sale"
    batch = app._batch.value
    assert batch.count("<tr>") == 1 + 4  # LinkedIn and X (TikTok is handle-only) × 2
    assert "utm_source=x&amp;utm_medium=social&amp;utm_campaign=spring-sale" in batch
    data = unquote(re.search(r'href="data:text/csv;charset=utf-8,([^"]+)"', batch)[1])
    assert data.splitlines()[0] == ("platform,campaign,utm_id,utm_source,utm_medium,"
                                    "utm_content,ga4_channel,link")
    assert len(data.splitlines()) == 5
    assert batch.count("<td>Organic Social</td>") == 4  # medium "social": GA4's rule
    app._campaigns.value = "launch=li-7, spring-sale"
    assert app.section.utm.campaign_ids == {"launch": "li-7"}
    assert "utm_id=li-7" in app._batch.value
    app._paid.value = True  # ads: the medium follows unless typed
    assert app.section.utm.medium == "paid_social" and app._utm["medium"].value == "paid_social"
    assert "utm_medium=paid_social" in app._batch.value
    # an X ad: Google's list of social sites has "twitter", not "x", so GA4 misfiles it
    assert "X: " in html.unescape(app._batch.value)
    app._paid.value = False
    app._campaigns.value = "ok, =cmd|calc"
    assert "would be cut off" in app._campaigns_error.value
    assert app.section.utm.campaigns == ["launch", "spring-sale"]
    app.flush()
    assert stored(workspace).utm.campaigns == ["launch", "spring-sale"]


def test_the_survey_question_is_shown_and_its_state_stored(app, workspace):
    app.open_tab("links")
    assert "How did you hear about us?" in app._tabs.children[2].children[2].children[1].value
    app._hear_added.value = True
    app.flush()
    assert stored(workspace).hear_about_us_added is True


def test_a_reopened_app_shows_what_was_stored(app, workspace_with_plan):
    add_from_catalog(app, "g-leads", "Leads from social")
    app.open_tab("roi")
    app._roi_fields["value_per_conversion"].text.value = "150"
    app.open_tab("links")
    app._utm["url"].value = "https://acme.com/p"
    app.flush()
    again = KpisApp(workspace_with_plan, autosave_delay=60)
    again.picker.dropdown.value = "Acme"
    assert "Leads from social" in again._tree.value
    again.open_tab("roi")
    assert again._roi_fields["value_per_conversion"].value == 150
    assert again._roi_fields["value_per_conversion"].text.value == "150"
    again.open_tab("links")
    assert again._utm["url"].value == "https://acme.com/p"


def test_a_teammates_save_is_shown_in_the_open_app(app, workspace):
    app.open_tab("plan")
    section = KpisSection(kpis=[Kpi(id="k-1", name="Demo requests", goal_id="g-leads",
                                    level="outcome")])
    _plan, revision = workspace.load_with_revision("Acme")
    workspace.save_section("Acme", "kpis", section, revision.number)
    assert app.refresh_from_workspace()
    assert "Demo requests" in app._plan.value
    app.open_tab("trees")
    assert "Outcome: Demo requests" in app._tree.value


def test_without_planning_goals_kpis_are_not_tied_to_a_goal(workspace):
    workspace.create_team("Solo")
    app = KpisApp(workspace, autosave_delay=60)
    app.picker.dropdown.value = "Solo"
    assert "no goals yet" in app._goal_note.value
    assert app._goal_pick.value == ""
    app._add_catalog.click()  # the first outcome KPI of the catalog
    assert app.section.kpis[0].goal_id == ""
    assert "Not tied to a goal" in app._tree.value


def test_the_treemap_is_drawn_only_when_asked_and_follows_the_kpis(app):
    add_from_catalog(app, "g-leads", "Leads from social")
    assert app._treemap is None and app._treemap_slot.children == ()
    app._treemap_toggle.value = True
    figure = app._treemap.figure
    assert list(figure.data[0].labels) == ["qualified leads per month",
                                           "Outcome: Leads from social", "Reputation and trust"]
    assert app._treemap.drawn
    app._own_name.value = XSS
    app._add_own.click()
    labels = list(app._treemap.figure.data[0].labels)
    assert "Driver: &lt;img src=x onerror=alert(1)&gt;" in labels
    app._treemap_toggle.value = False
    assert app._treemap is None and app._treemap_slot.children == ()


def test_the_monthly_cost_comes_from_the_budget_step_until_one_is_typed(app, workspace):
    from socialplaybook.steps.budget.section import BudgetSection, MonthlyCosts

    _plan, revision = workspace.load_with_revision("Acme")
    workspace.save_section("Acme", "budget", BudgetSection(
        monthly_costs=MonthlyCosts(content_production=600), paid_budget=400), revision.number)
    app.picker.dropdown.value = ""
    app.picker.dropdown.value = "Acme"
    app.open_tab("roi")
    assert "comes from your budget step" in app._cost_note.value
    assert "1,000 EUR" in app._cost_note.value
    fields = app._roi_fields
    fields["value_per_conversion"].text.value = "150"
    fields["conversions_per_month"].text.value = "8"  # 1,200 a month against the budget's 1,000
    assert "Break-even: month 1" in app._roi_summary.value
    fields["monthly_cost"].text.value = "2000"  # typed: the budget's total no longer used
    assert "Count staff time" in app._cost_note.value
    assert "No break-even within 24 months" in app._roi_summary.value


def test_a_tab_opened_before_a_team_is_built_and_shown_when_the_team_opens(
        workspace_with_plan):
    app = KpisApp(workspace_with_plan, autosave_delay=60)
    app.open_tab("roi")
    assert app._built == set() and app._tabs.children[1].children == ()
    app.picker.dropdown.value = "Acme"
    assert app._built == {"roi"} and app._tabs.children[1].children
    assert app._roi_assumptions.value  # drawn from the team's section
    app.picker.dropdown.value = ""  # the tabs built stay, and show the next team's section
    app.open_tab("links")
    app.picker.dropdown.value = "Acme"
    assert app._built == {"roi", "links"}


def test_a_teammates_change_shows_in_the_open_editor_and_their_removal_closes_it(
        app, workspace):
    add_from_catalog(app, "g-leads", "Leads from social")
    add_from_catalog(app, "g-leads", "Cost per lead")
    app.flush()
    first, second = app.section.kpis
    app._kpi_pick.value = first.id
    editor = app._editor

    def teammate_saves(kpis):
        _plan, revision = workspace.load_with_revision("Acme")
        workspace.save_section("Acme", "kpis", app.section.model_copy(update={"kpis": kpis}),
                               revision.number)
        assert app.refresh_from_workspace()

    teammate_saves([first.model_copy(update={"owner": "Sales lead"}), second])
    assert app._editor is editor and editor._owner.value == "Sales lead"
    teammate_saves([second])
    assert app._editor is None and app._kpi_pick.value == ""
    assert app._editor_slot.children == () and editor._owner.comm is None  # closed
