"""The plan's schema version and the upgrades of plans saved by older versions.

A plan from a newer version is refused with a clear message rather than half-read. A
section added with defaults needs a version bump but no upgrade step; a renamed or
reshaped field needs both (``tests/unit/plan/test_schema.py`` pins which sections each
version has).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from socialplaybook.rules.i18n import _

# 2: the planning section (plans of schema 1 load with an empty one; no migration step)
# 3: the number locale; goals and audience segments carry ids (given on migration)
# 4: segments carry the region code of their age bands' data (stored bands are Pew's:
#    "US"); goals a unit; the planning section the team's assumptions (defaults)
# 5: the platforms section (plans of schema 4 load with an empty one; no migration step)
# 6: the budget and kpis sections (plans of schema 5 load with empty ones; no migration)
# 7: no new field or section; dependencies on missing milestones and goal numbers beyond
#    1e12 are refused from now on, and the upgrade drops them from older plans
# 8: money in the plan's currency and outcomes (budget: outcome, value_per_sale, the
#    exchange rate and its date, a platform's cost_per_lead / cost_per_sale /
#    value_per_sale; kpis.roi: margin_percent, growth_ceiling_multiple,
#    organic_decline_percent_per_month), the carry-over a week (budget.adstock_theta ->
#    carry_over_per_week, kpis.roi.carry_over_percent -> carry_over_percent_per_week) and
#    no flattering defaults (migration step 7 -> 8). Sections: unchanged since 6.
# 9: the kpis section's UTM settings say whether the links are for ads (paid) and hold
#    GA4's utm_id (per link and per batch campaign) and its further parameters; KPIs may
#    name a listening tool or Search Console as their source (defaults; no migration)
# 10: the planning section the team's working week (work_week_hours, default 40); the
#    platforms step's people, hours and business results that equal planning's are
#    cleared so they follow planning again (the platforms app stored planning's values as
#    the team's own on any tick)
# 11: the engagement section (plans of schema 10 load with an empty one; no migration step)
# 12: the team's language (language, default "en": plans of schema 11 open in English; no
#     migration step). Sections: unchanged since 11.
# 13: the platforms section: the team's own reach estimates (reach_estimates: a share and
#     its source for platforms without a figure; default empty, no migration step).
#     Sections: unchanged since 12.
SCHEMA_VERSION = 13



# Each entry upgrades a plan dict from schema N to N + 1. Sections added with defaults
# need no entry; renamed or reshaped fields do.
def _give_items_ids(data: dict[str, Any]) -> dict[str, Any]:
    """Schema 2 -> 3: goals and segments get the ids that merging edits by item needs.

    The ids are derived from the position, so migrating the same plan twice gives the
    same ids (two kernels reading one stored plan must agree on them).
    """
    planning = data.get("planning")
    if not isinstance(planning, dict):
        return data
    planning = dict(planning)
    for field, prefix in (("goals", "g"), ("audience", "s")):
        items = planning.get(field)
        if isinstance(items, list):
            planning[field] = [
                {"id": f"{prefix}-{number}", **item} if isinstance(item, dict) else item
                for number, item in enumerate(items, start=1)]
    return {**data, "planning": planning}


def _segments_name_their_data_region(data: dict[str, Any]) -> dict[str, Any]:
    """Schema 3 -> 4: a segment with age bands gets the region code of the bands' table.

    Until schema 3 the only bands were the Pew Research Center's US bands, so such a
    segment reads as "US"; its free-text ``region`` (a place) stays as it was. Segments
    without bands get no code (the team picks one). Goals and assumptions need nothing:
    their new fields have defaults.
    """
    planning = data.get("planning")
    if not isinstance(planning, dict) or not isinstance(planning.get("audience"), list):
        return data
    audience = [
        {**item, "region_code": "US"}
        if isinstance(item, dict) and item.get("age_bands") and "region_code" not in item
        else item
        for item in planning["audience"]]
    return {**data, "planning": {**planning, "audience": audience}}


# The bound on a goal's baseline and target as of schema 7 (rules.numbers.MAX_TYPED_NUMBER).
_GOAL_NUMBER_MAX = 1e12


def _drop_what_no_app_opens(data: dict[str, Any]) -> dict[str, Any]:
    """Schema 6 -> 7: what older plans may hold that the apps cannot open, dropped.

    A milestone waiting for one that is not in the plan, or for itself (a merge of two
    laptops' edits kept it), no longer waits for it; a goal's baseline or target beyond
    1e12 (an import accepted 1e29, which no field can show) becomes empty, so the goal's
    checks ask for it again. Everything else is left as it was.
    """
    planning = data.get("planning")
    if not isinstance(planning, dict):
        return data
    planning = dict(planning)
    milestones = planning.get("milestones")
    if isinstance(milestones, list):
        ids = {m.get("id") for m in milestones if isinstance(m, dict)}
        planning["milestones"] = [
            {**m, "depends_on": [d for d in m["depends_on"]
                                 if d in ids and d != m.get("id")]}
            if isinstance(m, dict) and isinstance(m.get("depends_on"), list) else m
            for m in milestones]
    goals = planning.get("goals")
    if isinstance(goals, list):
        planning["goals"] = [
            {**goal, **{field: None for field in ("baseline", "target")
                        if _beyond(goal.get(field), _GOAL_NUMBER_MAX)}}
            if isinstance(goal, dict) else goal
            for goal in goals]
    return {**data, "planning": planning}


def _beyond(value: Any, bound: float) -> bool:
    return (isinstance(value, (int, float)) and not isinstance(value, bool)
            and abs(value) > bound)


_OLD_CARRY_OVER_A_MONTH = 0.3  # schema 7's default, Robyn's weekly figure read as monthly
_OLD_GROWTH_PERCENT = 3.0  # schema 7's default growth, which alone made losses break even
_MAX_CARRY_OVER = 0.9


def _per_week(per_month: float) -> float:
    """The decay a week that gives ``per_month`` over a month (52/12 weeks), at most 0.9."""
    return min(max(per_month, 0.0) ** (12 / 52), _MAX_CARRY_OVER)


def _budget_inputs_to_8(inputs: dict[str, Any]) -> dict[str, Any]:
    inputs = dict(inputs)
    if "adstock_theta" in inputs:
        theta = inputs.pop("adstock_theta")
        if isinstance(theta, (int, float)) and theta != _OLD_CARRY_OVER_A_MONTH:
            inputs["carry_over_per_week"] = _per_week(float(theta))
    if not inputs.get("response_unit") and isinstance(inputs.get("platforms"), list):
        platforms = []
        for item in inputs["platforms"]:
            if isinstance(item, dict) and item.get("hill_beta") is not None:
                item = {k: v for k, v in item.items() if k not in ("hill_beta", "history")}
                own = item.get("hill_k") is not None or item.get("hill_shape") is not None
                item["curve_source"] = "team" if own else "default"
            platforms.append(item)
        inputs["platforms"] = platforms
    return inputs


def _outcomes_and_weekly_carry_over(data: dict[str, Any]) -> dict[str, Any]:
    """Schema 7 -> 8: the carry-over becomes a decay a week; curves count outcomes.

    Until schema 7 the carry-over was "a month", and its default 0.3 (30 %) was Robyn's
    weekly figure for digital media read as monthly: that default becomes the new weekly
    default, any other value keeps its monthly meaning (``theta_week = theta_month **
    (12/52)``). A curve the team entered or fitted while the budget counted impressions
    (no result unit) counted impressions: its height and history are dropped (the budget
    now splits for leads or sales), its half-saturation spend and shape kept. The ROI's
    3 % monthly growth default is dropped (growth is now the team's, with a ceiling).
    """
    data = dict(data)
    budget = data.get("budget")
    if isinstance(budget, dict):
        budget = _budget_inputs_to_8(budget)
        if isinstance(budget.get("scenarios"), list):
            budget["scenarios"] = [
                {**s, "inputs": _budget_inputs_to_8(s["inputs"])}
                if isinstance(s, dict) and isinstance(s.get("inputs"), dict) else s
                for s in budget["scenarios"]]
        data["budget"] = budget
    kpis = data.get("kpis")
    if isinstance(kpis, dict) and isinstance(kpis.get("roi"), dict):
        roi = dict(kpis["roi"])
        if "carry_over_percent" in roi:
            percent = roi.pop("carry_over_percent")
            if isinstance(percent, (int, float)) and percent != _OLD_CARRY_OVER_A_MONTH * 100:
                roi["carry_over_percent_per_week"] = 100 * _per_week(float(percent) / 100)
        if roi.get("growth_percent_per_month") == _OLD_GROWTH_PERCENT:
            roi["growth_percent_per_month"] = 0.0
        data["kpis"] = {**kpis, "roi": roi}
    return data


def _follow_planning_again(data: dict[str, Any]) -> dict[str, Any]:
    """Schema 9 -> 10: the platforms step follows planning where it only held a copy.

    Until schema 9 the platforms app wrote planning's people, hours a week and business
    results into its own section on any tick, where they stopped following planning (issue
    19, finding 9). A value equal to what planning gives now is indistinguishable from
    following it, so it is cleared (None: follow); a value that differs is the team's
    own and kept. The working week needs nothing: its field has a default.
    """
    planning, platforms = data.get("planning"), data.get("platforms")
    if not isinstance(planning, dict) or not isinstance(platforms, dict):
        return data
    platforms = dict(platforms)
    resources = [r for r in planning.get("resources") or [] if isinstance(r, dict)]
    if resources:
        people = sum(r.get("people") or 0 for r in resources)
        hours = float(sum(r.get("hours_per_week") or 0 for r in resources))
        if platforms.get("people") == people:
            platforms["people"] = None
        if platforms.get("hours_per_week") == hours:
            platforms["hours_per_week"] = None
    results = list(dict.fromkeys(
        g.get("business_result") for g in planning.get("goals") or []
        if isinstance(g, dict) and g.get("business_result")))
    if results and platforms.get("business_results") == results:
        platforms["business_results"] = None
    return {**data, "platforms": platforms}


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {
    2: _give_items_ids, 3: _segments_name_their_data_region, 6: _drop_what_no_app_opens,
    7: _outcomes_and_weekly_carry_over, 9: _follow_planning_again}


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Bring a plan dict saved by any known schema version up to ``SCHEMA_VERSION``."""
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ValueError(_("schema_version must be a whole number from 1."))
    if version > SCHEMA_VERSION:
        raise ValueError(
            _(
                "This plan was saved by a newer social-playbook (plan schema {found}); this "
                "version reads plans up to schema {known}. Update social-playbook to open it."
            ).format(found=version, known=SCHEMA_VERSION)
        )
    data = dict(data)
    while data["schema_version"] < SCHEMA_VERSION:
        step = MIGRATIONS.get(data["schema_version"])
        if step is not None:
            data = step(data)
        data["schema_version"] += 1
    return data
