"""The paid budget split for the team's outcome (leads, sales, value), in its currency."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from socialplaybook.plan.model import Plan
from socialplaybook.steps.budget.curves import HillCurve
from socialplaybook.steps.budget.defaults import load_budget_defaults
from socialplaybook.steps.budget.lines import resolve
from socialplaybook.steps.budget.outcomes import (
    BudgetTerms,
    budget_terms,
    cost_per_sale_from,
    format_significant,
    money_step,
    results_curve,
)
from socialplaybook.steps.budget.scenarios import summarise
from socialplaybook.steps.budget.section import BudgetSection, PlatformBudget
from socialplaybook.steps.budget.view import budget_view
from socialplaybook.steps.planning.section import Goal, PlanningSection
from socialplaybook.steps.platforms.section import PlatformChoice, PlatformsSection

NOK_PER_USD = 11.8765 / 1.1756


def chosen(*names):
    return PlatformsSection(choices=[PlatformChoice(id=n.lower(), platform=n) for n in names])


def leads_goal(result="leads"):
    return PlanningSection(goals=[Goal(id="g-1", business_result=result)])


@pytest.mark.parametrize("budget", [500, 2000, 10_000])
def test_an_oslo_b2b_software_firm_optimising_leads_gets_linkedin_money(budget):
    """An Oslo B2B software firm chose LinkedIn and YouTube for leads. Split for
    impressions, LinkedIn (the dearest CPM) got nothing at any of these budgets; split for
    leads it gets the money, and YouTube, with no cited cost per lead, keeps today's spend
    and says why."""
    view = budget_view(BudgetSection(paid_budget=budget), chosen("LinkedIn", "YouTube"),
                       leads_goal(), currency="NOK")
    spend = view.allocation.spend
    assert spend["linkedin"] == pytest.approx(budget) and spend["youtube"] == 0
    assert view.terms.outcome == "leads" and view.terms.outcome_origin == "planning"
    why = view.explanations
    assert why["linkedin"].startswith(f"The next {money_step(budget):,.0f} NOK on LinkedIn "
                                      "brings ")
    assert why["linkedin"].endswith(" leads.")
    assert why["youtube"].startswith("No cost per lead for YouTube in our data")
    # the response is leads: LinkedIn's USD 205 a lead, in kroner, on the saturating curve
    lead_cost = 205 * NOK_PER_USD
    assert view.allocation.total_response < budget / lead_cost * 2
    assert view.allocation.total_response > budget / lead_cost * 0.9


def test_the_next_100_nok_on_linkedin_in_leads():
    view = budget_view(BudgetSection(paid_budget=2000), chosen("LinkedIn"), currency="NOK")
    line = view.lines[0]
    gained = line.curve.response(2100) - line.curve.response(2000)
    assert view.explanations["linkedin"] == (
        f"The next 100 NOK on LinkedIn brings {format_significant(gained)} leads.")
    assert 0.05 < gained < 0.1  # about 100 / 2,071 NOK a lead, a little less on the curve


def test_a_b2b_firm_with_its_own_facebook_cost_per_lead_moves_money_to_linkedin():
    """Facebook's cited figure is an all-industry average of any lead: it wins the split.
    The firm's qualified leads from Facebook cost it NOK 6,000, and it says so: LinkedIn
    then gets the money."""
    choices = chosen("LinkedIn", "Facebook")
    cited = budget_view(BudgetSection(paid_budget=10_000), choices, currency="NOK")
    assert cited.allocation.spend["facebook"] > cited.allocation.spend["linkedin"]
    own = BudgetSection(paid_budget=10_000, platforms=[
        PlatformBudget(id="facebook", platform="Facebook", cost_per_lead=6000)])
    view = budget_view(own, choices, currency="NOK")
    assert view.allocation.spend["linkedin"] == pytest.approx(10_000)
    assert view.lines[0].curve_origin == "team"


def test_choosing_leads_before_any_curve_never_relabels_impressions():
    """Finding 9: "Expected leads 259,740" was the impressions curve under a leads label.
    A platform without a cost per lead has no leads curve and says so; the leads counted
    are leads, and impressions are the separate, labelled view."""
    section = BudgetSection(paid_budget=10_000, response_unit="leads")
    view = budget_view(section, chosen("TikTok", "Instagram"), currency="EUR")
    assert all(line.curve is None for line in view.lines)
    assert view.allocation.total_response == 0
    assert any(c.key == "results-curves" for c in view.checks)
    facebook = budget_view(section, chosen("Facebook"), currency="EUR")
    assert facebook.allocation.total_response < 1000  # leads, not impressions
    assert facebook.reach["facebook"].paid_on_curve > 100_000  # impressions, labelled apart


def test_sales_have_no_cited_cost_until_the_team_gives_one():
    planning = leads_goal("revenue")
    view = budget_view(BudgetSection(paid_budget=1000), chosen("Facebook"), planning, "EUR")
    assert view.terms.outcome == "sales" and view.lines[0].curve is None
    assert view.lines[0].curve_note.startswith("No cost per sale for Facebook")
    own = BudgetSection(paid_budget=1000, platforms=[
        PlatformBudget(id="facebook", platform="Facebook", cost_per_sale=80)])
    view = budget_view(own, chosen("Facebook"), planning, "EUR")
    assert view.lines[0].curve == results_curve(3000 / 1.1756, 1.0, 80)
    assert view.explanations["facebook"].endswith(" sales.")


def test_value_weighs_each_platforms_sales_by_what_a_sale_is_worth():
    """A café sells more per order through Instagram: split for value, Instagram gets
    more than it would split for the number of sales."""
    items = [PlatformBudget(id="facebook", platform="Facebook", cost_per_sale=40),
             PlatformBudget(id="instagram", platform="Instagram", cost_per_sale=40,
                            value_per_sale=90, hill_k=3000)]
    sales = budget_view(BudgetSection(paid_budget=4000, outcome="sales", platforms=items))
    value = budget_view(BudgetSection(paid_budget=4000, outcome="value", value_per_sale=30,
                                      platforms=items))
    assert value.allocation.spend["instagram"] > sales.allocation.spend["instagram"]
    assert value.terms.unit() == "USD of sales"
    assert value.explanations["facebook"].endswith(" of sales.")
    no_value = budget_view(BudgetSection(paid_budget=4000, outcome="value", platforms=items))
    assert no_value.lines[0].curve is None and "what a sale is worth" in (
        no_value.lines[0].curve_note)


def test_the_outcome_comes_from_the_budget_then_planning_then_the_default():
    assert budget_terms(BudgetSection(outcome="sales"), "NOK", leads_goal()).outcome_origin \
        == "budget"
    assert budget_terms(BudgetSection(), "NOK", leads_goal("revenue")).outcome == "sales"
    default = budget_terms(BudgetSection(), "NOK", leads_goal("reputation"))
    assert (default.outcome, default.outcome_origin) == ("leads", "default")
    view = budget_view(BudgetSection(), chosen("Facebook"), currency="NOK")
    assert next(c for c in view.checks if c.key == "outcome").level == "todo"


def test_a_nok_plan_converts_every_default_and_shows_how():
    """A NOK budget: the half-saturation spend and the cost per lead are dollars
    converted at the ECB's rate, not dollar figures read as kroner."""
    line = budget_view(BudgetSection(), chosen("LinkedIn"), currency="NOK").lines[0]
    assert line.values["hill_k"] == pytest.approx(4000 * NOK_PER_USD)
    assert line.values["cost_per_result"] == pytest.approx(205 * NOK_PER_USD)
    assert line.values["cpm"] == pytest.approx(45 * NOK_PER_USD)
    assert line.benchmarks["cpm"].text() == (
        "USD 30-60 = NOK 303-606 at 10.1 NOK per USD, ECB 2025-07-24 (Prooflytics 2026)")
    assert "USD 205 = NOK 2,071" in line.benchmarks["cost_per_result"].text()
    assert "technology companies" in line.benchmarks["cost_per_result"].text()


def test_the_plans_own_exchange_rate_replaces_the_toolkits():
    section = BudgetSection(exchange_rate_per_usd=11.0, exchange_rate_date=date(2026, 2, 2))
    line = budget_view(section, chosen("LinkedIn"), currency="NOK").lines[0]
    assert line.values["cost_per_result"] == pytest.approx(205 * 11)
    assert "at 11 NOK per USD, your rate 2026-02-02" in line.benchmarks["cpm"].text()


def test_a_currency_with_no_rate_keeps_the_platforms_out_until_one_is_given():
    view = budget_view(BudgetSection(paid_budget=100_000), chosen("LinkedIn"), currency="JPY")
    assert view.lines[0].curve is None
    assert "no exchange rate from US dollars to JPY" in view.lines[0].curve_note
    assert any(c.key == "exchange-rate" for c in view.checks)
    rated = BudgetSection(paid_budget=100_000, exchange_rate_per_usd=150,
                          exchange_rate_date=date(2026, 2, 2))
    assert budget_view(rated, chosen("LinkedIn"), currency="JPY").lines[0].curve is not None


@pytest.mark.parametrize("changes, message", [
    ({"exchange_rate_per_usd": 10.5}, "together"),
    ({"exchange_rate_date": date(2026, 1, 1)}, "together"),
    ({"exchange_rate_per_usd": 0, "exchange_rate_date": date(2026, 1, 1)}, "greater than 0"),
    ({"outcome": "impressions"}, "leads"),
    ({"value_per_sale": -1}, "greater than or equal to 0"),
])
def test_bad_outcome_and_rate_values_are_refused(changes, message):
    with pytest.raises(ValidationError, match=message):
        BudgetSection(**changes)


def test_a_cost_per_result_must_be_above_zero():
    with pytest.raises(ValidationError, match="greater than 0"):
        PlatformBudget(id="x", platform="X", cost_per_lead=0)
    with pytest.raises(ValueError, match="more than 0"):
        results_curve(100, 1, 0)


def test_a_cost_per_sale_from_leads_and_their_conversion_rate():
    assert cost_per_sale_from(40, 20) == pytest.approx(200)
    with pytest.raises(ValueError, match="share of leads"):
        cost_per_sale_from(40, 0)


def test_numbers_in_the_marginal_sentence_keep_two_significant_digits():
    """"From the next 100 EUR" used to round to 1 on both rows."""
    assert format_significant(0.0384) == "0.038" and format_significant(0.4) == "0.4"
    assert format_significant(12.34) == "12" and format_significant(1.26, "de") == "1,3"
    assert BudgetTerms().results_text(1) == "1 lead"
    assert BudgetTerms(outcome="sales").results_text(2.5) == "2.5 sales"
    assert BudgetTerms(unit_name="demo requests").results_text(3) == "3 demo requests"
    assert [money_step(b) for b in (500, 2000, 10_000, 0)] == [25, 100, 500, 1]


@given(st.floats(min_value=1, max_value=1e6), st.floats(min_value=0.3, max_value=5),
       st.floats(min_value=0.01, max_value=1e5))
def test_a_results_curve_holds_its_cost_per_result_at_the_half_saturation_spend(k, shape,
                                                                                cost):
    curve = results_curve(k, shape, cost)
    assert curve.response(k) == pytest.approx(k / cost)


def test_a_scenario_is_summed_in_the_plans_currency():
    inputs = BudgetSection(paid_budget=10_000)
    usd = summarise("Now", inputs, chosen("LinkedIn"))
    nok = summarise("Now", inputs, chosen("LinkedIn"), currency="NOK")
    # 10,000 NOK buy a tenth of the impressions at the CPM, and fewer leads
    assert nok.paid_impressions == pytest.approx(usd.paid_impressions / NOK_PER_USD)
    assert nok.response < usd.response / 3


def test_resolve_without_terms_is_us_dollars_and_leads():
    line = resolve(PlatformBudget(id="facebook", platform="Facebook"),
                   load_budget_defaults()["facebook"])
    assert line.values["cost_per_result"] == pytest.approx(27.66)
    assert line.values["hill_k"] == 3000


def test_the_new_fields_round_trip_in_a_plan():
    section = BudgetSection(outcome="value", value_per_sale=120, exchange_rate_per_usd=10.9,
                            exchange_rate_date=date(2026, 3, 1), carry_over_per_week=0.1,
                            platforms=[PlatformBudget(id="x", platform="X", cost_per_lead=50,
                                                      cost_per_sale=400, value_per_sale=90)])
    plan = Plan(team="Money", currency="NOK", budget=section)
    assert Plan.model_validate_json(plan.model_dump_json()).budget == section


def test_the_export_states_the_outcome_the_rate_and_the_weekly_carry_over():
    from socialplaybook.steps.budget.markdown import budget_markdown

    section = BudgetSection(outcome="sales", exchange_rate_per_usd=10.5,
                            exchange_rate_date=date(2026, 1, 2), platforms=[
                                PlatformBudget(id="x", platform="X", cost_per_sale=300)])
    text = "\n".join(budget_markdown(section))
    assert "The paid budget is split for: Sales." in text
    assert "Exchange rate: 10.5 for one US dollar (our rate of 2026-01-02)." in text
    assert "Carry-over: 30 % a week (0.54 % a month)." in text
    assert "  - our cost per sale: 300" in text


def test_a_small_results_curve_is_explained_without_rounding_it_to_nothing():
    from socialplaybook.steps.budget.curves import HillCurve, explain_curve

    text = explain_curve(HillCurve(3.6, 2000, 1), "leads", "EUR", "de")
    assert text.startswith("At most about 3,6 leads a month; half of that at 2.000 EUR")
    assert "about 40 leads" in explain_curve(HillCurve(39.7, 2000, 1), "leads", "EUR")


def test_a_platform_without_a_cost_per_result_still_gets_the_teams_minimum():
    """A team that wants at least 100 a month on TikTok (no cited cost per lead there) gets
    it: the minimum is the team's, whatever the curves can say."""
    from socialplaybook.steps.budget.optimiser import Channel, optimise

    curve = HillCurve(100.0, 1000.0)
    allocation = optimise([Channel("facebook", "Facebook", curve),
                           Channel("tiktok", "TikTok", None, minimum=100.0)], 1000.0)
    assert allocation.feasible
    assert allocation.spend == {"facebook": pytest.approx(900.0), "tiktok": 100.0}
