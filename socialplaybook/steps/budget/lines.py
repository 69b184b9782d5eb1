"""The budget's platforms: the team's values over the toolkit's defaults, one line each."""

from __future__ import annotations

from dataclasses import dataclass

from socialplaybook.rules.i18n import _
from socialplaybook.steps.budget.curves import HillCurve, default_beta
from socialplaybook.steps.budget.defaults import BudgetDefaults, load_budget_defaults
from socialplaybook.steps.budget.section import BudgetInputs, BudgetSection, PlatformBudget
from socialplaybook.steps.budget.time import platform_hours_per_week
from socialplaybook.steps.platforms.portfolio import active_choices

TIME_FIELDS = ("posts_per_week", "minutes_per_post", "messages_per_week", "minutes_per_answer",
               "listening_hours_per_week")
CURVE_FIELDS = ("hill_beta", "hill_k", "hill_shape")


@dataclass(frozen=True)
class PlatformLine:
    """One platform of the budget with every value resolved: the team's, else the default.

    ``origin`` says for each resolved value "team", "default" (the toolkit's: judgement
    or a cited figure) or "missing" (nobody gave one). ``curve`` is None when it cannot
    be drawn (no CPM and no curve of the team's); ``curve_note`` then says why.
    """

    item: PlatformBudget
    values: dict[str, float | None]
    origin: dict[str, str]
    curve: HillCurve | None
    curve_origin: str  # "default", "team", "fitted" or "missing"
    curve_note: str
    defaults: BudgetDefaults | None
    stored: bool

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


def resolve(item: PlatformBudget, defaults: BudgetDefaults | None = None,
            stored: bool = True) -> PlatformLine:
    """``item`` with each value not entered taken from the toolkit's defaults."""
    values: dict[str, float | None] = {}
    origin: dict[str, str] = {}
    for name in (*TIME_FIELDS, "organic_reach_percent", "cpm"):
        own = getattr(item, name)
        default = getattr(defaults, name, None) if defaults else None
        values[name] = own if own is not None else default
        origin[name] = "team" if own is not None else ("default" if default is not None
                                                       else "missing")
    k = item.hill_k if item.hill_k is not None else (
        defaults.half_saturation_spend if defaults else None)
    shape = item.hill_shape if item.hill_shape is not None else (
        (defaults.hill_shape if defaults else None) or 1.0)
    beta = item.hill_beta
    note = ""
    if beta is None and k is not None and values["cpm"]:
        beta = default_beta(k, values["cpm"])
    curve = None
    if beta is not None and k is not None:
        curve = HillCurve(beta, k, shape)
        edited = any(getattr(item, f) is not None for f in CURVE_FIELDS) or (
            origin["cpm"] == "team")
        source = item.curve_source if item.curve_source == "fitted" else (
            "team" if edited else "default")
    else:
        source = "missing"
        if not values["cpm"]:
            note = _("No CPM in our data: enter yours (or your own curve) to include it in "
                     "the allocation.")
        else:
            note = _("No half-saturation spend: enter one to include it in the allocation.")
    values.update(hill_beta=beta, hill_k=k, hill_shape=shape)
    return PlatformLine(item, values, origin, curve, source, note, defaults, stored)


def budget_lines(section: BudgetInputs, platforms_section=None,
                 defaults: dict[str, BudgetDefaults] | None = None) -> list[PlatformLine]:
    """The platforms of the budget: the team's items here (those still included), then
    the platforms chosen in the platforms step that have none yet (all defaults).

    A platform chosen as "reserve the handle only" is not an account to run: left out.
    """
    defaults = load_budget_defaults() if defaults is None else defaults
    lines = [resolve(item, defaults.get(item.id)) for item in section.platforms
             if item.included]
    known = {item.id for item in section.platforms}
    for choice in active_choices(getattr(platforms_section, "choices", []) or []):
        if choice.id not in known:
            known.add(choice.id)
            lines.append(resolve(default_item(choice.id, choice.platform),
                                 defaults.get(choice.id), stored=False))
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
