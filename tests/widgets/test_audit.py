"""The myth audit app without a browser: ratings go into the plan and the store."""

import html
import re

import pytest

from socialplaybook.datasets import Myth, MythSource, load_myth_sources, load_myths
from socialplaybook.steps.audit.scores import area_scores
from widgets.audit import MythAuditApp


@pytest.fixture
def app(workspace):
    workspace.create_team("Acme")
    app = MythAuditApp(workspace, autosave_delay=60)  # tests flush explicitly
    app.picker.dropdown.value = "Acme"
    return app


def test_app_is_hidden_until_a_team_is_chosen(workspace):
    app = MythAuditApp(workspace)
    assert app.workarea.layout.display == "none"
    workspace.create_team("Acme")
    app.picker.select("Acme")
    assert app.workarea.layout.display == "flex"
    assert "revision 1" in app.status


def test_tabs_are_built_when_first_shown(app):
    assert {row.myth.area for row in app.rows.values()} == {"planning"}
    app._tabs.selected_index = 4
    assert {row.myth.area for row in app.rows.values()} == {"planning", "engagement"}


def test_every_statement_is_shown_grouped_by_area(app):
    myths = load_myths()
    for index in range(len(app._tabs.children)):
        app._tabs.selected_index = index
    assert len(app.rows) == len(myths)
    shown = [row.myth.area for tab in app._tabs.children for row in tab.children]
    assert sorted(shown) == sorted(m.area for m in myths)
    for tab in app._tabs.children:
        assert len({row.myth.area for row in tab.children}) == 1
    assert "What the article argues instead" in app.row("no-plan").children[0].value


def test_rating_updates_answers_chart_and_store(app, workspace):
    app.row("no-plan").rating.value = 4
    app.row("vanity-kpis").rating.value = 1
    assert app.answers == {"no-plan": 4, "vanity-kpis": 1}
    assert "Saving" in app.status
    result = app.flush()
    assert result.revision.number == 2
    assert "revision 2" in app.status
    assert workspace.load("Acme").audit.answers == {"no-plan": 4, "vanity-kpis": 1}
    expected = area_scores(app.answers, load_myths())
    assert expected["kpis"].score == pytest.approx(75.0)
    assert 'data-area="planning" data-score="0"' in app.chart.value
    assert 'data-area="kpis" data-score="75"' in app.chart.value
    assert 'data-area="budget" data-score=""' in app.chart.value
    assert "Planning" in app._start_here.value
    assert app._tabs.titles[0].endswith("1/5")


def test_answers_come_back_when_the_app_is_opened_again(app, workspace):
    app.row("no-plan").rating.value = 2
    app.row("social-is-free").rating.value = 3
    app.flush()
    again = MythAuditApp(workspace)
    again.picker.dropdown.value = "Acme"
    assert again.row("no-plan").rating.value == 2
    assert again.answers == {"no-plan": 2, "social-is-free": 3}
    assert "social-is-free" not in again.rows  # its tab is not built yet
    assert again.row("social-is-free").rating.value == 3
    assert again.row("vanity-kpis").rating.value is None


def test_switching_team_in_the_dropdown_saves_the_pending_change_to_the_old_team(app, workspace):
    workspace.create_team("Other")
    app.picker.refresh()
    app.row("no-plan").rating.value = 3
    app.picker.dropdown.value = "Other"  # within the autosave delay, as a person would
    app.flush()
    assert workspace.load("Acme").audit.answers == {"no-plan": 3}
    assert workspace.load("Other").audit.answers == {}
    assert app.row("no-plan").rating.value is None


def test_audit_save_keeps_other_sections_written_by_another_app(app, workspace):
    plan = workspace.load("Acme")
    workspace.save(plan.model_copy(update={"currency": "NOK"}), "settings")
    app.row("no-plan").rating.value = 1
    app.flush()
    latest = workspace.load("Acme")
    assert latest.currency == "NOK"
    assert latest.audit.answers == {"no-plan": 1}


def test_creating_a_team_saves_the_pending_change_to_the_team_it_was_made_for(app, workspace):
    app.row("no-plan").rating.value = 2
    app.picker.new_name.value = "Newcomers"
    app.picker.create_button.click()
    app.flush()
    assert app.picker.team == app.team == "Newcomers"
    assert workspace.load("Acme").audit.answers == {"no-plan": 2}
    assert workspace.load("Newcomers").audit.answers == {}
    assert app.row("no-plan").rating.value is None
    assert [rev.number for rev in workspace.revisions("Newcomers")] == [1]


def test_start_here_links_carry_the_team(app):
    for statement_id in ["no-plan", "marketing-owns-it"]:
        app.row(statement_id).rating.value = 4
    assert "Start here" in app._start_here.value
    links = re.findall(r'href="([^"]+)"', app._start_here.value)
    assert links and all(link.endswith("?team=Acme") for link in links)


def test_app_opened_with_team_in_the_query_loads_that_team(workspace, monkeypatch):
    workspace.create_team("Acme Bakery")
    plan = workspace.load("Acme Bakery")
    plan.audit.answers = {"no-plan": 3}
    workspace.save(plan, "audit")
    monkeypatch.setenv("VOILA_PREHEAT", "False")  # a kernel Voila started for this request
    monkeypatch.setenv("QUERY_STRING", "team=acme+bakery")
    app = MythAuditApp(workspace)
    assert app.picker.team == "Acme Bakery"
    assert app.row("no-plan").rating.value == 3
    assert app.workarea.layout.display == "flex"


def test_the_articles_own_words_are_shown_beside_the_statement(app):
    value = app.row("not-for-our-audience").children[0].value
    source = load_myth_sources()["not-for-our-audience"]
    # beside the statement, not folded away: the article's sentence in its own language
    pair = value[:value.index("<details>")]
    assert 'class="sp-statement-pair"' in pair
    assert f'<span lang="zh">{html.escape(source.quote)}</span>' in pair
    assert pair.index("sp-statement-text") < pair.index(source.quote)
    # its rendering in the team's language and the note, with what the article argues
    details = value[value.index("<details>"):]
    assert html.escape(source.english) in details
    assert "GlobalWebIndex, 2013" in details  # the note on the study behind the line
    assert details.index("What the article argues instead") < details.index(
        html.escape(source.english))
    german = app.row("only-a-marketing-channel").children[0].value
    assert 'lang="de"' in german and "reverses" in german


def test_the_quote_and_its_note_are_escaped(workspace):
    workspace.create_team("Acme")
    myths = (Myth(id="no-plan", area="planning", belief="We <b>plan</b>", instead="Plan & act",
                  seed="001_x.txt", module="planning"),)
    sources = {"no-plan": MythSource(
        id="no-plan", seed="001_x.txt", language="de", quote="<script>alert(1)</script> & „so“",
        english="<img src=x onerror=alert(1)>", note='Say "<i>" & mean it')}
    app = MythAuditApp(workspace, myths=myths, sources=sources, autosave_delay=60)
    app.picker.dropdown.value = "Acme"
    value = app.row("no-plan").children[0].value
    assert "<script>" not in value and "<img" not in value and "<i>" not in value
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; „so“" in value
    assert "&lt;img src=x onerror=alert(1)&gt;" in value
    assert "Say &quot;&lt;i&gt;&quot; &amp; mean it" in value
    assert "We &lt;b&gt;plan&lt;/b&gt;" in value and "Plan &amp; act" in value


def test_a_statement_without_a_quote_still_names_its_article(workspace):
    workspace.create_team("Acme")
    myths = (Myth(id="no-plan", area="planning", belief="b", instead="i",
                  seed="003_x.txt", module="planning"),)
    app = MythAuditApp(workspace, myths=myths, sources={}, autosave_delay=60)
    app.picker.dropdown.value = "Acme"
    value = app.row("no-plan").children[0].value
    assert "Norwegian" in value and "003_x.txt" in value and "blockquote" not in value


def test_overall_score_weighs_every_statement_and_says_so(app):
    assert "Every rated statement counts the same" in app._summary.value
    app.row("no-content-policy").rating.value = 4  # policy: 3 statements
    app.row("no-conversation").rating.value = 0  # engagement: 8 statements
    app.row("all-about-us").rating.value = 0
    # ratings 4, 0, 0: 100 * (1 - (4/3)/4) = 66.7; a mean of the areas (0, 100) would say 50
    assert "Overall health: 67 / 100" in app._summary.value
    assert "Every rated statement counts the same" in app._summary.value


def test_a_team_writing_numbers_the_german_way_reads_none_the_english_way(workspace):
    """Scores are whole numbers, so nothing here was written the English way before either:
    this keeps it so (every statement rated by a Berlin team, every tab open)."""
    from tests.widgets.teams import team_writing_numbers
    from tests.widgets.visible import foreign_numbers, visible_text

    team = team_writing_numbers(workspace, "Maschinenbau", "de")
    app = MythAuditApp(workspace, autosave_delay=60)
    app.picker.dropdown.value = team
    for index in range(len(app._tabs.children)):
        app._tabs.selected_index = index
    for number, statement in enumerate(app.rows):
        app.row(statement).rating.value = number % 5
    assert foreign_numbers(visible_text(app), "de") == []
    assert "Overall health:" in app._summary.value
