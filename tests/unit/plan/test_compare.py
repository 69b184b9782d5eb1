"""Two plans side by side: what differs per section, and the budget, reach and ROI figures
next to each other (the apps' own numbers)."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from socialplaybook.plan.compare import compare_plans, figure_text, section_titles
from socialplaybook.plan.scenarios import load_scenario
from socialplaybook.steps.budget.view import budget_view
from socialplaybook.steps.kpis.roi import project
from socialplaybook.steps.planning.section import Goal
from tests.plans import full_plan


@pytest.fixture
def team():
    return full_plan("Harbour Café")


def variant_of(plan, **budget):
    """The plan with its budget changed (a consultant's what-if)."""
    return plan.model_copy(update={"team": f"{plan.team} (variant)",
                                   "budget": plan.budget.model_copy(update=budget)})


def test_a_team_and_its_copy_differ_in_nothing(team):
    copy = team.model_copy(update={"team": "Harbour Café (variant)"})
    comparison = compare_plans(team, copy)
    assert comparison.identical
    assert [count for _key, _title, count in comparison.changed_sections()] == [0] * len(
        section_titles())
    numbers = comparison.figures[comparison.figures["difference"].notna()]
    assert len(numbers) > 10 and (numbers["difference"] == 0).all()


def test_what_differs_is_named_in_its_section_with_both_values(team):
    comparison = compare_plans(team, variant_of(team, paid_budget=9000, hourly_staff_cost=50))
    diffs = comparison.differences
    assert list(diffs["section"]) == ["budget", "budget"]
    assert set(diffs["field"]) == {"paid budget", "hourly staff cost"}
    row = diffs[diffs["field"] == "paid budget"].iloc[0]
    assert (row["title"], row["left"], row["right"]) == ("Budget", "6\xa0000", "9\xa0000")
    assert dict((k, n) for k, _t, n in comparison.changed_sections())["budget"] == 2
    assert comparison.left_label == "Harbour Café"
    assert comparison.right_label == "Harbour Café (variant)"


def test_the_budget_figures_are_the_budget_apps_and_subtracted(team):
    variant = variant_of(team, paid_budget=9000)
    figures = compare_plans(team, variant).figures
    for plan, side in ((team, "left"), (variant, "right")):
        view = budget_view(plan.budget, plan.platforms, plan.planning, plan.currency,
                           plan.locale)
        assert figures.loc["total_cost", side] == pytest.approx(view.costs.total)
        assert figures.loc["staff_cost", side] == pytest.approx(view.costs.staff)
        assert figures.loc["paid_budget", side] == view.costs.paid
        for line in view.allocation.lines:  # the split, platform by platform
            assert figures.loc[f"split:{line.id}", side] == pytest.approx(line.spend)
    assert figures.loc["paid_budget", "difference"] == 3000
    assert figures.loc["total_cost", "difference"] == pytest.approx(3000)  # cash, not staff
    assert figures.loc["results", "left"] != figures.loc["results", "right"]
    assert figures.loc["paid_impressions", "difference"] > 0  # more paid reach


def test_the_roi_figures_are_the_projections(team):
    cheaper = variant_of(team, paid_budget=1000)
    cheaper = cheaper.model_copy(update={"kpis": cheaper.kpis.model_copy(update={
        "roi": cheaper.kpis.roi.model_copy(update={"monthly_cost": None})})})
    figures = compare_plans(team, cheaper).figures
    for plan, side in ((team, "left"), (cheaper, "right")):
        projection, _missing = project(plan.kpis.roi, plan.budget, plan.platforms)
        never = f"not within {plan.kpis.roi.months} months"
        assert figures.loc["break_even", side] == (projection.break_even_month or never)
        assert figures.loc["naive_break_even", side] == (
            projection.naive_break_even_month or never)
        assert figures.loc["final_roi", side] == pytest.approx(
            projection.months[-1].cumulative_roi * 100)
        assert figures.loc["roi_cost", side] == pytest.approx(projection.monthly_cost)
    assert figures.loc["roi_cost", "right"] != figures.loc["roi_cost", "left"]
    assert figures.loc["naive_break_even", "left"] == "not within 12 months"  # never pays
    assert figures.loc["naive_break_even", "difference"] is None


def test_an_item_in_one_plan_only_is_one_row(team):
    more = team.model_copy(update={"planning": team.planning.model_copy(update={
        "goals": [*team.planning.goals, Goal(id="g-new", metric="repeat orders")]})})
    diffs = compare_plans(team, more).differences
    assert diffs.to_dict("records") == [{
        "section": "planning", "title": "Planning", "field": "goals › repeat orders",
        "left": "—", "right": "in this plan"}]
    assert compare_plans(team, more).figures.loc["goals", "difference"] == 1


def test_money_in_two_currencies_is_not_subtracted():
    cafe, maker = load_scenario("oslo-cafe"), load_scenario("reutlingen-grinding")
    comparison = compare_plans(cafe, maker)
    assert not comparison.same_currency
    figures = comparison.figures
    assert figures.loc["total_cost", "difference"] is None
    assert figures.loc["staff_hours", "difference"] == pytest.approx(
        figures.loc["staff_hours", "right"] - figures.loc["staff_hours", "left"])
    assert figures.loc["split:linkedin", "left"] is None  # the café runs no LinkedIn
    settings = comparison.differences[comparison.differences["section"] == "settings"]
    assert set(settings["field"]) == {"currency", "language", "locale"}
    assert figure_text(figures.loc["total_cost", "right"], "money", "EUR", "de") == "8.202 EUR"


def test_the_comparison_reads_back_as_a_table(team):
    comparison = compare_plans(team, variant_of(team, paid_budget=9000))
    table = pd.read_csv(io.StringIO(comparison.to_csv()))
    assert list(table.columns) == ["Section", "What", "Harbour Café",
                                   "Harbour Café (variant)", "Difference"]
    paid = table[table["What"] == "Paid budget a month"].iloc[0]
    assert [float(paid[column]) for column in table.columns[2:]] == [6000, 9000, 3000]
    assert "paid budget" in set(table["What"])  # the differences follow the figures


def test_figures_are_written_the_teams_way():
    assert figure_text(1234.5, "money", "NOK", "nb") == "1\xa0234 NOK"  # as nb writes it
    assert figure_text(None, "money", "NOK", "nb") == "—"
    assert figure_text(3, "month", "", "en") == "month 3"
    assert figure_text(12.345, "percent", "", "de") == "12,3 %"
