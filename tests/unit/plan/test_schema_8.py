"""Schema 7 -> 8 (reached from 6 too): the carry-over becomes a decay a week, curves count
outcomes, and the defaults that flattered (0.3 "a month", 3 % growth) are not carried into
new plans."""

import json

import pytest

from socialplaybook.plan.files import plan_from_json
from socialplaybook.plan.model import Plan
from socialplaybook.plan.schema import SCHEMA_VERSION, migrate


def schema_6(budget=None, roi=None) -> dict:
    """A plan dict as schema 6 saved it (every field written, its defaults included)."""
    return {"schema_version": 6, "team": "Old", "currency": "NOK",
            "budget": {"adstock_theta": 0.3, "response_unit": "", "platforms": [],
                       **(budget or {})},
            "kpis": {"roi": {"carry_over_percent": 30.0, "growth_percent_per_month": 3.0,
                             "months": 24, **(roi or {})}}}


def test_the_weekly_carry_over_upgrade_is_part_of_the_schema():
    assert SCHEMA_VERSION >= 8  # later versions upgrade from 8 in turn


def test_the_old_defaults_become_the_new_ones():
    """0.3 "a month" was Robyn's weekly figure read as monthly, and 3 % growth made losses
    break even: a plan saved with them opens with 0.3 a week and no growth."""
    plan = plan_from_json(json.dumps(schema_6()))
    assert plan.budget.carry_over_per_week == 0.3
    assert plan.kpis.roi.carry_over_percent_per_week is None  # the budget step's
    assert plan.kpis.roi.growth_percent_per_month == 0


def test_a_teams_own_monthly_carry_over_keeps_its_meaning():
    """A team that chose 0.5 a month keeps 0.5 a month: 0.5 ** (12/52) = 0.852 a week."""
    plan = plan_from_json(json.dumps(schema_6({"adstock_theta": 0.5},
                                              {"carry_over_percent": 50.0,
                                               "growth_percent_per_month": 5.0})))
    assert plan.budget.carry_over_per_week == pytest.approx(0.5 ** (12 / 52))
    assert plan.budget.carry_over_per_week ** (52 / 12) == pytest.approx(0.5)
    assert plan.kpis.roi.carry_over_percent_per_week == pytest.approx(100 * 0.5 ** (12 / 52))
    assert plan.kpis.roi.growth_percent_per_month == 5.0  # the team's, kept
    assert plan.kpis.roi.growth_ceiling_multiple is None  # and not counted until it has one


def test_an_impressions_curve_stored_without_a_result_unit_is_not_read_as_leads():
    item = {"id": "facebook", "platform": "Facebook", "hill_beta": 400_000.0, "hill_k": 2500.0,
            "curve_source": "fitted", "history": [{"spend": 1000.0, "result": 90_000.0}]}
    plan = plan_from_json(json.dumps(schema_6({"platforms": [item]})))
    kept = plan.budget.platforms[0]
    assert kept.hill_beta is None and kept.history == []
    assert kept.hill_k == 2500 and kept.curve_source == "team"
    named = plan_from_json(json.dumps(schema_6({"platforms": [item], "response_unit": "leads"})))
    assert named.budget.platforms[0].hill_beta == 400_000  # the team's unit: leads


def test_scenarios_are_migrated_like_the_current_variant():
    scenario = {"id": "s-lean", "name": "Lean",
                "inputs": {"adstock_theta": 0.6, "response_unit": "", "platforms": []}}
    plan = plan_from_json(json.dumps(schema_6({"scenarios": [scenario]})))
    assert plan.budget.scenarios[0].inputs.carry_over_per_week == pytest.approx(
        0.6 ** (12 / 52))


def test_a_monthly_carry_over_beyond_the_weekly_bound_is_capped():
    data = migrate(schema_6({"adstock_theta": 0.9}))
    assert data["budget"]["carry_over_per_week"] == 0.9


def test_a_schema_7_plan_round_trips():
    plan = Plan(team="New")
    assert plan_from_json(plan.to_json()) == plan
