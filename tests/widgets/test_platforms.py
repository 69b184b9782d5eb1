"""The platforms app without a browser: through the controls a person uses."""

import pytest

from socialplaybook.planning import AudienceSegment, DepartmentResource, Goal, PlanningSection
from widgets.platforms import PlatformsApp


@pytest.fixture
def app(workspace):
    workspace.create_team("Acme")
    app = PlatformsApp(workspace, autosave_delay=60)  # tests flush
    app.picker.dropdown.value = "Acme"
    return app


def order(app):
    return [s.platform for s in app._ranking.scores]


def set_audience(app, region, bands):
    app._region.value = region
    for band, box in app._bands.items():
        box.value = band in bands


def test_changing_the_audience_changes_the_ranking_and_is_stored(app, workspace):
    set_audience(app, "US", {"30-49"})
    for c, slider in app._weights.items():
        slider.value = 1 if c == "reach" else 0
    assert order(app)[:3] == ["YouTube", "Facebook", "Instagram"]
    set_audience(app, "US", {"65+"})
    assert order(app)[:3] == ["YouTube", "Instagram", "TikTok"]
    assert "65+ 60% (Pew Research Center 2023)" in app._ranking_view.value
    assert "no US figure for 65+" in app._ranking_view.value  # Facebook: left out, said so
    app.flush()
    stored = workspace.load("Acme").platforms
    assert stored.region_code == "US" and stored.age_bands == ["65+"]
    assert stored.weights.reach == 1 and stored.weights.formats == 0


def test_all_weights_zero_says_nothing_can_be_ranked_and_keeps_the_last_ranking(app):
    set_audience(app, "US", {"18-29"})
    sliders = list(app._weights.values())
    for slider in sliders[:-1]:
        slider.value = 0
    before = app._ranking_view.value  # ranked on the last criterion alone
    sliders[-1].value = 0
    assert "nothing can be ranked" in app._rank_message.value
    assert app._ranking_view.value == before
    assert "sp-greyed" in app._ranking_view._dom_classes
    assert app._use.disabled
    app._weights["formats"].value = 2
    assert app._rank_message.value == ""
    assert "sp-greyed" not in app._ranking_view._dom_classes


def test_choosing_more_than_the_capacity_warns(app, workspace):
    set_audience(app, "US", set())
    app._people.text.value = "1"
    app._hours.text.value = "10"
    for name in ("YouTube", "Instagram", "TikTok", "LinkedIn", "Facebook"):
        app._add_name.value = name
        app._add.click()
    assert len(app.section.choices) == 5
    assert "exceeds your capacity" in app._capacity.value
    assert "5 accounts to run is more than 1 people" in app._capacity.value
    editor = app._choices.editors["youtube"]
    editor._role.value = "handle_only"
    app._choices.editors["tiktok"]._remove.click()
    app._choices.editors["facebook"]._remove.click()
    assert [c.id for c in app.section.choices] == ["youtube", "instagram", "linkedin"]
    assert "exceeds your capacity" not in app._capacity.value  # 6 + 3 h, 2 accounts
    app.flush()
    stored = workspace.load("Acme").platforms
    assert stored.choices[0].role == "handle_only" and stored.people == 1


def test_recommended_portfolio_can_be_taken_and_has_reasons(app):
    set_audience(app, "US", set())
    app._formats["images"].value = True
    app._formats["short_video"].value = True
    app._people.text.value = "1"
    app._hours.text.value = "12"
    assert "sp-in" in app._recommendation.value and "sp-out" in app._recommendation.value
    app._use.click()
    chosen = [c.platform for c in app.section.choices]
    assert 1 <= len(chosen) <= 4
    assert app.section.choices[0].role == "primary"
    assert "exceeds" not in app._capacity.value


def test_a_typed_platform_not_in_the_data_is_kept_and_marked(app, workspace):
    app._add_name.value = "Nextdoor <b>"
    app._add.click()
    assert app.section.custom_platforms == ["Nextdoor <b>"]
    assert "Nextdoor &lt;b&gt;" in app._ranking_view.value and "no data" in app._ranking_view.value
    editor = app._choices.editors["nextdoor-b"]
    editor._hours.text.value = "2"
    assert app.section.judgements[0].hours_per_week == 2
    app.flush()
    assert workspace.load("Acme").platforms.custom_platforms == ["Nextdoor <b>"]


def test_zero_people_with_hours_is_refused_with_a_message(app):
    app._people.text.value = "0"
    app._hours.text.value = "5"
    assert "how many people" in app.message
    assert app.section.hours_per_week is None


def test_handles_checklist_covers_every_platform_and_is_stored(app, workspace):
    assert len(app._handles) >= 10
    app._handles["tiktok"].value = True
    app.flush()
    assert workspace.load("Acme").platforms.handles == {"tiktok": True}


def test_planning_prefills_the_audience_goals_and_capacity(workspace):
    workspace.create_team("Beta")
    planning = PlanningSection(
        goals=[Goal(business_result="leads", metric="qualified leads")],
        audience=[AudienceSegment(kind="B2B", region_code="US", age_bands=["30-49"])],
        resources=[DepartmentResource(department="marketing", people=2, hours_per_week=12)])
    workspace.save_section("Beta", "planning", planning, 1)
    app = PlatformsApp(workspace, autosave_delay=60)
    app.picker.dropdown.value = "Beta"
    assert app._region.value == "US" and app._bands["30-49"].value
    assert app._kinds["B2B"].value and app._results["leads"].value
    assert app._people.value == 2 and app._hours.value == 12
    assert "planning step" in app._audience_note.value
    assert not app.pending  # shown, not an edit
