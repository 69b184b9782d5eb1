"""The team's own reach estimate in the platforms app: an input in the editor of a platform
the data has no figure for, stored with its source, used by the score and marked as the
team's; bad input gets a message at the field it was typed in."""

import pytest

from socialplaybook.steps.platforms.section import ReachEstimate
from widgets.platforms.app import PlatformsApp


@pytest.fixture
def app(workspace):
    workspace.create_team("Acme")
    app = PlatformsApp(workspace, autosave_delay=60)  # tests flush
    app.picker.dropdown.value = "Acme"
    app._region.value = "DE"  # the German study has no YouTube row
    return app


def row_html(app, platform):
    text = app._ranking_view.value
    start = text.index(f'<tr data-platform="{platform}"')
    return text[start:text.index("</tr>", start)]


def reach(app, platform):
    return next(s for s in app._ranking.scores if s.platform == platform).criterion("reach")


def test_youtube_without_a_figure_gets_the_teams_estimate(app, workspace):
    app._view_pick.value = "youtube"
    estimate = app._editor.estimate_editor
    assert estimate.layout.display != "none"
    assert "no figure of its reach" in estimate._note.value
    assert reach(app, "YouTube").value is None
    estimate._share.text.value = "60"  # no source yet: nothing stored, said at the source
    assert app.section.reach_estimates == []
    assert "where the estimate comes from" in estimate._source_message.value
    assert estimate._share_message.value == ""
    estimate._source.value = "  "
    assert app.section.reach_estimates == []
    assert "where the estimate comes from" in estimate._source_message.value
    estimate._source.value = "unsere Kundenbefragung 2026"
    assert estimate._source_message.value == ""
    assert app.section.reach_estimates == [ReachEstimate(
        id="youtube", platform="YouTube", share_percent=60,
        source="unsere Kundenbefragung 2026")]
    assert reach(app, "YouTube").value == pytest.approx(0.6)
    row = row_html(app, "YouTube")
    assert "your own estimate (unsere Kundenbefragung 2026)" in row
    assert "your reach estimate" in row and "reach unknown" not in row
    app.flush()
    assert workspace.load("Acme").platforms.reach_estimates == app.section.reach_estimates


def test_a_share_above_100_or_not_a_number_is_refused_at_its_field(app):
    app._view_pick.value = "youtube"
    estimate = app._editor.estimate_editor
    estimate._source.value = "our survey"
    assert "Enter the share" in estimate._share_message.value  # a source without a number
    estimate._share.text.value = "120"
    assert estimate._share.message and app.section.reach_estimates == []
    estimate._share.text.value = "lots"
    assert estimate._share.message and app.section.reach_estimates == []
    estimate._share.text.value = "45"
    assert [e.share_percent for e in app.section.reach_estimates] == [45]
    estimate._share.text.value = ""  # clearing both removes it
    estimate._source.value = ""
    assert app.section.reach_estimates == []


def test_a_platform_with_a_figure_shows_no_estimate_field(app):
    app._view_pick.value = "facebook"
    assert app._editor.estimate_editor.layout.display == "none"


def test_a_stored_estimate_is_shown_again(app, workspace):
    app._view_pick.value = "youtube"
    app._editor.estimate_editor._share.text.value = "37,5"  # typed as in English: 375
    app._editor.estimate_editor._share.text.value = "37.5"
    app._editor.estimate_editor._source.value = "trade fair poll"
    app.flush()
    again = PlatformsApp(workspace, autosave_delay=60)
    again.picker.dropdown.value = "Acme"
    again._view_pick.value = "youtube"
    shown = again._editor.estimate_editor
    assert (shown._share.text.value, shown._source.value) == ("37.5", "trade fair poll")
    assert "Used as its reach" in shown._note.value
