"""The budget's platforms: the team's values over the toolkit's defaults, one line each."""

from __future__ import annotations

from dataclasses import dataclass, field

from socialplaybook.rules.currency import Benchmark, benchmark
from socialplaybook.rules.i18n import _
from socialplaybook.steps.budget.curves import HillCurve, default_beta
from socialplaybook.steps.budget.defaults import (
    BENCHMARK_CURRENCY,
    BudgetDefaults,
    load_budget_defaults,
)
from socialplaybook.steps.budget.outcomes import BudgetTerms, results_curve
from socialplaybook.steps.budget.section import BudgetInputs, BudgetSection, PlatformBudget
from socialplaybook.steps.budget.time import platform_hours_per_week
from socialplaybook.steps.platforms.portfolio import active_choices

TIME_FIELDS = ("posts_per_week", "minutes_per_post", "messages_per_week", "minutes_per_answer",
               "listening_hours_per_week")
CURVE_FIELDS = ("hill_beta", "hill_k", "hill_shape")
COST_FIELD = {"lead": "cost_per_lead", "sale": "cost_per_sale"}


@dataclass(frozen=True)
class PlatformLine:
    """One platform of the budget with every value resolved: the team's, else the default.

    Money is in the plan's currency: a default (a US dollar benchmark) is converted, and
    ``benchmarks`` holds each converted one ("cpm", "half_saturation", "cost_per_result")
    with its source and rate, to show. ``origin`` says for each resolved value "team",
    "default" (the toolkit's: judgement or a cited figure) or "missing".

    ``curve`` is what the optimiser maximises: results a month (leads or sales), or their
    value for the outcome "value"; ``results_curve`` the results themselves and
    ``impressions_curve`` paid impressions (the secondary view). A curve that cannot be
    drawn is None and ``curve_note`` says why.
    """

    item: PlatformBudget
    values: dict[str, float | None]
    origin: dict[str, str]
    curve: HillCurve | None
    curve_origin: str  # "default", "team", "fitted" or "missing"
    curve_note: str
    defaults: BudgetDefaults | None
    stored: bool
    results_curve: HillCurve | None = None
    impressions_curve: HillCurve | None = None
    benchmarks: dict[str, Benchmark] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.item.id

    @property
    def platform(self) -> str:
        return self.item.platform

    @property
    def hours_per_week(self) -> float:
        return platform_hours_per_week(*(self.values[f] or 0.0 for f in TIME_FIELDS))


def default_item(pid: str, name: str) -> PlatformBudget:
    """A platform's budget item with nothing entered (every value the toolkit's)."""
    return PlatformBudget(id=pid, platform=name)


def _money_default(name: str, low: float, high: float | None, source: str,
                   terms: BudgetTerms, found: dict[str, Benchmark]) -> float | None:
    """A US dollar default in the plan's currency (its middle for a range), kept in
    ``found`` with its conversion; None when there is no rate."""
    converted = benchmark(low, high, BENCHMARK_CURRENCY, source, terms.currency,
                          terms.rate_override)
    found[name] = converted
    return converted.middle_converted


def _defaults_in_currency(defaults: BudgetDefaults | None, terms: BudgetTerms,
                          found: dict[str, Benchmark]) -> dict[str, float | None]:
    """The defaults that are money, converted: CPM, half-saturation spend, cost per result."""
    converted: dict[str, float | None] = {"cpm": None, "hill_k": None, "cost_per_result": None}
    if defaults is None:
        return converted
    if defaults.cpm_range is not None:
        low, high = defaults.cpm_range
        converted["cpm"] = _money_default("cpm", low, high, defaults.cpm_source or "", terms,
                                          found)
    if defaults.half_saturation_spend is not None:
        converted["hill_k"] = _money_default(
            "half_saturation", defaults.half_saturation_spend, None,
            _("the toolkit's judgement"), terms, found)
    cited = defaults.costs_per_result.get(terms.result_kind)
    if cited is not None:
        converted["cost_per_result"] = _money_default(
            "cost_per_result", cited.cost_usd, None, f"{cited.source}: {cited.measured}",
            terms, found)
    return converted


def resolve(item: PlatformBudget, defaults: BudgetDefaults | None = None,
            stored: bool = True, terms: BudgetTerms | None = None) -> PlatformLine:
    """``item`` with each value not entered taken from the toolkit's defaults, converted
    into the plan's currency (``terms``; None: US dollars, leads)."""
    terms = terms or BudgetTerms()
    values: dict[str, float | None] = {}
    origin: dict[str, str] = {}
    found: dict[str, Benchmark] = {}
    money = _defaults_in_currency(defaults, terms, found)

    def pick(name: str, own: float | None, default: float | None) -> float | None:
        values[name] = own if own is not None else default
        origin[name] = "team" if own is not None else ("default" if default is not None
                                                       else "missing")
        return values[name]

    for name in (*TIME_FIELDS, "organic_reach_percent"):
        pick(name, getattr(item, name), getattr(defaults, name, None) if defaults else None)
    cpm = pick("cpm", item.cpm, money["cpm"])
    k = pick("hill_k", item.hill_k, money["hill_k"])
    shape = item.hill_shape if item.hill_shape is not None else (
        (defaults.hill_shape if defaults else None) or 1.0)
    values["hill_shape"] = shape
    cost = pick("cost_per_result", getattr(item, COST_FIELD[terms.result_kind]),
                money["cost_per_result"])
    value = pick("value_per_sale", item.value_per_sale, terms.value_per_sale)
    impressions = HillCurve(default_beta(k, cpm), k, shape) if k and cpm else None
    results, note = _results_curve(item, k, shape, cost, terms, found)
    curve = results
    if results is not None and terms.outcome == "value":
        curve = HillCurve(results.beta * value, results.k, results.shape) if value else None
        if not value:
            note = _("Enter what a sale is worth (for the plan or for {name}) to weigh its "
                     "sales.").format(name=item.platform)
    values["hill_beta"] = results.beta if results is not None else None
    edited = any(getattr(item, f) is not None for f in (*CURVE_FIELDS,
                                                         COST_FIELD[terms.result_kind]))
    if curve is None:
        source = "missing"
    elif item.curve_source == "fitted" and item.hill_beta is not None:
        source = "fitted"
    else:
        source = "team" if edited else "default"
    return PlatformLine(item, values, origin, curve, source, note, defaults, stored, results,
                        impressions, found)


def _results_curve(item: PlatformBudget, k: float | None, shape: float, cost: float | None,
                   terms: BudgetTerms, found: dict[str, Benchmark]) -> tuple[HillCurve | None, str]:
    """The platform's results curve, or None and why not."""
    if item.hill_beta is not None and k is not None:
        return HillCurve(item.hill_beta, k, shape), ""
    no_rate = [b for b in found.values() if b.rate is None]
    if no_rate and (k is None or cost is None):
        return None, _("There is no exchange rate from US dollars to {currency} here: enter "
                       "the rate (with its date) in the budget step, or {name}'s own figures "
                       "in {currency}.").format(currency=terms.currency, name=item.platform)
    if cost is None:
        if terms.result_kind == "lead":
            return None, _("No cost per lead for {name} in our data: enter yours to include "
                           "it in the split (until then it keeps today's spend).").format(
                               name=item.platform)
        return None, _("No cost per sale for {name} in our data: enter yours to include it "
                       "in the split (until then it keeps today's spend).").format(
                           name=item.platform)
    if k is None:
        return None, _("No half-saturation spend for {name}: enter one to include it in the "
                       "split.").format(name=item.platform)
    return results_curve(k, shape, cost), ""


def budget_lines(section: BudgetInputs, platforms_section=None,
                 defaults: dict[str, BudgetDefaults] | None = None,
                 terms: BudgetTerms | None = None) -> list[PlatformLine]:
    """The platforms of the budget: the team's items here (those still included), then
    the platforms chosen in the platforms step that have none yet (all defaults).

    A platform chosen as "reserve the handle only" is not an account to run: left out.
    ``terms`` (``outcomes.budget_terms``) give the plan's currency and outcome.
    """
    defaults = load_budget_defaults() if defaults is None else defaults
    lines = [resolve(item, defaults.get(item.id), terms=terms) for item in section.platforms
             if item.included]
    known = {item.id for item in section.platforms}
    for choice in active_choices(getattr(platforms_section, "choices", []) or []):
        if choice.id not in known:
            known.add(choice.id)
            lines.append(resolve(default_item(choice.id, choice.platform),
                                 defaults.get(choice.id), stored=False, terms=terms))
    return lines


def with_item(section: BudgetSection, item: PlatformBudget) -> BudgetSection:
    """The section with ``item`` stored in place of the one with its id (or added)."""
    items = list(section.platforms)
    index = next((i for i, old in enumerate(items) if old.id == item.id), None)
    if index is None:
        items.append(item)
    else:
        items[index] = item
    return section.model_copy(update={"platforms": items})
