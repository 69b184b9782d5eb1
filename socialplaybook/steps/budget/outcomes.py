"""What the paid budget is split to bring: the team's outcome, never impressions.

The team chooses leads, sales, or the money value of its sales (``outcome``; when it has
not, the planning step's goals decide: a leads goal counts leads, a revenue goal sales,
else leads, said as the toolkit's default). Each platform's results curve has the shape
of its response curve (half-saturation spend ``k``, shape ``s``) and the height that
makes its cost per result hold at ``k``: ``beta = 2 · k / cost per result``, so that at
``k`` the curve gives ``k / cost`` results (the same judgement the impressions curve makes
with the CPM, ``curves.py``). A team's own curve, or one fitted to its history, counts
results directly. For "value" the curve is the sales curve times the value of a sale.

A platform with no cost per result (none cited, none entered) has no results curve: it is
held at today's spend and says so, rather than being given an impressions curve under a
results label. Impressions stay a secondary, labelled view (``reach.py``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from socialplaybook.rules.currency import ExchangeRate, team_rate
from socialplaybook.rules.i18n import _, ngettext
from socialplaybook.rules.numbers import format_money, format_rounded
from socialplaybook.steps.budget.curves import HillCurve
from socialplaybook.steps.budget.defaults import BENCHMARK_CURRENCY
from socialplaybook.steps.budget.section import BudgetInputs

if TYPE_CHECKING:  # annotations only: lines.py imports this module
    from socialplaybook.steps.budget.lines import PlatformLine
    from socialplaybook.steps.budget.optimiser import Allocation

# The kind of result each outcome counts ("value" weighs sales by what a sale is worth).
RESULT_KIND = {"leads": "lead", "sales": "sale", "value": "sale"}
DEFAULT_OUTCOME = "leads"
# A planning goal's business result and the outcome it asks the paid budget for.
OUTCOME_OF_GOAL = {"leads": "leads", "revenue": "sales"}


def outcome_labels() -> dict[str, str]:
    """Each outcome as the app names it."""
    return {"leads": _("Leads"), "sales": _("Sales"),
            "value": _("Value of sales (sales × what a sale is worth)")}


@dataclass(frozen=True)
class BudgetTerms:
    """What every platform line is resolved with: the plan's currency, the plan's own
    exchange rate (None: the toolkit's dated rate), the outcome and where it comes from
    ("budget", "planning" or "default"), the value of a sale and the team's name for a
    result ("": the outcome's own words)."""

    currency: str = BENCHMARK_CURRENCY
    rate_override: ExchangeRate | None = None
    outcome: str = DEFAULT_OUTCOME
    outcome_origin: str = "default"
    value_per_sale: float | None = None
    unit_name: str = ""

    @property
    def result_kind(self) -> str:
        """"lead" or "sale": what one result is."""
        return RESULT_KIND[self.outcome]

    def results_text(self, count: float, locale: str = "en") -> str:
        """``count`` results in words: "0.38 leads", "1 sale", "NOK 1,250 of sales"."""
        number = format_significant(count, locale)
        if self.outcome == "value":
            return _("{money} of sales").format(money=f"{self.currency} {number}".strip())
        if self.unit_name:
            return f"{number} {self.unit_name}"
        many = 1 if number == "1" else 2
        if self.outcome == "leads":
            return ngettext("{n} lead", "{n} leads", many).format(n=number)
        return ngettext("{n} sale", "{n} sales", many).format(n=number)

    def unit(self) -> str:
        """The unit of the allocation's response, for an axis or a column."""
        if self.outcome == "value":
            return _("{currency} of sales").format(currency=self.currency)
        if self.unit_name:
            return self.unit_name
        return _("leads") if self.outcome == "leads" else _("sales")


def outcome_from_planning(planning) -> str | None:
    """The outcome the planning step's goals ask for: the first goal for leads or revenue."""
    for goal in getattr(planning, "goals", []) or []:
        outcome = OUTCOME_OF_GOAL.get(getattr(goal, "business_result", None) or "")
        if outcome:
            return outcome
    return None


def budget_terms(section: BudgetInputs, currency: str = BENCHMARK_CURRENCY,
                 planning=None) -> BudgetTerms:
    """The terms the section's lines are resolved with (``currency``: the plan's)."""
    if section.outcome is not None:
        outcome, origin = section.outcome, "budget"
    elif (from_goals := outcome_from_planning(planning)) is not None:
        outcome, origin = from_goals, "planning"
    else:
        outcome, origin = DEFAULT_OUTCOME, "default"
    override = None
    if section.exchange_rate_per_usd is not None and section.exchange_rate_date is not None:
        override = team_rate(section.exchange_rate_per_usd, section.exchange_rate_date,
                             currency or BENCHMARK_CURRENCY)
    return BudgetTerms(currency or BENCHMARK_CURRENCY, override, outcome, origin,
                       section.value_per_sale, section.response_unit)


def results_curve(half_saturation: float, shape: float, cost_per_result: float) -> HillCurve:
    """The results a month, shaped like the response curve, whose cost per result holds at
    the half-saturation spend: ``beta = 2 · k / cost per result``."""
    if not cost_per_result > 0:
        raise ValueError(_("A cost per result must be more than 0."))
    return HillCurve(2 * half_saturation / cost_per_result, half_saturation, shape)


def cost_per_sale_from(cost_per_lead: float, lead_to_sale_percent: float) -> float:
    """A cost per sale from a cost per lead and the share of leads that buy: ``CPL / rate``.

    For a team that knows its leads' conversion rate but not a cost per sale.
    """
    if not 0 < lead_to_sale_percent <= 100:
        raise ValueError(_("The share of leads that buy must be above 0 and at most 100 %."))
    return cost_per_lead / (lead_to_sale_percent / 100)


def format_significant(value: float, locale: str = "en", digits: int = 2) -> str:
    """``value`` to ``digits`` significant digits (whole numbers from 10 ** digits up):
    0.38, 0.038, 4.2, 42, 1,250."""
    if value == 0 or not math.isfinite(value):
        return format_rounded(value, locale=locale)
    decimals = max(0, digits - 1 - math.floor(math.log10(abs(value))))
    return format_rounded(value, locale=locale, max_decimals=decimals)


def money_step(budget: float) -> float:
    """The amount "the next ..." speaks of: about a twentieth of the budget, a round number
    (1, 2, 2.5 or 5 times a power of ten), at least 1: 100 for 2,000, 500 for 10,000."""
    target = max(budget / 20, 1.0)
    power = 10 ** math.floor(math.log10(target))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= target)


def marginal_sentence(platform: str, curve: HillCurve, spend: float, step: float,
                      terms: BudgetTerms, locale: str = "en") -> str:
    """What the next ``step`` of money brings on a platform, in the outcome's unit."""
    gained = curve.response(spend + step) - curve.response(spend)
    return _("The next {money} on {platform} brings {results}.").format(
        money=format_money(step, terms.currency, locale), platform=platform,
        results=terms.results_text(gained, locale))


def allocation_explanations(allocation: Allocation, lines: Sequence[PlatformLine],
                            terms: BudgetTerms, locale: str = "en") -> dict[str, str]:
    """Per platform, why it gets its share, in the outcome's unit: what the next amount
    brings there, or why it is held (no cost per result, held fixed)."""
    if not allocation.feasible:
        return {}
    step = money_step(allocation.budget)
    by_id = {line.id: line for line in lines}
    found: dict[str, str] = {}
    for result in allocation.lines:
        line = by_id.get(result.id)
        if line is None:
            continue
        if line.curve is None:
            found[result.id] = line.curve_note
        elif result.bound == "fixed":
            found[result.id] = _("Held at today's spend, as you asked. {next}").format(
                next=marginal_sentence(result.name, line.curve, result.spend, step, terms,
                                       locale))
        else:
            found[result.id] = marginal_sentence(result.name, line.curve, result.spend, step,
                                                 terms, locale)
    return found
