"""The playbook's "Compare with" and "Copy this team as a variant", through the controls."""

from __future__ import annotations

import base64
import html
import io
import re

import pandas as pd
import pytest

from socialplaybook.language import use_language
from socialplaybook.plan.scenarios import load_scenario, scenario_catalog
from socialplaybook.rules.i18n import _
from tests.plans import SCRIPT, full_plan
from widgets.budget.app import BudgetApp
from widgets.playbook.app import PlaybookApp

TEAM = "Harbour Café"


@pytest.fixture
def app(workspace):
    workspace.import_plan(full_plan(TEAM))
    page = PlaybookApp(workspace, live_check_seconds=0)
    page.picker.dropdown.value = TEAM
    return page


def cells(result: str, label: str) -> list[str]:
    """The cells of the figures table's row ``label`` (unescaped)."""
    row = re.search(rf"<tr><td>{re.escape(html.escape(label))}</td>(.*?)</tr>", result)
    return [html.unescape(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row[1])]


def test_the_choices_are_the_other_teams_and_every_scenario(app, workspace):
    workspace.create_team("Fjord Kaffe")
    app.compare.refresh()
    values = [value for _label, value in app.compare.other.options]
    assert values[0] == "" and "team:Fjord Kaffe" in values
    assert f"team:{TEAM}" not in values  # not the team itself
    assert [v for v in values if v.startswith("scenario:")] == [
        f"scenario:{i.id}" for i in scenario_catalog()]
    assert app.compare.result == ""  # nothing chosen, nothing compared


def test_copy_as_variant_then_change_it_and_compare(app, workspace):
    app.compare.copy_button.click()
    variant = f"{TEAM} (variant)"
    assert variant in workspace.team_names()
    assert "made with this plan" in html.unescape(app.compare.copy_message)
    assert "04-budget.ipynb?team=Harbour+Caf%C3%A9+%28variant%29" in app.compare.copy_message
    assert app.compare.other.value == f"team:{variant}"  # compared at once: the same plan
    assert "The two plans are the same in every section." in app.compare.result
    assert workspace.latest_number(TEAM) == 1  # the team itself is untouched

    budget = BudgetApp(workspace, autosave_delay=60, live_check_seconds=0)  # the what-if
    budget.picker.dropdown.value = variant
    budget.open_tab("split")
    budget._budget_field.text.value = "9 000"
    budget.flush()
    app.compare.compare_button.click()  # read the variant again
    result = app.compare.result
    assert cells(result, "Paid budget a month") == ["6\xa0000 NOK", "9\xa0000 NOK", "+3\xa0000 NOK"]
    total = cells(result, "Total cost a month, with staff time")
    assert total[2] == "+3\xa0000 NOK"
    assert "Budget: 1 field differs" in result
    assert "Planning · " in result and "the same" in result


def test_a_scenario_beside_the_team_in_another_currency(app):
    app.compare.other.value = "scenario:reutlingen-grinding"
    result = html.unescape(app.compare.result)
    assert "different currencies (NOK and EUR)" in result
    assert "Scenario: Brenner Schleiftechnik" in result
    assert cells(app.compare.result, "Break-even month")[1] == "month 9"
    assert cells(app.compare.result, "Paid split: LinkedIn")[1] == "1\xa0000 EUR"
    link = re.search(r'download="comparison.csv" href="data:text/csv;base64,([^"]+)"',
                     app.compare.result)
    table = pd.read_csv(io.StringIO(base64.b64decode(link[1]).decode("utf-8")))
    assert list(table.columns)[2:4] == [TEAM, "Scenario: Brenner Schleiftechnik"]


def test_what_a_team_typed_is_shown_as_text(workspace):
    workspace.import_plan(full_plan(TEAM))
    workspace.import_plan(full_plan("Other", text=SCRIPT))
    page = PlaybookApp(workspace, live_check_seconds=0)
    page.picker.dropdown.value = TEAM
    page.compare.other.value = f"team:Team {SCRIPT}"
    assert SCRIPT not in page.compare.result
    assert html.escape(SCRIPT) in page.compare.result


def test_presenting_copies_nothing(app, workspace):
    app.set_presenting(True)
    app.compare.copy_button.click()
    assert workspace.team_names() == [TEAM]


def test_a_scenario_compared_with_its_own_copy_is_the_same(workspace):
    plan = load_scenario("oslo-cafe")
    workspace.add_team(plan, lambda n: "Café demo" if n == 1 else None)
    page = PlaybookApp(workspace, live_check_seconds=0)
    page.picker.dropdown.value = "Café demo"
    page.compare.other.value = "scenario:oslo-cafe"
    with use_language("nb"):  # the café's plan is in Norwegian
        same = _("The two plans are the same in every section.")
    assert same != "The two plans are the same in every section."
    assert same in page.compare.result
