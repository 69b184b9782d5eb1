"""The engagement app without a browser: through the controls a person uses."""

from __future__ import annotations

import html
from datetime import date, datetime, timedelta
from urllib.parse import unquote

import pytest

from socialplaybook.steps.engagement.section import Account, EngagementSection
from socialplaybook.steps.planning.section import (
    RACI,
    AudienceSegment,
    DepartmentResource,
    Goal,
    PlanningSection,
)
from socialplaybook.steps.platforms.section import PlatformChoice, PlatformsSection
from widgets.engagement.app import EngagementApp
from widgets.platforms.app import PlatformsApp

XSS = "<img src=x onerror=alert(1)>"
TODAY = date(2030, 1, 2)


@pytest.fixture
def team(workspace):
    workspace.create_team("Acme")
    workspace.save_section("Acme", "planning", PlanningSection(
        goals=[Goal(id="g-orders", metric="orders from social")],
        audience=[AudienceSegment(id="s-locals", name="Locals", needs="good coffee, fast")],
        raci=RACI().with_cell("questions", "customer_service", "R"),
        resources=[DepartmentResource(department="customer_service", people=2,
                                      hours_per_week=6),
                   DepartmentResource(department="sales", people=0)]), None)
    _plan, revision = workspace.load_with_revision("Acme")
    workspace.save_section("Acme", "platforms", PlatformsSection(choices=[
        PlatformChoice(id="instagram", platform="Instagram", role="primary",
                       cadence="3-5 posts a week"),
        PlatformChoice(id="tiktok", platform="TikTok", role="handle_only")],
        handles={"x": True}), revision.number)
    return workspace


def open_app(workspace) -> EngagementApp:
    app = EngagementApp(workspace, autosave_delay=60, live_check_seconds=0,
                        today=lambda: TODAY, now=lambda: datetime(2030, 1, 2, 12))
    app.picker.dropdown.value = "Acme"
    return app


@pytest.fixture
def app(team):
    return open_app(team)


def stored(workspace) -> EngagementSection:
    return workspace.load("Acme").engagement


def add_pillar(app, name):
    app._pillar_name.value = name
    app._add_pillar.click()


# -- content ------------------------------------------------------------------------------------


def test_tabs_are_built_when_first_shown(app):
    assert app._built == {"content"}
    app.open_tab("accounts")
    assert app._built == {"content", "accounts"}


def test_a_pillar_is_tied_to_planning_and_its_name_is_escaped_everywhere(app, team):
    add_pillar(app, "   ")
    assert "A pillar needs a name" in app._pillar_message.value
    assert app.section.pillars == []
    add_pillar(app, XSS)
    assert app._pillar_name.value == "" and app.section.pillars[0].name == XSS
    editor = next(iter(app._pillars.editors.values()))
    assert ("Locals", "s-locals") in editor._segment.options
    assert ("orders from social", "g-orders") in editor._goal.options
    editor._segment.value = "s-locals"
    assert app.section.pillars[0].need == "good coffee, fast"  # the segment's need
    editor._goal.value = "g-orders"
    assert "Not yet tied" not in app._pillar_checks.value
    for shown in (editor._head.value, app._slot_table.value, app._pillar_checks.value):
        assert XSS not in shown
    assert html.escape(XSS) in app._slot_table.value
    app.flush()
    assert stored(team).pillars[0].name == XSS


def test_shares_over_100_are_refused_at_the_mix_and_the_last_valid_kept(app, team):
    fields = app._mix_fields
    fields["help"].text.value = "60"
    fields["about_us"].text.value = "30"
    assert "30 % of your posts are about the company, above your limit of 20 %" in (
        app._mix_checks.value)
    fields["teach"].text.value = "20"
    assert "add up to 110 %" in app._mix_message.value
    assert app.section.mix.teach_percent == 0 and fields["teach"].value == 0  # shown again
    fields["teach"].text.value = "-5"
    assert fields["teach"].message and app.section.mix.teach_percent == 0
    fields["about_us"].text.value = "10"
    assert app._mix_message.value == ""
    app.flush()
    assert (stored(team).mix.help_percent, stored(team).mix.about_us_percent) == (60, 10)


def test_the_calendar_comes_from_the_cadence_and_a_zero_cadence_is_refused(app, team):
    add_pillar(app, "Tips")
    field, box, _name, origin = app._cadence_fields["instagram"]
    assert field.value == 4 and "from the platforms step" in origin.value
    assert "tiktok" not in app._cadence_fields  # handle only: not posted on
    assert app._slot_table.value.count("Instagram") == 16
    field.text.value = "0"
    assert "at least one post" in app._calendar_message.value
    assert field.value == 4 and app.section.calendar.cadences == []
    field.text.value = "2"
    assert app._slot_table.value.count("Instagram") == 8
    assert "sprout-bulk-instagram.csv" in app._downloads.value
    box.value = False
    assert "Instagram" not in app._slot_table.value
    app.flush()
    cadence = stored(team).calendar.cadences[0]
    assert (cadence.posts_per_week, cadence.included) == (2, False)


def test_a_slots_topic_goes_into_the_upload_file(app):
    add_pillar(app, "Tips")
    app._slot_pick.value = "instagram-1"
    app._slot_fields["topic"].value = "Our new roast"
    assert app.section.slots[0].topic == "Our new roast"
    link = app._downloads.value
    instagram = link[link.index("sprout-bulk-instagram.csv"):]
    text = unquote(instagram[instagram.index("charset=utf-8,") + 14:instagram.index('">')])
    assert text.splitlines()[:2] == ["date,time_24hr,message_text",
                                     "07/01/2030,09:00,Our new roast"]


def test_listening_queries_follow_the_words(app):
    app._terms["products"].value = "flat white, cold brew"
    assert html.escape('("flat white" OR "cold brew")', quote=True) in app._queries.value
    assert stored_terms(app) == ["flat white", "cold brew"]


def stored_terms(app):
    return app.section.listening.products


# -- engagement ---------------------------------------------------------------------------------


def test_a_department_with_no_people_is_refused_at_the_field(app, team):
    app.open_tab("engagement")
    assert "Messages go to departments with no people: Sales" in app._playbook_checks.value
    app._rule_pick.value = "sales_lead"
    assert app._rule_fields["department"].value == "sales"  # the default; sales has nobody
    app._rule_fields["department"].value = "customer_service"
    assert app.section.responses[0].department == "customer_service"
    app._rule_fields["department"].value = "sales"
    assert "Sales has no people" in app._rule_message.value
    assert app._rule_fields["department"].value == "customer_service"  # the last valid
    assert app.section.responses[0].department == "customer_service"
    app._rule_fields["target_hours"].text.value = "24"
    assert "Slower than customers expect" in app._playbook_checks.value
    app.flush()
    assert stored(team).responses[0].target_hours == 24


def test_staffing_refuses_hours_without_people_and_shows_the_cost_of_a_target(app, team):
    app.open_tab("engagement")
    assert "Customer service" in app._staffing.value
    assert "What a response-time target costs" in app._costs.value
    app._staff_pick.value = "pr"
    app._staff_people.text.value = "0"
    app._staff_hours.text.value = "5"
    assert "Enter how many people first" in app._staffing_message.value
    assert app.section.staffing.departments == [] or all(
        d.hours_per_week in (None, 0) for d in app.section.staffing.departments)
    app._staff_people.text.value = "1"
    app._staff_hours.text.value = "5"
    assert app._staffing_message.value == ""
    app.flush()
    entry = stored(team).staffing.departments[0]
    assert (entry.department, entry.people, entry.hours_per_week) == ("pr", 1, 5)


def test_automation_above_the_limit_is_warned_about(app):
    app.open_tab("engagement")
    app._automation_fields["automated_replies"].text.value = "50"
    assert "above your limit of 20 %" in app._automation_checks.value
    app._automation_fields["scheduled_posts"].text.value = "90"
    app._automation_fields["automated_posts"].text.value = "20"
    assert "at most 100 %" in app._automation_message.value
    assert app.section.automation.automated_posts_percent == 0


# -- crisis and policy ----------------------------------------------------------------------------


def test_a_rated_mishap_gets_a_tier_owner_and_a_calm_reply(app, team):
    app.open_tab("crisis")
    assert "Tier 1: routine" in app._tier.value
    app._incident_text.value = XSS
    app._ratings["reach"].value = "3"
    app._ratings["sentiment"].value = "2"
    assert "Tier 3: serious" in app._tier.value
    assert "tier 1 or 2" in app._examples.value
    app.flush()
    assert stored(team).incident.reach == 3 and stored(team).incident.description == XSS


def test_a_policy_part_edited_with_hostile_text_stays_text(app, team):
    app.open_tab("policy")
    assert "Social media policy of Acme" in app._document.value
    app._part_pick.value = "media"
    app._part_text.value = f"Ask Kari. {XSS}"
    assert XSS not in app._document.value
    assert html.escape(f"Ask Kari. {XSS}") in app._document.value
    assert "social-media-policy.md" in app._policy_download.value
    app._part_reset.click()
    assert app.section.policy == []
    assert "press contact" in app._part_text.value
    app.flush()
    assert stored(team).policy == []


# -- accounts -----------------------------------------------------------------------------------


def test_a_password_typed_as_a_handle_is_refused_cleared_and_never_saved(app, team):
    app.open_tab("accounts")
    assert set(app._accounts.editors) == {"instagram", "tiktok", "x"}  # from step 3
    app._new_handle.value = "@acme_fb"
    app._add_account.click()
    assert "Every account needs its platform" in app._account_message.value
    assert app.section.accounts == []
    app._new_platform.value = "Facebook"
    app._new_handle.value = "Summer2024!"
    app._add_account.click()
    assert "looks like a password, so it was not saved" in app._account_message.value
    assert app._new_handle.value == ""
    assert all(a.platform != "Facebook" for a in app.section.accounts)
    editor = app._accounts.editors["instagram"]
    editor._handle.value = "sk-proj-" + "a1B2c3D4e5" * 4
    assert "an API key" in editor.message and editor._handle.value == ""
    editor._handle.value = "@acme"
    assert app.section.accounts[0].handle == "@acme"
    app.flush()
    saved = team.load("Acme").to_json()
    assert "Summer2024!" not in saved and "sk-proj-" not in saved
    assert '"handle": "@acme"' in saved


def test_alerts_for_an_old_credential_change_and_a_leaver(app, team):
    app.open_tab("accounts")
    editor = app._accounts.editors["instagram"]
    editor._owner.value = XSS
    editor._two_factor.value = True
    editor._changed.value = TODAY - timedelta(days=120)
    assert "120 days ago, more than 90" in editor._alerts.value
    app._max_age.text.value = "180"
    assert editor._alerts.value == ""
    app._people_left.value = XSS
    assert "left the company" in editor._alerts.value
    assert XSS not in editor._alerts.value and html.escape(XSS) in editor._alerts.value
    app.flush()
    account = stored(team).accounts[0]
    assert (account.id, account.owner, account.two_factor) == ("instagram", XSS, True)
    assert stored(team).people_left == [XSS]


def test_the_platforms_apps_handle_box_shows_the_inventorys_rows(team):
    _plan, revision = team.load_with_revision("Acme")
    team.save_section("Acme", "engagement", EngagementSection(accounts=[
        Account(id="instagram", platform="Instagram", handle="@acme")]), revision.number)
    platforms = PlatformsApp(team, autosave_delay=60, live_check_seconds=0)
    platforms.picker.dropdown.value = "Acme"
    box = platforms._handles["instagram"]
    assert box.value and box.disabled and "@acme" in box.description
    assert platforms._handles["x"].value and not platforms._handles["x"].disabled


def test_a_teammates_pillar_is_added_to_the_open_app(app, team):
    other = open_app(team)
    add_pillar(other, "News")
    other.flush()
    add_pillar(app, "Tips")
    app.flush()
    assert sorted(p.name for p in stored(team).pillars) == ["News", "Tips"]
    assert other.refresh_from_workspace()
    assert sorted(p.name for p in other.section.pillars) == ["News", "Tips"]
    assert len(other._pillars.editors) == 2
