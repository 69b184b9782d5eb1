"""The budget app for a team that writes numbers the German or the Norwegian way: every
number on screen (sentences, tables, axes, tooltips, notes) is written as its fields are."""

import pytest

from tests.widgets.teams import team_writing_numbers
from tests.widgets.visible import foreign_numbers, visible_text
from widgets.budget.app import BudgetApp

# What the team types, each the way it writes numbers.
TYPED = {
    "de": {"hours": "12,5", "money": "1.250,5", "hourly": "45,5", "budget": "2.500",
           "spend": "1.250", "posts": "2,5", "history": "1.000; 10.000\n2.000; 16.000\n"
                                                         "4.000; 22.000\n8.000; 26.000"},
    "nb": {"hours": "12,5", "money": "1 250,5", "hourly": "45,5", "budget": "2 500",
           "spend": "1 250", "posts": "2,5", "history": "1 000; 10 000\n2 000; 16 000\n"
                                                         "4 000; 22 000\n8 000; 26 000"},
}


@pytest.mark.parametrize("locale, currency", [("de", "EUR"), ("nb", "NOK")])
def test_every_number_on_the_budget_pages_is_written_the_teams_way(workspace, locale,
                                                                   currency):
    """A Berlin (or Bergen) machine maker fills in every tab: no "12.5 h", "2,500" or
    "spend / CPM × 1,000" beside fields showing 12,5 and 2.500."""
    team = team_writing_numbers(workspace, "Maschinenbau", locale, currency)
    typed = TYPED[locale]
    app = BudgetApp(workspace, autosave_delay=60)
    app.picker.dropdown.value = team
    app._people.text.value = "1"  # fewer people than the platforms need: warnings with hours
    app._hours.text.value = typed["hours"]
    app._pick.value = "linkedin"
    editor = app._editor
    editor._fields["current_spend"].text.value = typed["spend"]
    editor._fields["posts_per_week"].text.value = typed["posts"]
    editor._owner.value = "Anna"
    editor._fields["max_spend"].text.value = "100"
    editor._fields["min_spend"].text.value = "500"  # refused: the min/max message
    assert "minimum spend is above the maximum" in editor._message.value
    editor._history.value = typed["history"]
    editor._fit.click()
    assert "R²" in editor._fit_result.value
    app.open_tab("money")
    for field in app._costs.values():
        field.text.value = typed["money"]
    app._hourly.text.value = typed["hourly"]
    app.open_tab("reach")
    app.open_tab("split")
    app._budget_field.text.value = typed["budget"]
    app.open_tab("scenarios")
    app._scenario_name.value = "lean"
    app._save_scenario.click()
    assert app.section.hours_per_week == 12.5 and app.section.paid_budget == 2500
    shown = visible_text(app)
    assert foreign_numbers(shown, locale) == []
    # the team's own way is there: hours in the checks, the reach note's thousand
    group = "." if locale == "de" else "\u00a0"
    assert "12,5 h a week" in shown and f"× 1{group}000" in shown


def test_the_minimum_above_the_maximum_names_no_typed_number(workspace):
    """A model validator cannot know how the team writes numbers: the message beside the
    two fields names none (it said "The minimum (1250.5) is above the maximum (100)")."""
    team = team_writing_numbers(workspace, "Maschinenbau", "de")
    app = BudgetApp(workspace, autosave_delay=60)
    app.picker.dropdown.value = team
    app._pick.value = "facebook"
    editor = app._editor
    editor._fields["max_spend"].text.value = "100"
    editor._fields["min_spend"].text.value = "1.250,5"
    message = editor._message.value
    assert "minimum spend is above the maximum" in message
    assert not any(digit in message for digit in "0123456789")


def test_a_platforms_editor_left_open_reads_the_next_teams_numbers_its_way(workspace):
    """The LinkedIn editor open for an English team stayed English when a German team with
    LinkedIn was picked: its "1.250" was read as one and a quarter."""
    team_writing_numbers(workspace, "Acme", "en")
    team_writing_numbers(workspace, "Maschinenbau", "de")
    app = BudgetApp(workspace, autosave_delay=60)
    app.picker.dropdown.value = "Acme"
    app._pick.value = "linkedin"
    app._editor._history.value = "1,000; 10,000"
    app.picker.dropdown.value = "Maschinenbau"
    editor = app._editor
    assert editor is not None and editor.platform_id == "linkedin"
    editor._fields["current_spend"].text.value = "1.250"
    item = next(i for i in app.section.platforms if i.id == "linkedin")
    assert item.current_spend == 1250
    assert editor._fields["current_spend"].message == ""
