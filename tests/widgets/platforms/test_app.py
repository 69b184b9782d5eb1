"""The platforms app without a browser: through the controls a person uses."""

import pytest

from socialplaybook.steps.planning.section import (
    AudienceSegment,
    DepartmentResource,
    Goal,
    PlanningSection,
)
from widgets.platforms.app import PlatformsApp


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
    assert order(app)[:3] == ["Facebook", "Instagram", "LinkedIn"]  # Pew 2023's 30-49 cells
    set_audience(app, "US", {"65+"})
    assert order(app)[:3] == ["YouTube", "Instagram", "LinkedIn"]
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
    assert "5 accounts to run is more than 1 person" in app._capacity.value
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


# -- the team's own view of a platform ------------------------------------------------------


def weigh_only(app, criterion):
    for c, slider in app._weights.items():
        slider.value = 1 if c == criterion else 0


def row_html(app, platform):
    """The score table's row of ``platform``."""
    text = app._ranking_view.value
    start = text.index(f'<tr data-platform="{platform}">')
    return text[start:text.index("</tr>", start)]


def test_the_editor_is_built_only_when_opened_and_closed_when_replaced(app):
    assert app._editor is None and app._editor_slot.children == ()
    app._view_pick.value = "linkedin"
    first = app._editor
    assert first is not None and first.platform_id == "linkedin"
    assert "Our view of LinkedIn" in first._head.value
    app._view_pick.value = "youtube"
    assert app._editor.platform_id == "youtube" and app._editor_slot.children == (app._editor,)
    assert first.comm is None and first._hours.text.comm is None  # disposed, parts too
    app._editor._close.click()
    assert app._editor is None and app._view_pick.value == ""
    assert not app.pending  # opening and closing are not edits


def test_changing_a_platforms_formats_rescores_it_and_is_stored(app, workspace):
    set_audience(app, "US", set())
    app._formats["short_video"].value = True
    weigh_only(app, "formats")
    before = order(app).index("LinkedIn")
    assert "toolkit&#x27;s judgement" in row_html(app, "LinkedIn")
    assert "you make 1 of its 4 formats" in row_html(app, "LinkedIn")
    app._view_pick.value = "linkedin"
    editor = app._editor
    assert [f for f, box in editor._formats.items() if box.value] == [
        "short_video", "long_video", "images", "text"]
    for name in ("long_video", "images", "text"):
        editor._formats[name].value = False
    assert order(app).index("LinkedIn") < before
    assert order(app)[0] == "LinkedIn"  # short video only: 100% format fit
    row = row_html(app, "LinkedIn")
    assert "you make 1 of its 1 formats" in row and "your team&#x27;s value" in row
    assert "your values" in row
    assert "rank 1 of" in editor._head.value and "your team" in editor._origins["formats"].value
    assert "(your values)" in dict((v, k) for k, v in app._view_pick.options)["linkedin"]
    app.flush()
    [stored] = workspace.load("Acme").platforms.judgements
    assert stored.id == "linkedin" and stored.formats == ["short_video"]
    assert stored.b2b_strength is None and stored.hours_per_week is None  # only what changed


def test_back_to_the_toolkits_values(app, workspace):
    set_audience(app, "US", set())
    app._view_pick.value = "youtube"
    editor = app._editor
    editor._b2b.value = 0
    editor._hours.text.value = "3"
    editor._cadence.value = "One video a month"
    assert app.section.judgements[0].model_dump(exclude_none=True) == {
        "id": "youtube", "platform": "YouTube", "b2b_strength": 0, "hours_per_week": 3,
        "cadence": "One video a month"}
    editor._reset.click()
    assert app.section.judgements == []
    assert editor._b2b.value == 2 and editor._hours.value == 8 and editor._cadence.value == ""
    assert "toolkit" in editor._origins["hours_per_week"].value
    assert "your team" not in row_html(app, "YouTube")
    app.flush()
    assert workspace.load("Acme").platforms.judgements == []


def test_a_typed_platform_is_scored_on_the_teams_values_only(app, workspace):
    set_audience(app, "US", set())
    app._kinds["B2C"].value = True
    app._formats["images"].value = True
    app._hours.text.value = "10"
    app._people.text.value = "1"
    app._add_name.value = "Finn.no"
    app._add.click()
    score = next(s for s in app._ranking.scores if s.platform == "Finn.no")
    assert score.score is None and not score.in_data
    assert "no data" in row_html(app, "Finn.no")
    app._view_pick.value = "finn-no"
    editor = app._editor
    assert "no data" in editor._head.value and "scored only on what you enter" in editor._head.value
    assert editor._b2c.value == -1  # not known until the team says
    editor._formats["images"].value = True
    editor._b2c.value = 3
    editor._hours.text.value = "2"
    score = next(s for s in app._ranking.scores if s.platform == "Finn.no")
    values = {c.criterion: c.value for c in score.criteria}
    assert values == {"reach": None, "formats": 1.0, "goals": 1.0, "hours": 0.8}
    assert round(score.score) == 96  # (2*1 + 2*1 + 1*0.8) / 5, reach left out
    row = row_html(app, "Finn.no")
    assert "no data for this platform: reach left out" in row
    assert row.count("your team&#x27;s value") == 3
    # The hours the team entered for it count in the capacity: one sentence, said as fitting.
    assert ('<li class="sp-check-ok">Your choice needs 2 of your 10 h a week.'
            in app._capacity.value)
    assert "Hours not known" not in app._capacity.value
    app.flush()
    [stored] = workspace.load("Acme").platforms.judgements
    assert stored.formats == ["images"] and stored.b2c_strength == 3
    assert stored.hours_per_week == 2


def test_refused_values_keep_the_last_valid_one(app, workspace):
    app._view_pick.value = "tiktok"
    editor = app._editor
    editor._hours.text.value = "5"
    assert app.section.judgements[0].hours_per_week == 5
    editor._hours.text.value = "-3"
    assert editor._hours.message and app.section.judgements[0].hours_per_week == 5
    editor._hours.text.value = "lots"
    assert editor._hours.message and app.section.judgements[0].hours_per_week == 5
    editor._hours.text.value = "200"  # more than a week has
    assert editor._hours.message and app.section.judgements[0].hours_per_week == 5
    editor._cadence.value = "x" * 200
    assert "120" in editor._messages["cadence"].value
    assert app.section.judgements[0].cadence is None
    editor._cadence.value = "x" * 199  # the person keeps typing: the text stays
    assert editor._cadence.value == "x" * 199
    editor._cadence.value = "daily"
    assert editor._messages["cadence"].value == ""
    assert app.section.judgements[0].cadence == "daily"
    assert app.message == ""  # said at the field, not over the app
    app.flush()
    stored = workspace.load("Acme").platforms.judgements[0]
    assert stored.hours_per_week == 5 and stored.cadence == "daily"


def test_the_editor_writes_hours_the_teams_way(workspace):
    workspace.create_team("Berlin")
    workspace.save_section("Berlin", "locale", "de", 1)
    app = PlatformsApp(workspace, autosave_delay=60)
    app.picker.dropdown.value = "Berlin"
    app._view_pick.value = "youtube"
    editor = app._editor
    editor._hours.text.value = "2,5"
    assert app.section.judgements[0].hours_per_week == 2.5


def test_checkboxes_redrawn_for_another_region_leave_the_shared_parts_working(app, workspace):
    """Age-band checkboxes are disposed and made again on a region change; the layout and
    style all checkboxes share stay open, and the new checkboxes still save."""
    set_audience(app, "US", set())
    first_box = next(iter(app._bands.values()))
    shared_layout, shared_style = first_box.layout, first_box.style
    handle_box = next(iter(app._handles.values()))
    assert handle_box.layout is shared_layout  # one model for every checkbox
    set_audience(app, "EU", set())
    assert first_box.comm is None  # the old checkbox is gone
    assert shared_layout.comm is not None and shared_style.comm is not None
    band, box = next(iter(app._bands.items()))
    assert box.layout is shared_layout and box.style is shared_style
    box.value = True
    app.flush()
    assert workspace.load("Acme").platforms.age_bands == [band]


def test_a_teams_first_view_holds_few_widget_models(app):
    """Each model is sent to the page and built there before the app is usable: the
    checkboxes and plain texts share their layout and style (335 models before)."""
    set_audience(app, "US", {"30-49"})
    models = set()
    stack = [app]
    while stack:
        widget = stack.pop()
        if id(widget) in models:
            continue
        models.add(id(widget))
        for name in widget.keys:
            value = getattr(widget, name)
            values = value if isinstance(value, (list, tuple)) else [value]
            stack.extend(v for v in values if hasattr(v, "keys") and hasattr(v, "comm"))
    assert len(models) < 250


def test_the_age_bands_say_why_there_are_none_to_pick(app):
    """No region, or a region whose data has no age bands: a sentence, not an empty row."""
    def shown():
        return [getattr(child, "description", None) or child.value
                for child in app._bands_box.children]

    assert shown() == ['<span class="sp-card-note">Pick a region with data above to choose '
                       'age bands.</span>']
    app._region.value = "NO"
    assert shown() == ['<span class="sp-card-note">No age bands for this region.</span>']
    app._region.value = "US"
    assert shown() == ["18-29", "30-49", "50-64", "65+"]
    app._region.value = ""
    assert len(shown()) == 1 and "Pick a region" in shown()[0]


def test_hours_beyond_the_people_are_refused_and_the_status_stops_saying_saved(app,
                                                                              workspace):
    app._people.text.value = "1"
    app._hours.text.value = "6"
    app.flush()
    app._hours.text.value = "200"
    assert "1 person has at most 168 hours a week." in app._message.value
    assert "Not saved" in app._status.value and "Saved ·" not in app._status.value
    assert workspace.load("Acme").platforms.hours_per_week == 6  # the saved value is kept
    app._hours.text.value = "150"
    assert app._message.value == "" and "Not saved" not in app._status.value
    app.flush()
    assert workspace.load("Acme").platforms.hours_per_week == 150
